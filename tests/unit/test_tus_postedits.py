"""Post-edits: matching, stale detection, untrusted text, and `apply` writing only target spans."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import polib
import pytest
from conftest import FIXTURES
from mkdocs_sxs.cli import main
from mkdocs_sxs.core.reader.parser import parse_file
from mkdocs_sxs.core.translation.apply import apply_catalog
from mkdocs_sxs.core.translation.catalog import iter_units
from mkdocs_sxs.core.translation.formats import read_catalog, write_catalog
from mkdocs_sxs.core.translation.postedits import load_translations, page_post_edits, safe_markup

DOCS = FIXTURES / "tus" / "docs"


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    target = tmp_path / "docs"
    shutil.copytree(DOCS, target)
    return target


def extract_po(docs: Path, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    assert main(["extract", str(docs), "--format", "po", "--output", str(folder)]) == 0


def edit(po_path: Path, key: str, msgstr: str | None = None, msgid: str | None = None) -> None:
    catalog = polib.pofile(str(po_path))
    entry = next(entry for entry in catalog if entry.msgctxt == key)
    if msgstr is not None:
        entry.msgstr = msgstr
    if msgid is not None:
        entry.msgid = msgid
    catalog.save()


def test_safe_markup_escapes_html_and_refuses_scripts():
    assert safe_markup("**a** <b onclick=x>b</b> & <https://x.example>")[0] == \
        "**a** &lt;b onclick=x&gt;b&lt;/b&gt; & <https://x.example>"
    markup, why = safe_markup("[x](javascript:alert(1))", "t.po: entry 3")
    assert markup is None and why.startswith("t.po: entry 3:")
    assert safe_markup("one\n\ntwo")[0] is None


def test_unchanged_catalog_gives_no_overrides_and_edits_are_matched(docs: Path, tmp_path: Path):
    translations = tmp_path / "translations"
    extract_po(docs, translations)
    page = parse_file(str(docs / "page.md"), "page.md")
    entries, problems = load_translations(translations)
    assert problems == []
    assert page_post_edits(page, entries["page.md"], "cs-CZ").overrides == {}
    po = translations / "cs-CZ" / "page.po"
    edit(po, "page.md#aa-103", msgstr="Spusťte <i>`mkdocs build`</i>.")
    edit(po, "page.md#aa-105", msgstr="Opraveno", msgid="Item changed in English")
    entries, _ = load_translations(translations)
    result = page_post_edits(page, entries["page.md"], "cs-CZ")
    assert result.overrides == {"aa-103": "Spusťte &lt;i&gt;`mkdocs build`&lt;/i&gt;."}
    [stale] = result.stale
    assert stale.entry.id == "aa-105" and stale.current_source == 'Item with "quotes" & ampersand'
    assert "Item changed in English" in stale.message() and "translations/cs-CZ/page.po" in stale.message()
    # another locale's catalog does not apply
    assert page_post_edits(page, entries["page.md"], "de-DE").overrides == {}


def test_unreadable_catalog_is_reported_not_fatal(tmp_path: Path):
    (tmp_path / "t" / "cs-CZ").mkdir(parents=True)
    (tmp_path / "t" / "cs-CZ" / "x.jsonl").write_text("not json\n")
    entries, problems = load_translations(tmp_path / "t")
    assert entries == {} and "t/cs-CZ/x.jsonl:1" in problems[0].message
    assert load_translations(tmp_path / "missing") == ({}, [])


def test_apply_replaces_only_target_spans_and_keeps_every_other_byte(docs: Path, tmp_path: Path):
    translations = tmp_path / "translations"
    extract_po(docs, translations)
    before = {name: (docs / name).read_bytes() for name in ("page.md", "sub/crlf-bom.md")}
    edit(translations / "cs-CZ" / "sub" / "crlf-bom.po", "sub/crlf-bom.md#bb-101", msgstr="Řádek **upraven**")
    edit(translations / "cs-CZ" / "page.po", "page.md#aa-107", msgstr="Políčko")
    assert main(["apply", str(translations), "--docs", str(docs)]) == 0
    after = (docs / "sub" / "crlf-bom.md").read_bytes()
    old, new = "Řádek s mezerami na konci".encode(), "Řádek **upraven**".encode()
    assert after == before["sub/crlf-bom.md"].replace(old, new)
    assert after.startswith(b"\xef\xbb\xbf") and b"</span></span>   \r\n" in after and b"\t \r\n" in after
    assert (docs / "page.md").read_bytes() == before["page.md"].replace("Buňka".encode(), "Políčko".encode())
    # idempotent: a second run changes nothing and succeeds
    snapshot = {name: (docs / name).read_bytes() for name in before}
    assert main(["apply", str(translations), "--docs", str(docs)]) == 0
    assert {name: (docs / name).read_bytes() for name in before} == snapshot
    assert not [name for name in os.listdir(docs) if name.endswith(".tmp")]


def test_apply_refuses_a_page_changed_since_extraction_unless_forced(docs: Path, tmp_path: Path):
    catalog = tmp_path / "page.jsonl"
    units = [unit for unit in iter_units(docs) if unit.page == "page.md"]
    units[0].target = "Úvodem"
    catalog.write_bytes(write_catalog(units, "jsonl"))
    page = docs / "page.md"
    page.write_bytes(page.read_bytes() + b"\nA new line.\n")
    changed = page.read_bytes()
    [result] = apply_catalog(read_catalog(catalog), docs)
    assert result.changed_since_extract and result.refused == ["aa-101"] and not result.written
    assert page.read_bytes() == changed
    assert main(["apply", str(catalog), "--docs", str(docs)]) == 1
    [result] = apply_catalog(read_catalog(catalog), docs, force=True)
    assert result.applied == ["aa-101"] and result.written
    assert page.read_bytes() == changed.replace("Úvod</span>".encode(), "Úvodem</span>".encode())


def test_apply_never_writes_stale_edits(docs: Path, tmp_path: Path):
    units = [unit for unit in iter_units(docs) if unit.page == "page.md"]
    units[1].target, units[1].source = "Nový", "Old English"
    catalog = tmp_path / "c.po"
    catalog.write_bytes(write_catalog(units, "po"))
    before = (docs / "page.md").read_bytes()
    [result] = apply_catalog(read_catalog(catalog), docs, force=True)
    assert result.stale == ["aa-102"] and (docs / "page.md").read_bytes() == before


def test_re_extract_keeps_post_edits_and_guards_stale_ones(docs: Path, tmp_path: Path):
    translations = tmp_path / "translations"
    extract_po(docs, translations)
    po_path = translations / "cs-CZ" / "page.po"
    edit(po_path, "page.md#aa-106", msgstr="Sloupeček")
    extract_po(docs, translations)  # re-extraction over the edited catalog carries the edit
    entries = {entry.msgctxt: entry for entry in polib.pofile(str(po_path))}
    assert entries["page.md#aa-106"].msgstr == "Sloupeček"
    assert load_translations(translations)[0]["page.md"] and \
        page_post_edits(parse_file(str(docs / "page.md"), "page.md"),
                        load_translations(translations)[0]["page.md"]).overrides == {"aa-106": "Sloupeček"}
    # the English changes under the edit: re-extraction refuses to drop it without --force
    page = docs / "page.md"
    page.write_text(page.read_text(encoding="utf-8").replace(">Column<", ">Heading<"), encoding="utf-8")
    before = po_path.read_bytes()
    assert main(["extract", str(docs), "--format", "po", "--output", str(translations)]) == 1
    assert po_path.read_bytes() == before
    assert main(["extract", str(docs), "--format", "po", "--output", str(translations), "--force"]) == 0
    entries = {entry.msgctxt: entry for entry in polib.pofile(str(po_path))}
    assert (entries["page.md#aa-106"].msgid, entries["page.md#aa-106"].msgstr) == ("Heading", "Sloupec")
