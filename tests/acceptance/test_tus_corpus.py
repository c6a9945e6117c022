"""Translation units on the real partner-center docset: extraction, formats, QA."""

from __future__ import annotations

import json
import re
from pathlib import Path

import polib
import pytest
from conftest import PARTNER_CENTER, require_corpus
from lxml import etree
from mkdocs_sxs.cli import main
from mkdocs_sxs.core.reader.parser import parse_file
from translate.storage import po, tmx, xliff2

pytestmark = pytest.mark.acceptance

# Independent of the parser: one well-formed unit whose target and source hold no nested span.
SIMPLE_TU = re.compile(
    r'<span data-ttu-id="([^"]+)">((?:(?!</?span)[^\n])*?)</span><span class="sxs-lookup">'
    r'<span data-stu-id="\1">((?:(?!</?span)[^\n])*?)</span></span>'
)


@pytest.fixture(scope="module")
def docset() -> Path:
    require_corpus()
    return PARTNER_CENTER


@pytest.fixture(scope="module")
def parser_units(docset: Path) -> list[tuple[str, str, int]]:
    found = []
    for path in sorted(docset.rglob("*.md")):
        page = path.relative_to(docset).as_posix()
        found.extend((page, unit.id, unit.line) for unit in parse_file(str(path), page).units)
    return found


@pytest.fixture(scope="module")
def catalogs(docset: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("tus")
    paths = {}
    for fmt, suffix in (("po", "po"), ("xliff", "xlf"), ("tmx", "tmx"), ("jsonl", "jsonl")):
        paths[fmt] = folder / f"partner-center.{suffix}"
        assert main(["extract", str(docset), "--format", fmt, "--output", str(paths[fmt])]) == 0
    return paths


def test_extraction_has_exactly_the_parsers_units(catalogs: dict[str, Path], parser_units: list):
    records = [json.loads(line) for line in catalogs["jsonl"].read_text(encoding="utf-8").splitlines()]
    assert [(r["page"], r["id"], r["line"]) for r in records] == parser_units
    assert len(parser_units) > 30000
    assert all(r["locale"] == "cs-CZ" and r["context"] for r in records)


def test_po_xliff_tmx_load_back_with_the_same_count(catalogs: dict[str, Path], parser_units: list):
    count = len(parser_units)
    tt_po = [unit for unit in po.pofile(catalogs["po"].read_bytes()).units if not unit.isheader()]
    assert len(tt_po) == count
    assert len([entry for entry in polib.pofile(str(catalogs["po"])) if entry.msgctxt]) == count
    assert len(xliff2.Xliff2File.parsestring(catalogs["xliff"].read_bytes()).units) == count
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    xml_units = etree.parse(str(catalogs["xliff"])).getroot().findall(".//x:unit", ns)
    assert len(xml_units) == count
    names = [unit.get("name") for unit in xml_units]
    assert names == [f"{page}#{unit_id}" for page, unit_id, _ in parser_units]
    assert len(tmx.tmxfile.parsestring(catalogs["tmx"].read_bytes()).units) == count
    assert len(etree.parse(str(catalogs["tmx"])).getroot().findall(".//tu")) == count


def test_qa_finds_untranslated_units_and_broken_links(docset: Path, tmp_path: Path):
    untranslated, broken = set(), set()
    for path in sorted(docset.rglob("*.md")):
        page = path.relative_to(docset).as_posix()
        for match in SIMPLE_TU.finditer(path.read_text(encoding="utf-8-sig")):
            unit_id, target, source = match.groups()
            if target == source and target.strip():
                untranslated.add((page, unit_id))
            if "] (" in target:
                broken.add((page, unit_id))
    assert len(untranslated) > 1000 and broken
    report = tmp_path / "qa.json"
    assert main(["qa", str(docset), "--format", "json", "--output", str(report)]) == 1
    findings = json.loads(report.read_text(encoding="utf-8"))["findings"]
    found = {(f["check"], f["path"], f["unit"]) for f in findings}
    assert {("untranslated", page, unit) for page, unit in untranslated} <= found
    assert {("broken-link", page, unit) for page, unit in broken} <= found
    assert all(f["level"] == "error" for f in findings if f["check"] == "broken-link")
    text = tmp_path / "qa.txt"
    main(["qa", str(docset), "--level", "all=off", "--level", "broken-link=error", "--output", str(text)])
    listed = text.read_text(encoding="utf-8")
    for page, unit in broken:
        assert re.search(rf"^{re.escape(page)}:\d+:\d+: error: .*\(unit {re.escape(unit)}\)$", listed, re.M)
