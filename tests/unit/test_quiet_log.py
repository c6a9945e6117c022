"""A quiet build log (issue 16): one line per category, every finding in the build report, `-v` lists them.

Also: `mkdocs-sxs init` detects a partial export, and `extract`, `qa`, `check`
end with a one-line summary on stderr when their output is not a terminal.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs_sxs.cli import main
from mkdocs_sxs.core.linkcheck.partial_export import MIN_MISSING, export_completeness
from mkdocs_sxs.core.reports.build_findings import SHOW_IN_FULL, BuildFindings

BAD_UNIT = ('<span data-ttu-id="p-{n}">Věta {n}.</span><span class="sxs-lookup">'
            '<span data-stu-id="x-{n}">Sentence {n}.</span></span>\n\n')


def site(tmp_path: Path, malformed: int, broken_links: int = 0) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir(parents=True)
    body = "# Stránka\n\n" + "".join(BAD_UNIT.format(n=n) for n in range(malformed))
    body += "".join(f"[odkaz {n}](missing-{n}.md)\n\n" for n in range(broken_links))
    (docs / "index.md").write_text(body, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: t\ndocs_dir: {docs}\nsite_dir: {tmp_path / 'site'}\nplugins:\n  - sxs\n",
                      encoding="utf-8")
    return config


def sxs_records(caplog: pytest.LogCaptureFixture, level: int) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == level and r.name.startswith("mkdocs")]


def test_many_findings_are_one_line_per_category_and_strict_still_fails(tmp_path, caplog):
    config = site(tmp_path, malformed=40, broken_links=12)
    caplog.set_level(logging.INFO)
    with pytest.raises(Abort):
        build(load_config(str(config), strict=True))
    warnings = sxs_records(caplog, logging.WARNING)
    assert len(warnings) == 2, warnings
    mismatch = next(w for w in warnings if "[id-mismatch]" in w)
    assert mismatch.startswith("40 × [id-mismatch], e.g. index.md:")
    assert "sxs-build-report.txt" in mismatch and "-v lists them" in mismatch
    assert next(w for w in warnings if "[broken]" in w).startswith("12 × [broken], e.g. index.md:")
    assert not any(r.getMessage().startswith(("warning:", "info:")) for r in caplog.records)
    report = (tmp_path / "sxs-build-report.txt").read_text(encoding="utf-8")
    assert "## id-mismatch (warning): 40" in report and "## broken (warning): 12" in report
    assert all(f"unit p-{n}:" in report for n in range(40))
    assert all(f"'missing-{n}.md'" in report for n in range(12))


def test_verbose_lists_every_finding_and_few_findings_are_shown_in_full(tmp_path, caplog):
    config = site(tmp_path, malformed=5)
    caplog.set_level(logging.DEBUG)  # `mkdocs build -v`
    build(load_config(str(config)))
    warnings = sxs_records(caplog, logging.WARNING)
    assert sum("[id-mismatch]" in w or "data-stu-id" in w for w in warnings) == 5
    assert not any(" × [" in w for w in warnings)

    caplog.clear()
    small = site(tmp_path / "small", malformed=SHOW_IN_FULL)
    caplog.set_level(logging.INFO)
    build(load_config(str(small)))
    warnings = sxs_records(caplog, logging.WARNING)
    assert len(warnings) == SHOW_IN_FULL and all(w.startswith("index.md:") for w in warnings)


def test_build_report_option_moves_or_turns_off_the_file(tmp_path, caplog):
    config = site(tmp_path, malformed=4)
    text = config.read_text(encoding="utf-8").replace("  - sxs\n", "  - sxs:\n      build_report: out/r.txt\n")
    config.write_text(text, encoding="utf-8")
    build(load_config(str(config)))
    assert "## id-mismatch (warning): 4" in (tmp_path / "out" / "r.txt").read_text(encoding="utf-8")
    config.write_text(text.replace("out/r.txt", "''"), encoding="utf-8")
    (tmp_path / "out" / "r.txt").unlink()
    build(load_config(str(config)))
    assert not (tmp_path / "out" / "r.txt").exists() and not (tmp_path / "sxs-build-report.txt").exists()


def test_report_inside_docs_dir_goes_to_site_dir(tmp_path):
    config = site(tmp_path, malformed=4)
    config.write_text(config.read_text(encoding="utf-8").replace("  - sxs\n",
                                                                 "  - sxs:\n      build_report: docs/r.txt\n"))
    build(load_config(str(config)))
    assert not (tmp_path / "docs" / "r.txt").exists()
    assert "id-mismatch" in (tmp_path / "site" / "r.txt").read_text(encoding="utf-8")


def test_build_findings_summary_levels_and_order():
    findings = BuildFindings()
    for n in range(5):
        findings.add("media-missing", "info", f"a.md:{n}:1: media [media-missing] (warning level)")
    findings.add("broken", "warning", "a.md:9:1: gone [broken]")
    findings.add("anchor-missing", "info", "a.md:1:1: x [anchor-missing]")
    for n in range(4):
        findings.add("anchor-missing", "warning", f"b.md:{n}:1: y [anchor-missing]")
    lines = findings.log_lines("r.txt")
    assert lines[0] == ("warning", "a.md:9:1: gone [broken]")  # small categories first, in full
    assert lines[1] == ("warning", "5 × [anchor-missing] (4 warning, 1 info), e.g. b.md:0:1: y [anchor-missing]; "
                                   "all in r.txt (-v lists them)")
    assert lines[2][0] == "info" and lines[2][1].startswith("5 × [media-missing], e.g. a.md:0:1:")
    report = findings.report("Build report")
    assert report.index("## anchor-missing (warning): 5") < report.index("## broken") < report.index("## media")


def make_docset(root: Path, missing: int) -> Path:
    (root / "includes").mkdir(parents=True)
    (root / "includes" / "there.md").write_text("Tady.\n", encoding="utf-8")
    body = "# A\n\n[!INCLUDE[t](includes/there.md)]\n\n"
    body += "".join(f"[!INCLUDE[m](includes/gone-{n}.md)]\n\n" for n in range(missing))
    (root / "index.md").write_text(body, encoding="utf-8")
    (root / "TOC.yml").write_text("- name: A\n  href: index.md\n", encoding="utf-8")
    return root


def test_init_detects_a_partial_export_and_says_so_in_one_line(tmp_path, capsys):
    partial = make_docset(tmp_path / "partial", MIN_MISSING)
    assert export_completeness(partial).partial
    assert main(["init", str(partial), "--output", str(tmp_path / "p.yml")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len([line for line in out if line.startswith("partial export:")]) == 1
    assert f"{MIN_MISSING} include(s)" in out[0]
    assert yaml.safe_load((tmp_path / "p.yml").read_text())["plugins"][1]["sxs"]["missing_targets"] == "info"
    # an explicit --no-partial-export wins; a complete docset gets the defaults, silently
    assert main(["init", str(partial), "--output", str(tmp_path / "n.yml"), "--no-partial-export"]) == 0
    assert "missing_targets" not in (tmp_path / "n.yml").read_text()
    complete = make_docset(tmp_path / "complete", MIN_MISSING - 1)
    assert not export_completeness(complete).partial
    capsys.readouterr()
    assert main(["init", str(complete), "--output", str(tmp_path / "c.yml")]) == 0
    assert "partial export" not in capsys.readouterr().out
    assert "missing_targets" not in (tmp_path / "c.yml").read_text()


def test_extract_qa_check_end_with_one_summary_line_on_stderr(tmp_path, capsys):
    config = site(tmp_path, malformed=2, broken_links=1)
    docs = tmp_path / "docs"
    assert main(["extract", str(docs), "--format", "jsonl"]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == ["extract: 2 units from 1 pages (jsonl)"]
    assert main(["extract", str(docs), "--format", "po", "--output", str(tmp_path / "x.po")]) == 0
    assert capsys.readouterr().err.splitlines() == [f"extract: 2 units from 1 pages (po) to {tmp_path / 'x.po'}"]
    main(["qa", str(docs)])
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("qa: 1 pages, 2 units: ") and "errors," in err[0]
    assert main(["check", str(config)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "link check: 1 files, 1 references: 1 errors, 0 warnings, 0 info"]
