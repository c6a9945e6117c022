"""The review preview in a browser: the toggle shows TU ids and QA flags, report links land on the unit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from support import launch_chromium

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
SEED = "customer-communication-from-microsoft"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("review")
    shutil.copytree(ROOT / "docs", project / "docs")
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("  - sxs\n", "  - sxs:\n      translation_report: true\n", 1)
    # one unit the QA flags (untranslated), so the page has a flag to show
    page = project / "docs" / f"{SEED}.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "Pokyny pro úspěšnou komunikaci zákazníků s Microsoftem",
        "Guidelines for successful customer communication with Microsoft", 1), encoding="utf-8")
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    build(load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / "site")))
    return project / "site"


def test_toggle_shows_ids_and_flags_and_report_links_to_units(site: Path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            page = browser.new_page()
            page.goto((site / SEED / "index.html").as_uri())
            flagged = page.locator(".sxs-tu[data-sxs-qa]").first
            assert "untranslated" in flagged.get_attribute("data-sxs-qa")
            before = flagged.evaluate("e => getComputedStyle(e, '::after').content")
            assert before in ("none", "normal")
            page.click(".sxs-review-toggle")
            assert page.evaluate("document.documentElement.classList.contains('sxs-review')")
            assert "untranslated" in flagged.evaluate("e => getComputedStyle(e, '::after').content")
            first = page.locator(".sxs-tu").first
            assert first.get_attribute("data-sxs-id") in first.evaluate("e => getComputedStyle(e, '::before').content")
            page.click(".sxs-review-toggle")
            assert not page.evaluate("document.documentElement.classList.contains('sxs-review')")

            page.goto((site / "sxs-translation-report" / "index.html").as_uri())
            link = page.locator("a[href*='#tu-']").first
            href = link.get_attribute("href")
            # file:// has no directory index: follow the link to the folder's index.html
            target = page.evaluate("h => new URL(h, location.href).href", href).replace("/#", "/index.html#")
            page.goto(target)
            unit_id = href.split("#tu-")[1]
            assert page.evaluate("location.hash") == f"#tu-{unit_id}"
            assert page.locator(f"#tu-{unit_id}").get_attribute("data-sxs-id") == unit_id
        finally:
            browser.close()
