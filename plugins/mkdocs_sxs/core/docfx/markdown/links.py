"""Links and images of one file, rewritten into ones the static site serves.

DocFX resolves `~/`, `..\\`, extension-less, folder, docset-absolute and
case-mismatched links on its own (see :mod:`...docset`); MkDocs only knows
relative `.md` links. Each link is resolved where it is written (an included
file's links are relative to that file) and rewritten relative to the page
being built: Markdown links stay relative `.md` links (MkDocs turns them into
URLs and checks them), raw HTML gets final URLs, other docsets' links go to
the published site.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape

from ...reader.model import LEVEL_INFO, LEVEL_WARNING
from ...reader.parser import parse_sxs
from ...xref.syntax import opening_bracket
from ..docset import (
    KIND_ANCHOR,
    KIND_EMPTY,
    KIND_EXTERNAL,
    KIND_MAILTO,
    KIND_MEDIA,
    KIND_OTHER_DOCSET,
    KIND_OUTSIDE,
    KIND_PAGE,
    LinkTarget,
    relative_url,
    resolve_link,
)
from .context import DocfxContext, SourceText, html_relative, is_url
from .media import placeholder, report_missing, resolve_media
from .regions import CodeRegions

INCLUDE = re.compile(r"\[!INCLUDE\s*\[(?P<title>[^\]\n]*)\]\((?P<path>[^)\n]*)\)\s*\]", re.I)
_LINK_DEST = re.compile(
    r"\]\(\s*(?P<dest><[^>\n]*>|(?:[^\s()]|\([^\s()]*\))*)(?P<title>\s+(?:\"[^\"\n]*\"|'[^'\n]*'|&quot;[^\n]*?(?:&quot;|\")))?\s*\)"
)
_REFERENCE = re.compile(r"^(?P<lead>[ \t>]{0,6}\[[^\]\n]+\]:[ \t]*)(?P<dest><[^>\n]*>|\S+)", re.M)
_HTML_A = re.compile(r"(?P<lead><a\b[^>]*?\bhref\s*=\s*)(?P<q>[\"'])(?P<dest>[^\"'>]*)(?P=q)", re.I)
_HTML_IMG = re.compile(r"<img\b[^>]*>", re.I)
_ATTR = re.compile(r"\b(?P<name>src|alt)\s*=\s*(?P<q>[\"'])(?P<value>.*?)(?P=q)", re.I | re.S)
_DROP_QUERY = ("toc=", "bc=", "view=", "tabs=")


def rewrite_links(ctx: DocfxContext, source: SourceText) -> str:
    """Rewrite every link and image of `source` for the page being built."""
    text = source.text
    lowered = text.lower()
    if "](" not in text and "href" not in lowered and "<img" not in lowered and "]:" not in text:
        return text
    code = CodeRegions(text)
    skip = [(m.start(), m.end()) for m in INCLUDE.finditer(text)]
    lookups = _LazyRanges(text)
    edits: list[tuple[int, int, str]] = []
    for match in _LINK_DEST.finditer(text):
        start = match.start()
        if code.contains(start) or _within(skip, start):
            continue
        opening = opening_bracket(text, start)
        if opening is None:
            continue
        dest = match.group("dest")
        dest_start = match.start("dest")
        href = dest[1:-1] if dest.startswith("<") else dest
        if opening > 0 and text[opening - 1] == "!":
            edit = _image_edit(ctx, source, opening - 1, opening, match, href, lookups)
        else:
            edit = _link_edit(ctx, source, dest_start, match.end("dest"), href, opening, match)
        if edit is not None:
            edits.extend(edit)
    for match in _REFERENCE.finditer(text):
        if code.contains(match.start()):
            continue
        dest = match.group("dest")
        href = dest[1:-1] if dest.startswith("<") else dest
        new = _new_href(ctx, source, match.start("dest"), href, markdown=True)
        if new is not None and new != href:
            edits.append((match.start("dest"), match.end("dest"), _markdown_dest(new)))
    if "href" in lowered and ctx.options.rewrite_html_links:
        for match in _HTML_A.finditer(text):
            if code.contains(match.start()):
                continue
            new = _new_href(ctx, source, match.start("dest"), match.group("dest"), markdown=False)
            if new == "":  # a link to a missing file: no longer a link (its content stays)
                lead = match.group("lead")
                href_at = match.start() + re.search(r"href\s*=\s*$", lead, re.I).start()  # type: ignore[union-attr]
                edits.append((href_at, match.end(), "data-sxs-missing-href=" + match.group("q")
                              + escape(match.group("dest")) + match.group("q")))
            elif new is not None and new != match.group("dest"):
                edits.append((match.start("dest"), match.end("dest"), escape(new)))
    if "<img" in lowered:
        for match in _HTML_IMG.finditer(text):
            if code.contains(match.start()):
                continue
            edit = _html_image_edit(ctx, source, match, lookups)
            if edit is not None:
                edits.append(edit)
    return _apply(text, edits)


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    if not edits:
        return text
    edits.sort()
    out: list[str] = []
    position = 0
    for start, end, replacement in edits:
        if start < position:  # overlapping edit (should not happen): keep the first
            continue
        out.append(text[position:start])
        out.append(replacement)
        position = end
    out.append(text[position:])
    return "".join(out)


def _within(ranges: list[tuple[int, int]] | _LazyRanges, offset: int) -> bool:
    return any(start <= offset < end for start, end in ranges)


class _LazyRanges:
    """The English originals' ranges, parsed only when an image needs them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.ranges: tuple[tuple[int, int], ...] | None = None

    def __iter__(self):  # type: ignore[no-untyped-def]
        if self.ranges is None:
            self.ranges = _source_ranges(self.text) if "sxs-lookup" in self.text else ()
        return iter(self.ranges)


@lru_cache(maxsize=256)  # an include is processed again for every page that includes it
def _source_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """Where the English originals are (their images become alt text later)."""
    page = parse_sxs(text, body_only=True)
    return tuple((u.source_start, u.source_end) for u in page.units
                 if u.source_start is not None and u.source_end is not None)


def _markdown_dest(href: str) -> str:
    return f"<{href}>" if any(c in href for c in " ()") else href


def _image_edit(ctx: DocfxContext, source: SourceText, bang: int, opening: int, match: re.Match[str],
                href: str, lookups: _LazyRanges) -> list[tuple[int, int, str]] | None:
    resolved = resolve_media(ctx, source.path, href)
    if resolved.url is not None:
        if resolved.url == href:
            return None
        return [(match.start("dest"), match.end("dest"), _markdown_dest(resolved.url))]
    if _within(lookups, match.start()):
        return None  # the renderer shows images of English originals as their alt text
    report_missing(ctx, source, bang, href)
    alt = source.text[opening + 1 : match.start()]
    return [(bang, match.end(), placeholder(ctx, alt, alt_is_markdown=True))]


def _link_edit(ctx: DocfxContext, source: SourceText, start: int, end: int, href: str, opening: int,
               match: re.Match[str]) -> list[tuple[int, int, str]] | None:
    target = resolve_link(ctx.docset, source.path, href)
    if target.kind == KIND_MEDIA and not target.exists:
        resolved = resolve_media(ctx, source.path, href)
        if resolved.url is not None:
            return [(start, end, _markdown_dest(resolved.url))]
        # A link to a missing file (a lightbox, a download): keep its text
        # (as two edits, so an image inside it is still replaced).
        report_missing(ctx, source, opening, href)
        return [(opening, opening + 1, ""), (match.start(), match.end(), "")]
    new = _new_href(ctx, source, start, href, markdown=True, target=target)
    if new is None or new == href:
        return None
    return [(start, end, _markdown_dest(new))]


def _new_href(ctx: DocfxContext, source: SourceText, offset: int, href: str, *, markdown: bool,
              target: LinkTarget | None = None) -> str | None:
    """The rewritten destination, or None to leave it as written."""
    if target is None:
        target = resolve_link(ctx.docset, source.path, href)
    kind = target.kind
    if kind in (KIND_EXTERNAL, KIND_MAILTO, KIND_EMPTY, KIND_ANCHOR):
        return None
    if kind == KIND_OTHER_DOCSET:
        return ctx.base_url() + _published_path(href)
    if kind == KIND_OUTSIDE:
        ctx.report(source, offset, "link-outside-docset",
                   f"link '{href}' leaves the docset folder; the site cannot serve it", LEVEL_WARNING)
        return None
    if not target.exists or target.path is None:
        if "docset-absolute" in target.notes:
            # Another docset published under the same URL prefix.
            return ctx.base_url() + _published_path(href)
        if kind == KIND_MEDIA and not markdown:
            resolved = resolve_media(ctx, source.path, href)
            if resolved.html_url is not None:
                return resolved.html_url
            report_missing(ctx, source, offset, href)
            return ""
        ctx.report(source, offset, "link-not-found",
                   f"link '{href}' points to '{target.wanted}', which is not in the docset; "
                   "fix the link or add the page", LEVEL_WARNING)
        return href.replace("\\", "/") if "\\" in href else None
    if target.case_mismatch:
        ctx.report(source, offset, "link-case",
                   f"link '{href}' differs in letter case from the file '{target.path}'; "
                   f"rewritten to the file's spelling (DocFX on a case-insensitive disk finds it)", LEVEL_INFO)
    path = ctx.options.page_aliases.get(target.path, target.path)
    suffix = ""
    if target.query and not (kind == KIND_PAGE and target.query.lower().startswith(_DROP_QUERY)):
        suffix += "?" + target.query
    if target.anchor is not None:
        suffix += "#" + target.anchor
    if markdown or ctx.options.html_links_to_files:
        return relative_url(ctx.page_path, path) + suffix
    return html_relative(ctx.page_path, path, ctx.options.use_directory_urls) + suffix


def _published_path(href: str) -> str:
    """`/azure/x.md?y#z` -> `/azure/x?y#z`: published URLs carry no `.md`."""
    path, sep, rest = href.partition("#")
    path, qsep, query = path.partition("?")
    path = path.replace("\\", "/")
    if path.lower().endswith(".md"):
        path = path[:-3]
    elif path.lower().endswith(".yml"):
        path = path[:-4]
    return path + (qsep + query) + (sep + rest)


def _html_image_edit(ctx: DocfxContext, source: SourceText, match: re.Match[str],
                     lookups: _LazyRanges) -> tuple[int, int, str] | None:
    tag = match.group(0)
    attrs = {m.group("name").lower(): m for m in _ATTR.finditer(tag)}
    src = attrs.get("src")
    if src is None or is_url(src.group("value")):
        return None
    resolved = resolve_media(ctx, source.path, src.group("value"))
    if resolved.html_url is not None:
        if resolved.html_url == src.group("value"):
            return None
        start = match.start() + src.start("value")
        return (start, match.start() + src.end("value"), escape(resolved.html_url))
    if _within(lookups, match.start()):
        return None  # the renderer shows images of English originals as their alt text
    report_missing(ctx, source, match.start(), src.group("value"))
    alt = attrs["alt"].group("value") if "alt" in attrs else ""
    return (match.start(), match.end(), placeholder(ctx, alt, alt_is_markdown=False))
