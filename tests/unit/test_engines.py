"""MkDocs and ProperDocs alike: the plugin logs through the running engine, the commands read properdocs.yml.

ProperDocs (MkDocs 1.x's continuation) runs our plugin by aliasing `mkdocs.*`
imports to `properdocs.*`; its `--strict` counts warnings on the `properdocs`
logger only, so a plugin logging to `mkdocs.plugins.sxs` would pass `--strict`
with broken units. Each build here runs in a subprocess of the named engine.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from mkdocs_sxs.cli import main
from support import ENGINES, mkdocs_build_command, mkdocs_env

LOOKUP = '<span class="sxs-lookup">'
MALFORMED_PAGE = (
    "---\nms.contentlocale: cs-CZ\n---\n# Stránka\n\n"
    f'<span data-ttu-id="a-1">Věta s chybou.</span>{LOOKUP}<span data-stu-id="a-2">A faulty sentence.</span></span>\n\n'
    "[Odkaz](chybi.md)\n\n"
    f'<span data-ttu-id="a-3">**Platí pro**: Partnerské centrum</span>{LOOKUP}'
    '<span data-stu-id="a-3">**Applies to**: Partner Center</span></span>\n'
)


def _project(root: Path, config_name: str) -> Path:
    docs = root / "site-src"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text(MALFORMED_PAGE, encoding="utf-8")
    (root / config_name).write_text(
        "site_name: E\ndocs_dir: site-src\ntheme:\n  name: mkdocs\nplugins:\n  - sxs:\n"
        "      link_levels: {broken: error}\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("engine", ENGINES)
def test_plugin_warnings_fail_strict_on_either_engine(tmp_path: Path, engine: str) -> None:
    project = _project(tmp_path, "mkdocs.yml")
    plain = subprocess.run(mkdocs_build_command(project / "mkdocs.yml", engine=engine), env=mkdocs_env(),
                           capture_output=True, text=True, timeout=300)
    assert plain.returncode == 0, plain.stderr
    # the engine prints our messages as its own (its handler, its level prefix)
    assert "WARNING" in plain.stderr and "a-1" in plain.stderr and "chybi.md" in plain.stderr, plain.stderr
    strict = subprocess.run(mkdocs_build_command(project / "mkdocs.yml", "--strict", engine=engine),
                            env=mkdocs_env(), capture_output=True, text=True, timeout=300)
    assert strict.returncode != 0, strict.stderr
    assert "warnings" in strict.stderr.lower(), strict.stderr


def test_properdocs_finds_properdocs_yml_without_f(tmp_path: Path) -> None:
    project = _project(tmp_path, "properdocs.yml")
    run = subprocess.run(["python3", "-m", "properdocs", "build"], cwd=project, env=mkdocs_env(),
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert (project / "site" / "index.html").is_file()
    assert "sxs-tu" in (project / "site" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("config_name", ["properdocs.yml", "mkdocs.yml"])
def test_commands_read_the_project_config_of_either_engine(tmp_path: Path, capsys, config_name: str) -> None:
    project = _project(tmp_path, config_name)
    assert main(["check", str(project), "--format", "json"]) == 1  # chybi.md: broken, an error
    report = json.loads(capsys.readouterr().out)
    assert [f["path"] for f in report["findings"] if f["category"] == "broken"] == ["index.md"]
    assert main(["extract", str(project), "--format", "jsonl", "--output", str(tmp_path / "units.jsonl")]) == 0
    units = [json.loads(line) for line in (tmp_path / "units.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {unit["id"] for unit in units} == {"a-1", "a-3"}
    capsys.readouterr()
    main(["qa", str(project), "--format", "json"])
    findings = json.loads(capsys.readouterr().out)
    assert any("a-1" in json.dumps(finding) for finding in findings["findings"]), findings
    assert main(["annotations", str(project), "--format", "json"]) == 0
    pages = json.loads(capsys.readouterr().out)["pages"]
    assert [page["page"] for page in pages] == ["index.md"] and pages[0]["applies_to"], pages


IN_PROCESS_PROPERDOCS = """
import sys
import properdocs.replacement  # noqa: F401  (what `properdocs` does first: mkdocs.* imports become properdocs.*)
from properdocs.commands.build import build
from properdocs.config import load_config
from properdocs.exceptions import Abort
try:
    build(load_config(sys.argv[1], strict=True))
except Abort as error:
    print("aborted:", error)
    sys.exit(3)
"""


def test_properdocs_strict_counts_plugin_warnings_in_process(tmp_path: Path) -> None:
    """Without the CLI, ProperDocs counts warnings on its own logger only: ours must be under it."""
    project = _project(tmp_path, "properdocs.yml")
    run = subprocess.run(["python3", "-c", IN_PROCESS_PROPERDOCS, str(project / "properdocs.yml")],
                         env=mkdocs_env(), capture_output=True, text=True, timeout=300)
    assert run.returncode == 3 and "aborted" in run.stdout, (run.stdout, run.stderr)
