"""Cross-references (core/xref): the syntaxes, the resolver, the build's links and the link check's findings.

Fixture docset: tests/fixtures/xref/docs (uids in front matter, a uid/topicUid/tocHref TOC,
every xref form on xrefs.md, an sxs page whose xref lies in both languages).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs_sxs.cli import main
from mkdocs_sxs.core.docfx.docset import Docset
from mkdocs_sxs.core.linkcheck import CheckOptions, check_path
from mkdocs_sxs.core.xref import UidMap, XrefResolver, find_xrefs, parse_xref
from mkdocs_sxs.core.xref.resolve import (
    KIND_API,
    KIND_PAGE,
    KIND_TEXT,
    KIND_UNRESOLVED,
    api_display_name,
    api_path,
)

DOCSET = Path(__file__).resolve().parents[1] / "fixtures" / "xref" / "docs"
NAV_TITLE = re.compile(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', re.S)
FINDING = re.compile(r"^(?P<where>[^\s:]+:\d+:\d+): (?P<message>.*) \[(?P<category>[\w-]+)\]")


def _resolver() -> XrefResolver:
    docset = Docset.scan(DOCSET)
    return XrefResolver(UidMap.scan(docset.root, docset.pages()))


@pytest.mark.parametrize(("text", "form", "uid", "anchor", "display", "label"), [
    ("[the B page](xref:guide/b#second-part)", "link", "guide/b", "second-part", None, "the B page"),
    ("[](xref:guide/a)", "link", "guide/a", None, None, None),
    ("<xref:System.String?displayProperty=fullName>", "autolink", "System.String", None, "fullName", None),
    ("<xref:System.String.%23ctor>", "autolink", "System.String.#ctor", None, None, None),
    ('<xref href="guide/b" displayProperty="name"/>', "html", "guide/b", None, "name", None),
    ('<xref href="guide/b">B text</xref>', "html", "guide/b", None, None, "B text"),
    ('@"guide/b"', "quoted", "guide/b", None, None, None),
    ("@System.String.Format*", "short", "System.String.Format*", None, None, None),
    ("[x]: xref:guide/a#top", "definition", "guide/a", "top", None, None),
    ('<a href="xref:guide/a#top">A</a>', "html-link", "guide/a", "top", None, ""),
])
def test_every_xref_form_is_found_with_its_parts(text, form, uid, anchor, display, label):
    uses = find_xrefs(text)
    assert len(uses) == 1
    use = uses[0]
    assert (use.form, use.uid, use.anchor, use.display_property, use.text) == (form, uid, anchor, display, label)


def test_shorthand_is_not_found_in_mail_addresses_paths_or_trailing_punctuation():
    assert find_xrefs("write to me@example.com or see https://x.org/@scope") == []
    use = find_xrefs("Thanks @smitpatel.")[0]
    assert use.uid == "smitpatel" and use.raw == "@smitpatel"
    code = "`@System.String` and <xref:A.B>"
    assert [u.uid for u in find_xrefs(code, lambda offset: offset < code.index(" and"))] == ["A.B"]


def test_resolver_kinds_titles_and_api_urls():
    resolver = _resolver()
    page = resolver.resolve(parse_xref("<xref:guide/a>"), "cs-CZ")
    assert (page.kind, page.path, page.text, page.source_text) == (KIND_PAGE, "a.md", "Stránka A", "Page A")
    assert resolver.resolve(parse_xref("xref:GUIDE/B")).path == "b.md"      # a case-only difference is found
    api = resolver.resolve(parse_xref("<xref:System.Collections.Generic.List`1>"), "cs-CZ")
    assert api.kind == KIND_API and api.text == "List<T>"
    assert api.url == "https://learn.microsoft.com/cs-cz/dotnet/api/system.collections.generic.list-1"
    assert resolver.resolve(parse_xref("<xref:guide/typo>")).kind == KIND_UNRESOLVED
    assert resolver.resolve(parse_xref("@smitpatel")).kind == KIND_TEXT     # DocFX leaves unresolved @name as text
    assert resolver.resolve(parse_xref("@Model.Name")).kind == KIND_TEXT    # Razor in prose: no .NET namespace
    assert resolver.resolve(parse_xref("@System.String")).kind == KIND_API
    custom = XrefResolver(resolver.uids, "https://docs.example.com/{locale}/api?term=")
    assert custom.api_url("System.String", locale="de-DE") == "https://docs.example.com/de-de/api?term=system.string"


def test_api_display_names_and_paths():
    assert api_display_name("System.String.Format*", "nameWithType") == "String.Format"
    assert api_display_name("System.Threading.Tasks", "fullName") == "System.Threading.Tasks"
    assert api_display_name("System.String.#ctor(System.Char[])") == "String"
    assert api_display_name("System.Collections.Generic.Dictionary`2") == "Dictionary<T1,T2>"
    assert api_path("System.String.#ctor(System.Char[])") == "system.string.-ctor"


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("xref")
    config_path = root / "mkdocs.yml"
    assert main(["init", str(DOCSET), "--output", str(config_path)]) == 0
    logger = logging.getLogger("mkdocs.plugins.sxs")
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.INFO)
    handler.emit = records.append  # type: ignore[method-assign]
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.DEBUG)  # as `-v`: each finding logged on its own line (the handler keeps INFO and up)
    try:
        build(load_config(str(config_path)))
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return root / "site", [r.getMessage() for r in records], config_path


def _article(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    return html[html.index("<article"):html.index("</article>")]


def test_build_writes_each_form_as_the_right_link(fixture_site):
    site, _, _ = fixture_site
    html = _article(site / "xrefs" / "index.html")
    assert '<a href="../b/#second-part">the B page</a>' in html
    assert 'empty link text: <a href="../a/">Stránka A</a>' in html        # the localized title
    assert 'autolink: <a href="../a/">Stránka A</a>' in html
    assert 'html: <a href="../b/">Page B</a>' in html                      # `# Page *B*`: the words
    assert 'html with text: <a href="../b/">B as text</a>' in html
    assert 'quoted: <a href="../b/">Page B</a>' in html
    assert 'short: <a href="../b/">Page B</a>' in html
    assert '<a href="https://learn.microsoft.com/cs-cz/dotnet/api/system.string.format">Format</a>' in html
    assert "me@example.com" in html and "@smitpatel." in html                # not cross-references
    assert ('<a href="https://learn.microsoft.com/cs-cz/dotnet/api/system.collections.generic.list-1">'
            "System.Collections.Generic.List&lt;T&gt;</a>") in html
    assert '<a href="https://learn.microsoft.com/cs-cz/dotnet/api/system.string">Str</a>' in html
    assert ">String.Format</a>" in html
    assert "unresolved: guide/typo and kept text</li>" in html              # shown as text, reported
    assert 'reference: <a href="../a/">defined</a>' in html
    assert '<p>html: <a href="../b/#second-part">B in HTML</a></p>' in html
    assert "<code>&lt;xref:guide/a&gt;</code>" in html and "var s = @\"guide/a\";" in html  # code is left alone
    text = re.sub(r"<code>.*?</code>|<pre.*?</pre>", "", html, flags=re.S)
    visible = re.sub(r"<[^>]+>", "", text).lower()
    assert "xref:" not in visible and "&lt;xref" not in visible and '@"' not in text and "@guide" not in visible


def test_xref_inside_a_unit_gets_each_languages_title(fixture_site):
    site, _, _ = fixture_site
    html = _article(site / "b" / "index.html")
    assert '<span class="sxs-t">Zpět na <a href="../a/">Stránka A</a>.</span>' in html
    assert 'Back to <a href="../a/">Page A</a>.</span>' in html


def test_toc_entries_by_uid_topic_uid_and_toc_href(fixture_site):
    site, messages, _ = fixture_site
    html = (site / "xrefs" / "index.html").read_text(encoding="utf-8")
    nav = html[html.index("md-nav--primary"):html.index("md-nav--secondary")]
    titles = [re.sub(r"<[^>]+>", "", t).strip() for t in NAV_TITLE.findall(nav)]
    # `uid:` without a name takes the page's title; tocHref nests sub/toc.yml under topicHref's page
    assert titles == ["Guide", "Stránka A", "Page B by topicUid", "Xref forms", "Plain page", "B again by xref href",
                      "Sub area", "Sub area", "Page D"]
    assert 'href="../sub/c/"' in nav and 'href="../sub/d/"' in nav
    missing = [m for m in messages if "guide/not-there" in m]
    assert len(missing) == 1 and missing[0].startswith("toc.yml:14:") and "[broken]" in missing[0]


def test_build_and_check_report_the_same_findings(fixture_site):
    site, messages, config_path = fixture_site
    built = {(m.group("where"), m.group("category")) for m in map(FINDING.match, (re.sub(r"^\w+: ", "", x)
                                                                                  for x in messages)) if m}
    plugin = yaml.safe_load(config_path.read_text(encoding="utf-8"))["plugins"][1]["sxs"]
    result = check_path(DOCSET, CheckOptions(url_prefixes=tuple(plugin.get("link_url_prefixes", ()))))
    checked = {(f"{f.path}:{f.line}:{f.column}", f.category) for f in result.findings}
    assert built == checked
    assert ("xrefs.md:16:15", "broken") in checked and ("xrefs.md:13:23", "xref-external") in checked
    # every xref the build linked to the API browser is one xref-external finding on that page
    api_links = _article(site / "xrefs" / "index.html").count('href="https://learn.microsoft.com/cs-cz/dotnet/api/')
    assert api_links == sum(1 for f in result.findings if f.path == "xrefs.md" and f.category == "xref-external")


def test_a_uid_on_two_pages_is_reported_once_and_links_keep_the_first(fixture_site):
    """old/a-copy.md repeats a.md's `uid: guide/a`: the build and `check` report it at the copy's uid line."""
    site, messages, _ = fixture_site
    result = check_path(DOCSET)
    duplicates = [f for f in result.findings if f.category == "xref-duplicate"]
    assert [(f.path, f.line, f.level, f.target) for f in duplicates] == [("old/a-copy.md", 4, "warning", "a.md")]
    assert "a.md:3" in duplicates[0].message
    logged = [m for m in messages if "[xref-duplicate]" in m]  # the build's own link check, one line
    assert len(logged) == 1 and logged[0].startswith("old/a-copy.md:4:1: ") and duplicates[0].message in logged[0]
    # every cross-reference to guide/a still reaches a.md, the page whose path sorts first
    assert '<a href="../a/">Stránka A</a>' in _article(site / "xrefs" / "index.html")
    assert "old/a-copy" not in _article(site / "xrefs" / "index.html")


def test_uids_of_other_docsets_xref_maps_link_to_their_href_with_their_names(fixture_site):
    """docfx.json `build.xref` names ../maps/xrefmap.yml (read) and an online map (noted, never fetched)."""
    site, messages, _ = fixture_site
    html = _article(site / "xrefs" / "index.html")
    assert 'map: <a href="https://contoso.example/api/contoso.widgets.widget">Widget</a>' in html
    assert 'full: <a href="https://contoso.example/api/contoso.widgets.widget">Contoso.Widgets.Widget</a>' in html
    assert 'text: <a href="https://contoso.example/guide/start#step-2">the guide</a>' in html
    # a map's javascript: href is refused by the URL policy: the uid is an API name like any other
    assert 'unsafe: <a href="https://learn.microsoft.com/cs-cz/dotnet/api/contoso.evil">Evil</a>' in html
    assert "javascript:" not in html
    assert any("https://learn.microsoft.com/en-us/dotnet/xrefmap.yml is online: not fetched" in m for m in messages)
    result = check_path(DOCSET)
    on_line = [f for f in result.findings if f.path == "xrefs.md" and f.line == 28]
    assert [f.category for f in on_line] == ["xref-external"] and "'Contoso.Evil'" in on_line[0].message  # maps: none


def test_option_xref_maps_adds_maps_for_build_and_check_alike(tmp_path):
    from mkdocs_sxs.core.xref import docset_resolver

    extra = str(DOCSET.parent / "more-maps.yml")
    resolver = docset_resolver(DOCSET, Docset.scan(DOCSET).pages(), None, [extra])
    resolution = resolver.resolve(parse_xref("xref:extra/page"))
    assert (resolution.kind, resolution.url, resolution.text) == ("map", "https://extra.example/page",
                                                                  "A page from the option xref_maps")
    # `mkdocs-sxs check mkdocs.yml` and the build read the option from the config, relative to it
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Start\n\nSee <xref:extra/page>.\n", encoding="utf-8")
    (project / "maps.yml").write_text(Path(extra).read_text(encoding="utf-8"), encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text("site_name: X\nplugins:\n  - sxs:\n      xref_maps: [maps.yml]\n", encoding="utf-8")
    assert main(["check", str(config)]) == 0
    assert main(["check", str(project / "docs")]) == 1  # without the option: an unresolved uid, broken
    build(load_config(str(config)))
    assert '<a href="https://extra.example/page">A page from the option xref_maps</a>' in (
        project / "site" / "index.html").read_text(encoding="utf-8")
    missing = docset_resolver(DOCSET, [], None, ["nowhere.yml"])
    assert any("nowhere.yml (option xref_maps) does not exist" in note for note in missing.maps.notes)


def test_xref_findings_validate_against_the_report_schema():
    import json

    import jsonschema
    from mkdocs_sxs.core.linkcheck.reports import render

    schema = json.loads((Path(__file__).resolve().parents[2] / "plugins" / "mkdocs_sxs" / "schemas"
                         / "linkcheck-report.schema.json").read_text(encoding="utf-8"))
    report = json.loads(render(check_path(DOCSET), "json"))
    jsonschema.validate(report, schema)
    assert {f["kind"] for f in report["findings"] if f["category"] == "xref-external"} == {"xref", "link"}


@pytest.mark.parametrize("data", [
    b"---\r\nuid: a.b\r\n---\r\n# T\r\n",
    b"\xef\xbb\xbf---\ruid: bom\r---\r",
    b"---\nuid: x\xff\xfe\n---\n",
    "é€😀\r\n".encode() * 3000,
    b"a" * 8191 + "😀".encode() + b"\r\nuid: late\n",
    b"\r" * 9000,
    b"",
])
def test_a_page_head_read_in_binary_is_what_a_text_mode_read_gives(tmp_path: Path, data: bytes):
    from mkdocs_sxs.core.xref.uids import read_head

    path = tmp_path / "page.md"
    path.write_bytes(data)
    for size in (1, 7, 8191, 8192):
        with open(path, encoding="utf-8-sig", errors="replace") as handle:
            assert read_head(path, size) == handle.read(size)
