"""Offset to line/column conversion, built once per text."""

from __future__ import annotations

from bisect import bisect_right


class LineIndex:
    """Maps character offsets of a text to 1-based (line, column)."""

    __slots__ = ("starts", "bom")

    def __init__(self, text: str) -> None:
        self.bom = text.startswith("\ufeff")
        starts = [0]
        find = text.find
        position = find("\n")
        while position != -1:
            starts.append(position + 1)
            position = find("\n", position + 1)
        self.starts = starts

    def line(self, offset: int) -> int:
        return bisect_right(self.starts, offset)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        column = offset - self.starts[line - 1] + 1
        if line == 1 and self.bom and offset > 0:
            column -= 1  # editors do not count a byte order mark
        return line, column

    def line_start(self, line: int) -> int:
        return self.starts[line - 1]

    def __len__(self) -> int:
        return len(self.starts)
