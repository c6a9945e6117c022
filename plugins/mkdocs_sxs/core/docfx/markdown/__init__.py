"""DocFX-flavoured Markdown turned into Markdown that MkDocs/Material renders.

Plain text in, text out (no MkDocs import): the plugin calls
`transform_docfx` from `on_page_markdown`, before the translation-unit
preprocessor of the Markdown extension runs, so units inside includes,
alerts and columns render like any other unit.

Order matters and is fixed here:

1. per file (the page, then each included file, recursively), because
   paths are relative to the file they are written in:
   code snippets read (a one-line token each); `:::image:::` -> Markdown images; cross-references -> links
   (core.xref); links and images resolved and rewritten
   (missing media -> fallback or placeholder); `[!INCLUDE]` expanded;
2. on the whole page: code snippet blocks put in for their tokens, code fences closed the Markdig way, list item
   continuations indented the CommonMark way, rows/columns, alerts/`[!div]`/`[!VIDEO]` (after rows,
   whose bodies are dedented first), tabs, zones and monikers (their
   bodies are indented or wrapped as a whole), `:::no-loc:::`, pseudo-tags.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache

from ...reader.model import Problem
from ..docset import Docset
from ..line_origins import LineOrigins, Segment
from .commonmark import quote_link_destinations
from .context import DocfxContext, DocfxOptions, MediaCopy, SourceText
from .directives import convert_images, convert_no_loc, convert_rows
from .fences import normalize_fences
from .includes import expand_includes
from .links import rewrite_links
from .lists import indent_list_continuations
from .pseudo_tags import escape_pseudo_tags
from .quotes import convert_quotes
from .snippets import convert_snippets, expand_snippets
from .variants import convert_tabs, convert_zones_and_monikers, pivot_titles
from .xrefs import convert_xrefs

__all__ = ["DocfxOptions", "DocfxResult", "MediaCopy", "docset_pivots", "transform_docfx"]


@dataclass
class DocfxResult:
    text: str
    problems: list[Problem] = field(default_factory=list)
    media: list[MediaCopy] = field(default_factory=list)  # fallback files the site must serve
    # The file and line of each line of `text` (includes expanded, blocks rewritten).
    origins: LineOrigins | None = None
    reads: list[str] = field(default_factory=list)  # files read besides the page (includes, snippets, xref titles)
    absent: list[tuple[str, str]] = field(default_factory=list)  # repository lookups that found nothing


def transform_docfx(text: str, page_path: str, docset: Docset, options: DocfxOptions | None = None,
                    *, line_offset: int = 0) -> DocfxResult:
    """Transform a page body (front matter removed; `line_offset` lines above it)."""
    ctx = DocfxContext(docset, page_path, options or DocfxOptions())
    text, segments = _process_file(ctx, SourceText(page_path, text, line_offset), (page_path,))
    expanded = text
    text = expand_snippets(ctx, text)
    text = quote_link_destinations(text)
    text = normalize_fences(text)
    text = indent_list_continuations(text)
    text = convert_rows(text)
    text = convert_quotes(text, ctx.options.locale)
    text = convert_tabs(text)
    text = convert_zones_and_monikers(text, ctx.options.locale, docset_pivots(str(ctx.docset.root)))
    text = convert_no_loc(text)
    text = escape_pseudo_tags(text)
    origins = LineOrigins(expanded, segments, None if text == expanded else text)
    return DocfxResult(text, ctx.problems, ctx.media, origins, ctx.reads, ctx.absent)


def _process_file(ctx: DocfxContext, source: SourceText, stack: tuple[str, ...]) -> tuple[str, list[Segment]]:
    text = convert_snippets(ctx, source)
    if text != source.text:
        source = SourceText(source.path, text, source.line_offset, source.origin)
    text = convert_images(ctx, source)
    if text != source.text:
        source = SourceText(source.path, text, source.line_offset, source.origin)
    text = convert_xrefs(ctx, source)
    if text != source.text:
        source = SourceText(source.path, text, source.line_offset, source.origin)
    text = rewrite_links(ctx, source)
    if text != source.text:
        source = SourceText(source.path, text, source.line_offset, source.origin)
    return expand_includes(ctx, source, stack, _process_file)


def docset_pivots(root: str) -> dict[str, str]:
    """The docset's zone pivot titles, read again only when `zone-pivot-groups.yml` changed (serve, review)."""
    try:
        info = os.stat(os.path.join(root, "zone-pivot-groups.yml"))
        stamp = (info.st_mtime_ns, info.st_size)
    except OSError:
        stamp = None
    return _pivots(root, stamp)


@lru_cache(maxsize=16)
def _pivots(root: str, stamp: tuple[int, int] | None) -> dict[str, str]:
    return pivot_titles(root)
