"""Breadcrumb TOCs (`breadcrumb/toc.yml`, `_breadcrumb/toc.yml`): the trail Learn shows above a page.

A breadcrumb TOC names site paths, not files: each entry's `tocHref` is the
URL area it covers (`/visualstudio/debugger/`) and its `topicHref` the page a
reader lands on. The trail of a page is the deepest chain of entries whose
`tocHref` contains the page's published URL. These TOCs are never
navigation and their hrefs are never checked as page links.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import yaml

from ..files import bounded_yaml
from ..files.safe_paths import UnsafePathError, resolve_inside
from .docset import Docset, resolve_link

BREADCRUMB_FOLDERS = ("breadcrumb", "_breadcrumb")
_MAX_DEPTH = 12


@dataclass
class Crumb:
    """One entry of a breadcrumb TOC."""

    name: str
    toc_href: str
    topic_href: str
    children: list[Crumb] = field(default_factory=list)


def read_breadcrumb(text: str) -> list[Crumb]:
    """The entries of a breadcrumb TOC's text; anything malformed is left out (it is decoration, not content)."""
    try:
        data = bounded_yaml.load(text)  # alias and size limits (YamlLimitError is a YAMLError)
    except yaml.YAMLError:
        return []
    if isinstance(data, dict):
        data = data.get("items")
    return _crumbs(data, 0)


def _crumbs(items: object, depth: int) -> list[Crumb]:
    if not isinstance(items, list) or depth > _MAX_DEPTH:
        return []
    out = []
    for item in items:
        if not isinstance(item, dict):
            continue
        keys = {str(k).lower(): v for k, v in item.items()}
        name, toc = keys.get("name"), keys.get("tochref")
        if not isinstance(name, str) or not isinstance(toc, str):
            continue
        topic = keys.get("topichref") if isinstance(keys.get("topichref"), str) else toc
        out.append(Crumb(name.strip(), toc.strip(), str(topic).strip(), _crumbs(keys.get("items"), depth + 1)))
    return out


def find_breadcrumb_toc(docset: Docset, breadcrumb_path: str | None = None) -> str | None:
    """The docset's breadcrumb TOC: docfx.json's `breadcrumb_path` (`/ef/toc.json` → `toc.yml` of
    the docset only when it is a breadcrumb TOC), else `breadcrumb/toc.yml` or `_breadcrumb/toc.yml`."""
    if breadcrumb_path:
        path = breadcrumb_path.strip()
        if path.lower().endswith(".json"):
            path = path[:-5] + ".yml"
        target = resolve_link(docset, "", path)
        if target.exists and target.path and posixpath.dirname(target.path).split("/")[-1].lower() in \
                BREADCRUMB_FOLDERS:
            return target.path
    for folder in BREADCRUMB_FOLDERS:
        found, _ = docset.find(f"{folder}/toc.yml")
        if found:
            return found
    return None


def trail(crumbs: list[Crumb], url_path: str) -> list[Crumb]:
    """The breadcrumb of `url_path` (a site path, `/ef/core/x`): the entry whose `tocHref` area is the
    most specific one holding the path (deepest on a tie), with its ancestors. Ancestors need not hold
    the path themselves (Learn nests `/visualstudio/msbuild/` under `/visualstudio/windows`)."""
    wanted = _area(url_path)
    best: tuple[int, int] = (-1, -1)
    best_chain: list[Crumb] = []

    def walk(entries: list[Crumb], chain: list[Crumb]) -> None:
        nonlocal best, best_chain
        for entry in entries:
            path = [*chain, entry]
            area = _area(entry.toc_href)
            if area == "/" or wanted == area or wanted.startswith(area.rstrip("/") + "/"):
                score = (0 if area == "/" else len(area), len(path))
                if score > best:
                    best, best_chain = score, path
            walk(entry.children, path)

    walk(crumbs, [])
    return best_chain


def _area(href: str) -> str:
    path = href.split("#", 1)[0].split("?", 1)[0].strip() or "/"
    if "://" in path:
        path = "/" + path.split("://", 1)[1].partition("/")[2]
    return "/" + path.strip("/").lower() if path.strip("/") else "/"


def breadcrumb_html(chain: list[Crumb], url_for: dict[str, str] | None = None, *, label: str = "Breadcrumb") -> str:
    """`<nav class="sxs-breadcrumb">` with one link per entry; `url_for`: topicHref → the URL to use."""
    if not chain:
        return ""
    items = []
    for crumb in chain:
        url = (url_for or {}).get(crumb.topic_href, crumb.topic_href)
        items.append(f'<li><a href="{escape(url, quote=True)}">{escape(crumb.name)}</a></li>')
    return (f'<nav class="sxs-breadcrumb" aria-label="{escape(label, quote=True)}"><ol>'
            + "".join(items) + "</ol></nav>\n")


def read_breadcrumb_file(root: str | Path, rel: str) -> list[Crumb]:
    try:  # inside the docset, no symlink out
        return read_breadcrumb(resolve_inside(root, rel).read_text(encoding="utf-8-sig", errors="replace"))
    except (OSError, UnsafePathError):
        return []
