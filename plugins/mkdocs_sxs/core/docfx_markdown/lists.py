"""List item continuations indented the CommonMark way, made ones Python-Markdown keeps.

In CommonMark (and DocFX) a paragraph, image or alert indented to the item's
content column (3 spaces after `1. `, 2 after `- `) continues the item;
Python-Markdown needs 4 spaces and otherwise ends the list, so images and
notes of a step fall out of it and numbering restarts. Top-level items'
continuation blocks (after a blank line) are re-indented to 4 spaces; the
line count does not change.
"""

from __future__ import annotations

import re

_ITEM = re.compile(r"^(?P<marker>(?:[-*+]|\d{1,9}[.)]))(?P<space>[ \t]+)\S")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})[^`]*$")


def indent_list_continuations(text: str) -> str:
    if "\n" not in text:
        return text
    lines = text.split("\n")
    content_column: int | None = None
    previous_blank = False
    fence: str | None = None
    changed = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if fence is not None:
            if stripped.startswith(fence) and set(stripped) == {fence[0]}:
                fence = None
            continue
        fence_match = _FENCE.match(line)
        if not line.strip():
            previous_blank = True
            continue
        item = _ITEM.match(line)
        width = len(line) - len(line.lstrip(" "))
        if item:
            content_column = len(item.group("marker")) + len(item.group("space").expandtabs(4))
        elif width == 0:
            content_column = None
        elif (content_column is not None and previous_blank and 0 < width < 4 and width >= content_column
              and not line.startswith("\t") and not fence_match):  # (fences in lists: beyond fenced_code)
            lines[index] = "    " + line[width:]
            changed = True
        if fence_match:
            fence = fence_match.group(1)
        previous_blank = False
    return "\n".join(lines) if changed else text
