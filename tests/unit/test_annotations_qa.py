"""Annotation QA findings and the `mkdocs-sxs annotations` command."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from mkdocs_sxs.cli import main
from mkdocs_sxs.core.annotations.find import Annotation, AnnotationValue, PageAnnotations, annotations_of_text
from mkdocs_sxs.core.annotations.qa import annotation_problems

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "annotations"


def fixture_pages(folder: str = ""):
    return [
        annotations_of_text(path.read_text(encoding="utf-8"), folder + path.name)
        for path in sorted(PAGES.glob("*.md"))
    ]


def codes(problems):
    return sorted((problem.path, problem.code) for problem in problems)


def test_findings_on_the_fixture_docset():
    problems = annotation_problems(fixture_pages())
    assert all(problem.level == "info" for problem in problems)
    assert codes(problems) == [
        ("cs-missing.md", "annotation-missing-roles"),  # 5 of 6 pages carry roles
        ("cs-odd.md", "annotation-count-mismatch"),
        ("cs-odd.md", "annotation-near-duplicate"),
    ]
    near = next(problem for problem in problems if problem.code == "annotation-near-duplicate")
    assert "'Global Admin' looks like 'Global admin' (3 pages)" in near.message
    assert near.line == 7  # the roles line of cs-odd.md
    mismatch = next(problem for problem in problems if problem.code == "annotation-count-mismatch")
    assert "2 value(s) in English but 1 in the translation" in mismatch.message


def test_parsed_pages_are_accepted_too():
    from mkdocs_sxs.core.reader.parser import parse_file

    parsed = [parse_file(str(path), path.name) for path in sorted(PAGES.glob("*.md"))]
    assert codes(annotation_problems(parsed)) == codes(annotation_problems(fixture_pages()))


def test_no_missing_roles_where_few_pages_carry_them():
    keep = ("cs-missing.md", "pl-spacing.md", "cs-line.md")
    pages = [page for page in fixture_pages() if page.path in keep]
    next(page for page in pages if page.path == "pl-spacing.md").roles = None  # now 1 of 3 pages has roles
    assert "annotation-missing-roles" not in {problem.code for problem in annotation_problems(pages)}


def roles_page(path: str, *names: str) -> PageAnnotations:
    values = [AnnotationValue(name, name) for name in names]
    return PageAnnotations(path, roles=Annotation("roles", "line", "Roles", "Appropriate roles", values,
                                                  [path + "-1"], [3], len(values), len(values)))


def test_spelling_variants_are_near_duplicates_of_the_commoner_name():
    pages = [
        roles_page("a.md", "Helpdesk agent", "CSP admin"),
        roles_page("b.md", "Helpdesk agent", "CSP admin"),
        roles_page("c.md", "Helpdesk agnet", "CPV admin"),
    ]
    problems = annotation_problems(pages)
    assert [(problem.path, problem.line) for problem in problems] == [("c.md", 3)]
    assert "'Helpdesk agnet' looks like 'Helpdesk agent' (2 pages)" in problems[0].message
    # equally common spellings: nothing says which one is right
    assert annotation_problems([roles_page("a.md", "Global Admin"), roles_page("b.md", "Global admin")]) == []


def test_cli_json_csv_and_qa(tmp_path, capsys):
    docs = tmp_path / "docs"
    shutil.copytree(PAGES, docs / "guides")
    assert main(["annotations", str(docs), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    row = next(page for page in data["pages"] if page["page"] == "guides/cs-line.md")
    assert row["title"] == "Komunikace se zákazníkem"
    assert row["roles"] == [{"name": "Helpdesk agent", "localized": "Agent helpdesku"}]
    assert row["roles_units"] == ["a-3"] and row["applies_to_line"] == 7

    out = tmp_path / "a.csv"
    assert main(["annotations", str(docs), "--format", "csv", "--output", str(out), "--qa"]) == 0
    printed = capsys.readouterr().out
    assert "guides/cs-odd.md:7:1: info:" in printed and "annotation-near-duplicate" in printed
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    de = next(row for row in rows if row["page"] == "guides/de-list.md")
    assert de["roles"] == "Global admin | Admin agent"
    assert de["roles_localized"] == "Globaler Administrator | Administrator-Agent"
    assert de["applies_to"] == "Partner Center | Partner Center for Microsoft Cloud Germany"


def test_cli_bad_path_is_a_usage_error(tmp_path, capsys):
    assert main(["annotations", str(tmp_path / "nope")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_qa_command_reports_annotation_findings(tmp_path, capsys):
    docs = tmp_path / "docs"
    shutil.copytree(PAGES, docs)
    main(["qa", str(docs), "--format", "json"])
    findings = [item for item in json.loads(capsys.readouterr().out)["findings"] if item["check"] == "annotations"]
    assert sorted((item["path"], item["level"]) for item in findings) == [
        ("cs-missing.md", "info"), ("cs-odd.md", "info"), ("cs-odd.md", "info"),
    ]
    main(["qa", str(docs), "--format", "json", "--level", "annotations=off"])
    assert not [item for item in json.loads(capsys.readouterr().out)["findings"] if item["check"] == "annotations"]
