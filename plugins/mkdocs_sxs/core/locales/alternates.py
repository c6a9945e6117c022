"""Which locales have a page, and the URLs of its versions.

A page's versions are the files at the same docs-relative path in the other
locales' docs folders (Learn's localized repositories keep the English file
names), compared without letter case; a `.yml` page (Landing, FAQ) counts as
the `.md` page generated from it. URLs are relative to the page, or absolute
under the manifest's `site_url`; every locale's site is
`<site>/<locale path>/` and keeps the page URLs of the one build config.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from pathlib import Path

from ..reader.i18n import language_name
from .manifest import LocaleEntry, LocaleManifest

PAGE_SUFFIXES = (".md", ".yml", ".yaml")
MISSING_ANCHOR = "sxs-locale-missing"


def page_key(src_path: str) -> str:
    """`Folder/Page.yml` -> `folder/page.md`: one key for a page across locales."""
    stem, suffix = posixpath.splitext(src_path.replace("\\", "/").lstrip("/"))
    return (stem + ".md").lower() if suffix.lower() in PAGE_SUFFIXES else src_path.lower()


def scan_pages(docs_dir: str | Path) -> frozenset[str]:
    """The page keys of a docs folder (`.md` and `.yml` files; hidden folders skipped)."""
    keys: set[str] = set()
    root = str(docs_dir)
    for folder, dirs, files in os.walk(root):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        relative = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        for name in files:
            if name.lower().endswith(PAGE_SUFFIXES):
                keys.add(page_key(prefix + name))
    return frozenset(keys)


@dataclass(frozen=True)
class Version:
    """One locale's version of a page: its URL, or its home's when it lacks the page."""

    entry: LocaleEntry
    href: str
    exists: bool
    current: bool


class LocaleSite:
    """The manifest plus each locale's pages, seen from the locale being built."""

    def __init__(self, manifest: LocaleManifest, current: LocaleEntry,
                 pages: dict[str, frozenset[str]] | None = None) -> None:
        self.manifest = manifest
        self.current = current
        self.pages = pages if pages is not None else {
            entry.path: scan_pages(manifest.docs_dir(entry)) for entry in manifest.locales}

    def has_page(self, entry: LocaleEntry, src_path: str) -> bool:
        return page_key(src_path) in self.pages.get(entry.path, frozenset())

    def locale_url(self, entry: LocaleEntry, page_url: str, from_url: str) -> str:
        """URL of `page_url` (a site-relative page URL such as `a/b/`) in `entry`'s site."""
        if self.manifest.site_url:
            return f"{self.manifest.site_url}{entry.path}/{page_url}"
        up = "../" * (from_url.count("/") + 1)
        return f"{up}{entry.path}/{page_url}"

    def versions(self, src_path: str, page_url: str, *, on_disk: bool = True) -> list[Version]:
        """Every locale's version of the page (the current one included), in manifest order.

        `on_disk=False` (a generated page, e.g. an annotation index): other
        locales are not known to have it, so their entries lead to their home.
        """
        out = []
        for entry in self.manifest.locales:
            current = entry == self.current
            exists = current or (on_disk and self.has_page(entry, src_path))
            href = self.locale_url(entry, page_url if exists else "", page_url)
            out.append(Version(entry, href if exists else f"{href}#{MISSING_ANCHOR}", exists, current))
        return out

    def display_names(self) -> dict[str, str]:
        """Each locale's name in its own language; the region is added where two share a language."""
        names = {entry.path: language_name(entry.tag, entry.tag) for entry in self.manifest.locales}
        counts: dict[str, int] = {}
        for name in names.values():
            counts[name] = counts.get(name, 0) + 1
        for entry in self.manifest.locales:
            if counts[names[entry.path]] > 1:
                names[entry.path] = _full_name(entry.tag)
        return names


def _full_name(tag: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return tag
    name = locale.get_display_name(locale) or tag
    return name[:1].upper() + name[1:]
