"""What every DocFX Markdown transform needs to know about the page.

One `DocfxContext` per page: the docset, the page being built, its locale,
the options, and what the transforms found (problems, media to copy).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from ..docset import Docset
from ..lines import LineIndex
from ..model import LEVEL_WARNING, Problem

DEFAULT_EXTERNAL_BASE_URL = "https://learn.microsoft.com/{locale}"


@dataclass
class DocfxOptions:
    """How DocFX Markdown is turned into Markdown a static site serves."""

    locale: str | None = None
    # Where other docsets live: `/azure/x` -> `{base}/azure/x`; `{locale}` is
    # the page locale, lowercased (`cs-cz`).
    external_base_url: str = DEFAULT_EXTERNAL_BASE_URL
    # A folder (e.g. the English repository's docset folder) or a base URL
    # where media missing from the localized docset are taken from.
    media_fallback: str | None = None
    # MkDocs serves `a/b.md` at `a/b/` (True) or `a/b.html`; raw HTML links
    # are not rewritten by MkDocs, so they need the final URL.
    use_directory_urls: bool = True
    # Includes nest at most this deep (a cycle is cut earlier).
    max_include_depth: int = 10


@dataclass
class MediaCopy:
    """A fallback file the site must serve at `dest` (docset-relative)."""

    source: str
    dest: str


@dataclass
class DocfxContext:
    docset: Docset
    page_path: str
    options: DocfxOptions = field(default_factory=DocfxOptions)
    problems: list[Problem] = field(default_factory=list)
    media: list[MediaCopy] = field(default_factory=list)
    _fallback: Docset | None = None
    _fallback_scanned: bool = False

    @property
    def locale(self) -> str:
        return self.options.locale or "en-us"

    def base_url(self) -> str:
        base = self.options.external_base_url or DEFAULT_EXTERNAL_BASE_URL
        return base.replace("{locale}", self.locale.lower()).rstrip("/")

    def report(self, source: SourceText, offset: int, code: str, message: str,
               level: str = LEVEL_WARNING) -> None:
        line, column = source.position(offset)
        self.problems.append(Problem(source.path, line, column, code, message, level))

    def fallback_docset(self) -> Docset | None:
        """The fallback media folder, scanned once per page context."""
        if not self._fallback_scanned:
            self._fallback_scanned = True
            folder = self.options.media_fallback
            if folder and not is_url(folder) and Path(folder).is_dir():
                self._fallback = _cached_scan(str(Path(folder).resolve()))
        return self._fallback


class SourceText:
    """One file's text as a transform sees it, for file:line reports."""

    def __init__(self, path: str, text: str, line_offset: int = 0) -> None:
        self.path = path
        self.text = text
        self.line_offset = line_offset
        self._index: LineIndex | None = None

    def position(self, offset: int) -> tuple[int, int]:
        if self._index is None:
            self._index = LineIndex(self.text)
        line, column = self._index.position(offset)
        return line + self.line_offset, column


_SCANS: dict[str, Docset] = {}


def _cached_scan(folder: str) -> Docset:
    if folder not in _SCANS:
        _SCANS[folder] = Docset.scan(folder)
    return _SCANS[folder]


def is_url(value: str) -> bool:
    return "://" in value[:12] or value.startswith("//")


def page_url(path: str, use_directory_urls: bool) -> str:
    """The URL (site-relative) MkDocs gives a docset file."""
    stem, ext = posixpath.splitext(path)
    if ext.lower() not in (".md", ".yml", ".yaml"):
        return path
    if not use_directory_urls:
        return stem + ".html"
    name = posixpath.basename(stem)
    if name.lower() in ("index", "readme"):
        folder = posixpath.dirname(stem)
        return folder + "/" if folder else ""
    return stem + "/"


def html_relative(from_page: str, to_file: str, use_directory_urls: bool) -> str:
    """A link from a page's served URL to a file's served URL (for raw HTML)."""
    source = page_url(from_page, use_directory_urls)
    target = page_url(to_file, use_directory_urls)
    start = source if source.endswith("/") or not source else posixpath.dirname(source)
    start = start.rstrip("/") or "."
    result = posixpath.relpath(target or ".", start)
    if target.endswith("/") and not result.endswith("/"):
        result += "/"
    return "./" if result in (".", "./") else result
