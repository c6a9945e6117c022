"""Reports validate against their schemas and CI readers; the check command's exit codes."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from mkdocs_sxs.cli import main
from mkdocs_sxs.core.linkcheck import CheckOptions, check_path
from mkdocs_sxs.core.linkcheck.model import CheckResult, Finding
from mkdocs_sxs.core.linkcheck.reports import render

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "links"
DOCS = FIXTURE / "docs"
JSON_SCHEMA = ROOT / "plugins" / "mkdocs_sxs" / "schemas" / "linkcheck-report.schema.json"
# The official SARIF 2.1.0 (rtm.5) schema, as shipped in the MIT-licensed npm package @microsoft/jest-sarif.
SARIF_SCHEMA = ROOT / "tests" / "fixtures" / "sarif-2.1.0-rtm.5.schema.json"


@pytest.fixture(scope="module")
def result() -> CheckResult:
    return check_path(DOCS, CheckOptions(source_fallback=str(FIXTURE / "source")))


def nasty(result: CheckResult) -> CheckResult:
    """The fixture's findings plus one whose text needs escaping everywhere."""
    odd = Finding('a dir/x "<&>".md', 3, 4, "broken", "error", '<b>&"\'\n,:%', None, "outside",
                  'message with <tags> & "quotes",\nnewline: 100%', None)
    return CheckResult(result.root, [*result.findings, odd], result.pages, result.references,
                       [*result.files, odd.path])


def test_json_report_validates_against_its_schema(result):
    data = json.loads(render(nasty(result), "json"))
    jsonschema.Draft202012Validator(json.loads(JSON_SCHEMA.read_text(encoding="utf-8"))).validate(data)
    assert data["summary"]["errors"] == sum(1 for f in result.findings if f.level == "error") + 1
    assert data["findings"][-1]["link"] == '<b>&"\'\n,:%'


def test_sarif_validates_and_points_at_files_relative_to_path(result):
    data = json.loads(render(nasty(result), "sarif"))
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")),
                               format_checker=jsonschema.FormatChecker()).validate(data)
    run = data["runs"][0]
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    first = run["results"][0]
    finding = result.findings[0]
    assert first["ruleId"] == finding.category and rules[first["ruleIndex"]] == finding.category
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == finding.path
    assert location["region"]["startLine"] == finding.line
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == DOCS.resolve().as_uri() + "/"
    assert run["results"][-1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "a%20dir/x%20%22%3C%26%3E%22.md"


def test_junit_parses_with_one_testcase_per_file_and_failures_for_errors(result):
    root = ET.fromstring(render(nasty(result), "junit").encode("utf-8"))
    suite = root.find("testsuite")
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert set(cases) == set(result.files) | {'a dir/x "<&>".md'}
    failures = [f for f in cases["index.md"].findall("failure")]
    assert len(failures) == sum(1 for f in result.findings if f.path == "index.md" and f.level == "error")
    assert "media-missing" in cases["index.md"].find("system-out").text
    assert cases["new-page.md"].find("failure") is None
    assert cases['a dir/x "<&>".md'].find("failure").get("message").startswith("message with <tags> & ")
    assert int(suite.get("failures")) == sum(1 for case in cases.values() if case.find("failure") is not None)


def test_github_annotations_escape_properties_and_data(result):
    lines = render(nasty(result), "github").splitlines()
    assert lines[0].startswith(f"::error file=TOC.yml,line={result.findings[0].line},")
    assert any(line.startswith("::warning file=index.md,") and "title=case-mismatch::" in line for line in lines)
    assert any(line.startswith("::notice ") and "title=redirected" in line for line in lines)
    assert lines[-2] == ('::error file=a dir/x "<&>".md,line=3,col=4,title=broken::'
                         'message with <tags> & "quotes",%0Anewline: 100%25')


def test_check_command_exit_codes_formats_and_output(tmp_path, capsys):
    assert main(["check", str(DOCS)]) == 1
    assert "index.md" in capsys.readouterr().out
    report = tmp_path / "links.sarif"
    assert main(["check", str(DOCS), "--format", "sarif", "--output", str(report),
                 "--level", "broken=warning", "--level", "anchor-missing=info"]) == 0
    assert json.loads(report.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert main(["check", str(DOCS), "--level", "broken=fatal"]) == 2
    assert main(["check", str(tmp_path / "nowhere")]) == 2
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "a.md").write_text("# A\n\n[b](b.md) [top](#a)\n", encoding="utf-8")
    (clean / "b.md").write_text("# B\n", encoding="utf-8")
    assert main(["check", str(clean), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]["references"] == 2


def test_check_command_reads_an_mkdocs_project(tmp_path, capsys):
    docs = tmp_path / "site-docs"
    docs.mkdir()
    (docs / "index.md").write_text("[chybí](missing.md)\n![obr](media/x.png)\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\ndocs_dir: site-docs\nplugins:\n  - search\n  - sxs:\n      link_levels:\n"
        "        media-missing: ignore\nextra:\n  key: !ENV [HOME, x]\n", encoding="utf-8")
    assert main(["check", str(tmp_path), "--format", "text"]) == 1
    out = capsys.readouterr().out
    assert "index.md:1:" in out and "media" not in out.split("link check:")[0]
