"""Annotation chips and role pages in a real browser, on a site built from the fixture pages."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from support import launch_chromium, serve

pytestmark = pytest.mark.browser

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "annotations"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    work = tmp_path_factory.mktemp("annotations-site")
    config = work / "mkdocs.yml"
    config.write_text(
        f"site_name: Fixtures\ndocs_dir: {json.dumps(str(PAGES))}\nsite_dir: {json.dumps(str(work / 'site'))}\n"
        "theme:\n  name: material\n  language: cs\nplugins:\n  - search\n  - sxs\n",
        encoding="utf-8",
    )
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    build(load_config(str(config)))
    with serve(work / "site") as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


def visible_titles(page) -> list[str]:
    return page.locator(".sxs-ann-pages > li:visible a").all_inner_texts()


def test_filter_role_pages_by_a_second_role(site_url, browser):
    page = browser.new_page()
    page.goto(site_url + "roles/global-admin/")
    assert page.locator(".sxs-ann-filter").is_visible()
    assert len(visible_titles(page)) == 3
    page.select_option(".sxs-ann-filter select", "roles:Admin agent")
    assert sorted(visible_titles(page)) == ["Indirekte Anbieter", "Zarządzanie użytkownikami"]
    assert page.locator(".sxs-ann-shown").inner_text() == "2"
    page.select_option(".sxs-ann-filter select", "applies_to:Partner Center")
    assert sorted(visible_titles(page)) == ["Indirekte Anbieter", "Партнерский центр"]
    page.select_option(".sxs-ann-filter select", "")
    assert len(visible_titles(page)) == 3
    # a filter can be linked to
    page.goto(site_url + "roles/global-admin/?also=roles:Helpdesk%20agent")
    assert visible_titles(page) == ["Партнерский центр"]
    page.close()


def test_chips_follow_the_language_switch_and_link_to_the_role_page(site_url, browser):
    page = browser.new_page()
    page.goto(site_url + "cs-line/")
    chip = page.locator('.sxs-ann-roles a.sxs-ann-chip[data-sxs-name="Helpdesk agent"]')
    assert chip.inner_text() == "Agent helpdesku"
    page.click('.sxs-mode[data-sxs-mode="source"]')
    assert chip.inner_text() == "Helpdesk agent"
    assert page.locator(".sxs-ann-roles .sxs-ann-label").inner_text() == "Appropriate roles"
    page.click('.sxs-mode[data-sxs-mode="target"]')
    chip.click()
    page.wait_for_url("**/roles/helpdesk-agent/")
    assert page.locator("h1").inner_text() == "Agent helpdesku"
    assert "Komunikace se zákazníkem" in visible_titles(page)
    # the role page has the language switch too
    page.click('.sxs-mode[data-sxs-mode="source"]')
    assert page.locator("h1").inner_text() == "Helpdesk agent"
    page.close()
