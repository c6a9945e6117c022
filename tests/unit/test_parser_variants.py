"""One test per sxs markup variant: the parsed units and the rendered HTML.

Fixtures live in tests/fixtures/sxs/ (written for this project, shaped like
the corpus). Rendering goes through Python-Markdown with the sxs extension,
as any Python-Markdown based engine would run it.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import markdown
import pytest
from mkdocs_sxs.core.reader.parser import parse_file, parse_sxs
from mkdocs_sxs.markdown_ext.extension import SxsExtension

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sxs"


def read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def render(text: str, *extensions: str) -> str:
    md = markdown.Markdown(extensions=[SxsExtension(), "toc", *extensions])
    return md.convert(text)


def tree(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(html, create_parent="div")


def rendered_units(html: str) -> list[tuple[str, str, str | None]]:
    """(id, target text, source text) of each rendered unit, in order."""
    result = []
    for el in tree(html).find_class("sxs-tu"):
        target = el.find_class("sxs-t")
        source = el.find_class("sxs-s")
        result.append(
            (
                el.get("data-sxs-id"),
                target[0].text_content() if target else "",
                source[0].text_content() if source else None,
            )
        )
    return result


def visible_text(html: str) -> str:
    """Text a reader sees in the default view (English originals dropped)."""
    root = tree(html)
    for el in root.xpath("//*[contains(concat(' ', @class, ' '), ' sxs-s ')]"):
        el.drop_tree()
    return root.text_content()


def column_of(text: str, needle: str) -> tuple[int, int]:
    """1-based (line, column) of `needle` in `text`, counted independently of the parser."""
    offset = text.index(needle)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def opening(unit_id: str) -> str:
    return f'<span data-ttu-id="{unit_id}">'


def test_several_units_on_one_line_and_glued_without_space():
    text = read("several_on_one_line.md")
    page = parse_sxs(text, "several.md")
    assert [(u.id, u.target, u.source) for u in page.units] == [
        ("c01a-101", "Partnerské centrum je portál.", "Partner Center is a portal."),
        ("c01a-102", "Slouží partnerům.", "It serves partners."),
        ("c01a-103", "Je zdarma.", "It is free."),
        ("c01a-104", "Bez mezery.", "No space."),
        ("c01a-105", "Hned za ní.", "Right after it."),
    ]
    for unit in page.units:
        assert (unit.line, unit.column) == column_of(text, opening(unit.id))
        assert unit.context == "paragraph" and not unit.in_link_text and unit.malformed == []
    assert [u.line for u in page.units] == [1, 1, 1, 3, 3]
    assert page.units[3].end == page.units[4].start  # glued: one ends where the next starts
    assert page.problems == []

    html = render(text)
    assert rendered_units(html) == [(u.id, u.target, u.source) for u in page.units]
    assert "Hned za ní" in visible_text(html) and "Right after it" not in visible_text(html)
    assert "</span></span><span class=\"sxs-tu\" data-sxs-id=\"c01a-105\"" in html


def test_unit_over_several_lines():
    text = read("over_several_lines.md")
    page = parse_sxs(text, "lines.md")
    first, second = page.units
    assert first.target == "První řádek překladu\npokračuje na druhém řádku."
    assert first.source == "The first line of the translation\ncontinues on the second line."
    assert (first.line, first.column, first.end_line) == (3, 1, 5)
    assert (second.id, second.line, second.column, second.end_line) == ("c02b-102", 6, 1, 6)
    assert page.problems == []

    html = render(text)
    assert [(i, " ".join(t.split()), " ".join(s.split())) for i, t, s in rendered_units(html)] == [
        ("c02b-101", "První řádek překladu pokračuje na druhém řádku.",
         "The first line of the translation continues on the second line."),
        ("c02b-102", "Další věta.", "Next sentence."),
    ]
    assert "continues" not in visible_text(html)


def test_balanced_nested_spans_in_target_and_source():
    text = read("nested_spans.md")
    page = parse_sxs(text, "nested.md")
    [unit] = page.units
    assert unit.target == (
        '<span class="input">Zkontrolovat výkon</span> – zkontrolování výkonu '
        '<span class="ui"><span class="keyword">prodejců</span></span>.'
    )
    assert unit.source == (
        '<span class="input">Review performance</span> – review the performance of '
        '<span class="ui"><span class="keyword">sellers</span></span>.'
    )
    assert (unit.line, unit.column, unit.malformed) == (1, 1, [])
    assert unit.end == len(text.rstrip("\n"))
    assert page.problems == []

    html = render(text)
    assert rendered_units(html) == [
        ("c03c-101", "Zkontrolovat výkon – zkontrolování výkonu prodejců.",
         "Review performance – review the performance of sellers.")
    ]
    root = tree(html)
    target = root.find_class("sxs-t")[0]
    assert target.find_class("keyword")[0].text == "prodejců"  # inner markup kept
    assert "sellers" not in visible_text(html)


def test_link_wrapping_a_whole_unit():
    text = read("link_wraps_unit.md")
    page = parse_sxs(text, "links.md")
    assert [(u.id, u.in_link_text, u.column) for u in page.units] == [
        ("c04d-101", True, 2),
        ("c04d-102", True, 2),
        ("c04d-103", False, 1),
    ]
    assert page.units[2].target == "Viz [dokumentace](docs.md)."
    assert page.problems == []

    html = render(text)
    root = tree(html)
    links = root.xpath("//a[@href]")
    assert [(a.get("href"), [tu.get("data-sxs-id") for tu in a.find_class("sxs-tu")]) for a in links] == [
        ("hr-developer-entities.md", ["c04d-101"]),
        ("hr-admin-virtual-tables.md", ["c04d-102"]),
        ("docs.md", []),  # the link inside the target of c04d-103
        ("docs.md", []),  # and the one inside its source
    ]
    assert links[0].text_content() == "Tabulky DataverseDataverse tables"
    assert "Tabulky Dataverse" in visible_text(html) and "Dataverse tables" not in visible_text(html)


def test_anchors_before_and_inside_units():
    text = read("anchors.md")
    page = parse_sxs(text, "anchors.md")
    by_id = {u.id: u for u in page.units}
    assert by_id["c05e-102"].target == 'Začínáme<a name="get-started"></a>'
    assert by_id["c05e-102"].source == 'Get started<a name="get-started"></a>'
    assert by_id["c05e-106"].target == 'Text s kotvou <a name="inline-anchor"></a>uvnitř.'
    assert [u.context for u in page.units] == ["heading"] * 5 + ["paragraph"]
    for unit in page.units:
        assert (unit.line, unit.column) == column_of(text, opening(unit.id))
    assert by_id["c05e-101"].column == len('# <a name="generate-aca-reports"></a>') + 1
    assert page.problems == []

    html = render(text)
    root = tree(html)
    headings = [(h.tag, h.get("id")) for h in root.xpath("//h1|//h2|//h3")]
    assert headings == [
        ("h1", "generate-aca-reports"),
        ("h2", "get-started"),
        ("h2", "single-quoted"),
        ("h3", "with-id"),
        ("h2", "bez-kotvy"),  # no anchor: slug of the target text only
    ]
    # The leading anchor became the heading id and is gone; anchors inside a unit stay.
    h2 = root.xpath("//h2")[0]
    assert [a.get("name") for a in h2.xpath(".//a")] == ["get-started", "get-started"]
    assert h2.find_class("sxs-t")[0].xpath(".//a/@name") == ["get-started"]
    assert root.xpath("//p//a/@name") == ["inline-anchor", "inline-anchor"]
    assert len(rendered_units(html)) == 6


def test_quote_entity_corrupted_attributes():
    text = read("quote_entities.md")
    page = parse_sxs(text, "sales-returns.md")
    assert [(u.id, u.target, u.source, u.malformed) for u in page.units] == [
        ("c06f-323", "Náhradní zboží bude doručeno.", "The replacement item will be delivered.", ["quote-entity"]),
        ("c06f-324", "Tato objednávka je vytvořena.", "This order is created.", ["quote-entity"]),
        ("c06f-325", "Správně zapsaná věta.", "A correctly written sentence.", []),
    ]
    second_col = text.index("<span data-ttu-id=&quot;c06f-324") + 1
    assert [(p.line, p.column, p.code) for p in page.problems] == [
        (1, 1, "quote-entity"),
        (1, second_col, "quote-entity"),
    ]
    assert "sales-returns.md:1:1" in str(page.problems[0]) and "&quot;" in page.problems[0].message

    html = render(text)
    assert rendered_units(html) == [(u.id, u.target, u.source) for u in page.units]
    visible = visible_text(html)
    assert "Náhradní zboží" in visible and "replacement item" not in visible
    assert "&quot;" not in html and "sxs-lookup" not in html
    assert len(tree(html).find_class("sxs-malformed")) == 2


def test_images_inside_units_render_once():
    text = read("images.md")
    page = parse_sxs(text, "images.md")
    assert [(u.id, u.in_image_alt, u.context) for u in page.units] == [
        ("c07a-101", False, "paragraph"),
        ("c07a-102", False, "paragraph"),
        ("c07a-103", True, "paragraph"),
        ("c07a-104", True, "list-item"),
        ("c07a-105", False, "heading"),
    ]
    assert page.units[0].source == "[![System administration tile](./media/tile.png)](./media/tile-large.png)"
    assert page.problems == []

    html = render(text)
    root = tree(html)
    images = root.xpath("//img")
    assert [(img.get("src"), img.get("alt")) for img in images] == [
        ("./media/tile.png", "Dlaždice správy systému"),
        ("./media/icon.png", "ikona nastavení"),
        # a unit inside alt text: the target only, as plain text (no English, no placeholders)
        ("./media/return.png", "Objednávka vrácení s korekcí "),  # the space is in the page
        ("./media/team.png", "Vytvoření nového týmu"),
        ("./media/bpt7.png", "Výběr možnosti Přidat hodnotu"),
    ]
    in_units = [img for img in images if img.xpath("ancestor::*[contains(@class, 'sxs-t')]")]
    assert [img.get("src") for img in in_units] == ["./media/tile.png", "./media/icon.png", "./media/bpt7.png"]
    alts = [el.text for el in root.find_class("sxs-img-alt")]
    assert alts == ["System administration tile", "settings icon", "Select Add Value"]
    assert all(el.xpath("ancestor::*[contains(@class, 'sxs-s')]") for el in root.find_class("sxs-img-alt"))
    # the image link still works in the source view (it wraps the alt text)
    assert root.find_class("sxs-s")[0].xpath(".//a/@href") == ["./media/tile-large.png"]
    assert [tu.get("data-sxs-id") for tu in root.find_class("sxs-tu")] == ["c07a-101", "c07a-102", "c07a-105"]


def test_heading_made_of_an_image_is_labelled_by_its_target_alt_text():
    md = markdown.Markdown(extensions=[SxsExtension(), "toc"])
    md.convert(read("images.md"))
    assert [(t["id"], t["name"]) for t in md.toc_tokens] == [("select-add-value", "Výběr možnosti Přidat hodnotu")]


def test_units_in_tables_lists_alerts_html_and_headings():
    text = read("contexts.md")
    page = parse_sxs(text, "contexts.md")
    assert [(u.id, u.context) for u in page.units] == [
        ("c08b-101", "heading"),
        ("c08b-102", "paragraph"),
        ("c08b-103", "list-item"),
        ("c08b-104", "list-item"),
        ("c08b-105", "table-cell"),
        ("c08b-106", "table-cell"),
        ("c08b-107", "table-cell"),
        ("c08b-108", "alert"),
        ("c08b-109", "table-cell"),
        ("c08b-110", "code"),
    ]
    for unit in page.units:
        assert (unit.line, unit.column) == column_of(text, opening(unit.id))
    assert page.problems == []

    html = render(text, "tables")
    root = tree(html)
    assert [tu.get("data-sxs-id") for tu in root.xpath("//li//*[@data-sxs-id]")] == ["c08b-103", "c08b-104"]
    assert [tu.get("data-sxs-id") for tu in root.xpath("//th//*[@data-sxs-id]")] == ["c08b-105", "c08b-106"]
    assert [tu.get("data-sxs-id") for tu in root.xpath("//td//*[@data-sxs-id]")] == ["c08b-107", "c08b-109"]
    assert [tu.get("data-sxs-id") for tu in root.xpath("//blockquote//*[@data-sxs-id]")] == ["c08b-108"]
    assert root.xpath("//td/p/span/@class") == ["sxs-tu"]  # raw HTML table rewritten too
    # code is shown as written, not rewritten
    assert [tu.get("data-sxs-id") for tu in root.find_class("sxs-tu")] == [u.id for u in page.units[:-1]]
    assert 'data-ttu-id="c08b-110"' in root.xpath("//code")[0].text_content()
    visible = visible_text(html)
    for english in ("Contexts", "A paragraph.", "A list item.", "Column", "Price", "A note for", "$1800.00"):
        assert english not in visible


@pytest.mark.parametrize("variant", ["crlf", "bom", "crlf+bom"])
def test_crlf_line_endings_and_byte_order_mark(tmp_path, variant):
    text = read("over_several_lines.md")
    data = text.replace("\n", "\r\n") if "crlf" in variant else text
    raw = data.encode("utf-8")
    if "bom" in variant:
        raw = b"\xef\xbb\xbf" + raw
    path = tmp_path / "page.md"
    path.write_bytes(raw)
    page = parse_file(str(path), "page.md")
    first, second = page.units
    assert (first.line, first.column, first.end_line) == (3, 1, 5)
    assert (second.line, second.column) == (6, 1)
    assert first.target.replace("\r", "") == "První řádek překladu\npokračuje na druhém řádku."
    assert page.problems == []
    # Text given directly (a BOM still in it) counts columns as an editor does.
    direct = parse_sxs(raw.decode("utf-8"), "page.md")
    assert [(u.line, u.column) for u in direct.units] == [(3, 1), (6, 1)]
    html = render(raw.decode("utf-8-sig"))
    assert [i for i, _, _ in rendered_units(html)] == ["c02b-101", "c02b-102"]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_unclosed_source_ends_at_blank_line(newline):
    text = newline.join([
        '<span data-ttu-id="x-1">Cíl</span><span class="sxs-lookup"><span data-stu-id="x-1">Not closed',
        "still the original",
        "  ",
        "Plain paragraph.",
        '<span data-ttu-id="x-2">Další</span><span class="sxs-lookup"><span data-stu-id="x-2">Next</span></span>',
    ])
    page = parse_sxs(text, "p.md", body_only=True)
    first, second = page.units
    assert first.source.replace("\r", "") == "Not closed\nstill the original"
    assert first.malformed == ["unclosed-source"] and first.end_line == 2
    assert (second.id, second.source, second.malformed) == ("x-2", "Next", [])
    html = render(text)
    assert "Plain paragraph." in visible_text(html) and "still the original" not in visible_text(html)


def test_bom_on_first_line_does_not_shift_columns():
    page = parse_sxs("\ufeff" + read("several_on_one_line.md"), "p.md")
    assert [(u.line, u.column) for u in page.units][:2] == [(1, 1), column_of(read("several_on_one_line.md"),
                                                                            opening("c01a-102"))]


def test_front_matter_lines_count_from_file_start():
    text = read("front_matter.md")
    page = parse_sxs(text, "customer-communication.md")
    assert page.title == "Komunikace se zákazníky"
    assert page.locale == "cs-CZ"
    assert page.body_line == 8
    assert [(u.id, u.line, u.column) for u in page.units] == [
        ("c09c-101", 9, len('# <a name="customer-communication"></a>') + 1),
        ("c09c-102", 11, 1),
    ]
    assert [u.context for u in page.units] == ["heading", "paragraph"]
    # a malformed unit after the front matter is reported at its line in the file
    broken = parse_sxs(text.replace('<span data-stu-id="c09c-102">', '<span data-stu-id="c09c-999">'), "cc.md")
    assert [(p.line, p.column, p.code) for p in broken.problems] == [(11, 1, "id-mismatch")]


def test_unit_ids_repeat_across_files_and_are_keyed_by_file():
    pages = [parse_file(str(FIXTURES / name), name) for name in ("repeated_ids_a.md", "repeated_ids_b.md")]
    units = [u for page in pages for u in page.units]
    assert [u.id for u in units] == ["f277a-106", "f277a-106"]
    assert [u.key for u in units] == [("repeated_ids_a.md", "f277a-106"), ("repeated_ids_b.md", "f277a-106")]
    assert len({u.key for u in units}) == 2
    assert [u.target for u in units] == ["Stránka A.", "Stránka B."]
    assert all(page.problems == [] for page in pages)  # repeating across files is not a problem


def test_every_malformed_case_is_kept_rendered_and_reported():
    text = read("malformed.md")
    page = parse_sxs(text, "malformed.md")
    assert [(u.id, u.target, u.source, u.malformed) for u in page.units] == [
        ("c10d-101", "Jen překlad bez originálu.", None, ["missing-source"]),
        ("c10d-102", "Neuzavřený překlad", "Unclosed target", ["unclosed-target"]),
        ("c10d-103", "Překlad", "The original is not closed", ["unclosed-source"]),
        ("c10d-104", "Jiné id", "Another id", ["id-mismatch"]),
        ("c10d-106", "Poprvé", "First", []),
        ("c10d-106", "Podruhé", "Second", ["duplicate-id"]),
    ]
    expected = [
        (*column_of(text, opening("c10d-101")), "missing-source"),
        (*column_of(text, opening("c10d-102")), "unclosed-target"),
        (*column_of(text, opening("c10d-103")), "unclosed-source"),
        (*column_of(text, opening("c10d-104")), "id-mismatch"),
        (11, text.splitlines()[10].rindex(opening("c10d-106")) + 1, "duplicate-id"),
        (*column_of(text, '<span class="sxs-lookup"><span data-stu-id="c10d-105">'), "orphan-source"),
    ]
    assert [(p.line, p.column, p.code) for p in page.problems] == expected
    assert [p.line for p in page.problems] == [1, 3, 5, 7, 11, 9]
    assert all(p.path == "malformed.md" and p.message for p in page.problems)

    html = render(text)
    units = rendered_units(html)
    assert [i for i, _, _ in units] == ["c10d-101", "c10d-102", "c10d-103", "c10d-104", "c10d-106", "c10d-106"]
    visible = visible_text(html)
    for target in ("Jen překlad bez originálu.", "Neuzavřený překlad", "Překlad", "Jiné id", "Poprvé", "Podruhé"):
        assert target in visible
    for english in ("Unclosed target", "The original is not closed", "Another id", "First", "Second"):
        assert english not in visible
    malformed = [el.get("data-sxs-id") for el in tree(html).find_class("sxs-malformed")]
    assert malformed == ["c10d-101", "c10d-102", "c10d-103", "c10d-104", "c10d-106"]
    # the orphan original stays in the HTML (nothing lost) inside a hidden sxs-lookup span
    lookup = tree(html).find_class("sxs-lookup")
    assert [el.text_content() for el in lookup] == ["Orphan original"]


def test_unclosed_target_without_original_stops_at_blank_line():
    text = '<span data-ttu-id="x-1">Neuzavřený text\npokračuje\n\nDalší odstavec.\n'
    page = parse_sxs(text, "p.md", body_only=True)
    [unit] = page.units
    assert unit.target == "Neuzavřený text\npokračuje"
    assert unit.malformed == ["unclosed-target", "missing-source"]
    assert [p.code for p in page.problems] == ["unclosed-target", "missing-source"]
    html = render(text)
    assert "Další odstavec." in visible_text(html)
    assert tree(html).xpath("//p")[-1].text_content() == "Další odstavec."
