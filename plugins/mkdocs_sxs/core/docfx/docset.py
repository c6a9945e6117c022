"""A docset's files and how DocFX resolves a link between them.

DocFX builds on case-insensitive Windows disks and accepts `~/` paths,
backslashes, extension-less and folder links and docset-absolute URLs
(`/partner-center/…`). Rendering (to rewrite links into ones a static site
serves) and link checking (to report them) must agree on what a link points
at, so both use `resolve_link` here.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

PAGE_EXTENSIONS = (".md", ".yml", ".yaml")
MEDIA_EXTENSIONS = (
    ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp", ".ico", ".tif", ".tiff",
    ".mp4", ".webm", ".mov", ".pdf", ".zip", ".xlsx", ".xls", ".docx", ".doc", ".pptx", ".csv", ".json", ".xml",
)
_SKIP_DIRS = {".git", "obj", "_site", "site", "__pycache__", "node_modules"}
# What a folder link (`folder/`, `~/`) opens. A TOC's folder href opens the folder's TOC first (core/docfx/toc.py).
FOLDER_PAGES = ("index.md", "index.yml")

KIND_PAGE = "page"
KIND_MEDIA = "media"
KIND_FILE = "file"
KIND_ANCHOR = "anchor"          # `#x`: the same page
KIND_EXTERNAL = "external"      # http(s) and other schemes
KIND_MAILTO = "mailto"
KIND_OTHER_DOCSET = "other-docset"  # `/azure/…`: published elsewhere on the same site
KIND_OUTSIDE = "outside"        # `../../x.md` leaving the docset folder
KIND_EMPTY = "empty"


@dataclass
class Docset:
    """The files of one docset folder, with case-insensitive lookup."""

    root: Path
    files: frozenset[str]
    lower: dict[str, list[str]]
    url_prefixes: tuple[str, ...] = ()

    @classmethod
    def scan(cls, root: str | os.PathLike[str], url_prefixes: tuple[str, ...] | list[str] = ()) -> Docset:
        """List every file under `root` (relative posix paths)."""
        base = Path(root).resolve()
        found: list[str] = []
        for folder, dirs, names in os.walk(base):
            dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
            relative = os.path.relpath(folder, base)
            prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
            found.extend(prefix + name for name in names)
        return cls.from_files(base, found, url_prefixes)

    @classmethod
    def from_files(cls, root: str | os.PathLike[str], files: list[str] | set[str] | frozenset[str],
                   url_prefixes: tuple[str, ...] | list[str] = ()) -> Docset:
        lower: dict[str, list[str]] = {}
        for name in sorted(files):
            lower.setdefault(name.lower(), []).append(name)
        prefixes = tuple("/" + p.strip("/") + "/" for p in url_prefixes if p.strip("/"))
        return cls(Path(root), frozenset(files), lower, prefixes)

    def find(self, relative: str) -> tuple[str | None, bool]:
        """(the file as spelled on disk, whether the spelling differed)."""
        if relative in self.files:
            return relative, False
        matches = self.lower.get(relative.lower())
        if matches:
            return matches[0], True
        return None, False

    def folders(self) -> set[str]:
        result = set()
        for name in self.files:
            parts = name.split("/")[:-1]
            for depth in range(1, len(parts) + 1):
                result.add("/".join(parts[:depth]))
        return result

    def pages(self) -> list[str]:
        return sorted(name for name in self.files if name.lower().endswith(PAGE_EXTENSIONS))


@dataclass
class LinkTarget:
    """What a link, as written on a page, points at."""

    href: str
    kind: str
    path: str | None = None          # the existing file (docset-relative, spelled as on disk)
    wanted: str | None = None        # the resolved path as the link spells it
    anchor: str | None = None
    query: str | None = None
    exists: bool | None = None       # None: not checkable offline (external, other docset)
    case_mismatch: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def url_path(self) -> str | None:
        """For other-docset links: the absolute path (`/azure/x`)."""
        return self.wanted if self.kind == KIND_OTHER_DOCSET else None


def split_href(href: str) -> tuple[str, str | None, str | None]:
    """(path, query, anchor) of a link destination."""
    anchor = None
    query = None
    if "#" in href:
        href, anchor = href.split("#", 1)
    if "?" in href:
        href, query = href.split("?", 1)
    return href, query, anchor


def _kind_for(path: str) -> str:
    lowered = path.lower()
    if lowered.endswith(PAGE_EXTENSIONS):
        return KIND_PAGE
    if lowered.endswith(MEDIA_EXTENSIONS):
        return KIND_MEDIA
    return KIND_FILE


def resolve_link(docset: Docset, from_page: str, href: str, *,
                 folder_pages: tuple[str, ...] = FOLDER_PAGES) -> LinkTarget:
    """Resolve `href` written on `from_page` (docset-relative) like DocFX.

    `folder_pages`: the files a folder link opens, in order of preference.
    """
    raw = href
    href = href.strip()
    if href.startswith("<") and href.endswith(">"):
        href = href[1:-1].strip()
    if not href:
        return LinkTarget(raw, KIND_EMPTY, exists=False)
    lowered = href.lower()
    if lowered.startswith("mailto:") or lowered.startswith("tel:"):
        return LinkTarget(raw, KIND_MAILTO)
    if "://" in href[:12] or lowered.startswith(("//", "javascript:", "data:", "ftp:")):
        return LinkTarget(raw, KIND_EXTERNAL)
    path, query, anchor = split_href(href)
    notes: list[str] = []
    if not path:
        return LinkTarget(raw, KIND_ANCHOR, path=from_page, wanted=from_page, anchor=anchor, query=query,
                          exists=True)
    if "\\" in path:
        notes.append("backslash")
        path = path.replace("\\", "/")
    if "%" in path:
        path = unquote(path)
    if path.startswith("~/"):
        notes.append("tilde")
        joined = path[2:]
    elif path.startswith("/"):
        for prefix in docset.url_prefixes:
            if path.lower().startswith(prefix.lower()) or path.lower() + "/" == prefix.lower():
                notes.append("docset-absolute")
                joined = path[len(prefix):]
                break
        else:
            return LinkTarget(raw, KIND_OTHER_DOCSET, wanted=path, anchor=anchor, query=query)
    else:
        joined = posixpath.join(posixpath.dirname(from_page), path)
    trailing_slash = path.endswith("/")
    normalized = posixpath.normpath(joined) if joined else "."
    if normalized == ".":
        normalized = ""
    if normalized == ".." or normalized.startswith("../"):
        # `../hololens/images/p.png` written in the docset folder `hololens/` leaves it only to come back in.
        root = os.path.normpath(str(docset.root))
        back = os.path.normpath(os.path.join(root, normalized))
        if back.startswith(root + os.sep):
            inside = os.path.relpath(back, root).replace(os.sep, "/")
            return _resolve_in_docset(docset, raw, inside, trailing_slash, anchor, query, notes, folder_pages)
        outside = (docset.root / normalized).resolve()
        return LinkTarget(raw, KIND_OUTSIDE, wanted=normalized, anchor=anchor, query=query,
                          exists=outside.exists(), notes=notes)
    return _resolve_in_docset(docset, raw, normalized, trailing_slash, anchor, query, notes, folder_pages)


def _resolve_in_docset(docset: Docset, raw: str, normalized: str, trailing_slash: bool,
                       anchor: str | None, query: str | None, notes: list[str],
                       folder_pages: tuple[str, ...] = FOLDER_PAGES) -> LinkTarget:
    candidates: list[tuple[str, str | None]] = []
    base = normalized.rstrip("/")
    if trailing_slash or not base:
        candidates = [(f"{base}/{name}".lstrip("/"), "folder") for name in folder_pages]
    else:
        candidates.append((base, None))
        if not posixpath.splitext(base)[1]:
            candidates += [(base + ".md", "extensionless"), (base + "/index.md", "folder"),
                           (base + ".yml", "extensionless"), (base + "/index.yml", "folder")]
    case_hit: tuple[str, str, str | None] | None = None
    for candidate, note in candidates:
        found, mismatch = docset.find(candidate)
        if found is None:
            continue
        if not mismatch:
            return LinkTarget(raw, _kind_for(found), path=found, wanted=candidate, anchor=anchor, query=query,
                              exists=True, notes=notes + ([note] if note else []))
        if case_hit is None:
            case_hit = (found, candidate, note)
    if case_hit is not None:
        found, candidate, note = case_hit
        return LinkTarget(raw, _kind_for(found), path=found, wanted=candidate, anchor=anchor, query=query,
                          exists=True, case_mismatch=True, notes=notes + ([note] if note else []))
    wanted = candidates[0][0]
    return LinkTarget(raw, _kind_for(wanted), wanted=wanted, anchor=anchor, query=query, exists=False, notes=notes)


def relative_url(from_page: str, to_file: str) -> str:
    """A relative link from one docset file to another (posix, for Markdown)."""
    start = posixpath.dirname(from_page) or "."
    return posixpath.relpath(to_file, start)
