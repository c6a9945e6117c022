"""The navigation the TOC files describe, as plain data: what goes where, which page lives in which TOC.

Engine adapters map the nodes onto their own objects (MkDocs' `Page`, `Link`,
`Section`; a Zensical `nav:` list). A page named by several TOCs lives in its
nearest TOC (as in DocFX) and the other entries link to it; an entry whose
page is not in the site is left out with a problem naming the TOC file and line.
"""

from __future__ import annotations

import json
import os
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field

from ..docfx import yamlpages
from ..docfx.toc import Toc, TocEntry
from ..reader.model import Problem


@dataclass
class NavNode:
    """One item: a page placed here (`src`), a link (`url` external, or `link_to` a page placed elsewhere),
    or a section (`children`; a TOC entry with both a page and children is a section whose first child is
    the page)."""

    title: str  # as the TOC writes it: not escaped
    src: str | None = None
    url: str | None = None
    link_to: str | None = None
    children: list[NavNode] = field(default_factory=list)
    expanded: bool = False  # the TOC's `expanded: true`: the section starts open

    @property
    def is_section(self) -> bool:
        return bool(self.children)


@dataclass
class TocNav:
    areas: list[tuple[Toc, list[NavNode]]]  # each TOC and its top-level items
    placed: list[str]  # the pages placed in the navigation, in TOC order
    problems: list[Problem] = field(default_factory=list)

    @property
    def items(self) -> list[NavNode]:
        return [item for _, items in self.areas for item in items]


def page_owners(tocs: list[Toc]) -> dict[str, str]:
    """Which TOC a page belongs to: the nearest one up its folder (as DocFX picks), else the first naming it."""
    owners: dict[str, tuple[int, int]] = {}
    for order, toc in enumerate(tocs):
        folder = posixpath.dirname(toc.path)
        for entry in toc.walk():
            if not entry.href or entry.external:
                continue
            inside = not folder or entry.href.startswith(folder + "/")
            rank = -(folder.count("/") + 1) if inside and folder else (0 if inside else 1)
            best = owners.get(entry.href)
            if best is None or (rank, order) < best:
                owners[entry.href] = (rank, order)
    return {href: tocs[order].path for href, (_, order) in owners.items()}


def toc_nav(tocs: list[Toc], is_page: Callable[[str], bool], aliases: dict[str, str] | None = None) -> TocNav:
    """The navigation of `tocs`; `is_page(src)`: the site has that page; `aliases`: `x.yml` → the page made of it."""
    aliases = aliases or {}
    owners = page_owners(tocs)
    claimed: dict[str, None] = {}
    problems: list[Problem] = []

    def nodes(entry: TocEntry, current: str) -> list[NavNode]:
        item: NavNode | None = None
        if entry.external and entry.href:
            item = NavNode(entry.title, url=entry.href)
        elif entry.href:
            src = aliases.get(entry.href, entry.href)
            if not is_page(src):
                problems.append(Problem(entry.source, entry.line, 1, "toc-not-a-page",
                                        f"TOC entry '{entry.title}' points to '{entry.href}', which is not a page "
                                        "of the site; it is left out of the navigation"))
            elif src in claimed or owners.get(entry.href, current) != current:
                item = NavNode(entry.title, link_to=src)  # its place is in another TOC, or earlier in this one
            else:
                claimed[src] = None
                item = NavNode(entry.title, src=src)
        children = [child for sub in entry.children for child in nodes(sub, current)]
        if children:
            return [NavNode(entry.title, children=([item] if item is not None else []) + children,
                            expanded=bool(getattr(entry, "expanded", False)))]
        return [item] if item is not None else []

    areas = [(toc, [node for entry in toc.entries for node in nodes(entry, toc.path)]) for toc in tocs]
    return TocNav(areas, list(claimed), problems)


def areas_index(tocs: list[Toc], title: str, aliases: dict[str, str] | None = None) -> str:
    """A home page for a docset of several TOCs and no index.md: one link to each area's first page."""
    aliases = aliases or {}
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", "---", "", f"# {yamlpages.escape_text(title)}",
             ""]
    for toc in tocs:
        first = next((e for e in toc.walk() if e.href and not e.external), None)
        name = toc.entries[0].title if len(toc.entries) == 1 else posixpath.dirname(toc.path) or toc.path
        if first is not None:
            lines.append(f"- [{yamlpages.escape_text(name)}](<{aliases.get(first.href, first.href)}>)")
    return "\n".join(lines) + "\n"


def docset_title(title_suffix: str | None, root: str | os.PathLike[str]) -> str:
    return title_suffix or posixpath.basename(os.path.abspath(root))
