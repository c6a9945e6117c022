"""TOC hrefs resolve by the page-link rules of core/docfx/docset.py (one resolver), plus the TOC's own rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs_sxs.core.docfx.docset import Docset, resolve_link
from mkdocs_sxs.core.docfx.toc import (
    KIND_EXTERNAL,
    KIND_MISSING,
    KIND_PAGE,
    KIND_TOC,
    index_files,
    read_toc,
    resolve_href,
    resolve_toc_href,
)

DOCSET = Path(__file__).resolve().parents[1] / "fixtures" / "docfx" / "repo" / "docs"


@pytest.mark.parametrize(("written_in", "href"), [
    ("TOC.yml", "overview.md"),
    ("TOC.yml", "./overview-two"),                      # extension-less
    ("TOC.yml", "Case-Page.md"),                        # letter case differs from the disk
    ("TOC.yml", "sub/page-a.md?toc=/fixture-docs/toc.json"),
    ("TOC.yml", "~/deep/level.md"),
    ("TOC.yml", "/fixture-docs/overview"),              # docset-absolute
    ("TOC.yml", "/FIXTURE-DOCS/overview.md"),           # ... with the prefix in another case, like a page link
    ("sub/TOC.md", "..\\overview.md"),                  # backslashes
    ("sub/TOC.md", "page%2Db.md#part"),                 # percent-escapes and an anchor
    ("TOC.yml", "faq"),
])
def test_toc_hrefs_open_the_file_a_page_link_opens(written_in: str, href: str):
    docset = Docset.scan(DOCSET, ["fixture-docs"])
    link = resolve_link(docset, written_in, href)
    kind, target, case_differs = resolve_toc_href(docset, written_in, href)
    assert link.exists and (kind, target, case_differs) == (KIND_PAGE, link.path, link.case_mismatch)


def test_toc_rules_on_top_of_the_page_link_rules(tmp_path: Path):
    (tmp_path / "area").mkdir()
    for name in ("toc.yml", "area/toc.yml", "area/index.md", "page.md"):
        (tmp_path / name).write_text("- name: x\n  href: ../page.md\n" if name.endswith(".yml") else "# x\n",
                                     encoding="utf-8")
    docset = Docset.scan(tmp_path, ["docs"])
    # a folder: a page link opens its index page, a TOC nests the folder's TOC
    assert resolve_link(docset, "toc.yml", "area/").path == "area/index.md"
    assert resolve_toc_href(docset, "toc.yml", "area/")[:2] == (KIND_TOC, "area/toc.yml")
    assert resolve_toc_href(docset, "toc.yml", "/docs/area/")[:2] == (KIND_TOC, "area/toc.yml")
    # other docsets and any scheme: external; outside the docset or absent: missing
    assert resolve_toc_href(docset, "toc.yml", "/azure/x?y=1")[:2] == (KIND_EXTERNAL,
                                                                      "https://learn.microsoft.com/azure/x?y=1")
    assert resolve_toc_href(docset, "toc.yml", "ms-settings:privacy")[:2] == (KIND_EXTERNAL, "ms-settings:privacy")
    assert resolve_toc_href(docset, "area/toc.yml", "../../up.md")[0] == KIND_MISSING
    assert resolve_toc_href(docset, "toc.yml", "nope")[:2] == (KIND_MISSING, "nope")
    # the older entry point (an index_files listing) gives the same answers
    files = index_files(tmp_path)
    assert resolve_href("area/", "", files, "docs") == (KIND_TOC, "area/toc.yml")
    assert resolve_href("Page", "area", files) == (KIND_MISSING, "area/Page")
    assert resolve_href("../Page", "area", files) == (KIND_PAGE, "page.md")


def test_toc_reports_letter_case_for_every_href_form(tmp_path: Path):
    (tmp_path / "Page.md").write_text("# x\n", encoding="utf-8")
    (tmp_path / "toc.yml").write_text("- name: a\n  href: page.md\n- name: b\n  href: page\n- name: c\n"
                                      "  href: Page.md\n", encoding="utf-8")
    toc = read_toc(tmp_path, "toc.yml")
    assert [entry.href for entry in toc.entries] == ["Page.md", "Page.md", "Page.md"]
    assert [(p.code, p.line) for p in toc.problems] == [("toc-case", 1), ("toc-case", 3)]
