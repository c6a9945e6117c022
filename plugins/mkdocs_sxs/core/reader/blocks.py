"""Which kind of Markdown block each line belongs to.

A single linear pass over the lines, not a full Markdown parse: extraction
and checks must stay close to the speed of a regex scan on 3,000-page
docsets, and the context of a translation unit only needs the block kind.
"""

from __future__ import annotations

import re

from .model import (
    CONTEXT_ALERT,
    CONTEXT_BLOCKQUOTE,
    CONTEXT_CODE,
    CONTEXT_HEADING,
    CONTEXT_HTML,
    CONTEXT_LIST_ITEM,
    CONTEXT_PARAGRAPH,
    CONTEXT_TABLE_CELL,
)

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})(?!.*`)")
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}(?:[ \t]|$)")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+")
_QUOTE = re.compile(r"^[ \t]{0,3}>")
_ALERT = re.compile(r"^[ \t]{0,3}>[ \t>]*\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]", re.I)
_TABLE_SEPARATOR = re.compile(r"^[ \t]*\|?[ \t]*:?-{1,}:?[ \t]*(?:\|[ \t]*:?-{1,}:?[ \t]*)+\|?[ \t]*$")
_HTML_BLOCK = re.compile(
    r"^[ \t]{0,3}</?(?:table|thead|tbody|tr|td|th|ul|ol|li|p|div|dl|dt|dd|h[1-6]|blockquote|section|pre)\b",
    re.I,
)
_HTML_CONTEXT_TAG = re.compile(r"<(td|th|li|h[1-6]|div\s+class=\"alert)", re.I)
# Each block pattern above needs this first character after the leading blanks: most lines
# of a page are plain text, and a set lookup spares them the regex calls.
_FENCE_FIRST = frozenset("`~")
_LIST_FIRST = frozenset("-*+")


def classify_lines(lines: list[str]) -> list[str]:
    """Return one context name per line (blank lines get the block before)."""
    contexts: list[str] = []
    fence: str | None = None
    current = CONTEXT_PARAGRAPH
    quote = CONTEXT_BLOCKQUOTE
    in_list = False
    in_table = False
    in_html = False
    previous_blank = True
    for index, line in enumerate(lines):
        if fence is not None:
            contexts.append(CONTEXT_CODE)
            stripped = line.strip()
            if stripped.startswith(fence) and stripped.strip(fence[0]) == "":
                fence = None
            continue
        first = line.lstrip(" \t")[:1]
        fence_match = _FENCE.match(line) if first in _FENCE_FIRST else None
        if fence_match:
            fence = fence_match.group(1)
            contexts.append(CONTEXT_CODE)
            previous_blank = False
            continue
        # `first` is past spaces and tabs only: other whitespace needs the full check.
        if not first or (first.isspace() and not line.strip()):
            contexts.append(current)
            previous_blank = True
            in_table = False
            in_html = False
            continue
        if first == ">" and _QUOTE.match(line):
            if previous_blank or current not in (CONTEXT_ALERT, CONTEXT_BLOCKQUOTE):
                quote = CONTEXT_ALERT if _ALERT.match(line) else CONTEXT_BLOCKQUOTE
            current = quote
        elif first == "#" and _HEADING.match(line):
            current = CONTEXT_HEADING
            in_list = False
        elif (first in _LIST_FIRST or first.isdecimal()) and _LIST_ITEM.match(line):
            current = CONTEXT_LIST_ITEM
            in_list = True
        elif in_html or (first == "<" and _HTML_BLOCK.match(line)):
            in_html = True
            current = CONTEXT_HTML
        elif in_table or first == "|" or (first.isspace() and line.lstrip().startswith("|")) or (
            index + 1 < len(lines) and "|" in line and _TABLE_SEPARATOR.match(lines[index + 1])
        ):
            in_table = True
            current = CONTEXT_TABLE_CELL
        elif in_list and (line.startswith(("  ", "\t")) or not previous_blank):
            current = CONTEXT_LIST_ITEM
        elif not previous_blank and current in (CONTEXT_ALERT, CONTEXT_BLOCKQUOTE):
            pass  # lazy continuation of a quote
        else:
            in_list = False
            current = CONTEXT_PARAGRAPH
        contexts.append(current)
        previous_blank = False
    return contexts


def html_context(line_prefix: str) -> str:
    """Refine the context of a unit inside raw HTML from the tags before it."""
    found = None
    for match in _HTML_CONTEXT_TAG.finditer(line_prefix):
        found = match.group(1).lower()
    if found is None:
        return CONTEXT_HTML
    if found in ("td", "th"):
        return CONTEXT_TABLE_CELL
    if found == "li":
        return CONTEXT_LIST_ITEM
    if found.startswith("h"):
        return CONTEXT_HEADING
    return CONTEXT_ALERT
