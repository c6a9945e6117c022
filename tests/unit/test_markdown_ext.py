"""The Python-Markdown extension: unit rewriting, heading ids, TOC labels, titles."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import markdown
from mkdocs_sxs.markdown_ext.extension import SxsExtension, target_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sxs"


def tu(unit_id: str, target: str, source: str) -> str:
    return (
        f'<span data-ttu-id="{unit_id}">{target}</span>'
        f'<span class="sxs-lookup"><span data-stu-id="{unit_id}">{source}</span></span>'
    )


def convert(text: str, ext: SxsExtension | None = None, **toc: object) -> tuple[str, markdown.Markdown]:
    ext = ext or SxsExtension()
    md = markdown.Markdown(extensions=[ext, "toc"], extension_configs={"toc": toc} if toc else {})
    return md.convert(text), md


def heading_ids(html: str) -> list[str]:
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return [h.get("id") for h in root.xpath("//h1|//h2|//h3|//h4")]


def flat_toc(tokens: list[dict]) -> list[tuple[str, str]]:
    out = []
    for token in tokens:
        out.append((token["id"], token["name"]))
        out.extend(flat_toc(token["children"]))
    return out


def test_docfx_rule_leading_anchor_gives_the_heading_id():
    text = (FIXTURES / "anchors.md").read_text(encoding="utf-8")
    html, md = convert(text)
    assert heading_ids(html) == ["generate-aca-reports", "get-started", "single-quoted", "with-id", "bez-kotvy"]
    # the TOC: same ids, target-language labels only
    assert flat_toc(md.toc_tokens) == [
        ("generate-aca-reports", "Generování sestav ACA"),
        ("get-started", "Začínáme"),
        ("single-quoted", "Jednoduché uvozovky"),
        ("with-id", "Kotva s id"),
        ("bez-kotvy", "Bez kotvy"),
    ]
    toc_html = lxml.html.fragment_fromstring(md.toc, create_parent="div").text_content()
    for english in ("Generate ACA reports", "Get started", "Single quotes", "Anchor with id", "Without"):
        assert english not in toc_html


def test_anchor_forms_self_closing_unclosed_and_not_leading():
    text = "\n\n".join(
        [
            '## <a name="self-closing"/>' + tu("h-1", "Samouzavírací", "Self closing"),
            "## <a name='unclosed'>" + tu("h-2", "Neuzavřená", "Unclosed"),
            "## " + tu("h-3", "Text první", "Text first") + ' <a name="late"></a>',
            '## <a id="plain-heading"></a>Prostý nadpis',
        ]
    )
    html, md = convert(text)
    assert heading_ids(html) == ["self-closing", "unclosed", "text-prvni", "plain-heading"]
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    assert root.xpath("//h2[@id='self-closing']//a") == []  # the leading anchor is consumed
    assert root.xpath("//h2[@id='text-prvni']//a/@name") == ["late"]  # a later anchor stays
    assert [name for _, name in flat_toc(md.toc_tokens)] == ["Samouzavírací", "Neuzavřená", "Text první",
                                                             "Prostý nadpis"]


def test_headings_without_anchor_get_unique_target_slugs():
    text = "\n\n".join(
        [
            "## " + tu("s-1", "Shrnutí", "Summary"),
            "## " + tu("s-2", "Shrnutí", "Summary"),
            "## Shrnutí",
        ]
    )
    html, md = convert(text)
    assert heading_ids(html) == ["shrnuti", "shrnuti_1", "shrnuti_2"]


def test_slug_follows_the_toc_configuration():
    html, _ = convert("## " + tu("s-1", "Zákaznická podpora", "Customer support"), separator="_")
    assert heading_ids(html) == ["zakaznicka_podpora"]


def test_h1_label_is_the_page_title_in_the_target_language():
    ext = SxsExtension()
    text = (FIXTURES / "front_matter.md").read_text(encoding="utf-8")
    body = text[text.index("# <a") :]
    ext.set_page("cc.md")
    convert("## " + tu("x-1", "Nejdřív h2", "First h2") + "\n\n" + body, ext)
    assert ext.h1_label == "Komunikace se zákazníky"
    assert ext.heading_labels == ["Nejdřív h2", "Komunikace se zákazníky"]
    ext.set_page("other.md")
    assert ext.h1_label is None and ext.heading_labels == [] and ext.page is None


def test_page_model_and_overrides_per_page():
    ext = SxsExtension(source_lang="en-US")
    text = tu("p-1", "Věta.", "Sentence.") + " " + tu("p-2", "Druhá.", "Second.")
    ext.set_page("docs/a.md", overrides={"p-2": "Upravená."})
    html, _ = convert(text, ext)
    assert ext.page is not None and ext.page.path == "docs/a.md"
    assert [u.key for u in ext.page.units] == [("docs/a.md", "p-1"), ("docs/a.md", "p-2")]
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    assert [el.text for el in root.find_class("sxs-t")] == ["Věta.", "Upravená."]
    assert root.find_class("sxs-s")[0].get("lang") == "en-US"
    assert root.find_class("sxs-edited")[0].get("data-sxs-id") == "p-2"


def test_page_without_units_renders_as_plain_markdown():
    text = "# Nadpis\n\nOdstavec s [odkazem](x.md).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    ext = SxsExtension()
    ext.set_page("plain.md")
    html, _ = convert(text, ext)
    assert html == markdown.Markdown(extensions=["toc"]).convert(text)
    assert ext.page is None


def test_loadable_by_entry_point_name():
    html = markdown.markdown(tu("e-1", "Ahoj", "Hello"), extensions=["sxs"])
    assert 'class="sxs-tu"' in html and "sxs-lookup" not in html


def test_target_text_drops_originals_and_permalinks():
    fragment = (
        '<span class="sxs-tu"><span class="sxs-t">Začínáme <b>hned</b></span>'
        '<span class="sxs-s">Get <b>started</b><img alt="start"></span></span> <img alt="a &amp; b"><br>'
        '<span class="sxs-lookup">Left over</span><a class="headerlink" href="#x">¶</a> dál'
    )
    assert target_text(fragment) == "Začínáme hned a & b dál"


def test_reported_lines_count_fenced_code_blocks():
    # fenced code must not be collapsed before the units are located
    text = "```\na\nb\nc\n```\n\n" + '<span data-ttu-id="x-1">Jen cíl</span>\n'
    ext = SxsExtension()
    ext.set_page("code.md")
    markdown.Markdown(extensions=[ext, "fenced_code", "toc"]).convert(text)
    assert [(p.line, p.column, p.code) for p in ext.page.problems] == [(7, 1, "missing-source")]


def test_units_inside_fenced_code_stay_code():
    text = "Text.\n\n```html\n" + tu("c-1", "Ukázka", "Sample") + "\n```\n\n" + tu("c-2", "Věta", "Sentence")
    ext = SxsExtension()
    html = markdown.Markdown(extensions=[ext, "fenced_code", "toc"]).convert(text)
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    assert [el.get("data-sxs-id") for el in root.find_class("sxs-tu")] == ["c-2"]
    assert 'data-ttu-id="c-1"' in root.xpath("//pre/code")[0].text
    assert [(u.id, u.context) for u in ext.page.units] == [("c-1", "code"), ("c-2", "paragraph")]


def test_heading_indented_by_up_to_three_spaces_is_a_heading():
    # DocFX (CommonMark) accepts ` ## ` as a heading; the corpus has such lines.
    text = "- Položka\n\n " + '## <a name="next-steps"></a>' + tu("n-1", "Další kroky", "Next steps") + "\n\n"
    text += "```\n   ## not a heading " + tu("n-2", "kód", "code") + "\n```\n"
    md = markdown.Markdown(extensions=[SxsExtension(), "fenced_code", "toc"])
    html = md.convert(text)
    assert heading_ids(html) == ["next-steps"]
    assert flat_toc(md.toc_tokens) == [("next-steps", "Další kroky")]
    assert "   ## not a heading" in html
