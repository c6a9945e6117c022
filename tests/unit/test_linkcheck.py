"""The link check on a small docset that holds one case of every category."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs_sxs.core.linkcheck import CheckOptions, check_path
from mkdocs_sxs.core.linkcheck.scan import heading_slug, mask_code, scan_markdown

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "links"
DOCS = FIXTURE / "docs"


def line_of(name: str, needle: str) -> int:
    for number, line in enumerate((DOCS / name).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {name}")


@pytest.fixture(scope="module")
def result():
    return check_path(DOCS, CheckOptions(source_fallback=str(FIXTURE / "source")))


def found(result, category):
    return {(f.path, f.line, f.link) for f in result.findings if f.category == category}


def test_broken_pages_includes_toc_entries_html_and_reference_definitions(result):
    assert found(result, "broken") == {
        ("TOC.yml", line_of("TOC.yml", "missing-toc.md"), "missing-toc.md"),
        ("index.md", line_of("index.md", "](missing.md)"), "missing.md"),
        ("index.md", line_of("index.md", "missing-html.md"), "missing-html.md"),
        ("index.md", line_of("index.md", "/guide/nothere.md"), "/guide/nothere.md"),
        ("index.md", line_of("index.md", "](sub/)"), "sub/"),
        ("index.md", line_of("index.md", "[reference]:"), "missing-ref.md"),
        ("index.md", line_of("index.md", "toc=/guide/missing-toc.json"), "new-page.md?toc=/guide/missing-toc.json"),
        # YAML pages: `url:`-like keys and Markdown links in FAQ answers.
        ("faq.yml", line_of("faq.yml", "faq-missing.md"), "faq-missing.md"),
        ("faq.yml", line_of("faq.yml", "not-there.md"), "not-there.md"),
    }
    by_link = {f.link: f for f in result.findings}
    assert all(f.level == "error" for f in result.findings if f.category == "broken")
    assert by_link["/guide/nothere.md"].suggestion == "other.md"
    assert by_link["missing-toc.md"].kind == "toc"
    assert by_link["new-page.md?toc=/guide/missing-toc.json"].kind == "toc-query"


def test_anchors_same_page_other_page_and_from_includes(result):
    assert found(result, "anchor-missing") == {
        ("index.md", line_of("index.md", "(#nowhere)"), "#nowhere"),
        # DocFX ids come from the translated heading, not the English original.
        ("index.md", line_of("index.md", "(#introduction-and-overview)"), "#introduction-and-overview"),
        ("index.md", line_of("index.md", "no-such-anchor"), "new-page.md#no-such-anchor"),
        ("faq.yml", line_of("faq.yml", "chybí-v-yaml"), "new-page.md#chybí-v-yaml"),
    }
    nowhere = next(f for f in result.findings if f.link == "#nowhere")
    # One finding for the pair of links in the unit, placed in the translation.
    assert nowhere.where == "translation" and nowhere.unit_id == "a-3"
    assert nowhere.column == (DOCS / "index.md").read_text(encoding="utf-8").splitlines()[nowhere.line - 1].index(
        "#nowhere") + 1
    # `#z-vloženého-souboru` comes from the included file, and the include's own
    # `#úvod-a-přehled` is valid on the page that includes it: neither is reported.
    assert not any("vloženého" in f.link or f.path.startswith("includes/") for f in result.findings)


def test_case_mismatch_redirect_media_not_localized_and_link_differs(result):
    case = [f for f in result.findings if f.category == "case-mismatch"]
    assert [(f.link, f.suggestion, f.level) for f in case] == [("New-Page.md", "new-page.md", "warning")]
    redirected = sorted((f.path, f.target, f.suggestion, f.level) for f in result.findings
                        if f.category == "redirected")
    # old-page → older-name → new-page: the final target is reported.
    assert redirected == [("TOC.yml", "new-page.md", "new-page.md", "info"),
                          ("index.md", "new-page.md", "new-page.md", "info")]
    assert {f.link for f in result.findings if f.category == "media-missing"} == {
        "media/pic.png", "media/html.png", "media/ext.png"}
    assert found(result, "not-localized") == {
        ("index.md", line_of("index.md", "only-in-source.md"), "only-in-source.md")}
    differs = [f for f in result.findings if f.category == "translation-link-differs"]
    assert [(f.line, f.link, f.target, f.where) for f in differs] == [
        (line_of("index.md", "The next [page](other.md)"), "new-page.md", "other.md", "translation")]


def test_code_other_docsets_and_valid_links_are_not_reported(result):
    links = {f.link for f in result.findings}
    assert not links & {"in-code.md", "in-inline-code.md", "/guide/develop/api.md", "/guide/new-page",
                        "new-page.md#explicit-anchor", "new-page.md#double-quoted", "new-page.md#druhý-oddíl",
                        "../index.md#úvod-a-přehled", "~/new-page.md", "page.md"}
    assert result.pages == 8


def test_levels_are_configurable_and_fallbacks_remove_findings():
    result = check_path(DOCS, CheckOptions(
        levels={"broken": "warning", "other-docset": "info", "media-missing": "ignore"},
        media_fallback=str(FIXTURE / "media-fallback")))
    assert {f.category for f in result.findings if f.level == "error"} == {"anchor-missing"}
    assert {f.level for f in result.findings if f.category == "broken"} == {"warning"}
    assert not any(f.category == "media-missing" for f in result.findings)
    assert [f.link for f in result.findings if f.category == "other-docset"] == ["/guide/develop/api.md"]
    # Without a source fallback, the page missing here is simply broken.
    assert any(f.link == "only-in-source.md" and f.category == "broken" for f in result.findings)
    fallback = check_path(DOCS, CheckOptions(media_fallback=str(FIXTURE / "media-fallback")))
    assert {f.link for f in fallback.findings if f.category == "media-missing"} == {"media/html.png", "media/ext.png"}


def test_heading_ids_follow_docfx_github_style():
    assert heading_slug("Přehled: co je nového?") == "přehled-co-je-nového"
    assert heading_slug('<a name="x"></a>**Tučně** a `kód`') == "tučně-a-kód"
    assert heading_slug('<span data-ttu-id="a">Cíl</span><span class="sxs-lookup">'
                        '<span data-stu-id="a">Goal</span></span>') == "cíl"
    page = scan_markdown("# A\n\n# A\n\n## <a name=\"own\"></a>B\n", "p.md")
    assert page.anchors == {"a", "a-1", "own", "b"}


def test_code_is_masked_keeping_offsets():
    text = "a\n```md\n[x](y.md)\n```\n`[z](w.md)` [k](v.md)\n~~~\n[q](r.md)\n"
    masked = mask_code(text)
    assert len(masked) == len(text)
    assert "y.md" not in masked and "w.md" not in masked and "r.md" not in masked and "[k](v.md)" in masked
    refs = scan_markdown(text, "p.md").references
    assert [(r.href, r.line, r.column) for r in refs] == [("v.md", 5, 17)]


def test_indented_code_blocks_are_skipped_but_indented_list_content_is_checked():
    text = ("---\ntitle: T\n---\n# Code\n    [h](after-heading.md)\n\nText:\n\n    [c](in-code.md)\n"
            "    # not a heading\n\n> quote\n>\n>     [q](quoted-code.md)\n\n"
            "1. Step [s](step.md)\n\n    ![obr](list-image.png)\n\n        [n](code-in-list.md)\n\n"
            "Paragraph\n    [lazy](continuation.md)\n\n\t[t](tab-code.md)\n")
    page = scan_markdown(text, "p.md")
    assert [(r.href, r.line) for r in page.references] == [("step.md", 16), ("list-image.png", 18),
                                                            ("continuation.md", 23)]
    assert page.anchors == {"code"}  # `# not a heading` sits in the code block
    # the same check as markdown-it-py's: every destination outside a code block of its parse, none inside
    plain = "Text\n\n    [c](x.md)\n"
    assert scan_markdown(plain, "p.md").references == []
    assert [r.href for r in scan_markdown("- item\n\n    [c](x.md)\n", "p.md").references] == ["x.md"]
    # DocFX columns indent their bodies: content, as the build renders it (core/docfx/markdown/directives.py)
    columns = ":::row:::\n    :::column:::\n\n        [col](in-column.md)\n    :::column-end:::\n:::row-end:::\n"
    assert [r.href for r in scan_markdown(columns, "p.md").references] == ["in-column.md"]


def test_html_anchor_with_empty_href_is_not_a_link_but_an_empty_markdown_link_is_reported(tmp_path):
    (tmp_path / "p.md").write_text('<a href="" id="top"></a>\n[nic]()\n[nahoru](#top)\n', encoding="utf-8")
    result = check_path(tmp_path)
    assert [(f.line, f.category, f.level) for f in result.findings] == [(2, "empty-link", "warning")]


def test_reordered_links_in_a_unit_pair_by_destination_and_tabs_are_not_links(tmp_path):
    lookup = '<span class="sxs-lookup"><span data-stu-id="u-1">{}</span></span>'
    (tmp_path / "a.md").write_text("# A\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# B\n", encoding="utf-8")
    (tmp_path / "p.md").write_text(
        '# [PowerShell](#tab/ps)\n\n<span data-ttu-id="u-1">Nejdřív [b](b.md), pak [a](a.md).</span>'
        + lookup.format("First [a](a.md), then [b](b.md) and [c](missing.md).") + "\n", encoding="utf-8")
    result = check_path(tmp_path)
    assert [(f.category, f.link, f.where) for f in result.findings] == [("broken", "missing.md", "source")]


def test_a_repository_with_several_docsets_resolves_links_between_them(tmp_path):
    (tmp_path / ".openpublishing.publish.config.json").write_text(
        '{"docsets_to_publish": [{"build_source_folder": "guide", "build_output_subfolder": "guide"},'
        ' {"build_source_folder": "shop", "build_output_subfolder": "shop"}]}', encoding="utf-8")
    for name in ("guide", "shop"):
        (tmp_path / name).mkdir()
    (tmp_path / "shop" / "docfx.json").write_text('{"build": {"dest": "store"}}', encoding="utf-8")
    (tmp_path / "shop" / "buy.md").write_text('# Koupit\n<a name="pay"></a>\n', encoding="utf-8")
    (tmp_path / "guide" / "index.md").write_text(
        "[ok](/store/buy) [kotva](/store/buy#pay) [chybí](/store/sell.md) [bez kotvy](/store/buy#nic)\n"
        "[jinde](/azure/x)\n", encoding="utf-8")
    result = check_path(tmp_path)
    assert result.pages == 2
    assert [(f.path, f.category, f.link) for f in result.findings] == [
        ("guide/index.md", "broken", "/store/sell.md"), ("guide/index.md", "anchor-missing", "/store/buy#nic")]
    assert result.findings[0].suggestion is None and "/store/buy" not in {f.link for f in result.findings}


class DictStore:
    """A scan store in memory, counting what it was asked."""

    def __init__(self) -> None:
        self.entries: dict[str, object] = {}
        self.hits = self.misses = 0

    def get(self, key: str) -> object | None:
        found = self.entries.get(key)
        if found is None:
            self.misses += 1
        else:
            self.hits += 1
        return found

    def put(self, key: str, payload: object) -> None:
        self.entries[key] = payload


def test_a_scan_store_gives_the_same_findings_and_rescans_only_edited_pages(tmp_path):
    import json
    import shutil

    docs = tmp_path / "docset"
    shutil.copytree(DOCS, docs)
    store = DictStore()
    plain = check_path(docs)
    first = check_path(docs, scans=store)
    assert store.hits == 0 and store.misses == len(store.entries) > 3
    json.dumps(list(store.entries.values()))  # plain data: it goes into the on-disk build cache
    second = check_path(docs, scans=store)
    assert store.misses == len(store.entries) and store.hits == len(store.entries)
    assert plain.findings == first.findings == second.findings
    page = next(path for path in sorted(docs.rglob("*.md")) if "](" in path.read_text(encoding="utf-8"))
    page.write_text(page.read_text(encoding="utf-8") + "\n[nowhere](missing-page.md)\n", encoding="utf-8")
    misses = store.misses
    third = check_path(docs, scans=store)
    assert store.misses == misses + 2  # that page's scan, and the suggestion for its new missing link
    assert third.findings == check_path(docs).findings != plain.findings


def test_a_scan_store_keeps_the_suggestions_for_missing_pages(tmp_path, monkeypatch):
    """"Did you mean" is a function of the page list and the missing name: a second run with the store finds
    none again and reports the same; a stored answer that is not a page of the docset is not used; a new page
    asks again."""
    import shutil

    from mkdocs_sxs.core.linkcheck.checker import LinkChecker

    docs = tmp_path / "docset"
    shutil.copytree(DOCS, docs)
    store = DictStore()
    first = check_path(docs, scans=store)
    assert any(f.suggestion for f in first.findings)
    asked: list[str] = []
    nearest = LinkChecker._nearest_page

    def counted(self, ctx, wanted):
        asked.append(wanted)
        return nearest(self, ctx, wanted)

    monkeypatch.setattr(LinkChecker, "_nearest_page", counted)
    assert check_path(docs, scans=store).findings == first.findings == check_path(docs).findings
    assert len(asked) == len(set(asked)) > 0  # the run without the store asked; the run with it did not
    asked.clear()
    stored = [entry for entry in store.entries.values() if isinstance(entry, dict) and entry.get("page")]
    for entry in stored:
        entry["page"] = "../../etc/passwd"  # forged: not a page of the docset
    assert check_path(docs, scans=store).findings == first.findings
    assert len(asked) == len(stored)
    asked.clear()
    (docs / "brand-new.md").write_text("# Nová\n", encoding="utf-8")
    assert check_path(docs, scans=store).findings == check_path(docs).findings
    assert asked


def test_a_lean_check_reads_anchors_early_and_finds_the_same(result):
    lean = check_path(DOCS, CheckOptions(source_fallback=str(FIXTURE / "source")), lean=True)
    assert lean.findings == result.findings
    assert any(f.category == "anchor-missing" for f in lean.findings)  # cross-page anchors were needed
