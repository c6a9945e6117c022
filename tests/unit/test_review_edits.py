"""Review mode's saves (core/translation/review_edits.py): catalogs, conflicts, stale units, undo, refusals."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mkdocs_sxs.cli import main
from mkdocs_sxs.core.reader.parser import parse_sxs
from mkdocs_sxs.core.translation.formats import read_catalog
from mkdocs_sxs.core.translation.postedits import load_translations, page_post_edits
from mkdocs_sxs.core.translation.review_edits import ReviewEdits, ReviewError
from review_fixture import PAGE, write_project

KEY = f"{PAGE}#r1-102"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_project(tmp_path)
    return tmp_path


@pytest.fixture
def edits(project: Path) -> ReviewEdits:
    return ReviewEdits(project / "docs", project / "translations")


def unit(edits: ReviewEdits, key: str = KEY):
    return next(item for item in edits.page_state(PAGE).units if item.key == key)


def build_overrides(project: Path) -> dict[str, str]:
    """What the build would show: the catalogs read the way the plugin reads them."""
    entries, problems = load_translations(project / "translations")
    assert not problems
    page = parse_sxs((project / "docs" / PAGE).read_text(encoding="utf-8"), PAGE)
    return page_post_edits(page, entries.get(PAGE, []), "cs-CZ").overrides


def test_state_has_sources_machine_findings_and_counts(edits: ReviewEdits):
    state = edits.page_state(PAGE)
    assert [item.id for item in state.units] == [f"r1-{n}" for n in range(101, 107)]
    assert state.catalog == "cs-CZ/guide.po"
    first = state.units[1]
    assert (first.source, first.machine, first.post_edit, first.reviewed) == (
        "The first sentence.", "První věta.", None, False)
    checks = {item.id: {finding["check"] for finding in item.findings} for item in state.units}
    assert "untranslated" in checks["r1-104"]
    assert "numbers" in checks["r1-105"]
    assert checks["r1-102"] == set()
    assert state.counts() == {"reviewed": 0, "edited": 0, "total": 6}


def test_save_writes_the_catalog_the_build_and_qa_read(project: Path, edits: ReviewEdits):
    before = unit(edits)
    state = edits.save(PAGE, KEY, before.revision, "První **opravená** věta.")
    assert state.post_edit == "První **opravená** věta." and state.reviewed
    catalog = project / "translations" / "cs-CZ" / "guide.po"
    entries = {entry.key: entry for entry in read_catalog(catalog)}
    assert entries[KEY].target == "První **opravená** věta."
    assert entries[KEY].page_hash and entries[KEY].target_hash  # the sxs: hashes
    assert len(entries) == 6  # a new catalog holds every unit of the page
    assert build_overrides(project) == {"r1-102": "První **opravená** věta."}
    assert edits.page_state(PAGE).counts() == {"reviewed": 1, "edited": 1, "total": 6}
    assert main(["qa", str(project / "docs"), "--translations", str(project / "translations"),
                 "--format", "json", "--output", str(project / "qa.json")]) in (0, 1)


def test_keep_machine_marks_reviewed_without_a_post_edit(project: Path, edits: ReviewEdits):
    state = edits.save(PAGE, KEY, unit(edits).revision, None, keep_machine=True)
    assert state.reviewed and state.post_edit is None
    assert build_overrides(project) == {}
    again = ReviewEdits(project / "docs", project / "translations")  # persisted in the catalog
    assert unit(again).reviewed
    assert again.page_state(PAGE).counts() == {"reviewed": 1, "edited": 0, "total": 6}


def test_second_save_from_an_old_revision_is_a_conflict(edits: ReviewEdits):
    base = unit(edits).revision
    edits.save(PAGE, KEY, base, "Z první záložky.")
    with pytest.raises(ReviewError) as raised:
        edits.save(PAGE, KEY, base, "Z druhé záložky.")
    assert raised.value.kind == "conflict"
    assert raised.value.unit["post_edit"] == "Z první záložky."
    assert unit(edits).post_edit == "Z první záložky."
    # saving again from the revision the conflict reported is deliberate: it replaces
    edits.save(PAGE, KEY, raised.value.unit["revision"], "Z druhé záložky.")
    assert unit(edits).post_edit == "Z druhé záložky."


def test_undo_restores_the_previous_entry_and_refuses_after_a_newer_save(edits: ReviewEdits):
    edits.save(PAGE, KEY, unit(edits).revision, "Jedna.")
    edits.save(PAGE, KEY, unit(edits).revision, "Dvě.")
    page, state = edits.undo()
    assert page == PAGE and state.post_edit == "Jedna." and unit(edits).post_edit == "Jedna."
    page, state = edits.undo()
    assert state.post_edit is None and not unit(edits).reviewed
    with pytest.raises(ReviewError):
        edits.undo()
    edits.save(PAGE, KEY, unit(edits).revision, "Tři.")
    other = ReviewEdits(edits.docs, edits.translations)  # another tab's session saves over it
    other.save(PAGE, KEY, unit(other).revision, "Čtyři.")
    with pytest.raises(ReviewError) as raised:
        edits.undo()
    assert raised.value.kind == "conflict"
    assert unit(edits).post_edit == "Čtyři."


def test_stale_unit_shows_both_texts_and_needs_confirmation(project: Path, edits: ReviewEdits):
    edits.save(PAGE, KEY, unit(edits).revision, "Upravená věta.")
    page = project / "docs" / PAGE
    page.write_text(page.read_text(encoding="utf-8").replace("The first sentence.", "The first sentence, changed."),
                    encoding="utf-8")
    stale = unit(edits)
    assert stale.stale_source == "The first sentence."
    assert stale.source == "The first sentence, changed."
    assert build_overrides(project) == {}  # the build does not apply a stale edit
    with pytest.raises(ReviewError) as raised:
        edits.save(PAGE, KEY, stale.revision, "Nová věta.")
    assert raised.value.kind == "stale"
    assert unit(edits).post_edit == "Upravená věta."  # nothing overwritten
    edits.save(PAGE, KEY, stale.revision, "Nová věta.", confirm_source="The first sentence, changed.")
    fresh = unit(edits)
    assert fresh.stale_source is None and fresh.post_edit == "Nová věta."
    assert build_overrides(project) == {"r1-102": "Nová věta."}


@pytest.mark.parametrize("text", ["a\n\nb", "[x](javascript:alert(1))", "   ", "x" * 20_001])
def test_unsafe_or_empty_post_edits_are_refused(edits: ReviewEdits, text: str):
    with pytest.raises(ReviewError) as raised:
        edits.save(PAGE, KEY, unit(edits).revision, text)
    assert raised.value.kind == "refused"
    assert not (edits.translations / "cs-CZ" / "guide.po").exists()


def test_raw_html_stays_text_in_the_build(project: Path, edits: ReviewEdits):
    edits.save(PAGE, KEY, unit(edits).revision, "Věta <script>alert(1)</script>.")
    assert build_overrides(project) == {"r1-102": "Věta &lt;script&gt;alert(1)&lt;/script&gt;."}


def test_pages_outside_the_docset_and_catalogs_outside_translations_are_refused(project: Path, tmp_path: Path):
    edits = ReviewEdits(project / "docs", project / "translations")
    (project / "secret.md").write_text("# x\n", encoding="utf-8")
    for page in ("../secret.md", "/etc/passwd", "guide.txt"):
        with pytest.raises(ReviewError) as raised:
            edits.save(page, f"{page}#r1-102", "none", "x")
        assert raised.value.kind == "unknown"
    # a locale folder that is a symlink out of the translations folder
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (project / "translations").mkdir()
    os.symlink(outside, project / "translations" / "cs-CZ")
    with pytest.raises(ReviewError) as raised:
        edits.save(PAGE, KEY, "none", "Věta.")
    assert raised.value.kind == "outside"
    assert list(outside.iterdir()) == []


def test_an_existing_po_keeps_its_header_comments_and_other_entries(project: Path, edits: ReviewEdits):
    assert main(["extract", str(project / "docs"), "--format", "po", "--output",
                 str(project / "translations") + "/"]) == 0
    catalog = project / "translations" / "cs-CZ" / "guide.po"
    text = catalog.read_text(encoding="utf-8").replace('msgctxt "guide.md#r1-103"',
                                                       '# a translator\'s comment\nmsgctxt "guide.md#r1-103"')
    catalog.write_text(text, encoding="utf-8")
    edits.save(PAGE, KEY, unit(edits).revision, "Jiná věta.")
    after = catalog.read_text(encoding="utf-8")
    assert "# a translator's comment" in after
    assert 'msgstr "Jiná věta."' in after
    changed = [line for line in after.splitlines() if line not in text.splitlines()]
    assert changed == ["#. sxs: reviewed", 'msgstr "Jiná věta."']


@pytest.mark.parametrize("suffix", [".xlf", ".jsonl", ".tmx"])
def test_an_existing_catalog_of_another_format_is_saved_in_its_format(project: Path, edits: ReviewEdits,
                                                                       suffix: str):
    fmt = {".xlf": "xliff", ".jsonl": "jsonl", ".tmx": "tmx"}[suffix]
    assert main(["extract", str(project / "docs"), "--format", fmt, "--output",
                 str(project / "translations") + "/"]) == 0
    assert edits.page_state(PAGE).catalog == f"cs-CZ/guide{suffix}"
    edits.save(PAGE, KEY, unit(edits).revision, None, keep_machine=True)
    edits.save(PAGE, f"{PAGE}#r1-103", unit(edits, f"{PAGE}#r1-103").revision, "Druhá, opravená.")
    assert not (project / "translations" / "cs-CZ" / "guide.po").exists()
    again = ReviewEdits(project / "docs", project / "translations")
    assert unit(again).reviewed and unit(again).post_edit is None
    assert unit(again, f"{PAGE}#r1-103").post_edit == "Druhá, opravená."
    assert build_overrides(project) == {"r1-103": "Druhá, opravená."}
