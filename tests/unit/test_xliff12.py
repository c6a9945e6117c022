"""XLIFF 1.2 catalogs (what Weblate and most CAT tools read) next to XLIFF 2.0, PO, TMX and JSONL."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from conftest import FIXTURES
from lxml import etree
from mkdocs_sxs.cli import main
from mkdocs_sxs.core.reader.parser import parse_sxs
from mkdocs_sxs.core.translation.catalog import iter_units
from mkdocs_sxs.core.translation.formats import detect_format, read_catalog, write_catalog
from mkdocs_sxs.core.translation.postedits import load_translations, page_post_edits
from mkdocs_sxs.core.translation.review_edits import ReviewEdits
from review_fixture import PAGE, write_project

DOCS = FIXTURES / "tus" / "docs"
NS = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
FIELDS = ("key", "source", "target", "page_hash", "target_hash", "line", "context", "reviewed", "malformed")
SUFFIX = {"po": "po", "xliff": "xlf", "xliff12": "xlf", "tmx": "tmx", "jsonl": "jsonl"}


def fields(units: list) -> list[tuple]:
    return [tuple(getattr(unit, name) for name in FIELDS) for unit in units]


def edited_units() -> list:
    units = list(iter_units(DOCS))
    units[0].source, units[0].target = "  spaces  kept ", "\tmezery  zůstanou "
    units[1].target = "řádek\ndruhý <b>&amp;</b> [odkaz](https://example.com/cs)"
    units[2].reviewed = True
    units[3].malformed = ["no-source"]
    return units


def test_xliff12_reads_back_exactly(tmp_path: Path):
    units = edited_units()
    path = tmp_path / "all.xlf"
    path.write_bytes(write_catalog(units, "xliff12"))
    assert detect_format(path) == "xliff12"
    back = read_catalog(path)
    assert fields(back) == fields(units)
    assert all(unit.origin.startswith(f"{path}: trans-unit ") for unit in back)


def test_xliff12_is_version_1_2_with_keys_states_and_locations():
    units = edited_units()
    root = etree.fromstring(write_catalog(units, "xliff12"))
    assert root.tag == "{urn:oasis:names:tc:xliff:document:1.2}xliff" and root.get("version") == "1.2"
    assert {element.tag.split("}")[0][1:] for element in root.iter() if isinstance(element.tag, str)} == {NS["x"]}
    file = root.find("x:file", NS)
    assert (file.get("source-language"), file.get("target-language")) == ("en", "cs-CZ")
    trans_units = root.findall(".//x:trans-unit", NS)
    assert [unit.get("id") for unit in trans_units] == [unit.key for unit in units]
    assert [unit.get("resname") for unit in trans_units] == [unit.key for unit in units]
    states = [(unit.get("approved"), unit.find("x:target", NS).get("state")) for unit in trans_units]
    assert states[1] == ("yes", "translated")  # post-edited
    assert states[2] == ("yes", "translated")  # reviewed
    assert states[4] == (None, "needs-review-translation")  # machine translation as extracted
    assert trans_units[4].find("x:target", NS).get("state-qualifier") == "mt-suggestion"
    context = trans_units[0].find("x:context-group[@purpose='location']", NS)
    assert [item.text for item in context] == [units[0].page, str(units[0].line)]


@pytest.mark.parametrize("chain", [("po", "xliff12", "tmx", "jsonl", "xliff", "xliff12", "po"),
                                   ("xliff12", "xliff", "xliff12"), ("jsonl", "xliff12", "jsonl")])
def test_round_trip_through_every_format(tmp_path: Path, chain: tuple[str, ...]):
    units = edited_units()
    current = units
    for number, fmt in enumerate(chain):
        path = tmp_path / f"step{number}.{SUFFIX[fmt]}"
        path.write_bytes(write_catalog(current, fmt))
        assert detect_format(path) == fmt
        current = read_catalog(path)
        assert fields(current) == fields(units), f"lost in {fmt}"


def test_a_catalog_from_another_tool_is_read(tmp_path: Path):
    """A Weblate-style 1.2 file: no notes of ours, `approved`, `state`, ids only (no resname)."""
    path = tmp_path / "weblate.xliff"
    path.write_text("""<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
  <file original="page.md" source-language="en" target-language="cs" datatype="plaintext">
    <body>
      <trans-unit id="page.md#aa-101" approved="yes">
        <source>Introduction</source>
        <target state="translated">Úvod (upraveno)</target>
      </trans-unit>
    </body>
  </file>
</xliff>
""", encoding="utf-8")
    [unit] = read_catalog(path)
    assert (unit.page, unit.id, unit.source, unit.target, unit.target_hash) == (
        "page.md", "aa-101", "Introduction", "Úvod (upraveno)", "")


def test_extract_per_page_edit_in_a_cat_tool_and_build(tmp_path: Path):
    out = tmp_path / "translations"
    assert main(["extract", str(DOCS), "--format", "xliff12", "--output", str(out) + "/"]) == 0
    catalog = out / "cs-CZ" / "page.xlf"
    assert detect_format(catalog) == "xliff12"
    tree = etree.parse(str(catalog))
    target = tree.find(".//x:trans-unit[@id='page.md#aa-101']/x:target", NS)
    target.text = "Úvod, upravený"
    tree.write(str(catalog), xml_declaration=True, encoding="UTF-8")
    entries, problems = load_translations(out)
    assert not problems
    page = parse_sxs((DOCS / "page.md").read_text(encoding="utf-8"), "page.md")
    assert page_post_edits(page, entries["page.md"], "cs-CZ").overrides == {"aa-101": "Úvod, upravený"}
    # re-extracting over it carries the edit and keeps the file XLIFF 1.2
    assert main(["extract", str(DOCS), "--format", "xliff12", "--output", str(out) + "/"]) == 0
    assert detect_format(catalog) == "xliff12"
    assert {unit.key: unit.target for unit in read_catalog(catalog)}["page.md#aa-101"] == "Úvod, upravený"


def test_review_mode_saves_into_an_xliff12_catalog_as_xliff12(tmp_path: Path):
    write_project(tmp_path)
    out = tmp_path / "translations"
    assert main(["extract", str(tmp_path / "docs"), "--format", "xliff12", "--output", str(out) + "/"]) == 0
    edits = ReviewEdits(tmp_path / "docs", out)
    key = f"{PAGE}#r1-103"
    unit = next(item for item in edits.page_state(PAGE).units if item.key == key)
    edits.save(PAGE, key, unit.revision, "Druhá věta, upravená.")
    catalog = out / "cs-CZ" / "guide.xlf"
    assert detect_format(catalog) == "xliff12"
    saved = {item.key: item for item in read_catalog(catalog)}
    assert saved[key].target == "Druhá věta, upravená." and saved[key].reviewed
    assert dataclasses.replace(saved[key], origin="").target_hash  # the sxs: hashes are kept
