"""Where Python-Markdown reads a page otherwise than markdig (CommonMark), the page made to read the same.

- A `"` inside a link destination (`[x](https://a/?q=%225.1")`) is part of
  the URL for CommonMark (written `%22`); Python-Markdown starts a link title
  there and searches for its end past the `)`, so in a translation unit the
  link swallows the English original up to the next `"`. Such quotes are
  written `%22`, as markdig writes them.

Lists (`lists.py`) and fences closed by indented markers (`fences.py`) are
the other known differences; `tests/acceptance/test_commonmark_differential.py`
compares the rendering of every corpus page with markdown-it-py's.
"""

from __future__ import annotations

import re

from .regions import CodeRegions

# `](dest` up to the closing parenthesis; a destination in `<…>` is left alone (its `"` is no title).
_DEST_WITH_QUOTE = re.compile(r"\]\(\s*(?P<dest>(?:[^\s()<>\"]|\([^\s()]*\))*\"(?:[^\s()]|\([^\s()]*\))*)\s*\)")


def quote_link_destinations(text: str) -> str:
    """`](…"…)` -> `](…%22…)` (not in code)."""
    if '"' not in text or "](" not in text:
        return text
    code: CodeRegions | None = None
    out: list[str] = []
    position = 0
    for match in _DEST_WITH_QUOTE.finditer(text):
        if code is None:
            code = CodeRegions(text)
        if code.contains(match.start()):
            continue
        out.append(text[position : match.start("dest")])
        out.append(match.group("dest").replace('"', "%22"))
        position = match.end("dest")
    if not out:
        return text
    out.append(text[position:])
    return "".join(out)
