"""Docset shape (issue 12, item 8 and 9) and the link-check fixes for other docsets.

A home page made from the TOC, site_name from docfx.json, DocFX config out of the
site, the breadcrumb TOC shown (never checked as links), pages without sxs units,
annotations only where a docset uses them, `../<docset>/…` links, `?toc=` with TOC.md,
inline-code headings.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs_sxs.cli import main
from mkdocs_sxs.core.annotations.find import Annotation, AnnotationValue, PageAnnotations
from mkdocs_sxs.core.annotations.usage import annotation_usage
from mkdocs_sxs.core.docfx.breadcrumb import read_breadcrumb, trail
from mkdocs_sxs.core.docfx.config import inspect_docset
from mkdocs_sxs.core.docfx.docset import Docset, resolve_link
from mkdocs_sxs.core.linkcheck import CheckOptions, check_path

DOCSET = Path(__file__).resolve().parents[1] / "fixtures" / "xref" / "docs"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("shape")
    config = root / "mkdocs.yml"
    assert main(["init", str(DOCSET), "--output", str(config)]) == 0
    build(load_config(str(config)))
    return root / "site", config


def _article(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    return html[html.index("<article"):html.index("</article>")]


def test_site_name_from_app_title_and_no_docfx_config_in_the_site(site):
    site_dir, config = site
    assert "site_name: Fixture Guide" in config.read_text(encoding="utf-8")
    assert not (site_dir / "docfx.json").exists() and not (site_dir / "_breadcrumb").exists()


def test_site_name_and_url_base_fall_back_to_the_publish_config(tmp_path):
    repo = tmp_path / "repo"
    docs = repo / "docs"
    docs.mkdir(parents=True)
    (docs / "docfx.json").write_text(json.dumps({"build": {"dest": "_site"}}), encoding="utf-8")
    (docs / "toc.yml").write_text("- name: A\n  href: a.md\n- name: B\n  href: b.md\n", encoding="utf-8")
    (repo / ".openpublishing.publish.config.json").write_text(json.dumps({"docsets_to_publish": [
        {"docset_name": "nuget-docs", "build_source_folder": "docs", "build_output_subfolder": "nuget"}]}),
        encoding="utf-8")
    info = inspect_docset(docs)
    assert info.site_name == "nuget-docs"          # `docs` is no name; `_site` is DocFX's output folder
    assert info.dest == "nuget"
    (docs / "toc.yml").write_text("- name: NuGet\n  items:\n  - name: A\n    href: a.md\n", encoding="utf-8")
    assert inspect_docset(docs).site_name == "NuGet"  # the root TOC's single top entry


def test_home_page_is_made_from_the_toc_when_the_docset_has_none(site):
    site_dir, _ = site
    home = _article(site_dir / "index.html")
    assert ">Fixture Guide<" in home and "sxs-switch" not in home
    assert '<a href="a/">Stránka A</a>' in home and '<a href="sub/d/">Page D</a>' in home
    assert '<h2 id="sub-area"><a href="sub/c/">Sub area</a>' in home


def test_breadcrumb_trail_above_the_page(site):
    site_dir, _ = site
    page = _article(site_dir / "sub" / "d" / "index.html")
    assert ('<nav class="sxs-breadcrumb" aria-label="Breadcrumb"><ol>'
            '<li><a href="https://learn.microsoft.com/cs-cz/">Docs</a></li><li><a href="../../">Fixture</a></li>'
            '<li><a href="../c/">Sub area</a></li></ol></nav>') in page


def test_breadcrumb_trail_takes_the_most_specific_area_with_its_ancestors():
    crumbs = read_breadcrumb("""
- name: Docs
  tocHref: /
  topicHref: /
  items:
  - name: VS
    tocHref: /vs/windows
    topicHref: /vs/windows/index
    items:
    - name: MSBuild
      tocHref: /vs/msbuild/
      topicHref: /vs/msbuild/msbuild
""")
    assert [c.name for c in trail(crumbs, "/vs/msbuild/tasks/x")] == ["Docs", "VS", "MSBuild"]
    assert [c.name for c in trail(crumbs, "/vs/windows/a")] == ["Docs", "VS"]
    assert [c.name for c in trail(crumbs, "/elsewhere")] == ["Docs"]
    assert read_breadcrumb("- [not: valid") == []


def test_page_without_units_reads_as_an_ordinary_localized_page(site):
    site_dir, _ = site
    page = _article(site_dir / "plain" / "index.html")
    assert '<p class="sxs-mt-notice">Tato stránka byla přeložena strojově.</p>' in page   # no hover promise
    assert "sxs-switch" not in page and "sxs-tu" not in page
    assert 'Viz <a href="../a/">Stránka A</a>.' in page


def _docset(tmp_path: Path, name: str, files: dict[str, str]) -> Path:
    root = tmp_path / name
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_link_that_leaves_the_docset_folder_and_comes_back_in(tmp_path):
    root = _docset(tmp_path, "hololens", {"a.md": "![x](../hololens/images/p.png) [b](../hololens/b.md)\n",
                                          "b.md": "# B\n", "images/p.png": ""})
    target = resolve_link(Docset.scan(root), "a.md", "../hololens/images/p.png")
    assert target.exists and target.path == "images/p.png"
    assert check_path(root).findings == []


def test_toc_query_finds_a_toc_md_and_breadcrumb_hrefs_are_not_links(tmp_path):
    root = _docset(tmp_path, "nuget", {
        "docfx.json": json.dumps({"build": {"dest": "nuget"}}),
        "TOC.md": "# [A](a.md)\n",
        "a.md": "[self](a.md?toc=/nuget/toc.json) [bad](a.md?toc=/nuget/toc2.json)\n",
        "breadcrumb/toc.yml": "- name: Docs\n  tocHref: /\n  topicHref: not-a-page\n",
    })
    findings = check_path(root, CheckOptions(url_prefixes=("/nuget",))).findings
    # only the missing TOC (toc2); TOC.md answers for toc.json, and the breadcrumb's topicHref is no link
    assert [(f.path, f.category, f.target) for f in findings] == [("a.md", "broken", "toc2.yml")]


def test_inline_code_headings_get_their_ids(tmp_path):
    root = _docset(tmp_path, "d", {"a.md": "### `PackageIcon`\n\n## `Foo` bar\n\n[i](#packageicon) [f](#foo-bar) "
                                           "[old](#bar)\n"})
    findings = check_path(root).findings
    assert [(f.category, f.link) for f in findings] == [("anchor-missing", "#bar")]


def _annotated(path: str, kind: str, *names: str) -> PageAnnotations:
    annotation = Annotation(kind, "line", "Applies to", "Applies to", [AnnotationValue(n, n) for n in names],
                            ["u"], [3], len(names), len(names))
    page = PageAnnotations(path)
    if kind == "roles":
        page.roles = annotation
    else:
        page.applies_to = annotation
    return page


def test_annotations_only_where_the_docset_uses_them_as_guideline_metadata():
    stray = [_annotated("a.md", "applies_to", "Windows 10 version 1809 and later")]
    assert not annotation_usage(stray, 50).used                          # one unrelated line in 50 pages
    varied = [_annotated(f"p{i}.md", "applies_to", f"Something else {i}") for i in range(10)]
    assert not annotation_usage(varied, 40).used                         # a different phrase on every page
    products = [_annotated(f"p{i}.md", "applies_to", "Partner Center") for i in range(10)]
    assert annotation_usage(products, 40).used                           # a few recurring products
    roles = [_annotated(f"p{i}.md", "roles", "Global admin") for i in range(5)]
    assert annotation_usage(roles, 60).used and not annotation_usage(roles[:1], 60).used


def test_yaml_hrefs_of_crlf_files_carry_no_carriage_return(tmp_path):
    root = _docset(tmp_path, "crlf", {"a.md": "# A\n"})
    (root / "index.yml").write_bytes(b"### YamlMime:Landing\r\ntitle: T\r\nlinks:\r\n  - url: a.md \r\n"
                                     b"  - url: missing.md\r\n")
    findings = check_path(root).findings
    assert [(f.link, f.line) for f in findings] == [("missing.md", 5)]
    assert "\r" not in findings[0].message
