"""Material's search index filled by `core.search_sections` instead of Material's html.parser pass.

Material's search plugin stays in charge of its config, of writing
`search_index.json` and of `mkdocs serve` dirty reloads: we only add a page's
entries to its `search_index` through its own `create_entry_for_section`
(same locations, titles, tags, boosts, jieba segmentation), then set the
page's `search.exclude` meta so Material's `on_page_context` skips parsing the
page again; `restore_meta` puts the meta back before the page is rendered.
Without Material's search plugin (none, MkDocs' own, disabled) or for markup
the fast path does not cover, nothing changes: Material indexes the page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from ..core.search.index import KnownFolds
from ..core.search.sections import split_sections

_MISSING = object()


@dataclass
class _MaterialSection:
    """The attributes of Material's `Section` that `create_entry_for_section` reads."""

    id: str | None
    title: list[str]
    text: list[str]


def material_search_plugin(config: MkDocsConfig) -> Any | None:
    """Material's enabled search plugin, or None."""
    try:
        from material.plugins.search.plugin import SearchPlugin
    except ImportError:
        return None
    return next((plugin for plugin in config.plugins.values()
                 if isinstance(plugin, SearchPlugin) and plugin.config.enabled), None)


def material_search_index(config: MkDocsConfig) -> Any | None:
    """The index of Material's enabled search plugin, or None."""
    index = getattr(material_search_plugin(config), "search_index", None)
    return index if callable(getattr(index, "create_entry_for_section", None)) else None


def index_page(page: Page, config: MkDocsConfig,
               split: Callable[[str], list[Any] | None] = split_sections,
               known: KnownFolds | None = None) -> Callable[[], None] | None:
    """Add the page's entries to Material's index and keep Material's parser off the page.

    Returns the undo for the page's meta (call it once Material's search plugin
    has seen the page), or None when Material indexes the page itself.
    """
    index = material_search_index(config)
    search = page.meta.get("search", _MISSING)
    if index is None or not page.content or not (search is _MISSING or search is None or isinstance(search, dict)):
        return None
    if isinstance(search, dict) and search.get("exclude"):
        return None  # Material leaves the page out anyway
    sections = split(page.content)  # the build cache's lookup when it is on (page_cache.py)
    if sections is None:
        return None
    entries = getattr(index, "entries", None)
    for section in sections:
        before = len(entries) if isinstance(entries, list) else -1
        index.create_entry_for_section(
            _MaterialSection(section.anchor, [section.title] if section.title else [], [section.text]),
            page.toc, page.url, page)
        if known is not None and section.folded is not None and before >= 0 and len(entries) == before + 1 \
                and section.title:  # (no title: Material puts the page's in)
            known.add(entries[-1], section.title.strip(), section.text.strip(), section.folded)
    page.meta["search"] = {**(search if isinstance(search, dict) else {}), "exclude": True}

    def restore_meta() -> None:
        if search is _MISSING:
            page.meta.pop("search", None)
        else:
            page.meta["search"] = search

    return restore_meta
