"""Page URLs as MkDocs computes them, without MkDocs: the Zensical project and the plugin agree on them."""

from __future__ import annotations

import functools
import posixpath
from urllib.parse import quote

PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


def page_url(src: str, use_directory_urls: bool = True) -> str:
    """The site URL of docs file `src` (`a/b.md` → `a/b/`, `a/index.md` → `a/`), as MkDocs' `File.url`."""
    if not src.lower().endswith(PAGE_SUFFIXES):
        return quote(src)
    parent, filename = posixpath.split(src)
    stem = posixpath.splitext(filename)[0]
    stem = "index" if stem == "README" else stem
    if not use_directory_urls or stem == "index":
        dest = posixpath.join(parent, stem + ".html")
    else:
        dest = posixpath.join(parent, stem, "index.html")
    dirname, name = posixpath.split(dest)
    if use_directory_urls and name == "index.html":
        dest = (dirname or ".") + "/"
    return quote(dest)


@functools.cache
def _parts(path: str) -> tuple[str, ...]:
    if not path.startswith("/"):
        path = "/" + path
    path = posixpath.normpath(path)[1:]
    return tuple(path.split("/")) if path else ()


def relative_url(url: str, other: str) -> str:
    """`url` relative to the page at `other`, as MkDocs' `get_relative_url` (a dotted last part is a file)."""
    dirname, _, basename = other.rpartition("/")
    if "." in basename:
        other = dirname
    other_parts, dest_parts = _parts(other), _parts(url)
    common = 0
    for a, b in zip(other_parts, dest_parts, strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(other_parts) - common) + list(dest_parts[common:])) or "."
    return rel + "/" if url.endswith("/") else rel
