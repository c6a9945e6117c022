"""Read sxs Markdown into a page model of translation units.

The markup is regular enough for a scanner and broken often enough that an
HTML parser would lose units: a unit is found from its opening
``data-ttu-id`` tag, its target is the balanced ``<span>`` content after it,
and its English original the ``sxs-lookup`` span that follows. Whatever does
not fit is kept (a unit without a source is still a unit) and reported.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..files.docfile import read_text_lenient
from ..files.lines import LineIndex
from .blocks import _HTML_CONTEXT_TAG, classify_lines, html_context
from .frontmatter import split_front_matter
from .model import (
    CONTEXT_HTML,
    LEVEL_WARNING,
    Problem,
    SxsPage,
    TranslationUnit,
)

# Attribute quotes as written, including the `&quot;` corruption that CAT
# tools leave behind (`data-ttu-id="x-323&quot;>`).
_Q = r"(?:\"|'|&quot;)"
TU_OPEN = re.compile(
    r"<span\s+data-ttu-id\s*=\s*(?P<q1>" + _Q + r")?(?P<id>[^\"'<>&\s]*)(?P<q2>" + _Q + r")?[^<>]*?>",
    re.I,
)
_LOOKUP_OPEN = re.compile(r"[ \t]*<span\s+class\s*=\s*" + _Q + r"?sxs-lookup" + _Q + r"?\s*>", re.I)
_STU_OPEN = re.compile(
    r"\s*<span\s+data-stu-id\s*=\s*(?P<q1>" + _Q + r")?(?P<id>[^\"'<>&\s]*)(?P<q2>" + _Q + r")?[^<>]*?>",
    re.I,
)
_SPAN_TAG = re.compile(r"<span\b(?P<attrs>[^>]*)>|</span\s*>", re.I)
_SPAN_CLOSE = re.compile(r"\s*</span\s*>", re.I)
# The well-formed unit without nested spans: most of a docset, one match.
_NO_SPAN = r"[^<]*(?:<(?!/?span\b)[^<]*)*"
# Its markup after the id: target, lookup span, source.
_WELL_FORMED_REST = (
    r'">(?P<target>' + _NO_SPAN + r')</span>'
    r'<span class="sxs-lookup"><span data-stu-id="(?P<sid>[^"<>&\s]*)">(?P<source>' + _NO_SPAN + r")</span></span>"
)
# One well-formed unit at a known position (groups `id`, `target`, `sid`, `source`): the link
# scanner reads the unit around a link with it instead of parsing the page.
WELL_FORMED_UNIT = re.compile(r'<span data-ttu-id="(?P<id>[^"<>&\s]*)' + _WELL_FORMED_REST, re.I)
_LOOKUP_ANYWHERE = re.compile(r"<span\s+class\s*=\s*" + _Q + r"?sxs-lookup", re.I)
# One scan finds every unit: the well-formed shape whole (groups `fast_id`, `target`, `sid`,
# `source`; its id as TU_OPEN reads it without a quote problem), anything else by its
# opening tag (TU_OPEN's groups). Both start where TU_OPEN matches, and no unit opens
# inside a well-formed one, so the units are TU_OPEN's matches, each parsed once.
# The same scan counts the lookup spans (group `lookup`) outside well-formed units,
# which hold one each: no separate pass is needed to tell that no lookup is an orphan.
_UNIT_SCAN = re.compile(
    r'<span data-ttu-id="(?P<fast_id>[^"\'<>&\s]+)' + _WELL_FORMED_REST
    + r"|" + TU_OPEN.pattern + r"|(?P<lookup>" + _LOOKUP_ANYWHERE.pattern + ")",
    re.I,
)
# A `</span>` with only blanks after it, up to the end of the searched range.
_LAST_CLOSE = re.compile(r"</span\s*>[ \t]*\Z", re.I)
_CLOSE_TAG = re.compile(r"</span\s*>", re.I)
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")


def _quote_problem(match: re.Match[str]) -> str | None:
    first, second = match.group("q1"), match.group("q2")
    if first is None or second is None:
        return "unquoted-attribute"
    if "&quot;" in (first, second):
        return "quote-entity"
    if first != second:
        return "mismatched-quotes"
    return None


def _balanced_end(text: str, start: int, limit: int) -> tuple[int, int] | None:
    """Find the `</span>` closing a span whose content starts at `start`.

    Returns (content end, offset after the closing tag), or None when the
    span is not closed before `limit` or a lookup span opens at depth one
    (a deleted `</span>` must not swallow the English original).
    """
    depth = 1
    for match in _SPAN_TAG.finditer(text, start, limit):
        attrs = match.group("attrs")
        if attrs is not None:
            if depth == 1 and "sxs-lookup" in attrs:
                return None
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return match.start(), match.end()
    return None


MESSAGES = {
    "quote-entity": "attribute quotes are written as '&quot;'; replace '&quot;' with '\"' in the span tags",
    "unquoted-attribute": "a span attribute is not quoted; write data-ttu-id=\"ID\"",
    "mismatched-quotes": "span attribute quotes do not match; use '\"' on both sides",
    "unclosed-target": "the translated text has no closing '</span>'; add it before the sxs-lookup span",
    "missing-source": "the unit has no English original (no sxs-lookup span after it); add "
    "<span class=\"sxs-lookup\"><span data-stu-id=\"ID\">…</span></span>",
    "missing-stu": "the sxs-lookup span has no data-stu-id span inside; wrap the English text in "
    "<span data-stu-id=\"ID\">…</span>",
    "unclosed-source": "the English original has no closing '</span>'; add it",
    "unclosed-lookup": "the sxs-lookup span is not closed; add '</span>' after the English original",
    "id-mismatch": "data-stu-id differs from data-ttu-id; make them the same",
    "empty-id": "the unit has no id; give data-ttu-id a value",
    "duplicate-id": "the same data-ttu-id appears twice on this page; give each unit its own id",
    "orphan-source": "an sxs-lookup span stands without a translated unit before it",
    "early-close": "the unit's text contains a '</span>' that closes it early; remove the extra '</span>' "
    "(the text after it is kept in the unit and shown as text)",
}


def parse_sxs(text: str, path: str = "", *, body_only: bool = False) -> SxsPage:
    """Parse an sxs page. `body_only` skips front matter detection."""
    if body_only:
        meta, body_start, problems = {}, 0, []
    else:
        meta, body_start, problems = split_front_matter(text, path)
    index = LineIndex(text)
    line_starts, bom = index.starts, index.bom
    units: list[TranslationUnit] = []
    found = list(_UNIT_SCAN.finditer(text, body_start))
    scans = [scan for scan in found if scan.lastgroup != "lookup"]
    well_formed_shapes = 0
    last = len(scans) - 1
    contexts: list[str] | None = None
    html_contexts = _LineScan(text, index, _HTML_CONTEXT_TAG)
    outer_spans = _LineScan(text, index, _SPAN_TAG)
    seen_ids: dict[str, int] = {}
    for number, scan in enumerate(scans):
        start = scan.start()
        limit = scans[number + 1].start() if number < last else len(text)
        unit_id = scan.group("fast_id")
        malformed: list[str] = []
        if unit_id is not None:
            well_formed_shapes += 1  # each holds one lookup span, whether its ids agree or not
        if unit_id is not None and scan.group("sid") == unit_id:
            target_start, target_end = scan.span("target")
            source_start, source_end = scan.span("source")
            end = scan.end()
        else:
            opening = scan if unit_id is None else TU_OPEN.match(text, start)
            unit_id = opening.group("id")
            problem = _quote_problem(opening)
            if problem:
                malformed.append(problem)
            if not unit_id:
                malformed.append("empty-id")
            target_start, target_end, source_start, source_end, end = _scan_unit(
                text, opening, unit_id, limit, malformed
            )
        # `text.find` rules out stray closers for most units without a regex.
        stray = _stray_closers(text, end, limit) if text.find("</", end, limit) != -1 else None
        if stray:
            absorbed = _absorb_stray_closers(text, start, stray, outer_spans.span_depth(start, units))
            if absorbed is not None:
                if source_start is not None:
                    source_end = absorbed[0]
                    if "unclosed-lookup" in malformed:
                        malformed.remove("unclosed-lookup")
                else:
                    target_end = absorbed[0]
                end = absorbed[1]
                if "early-close" not in malformed:
                    malformed.append("early-close")
        line = bisect_right(line_starts, start)  # LineIndex.position, inlined: it runs once per unit
        column = start - line_starts[line - 1] + 1
        if line == 1 and bom and start > 0:
            column -= 1
        if contexts is None:
            contexts = classify_lines(text.replace("\r", "").split("\n"))
        context = contexts[line - 1]
        if context == CONTEXT_HTML:
            context = html_context(html_contexts.last_match(start))
        in_link = in_image_alt = False
        if start > 0 and text[start - 1] == "[":
            in_link = text.startswith(("](", "]["), end)
            in_image_alt = start > 1 and (text[start - 2] == "!" or (start > 2 and text[start - 3 : start - 1] == "!["))
        if unit_id in seen_ids:
            malformed.append("duplicate-id")
        seen_ids[unit_id] = line
        # Positional, in the order of TranslationUnit's fields: keyword arguments cost twice as much
        # per unit, and a docset has hundreds of thousands of units.
        units.append(TranslationUnit(
            unit_id,
            text[target_start:target_end],  # target
            text[source_start:source_end] if source_start is not None else None,  # source
            path,
            line,
            column,
            bisect_right(line_starts, end - 1 if end > start else start),  # end_line
            start,
            end,
            target_start,
            target_end,
            source_start,
            source_end,
            context,
            in_link,  # in_link_text
            malformed,
            in_image_alt,
        ))
        for code in malformed:
            message = f"unit {unit_id or '?'}: {MESSAGES[code]}"
            problems.append(Problem(path, line, column, code, message, LEVEL_WARNING))
    lookups = well_formed_shapes + len(found) - len(scans)
    problems.extend(_orphan_sources(text, body_start, units, index, path, lookups))
    return SxsPage(
        path=path,
        text=text,
        meta=meta,
        body_start=body_start,
        body_line=index.line(body_start),
        units=units,
        problems=problems,
    )


def _scan_unit(
    text: str, opening: re.Match[str], unit_id: str, limit: int, malformed: list[str]
) -> tuple[int, int, int | None, int | None, int]:
    """The slow path: nested spans, broken quotes, missing pieces."""
    target_start = opening.end()
    closed = _balanced_end(text, target_start, limit)
    source_start: int | None = None
    source_end: int | None = None
    if closed is None:
        malformed.append("unclosed-target")
        lookup = _LOOKUP_ANYWHERE.search(text, target_start, limit)
        target_end = lookup.start() if lookup else _trim_end(text, target_start, limit)
        after = target_end
    else:
        target_end, after = closed
    lookup = _LOOKUP_OPEN.match(text, after, limit)
    if lookup is None and closed is not None:
        # `A</span><img …>B</span><span class="sxs-lookup">`: a `</span>` inside the
        # text ended it early; the target runs to the closer before the lookup span
        # (in the same paragraph).
        later = _LOOKUP_ANYWHERE.search(text, after, _paragraph_end(text, after, limit))
        if later is not None:
            closer = _LAST_CLOSE.search(text, after, later.start())
            if closer is not None:
                target_end, after = closer.start(), closer.end()
                malformed.append("early-close")
                lookup = _LOOKUP_OPEN.match(text, after, limit)
    end = after
    if lookup is None:
        malformed.append("missing-source")
    else:
        stu = _STU_OPEN.match(text, lookup.end(), limit)
        if stu is None:
            malformed.append("missing-stu")
            source_start = lookup.end()
            inner = _balanced_end(text, source_start, limit)
            if inner is None:
                malformed.append("unclosed-lookup")
                source_end = end = _trim_end(text, source_start, limit)
            else:
                source_end, end = inner
        else:
            problem = _quote_problem(stu)
            if problem and problem not in malformed:
                malformed.append(problem)
            if stu.group("id") != unit_id:
                malformed.append("id-mismatch")
            source_start = stu.end()
            inner = _balanced_end(text, source_start, limit)
            if inner is None:
                malformed.append("unclosed-source")
                source_end = end = _trim_end(text, source_start, limit)
            else:
                source_end, end = inner
                closing = _SPAN_CLOSE.match(text, end, limit)
                if closing is None:
                    # `S</span><span onerror=…</span></span>`: a `</span>` inside the English
                    # text closed it early; it runs to the last closers of its paragraph.
                    closers = list(_CLOSE_TAG.finditer(text, end, _paragraph_end(text, end, limit)))
                    last = closers[-1] if closers else None
                    if last is None:
                        malformed.append("unclosed-lookup")
                    else:
                        before = _LAST_CLOSE.search(text, source_start, last.start())
                        source_end = before.start() if before is not None else last.start()
                        end = last.end()
                        malformed.append("early-close")
                else:
                    end = closing.end()
    return target_start, target_end, source_start, source_end, end


def _paragraph_end(text: str, start: int, limit: int) -> int:
    """Where the paragraph holding `start` ends (a blank line), at most `limit`."""
    blank = _BLANK_LINE.search(text, start, limit)
    return blank.start() if blank is not None else limit


def _stray_closers(text: str, end: int, limit: int) -> list[re.Match[str]]:
    """`</span>` tags after a unit, in its paragraph, that close nothing opened after it."""
    stop = _paragraph_end(text, end, limit)
    if _CLOSE_TAG.search(text, end, stop) is None:
        return []
    depth = 0
    stray = []
    for match in _SPAN_TAG.finditer(text, end, stop):
        if match.group("attrs") is not None:
            depth += 1
        elif depth:
            depth -= 1
        else:
            stray.append(match)
    return stray


def _absorb_stray_closers(
    text: str, start: int, stray: list[re.Match[str]], outer_depth: int
) -> tuple[int, int] | None:
    """(content end, unit end) when stray closers belong to the unit, else None.

    Closers that match spans the author opened before the unit on its line
    (`outer_depth`) stay outside (an author's span opened on an earlier line
    of the paragraph is not seen); the rest mean a `</span>` inside the unit's
    text closed it early (`B</span></span><script>…</span></span>`): the unit
    then runs to the last of them and its text to the `</span>` before that.
    """
    own = stray[: len(stray) - outer_depth] if outer_depth else stray
    if not own:
        return None
    last = own[-1]
    before = _LAST_CLOSE.search(text, start, last.start())
    content_end = before.start() if before is not None else last.start()
    return content_end, last.end()


class _LineScan:
    """Matches of a pattern on a unit's line before it, outside earlier units.

    Units come in text order, so each line is scanned once from where the
    previous unit left off: linear time even for a page of one long line.
    """

    def __init__(self, text: str, index: LineIndex, pattern: re.Pattern[str]) -> None:
        self.text, self.index, self.pattern = text, index, pattern
        self.line_start = -1
        self.position = 0
        self.depth = 0
        self.last = ""
        self.units_seen = 0

    def _advance(self, start: int, units: list[TranslationUnit] | None) -> list[re.Match[str]]:
        line_start = self.index.line_start(self.index.line(start))
        if line_start != self.line_start:
            self.line_start, self.position, self.depth, self.last = line_start, line_start, 0, ""
        regions: list[tuple[int, int]] = []
        if units is not None:
            regions = [(u.start, u.end) for u in units[self.units_seen :] if u.end > self.position]
            self.units_seen = len(units)
        regions.append((start, start))
        matches: list[re.Match[str]] = []
        for region_start, region_end in regions:
            if region_start > self.position:
                matches.extend(self.pattern.finditer(self.text, self.position, region_start))
            self.position = max(self.position, region_end)
        return matches

    def last_match(self, start: int) -> str:
        """The last match in the line before `start` (earlier units included)."""
        for match in self._advance(start, None):
            self.last = match.group(0)
        return self.last

    def span_depth(self, start: int, units: list[TranslationUnit]) -> int:
        """Span tags the author left open on the line before `start`, outside units."""
        for match in self._advance(start, units):
            self.depth = self.depth + 1 if match.group("attrs") is not None else max(0, self.depth - 1)
        return self.depth


def _trim_end(text: str, start: int, limit: int) -> int:
    """End an unclosed span at the first blank line or before the next unit.

    A blank line may hold spaces or a CR (CRLF files), as Markdown allows.
    """
    end = _paragraph_end(text, start, limit)
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _orphan_sources(
    text: str, body_start: int, units: list[TranslationUnit], index: LineIndex, path: str, lookups: int
) -> list[Problem]:
    """Lookup spans outside every unit: English text a reader would see (`lookups`: how many the page has)."""
    if lookups == sum(1 for unit in units if unit.source_start is not None):
        return []  # each lookup belongs to the unit whose source it holds
    problems = []
    spans = [(unit.start, unit.end) for unit in units]
    position = 0
    for match in _LOOKUP_ANYWHERE.finditer(text, body_start):
        offset = match.start()
        while position < len(spans) and spans[position][1] <= offset:
            position += 1
        if position < len(spans) and spans[position][0] <= offset < spans[position][1]:
            continue
        line, column = index.position(offset)
        problems.append(Problem(path, line, column, "orphan-source", MESSAGES["orphan-source"], LEVEL_WARNING))
    return problems


def parse_file(path: str, display_path: str | None = None) -> SxsPage:
    """Read a file as UTF-8 (BOM tolerated) and parse it.

    Invalid UTF-8 does not stop the parse: it is shown as U+FFFD and reported
    as an error-level Problem. A file that cannot be read at all raises
    `core.docfile.DocsetFileError` (its message names the file and the fix).
    """
    shown = display_path if display_path is not None else path
    read, problems = read_text_lenient(path, shown)
    page = parse_sxs(read.text, shown)
    page.problems[:0] = problems
    return page
