"""Property-based tests: the parser never raises, never hangs, never loses text.

Deterministic in CI (`derandomize=True`); set SXS_FUZZ_EXAMPLES=N for a
longer random run (e.g. SXS_FUZZ_EXAMPLES=20000).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs_sxs.core.reader.parser import parse_file, parse_sxs
from sxs_invariants import check_page, time_limit

FUZZ_EXAMPLES = int(os.environ.get("SXS_FUZZ_EXAMPLES", "0"))
FUZZ = settings(
    max_examples=FUZZ_EXAMPLES or 300,
    derandomize=not FUZZ_EXAMPLES,
    deadline=None,  # the hang guard is time_limit below, generous for a shared 2-core CI
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)
PER_EXAMPLE_SECONDS = 10

# Pieces of sxs markup and of everything that breaks it in real docsets.
TOKENS = [
    '<span data-ttu-id="a-1">', '<span data-ttu-id="a-2">', "<span data-ttu-id=a-3>", '<span data-ttu-id="a-4&quot;>',
    "<span data-ttu-id='a-5'>", '<span data-ttu-id="">', '<SPAN DATA-TTU-ID="a-6">',
    '<span class="sxs-lookup">', '<span data-stu-id="a-1">', '<span data-stu-id="a-2">', "<span data-stu-id=a-3>",
    "</span>", "</SPAN >", "<span>", '<span class="x">',
    '<span data-ttu-id="b-1">Cíl.</span><span class="sxs-lookup"><span data-stu-id="b-1">Source.</span></span>',
    "<", ">", '"', "'", "&quot;", "&amp;", "\n", "\r\n", "\r", "\n\n", " ", "\t", "\u00a0", "\ufeff",
    "---\n", "title: x\n", "title: [\n", "# ", "- ", "> ", "| a | b |\n|---|---|\n", "```\n", "    ",
    "<table><tr><td>", "</td></tr></table>", "<a name=\"x\"></a>", "[", "](", ")", "![", "`", "{", "}",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
    "Obecně", "text", "žluťoučký kůň",
]
pages = st.lists(st.sampled_from(TOKENS) | st.text(max_size=4), max_size=60).map("".join)


@FUZZ
@given(pages)
def test_any_token_soup_parses_and_keeps_its_text(text):
    with time_limit(PER_EXAMPLE_SECONDS):
        page = parse_sxs(text, "fuzz.md")
        check_page(text, page)


@FUZZ
@given(st.text(max_size=300))
def test_any_unicode_text_parses(text):
    with time_limit(PER_EXAMPLE_SECONDS):
        check_page(text, parse_sxs(text, "fuzz.md"))


@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes_through_parse_file_never_raise(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "page.md"
    path.write_bytes(data)
    with time_limit(PER_EXAMPLE_SECONDS):
        page = parse_file(str(path), "page.md")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        assert [p for p in page.problems if p.code == "not-utf8"], "invalid UTF-8 must be reported"
        assert "\ufffd" in page.text
    check_page(page.text, page)


def test_nested_spans_fifty_deep():
    inner = "<span>" * 50 + "hluboko" + "</span>" * 50
    text = (f'<span data-ttu-id="d-1">{inner}</span><span class="sxs-lookup">'
            f'<span data-stu-id="d-1">{inner}</span></span>\n')
    page = parse_sxs(text, "deep.md")
    [unit] = page.units
    assert unit.target == inner and unit.source == inner and not unit.malformed
    check_page(text, page)


def test_fifty_unclosed_nested_spans_are_reported_not_lost():
    text = '<span data-ttu-id="d-1">' + "<span>" * 50 + "hluboko\n\nnext paragraph\n"
    page = parse_sxs(text, "deep.md")
    assert page.units[0].malformed
    rendered = check_page(text, page)
    assert "next paragraph" in rendered


def test_the_invariant_check_sees_lost_text():
    text = 'a <span data-ttu-id="x">Cíl</span><span class="sxs-lookup"><span data-stu-id="x">S</span></span> b'
    page = parse_sxs(text)
    check_page(text, page)
    page.units[0].end += 2  # a unit that swallows " b" without saying so
    try:
        check_page(text, page)
    except AssertionError:
        return
    raise AssertionError("check_page accepted a unit that drops text")
