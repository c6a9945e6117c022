"""The corpus docsets built with the `sxs` plugin: every unit rendered, no English shown.

The sites come from the session fixtures in tests/acceptance/conftest.py
(each docset is built once per session). Every check walks every page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pytest
from mkdocs_sxs.core.reader.blocks import classify_lines
from mkdocs_sxs.core.reader.model import CONTEXT_CODE, CONTEXT_HEADING
from mkdocs_sxs.core.reader.parser import parse_file

pytestmark = pytest.mark.acceptance

_HIDDEN = (
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' sxs-s ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' sxs-lookup ')"
    " or @data-search-exclude or self::script or self::style or self::pre]"
)
_SHOWN = "//title|//header|//article|//nav[contains(concat(' ', normalize-space(@class), ' '), ' md-nav--secondary ')]"
_SPACE = re.compile(r"\s+")
_HEADING_ANCHOR = re.compile(r"""^[ \t]{0,3}#{1,6}[ \t]+<a\s+(?:name|id)\s*=\s*(?:"([^"]+)"|'([^']+)')""", re.I)
# An English original counts as a sentence a reader would notice: several words.
_MIN_WORDS = 3


_CODE = "//pre|//code[not(ancestor::pre)]"
_UNIT_MARKUP = re.compile(r"data-(?:ttu|sxs)-id=")


@dataclass
class PageCheck:
    page: str
    parsed: int
    in_code: int  # units the parser places in fenced code
    in_image_alt: int  # units inside an image's alt text: plain target text, no element
    rendered: int  # `.sxs-tu` elements in the built page (and units shown as annotation chips)
    shown_as_code: int  # unit markup displayed as text inside code elements
    leaked: list[str]
    missing_heading_ids: list[str]


def normalize(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def spaced_text(el: lxml.html.HtmlElement) -> str:
    """Text of an element with a space between nodes (no words glued across blocks)."""
    return normalize(" ".join(el.itertext()))


def check_page(built, page: Path) -> PageCheck:
    model = parse_file(str(page), str(page.relative_to(built.docs_dir)))
    html_file = built.html_path(page)
    root = lxml.html.fromstring(html_file.read_bytes())
    units = root.find_class("sxs-tu")
    code_text = " ".join(code.text_content() for code in root.xpath(_CODE))
    shown_as_code = len(_UNIT_MARKUP.findall(code_text))
    # Annotation blocks (another feature) show some units as chips; they list them.
    in_annotations = 0
    for block in root.xpath("//*[@data-sxs-units]"):
        inside = {unit.get("data-sxs-id") for unit in block.find_class("sxs-tu")}
        in_annotations += sum(1 for unit_id in block.get("data-sxs-units").split() if unit_id not in inside)
    originals, targets = [], []
    for unit in units:
        target = unit.find_class("sxs-t")
        source = unit.find_class("sxs-s")
        target_text = spaced_text(target[0]) if target else ""
        targets.append(target_text)
        if not source:
            continue
        source_text = spaced_text(source[0])
        if source_text != target_text and len(source_text.split()) >= _MIN_WORDS:
            originals.append(source_text)
    for hidden in root.xpath(_HIDDEN):
        hidden.drop_tree()
    for unit in root.find_class("sxs-tu"):
        # a unit boundary: English must not be matched across a target and its neighbour
        unit.text = "\u2063" + (unit.text or "")
        unit.tail = "\u2063" + (unit.tail or "")
    # What the page itself shows: title, header, content and its table of
    # contents (the site nav lists other pages' front matter titles).
    visible = normalize(" ".join(text for part in root.xpath(_SHOWN) for text in part.itertext()))
    # English that the page shows on purpose is not a leak: a product name kept
    # inside a translation, or text the page has outside any unit.
    all_targets = "\n".join(targets)
    outside_units = _outside_sources(model)
    leaked = [
        text for text in originals if text in visible and text not in all_targets and text not in outside_units
    ]

    heading_ids = set(root.xpath("//h1/@id|//h2/@id|//h3/@id|//h4/@id|//h5/@id|//h6/@id"))
    lines = model.text.replace("\r", "").split("\n")
    contexts = classify_lines(lines)
    wanted = []
    for line, context in zip(lines, contexts, strict=True):
        if context != CONTEXT_HEADING:
            continue
        anchor = _HEADING_ANCHOR.match(line)
        if anchor:
            wanted.append(anchor.group(1) or anchor.group(2))
    return PageCheck(
        page=model.path,
        parsed=len(model.units),
        in_code=sum(1 for unit in model.units if unit.context == CONTEXT_CODE),
        in_image_alt=sum(1 for unit in model.units if unit.in_image_alt),
        rendered=len(units) + in_annotations,
        shown_as_code=shown_as_code,
        leaked=leaked,
        # a heading Python-Markdown shows as code (see assert_every_unit_rendered) has no id
        missing_heading_ids=[
            anchor for anchor in wanted if anchor not in heading_ids and f'name="{anchor}"' not in code_text
        ],
    )


def _outside_sources(model) -> str:
    """The page's Markdown without the English originals of its units, spaces normalized."""
    parts, position = [], 0
    for unit in model.units:
        if unit.source_start is None or unit.source_start < position:
            continue
        parts.append(model.text[position : unit.source_start])
        position = unit.source_end
    parts.append(model.text[position:])
    return normalize(" ".join(parts))


def _not_published(relative: Path) -> bool:
    """Markdown DocFX does not publish as a page: TOC files, include files."""
    parts = [part.lower() for part in relative.parts]
    return parts[-1] == "toc.md" or "includes" in parts[:-1] or parts == ["readme.md"]


def check_site(built) -> list[PageCheck]:
    pages = sorted(built.docs_dir.rglob("*.md"))
    assert pages, f"no Markdown pages under {built.docs_dir}"
    missing = [page.relative_to(built.docs_dir) for page in pages if not built.html_path(page).is_file()]
    assert [rel for rel in missing if not _not_published(rel)] == [], "pages not built"
    return [check_page(built, page) for page in pages if built.html_path(page).is_file()]


@pytest.fixture(scope="module")
def partner_center_checks(built_partner_center) -> list[PageCheck]:
    return check_site(built_partner_center)


@pytest.fixture(scope="module")
def dynamics_checks(built_dynamics) -> list[PageCheck]:
    return check_site(built_dynamics)


def assert_every_unit_rendered(checks: list[PageCheck]) -> list[PageCheck]:
    """Every unit is a `.sxs-tu`, except units shown as code or as image alt text.

    Returns the pages with units shown as code. A unit in fenced code is
    shown as written (its markup in a code element). Python-Markdown also
    makes code of a few CommonMark shapes DocFX renders as text (a closing
    fence indented by 1-3 spaces, a fence info string with a space, a list
    that interrupts a paragraph, then an indented list): units rewritten
    there render as units inside the code block and count as rendered.
    """
    wrong = [
        (c.page, c.parsed, c.in_code, c.in_image_alt, c.rendered, c.shown_as_code)
        for c in checks
        if c.rendered + c.shown_as_code + c.in_image_alt != c.parsed or c.in_code > c.shown_as_code
    ]
    assert wrong == [], "units lost (page, parsed, in fenced code, in image alt, rendered, shown as code)"
    assert sum(c.rendered for c in checks) > 0
    return [c for c in checks if c.shown_as_code]


def assert_narrow_code_exception(checks: list[PageCheck], as_code: list[PageCheck]) -> None:
    """Units shown as code stay rare (none in the published pages of either docset today)."""
    shown = sum(c.shown_as_code for c in as_code)
    assert shown <= 0.002 * sum(c.parsed for c in checks), [(c.page, c.shown_as_code) for c in as_code]


def assert_no_english_visible(checks: list[PageCheck]) -> None:
    leaks = [(c.page, c.leaked[:3]) for c in checks if c.leaked]
    assert leaks == [], "English originals visible in the default view"


def assert_heading_anchor_ids(checks: list[PageCheck]) -> None:
    missing = [(c.page, c.missing_heading_ids[:5]) for c in checks if c.missing_heading_ids]
    assert missing == [], "headings starting with <a name=…> without that id"


def test_partner_center_builds_and_renders_every_unit(built_partner_center, partner_center_checks):
    assert len(partner_center_checks) >= 300
    assert_narrow_code_exception(partner_center_checks, assert_every_unit_rendered(partner_center_checks))


def test_partner_center_shows_no_english_in_the_default_view(partner_center_checks):
    assert_no_english_visible(partner_center_checks)


def test_partner_center_headings_keep_their_anchor_ids(partner_center_checks):
    assert_heading_anchor_ids(partner_center_checks)


def test_dynamics_builds_and_renders_every_unit(built_dynamics, dynamics_checks):
    assert len(dynamics_checks) >= 2500
    assert_narrow_code_exception(dynamics_checks, assert_every_unit_rendered(dynamics_checks))


def test_dynamics_shows_no_english_in_the_default_view(dynamics_checks):
    assert_no_english_visible(dynamics_checks)


def test_dynamics_headings_keep_their_anchor_ids(dynamics_checks):
    assert_heading_anchor_ids(dynamics_checks)


def test_dynamics_quote_entity_units_are_reported_with_file_and_line(built_dynamics):
    # `data-ttu-id="x-323&quot;>` shapes: still rendered, reported as warnings at their line.
    warnings = [line for line in built_dynamics.stderr.splitlines() if "&quot;" in line]
    assert warnings, "the corrupted-quote units of the corpus are not reported"
    sample = re.search(r"(\S+\.md):(\d+):(\d+): unit (\S+):", warnings[0])
    assert sample is not None, warnings[0]
    page, line, column, unit_id = sample.group(1), int(sample.group(2)), int(sample.group(3)), sample.group(4)
    source_line = (built_dynamics.docs_dir / page).read_text(encoding="utf-8-sig").splitlines()[line - 1]
    assert source_line[column - 1 :].startswith("<span data-ttu-id=")
    assert unit_id in source_line[column - 1 : column + 60]
