"""In Chromium: no script injected through TUs or front matter runs (issue 7)."""

from __future__ import annotations

import pytest
from hostile_site import PAYLOADS
from support import launch_chromium, serve

pytestmark = pytest.mark.browser

PAGES = ("index.html", "bez-titulku.html")


@pytest.fixture(scope="module")
def server(hostile_site):
    with serve(hostile_site) as base:
        yield base.rstrip("/")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        instance = launch_chromium(playwright)
        yield instance
        instance.close()


def _hover(locator) -> None:
    if locator.is_visible():
        locator.hover(force=True, timeout=2000)


def test_no_script_on_generated_pages(server, browser, hostile_site):
    """Annotation index pages and the translation report, built from the same hostile units."""
    names = sorted(str(p.relative_to(hostile_site)) for p in hostile_site.rglob("*.html")
                   if p.name not in PAGES and p.name != "404.html")
    assert "sxs-translation-report.html" in names and len(names) >= 3
    page = browser.new_page()
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    for name in names:
        page.goto(f"{server}/{name}")
        page.wait_for_load_state("load")
        for element in page.locator("a, .sxs-tu, button").all()[:60]:
            _hover(element)
    page.wait_for_timeout(200)
    assert dialogs == [] and errors == []
    page.close()


@pytest.mark.parametrize("name", PAGES)
def test_no_injected_script_runs(server, browser, name):
    page = browser.new_page()
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error"
            and "Failed to load resource" not in message.text else None)
    page.goto(f"{server}/{name}")
    page.wait_for_load_state("load")
    # The author's own raw HTML (outside units) still runs: the check can see a script run.
    assert page.evaluate("window.sxsAuthorScriptRan") is True
    units = page.locator(".sxs-tu")
    count = units.count()
    assert count >= len(PAYLOADS) + 3
    for index in range(count):
        _hover(units.nth(index))
        units.nth(index).evaluate("el => { el.tabIndex = -1; el.focus(); }")  # as Alt+Shift+O focuses it
    for mode in ("source", "both", "target"):
        page.locator(f'.sxs-mode[data-sxs-mode="{mode}"]').first.click()
        page.wait_for_timeout(50)
        for index in range(count):
            _hover(units.nth(index))
    links = page.locator(".sxs-tu a")  # Ctrl+click: a javascript: URL would run, a page opens a tab
    for index in range(links.count()):
        if links.nth(index).is_visible():
            links.nth(index).click(modifiers=["Control"], no_wait_after=True, force=True, timeout=2000)
    page.wait_for_timeout(200)
    assert dialogs == []
    assert errors == []

    # The injected text is shown as text.
    page.locator('.sxs-mode[data-sxs-mode="target"]').first.click()
    body = page.locator("article").inner_text()
    assert 'Upraveno <script>alert("pe-script")</script>' in body  # a post-edit from translations/
    assert '<script>alert("t-span-break2-break2")</script>' in body
    assert "<svg/onload=" in body
    page.locator('.sxs-mode[data-sxs-mode="source"]').first.click()
    body = page.locator("article").inner_text()
    assert '<script>alert("s-script-script")</script>' in body
    assert page.title().startswith(("Titulek </title><script>", "Nadpis </title><script>"))
    page.close()


# -- Issue 17: the whole repository is hostile (tests/hostile_repository.py) ---------------------------


@pytest.fixture(scope="module")
def repository_site(tmp_path_factory):
    from hostile_repository import build_repository

    return build_repository(tmp_path_factory.mktemp("hostile-repository"))


@pytest.fixture(scope="module")
def repository_server(repository_site):
    with serve(repository_site) as base:
        yield base.rstrip("/")


def test_no_script_from_metadata_toc_landing_faq_redirects_or_link_quotes(repository_server, browser,
                                                                        repository_site):
    """Front matter lists/mappings, titleSuffix, TOC/Landing `javascript:` links, FAQ Markdown,
    redirects, and units whose link destinations hold a quote (finding 21), hostile text on both sides."""
    names = sorted(str(p.relative_to(repository_site)) for p in repository_site.rglob("*.html"))
    assert {"index.html", "list-title/index.html", "map-title/index.html", "faq/index.html", "404.html"} <= set(names)
    page = browser.new_page()
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    for name in names:
        page.goto(f"{repository_server}/{name}")
        page.wait_for_load_state("load")
        for mode in ("both", "target"):
            switch = page.locator(f'.sxs-mode[data-sxs-mode="{mode}"]')
            if switch.count():
                switch.first.click()
        for element in page.locator("a, .sxs-tu, img, nav li").all()[:80]:
            if element.is_visible():
                element.hover(force=True, timeout=10000)  # generous: a shared 2-core CI
        # Ctrl+click every link: a javascript: URL would run, a page opens a tab (closed below)
        links = page.locator("a[href]")
        for index in range(min(links.count(), 60)):
            if links.nth(index).is_visible():
                links.nth(index).click(modifiers=["Control"], no_wait_after=True, force=True, timeout=10000)
        for extra in page.context.pages[1:]:
            extra.close()
    page.goto(f"{repository_server}/list-title/")
    page.wait_for_load_state("load")
    # Finding 21: no unit markup inside an attribute; the English original keeps its own link
    titles = page.evaluate("[...document.querySelectorAll('[title]')].map(e => e.getAttribute('title'))")
    assert not any("sxs-" in title or "</span" in title for title in titles), titles
    assert page.locator('.sxs-tu[data-sxs-id="q-1"] .sxs-s a').count() == 1
    assert "onmouseover" in page.locator('.sxs-tu[data-sxs-id="q-2"]').inner_text()  # shown as text
    assert page.title().startswith("<img src=x onerror=alert('fm-list-title')>")
    page.wait_for_timeout(200)
    assert dialogs == [] and errors == []
    page.close()
