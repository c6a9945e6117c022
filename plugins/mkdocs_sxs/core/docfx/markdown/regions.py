"""Parts of a text that transforms must leave alone: code."""

from __future__ import annotations

import re
from bisect import bisect_right

_FENCE_OPEN = re.compile(r"^[ \t>]*(`{3,}|~{3,})[^`\n]*$", re.M)
_INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")  # within a line: fast, and nearly always so


class CodeRegions:
    """Fenced code blocks and inline code spans of one text."""

    def __init__(self, text: str) -> None:
        ranges: list[tuple[int, int]] = []
        self.starts: list[int] = []
        self.ranges = ranges
        if "`" not in text and "~~~" not in text:
            return
        position = 0
        while True:
            match = _FENCE_OPEN.search(text, position)
            if match is None:
                break
            fence = match.group(1)
            closing = re.compile(r"^[ \t>]*" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$", re.M)
            end_match = closing.search(text, match.end())
            end = end_match.end() if end_match else len(text)
            ranges.append((match.start(), end))
            position = end
        fenced = list(ranges)
        for match in _INLINE_CODE.finditer(text):
            if not _inside(fenced, match.start()):
                ranges.append((match.start(), match.end()))
        ranges.sort()
        self.starts = [start for start, _ in ranges]
        self.ranges = ranges

    def contains(self, offset: int) -> bool:
        index = bisect_right(self.starts, offset) - 1
        return index >= 0 and self.ranges[index][0] <= offset < self.ranges[index][1]


def _inside(ranges: list[tuple[int, int]], offset: int) -> bool:
    return any(start <= offset < end for start, end in ranges)
