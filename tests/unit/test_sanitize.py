"""Untrusted TU text cannot run script, and keeps its text visible."""

from __future__ import annotations

import os
import re

import lxml.html
import markdown
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from mkdocs_sxs.core.reader.parser import parse_sxs
from mkdocs_sxs.core.reader.render import render_page, unit_html
from mkdocs_sxs.core.reader.sanitize import escape_template_meta, is_safe_url, sanitize_inline
from mkdocs_sxs.markdown_ext.extension import SxsExtension

VECTORS = [
    '<script>alert(1)</script>',
    '<SCRIPT SRC=//x.example/x.js></SCRIPT>',
    '<img src=x onerror=alert(1)>',
    '<img/src=x/onerror=alert(1)>',
    '<img\nsrc=x\nonerror=alert(1)>',
    '<svg/onload=alert(1)>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href=" JaVaScRiPt:alert(1)">x</a>',
    '<a href="jav&#x09;ascript&#58;alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="x" onclick="alert(1)">x</a>',
    '<a href="x" title="a"><img src=x onerror=alert(1)>">q</a>',
    "<a href='x' title='\"><img src=x onerror=alert(1)>'>q</a>",
    '<b style="background:url(javascript:alert(1))">b</b>',
    '<span class="x" onmouseover="alert(1)">s</span>',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    '[x](javascript:alert(1))',
    '[x]( <javascript:alert(1)> )',
    '![x](javascript:alert(1))',
    '[x](jav&#97;script:alert(1))',
    '[x](java\tscript:alert(1))',
    '[r]: javascript:alert(1)\n[x][r]',
    '*x*{onclick=alert(1)}',
    '[x](http://a){: onclick="alert(1)"}',
    '<!--<img src=x onerror=alert(1)>-->',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
]


def dangerous(html: str) -> list[str]:
    """Attributes and elements in rendered HTML that could run script."""
    found = []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in ("script", "iframe", "svg", "object", "embed", "math", "style"):
            found.append(f"<{element.tag}>")
        for key, value in element.attrib.items():
            if key.lower().startswith("on") or key.lower() == "style":
                found.append(f"{element.tag}@{key}")
            if key.lower() in ("href", "src", "xlink:href") and not is_safe_url(value, image=element.tag == "img"):
                found.append(f"{element.tag}@{key}={value}")
    return found


def sxs_page(target: str, source: str = "Source.") -> str:
    return (f'<span data-ttu-id="a-1">{target}</span><span class="sxs-lookup">'
            f'<span data-stu-id="a-1">{source}</span></span>')


def convert(text: str) -> str:
    md = markdown.Markdown(extensions=[SxsExtension(), "attr_list", "toc"])
    return md.convert(text)


@pytest.mark.parametrize("vector", [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))", "*x*{onclick=alert(1)}", '<b style="x">b</b>'])
def test_the_check_finds_vectors_that_plain_markdown_keeps(vector):
    # Without the sanitizer Python-Markdown passes these through: `dangerous` must see them.
    assert dangerous(markdown.Markdown(extensions=["attr_list"]).convert(vector))


@pytest.mark.parametrize("vector", VECTORS)
@pytest.mark.parametrize("where", ["target", "source"])
def test_vector_in_unit_renders_inert(vector, where):
    page = sxs_page(f"Text {vector} end") if where == "target" else sxs_page("Cíl.", f"Text {vector} end")
    html = convert(page)
    assert dangerous(html) == []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    spans = root.xpath('//span[@class="sxs-tu" or @class="sxs-tu sxs-malformed"]')
    assert len(spans) == 1, html  # the unit's markup is not broken by the payload
    assert "Text" in spans[0].text_content() and "end" in spans[0].text_content()


def test_script_tag_stays_visible_as_text():
    html = convert(sxs_page('Klikněte <script>alert("x")</script> sem'))
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    [target] = root.xpath('//span[@class="sxs-t"]')
    assert target.text_content() == 'Klikněte <script>alert("x")</script> sem'


def test_span_breakout_is_kept_inside_the_unit_and_reported():
    page = parse_sxs(sxs_page('A</span><img src=x onerror=alert(1)>B', 'S</span></span><script>alert(2)</script>'))
    [unit] = page.units
    assert unit.target == "A</span><img src=x onerror=alert(1)>B"
    assert unit.source == "S</span></span><script>alert(2)</script>"
    assert unit.end == len(page.text)
    assert "early-close" in unit.malformed
    html = convert(page.text)
    assert dangerous(html) == []
    assert "&lt;/span&gt;" in html and "&lt;script&gt;alert(2)" in html


def test_author_span_around_a_unit_keeps_its_closer():
    text = '<span class="x">' + sxs_page("A", "S") + "</span> after"
    [unit] = parse_sxs(text).units
    assert (unit.target, unit.source, unit.malformed) == ("A", "S", [])
    assert text[unit.end:] == "</span> after"


def test_safe_inline_html_is_kept():
    markup = ('<strong>a</strong> <b>b</b> <em>c</em> <i>d</i> <u>e</u> <code>f</code> <kbd>g</kbd> '
              '<sub>h</sub> <sup>i</sup> x<br/>y <span class="note">j</span> '
              '<a href="https://example.com/a?b=1&amp;c=2" title="t">k</a> <a name="bkmk_1"></a> '
              '<a href="../x.md#y">l</a> <a href="mailto:a@b.cz">m</a> '
              '<img src="media/a.png" alt="obr" width="20" height="10">')
    out = sanitize_inline(markup)
    assert out.removed == []
    html = convert(sxs_page(markup))
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    [target] = root.xpath('//span[@class="sxs-t"]')
    assert [e.tag for e in target.iter()][1:] == [
        "strong", "b", "em", "i", "u", "code", "kbd", "sub", "sup", "br", "span", "a", "a", "a", "a", "img"]
    links = [a.get("href") for a in target.iter("a")]
    assert links == ["https://example.com/a?b=1&c=2", None, "../x.md#y", "mailto:a@b.cz"]
    assert target.find(".//img").attrib == {"src": "media/a.png", "alt": "obr", "width": "20", "height": "10"}


def test_markdown_link_and_code_span_survive():
    html = convert(sxs_page("Viz [stránku](https://example.com/a_(b)) a `<tenant-id>` a **tučně**"))
    assert '<a href="https://example.com/a_(b)">stránku</a>' in html
    assert "<code>&lt;tenant-id&gt;</code>" in html
    assert "<strong>tučně</strong>" in html


def test_unpaired_backtick_cannot_open_a_code_span_out_of_the_unit():
    text = sxs_page("a ` b") + " and ` later"
    html = convert(text)
    assert "<code>" not in html
    assert dangerous(html) == []


def test_data_urls_only_for_raster_images():
    assert is_safe_url("data:image/png;base64,AAAA", image=True)
    assert not is_safe_url("data:image/png;base64,AAAA")
    assert not is_safe_url("data:image/svg+xml,<svg onload=alert(1)>", image=True)
    assert not is_safe_url("data:text/html,x", image=True)
    assert is_safe_url("relative/path.md") and is_safe_url("#frag") and is_safe_url("//host/x")
    assert not is_safe_url("\x01javascript:alert(1)") and not is_safe_url("java\nscript:x")


@pytest.mark.parametrize("vector", VECTORS)
def test_sanitizing_twice_changes_nothing(vector):
    once = sanitize_inline(vector).markup
    assert sanitize_inline(once).markup == once


def test_unsafe_markup_is_reported_with_its_line():
    page = parse_sxs("# T\n\n" + sxs_page('x <img src=x onerror=alert(1)>'), "p.md", body_only=True)
    render_page(page)
    [problem] = [p for p in page.problems if p.code == "unsafe-markup"]
    assert (problem.path, problem.line) == ("p.md", 3) and "onerror" in problem.message


def test_unit_html_sanitizes_and_escapes_the_id():
    [unit] = parse_sxs(sxs_page("A")).units
    unit.id = 'x"><script>'
    html = unit_html(unit, "<script>alert(1)</script>", "<img src=x onerror=alert(1)>")
    assert dangerous(html) == [] and 'data-sxs-id="x&quot;&gt;&lt;script&gt;"' in html


def test_front_matter_values_printed_by_themes_are_escaped():
    meta = {"title": '</title><script>alert(1)</script>"', "description": '"><b>', "ms.date": "01/02/2020",
            "author": 5}
    escape_template_meta(meta)
    assert meta == {"title": "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;",
                    "description": "&quot;&gt;&lt;b&gt;", "ms.date": "01/02/2020", "author": 5}


def test_author_raw_html_outside_units_is_not_touched():
    text = '<div class="raw" onclick="go()"><script>var a = 1;</script></div>\n\n' + sxs_page("A")
    html = convert(text)
    assert '<div class="raw" onclick="go()"><script>var a = 1;</script></div>' in html


def test_hostile_site_has_no_script_from_units_or_front_matter(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    names = {str(page.relative_to(hostile_site)) for page in pages}
    # TUs, front matter, post-edits, annotation pages and the translation report are all there.
    assert {"index.html", "bez-titulku.html", "sxs-translation-report.html"} <= names
    assert any(name.startswith(("applies-to/", "roles/")) for name in names)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        root = lxml.html.document_fromstring(html)
        scripts = [s.text or "" for s in root.iter("script")]
        assert [s for s in scripts if "alert(" in s] == [], page
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            assert element.tag != "iframe", (page, element.tag)
            for key, value in element.attrib.items():
                assert not key.lower().startswith("on"), (page, element.tag, key, value)
                if key in ("href", "src"):
                    assert is_safe_url(value, image=element.tag == "img"), (page, element.tag, value)
        assert len(root.findall(".//title")) == 1
    for name in ("index.html", "bez-titulku.html"):
        html = (hostile_site / name).read_text(encoding="utf-8")
        root = lxml.html.document_fromstring(html)
        assert any("sxsAuthorScriptRan" in (s.text or "") for s in root.iter("script"))  # the author's own script
        assert "<script>" in root.find(".//title").text
    index = lxml.html.document_fromstring((hostile_site / "index.html").read_text(encoding="utf-8"))
    edited = index.xpath('//span[@data-sxs-id="u-0"]//span[@class="sxs-t"]')[0].text_content()
    assert edited == 'Upraveno <script>alert("pe-script")</script>'  # the post-edit, shown as text


HOSTILE_TOKENS = [
    "<", ">", "/", '"', "'", "=", " ", "\n", "\t", "`", "``", "[", "]", "(", ")", "!", "{", "}", ":", "\\", "&",
    "#", "*", "_", "<img", "<svg", "<a", "</a>", "<script>", "</script>", "<span", "</span>", "<b", "<iframe",
    " src=x", " href=", " onerror=alert(1)", " onload=alert(1)", " style=x", "javascript:", "alert(1)",
    "&#58;", "&#x09;", "&quot;", "data:text/html,", "<!--", "-->", "](", "]:", "{:", ".x", "<https://a.b>",
]


@settings(max_examples=int(os.environ.get("SXS_FUZZ_EXAMPLES", "0")) or 400,
          derandomize=not os.environ.get("SXS_FUZZ_EXAMPLES"), deadline=None, database=None)
@given(st.lists(st.sampled_from(HOSTILE_TOKENS), max_size=40).map("".join),
       st.lists(st.sampled_from(HOSTILE_TOKENS), max_size=40).map("".join))
def test_no_token_soup_in_a_unit_survives_as_script(target, source):
    # Known limit (README): a `</span>` in a unit's text followed by a blank line ends the unit
    # there; what follows the blank line is the author's. Everything else must be inert.
    both = (target + source).lower()
    assume("</span" not in both or not re.search(r"\n[ \t\r]*\n", both))
    html = convert("Text " + sxs_page(target, source) + " end\n\n<table><tr><td>" + sxs_page(source, target)
                   + "</td></tr></table>\n")
    assert dangerous(html) == []
    assert sanitize_inline(sanitize_inline(target).markup).markup == sanitize_inline(target).markup


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_qa_reports_carry_hostile_text_as_data(hostile_site, tmp_path, fmt):
    import json

    from mkdocs_sxs.cli import main

    output = tmp_path / f"qa.{fmt}"
    assert main(["qa", str(hostile_site.parent / "docs"), "--format", fmt, "--output", str(output)]) == 1
    text = output.read_text(encoding="utf-8")
    strings = []

    def walk(value):
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(text))  # valid JSON however hostile the units are
    assert any('<svg onload=alert("ann-role-s")>' in value for value in strings)
