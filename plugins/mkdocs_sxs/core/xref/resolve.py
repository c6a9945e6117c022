"""One resolver for every cross-reference: the site build and `mkdocs-sxs check` ask it the same question.

A uid the docset defines resolves to that page (with the page's localized
title as link text when the source gives none); a pair of pages with one uid
is reported once (`UidMap.duplicates`). A uid an xref map defines (maps.py:
docfx.json `build.xref`, option `xref_maps`) links to the map's href with its
name. Any other uid is an API
name from outside the docset (`System.String`, `Microsoft.EntityFrameworkCore.DbContext`):
it links to a configurable reference site, by default the Learn API browser
in the page's locale. A uid that cannot be an API name (`core/missing-page`,
spaces) is unresolved: shown as text and reported as broken. DocFX's
shorthand `@uid` never fails: unresolved, non-API `@name` stays the text it
is (`@smitpatel`, `@Url`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..reader.url_policy import safe_href
from .maps import XrefMaps, load_xref_maps
from .syntax import XrefUse
from .uids import UidMap

DEFAULT_XREF_BASE_URL = "https://learn.microsoft.com/{locale}/dotnet/api/"

KIND_PAGE = "page"              # a page of this docset
KIND_MAP = "map"                # defined by another docset's xref map (docfx.json `build.xref`, `xref_maps`)
KIND_API = "api"                # not defined here: linked to the API reference site
KIND_UNRESOLVED = "unresolved"  # not defined here and no API name: text, reported as broken
KIND_TEXT = "text"              # an unresolved shorthand `@word`: left as written, not a cross-reference

# A .NET API uid: dotted identifiers, optionally generic arity, `#ctor`, `*` overloads, a parameter list.
_API_SHORTHAND = re.compile(r"^[A-Za-z_][\w`]*(?:\.[\w`#@\-]+)+\*?(?:\([^()]*\))?\*?$")
_API_EXPLICIT = re.compile(r"^[A-Za-z_][\w`#@\-]*(?:\.[\w`#@\-]+)*\*?(?:\([^()]*\))?\*?$")
_GENERIC = re.compile(r"``?(\d+)")
# First segments of the API names the Learn API browser documents (for the `@uid` shorthand only).
API_ROOT_NAMESPACES = frozenset({
    "System", "Microsoft", "Windows", "Azure", "EnvDTE", "EnvDTE80", "EnvDTE90", "EnvDTE100", "VSLangProj",
    "VSLangProj80", "Xamarin", "Android", "Foundation", "UIKit", "AppKit", "Mono", "NuGet", "Orleans",
    "Accessibility", "Office", "Extensibility", "ADODB", "MSHTML", "Microsoft_VsSDK"})


@dataclass
class XrefResolution:
    """What a cross-reference turns into."""

    use: XrefUse
    kind: str
    path: str | None = None          # KIND_PAGE: the docset page
    url: str | None = None           # KIND_API: the reference URL (anchor included)
    text: str | None = None          # the link text a reader sees when the source gives none
    source_text: str | None = None   # the same in English (for the English originals of sxs pages)

    @property
    def anchor(self) -> str | None:
        return self.use.anchor


class XrefResolver:
    """Resolves uses of one docset's uids; `base_url` takes `{locale}` (lowercased page locale)."""

    def __init__(self, uids: UidMap, base_url: str | None = None, maps: XrefMaps | None = None) -> None:
        self.uids = uids
        self.base_url = base_url or DEFAULT_XREF_BASE_URL
        self.maps = maps or XrefMaps()

    def resolve(self, use: XrefUse, locale: str | None = None) -> XrefResolution:
        target = self.uids.get(use.uid)
        if target is not None:
            title, source_title = self.uids.title(target.path)
            fallback = use.uid
            return XrefResolution(use, KIND_PAGE, path=target.path, text=title or fallback,
                                  source_text=source_title or title or fallback)
        entry = self.maps.get(use.uid)
        if entry is not None and safe_href(entry.href) is not None:  # a map's href goes through the URL policy
            url = entry.href + (f"#{use.anchor}" if use.anchor and "#" not in entry.href else "")
            name = entry.display(use.display_property)
            return XrefResolution(use, KIND_MAP, url=url, text=name, source_text=name)
        if use.shorthand:
            # `@Model.Name` in Razor prose is no API: DocFX leaves an unresolved shorthand as text, and the
            # Learn xref service knows the .NET namespaces; only those roots are taken as API names here.
            api = bool(_API_SHORTHAND.match(use.uid)) and use.uid.split(".", 1)[0] in API_ROOT_NAMESPACES
        else:
            api = bool(_API_EXPLICIT.match(use.uid))
        if api:
            name = api_display_name(use.uid, use.display_property)
            return XrefResolution(use, KIND_API, url=self.api_url(use.uid, use.anchor, locale), text=name,
                                  source_text=name)
        if use.shorthand:
            return XrefResolution(use, KIND_TEXT, text=use.raw, source_text=use.raw)
        return XrefResolution(use, KIND_UNRESOLVED, text=use.uid, source_text=use.uid)

    def api_url(self, uid: str, anchor: str | None = None, locale: str | None = None) -> str:
        base = self.base_url.replace("{locale}", (locale or "en-us").lower())
        if not base.endswith(("/", "=")):
            base += "/"
        return base + api_path(uid) + (f"#{anchor}" if anchor else "")


def docset_resolver(root: str | os.PathLike[str], pages: Iterable[str], base_url: str | None = None,
                    xref_maps: Iterable[str] = ()) -> XrefResolver:
    """The resolver of one docset: its pages' uids, its xref maps (docfx.json and `xref_maps`), the API base."""
    return XrefResolver(UidMap.scan(root, pages), base_url, load_xref_maps(root, xref_maps))


def api_path(uid: str) -> str:
    """The Learn API browser's page name of a uid: `System.String.#ctor(System.Char[])` → `system.string.-ctor`."""
    path = uid.split("(", 1)[0].replace("*", "").replace("#", "-").replace("``", "-").replace("`", "-")
    return path.strip(".").lower()


def api_display_name(uid: str, display_property: str | None = None) -> str:
    """`name` (default), `nameWithType` or `fullName` of an API uid, as Learn shows it (`List<T>`, `Debug.Assert`)."""
    core = uid.split("(", 1)[0].replace("*", "").strip(".")
    parts = [part for part in core.split(".") if part]
    if not parts:
        return uid
    if parts[-1] in ("#ctor", "#cctor") and len(parts) > 1:
        parts = parts[:-1] + [parts[-2]]
    prop = (display_property or "name").lower()
    if prop == "fullname":
        chosen = parts
    elif prop == "namewithtype":
        chosen = parts[-2:]
    else:
        chosen = parts[-1:]
    return ".".join(_generic(part) for part in chosen)


def _generic(part: str) -> str:
    def params(match: re.Match[str]) -> str:
        count = int(match.group(1))
        return "<T>" if count == 1 else "<" + ",".join(f"T{i}" for i in range(1, count + 1)) + ">"

    return _GENERIC.sub(params, part)
