"""Text-level rendering of units (core/reader/render.py), independent of any engine."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
from mkdocs_sxs.core.reader.parser import TU_OPEN, parse_sxs
from mkdocs_sxs.core.reader.render import images_to_alt, render_markdown, render_page, unit_html

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sxs"


def read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def strip_units(text: str, spans: list[tuple[int, int]]) -> str:
    out, position = [], 0
    for start, end in spans:
        out.append(text[position:start])
        position = end
    out.append(text[position:])
    return "\x00".join(out)


def test_only_the_markup_of_units_changes():
    for name in ("several_on_one_line.md", "anchors.md", "contexts.md", "malformed.md", "front_matter.md"):
        text = read(name)
        page = parse_sxs(text, name)
        rendered = render_page(page)
        new_units = [m.span() for m in re.finditer(r'<span class="sxs-tu.*?</span></span>(?=[^<]|$|<(?!/span))',
                                                   rendered, re.S)]
        rendered_units = [u for u in page.units if u.context != "code"]
        assert len(new_units) == len(rendered_units), name
        # Everything between units is byte-for-byte the input (front matter excluded).
        original = strip_units(text, [(u.start, u.end) for u in rendered_units])
        assert strip_units(rendered, new_units) == original[page.body_start:], name


def test_unit_markup_shape_and_language():
    page = parse_sxs(read("several_on_one_line.md"), "p.md")
    html = unit_html(page.units[0], page.units[0].target, page.units[0].source, source_lang="en-US")
    assert html == (
        '<span class="sxs-tu" data-sxs-id="c01a-101" id="tu-c01a-101">'  # no tabindex: not a Tab stop
        '<span class="sxs-t">Partnerské centrum je portál.</span>'
        '<span class="sxs-s" lang="en-US" data-search-exclude>Partner Center is a portal.</span></span>'
    )
    assert "\n" not in html


def test_unit_without_source_has_no_source_span_and_is_marked():
    page = parse_sxs(read("malformed.md"), "p.md")
    html = unit_html(page.units[0], page.units[0].target, page.units[0].source)
    root = lxml.html.fragment_fromstring(html)
    assert root.get("class") == "sxs-tu sxs-malformed"
    assert root.find_class("sxs-s") == []
    assert root.text_content() == "Jen překlad bez originálu."


def test_code_units_are_left_as_written():
    text = read("contexts.md")
    page = parse_sxs(text, "contexts.md")
    rendered = render_page(page)
    code_unit = page.units[-1]
    assert code_unit.context == "code"
    assert text[code_unit.start : code_unit.end] in rendered
    assert rendered.count('class="sxs-tu"') == len(page.units) - 1


def test_overrides_replace_the_target_and_mark_the_unit():
    page = parse_sxs(read("several_on_one_line.md"), "p.md")
    rendered = render_page(page, overrides={"c01a-102": "Opravená věta."})
    root = lxml.html.fragment_fromstring(rendered, create_parent="div")
    edited = root.find_class("sxs-edited")
    assert [el.get("data-sxs-id") for el in edited] == ["c01a-102"]
    assert edited[0].find_class("sxs-t")[0].text == "Opravená věta."
    assert edited[0].find_class("sxs-s")[0].text == "It serves partners."
    assert "Slouží partnerům." not in rendered


def test_render_unit_hook_replaces_some_units_only():
    page = parse_sxs(read("several_on_one_line.md"), "p.md")
    seen = []

    def hook(unit, target, source):
        seen.append((unit.id, target, source))
        return f"<mark>{target}</mark>" if unit.id == "c01a-103" else None

    rendered = render_page(page, render_unit=hook)
    assert [s[0] for s in seen] == [u.id for u in page.units]
    assert "<mark>Je zdarma.</mark>" in rendered
    assert rendered.count('class="sxs-tu"') == 4


def test_images_become_alt_text_in_the_original():
    assert images_to_alt("[![Tile [1]](a.png)](b.png) text") == (
        '[<span class="sxs-img-alt">Tile [1]</span>](b.png) text'
    )
    assert images_to_alt('![](a.png "title (x)")x') == "x"
    assert images_to_alt('Select <img src="i.png" alt=\'gear icon\'> then') == (
        'Select <span class="sxs-img-alt">gear icon</span> then'
    )
    assert images_to_alt('<IMG SRC="i.png">') == ""
    assert images_to_alt("no image [link](x.md)") == "no image [link](x.md)"


def test_alt_text_moved_out_of_an_attribute_stays_text():
    # `<` is harmless inside an attribute; as element text it must be escaped.
    assert images_to_alt('<img src="i.png" alt="a <b>bold</b> &amp; more">') == (
        '<span class="sxs-img-alt">a &lt;b&gt;bold&lt;/b&gt; &amp; more</span>'
    )


def test_render_markdown_parses_a_body_and_returns_its_model():
    text = read("front_matter.md")
    body = text[text.index("# <a") :]
    html, page = render_markdown(body, "cc.md")
    assert [(u.id, u.line) for u in page.units] == [("c09c-101", 1), ("c09c-102", 3)]
    assert html.count('class="sxs-tu"') == 2
    assert TU_OPEN.search(html) is None
