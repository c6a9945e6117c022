"""Links an MT engine emptied (`[](page.md)`) get the English link text back.

Machine translation sometimes drops a link's text: the unit's English has
`[Partner Center](page.md)` and the translation `[](page.md)`. Rendered as is,
that is an empty link, which a screen reader announces as a bare URL and a
sighted reader cannot see at all (WCAG 2.4.4, 4.1.2). We show the English text
instead, marked as untranslated: `lang` set to the source language (so a
screen reader pronounces it in English) and a visually hidden cue, which
search indexers skip (`data-search-exclude`).

Text in, text out, on the sanitized target and source of one unit (Markdown
links and `<a href>` elements with no text). A link is matched to the
English link with the same destination, else to the English link at the same
position; a link with no English counterpart is left as it is.
"""

from __future__ import annotations

import re
from html import escape

# `[](dest)` / `[ ](dest "title")`, not an image `![](…)`.
_EMPTY_MD_LINK = re.compile(r"(?<![!\\\]])\[[ \t]*\]\(((?:[^()\n]|\([^()\n]*\))*)\)")
_MD_LINK = re.compile(r"(?<![!\\])\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(((?:[^()\n]|\([^()\n]*\))*)\)")
_ATTRS = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_A_OPEN = r"<a\b" + _ATTRS + r'\bhref\s*=\s*"([^"]*)"' + _ATTRS + ">"
_EMPTY_HTML_LINK = re.compile(r"(" + _A_OPEN + r")\s*(</a>)", re.I)
_HTML_LINK = re.compile(_A_OPEN + r"(.*?)</a>", re.I | re.S)
_TAG = re.compile(r"<[^>]*>")

UNTRANSLATED_CUE = " (not translated)"


def _destination(value: str) -> str:
    """`page.md "Title"` -> `page.md`; `<a b.md>` -> `a b.md`."""
    value = value.strip()
    if value.startswith("<") and ">" in value:
        return value[1 : value.index(">")]
    return value.split()[0] if value.split() else ""


def untranslated(text: str, source_lang: str) -> str:
    """English text marked for readers and screen readers as not translated."""
    return (f'<span class="sxs-untranslated" lang="{escape(source_lang)}">{text}'
            f'<span class="sxs-vh" data-search-exclude>{UNTRANSLATED_CUE}</span></span>')


def _pick(links: list[tuple[str, str]], used: set[int], destination: str, position: int) -> str | None:
    for index, (dest, text) in enumerate(links):
        if index not in used and dest == destination and text.strip():
            used.add(index)
            return text
    if position < len(links) and position not in used and links[position][1].strip():
        used.add(position)
        return links[position][1]
    return None


def fill_empty_links(target: str, source: str | None, *, source_lang: str = "en") -> str:
    """The target with each empty link's text taken from the English original."""
    if source is None or ("[]" not in target and "[ ]" not in target and "</a>" not in target.lower()):
        return target
    if _EMPTY_MD_LINK.search(target):
        links = [(_destination(m.group(2)), m.group(1)) for m in _MD_LINK.finditer(source)]
        used: set[int] = set()
        # the position of an empty link among all the target's links
        positions = {m.start(): n for n, m in enumerate(_MD_LINK.finditer(target))}

        def markdown(match: re.Match[str]) -> str:
            text = _pick(links, used, _destination(match.group(1)), positions.get(match.start(), -1))
            if text is None:
                return match.group(0)
            return f"[{untranslated(text, source_lang)}]({match.group(1)})"

        target = _EMPTY_MD_LINK.sub(markdown, target)
    if "</a>" in target.lower() and _EMPTY_HTML_LINK.search(target):
        html_links = [(m.group(1), m.group(2)) for m in _HTML_LINK.finditer(source)]
        html_used: set[int] = set()
        html_positions = {m.start(): n for n, m in enumerate(_HTML_LINK.finditer(target))}

        def html(match: re.Match[str]) -> str:
            text = _pick(html_links, html_used, match.group(2), html_positions.get(match.start(), -1))
            if text is None or not _TAG.sub("", text).strip():
                return match.group(0)
            return f"{match.group(1)}{untranslated(text, source_lang)}{match.group(3)}"

        target = _EMPTY_HTML_LINK.sub(html, target)
    return target
