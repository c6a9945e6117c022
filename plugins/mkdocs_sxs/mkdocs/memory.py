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
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig

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
