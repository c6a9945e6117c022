"""The shared SARIF writer: both reports (QA, link check) come out of one envelope."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from mkdocs_sxs.core.linkcheck import CheckOptions, check_path
from mkdocs_sxs.core.linkcheck.reports import render
from mkdocs_sxs.core.reader.parser import parse_sxs
from mkdocs_sxs.core.reports.sarif import physical_location, sarif_level, sarif_log
from mkdocs_sxs.core.translation.qa import QaChecker
from mkdocs_sxs.core.translation.qa_report import sarif_report

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "tests" / "fixtures" / "sarif-2.1.0-rtm.5.schema.json").read_text("utf-8"))
LINKS = ROOT / "tests" / "fixtures" / "links"


def tu(uid: str, target: str, source: str) -> str:
    return (f'<span data-ttu-id="{uid}">{target}</span>'
            f'<span class="sxs-lookup"><span data-stu-id="{uid}">{source}</span></span>')


def test_writer_builds_a_valid_log_with_encoded_relative_uris():
    result = {"ruleId": "r", "level": sarif_level("error"), "message": {"text": 'a <b> & "c"'},
              "locations": [physical_location('d ir/x "<&>".md', 3, 4, "ROOT")]}
    log = sarif_log(tool="t", version="1", rules=[{"id": "r"}], results=[result],
                    base_uris={"ROOT": "file:///docs/"}, column_kind="unicodeCodePoints")
    jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(log)
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "d%20ir/x%20%22%3C%26%3E%22.md", "uriBaseId": "ROOT"}
    assert [sarif_level(level) for level in ("error", "warning", "info", "ignore")] == \
        ["error", "warning", "note", "note"]
    assert "originalUriBaseIds" not in sarif_log(tool="t", version="1", rules=[], results=[])["runs"][0]


def test_qa_and_link_check_share_the_envelope():
    page = parse_sxs("x\n\n" + tu("x-1", "Viz [a] (u)", "See [a](u)") + "\n", "a dir/p.md")
    qa = json.loads(sarif_report(QaChecker().check_page(page), base_uri="file:///docs/"))
    links = json.loads(render(check_path(LINKS / "docs", CheckOptions(source_fallback=str(LINKS / "source"))),
                              "sarif"))
    for log in (qa, links):
        jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(log)
    assert {key: qa[key] for key in ("$schema", "version")} == {key: links[key] for key in ("$schema", "version")}
    qa_run, links_run = qa["runs"][0], links["runs"][0]
    assert list(qa_run) == ["tool", "originalUriBaseIds", "results"]
    assert list(links_run) == ["tool", "originalUriBaseIds", "columnKind", "results"]
    qa_uri = qa_run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert qa_uri == {"uri": "a%20dir/p.md", "uriBaseId": "DOCS"}
