"""core.search_sections gives the sections Material's own search parser gives (both are run here)."""

from __future__ import annotations

import random

import markdown
import pytest
from material.plugins.search.plugin import Parser
from mkdocs_sxs.core.search.index import strip_excluded_sources
from mkdocs_sxs.core.search.sections import attributes, split_sections
from mkdocs_sxs.markdown_ext.extension import SxsExtension

Sections = list[tuple[str | None, str, str]]


def material(html: str) -> Sections:
    """What Material's search plugin makes of a page (its `add_entry_from_context`, before stripping)."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.id, "".join(s.title), "".join(s.text)) for s in parser.data if not s.is_excluded()]


def fast(html: str) -> Sections:
    sections = split_sections(html)
    assert sections is not None, "the fast path should cover this markup"
    return [(s.anchor, s.title, s.text) for s in sections]


def same(html: str) -> Sections:
    """Both parsers agree; returns title and text stripped, as they go into the index entry."""
    result = fast(html)
    assert result == material(html)
    return [(anchor, title.strip(), text.strip()) for anchor, title, text in result]


def test_sections_start_at_headings_with_ids_and_the_first_h1_has_no_anchor() -> None:
    html = ('<h1 id="top">Title</h1>\n<p>Intro</p>\n<h2 id="a">A</h2>\n<p>Text a</p>\n'
            '<h3>No id</h3><p>still a</p><h2 id="b">B</h2><ul>\n<li>one</li>\n</ul>')
    assert same(html) == [
        (None, "Title", "<p>Intro</p>"),
        ("a", "A", "<p>Text a</p> No id<p>still a</p>"),
        ("b", "B", "<ul> <li>one</li> </ul>"),
    ]


def test_page_without_h1_gets_an_untitled_top_section() -> None:
    assert same('<p>Before</p><h2 id="x">X</h2><p>after</p>') == [
        (None, "", "<p>Before</p>"), ("x", "X", "<p>after</p>")]
    assert same('<h2 id="x">X</h2><p>after</p>') == [(None, "", ""), ("x", "X", "<p>after</p>")]


def test_heading_nested_in_another_element_hands_back_its_section_when_the_parent_closes() -> None:
    html = ('<h1 id="t">T</h1><p>one</p><div class="admonition"><h2 id="n">Nested</h2><p>inside</p></div>'
            '<p>after the div</p><h2 id="z">Z</h2><p>z</p>')
    assert same(html) == [(None, "T", "<p>one</p><p>after the div</p>"), ("n", "Nested", "<p>inside</p>"),
                          ("z", "Z", "<p>z</p>")]


def test_excluded_span_ends_at_the_first_closing_span_like_materials_parser() -> None:
    html = '<p>Keep <span data-search-exclude>gone <span class="ui">inner</span> leaked</span> end</p>'
    assert same(html) == [(None, "", "<p>Keep  leaked end</p>")]
    assert same('<div data-search-exclude>hidden <div>x</div> leaked</div><p>after</p>') == [
        (None, "", "leaked<p>after</p>")]
    # a kept tag opened while skipping, closed after the skip ended: Material's parser raises, we step aside
    crashing = '<div data-search-exclude><p>hidden <div>x</div> visible</p></div>'
    with pytest.raises(ValueError):
        material(crashing)
    assert split_sections(crashing) is None


def _unit(unit_id: str, target: str, source: str) -> str:
    return (f'<span data-ttu-id="{unit_id}">{target}</span>'
            f'<span class="sxs-lookup"><span data-stu-id="{unit_id}">{source}</span></span>')


SOURCE_WITH_NESTED_SPAN = 'Source <span class="ui">UI</span> rest'


def test_sxs_page_through_python_markdown_without_its_originals() -> None:
    md = markdown.Markdown(extensions=[SxsExtension(), "toc"], extension_configs={"toc": {"permalink": True}})
    html = md.convert(f"# {_unit('a-1', 'Nadpis', 'Heading')}\n\n"
                      f"{_unit('a-2', 'Cílový **text**', SOURCE_WITH_NESTED_SPAN)}\n\n"
                      f"## {_unit('a-3', 'Sekce', 'Section')}\n\n- {_unit('a-4', 'Položka', 'Item')}\n")
    sections = same(strip_excluded_sources(html))
    assert [(anchor, title) for anchor, title, _ in sections] == [(None, "Nadpis"), ("sekce", "Sekce")]
    assert "Cílový" in sections[0][2] and "<strong>" not in sections[0][2] and "Položka" in sections[1][2]
    assert not any(word in str(sections) for word in ("Heading", "Source", "UI", "rest", "Item"))


def test_pre_keeps_whitespace_and_text_elsewhere_collapses_newlines() -> None:
    html = '<p>line one\nline two</p>\n\n<pre><code>a = 1\n\n    b = 2\n</code></pre>\n<p>x</p>'
    assert same(html) == [(None, "", "<p>line one line two</p> <pre><code>a = 1\n\n    b = 2\n</code></pre> <p>x</p>")]


def test_kept_tags_left_empty_are_dropped_and_only_the_first_opening_counts() -> None:
    assert same("<p> </p><ul>\n</ul><p><code></code></p>") == [(None, "", "")]
    # Material searches the first `<p>` of the section: the later empty one stays
    assert same("<p>x</p><p> </p>") == [(None, "", "<p>x</p><p> </p>")]
    assert same("<p>a <sub>2</sub> <sup></sup></p>") == [(None, "", "<p>a <sub>2</sub> </p>")]


def test_entities_are_decoded_then_escaped_and_nbsp_counts_as_blank() -> None:
    html = '<h1 id="t">A &amp; B &lt;x&gt;</h1><p>1 &lt; 2 &gt; 0 &quot;q&quot; &#x17E;</p><p>&nbsp;</p>'
    assert same(html) == [(None, "A &amp; B &lt;x&gt;", '<p>1 &lt; 2 &gt; 0 "q" ž</p><p> </p>')]


def test_permalinks_stay_out_of_titles() -> None:
    html = ('<h2 id="s">Sekce <code>kód</code><a class="headerlink" href="#s" title="Permanent link">&para;</a>'
            '</h2><p>t</p>')
    assert same(html) == [(None, "", ""), ("s", "Sekce <code>kód</code>", "<p>t</p>")]


def test_scripts_styles_objects_and_line_numbers_are_skipped() -> None:
    html = ('<p>a</p><script src="x.js"></script><style></style><object data="o"><p>no</p></object>'
            '<table><tr><td class="linenodiv"><pre>1\n2</pre></td><td><pre>code</pre></td></tr></table>')
    assert same(html) == [(None, "", "<p>a</p><pre>code</pre>")]


def test_excluded_heading_drops_its_section() -> None:
    html = '<h1 id="t">T</h1><p>x</p><h2 id="h" data-search-exclude>Hidden</h2><p>y</p><h2 id="v">V</h2><p>z</p>'
    assert same(html) == [(None, "T", "<p>x</p>"), ("v", "V", "<p>z</p>")]


def test_odd_but_covered_markup() -> None:
    for html in (
        '<h2 id="a"><a id="14"/></a>Title</h2><p>x<br/>y<br />z<img src="i.png" alt="a"></p>',  # <a/> opens and closes
        '<P CLASS="x">Upper <SPAN DATA-SEARCH-EXCLUDE>hidden</SPAN> case</P>',
        "<p>a<div>b</p>c</div>d</p>",  # stray end tags are ignored
        "<!-- a comment\nover lines --><p>x<!-- inline -->y</p>",
        "<p title='single' data-x=bare hidden>text</p>",
        '<div class="sxs-video"><iframe src="v" title="Video" loading="lazy" allowfullscreen></iframe></div>',
        "text only, no tags & no entities;",
        "",
    ):
        same(html)


@pytest.mark.parametrize("html", [
    "<p>a < b</p>",  # a bare `<`
    "<!DOCTYPE html><p>x</p>",
    "<p><![CDATA[x]]></p>",
    "<?pi x?><p>x</p>",
    '<script>if (a<b) {document.write("<p>")}</script><p>x</p>',  # raw text with markup-like content
    "<iframe>fallback <b>content</b></iframe>",
    "<p>x<!-- a -- b --></p>",
    "<p class=a\"b>x</p>",
    '<p class="&#108;inenodiv">html.parser versions unescape attribute values differently</p>',
    "<p>unclosed <span",
    "<plaintext><p>x",
    "<span class=x\xa0data-search-exclude>no-break space ends the value for html.parser</span>",
])
def test_markup_outside_the_fast_path_is_left_to_materials_parser(html: str) -> None:
    assert split_sections(html) is None


def test_attributes_read_like_html_parser() -> None:
    assert attributes(' id="a" CLASS=\'b c\' hidden data-x=y id="z"') == {"id": "z", "class": "b c", "hidden": None,
                                                                      "data-x": "y"}


_FRAGMENTS = [
    "<h1 id=\"t\">", "</h1>", "<h2 id=\"a\">", "<h2 id=\"b\" data-search-exclude>", "</h2>", "<h3>", "</h3>",
    "<p>", "</p>", "<ul>", "</ul>", "<li>", "</li>", "<pre>", "</pre>", "<code>", "</code>", "<sub>", "</sub>",
    "<div>", "</div>", "<div class=\"linenodiv\">", "<span>", "</span>", "<span data-search-exclude>",
    "<a class=\"headerlink\" href=\"#a\">", "<a href=\"x?a=1&amp;b=2\">", "</a>", "<br>", "<br />", "<a id=\"9\"/>",
    "<script></script>", "<object>", "</object>", "<!-- c -->",
    "<span DATA-SEARCH-EXCLUDE>", "<P class=linenodiv>", "<a class=headerlink href=#a>", "<H2 ID='c'>",
    "<h3 id=d data-search-exclude>", "<span class=x\xa0data-search-exclude>", "<p title=\"&#108;inenodiv\">",
    "text", " ", "\n", "  \n  ", "a\nb", "&amp;", "&lt;", "&gt;", "&nbsp;", "č ř", ">", "&para;", "&#x3C;",
]


def test_random_fragment_soups_give_materials_sections() -> None:
    rng = random.Random(20261124)
    covered = 0
    for _ in range(1500):
        html = "".join(rng.choice(_FRAGMENTS) for _ in range(rng.randint(1, 40)))
        try:
            expected = material(html)
        except ValueError:  # Material's parser fails on some soups (an end tag without its opening)
            assert split_sections(html) is None, html
            continue
        ours = split_sections(html)
        if ours is not None:
            covered += 1
            assert [(s.anchor, s.title, s.text) for s in ours] == expected, html
    assert covered > 1000
