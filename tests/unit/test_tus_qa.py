"""QA checks, one fixture pair per check, levels, and the report formats."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from mkdocs_sxs.cli import main
from mkdocs_sxs.core.reader.parser import parse_sxs
from mkdocs_sxs.core.translation.qa import QaChecker, parse_levels
from mkdocs_sxs.core.translation.qa_report import json_report, sarif_report, text_report


def tu(unit_id: str, target: str, source: str) -> str:
    return (f'<span data-ttu-id="{unit_id}">{target}</span><span class="sxs-lookup">'
            f'<span data-stu-id="{unit_id}">{source}</span></span>')


def checks_of(target: str, source: str, **levels: str) -> set[str]:
    page = parse_sxs("intro\n\n" + tu("x-1", target, source) + "\n", "p.md")
    return {finding.check for finding in QaChecker(levels).check_page(page)}


CASES = [
    ("empty-target", "", "Sign in."),
    ("untranslated", "Partner Center overview", "Partner Center overview"),
    ("broken-link", "Viz [stránka] (https://a.example/x).", "See [page](https://a.example/x)."),
    ("link-destinations", "Viz [stránka](https://a.example/y).", "See [page](https://a.example/x)."),
    ("images", "Obrázek ![alt](b.png).", "Picture ![alt](a.png)."),
    ("inline-code", "Spusťte `mkdocs serve`.", "Run `mkdocs build`."),
    ("emphasis", "Vyberte Uložit.", "Select **Save**."),
    ("placeholders", "Zadejte {{jméno}}.", "Enter {{name}}."),
    ("placeholders", "Zadejte <ID-zákazníka>.", "Enter <customer-id>."),
    ("whitespace", " Druhá věta.", "Second sentence."),
    ("numbers", "Máte 5 dní.", "You have 3 days."),
    ("urls", "Viz https://b.example/.", "See https://a.example/."),
    ("brackets", "Centrum (partnerů.", "The center (partners)."),
    ("doublewords", "Vyberte vyberte tlačítko.", "Select the button."),
    ("endpunc", "Konec", "The end."),
]


@pytest.mark.parametrize(("check", "target", "source"), CASES)
def test_each_check_fires_on_its_fixture(check: str, target: str, source: str):
    assert check in checks_of(target, source)


@pytest.mark.parametrize(("check", "target", "source"), CASES)
def test_each_check_is_quiet_on_a_good_translation(check: str, target: str, source: str):
    fixed = {
        "empty-target": ("Přihlaste se.", "Sign in."),
        "untranslated": ("Přehled Partnerského centra", "Partner Center overview"),
    }.get(check, (source.replace("The", "Ten").replace("See", "Viz"), source))
    assert check not in checks_of(*fixed)


def test_page_level_checks_glued_markup_duplicates():
    text = ("intro\n\n" + tu("a-1", "Jedna.", "One.") + tu("a-2", "Dvě.", "Two.") + "\n\n"
            + tu("a-1", "Znovu.", "Again.") + "\n\n"
            + '<span data-ttu-id="a-3&quot;>Rozbité</span><span class="sxs-lookup"><span data-stu-id="a-3">'
              "Broken</span></span>\n")
    findings = QaChecker().check_page(parse_sxs(text, "p.md"))
    by_check = {(finding.check, finding.unit_id) for finding in findings}
    assert ("glued", "a-2") in by_check
    assert ("duplicate-id", "a-1") in by_check
    assert ("markup", "a-3") in by_check
    orphan = parse_sxs('x\n\n<span class="sxs-lookup"><span data-stu-id="o-1">Lost</span></span>\n', "p.md")
    [finding] = QaChecker().check_page(orphan)
    assert (finding.check, finding.line, finding.level) == ("markup", 3, "error") and "orphan-source" in finding.message
    assert all(finding.path == "p.md" and finding.line >= 3 for finding in findings)
    # a space between units is not glued
    spaced = parse_sxs("x\n\n" + tu("b-1", "Jedna.", "One.") + " " + tu("b-2", "Dvě.", "Two.") + "\n", "p.md")
    assert "glued" not in {finding.check for finding in QaChecker().check_page(spaced)}


def test_levels_are_configurable():
    assert parse_levels(["untranslated=error,numbers=off", "all=info"]) == {
        "untranslated": "error", "numbers": "off", "all": "info"}
    with pytest.raises(ValueError, match="unknown check"):
        parse_levels(["nosuch=error"])
    with pytest.raises(ValueError, match="LEVEL one of"):
        parse_levels(["numbers=loud"])
    page = parse_sxs("x\n\n" + tu("x-1", "Partner Center", "Partner Center") + "\n", "p.md")
    [finding] = QaChecker({"untranslated": "error"}).check_page(page)
    assert finding.level == "error"
    assert QaChecker({"untranslated": "off"}).check_page(page) == []


def test_reports_escape_and_locate(tmp_path: Path):
    page = parse_sxs("x\n\n" + tu("x-1", 'Viz [a] (u) "<b>"', 'See [a](u) "<b>"') + "\n", "dir/p.md")
    findings = QaChecker().check_page(page)
    text = text_report(findings)
    assert "dir/p.md:3:1: error:" in text and "[broken-link]" in text
    data = json.loads(json_report(findings))
    assert data["summary"]["error"] >= 1 and data["findings"][0]["target"] == 'Viz [a] (u) "<b>"'
    sarif = json.loads(sarif_report(findings, base_uri="file:///docs/"))
    schema = json.loads((Path(__file__).parents[1] / "fixtures" / "sarif-2.1.0-rtm.5.schema.json").read_text("utf-8"))
    jsonschema.Draft4Validator(schema).validate(sarif)
    run = sarif["runs"][0]
    spaced = json.loads(sarif_report([replace(findings[0], path="a dir/p.md")]))
    assert spaced["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "a%20dir/p.md"
    result = next(item for item in run["results"] if item["ruleId"] == "broken-link")
    assert result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 1}
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "broken-link"


def test_cli_qa_exit_codes_and_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("x\n\n" + tu("x-1", "Viz [a] (u).", "See [a](u).") + "\n", encoding="utf-8")
    (docs / "b.md").write_text("x\n\n" + tu("y-1", "Partner Center", "Partner Center") + "\n", encoding="utf-8")
    assert main(["qa", str(docs)]) == 1
    out = capsys.readouterr().out
    assert "a.md:3:1: error:" in out and "b.md:3:1: warning:" in out
    assert main(["qa", str(docs), "--level", "broken-link=warning", "--level", "link-destinations=off"]) == 0
    capsys.readouterr()
    report = tmp_path / "qa.sarif"
    assert main(["qa", str(docs), "--format", "sarif", "--output", str(report)]) == 1
    assert json.loads(report.read_text())["version"] == "2.1.0"
    assert main(["qa", str(docs), "--level", "bogus"]) == 2


def test_cli_qa_checks_post_edits_from_translations(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("x\n\n" + tu("x-1", "Viz [a](u).", "See [a](u).") + "\n", encoding="utf-8")
    translations = tmp_path / "translations"
    translations.mkdir()
    assert main(["extract", str(docs), "--format", "jsonl", "--output", str(translations / "a.jsonl")]) == 0
    assert main(["qa", str(docs), "--translations", str(translations)]) == 0
    record = json.loads((translations / "a.jsonl").read_text(encoding="utf-8"))
    record["target"] = "Viz [a] (u)."
    (translations / "a.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["qa", str(docs), "--translations", str(translations)]) == 1
    assert "a.md:3:1: error:" in capsys.readouterr().out
    assert main(["qa", str(docs)]) == 0
