"""The `sxs` MkDocs plugin end to end on a small project: config errors, titles, reports.

Each test runs `mkdocs build` in a subprocess on a project in tmp_path, as a
user would, so config validation and logging are MkDocs' own.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from support import ENGINE

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "sxs"


def mkdocs_build(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "plugins"), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", ENGINE, "build", "-f", str(project / "mkdocs.yml"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def make_project(tmp_path: Path, plugin_config: str = "", pages: tuple[str, ...] = ("anchors.md",)) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in pages:
        shutil.copyfile(FIXTURES / name, docs / name)
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test\n"
        "theme:\n  name: material\n"
        "plugins:\n  - sxs" + (":\n" + plugin_config if plugin_config else "") + "\n"
        "markdown_extensions:\n  - toc:\n      permalink: true\n",
        encoding="utf-8",
    )
    return tmp_path


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("default_mode", "klingon", "Expected one of: ('target', 'source', 'both')"),
        ("report_malformed", "loud", "Expected one of: ('warning', 'info', 'ignore')"),
        ("page_bar", "[1, 2]", "Expected type: <class 'bool'>"),
    ],
)
def test_bad_option_value_fails_the_build_with_a_clear_message(tmp_path, option, value, expected):
    project = make_project(tmp_path, f"      {option}: {value}")
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert f"Plugin 'sxs' option '{option}'" in result.stderr
    assert expected in result.stderr
    assert not (tmp_path / "site").exists()


def test_unknown_option_is_reported(tmp_path):
    project = make_project(tmp_path, "      default_mood: source")
    result = mkdocs_build(project)
    assert "default_mood" in result.stderr and "Unrecognised configuration name" in result.stderr


def test_build_titles_modes_and_malformed_reports(tmp_path):
    project = make_project(
        tmp_path,
        "      default_mode: both\n      locale: cs-CZ",
        pages=("front_matter.md", "anchors.md", "malformed.md"),
    )
    # a malformed unit below front matter: reported at its line in the file
    page = (project / "docs" / "front_matter.md").read_text(encoding="utf-8")
    broken = page.replace('<span data-stu-id="c09c-102">', '<span data-stu-id="c09c-999">')
    (project / "docs" / "front_matter.md").write_text(broken, encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"

    def parsed(name: str) -> lxml.html.HtmlElement:
        return lxml.html.fromstring((site / name / "index.html").read_bytes())

    front = parsed("front_matter")
    assert front.findtext(".//title").startswith("Komunikace se zákazníky - ")
    assert front.get("lang") == "cs-CZ" and front.get("data-sxs-default") == "both"
    anchors = parsed("anchors")
    assert anchors.findtext(".//title").startswith("Generování sestav ACA - ")  # the h1's target text
    nav_labels = [a.text_content().strip() for a in anchors.xpath("//nav[contains(@class,'md-nav--primary')]//a")]
    assert "Generování sestav ACA" in nav_labels and "Komunikace se zákazníky" in nav_labels
    assert not any("Generate ACA reports" in label for label in nav_labels)

    warnings = [line for line in result.stderr.splitlines() if "front_matter.md:" in line]
    assert len(warnings) == 1 and "front_matter.md:11:1:" in warnings[0] and "data-stu-id" in warnings[0]
    malformed = [line.split("malformed.md:")[1].split(":")[:2] for line in result.stderr.splitlines()
                 if "malformed.md:" in line]
    line_11 = (FIXTURES / "malformed.md").read_text(encoding="utf-8").splitlines()[10]
    second_106 = line_11.rindex("<span data-ttu-id") + 1
    assert malformed == [["1", "1"], ["3", "1"], ["5", "1"], ["7", "1"], ["11", str(second_106)], ["9", "6"]]

    strict = mkdocs_build(project, "--strict")
    assert strict.returncode == 1


def test_report_malformed_ignore_is_silent(tmp_path):
    project = make_project(tmp_path, "      report_malformed: ignore", pages=("malformed.md",))
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stderr
    assert "malformed.md:" not in result.stderr
