"""DocFX TOC in a real browser: `expanded: true` opens its section; the breadcrumb trail is shown.

Fixture docset tests/fixtures/xref/docs: the "Guide" section is `expanded: true`, "Sub area" is not.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import launch_chromium, serve

pytestmark = pytest.mark.browser

DOCSET = Path(__file__).resolve().parents[1] / "fixtures" / "xref" / "docs"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs_sxs.cli import main

    work = tmp_path_factory.mktemp("docfx-toc-site")
    config = work / "mkdocs.yml"
    assert main(["init", str(DOCSET), "--output", str(config)]) == 0
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


def _toggle_of(page, title: str):
    return page.locator(".md-nav--primary .md-nav__item--nested", has=page.locator(
        f"label.md-nav__link:has-text('{title}')")).first.locator("> input.md-nav__toggle")


def test_expanded_section_is_open_and_others_are_not(site_url, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(site_url + "sub/d/")                        # a page outside the expanded section
    assert _toggle_of(page, "Guide").is_checked()
    assert page.locator(".md-nav--primary a:has-text('Stránka A')").first.is_visible()
    page.goto(site_url + "a/")
    assert not _toggle_of(page, "Sub area").is_checked()  # not expanded, not the current page's section
    page.close()


def test_breadcrumb_trail_is_shown_above_the_page(site_url, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(site_url + "sub/d/")
    crumbs = page.locator("nav.sxs-breadcrumb li").all_inner_texts()
    assert [c.strip(" /") for c in crumbs] == ["Docs", "Fixture", "Sub area"]
    box = page.locator("nav.sxs-breadcrumb").bounding_box()
    heading = page.locator("article h1").bounding_box()
    assert box is not None and heading is not None and box["y"] < heading["y"]
    tops = {round(item.bounding_box()["y"]) for item in page.locator("nav.sxs-breadcrumb li").all()}
    assert len(tops) == 1                                  # one line, as on Learn (not a list down the page)
    page.close()
