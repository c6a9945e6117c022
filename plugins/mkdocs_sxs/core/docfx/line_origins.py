"""Which file and line each line of a transformed page came from.

The DocFX transform expands `[!INCLUDE]`s and rewrites blocks (alerts add
blank lines, lose their `>`), so a problem found in the transformed page has
a line number of a text nobody edits. Include expansion records segments
(output line -> file, line, and the include directives that brought it in);
the later whole-page rewrites are undone by aligning their output with the
expanded text line by line, only when a page has something to report.

A problem inside an included file is reported at that file and line, where a
translator fixes it, followed by the include directive(s) that brought it
into the page: `includes/a.md:3:1: … (included in page.md:12)`.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cached_property

Via = tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Segment:
    """Lines from `line` on (1-based, in the expanded text) are `path`'s lines from `source_line` on."""

    line: int
    path: str
    source_line: int
    via: Via = ()  # the include directives (file, line) that brought it in, outermost first
    indent: int = 0  # characters the directives' line prefixes (`> `, list indentation) put before each line


def shifted(segments: list[Segment], lines_before: int, stripped: int, via: tuple[str, int] | None,
            indent: int = 0) -> list[Segment]:
    """A child text's segments placed after `lines_before` lines of the parent.

    `stripped`: leading lines of the child dropped before insertion; `via`: the directive inserting it;
    `indent`: the length of the prefix put before each of its lines.
    """
    first = lines_before + 1
    out: list[Segment] = []
    for segment in segments:
        line = segment.line - stripped + lines_before
        source_line = segment.source_line
        if line < first:
            source_line += first - line
            line = first
            if out and out[-1].line == first:
                out.pop()
        chain = ((via,) + segment.via) if via is not None else segment.via
        out.append(Segment(line, segment.path, source_line, chain, segment.indent + indent))
    return out


@dataclass
class LineOrigins:
    """Segments of the expanded text, and the page text after the whole-page rewrites."""

    expanded: str
    segments: list[Segment]
    final: str | None = None  # None: the same lines as `expanded`
    _to_expanded: list[int] | None = field(default=None, repr=False)

    def origin(self, line: int) -> tuple[str, int, Via]:
        """(file, line, directives) of a 1-based line of the final text."""
        path, source_line, _column, via = self.locate(line, 1)
        return path, source_line, via

    def locate(self, line: int, column: int) -> tuple[str, int, int, Via]:
        """(file, line, column, directives) of a position in the final text."""
        expanded_line = self._expanded_line(line)
        starts = [segment.line for segment in self.segments]
        index = max(bisect_right(starts, expanded_line) - 1, 0)
        segment = self.segments[index]
        source_line = segment.source_line + max(expanded_line - segment.line, 0)
        # Indentation and `>` markers are what the rewrites change in a line; the rest keeps its columns.
        final_lines, expanded_lines = self._final_lines, self._expanded_lines
        if 1 <= line <= len(final_lines) and 1 <= expanded_line <= len(expanded_lines):
            column = column - _lead(final_lines[line - 1]) + _lead(expanded_lines[expanded_line - 1]) - segment.indent
        return segment.path, source_line, max(column, 1), segment.via

    def where(self, line: int, column: int) -> str:
        """`file:line:column`, plus ` (included in page:line …)` when the line comes from an include."""
        path, source_line, source_column, via = self.locate(line, column)
        place = f"{path}:{source_line}:{source_column}"
        if not via:
            return place
        chain = f"included in {via[0][0]}:{via[0][1]}"
        if len(via) > 1:
            chain += " via " + ", ".join(f"{name}:{number}" for name, number in via[1:])
        return f"{place} ({chain})"

    @cached_property
    def _expanded_lines(self) -> list[str]:
        return self.expanded.split("\n")

    @cached_property
    def _final_lines(self) -> list[str]:
        return self._expanded_lines if self.final is None else self.final.split("\n")

    def _expanded_line(self, line: int) -> int:
        if self.final is None or self.final == self.expanded:
            return line
        if self._to_expanded is None:
            self._to_expanded = _align(self._expanded_lines, self._final_lines)
        if 1 <= line <= len(self._to_expanded):
            return self._to_expanded[line - 1]
        return line


def _lead(line: str) -> int:
    return len(line) - len(line.lstrip(" \t>"))


def _key(line: str) -> str:
    # Rewrites change indentation and drop quote markers; the words stay.
    return line.strip(" \t>")


def _align(before: list[str], after: list[str]) -> list[int]:
    """For each line of `after`, the 1-based line of `before` it was made from (best guess)."""
    matcher = SequenceMatcher(None, [_key(line) for line in before], [_key(line) for line in after], autojunk=False)
    mapping = [1] * len(after)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for j in range(j1, j2):
            if tag == "equal":
                i = i1 + (j - j1)
            elif i2 > i1:  # replaced: line by line, extra lines stay on the last one
                i = i1 + min(j - j1, i2 - i1 - 1)
            else:  # inserted (a blank line, a closing tag): belongs to the line before
                i = max(i1 - 1, 0)
            mapping[j] = i + 1
    return mapping


def problem_place(path: str, line: int, column: int, line_offset: int, origins: LineOrigins | None) -> str:
    """Where to report a problem found at `line` of the page text Markdown saw.

    Without origins that text is the file's body (`line_offset` lines of front matter above it).
    """
    if origins is None:
        return f"{path}:{line + line_offset}:{column}"
    return origins.where(line, column)
