"""Post-edits and the translation report in a real MkDocs build of the demo project."""

from __future__ import annotations

import filecmp
import logging
import re
import shutil
from pathlib import Path

import polib
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs_sxs.cli import main
from mkdocs_sxs.mkdocs.log import LOGGER_NAME as PLUGIN_LOGGER  # the engine's plugin logger

ROOT = Path(__file__).resolve().parents[2]
SEED = "customer-communication-from-microsoft"


def make_project(folder: Path, extra_plugin_options: str = "") -> Path:
    folder.mkdir(parents=True)
    shutil.copytree(ROOT / "docs", folder / "docs")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if extra_plugin_options:
        config = config.replace("  - sxs\n", "  - sxs:\n" + extra_plugin_options, 1)
        assert extra_plugin_options in config
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder


def build_site(project: Path) -> Path:
    site = project / "site"
    build(load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site)))
    return site


def differing_files(left: Path, right: Path) -> list[str]:
    different = []
    for path in sorted(left.rglob("*")):
        if path.is_file():
            other = right / path.relative_to(left)
            if not other.is_file() or not filecmp.cmp(path, other, shallow=False):
                different.append(path.relative_to(left).as_posix())
    extra = [p for p in right.rglob("*") if p.is_file() and not (left / p.relative_to(right)).exists()]
    return different + [p.relative_to(right).as_posix() for p in extra]


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(make_project(tmp_path_factory.mktemp("plain") / "project"))


def test_unchanged_catalogs_build_byte_identical(baseline: Path, tmp_path: Path):
    project = make_project(tmp_path / "project")
    translations = project / "translations"
    translations.mkdir()
    assert main(["extract", str(project), "--format", "po", "--output", str(translations)]) == 0
    assert (translations / "cs-CZ" / f"{SEED}.po").is_file()
    site = build_site(project)
    assert differing_files(baseline, site) in ([], ["sitemap.xml.gz"])


def test_one_post_edit_changes_only_that_sentence(baseline: Path, tmp_path: Path,
                                                  caplog: pytest.LogCaptureFixture):
    project = make_project(tmp_path / "project")
    translations = project / "translations"
    translations.mkdir()
    assert main(["extract", str(project), "--format", "po", "--output", str(translations)]) == 0
    po_path = translations / "cs-CZ" / f"{SEED}.po"
    catalog = polib.pofile(str(po_path))
    # units 1 and 2 are the page's annotations (rendered as chips, see test_annotations_render.py)
    edited = catalog[3]
    stale = catalog[4]
    edited.msgstr = "**Platí pro**: Partnerské centrum <img src=x onerror=alert(1)> (upraveno)"
    stale.msgid = "An English sentence that has since changed"
    stale.msgstr = "Zastaralá úprava"
    catalog.save()
    with caplog.at_level(logging.WARNING, logger=PLUGIN_LOGGER):
        site = build_site(project)
    # the page and the search index (which holds the page's text) change, nothing else
    changed = set(differing_files(baseline, site)) - {"sitemap.xml.gz"}
    assert changed == {f"{SEED}/index.html", "search/search_index.json"}
    assert "(upraveno)" in (site / "search" / "search_index.json").read_text(encoding="utf-8")
    old = (baseline / SEED / "index.html").read_text(encoding="utf-8")
    new = (site / SEED / "index.html").read_text(encoding="utf-8")
    unit_id = edited.msgctxt.split("#")[1]
    pattern = re.compile(r'<span class="sxs-tu[^"]*" data-sxs-id="' + re.escape(unit_id) + r'".*?</span></span>')
    before, after = pattern.search(old).group(0), pattern.search(new).group(0)
    assert "sxs-edited" in after and "sxs-edited" not in before
    assert "(upraveno)" in after and "&lt;img src=x onerror=alert(1)&gt;" in after and "<img" not in after
    # the English original stays in the tooltip / parallel view
    assert 'lang="en" data-search-exclude>' + edited.msgid.replace("**Applies to**", "<strong>Applies to</strong>") \
        in after
    assert pattern.sub("", old) == pattern.sub("", new)
    assert "Zastaralá úprava" not in new
    warnings = [record.getMessage() for record in caplog.records]
    assert any("stale post-edit" in message and "An English sentence that has since changed" in message
               and stale.msgid != message for message in warnings)


def test_translation_report_page_and_review_assets(tmp_path: Path):
    project = make_project(tmp_path / "project", "      translation_report: true\n")
    translations = project / "translations"
    translations.mkdir()
    assert main(["extract", str(project), "--format", "po", "--output", str(translations)]) == 0
    catalog = polib.pofile(str(translations / "cs-CZ" / f"{SEED}.po"))
    catalog[3].msgstr = catalog[3].msgid  # a post-edit that copies the English: QA sees the edited text
    catalog[4].msgid = "Since changed <English>"
    catalog[4].msgstr = "Stará úprava"
    catalog.save()
    site = build_site(project)
    report = (site / "sxs-translation-report" / "index.html").read_text(encoding="utf-8")
    edited_id, stale_id = catalog[3].msgctxt.split("#")[1], catalog[4].msgctxt.split("#")[1]
    assert re.search(rf'post-edited: <a href="\.\./{SEED}/#tu-{edited_id}">', report)
    assert re.search(rf'\[untranslated\] line \d+: <a href="\.\./{SEED}/#tu-{edited_id}">', report)
    assert re.search(rf'stale post-edit: <a href="\.\./{SEED}/#tu-{stale_id}">.*Since changed &lt;English&gt;', report)
    assert "<English>" not in report
    assert f'href="../{SEED}/"' in report
    links = re.findall(r'href="\.\./([^"#]+)#tu-([^"]+)"', report)
    for page_dir, unit_id in links:
        assert f'id="tu-{unit_id}"' in (site / page_dir / "index.html").read_text(encoding="utf-8")
    assert (site / "assets" / "sxs" / "sxs-review.js").is_file()
    page = (site / SEED / "index.html").read_text(encoding="utf-8")
    assert "sxs-review.js" in page and "sxs-review.css" in page
    rows = re.findall(r"<tr><td><a href=\"[^\"]+\">([^<]+)</a></td><td>(\d+)</td>", report)
    assert (f"{SEED}.md", str(page.count('class="sxs-tu'))) in rows


def test_report_off_by_default(baseline: Path):
    assert not (baseline / "sxs-translation-report").exists()
    assert "sxs-review" not in (baseline / SEED / "index.html").read_text(encoding="utf-8")
