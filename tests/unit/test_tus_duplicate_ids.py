"""Duplicate TU ids on a page: distinguishable catalog entries; a post-edit of such an id is never applied
(build, qa, apply alike) and the warning names every occurrence."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import polib
import pytest
from lxml import etree
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs_sxs.cli import main
from mkdocs_sxs.core.reader.parser import parse_file
from mkdocs_sxs.core.translation.apply import apply_catalog
from mkdocs_sxs.core.translation.catalog import iter_units, make_key, split_occurrence
from mkdocs_sxs.core.translation.formats import FORMATS, read_catalog, write_catalog
from mkdocs_sxs.core.translation.postedits import load_translations, page_post_edits
from mkdocs_sxs.mkdocs.log import LOGGER_NAME as PLUGIN_LOGGER  # the engine's plugin logger


def tu(uid: str, target: str, source: str) -> str:
    return (f'<span data-ttu-id="{uid}">{target}</span>'
            f'<span class="sxs-lookup"><span data-stu-id="{uid}">{source}</span></span>')


# Lines: a-1 at 6 and 8 (different sentences), a-2 at 10 and 12 (the same sentence twice), b-1 unique at 14.
PAGE = ("---\nms.contentlocale: cs-CZ\n---\n# Nadpis\n\n"
        + "\n\n".join([tu("a-1", "Ahoj.", "Hello."), tu("a-1", "Sbohem.", "Bye."), tu("a-2", "Ano.", "Yes."),
                       tu("a-2", "Ano.", "Yes."), tu("b-1", "Konec.", "The end.")]) + "\n")


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "p.md").write_text(PAGE, encoding="utf-8")
    return folder


def extract(docs: Path, folder: Path) -> Path:
    assert main(["extract", str(docs), "--format", "po", "--output", f"{folder}/"]) == 0
    return folder / "cs-CZ" / "p.po"


def edit(po_path: Path, key: str, msgstr: str) -> None:
    catalog = polib.pofile(str(po_path))
    next(entry for entry in catalog if entry.msgctxt == key).msgstr = msgstr
    catalog.save()


def test_extract_gives_every_duplicate_its_own_key_in_every_format(docs: Path):
    units = list(iter_units(docs))
    assert [unit.key for unit in units] == ["p.md#a-1", "p.md#a-1~2", "p.md#a-2", "p.md#a-2~2", "p.md#b-1"]
    assert [unit.id for unit in units] == ["a-1", "a-1", "a-2", "a-2", "b-1"]
    assert split_occurrence("a-1~2") == ("a-1", 2) and split_occurrence("a~1") == ("a~1", 1)
    assert make_key("p.md", "a", 3) == "p.md#a~3"
    for fmt in FORMATS:
        path = docs.parent / f"c.{ {'xliff': 'xlf', 'xliff12': '12.xlf'}.get(fmt, fmt)}"
        path.write_bytes(write_catalog(units, fmt))
        back = read_catalog(path)
        assert [(u.key, u.id, u.occurrence, u.source, u.line) for u in back] == \
            [(u.key, u.id, u.occurrence, u.source, u.line) for u in units], fmt
    po = polib.pofile(str(docs.parent / "c.po"))
    assert len({(entry.msgctxt, entry.msgid) for entry in po}) == len(po) == 5  # a valid PO: no duplicate message
    names = etree.parse(str(docs.parent / "c.xlf")).getroot().xpath("//*[local-name()='unit']/@name")
    assert len(set(names)) == 5
    records = [json.loads(line) for line in (docs.parent / "c.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [record.get("occurrence", 1) for record in records] == [1, 2, 1, 2, 1]
    assert [record["id"] for record in records] == ["a-1", "a-1", "a-2", "a-2", "b-1"]
    # the streamed JSONL of `extract` (lean path) says the same
    assert main(["extract", str(docs), "--format", "jsonl", "--output", str(docs.parent / "s.jsonl")]) == 0
    assert (docs.parent / "s.jsonl").read_bytes() == (docs.parent / "c.jsonl").read_bytes()


def test_post_edit_of_a_duplicate_id_is_not_applied_and_names_every_occurrence(docs: Path, tmp_path: Path):
    po = extract(docs, tmp_path / "translations")
    page = parse_file(str(docs / "p.md"), "p.md")
    entries, _ = load_translations(tmp_path / "translations")
    unchanged = page_post_edits(page, entries["p.md"], "cs-CZ")
    assert unchanged.overrides == {} and unchanged.problems == []  # untouched entries: no noise
    edit(po, "p.md#a-1~2", "Na shledanou.")
    edit(po, "p.md#a-2", "Jo.")
    edit(po, "p.md#b-1", "Hotovo.")
    entries, _ = load_translations(tmp_path / "translations")
    result = page_post_edits(page, entries["p.md"], "cs-CZ")
    assert result.overrides == {"b-1": "Hotovo."}
    assert [(problem.code, problem.line) for problem in result.problems] == \
        [("post-edit-duplicate-id", 8), ("post-edit-duplicate-id", 10)]
    assert "p.md:6, p.md:8" in result.problems[0].message and "translations/cs-CZ/p.po" in result.problems[0].message
    assert "p.md:10, p.md:12" in result.problems[1].message


def test_an_id_spelled_like_an_occurrence_still_matches(tmp_path: Path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "q.md").write_text("# Q\n\n" + tu("x~2", "Ahoj.", "Hello.") + "\n", encoding="utf-8")
    [unit] = list(iter_units(docs))
    unit.target = "Nazdar."
    catalog = tmp_path / "q.po"
    catalog.write_bytes(write_catalog([unit], "po"))
    [entry] = read_catalog(catalog)
    assert (entry.id, entry.occurrence) == ("x", 2)  # the key cannot tell; the page can
    page = parse_file(str(docs / "q.md"), "q.md")
    assert page_post_edits(page, [entry]).overrides == {"x~2": "Nazdar."}


def test_apply_refuses_duplicate_ids_and_writes_the_rest(docs: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]):
    po = extract(docs, tmp_path / "translations")
    edit(po, "p.md#a-1~2", "Na shledanou.")
    edit(po, "p.md#b-1", "Hotovo.")
    assert main(["qa", str(docs), "--translations", str(tmp_path / "translations")]) == 1  # duplicate-id errors
    assert "post-edit of unit a-1 not applied" in capsys.readouterr().err
    [result] = apply_catalog(read_catalog(po), docs)
    assert result.applied == ["b-1"] and result.refused == ["a-1"] and result.written
    assert any("p.md:6, p.md:8" in message for message in result.messages)
    assert (docs / "p.md").read_text(encoding="utf-8") == PAGE.replace("Konec.", "Hotovo.")
    assert main(["apply", str(po), "--docs", str(docs)]) == 1  # incomplete: one edit refused


def test_build_warns_and_shows_the_machine_translation_for_both(docs: Path, tmp_path: Path,
                                                               caplog: pytest.LogCaptureFixture):
    project = docs.parent
    (project / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - sxs\n", encoding="utf-8")
    po = extract(docs, project / "translations")
    edit(po, "p.md#a-1~2", "Na shledanou.")
    edit(po, "p.md#b-1", "Hotovo.")
    with caplog.at_level(logging.WARNING, logger=PLUGIN_LOGGER):
        build(load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / "site")))
    html = (project / "site" / "p" / "index.html").read_text(encoding="utf-8")
    assert "Hotovo." in html and "Konec." not in html
    assert "Ahoj." in html and "Sbohem." in html and "Na shledanou." not in html
    warnings = [record.getMessage() for record in caplog.records if "post-edit of unit a-1" in record.getMessage()]
    assert len(warnings) == 1 and "p.md:6, p.md:8" in warnings[0]
