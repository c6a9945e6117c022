"""What "the parser never loses text" means, as checks shared by the fuzz tests.

For a parsed page and its rendering (`render_page`):

1. the parse returns (never raises) within a time bound;
2. every unit's offsets are consistent: `start <= target_start <= target_end
   <= end`, the source (if any) lies between the target's end and the unit's
   end, and `target`/`source` are exactly those slices of the input;
3. text outside the rendered units is copied to the output unchanged and in
   order (the renderer rewrites units and nothing else);
4. each rendered unit's target and source text reach the output (sanitized:
   `core.sanitize` keeps characters visible, escaping tags as text);
5. what a rendered unit drops is only its own sxs markup: the parts of a unit
   that are neither target nor source consist of `<span …>`/`</span>` tags
   and whitespace; anything else there is covered by a Problem on the unit's
   line (the unit is marked malformed).
"""

from __future__ import annotations

import re
import signal
from contextlib import contextmanager

from mkdocs_sxs.core.reader.empty_links import fill_empty_links
from mkdocs_sxs.core.reader.model import CONTEXT_CODE, SxsPage
from mkdocs_sxs.core.reader.render import closable_after, images_to_alt, render_page
from mkdocs_sxs.core.reader.sanitize import sanitize_inline

_RENDERED_SPAN = re.compile(r"<span\b[^>]*>|</span>")
_SXS_MARKUP = re.compile(r"<span\b[^<>]*>|</span\s*>|\s+", re.I)


@contextmanager
def time_limit(seconds: float):
    """Fail (TimeoutError) instead of hanging; main thread, POSIX only."""

    def expire(signum, frame):
        raise TimeoutError(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_ANY_TAG = re.compile(r"""</?[a-zA-Z](?:[^>"']|"[^"]*"|'[^']*')*>""")


def rendered_units(page: SxsPage):
    """The units `render_page` rewrites (the same selection rule)."""
    position = page.body_start
    for unit in page.units:
        if unit.context == CONTEXT_CODE or unit.start < position:
            continue
        yield unit
        position = unit.end


def check_page(text: str, page: SxsPage) -> str:
    """Assert the invariants above; return the rendered body."""
    assert page.text == text
    assert 0 <= page.body_start <= len(text)
    for unit in page.units:
        assert unit.start <= unit.target_start <= unit.target_end <= unit.end <= len(text), unit
        assert unit.target == text[unit.target_start : unit.target_end]
        if unit.source is None:
            assert unit.source_start is None and unit.source_end is None
        else:
            assert unit.target_end <= unit.source_start <= unit.source_end <= unit.end, unit
            assert unit.source == text[unit.source_start : unit.source_end]
        assert 1 <= unit.line <= unit.end_line
    rendered = render_page(page)
    cursor = 0
    position = page.body_start
    problem_lines = {problem.line for problem in page.problems}
    for unit in rendered_units(page):
        outside = text[position : unit.start]
        assert rendered.startswith(outside, cursor), f"text before unit {unit.id!r} at line {unit.line} changed"
        cursor += len(outside)
        target_closable, source_closable = closable_after(text, unit, unit.target)
        target = sanitize_inline(unit.target, closable_after=target_closable).markup
        if unit.source is not None:  # an MT-emptied link text gets the English link text back (empty_links.py)
            target = fill_empty_links(target, sanitize_inline(unit.source, closable_after=source_closable).markup)
        if unit.in_image_alt:  # inside an image's alt text: the target's text only
            alt = _ANY_TAG.sub("", target)
            assert rendered.startswith(alt, cursor), f"alt text of unit {unit.id!r} changed"
            cursor += len(alt)
            position = unit.end
            continue
        unit_end = _unit_end(rendered, cursor)
        assert rendered.find(target, cursor, unit_end) != -1, f"target of unit {unit.id!r} lost"
        if unit.source is not None:
            source = sanitize_inline(unit.source, closable_after=source_closable).markup
            assert rendered.find(images_to_alt(source), cursor, unit_end) != -1, (
                f"source of unit {unit.id!r} lost")
        pieces = [text[unit.start : unit.target_start]]
        if unit.source_start is not None:
            pieces += [text[unit.target_end : unit.source_start], text[unit.source_end : unit.end]]
        else:
            pieces.append(text[unit.target_end : unit.end])
        dropped = _SXS_MARKUP.sub("", "".join(pieces))
        if dropped:
            assert unit.malformed and unit.line in problem_lines, (
                f"unit {unit.id!r} at line {unit.line} dropped {dropped[:80]!r} unreported")
        cursor = unit_end
        position = unit.end
    assert rendered[cursor:] == text[position:], "text after the last unit changed"
    return rendered


def _unit_end(rendered: str, start: int) -> int:
    """Offset after the `<span class="sxs-tu" …>…</span>` that starts at `start`."""
    assert rendered.startswith('<span class="sxs-tu', start), rendered[start : start + 80]
    depth = 0
    for match in _RENDERED_SPAN.finditer(rendered, start):
        depth += 1 if match.group(0) != "</span>" else -1
        if depth == 0:
            return match.end()
    raise AssertionError("unit markup not closed")
