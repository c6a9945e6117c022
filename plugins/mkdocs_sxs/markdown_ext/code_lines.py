"""Highlighted lines of DocFX code snippets (`?highlight=2,5-7`, `highlight="…"`) without Pygments.

The DocFX transform (core/docfx/markdown/snippets.py) writes the lines on the
fence as `hl_lines` (which pymdownx.highlight honours when it uses Pygments)
and as `data-sxs-highlight`. `mkdocs-sxs init` turns Pygments off (code is
highlighted in the browser), so pymdownx leaves the lines unmarked: this
postprocessor wraps them in `<span class="hll">` the way Pygments does, which
Material styles (`.highlight .hll`) and sxs-docfx.css styles for other themes.
Code that Pygments already marked is left as it is.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.postprocessors import Postprocessor

_HIGHLIGHTED = re.compile(r'<code(?P<attrs>[^>]*?) data-sxs-highlight="(?P<lines>[^"]*)"(?P<rest>[^>]*)>'
                          r"(?P<body>.*?)</code>", re.S)
_HL_LINES = re.compile(r'\s+hl_lines="[^"]*"')
_RANGE = re.compile(r"(\d+)(?:-(\d+))?")
MAX_LINE = 9999  # `9-` (to the end) arrives as `9-9999`


def highlighted_lines(spec: str) -> set[int]:
    """`2 5-7 9-9999` as line numbers (1-based)."""
    lines: set[int] = set()
    for part in spec.split():
        match = _RANGE.fullmatch(part)
        if match:
            first = int(match.group(1))
            last = min(int(match.group(2) or first), MAX_LINE)
            lines.update(range(first, last + 1))
    return lines


def mark_lines(html: str) -> str:
    """Every `<code data-sxs-highlight>` block with its lines wrapped; `hl_lines` attributes dropped."""
    if "data-sxs-highlight" not in html:
        return html

    def wrap(match: re.Match[str]) -> str:
        attrs = _HL_LINES.sub("", match.group("attrs")) + _HL_LINES.sub("", match.group("rest"))
        body = match.group("body")
        wanted = highlighted_lines(match.group("lines"))
        if 'class="hll"' not in body and wanted:
            ending = "\n" if body.endswith("\n") else ""
            rows = body[:len(body) - len(ending)].split("\n")
            marked = [f'<span class="hll">{row}\n</span>' if number in wanted else row + "\n"
                      for number, row in enumerate(rows, 1)]
            body = "".join(marked)
            if not ending and not marked[-1].endswith("</span>"):
                body = body[:-1]
        return f'<code{attrs} data-sxs-highlight="{match.group("lines")}">{body}</code>'

    return _HIGHLIGHTED.sub(wrap, html)


class CodeLinesPostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        return mark_lines(text)


def register(md: Markdown) -> None:
    # After the raw HTML stash (30) is put back: fenced code arrives there as stashed HTML.
    md.postprocessors.register(CodeLinesPostprocessor(md), "sxs_code_lines", 5)
