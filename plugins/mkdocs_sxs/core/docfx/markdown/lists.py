"""Lists read the CommonMark way (as DocFX's markdig reads them), written the way Python-Markdown reads them.

CommonMark puts an item's content at its content column (marker width plus
spaces: 3 after `1. `, 2 after `- `) and lets a list interrupt a paragraph;
Python-Markdown wants each nesting level 4 spaces deeper and a blank line
before a list, else images, notes and code of a step fall out of it, nested
items flatten and `- item` stays paragraph text. markdown-it-py (CommonMark)
finds the items, their lines and nesting; each line of an item is moved from
its CommonMark content column to 4 spaces per level (code keeps its
indentation beyond that column). Lines of HTML blocks and
of lists inside block quotes are left alone; a blank line is inserted only
before a list or item that interrupts a paragraph (line origins are re-aligned by
`line_origins`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

# Block structure only (no inline parsing); table rows inside items are moved like paragraph lines.
_BLOCKS = MarkdownIt("commonmark").disable(["inline", "text_join"])
_LIST_OPEN = ("bullet_list_open", "ordered_list_open")
_MARKER = r"(?:[-*+]|\d{1,9}[.)])[ \t]"
# What a page needs for anything to move (most pages have neither, and are not parsed): a line indented
# by other than a multiple of 4 spaces, a list item right under a line that is not one, or under an item
# of the other kind (ordered/bullet).
_CANDIDATE = re.compile(rf"^(?: {{4}})* {{1,3}}\S|^(?![ ]*{_MARKER})[ ]*\S[^\n]*\n[ ]*{_MARKER}"
                        r"|^[ ]*\d{1,9}[.)][ \t][^\n]*\n[ ]*[-*+][ \t]|^[ ]*[-*+][ \t][^\n]*\n[ ]*\d{1,9}[.)][ \t]",
                        re.MULTILINE)


@dataclass
class _Item:
    depth: int  # 1 for a top-level item
    content: int  # CommonMark content column of the item


_QUOTED = _Item(-1, 0)  # an item inside a block quote: not moved
_UNUSUAL = _Item(-1, 0)  # an item whose marker line is unusual (tabs, two markers): it and its content not moved


def indent_list_continuations(text: str) -> str:
    """`text` with list item content at 4 spaces per level; unchanged when nothing needs moving."""
    if "\n" not in text or not _CANDIDATE.search(text):
        return text
    lines = text.split("\n")
    tokens = _BLOCKS.parse(text)
    owner: list[_Item | None] = [None] * len(lines)  # innermost item holding each line
    marker_of: dict[int, _Item] = {}  # first line of an item -> the item
    frozen: set[int] = set()  # HTML blocks, lists in quotes: left as they are
    code: set[int] = set()  # fenced and indented code: moved keeping its relative indentation
    breaks: set[int] = set()  # lines before which a blank line goes (a list or item interrupting a paragraph)
    list_starts: set[int] = set()
    items: list[_Item] = []
    quotes = 0
    paragraph: list[int] | None = None  # map of the last paragraph, if the last block closed was one
    for token in tokens:
        kind = token.type
        if kind == "blockquote_open":
            quotes += 1
        elif kind == "blockquote_close":
            quotes -= 1
        elif kind == "list_item_open" and (quotes or not token.map):
            items.append(_QUOTED)  # balances its list_item_close
        elif kind == "list_item_open":
            if paragraph is not None and paragraph[1] == token.map[0] and paragraph[0] not in marker_of:
                breaks.add(token.map[0])  # an item after a paragraph that is not its sibling's first line
            item = _open_item(token, lines, items)
            if item is None:
                _freeze(frozen, token.map)
                quotes += 1  # treat the rest of this item like a quote: not moved
                items.append(_UNUSUAL)
                continue
            items.append(item)
            start, end = token.map
            marker_of[start] = item
            for index in range(start, min(end, len(lines))):
                owner[index] = item
        elif kind == "list_item_close" and items:
            if items[-1] is _UNUSUAL:
                quotes -= 1
            items.pop()
        elif kind in _LIST_OPEN and token.map and not quotes:
            list_starts.add(token.map[0])
            if paragraph is not None and paragraph[1] == token.map[0] and paragraph[0] not in marker_of:
                breaks.add(token.map[0])
        elif kind == "html_block" and token.map:
            _freeze(frozen, token.map)
        elif kind in ("fence", "code_block") and token.map:
            code.update(range(*token.map))
        if kind == "paragraph_open":
            paragraph = token.map
        elif kind != "paragraph_close":
            paragraph = None if kind.endswith("_open") or kind in ("html_block", "fence", "code_block", "hr") \
                else paragraph
    changed = False
    for index, item in enumerate(owner):
        if item is None or index in frozen or not lines[index].strip():
            continue
        moved = _moved(lines[index], item, marker_of.get(index) is item, index in code)
        if moved != lines[index]:
            lines[index] = moved
            changed = True
    breaks.update(_swallowed_markers(lines, owner, marker_of, list_starts, frozen))
    if breaks:
        for index in sorted(breaks, reverse=True):
            lines.insert(index, "")
        changed = True
    return "\n".join(lines) if changed else text


def _open_item(token: Token, lines: list[str], items: list[_Item]) -> _Item | None:
    """The item starting at `token`, with its content column; None when its marker line is unusual."""
    line = lines[token.map[0]] if token.map else ""
    if "\t" in line[: len(line) - len(line.lstrip())]:
        return None
    parent = items[-1] if items else None
    if parent is not None and parent.depth < 0:
        return None
    width = len(line) - len(line.lstrip(" "))
    marker = (token.info + token.markup) if token.info else token.markup
    if not line.startswith(marker, width) or (parent is not None and width < parent.content):
        return None  # e.g. `- - a` (two items on one line): left alone
    after = line[width + len(marker):]
    spaces = len(after) - len(after.lstrip(" "))
    if not after.strip() or spaces > 4:
        spaces = 1
    return _Item((parent.depth if parent else 0) + 1, width + len(marker) + spaces)


def _moved(line: str, item: _Item, is_marker_line: bool, is_code: bool) -> str:
    """The line at 4 spaces per level; code keeps its indentation beyond the content column."""
    if line.startswith(" " * (len(line) - len(line.lstrip(" "))) + "\t"):
        return line  # tab-indented: its width is ambiguous, left alone
    width = len(line) - len(line.lstrip(" "))
    if is_marker_line:
        target = 4 * (item.depth - 1)
    elif is_code:
        target = 4 * item.depth + max(0, width - item.content)
    else:  # up to 3 spaces beyond the content column mean nothing to CommonMark, but end a block for Python-Markdown
        target = 4 * item.depth
    return line if target == width else " " * target + line[width:]


def _freeze(frozen: set[int], span: list[int]) -> None:
    frozen.update(range(span[0], span[1]))


def _swallowed_markers(lines: list[str], owner: list[_Item | None], marker_of: dict[int, _Item],
                       list_starts: set[int], frozen: set[int]) -> set[int]:
    """Item lines Python-Markdown would read as text of the line above: they need a blank line before.

    A chunk of lines (between blank lines) that begins deeper than an item's
    marker is read whole as the previous item's content; a new list right
    after a sibling list's line continues that line (sane_lists).
    """
    needed: set[int] = set()
    chunk_indent = 0
    for index, line in enumerate(lines):
        if not line.strip():
            chunk_indent = -1
            continue
        indent = len(line) - len(line.lstrip(" "))
        if chunk_indent < 0:
            chunk_indent = indent
            continue
        item = marker_of.get(index)
        if item is None or index in frozen:
            continue
        above = owner[index - 1]
        if chunk_indent > indent or (index in list_starts and above is not None and above.depth >= item.depth):
            needed.add(index)
            chunk_indent = indent
    return needed
