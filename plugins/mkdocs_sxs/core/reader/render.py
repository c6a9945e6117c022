"""Rewrite sxs markup into markup a reader's browser can switch.

Text in, text out: each translation unit becomes

    <span class="sxs-tu" data-sxs-id="ID" id="tu-ID">
      <span class="sxs-t">target</span><span class="sxs-s" lang="en" data-search-exclude>source</span>
    </span>

(on one line). Target and source are sanitized first (`core.sanitize`):
untrusted TU text keeps only a safe inline HTML subset and safe URLs.
A unit is not a Tab stop (sentences are text, not controls): `sxs.js`
makes the unit a reader asks for focusable (`tabindex="-1"`) when it opens
its original from the keyboard. A link the MT engine emptied gets the
English link text back (`core.reader.empty_links`).
Markdown inside the spans is left for the Markdown engine,
so any engine that renders inline HTML renders the result. Nothing outside
the units is touched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from html import escape, unescape

from .empty_links import fill_empty_links
from .model import CONTEXT_CODE, LEVEL_WARNING, Problem, SxsPage, TranslationUnit
from .parser import parse_sxs
from .sanitize import sanitize_inline

# `[![alt](src)](href)` and `![alt](src)`: an image inside the English
# original would show twice (and load twice) in the parallel view.
_MD_IMAGE = re.compile(r"!\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\((?:[^()]|\([^()]*\))*\)")
_HTML_IMAGE = re.compile(r"""<img\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.I)
_ANY_TAG = re.compile(r"""</?[a-zA-Z](?:[^>"']|"[^"]*"|'[^']*')*>""")
_ALT = re.compile(r"\balt\s*=\s*(\"[^\"]*\"|'[^']*')", re.I)

UnitRenderer = Callable[[TranslationUnit, str, str | None], str | None]


def images_to_alt(markup: str) -> str:
    """Replace images by their alt text, marked so CSS can style it."""

    def markdown_image(match: re.Match[str]) -> str:
        alt = match.group(1)
        return f'<span class="sxs-img-alt">{alt}</span>' if alt else ""

    def html_image(match: re.Match[str]) -> str:
        alt = _ALT.search(match.group(0))
        if not alt:
            return ""
        # An attribute value becomes element text: decode it, then escape it.
        return f'<span class="sxs-img-alt">{escape(unescape(alt.group(1)[1:-1]), quote=False)}</span>'

    if "![" in markup:
        markup = _MD_IMAGE.sub(markdown_image, markup)
    if "<img" in markup or "<IMG" in markup:
        markup = _HTML_IMAGE.sub(html_image, markup)
    return markup


def unit_html(unit: TranslationUnit, target: str, source: str | None, *, source_lang: str = "en",
              edited: bool = False, search_source: bool = False) -> str:
    """The normalized markup of one unit; target and source are sanitized (see core.sanitize).

    With `search_source` the original stays visible to search indexers
    (no `data-search-exclude`) and starts with a space, so an indexer that
    concatenates text does not glue the last target word to the first
    English one.
    """
    target = sanitize_inline(target).markup
    if source is not None:
        source = sanitize_inline(source).markup
        target = fill_empty_links(target, source, source_lang=source_lang)
    return _unit_markup(unit, target, source, source_lang=source_lang, edited=edited, search_source=search_source)


def _unit_markup(unit: TranslationUnit, target: str, source: str | None, *, source_lang: str,
                 edited: bool, search_source: bool = False) -> str:
    opening, middle, closing = unit_tags(unit, source_lang=source_lang, edited=edited, search_source=search_source,
                                         has_source=source is not None)
    if source is None:
        return opening + target + middle
    return opening + target + middle + images_to_alt(source) + closing


def unit_tags(unit: TranslationUnit, *, source_lang: str, edited: bool, search_source: bool = False,
              has_source: bool = True) -> tuple[str, str, str]:
    """The tags of a unit's markup: before the target, between target and source, after the source.

    Without a source the second one closes the unit and the third is empty.
    """
    classes = "sxs-tu"
    if unit.malformed:
        classes += " sxs-malformed"
    if edited:
        classes += " sxs-edited"
    # A stable anchor (`#tu-ID`) for reports and reviewers; a repeated id keeps only its first.
    unit_id = escape(unit.id)
    anchor = f' id="tu-{unit_id}"' if unit.id and "duplicate-id" not in unit.malformed else ""
    opening = f'<span class="{classes}" data-sxs-id="{unit_id}"{anchor}><span class="sxs-t">'
    if not has_source:
        return opening, "</span></span>", ""
    return opening, _source_opening(source_lang, search_source), "</span></span>"


@lru_cache(maxsize=16)
def _source_opening(source_lang: str, search_source: bool) -> str:
    return (f'</span><span class="sxs-s" lang="{escape(source_lang)}"'
            + (">" + " " if search_source else " data-search-exclude>"))


def render_page(
    page: SxsPage,
    *,
    source_lang: str = "en",
    overrides: Mapping[str, str] | None = None,
    render_unit: UnitRenderer | None = None,
    search_source: bool = False,
) -> str:
    """Return the page body with every unit rewritten.

    `overrides` maps unit ids to replacement target markup (post-edits,
    already made safe by the caller). `render_unit(unit, target, source)`
    may return replacement markup for a unit (annotations use it); it
    returns None for units it leaves to the default.
    """
    text = page.text
    out: list[str] = []
    position = page.body_start
    for unit in page.units:
        if unit.context == CONTEXT_CODE or unit.start < position:
            continue
        out.append(text[position : unit.start])
        edited = overrides is not None and unit.id in overrides
        target = overrides[unit.id] if edited and overrides is not None else unit.target
        target_closable, source_closable = closable_after(text, unit, target)
        safe_target = sanitize_inline(target, closable_after=target_closable)
        target_markup, removed = safe_target.markup, safe_target.removed
        source = None
        if unit.source is not None:
            safe_source = sanitize_inline(unit.source, closable_after=source_closable)
            source, removed = safe_source.markup, removed + safe_source.removed
            target_markup = fill_empty_links(target_markup, source, source_lang=source_lang)
        if removed:
            page.problems.append(Problem(
                page.path, unit.line, unit.column, "unsafe-markup",
                f"unit {unit.id or '?'}: removed markup that could run script ({'; '.join(removed[:3])}); "
                "fix the translation", LEVEL_WARNING,
            ))
        if unit.in_image_alt:  # alt text is an attribute: the target's text only, no spans
            out.append(_ANY_TAG.sub("", target_markup))
            position = unit.end
            continue
        markup = render_unit(unit, target_markup, source) if render_unit is not None else None
        if markup is None:
            markup = _unit_markup(unit, target_markup, source, source_lang=source_lang, edited=edited,
                                  search_source=search_source)
        out.append(markup)
        position = unit.end
    out.append(text[position:])
    return "".join(out)


_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")


def closable_after(text: str, unit: TranslationUnit, target: str) -> tuple[bool, bool]:
    """Whether a `(` left open in the target, and in the source, could be closed by what follows in the paragraph."""
    source = unit.source or ""
    if "](" not in target and "](" not in source:
        return True, True
    after = ")" in _paragraph_rest(text, unit.end)
    return after or ")" in source, after


def _paragraph_rest(text: str, start: int) -> str:
    """The page text from `start` to the end of its paragraph (a blank line)."""
    blank = _BLANK_LINE.search(text, start)
    return text[start : blank.start() if blank else len(text)]


def render_markdown(markdown: str, path: str = "", *, source_lang: str = "en",
                    overrides: Mapping[str, str] | None = None,
                    search_source: bool = False) -> tuple[str, SxsPage]:
    """Render a page body (no front matter) and return it with its model."""
    page = parse_sxs(markdown, path, body_only=True)
    return render_page(page, source_lang=source_lang, overrides=overrides, search_source=search_source), page
