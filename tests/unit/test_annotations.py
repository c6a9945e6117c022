"""Recognizing "Applies to" / "Appropriate roles" in small pages in several languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs_sxs.core.annotations.find import (
    SHAPE_LINE,
    SHAPE_LIST,
    annotations_of_text,
    clean_value,
    find_annotations,
    page_lead,
    split_values,
)
from mkdocs_sxs.core.reader.parser import parse_file, parse_sxs

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "annotations"


def load(name: str):
    return find_annotations(parse_file(str(PAGES / name), name))


def pairs(annotation):
    return [(value.name, value.localized) for value in annotation.values]


def test_czech_one_line_shape_both_annotations():
    page = load("cs-line.md")
    assert page.title == "Komunikace se zákazníkem"
    assert page.applies_to.shape == SHAPE_LINE
    assert page.applies_to.label == "Platí pro"
    assert pairs(page.applies_to) == [
        ("Partner Center", "Partnerské centrum"),
        ("Partner Center for Microsoft Cloud for US Government",
         "Partnerské centrum pro Microsoft Cloud for US Government"),
    ]
    # `**Odpovídající role:**` (colon inside the bold) vs `**Appropriate roles**:` in English
    assert page.roles.label == "Odpovídající role"
    assert pairs(page.roles) == [("Helpdesk agent", "Agent helpdesku")]
    assert page.roles.unit_ids == ["a-3"] and page.roles.lines == [9]
    assert page.unit_ids == ["a-2", "a-3"]


def test_german_label_followed_by_lists():
    page = load("de-list.md")
    assert page.applies_to.shape == SHAPE_LIST
    assert page.applies_to.label == "Gilt für"
    assert pairs(page.applies_to) == [
        ("Partner Center", "Partner Center"),
        ("Partner Center for Microsoft Cloud Germany", "Partner Center für Microsoft Cloud Deutschland"),
    ]
    # `**Appropriate roles**:` with nothing after the colon is the list shape too
    assert page.roles.shape == SHAPE_LIST
    assert pairs(page.roles) == [("Global admin", "Globaler Administrator"), ("Admin agent", "Administrator-Agent")]
    assert page.roles.unit_ids == ["b-5", "b-6", "b-7"]
    assert page.roles.lines == [12, 13, 14]
    # the later list after an ordinary paragraph is not part of the annotation
    assert "b-9" not in page.unit_ids


def test_polish_stray_spacing_and_punctuation_and_only_the_lead():
    page = load("pl-spacing.md")
    assert page.roles.label == "Odpowiednie role"
    assert pairs(page.roles) == [
        ("Global admin", "Administrator globalny"),
        ("Admin agent", "Agent administracyjny"),
        ("Sales agent", "Agent sprzedaży"),
    ]
    assert page.applies_to is None
    # the roles line under a `##` heading belongs to that task, not to the page
    assert "c-4" not in page.unit_ids


def test_russian_line_and_list_shapes_mixed():
    page = load("ru-list.md")
    assert page.applies_to.label == "Область применения"
    assert pairs(page.applies_to)[1] == (
        "Partner Center for Microsoft Cloud for US Government",
        "Партнерский центр для Microsoft Cloud для государственных организаций США",
    )
    assert page.roles.label == "Соответствующие роли"
    assert pairs(page.roles) == [
        ("Global admin", "Глобальный администратор"),
        ("Helpdesk agent", "Агент службы поддержки"),
    ]


def test_page_without_annotations_has_none():
    page = load("cs-missing.md")
    # "applies to" inside a sentence and a table header cell are not annotations
    assert page.applies_to is None and page.roles is None
    assert not page and page.unit_ids == []


def test_count_mismatch_keeps_english_names_and_markup_is_cleaned():
    page = load("cs-odd.md")
    assert page.roles.count_mismatch
    assert (page.roles.source_count, page.roles.target_count) == (2, 1)
    # the translation cannot be paired by position: the English names stand
    assert pairs(page.roles) == [("Global Admin", "Global Admin"), ("Admin agent", "Admin agent")]
    assert pairs(page.applies_to) == [
        ("Partner Center & Azure", "Partnerské centrum & Azure"),
        ("Dynamics", "Dynamics"),
    ]


def test_post_edited_target_gives_the_localized_names():
    page = parse_file(str(PAGES / "cs-line.md"), "cs-line.md")
    edited = find_annotations(page, {"a-3": "**Odpovídající role:** Agent podpory"})
    assert pairs(edited.roles) == [("Helpdesk agent", "Agent podpory")]


def test_lead_only_parse_gives_the_same_result():
    text = (PAGES / "pl-spacing.md").read_text(encoding="utf-8")
    assert annotations_of_text(text, "pl-spacing.md") == find_annotations(parse_sxs(text, "pl-spacing.md"))


def test_quick_prepass_skips_only_pages_without_a_label():
    for path in PAGES.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        full, quick = annotations_of_text(text, path.name), annotations_of_text(text, path.name, skip_unlabelled=True)
        assert (quick.applies_to, quick.roles) == (full.applies_to, full.roles)
    assert annotations_of_text("# Title\n\nNo labels here.\n", "x.md", skip_unlabelled=True).title is None


def test_label_without_bold_and_unknown_label():
    body = (
        '<span data-ttu-id="x-1">Platí pro: Partnerské centrum</span><span class="sxs-lookup">'
        '<span data-stu-id="x-1">Applies to: Partner Center</span></span>\n\n'
        '<span data-ttu-id="x-2">**Poznámka**: nic</span><span class="sxs-lookup">'
        '<span data-stu-id="x-2">**Note**: nothing</span></span>\n'
    )
    page = find_annotations(parse_sxs(body, "p.md", body_only=True))
    assert pairs(page.applies_to) == [("Partner Center", "Partnerské centrum")]
    assert page.roles is None


def test_a_unit_without_english_original_is_not_read_as_annotation():
    body = '<span data-ttu-id="x-1">**Odpovídající role**: Globální správce</span>\n'
    page = find_annotations(parse_sxs(body, "p.md", body_only=True))
    assert not page


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Global\u202fadmin. ", "Global admin"),
        ("**Global admin**", "Global admin"),
        ("Partner &amp; Co", "Partner & Co"),
        ("<b>CSP</b>;", "CSP"),
    ],
)
def test_clean_value(raw, expected):
    assert clean_value(raw) == expected


def test_split_values_drops_empty_values():
    assert split_values(" a |  | b ｜ c ") == ["a", "b", "c"]


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("bom", [False, True])
def test_the_lead_read_once_is_what_mkdocs_reads(tmp_path: Path, ending: str, bom: bool):
    """The plugin reads each page once before the build (`check_pages_readable`) and hands the annotation pass
    its lead: that lead must be what MkDocs' own read of the file (`File.content_string`) would give."""
    from mkdocs.structure.files import File
    from mkdocs_sxs.core.files.docfile import decode
    from mkdocs_sxs.mkdocs.annotations import page_lead_of

    text = ((PAGES / "cs-line.md").read_text(encoding="utf-8")  # the lead ends before the second heading
            + '\n## <span data-ttu-id="a-9">Další</span><span class="sxs-lookup"><span data-stu-id="a-9">More'
            '</span></span>\n\nText.\n').replace("\n", ending)
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_bytes(data)
    as_mkdocs_reads = File("page.md", str(docs), str(tmp_path / "site"), True).content_string
    lead = page_lead_of(decode(data, "page.md").text)
    assert lead is not None and lead == page_lead(as_mkdocs_reads) and "Další" not in lead
    assert annotations_of_text(lead, "page.md") == annotations_of_text(as_mkdocs_reads, "page.md")
    assert annotations_of_text(lead, "page.md").title == "Komunikace se zákazníkem"
    assert page_lead_of("# A page without units\n") is None


def test_the_annotation_pass_of_a_build_reads_no_page_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """In a build, the annotation pass takes each page's lead from the readable check: no page is read twice
    before the page phase, and the annotations are those of a read of the file."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.structure.files import File
    from mkdocs_sxs.mkdocs.annotations import AnnotationSite

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_bytes((PAGES / "cs-line.md").read_bytes().replace(b"\n", b"\r\n"))
    (docs / "plain.md").write_text("# Bez jednotek\n\nText.\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: t\ndocs_dir: {docs}\nsite_dir: {tmp_path / 'site'}\nplugins:\n  - sxs\n",
                      encoding="utf-8")
    reads: list[str] = []
    in_pass: list[bool] = []
    original_files, original_read = AnnotationSite.on_files, File.content_string.fget

    def on_files(self, files, config, leads=None):
        in_pass.append(True)
        try:
            return original_files(self, files, config, leads)
        finally:
            in_pass.pop()

    def content_string(self):
        if in_pass:
            reads.append(self.src_uri)
        return original_read(self)

    monkeypatch.setattr(AnnotationSite, "on_files", on_files)
    monkeypatch.setattr(File, "content_string", property(content_string, File.content_string.fset))
    loaded = load_config(str(config))
    build(loaded)
    assert reads == []
    site = loaded.plugins["sxs"].annotations
    assert site.pages["index.md"] == annotations_of_text((docs / "index.md").read_text(encoding="utf-8-sig"),
                                                         "index.md", skip_unlabelled=True)
    assert site.pages["index.md"].title == "Komunikace se zákazníkem"



@pytest.mark.parametrize("data", [b"# A\nb\n", b"# A\r\nb\r\n", b"# A\rb\r", b"\xef\xbb\xbf# A\r\nb\rc\n",
                                  "# Čeština\r\n\r\n".encode() * 100, b"", b"bad \xff byte"])
def test_the_plugin_reads_a_page_as_mkdocs_does(tmp_path: Path, data: bytes):
    """`_page_text` (the whole file, for line numbers and post-edits) reads in binary: the same text as
    `File.content_string`, and None where MkDocs' read raises."""
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page
    from mkdocs_sxs.mkdocs.plugin import _page_text

    (tmp_path / "page.md").write_bytes(data)
    file = File("page.md", str(tmp_path), str(tmp_path / "site"), use_directory_urls=True)
    page = Page(None, file, {})  # type: ignore[arg-type]
    try:
        expected = file.content_string
    except ValueError:
        expected = None
    assert _page_text(page) == expected
    file.content_string = "# Vygenerováno\n"  # generated: read from memory
    assert _page_text(page) == "# Vygenerováno\n"


_LEAD_PIECES = ["#", "##", "###", "######", "#######", " ", "   ", "    ", "\t", "\n", "\r\n", "x", "Čá", "## H"]


@given(st.lists(st.sampled_from(_LEAD_PIECES), max_size=16))
@settings(max_examples=3000, deadline=None)
def test_the_page_lead_ends_where_the_lead_end_expression_first_matches(pieces: list[str]):
    """`page_lead` looks at each `##` only; it cuts exactly where `_LEAD_END` (the specification) first matches."""
    from mkdocs_sxs.core.annotations.find import _LEAD_END, page_lead

    text = "".join(pieces)
    match = _LEAD_END.search(text)
    assert page_lead(text) == (text[: match.start()] if match else text)
