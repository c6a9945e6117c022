"""What the build need not hold: a page's Markdown once it is HTML, its HTML once it is written.

MkDocs keeps every page's Markdown (`page.markdown`) until the build ends;
after `on_page_content` nothing in MkDocs or Material reads it again (the page
title needs it only to be not None). For a big docset that is the size of
the docset again, in memory, through template rendering and the link check
(Dynamics 365: ~56 MB of files, held as str). We empty it after our
`on_page_content`, and `page.content` in `on_post_page` (the page is written
right after; templates rendered later, sitemap and 404, were rendered before
the pages), when no other plugin or hook handles page events (one might read
them).

After the pages: Material's search entries are taken from it before it
writes them, and written one at a time (`take_search_entries`). Otherwise
Material's search plugin keeps every page's search entries
(the docset's text again) after it wrote `search_index.json`, through the
rest of `on_post_build`: our search-index fold, the DocFX redirect pages and
the link check, which is where our build peaked (Dynamics 365: +90 MiB over
the page phase). We drop those entries once the file is written, unless the
build is `--dirty` (Material merges them into the next build's index), then
hand the freed heap back to the system (`malloc_trim`, glibc), so that the
process's resident memory, which is what peak memory measures, goes down too.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from .search import material_search_plugin

PAGE_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content", "page_context", "post_page")
# Plugins known not to read page.markdown in their page events.
KNOWN_READERS_OF_CONTENT_ONLY = frozenset({"material.plugins.search.plugin"})


def can_drop_markdown(config: MkDocsConfig, plugin: Any) -> bool:
    for name in PAGE_EVENTS:
        for method in config.plugins.events.get(name, []):
            owner = getattr(method, "__self__", None)
            if owner is plugin or type(owner).__module__ in KNOWN_READERS_OF_CONTENT_ONLY:
                continue
            return False
    return True


# Plugins whose `on_post_build` neither reads nor writes search/search_index.json (their code, Material 9.x).
LEAVE_THE_SEARCH_INDEX_ALONE = frozenset({
    "material.plugins.search.plugin", "material.plugins.social.plugin", "material.plugins.tags.plugin",
    "material.plugins.blog.plugin", "material.plugins.info.plugin", "material.plugins.privacy.plugin",
    "material.plugins.optimize.plugin", "material.plugins.projects.plugin", "material.plugins.meta.plugin",
    "material.plugins.group.plugin", "material.plugins.typeset.plugin",
})


def take_search_entries(config: MkDocsConfig) -> list[Any] | None:
    """Material's search entries, taken from its index just before its `on_post_build` writes them.

    Material writes its index as one JSON text and one copy of it in bytes,
    on top of everything the build holds (visualstudio-docs: ~90 MB for a
    moment, the build's peak). Without its entries it writes a file of a few
    hundred bytes (its `config`), and our `on_post_build`, which rewrites the
    index anyway for the folded and segmented fields, writes the entries one
    at a time (`core.search.index.write_search_index`). Not taken (None) under
    `--dirty`, where Material merges them into the next build, nor when another
    plugin or hook has an `on_post_build` that may read or rewrite the file in
    between (Material's offline plugin copies it; mkdocs-exclude-search filters
    it): only Material's own plugins known to leave it alone may be there.
    """
    for method in config.plugins.events.get("post_build", []):
        owner = getattr(method, "__self__", None)
        module = type(owner).__module__ if owner is not None else ""
        if owner is not None and module.startswith("mkdocs_sxs."):
            continue
        if module not in LEAVE_THE_SEARCH_INDEX_ALONE:
            return None
    found = material_search_plugin(config)
    if found is None or getattr(found, "is_dirty", True):
        return None
    entries = getattr(getattr(found, "search_index", None), "entries", None)
    if not isinstance(entries, list):
        return None
    found.search_index.entries = []
    return entries


def release_search_entries(config: MkDocsConfig) -> int:
    """Empty Material's search entries once its `on_post_build` wrote them; how many were dropped."""
    plugin = material_search_plugin(config)
    if plugin is None or getattr(plugin, "is_dirty", True):
        return 0
    index = getattr(plugin, "search_index", None)
    entries = getattr(index, "entries", None)
    if not isinstance(entries, list):
        return 0
    index.entries = []  # type: ignore[union-attr]
    return len(entries)


def return_freed_memory(collect: bool = True) -> None:
    """Collect garbage (unless not `collect`) and give free heap pages back to the system (glibc; elsewhere only
    the collection)."""
    if collect:
        gc.collect()
    name = ctypes.util.find_library("c")
    try:
        trim = ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        trim = None
    if trim is not None:
        trim(0)


def freeze_site() -> None:
    """Before the templates: every object alive now (the pages, their HTML, the navigation) stays out of the
    garbage collector's passes until `thaw_site`.

    Rendering thousands of templates allocates enough to trigger many collections, and each full one
    walks the whole site held in memory (Dynamics 365: a few seconds of a build). The site is not
    garbage until the build ends; what the templates allocate is still collected as usual.
    """
    gc.collect()
    gc.freeze()


def thaw_site() -> None:
    """After the pages were written: the site's objects are collectable again (memory is released after)."""
    gc.unfreeze()
