"""`mkdocs build --strict` of a partial export: `include_fallback` and `missing_targets` in the plugin config.

A tiny DocFX docset (TOC.yml, one page) lacks one include that the English
tree has, one that neither has, one TOC target, one linked page and so an anchor.
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
from mkdocs_sxs.mkdocs.log import LOGGER_NAME as PLUGIN_LOGGER  # the engine's plugin logger

PAGE = ("---\nms.locale: cs-CZ\n---\n# Stránka\n\n[!INCLUDE[e](includes/english.md)]\n\n"
        "[!INCLUDE[n](includes/nowhere.md)]\n\n"
        "Viz [chybějící stránku](gone-page.md) a [kotvu](index.md#z-vlozeneho).\n")
TOC = "- name: Stránka\n  href: index.md\n- name: Chybí\n  href: missing-page.md\n"


def project(tmp_path: Path, *, nowhere: bool = True, missing_page: bool = True) -> tuple[Path, Path]:
    docs, english = tmp_path / "cs" / "docset", tmp_path / "en" / "docset"
    (docs / "includes").mkdir(parents=True)
    (english / "includes").mkdir(parents=True)
    page = PAGE if nowhere else PAGE.split("[!INCLUDE[n]")[0]  # nothing missing but the English include
    (docs / "index.md").write_text(page, encoding="utf-8")
    (docs / "TOC.yml").write_text(TOC if missing_page else TOC.split("- name: Chybí")[0], encoding="utf-8")
    (english / "includes" / "english.md").write_text("Text only the English repository has.\n", encoding="utf-8")
    return docs, english


def init(tmp_path: Path, docs: Path, *options: str) -> Path:
    config = tmp_path / "mkdocs.yml"
    assert main(["init", str(docs), "--output", str(config), *options]) == 0
    return config


def sxs_messages(caplog: pytest.LogCaptureFixture, level: int) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == level and r.name.startswith(PLUGIN_LOGGER)]


def test_default_strict_build_fails_on_missing_targets(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    docs, english = project(tmp_path)
    config = init(tmp_path, docs, "--include-fallback", str(english))
    caplog.set_level(logging.INFO)
    with pytest.raises(Abort):
        build(load_config(str(config), strict=True))
    warnings = sxs_messages(caplog, logging.WARNING)
    assert any("missing-page.md" in w and "TOC entry" in w for w in warnings)
    assert any("nowhere.md" in w for w in warnings)
    assert any("gone-page.md" in w for w in warnings)
    # an anchor the missing include may hold
    assert any("#z-vlozeneho" in w and "includes missing files" in w for w in warnings)
    # found in the fallback: info, not a warning (the anchor's note names it as missing from the docset)
    assert not any("english.md" in w for w in warnings if "#z-vlozeneho" not in w)


@pytest.mark.parametrize("link_check", [True, False])
def test_partial_export_strict_build_passes_with_one_summary_line(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                                  link_check: bool) -> None:
    docs, english = project(tmp_path)
    config = init(tmp_path, docs, "--include-fallback", str(english), "--partial-export")
    written = yaml.safe_load(config.read_text(encoding="utf-8"))
    sxs = written["plugins"][1]["sxs"]
    assert sxs["missing_targets"] == "info" and sxs["include_fallback"] == "en/docset"  # relative to mkdocs.yml
    if not link_check:  # then the DocFX link rewriting reports the missing page, not the link check
        sxs["link_check"] = False
        config.write_text(yaml.safe_dump(written, allow_unicode=True), encoding="utf-8")
    caplog.set_level(logging.DEBUG)
    build(load_config(str(config), strict=True))
    assert not sxs_messages(caplog, logging.WARNING)
    infos = sxs_messages(caplog, logging.INFO)
    summary = [i for i in infos if i.startswith("missing targets:")]
    assert summary == ["missing targets: 1 missing include(s), "
                       "1 TOC entr(y/ies) to missing pages, 1 link(s) to missing files, "
                       "1 include(s) shown in English from the include "
                       "fallback (partial export: reported at info level; run with -v to list them)"]
    assert not any(name in i for i in infos for name in ("nowhere.md", "missing-page.md", "gone-page.md"))
    if link_check:  # the anchor is info: the page includes a missing file that may hold it
        assert any(i.startswith("index.md:") and "#z-vlozeneho" in i and i.endswith("(info level)") for i in infos)
    debug = sxs_messages(caplog, logging.DEBUG)  # listed only with -v
    assert all(any(name in d for d in debug) for name in ("nowhere.md", "missing-page.md", "gone-page.md"))
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Text only the English repository has." in html and "sxs-untranslated-label" in html
    assert "sxs-include-missing" in html  # missing in both: still the placeholder


def test_include_fallback_alone_makes_a_complete_export_pass(tmp_path: Path, caplog: pytest.LogCaptureFixture
                                                            ) -> None:
    docs, english = project(tmp_path, nowhere=False, missing_page=False)
    with pytest.raises(Abort):  # without the fallback the English-only include is missing
        build(load_config(str(init(tmp_path, docs)), strict=True))
    config = init(tmp_path, docs, "--force", "--include-fallback", str(english))
    caplog.clear()
    caplog.set_level(logging.INFO)
    build(load_config(str(config), strict=True))
    assert not sxs_messages(caplog, logging.WARNING)
    assert "missing targets: 1 include(s) shown in English from the include fallback" in sxs_messages(
        caplog, logging.INFO)


def test_init_rejects_a_fallback_that_is_not_a_folder(tmp_path: Path) -> None:
    docs, _ = project(tmp_path)
    assert main(["init", str(docs), "--output", str(tmp_path / "mkdocs.yml"),
                 "--include-fallback", str(tmp_path / "nope")]) == 2


def test_check_command_reads_the_partial_export_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs, english = project(tmp_path)
    assert main(["check", str(init(tmp_path, docs, "--include-fallback", str(english)))]) == 1
    report = capsys.readouterr().out
    assert "[not-localized]" in report and "english.md" in report  # in the English docset: not broken
    assert main(["check", str(init(tmp_path, docs, "--force", "--include-fallback", str(english),
                                   "--partial-export"))]) == 0
