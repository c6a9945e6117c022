"""DocFX docset readers (core.docfx) on the small fixture docset in tests/fixtures/docfx/repo/docs."""

from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs_sxs.core.docfx import yamlpages
from mkdocs_sxs.core.docfx.config import glob_regex, inspect_docset, is_excluded
from mkdocs_sxs.core.docfx.redirects import as_bool, find_redirection_file, read_redirects, redirect_page_path
from mkdocs_sxs.core.docfx.toc import (
    KIND_EXTERNAL,
    KIND_MISSING,
    KIND_PAGE,
    KIND_TOC,
    find_tocs,
    index_files,
    read_toc,
    resolve_href,
    top_level_tocs,
)

DOCSET = Path(__file__).resolve().parents[1] / "fixtures" / "docfx" / "repo" / "docs"


def _toc():
    return read_toc(DOCSET, "TOC.yml", index_files(DOCSET), url_base="fixture-docs")


def test_toc_titles_and_order_exactly_as_written():
    toc = _toc()
    top = [entry.title for entry in toc.entries]
    assert top == ["Home", "Getting <started>", "Sub area", "Only a display name", "External", "Other docset",
                   "Same docset, absolute", "Level 1"]
    getting = toc.entries[1]
    assert [(e.title, e.href) for e in getting.children] == [
        ("Overview", "overview.md"),
        ("Frequently asked", "faq.yml"),  # `hreF` key spelling
        ("Extension-less", "overview-two.md"),
        ("Case differs", "case-page.md"),
        ("With a toc query", "sub/page-a.md"),
    ]


def test_toc_nests_folder_toc_md_and_resolves_special_hrefs():
    toc = _toc()
    sub = toc.entries[2]
    assert toc.nested == ["sub/TOC.md"]
    assert [e.title for e in sub.children] == ["Sub overview"]
    assert [e.title for e in sub.children[0].children] == ["Page B", "Plain heading"]
    plain = sub.children[0].children[1]
    assert plain.href is None and [(e.title, e.href) for e in plain.children] == [("Back up", "overview.md")]
    assert toc.entries[3].href == "deep/level.md"  # `~/` from the docset root, `displayname` as title
    assert (toc.entries[4].href, toc.entries[4].external) == ("https://example.com/docs", True)
    assert (toc.entries[5].href, toc.entries[5].external) == ("https://learn.microsoft.com/azure/overview", True)
    assert (toc.entries[6].href, toc.entries[6].external) == ("overview.md", False)


def test_toc_nine_levels_and_lines():
    toc = _toc()
    entry = toc.entries[-1]
    depth = 1
    while entry.children:
        entry = entry.children[0]
        depth += 1
    assert (depth, entry.title, entry.href) == (9, "Level 9", "deep/level.md")
    assert entry.source == "TOC.yml" and entry.line == 44  # the line of its "- name:"


def test_toc_problems_name_file_and_line():
    problems = {(p.code, p.path, p.line, p.level) for p in _toc().problems}
    assert ("toc-missing", "TOC.yml", 26, "warning") in problems
    assert ("toc-case", "TOC.yml", 12, "info") in problems
    assert len(problems) == 2


def test_find_tocs_skips_breadcrumb_and_nested():
    files = index_files(DOCSET)
    assert find_tocs(DOCSET, files) == ["TOC.yml", "area-b/toc.yml", "sub/TOC.md"]
    assert [toc.path for toc in top_level_tocs(DOCSET, files, "fixture-docs")] == ["TOC.yml", "area-b/toc.yml"]


def test_resolve_href_kinds():
    files = index_files(DOCSET)
    assert resolve_href("sub/", "", files) == (KIND_TOC, "sub/TOC.md")
    assert resolve_href("..\\overview.md", "sub", files) == (KIND_PAGE, "overview.md")
    assert resolve_href("../../outside.md", "sub", files)[0] == KIND_MISSING
    assert resolve_href("mailto:a@b.c", "", files) == (KIND_EXTERNAL, "mailto:a@b.c")
    assert resolve_href("/fixture-docs/sub/page-b", "", files, "fixture-docs") == (KIND_PAGE, "sub/page-b.md")


def test_toc_cycle_is_reported_not_followed(tmp_path):
    (tmp_path / "toc.yml").write_text("- name: Loop\n  href: a/\n", encoding="utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "toc.yml").write_text("- name: Back\n  href: ../toc.yml\n", encoding="utf-8")
    toc = read_toc(tmp_path, "toc.yml")
    assert [p.code for p in toc.problems] == ["toc-cycle"]
    assert toc.entries[0].children[0].title == "Back"


def test_bad_toc_yaml_is_a_problem_not_a_crash(tmp_path):
    (tmp_path / "toc.yml").write_text("- name: A\n  href: [unclosed\n", encoding="utf-8")
    toc = read_toc(tmp_path, "toc.yml")
    assert toc.entries == [] and toc.problems[0].code == "toc-yaml" and toc.problems[0].line >= 2


def test_inspect_docset_reads_docfx_json():
    info = inspect_docset(DOCSET)
    assert (info.title_suffix, info.bilingual_type, info.dest, info.locale) == (
        "Fixture Docs", "hover over", "fixture-docs", "cs-CZ")
    assert info.page_count == 8 and not info.large


def test_docfx_globs():
    assert glob_regex("**/includes/**").match("includes/snippet.md")
    assert glob_regex("**/includes/**").match("a/b/includes/x.md")
    assert not glob_regex("README.md").match("sub/README.md")
    assert is_excluded("README.md", ["README.md"]) and not is_excluded("readme-not.md", ["README.md"])


def test_redirects_for_this_docset_only():
    path = find_redirection_file(DOCSET)
    assert path is not None and path.name == ".openpublishing.redirection.json"
    redirects, problems = read_redirects(path, DOCSET, index_files(DOCSET), "fixture-docs",
                                         "https://learn.microsoft.com/cs-cz")
    assert problems == []
    got = {r.source: (r.target, r.external, r.fragment, r.document_id) for r in redirects}
    assert got == {
        "old-overview.md": ("overview.md", False, "", True),
        "sub/old-a.md": ("sub/page-a.md", False, "part", True),
        "gone.md": ("https://example.com/new", True, "", False),
        "to-other-docset.md": ("https://learn.microsoft.com/cs-cz/azure/somewhere", True, "", False),
        "overview.md": ("overview-two.md", False, "", False),
        "old-faq.md": ("faq.yml", False, "", False),
        "includes/old-snippet.md": ("includes/snippet.md", False, "", False),
        "old-crumb.md": ("breadcrumb/toc.yml", False, "", False),
    }
    assert [r.line for r in redirects] == [3, 4, 5, 6, 7, 8, 10, 11]


def test_redirect_lines_with_entries_over_several_lines(tmp_path: Path):
    entries = [f'    {{\n      "source_path": "docs/p{i}.md",\n' + '\n' * i + f'      "redirect_url": "/x/{i}"\n    }}'
               for i in range(4)]
    text = '{\n  "redirections": [\n' + ",\n".join(entries) + "\n  ]\n}\n"
    (tmp_path / ".openpublishing.redirection.json").write_text(text, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    redirects, _ = read_redirects(tmp_path / ".openpublishing.redirection.json", tmp_path / "docs")
    lines = [number for number, line in enumerate(text.split("\n"), 1) if '"source_path"' in line]
    assert len(lines) == 4 and [r.line for r in redirects] == lines


def test_redirect_helpers():
    assert [as_bool(v) for v in (True, "TRUE", "true", "False", "FALSE", None)] == [True, True, True, False,
                                                                                     False, False]
    assert redirect_page_path("a/b.md") == "a/b/index.html"
    assert redirect_page_path("a/index.md") == "a/index.html"


def test_faq_page_keeps_questions_and_escapes_text():
    page = yamlpages.convert((DOCSET / "faq.yml").read_text(encoding="utf-8"), "faq.yml")
    assert page.mime == "FAQ" and page.problems == []
    meta = yaml.safe_load(page.markdown.split("---")[1])
    assert meta["title"] == "FAQ meta title" and meta["ms.contentlocale"] == "cs-CZ"
    body = page.markdown.split("---", 2)[2]
    assert "# Fixture FAQ" in body
    assert "## General &lt;questions&gt;" in body
    assert "### What is \\*this\\* &lt;script&gt;alert\\(1\\)&lt;/script&gt;?" in body
    assert "<script>" not in body
    assert "[link](faq.md)" in body  # answers stay Markdown; YAML page links go to the generated page
    assert "More at [home](index.md)." in body
    assert body.index("What is") < body.index("Second question") < body.index("More at")


def test_landing_page_cards_escape_and_map_links():
    text = (DOCSET / "index.yml").read_text(encoding="utf-8")
    page = yamlpages.convert(text.replace("ms.contentlocale: cs-CZ", ""), "index.yml",
                             link=lambda url: "MAPPED:" + url)
    assert page.mime == "Landing" and page.title == "Fixture <docs> & more"
    body = page.markdown.split("---", 2)[2]
    assert "# Fixture &lt;docs&gt; &amp; more" in body
    assert "<strong>Start &lt;here&gt;</strong>" in body
    assert '<a href="MAPPED:overview.md">Overview [one]</a>' in body
    assert '<a href="MAPPED:https://example.com/">Example</a>' in body
    assert "Začínáme" not in body and "Get started" in body  # English labels without a page locale...
    czech = yamlpages.convert(text, "index.yml")
    assert "Začínáme" in czech.markdown  # ...Czech ones for a Czech page
    assert 'href="faq.md"' in czech.markdown


def test_other_yaml_is_not_a_page():
    assert yamlpages.convert((DOCSET / "other.yml").read_text(encoding="utf-8"), "other.yml").mime == "Toc"
    assert yamlpages.yaml_mime("- name: x\n") is None
