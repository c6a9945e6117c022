from mkdocs_sxs.core.docfx.docset import (
    KIND_ANCHOR,
    KIND_EXTERNAL,
    KIND_OTHER_DOCSET,
    KIND_OUTSIDE,
    Docset,
    resolve_link,
)

FILES = ["index.md", "a/page.md", "a/Other-Page.md", "a/media/pic.png", "b/index.yml", "faq.yml"]


def docset():
    return Docset.from_files("/nowhere", FILES, ["/partner-center"])


def test_relative_page_with_anchor_and_query():
    target = resolve_link(docset(), "a/page.md", "../index.md?toc=/x/toc.json#intro")
    assert (target.kind, target.path, target.anchor, target.query, target.exists) == (
        "page", "index.md", "intro", "toc=/x/toc.json", True)


def test_case_mismatch_reports_the_spelling_on_disk():
    target = resolve_link(docset(), "a/page.md", "other-page.md")
    assert target.exists and target.case_mismatch and target.path == "a/Other-Page.md"


def test_tilde_backslash_extensionless_and_folder_links():
    ds = docset()
    assert resolve_link(ds, "a/page.md", "~/faq.yml").path == "faq.yml"
    assert resolve_link(ds, "a/page.md", "..\\index.md").path == "index.md"
    extensionless = resolve_link(ds, "index.md", "a/page")
    assert extensionless.path == "a/page.md" and "extensionless" in extensionless.notes
    assert resolve_link(ds, "index.md", "b/").path == "b/index.yml"


def test_docset_absolute_other_docset_external_outside_and_same_page():
    ds = docset()
    assert resolve_link(ds, "index.md", "/partner-center/a/page").path == "a/page.md"
    other = resolve_link(ds, "index.md", "/azure/storage/")
    assert other.kind == KIND_OTHER_DOCSET and other.url_path == "/azure/storage/"
    assert resolve_link(ds, "index.md", "https://example.com/x.md").kind == KIND_EXTERNAL
    assert resolve_link(ds, "index.md", "../elsewhere.md").kind == KIND_OUTSIDE
    same = resolve_link(ds, "a/page.md", "#top")
    assert same.kind == KIND_ANCHOR and same.path == "a/page.md" and same.anchor == "top"


def test_missing_page_keeps_the_wanted_path():
    target = resolve_link(docset(), "a/page.md", "missing.md#x")
    assert target.exists is False and target.wanted == "a/missing.md" and target.path is None
