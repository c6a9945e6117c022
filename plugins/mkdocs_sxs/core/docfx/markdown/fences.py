"""Code fences closed the CommonMark way, made ones Python-Markdown closes.

Markdig (DocFX) closes a fence with a line indented up to 3 spaces;
Python-Markdown's `fenced_code` only with one at column 0, so a top-level
block closed by `   ```` swallows the rest of the page (translation units
shown as raw markup). Such closing lines are moved to column 0; so is an
opening fence indented 1-3 spaces whose closing fence is at column 0 (and its
content, by as much, as CommonMark does). An info
string of several words (```` ``` Power Apps````, which Python-Markdown does
not take for a fence) is cut to its first word.
"""

from __future__ import annotations

import re

_OPEN = re.compile(r"^(?P<marker>`{3,}|~{3,})(?P<info>[^`]*)$")
_LANG = re.compile(r"^\.?[\w#.+-]*$")
_CLOSE = re.compile(r"^(?P<indent> {1,3})(?P<marker>`{3,}|~{3,})[ \t]*$")
_ANY_FENCE = re.compile(r"^[ \t]*(?P<marker>`{3,}|~{3,})")
_INDENTED_OPEN = re.compile(r"^(?P<indent> {1,3})(?P<marker>`{3,}|~{3,})[^`]*$")


def _dedent_top_level_fence(lines: list[str], index: int) -> bool:
    """` ```` ` (1-3 spaces) closed by a fence at column 0: a top-level block (Python-Markdown wants column 0).

    CommonMark removes up to the opening's indentation from each content line; so does this.
    """
    opening = _INDENTED_OPEN.match(lines[index])
    if opening is None:
        return False
    width, marker = len(opening.group("indent")), opening.group("marker")
    for end in range(index + 1, len(lines)):
        closing = _ANY_FENCE.match(lines[end])
        stripped = lines[end].strip()
        if closing and set(stripped) == {marker[0]} and len(stripped) >= len(marker):
            if lines[end][:1] not in ("`", "~"):
                return False  # closed at an indentation too: maybe a list item's code, left alone
            lines[index] = lines[index][width:]
            for inner in range(index + 1, end):
                line = lines[inner]
                lines[inner] = line[min(width, len(line) - len(line.lstrip(" "))):]
            return True
    return False


def normalize_fences(text: str) -> str:
    if "```" not in text and "~~~" not in text:
        return text
    lines = text.split("\n")
    open_marker: str | None = None
    nested: str | None = None
    changed = False
    for index, line in enumerate(lines):
        if open_marker is None:
            if nested is not None:
                match = _ANY_FENCE.match(line)
                if match and match.group("marker")[0] == nested[0] and len(match.group("marker")) >= len(nested):
                    nested = None
                continue
            opening = _OPEN.match(line)
            if opening:
                open_marker = opening.group("marker")
                info = opening.group("info").strip()
                if info and not info.startswith("{") and not _LANG.match(info):
                    # ```` ``` Power Apps````: Python-Markdown only takes one word as the language.
                    word = re.sub(r"[^\w#.+-]", "", info.split()[0])
                    lines[index] = open_marker + word
                    changed = True
            else:
                other = _ANY_FENCE.match(line)
                if other and _dedent_top_level_fence(lines, index):
                    changed = True
                    open_marker = _OPEN.match(lines[index]).group("marker")  # type: ignore[union-attr]
                elif other:
                    nested = other.group("marker")  # an indented fence: leave it and its body alone
            continue
        stripped = line.strip()
        if stripped and set(stripped) == {open_marker[0]} and len(stripped) >= len(open_marker):
            if line != stripped:
                closing = _CLOSE.match(line)
                if closing:
                    lines[index] = closing.group("marker")
                    changed = True
                else:
                    continue
            open_marker = None
    return "\n".join(lines) if changed else text
