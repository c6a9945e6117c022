"""The link check inside `mkdocs build`: one message per link, --strict fails on errors, rebuilds re-check."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

LOOKUP = '<span class="sxs-lookup"><span data-stu-id="{0}">{1}</span></span>'
PAGE = (
    "# Úvod\n\n"
    '<span data-ttu-id="a-1">Viz [chybí](missing.md).</span>' + LOOKUP.format("a-1", "See [missing](missing.md).")
    + '\n<span data-ttu-id="a-2">Viz [kotva](other.md#nic).</span>'
    + LOOKUP.format("a-2", "See [anchor](other.md#nic).") + "\n![x](media/x.png)\n"
)


def project(tmp_path: Path, options: str = "") -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "docs" / "other.md").write_text("# Jiná\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(f"site_name: t\nplugins:\n  - sxs{options}\n", encoding="utf-8")
    return tmp_path / "mkdocs.yml"


def messages(caplog, level: int) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == level]


def test_strict_build_fails_once_per_link_with_file_line_and_column(tmp_path, caplog):
    config_file = project(tmp_path)
    caplog.set_level(logging.INFO)
    with pytest.raises(Abort):
        build(load_config(str(config_file), strict=True))
    warnings = messages(caplog, logging.WARNING)
    # MkDocs' own validation would name missing.md twice (translation and English original).
    assert [w for w in warnings if "missing.md" in w] == [
        "index.md:3:37: link 'missing.md' points at 'missing.md', which does not exist [broken]"]
    assert any(w.startswith("index.md:4:37: ") and "[anchor-missing]" in w for w in warnings)
    infos = messages(caplog, logging.INFO)
    # No "INFO - warning: …" line: the finding's own level follows its category.
    assert any(i.startswith("index.md:5:6: ") and i.endswith("[media-missing] (warning level)") for i in infos)
    assert not any(i.startswith(("warning:", "info:")) for i in infos)
    assert "link check: 2 files, 3 references: 2 errors, 1 warnings, 0 info" in infos
    report = (tmp_path / "sxs-build-report.txt").read_text(encoding="utf-8")
    assert "## anchor-missing (warning): 1" in report and "[media-missing] (warning level)" in report


def test_levels_from_the_plugin_config_and_rechecks_after_a_rebuild(tmp_path, caplog):
    config_file = project(tmp_path, ":\n      link_levels:\n        broken: info\n        anchor-missing: warning")
    caplog.set_level(logging.INFO)
    build(load_config(str(config_file), strict=True))
    assert not messages(caplog, logging.WARNING)
    config = load_config(str(config_file))
    build(config)
    caplog.clear()
    # As under `mkdocs serve --dirty`: only other.md changed, index.md is re-checked anyway.
    (tmp_path / "docs" / "other.md").write_text("# Jiná\n\n<a name=\"nic\"></a>\n", encoding="utf-8")
    build(config, dirty=True)
    infos = messages(caplog, logging.INFO)
    assert "link check: 2 files, 3 references: 0 errors, 1 warnings, 1 info" in infos
    assert not any("anchor-missing" in i for i in infos)
    assert any(i.startswith("index.md:3:37") and "[broken] (info level)" in i for i in infos)
