"""Review mode in Chromium: open a unit, edit and save with the keyboard, see the edit, navigate, undo,
a conflict between two tabs and a stale unit (`mkdocs-sxs review`, served from a thread)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs_sxs.core.translation.formats import read_catalog
from mkdocs_sxs.review.server import ReviewServer, start, stop
from mkdocs_sxs.review.site import ReviewSite
from review_fixture import PAGE, write_project

pytestmark = pytest.mark.browser
KEY = f"{PAGE}#r1-102"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ReviewServer]:
    config = write_project(tmp_path)
    running, thread = start(ReviewSite(config, tmp_path / "site"))
    try:
        yield running
    finally:
        stop(running, thread)


def open_page(browser: object, server: ReviewServer) -> object:
    context = browser.new_context(viewport={"width": 1280, "height": 800})  # type: ignore[attr-defined]
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    page.goto(server.url + "guide/")
    page.wait_for_selector("html[data-sxs-review=ready]")
    return page


def unit(page: object, unit_id: str) -> object:
    return page.locator(f'article .sxs-tu[data-sxs-id="r1-{unit_id}"]')  # type: ignore[attr-defined]


def saved_entries(server: ReviewServer) -> dict[str, object]:
    path = server.edits.translations / "cs-CZ" / "guide.po"
    return {entry.key: entry for entry in read_catalog(path)} if path.exists() else {}


def status(page: object) -> str:
    return page.locator(".sxs-r-status").text_content()  # type: ignore[attr-defined]


def test_open_edit_save_and_see_the_edit(browser: object, server: ReviewServer):
    page = open_page(browser, server)
    assert "Reviewed 0 / edited 0 / total 6" in page.locator(".sxs-r-counts").text_content()
    unit(page, "102").click()
    panel = page.locator(".sxs-review-panel")
    assert panel.is_visible()
    assert page.locator(".sxs-r-source .sxs-r-text").text_content() == "The first sentence."
    assert page.locator(".sxs-r-machine .sxs-r-text").text_content() == "První věta."
    editor = page.locator(".sxs-r-edit textarea")
    assert editor.input_value() == "První věta." and editor.evaluate("e => e === document.activeElement")
    page.keyboard.press("Control+a")
    page.keyboard.type("První **opravená** věta.")
    page.keyboard.press("Control+Enter")
    page.wait_for_function("document.querySelector('.sxs-r-status').textContent.startsWith('saved')")
    assert unit(page, "102").locator(".sxs-t").inner_html() == "První <strong>opravená</strong> věta."
    assert "sxs-edited" in unit(page, "102").get_attribute("class")
    assert "Reviewed 1 / edited 1 / total 6" in page.locator(".sxs-r-counts").text_content()
    assert saved_entries(server)[KEY].target == "První **opravená** věta."
    page.reload()
    page.wait_for_selector("html[data-sxs-review=ready]")
    assert unit(page, "102").locator(".sxs-t").inner_html() == "První <strong>opravená</strong> věta."
    assert not page.errors


def test_keyboard_navigation_qa_findings_and_keep(browser: object, server: ReviewServer):
    page = open_page(browser, server)
    unit(page, "101").focus()
    page.keyboard.press("Enter")
    title = page.locator(".sxs-r-title")
    assert "r1-101" in title.text_content()
    page.keyboard.press("Alt+ArrowDown")
    assert "r1-102" in title.text_content()
    assert "sxs-r-current" in unit(page, "102").get_attribute("class")
    page.keyboard.press("Alt+ArrowUp")
    assert "r1-101" in title.text_content()
    page.keyboard.press("Alt+q")  # the next unit with a QA finding: 104 (untranslated)
    assert "r1-104" in title.text_content()
    assert "untranslated" in page.locator(".sxs-r-qa .sxs-r-text").text_content()
    page.keyboard.press("Alt+q")
    assert "r1-105" in title.text_content()
    assert "numbers" in page.locator(".sxs-r-qa .sxs-r-text").text_content()
    page.keyboard.press("Alt+k")  # keep the machine translation
    page.wait_for_function("document.querySelector('.sxs-r-status').textContent.startsWith('machine translation kept')")
    assert "Reviewed 1 / edited 0 / total 6" in page.locator(".sxs-r-counts").text_content()
    assert saved_entries(server)[f"{PAGE}#r1-105"].reviewed
    page.keyboard.press("Escape")
    assert not page.locator(".sxs-review-panel").is_visible()
    assert page.evaluate("document.activeElement.getAttribute('data-sxs-id')") == "r1-105"
    assert not page.errors


def test_undo_the_last_save(browser: object, server: ReviewServer):
    page = open_page(browser, server)
    unit(page, "103").click()
    page.keyboard.press("Control+a")
    page.keyboard.type("Druhá, opravená věta.")
    page.keyboard.press("Control+Enter")
    page.wait_for_function("document.querySelector('.sxs-r-status').textContent.startsWith('saved')")
    assert unit(page, "103").locator(".sxs-t").text_content() == "Druhá, opravená věta."
    page.keyboard.press("Alt+u")
    page.wait_for_function("document.querySelector('.sxs-r-status').textContent.startsWith('undone')")
    assert unit(page, "103").locator(".sxs-t").text_content() == "Druhá věta."
    assert page.locator(".sxs-r-edit textarea").input_value() == "Druhá věta."
    assert "Reviewed 0 / edited 0 / total 6" in page.locator(".sxs-r-counts").text_content()
    assert saved_entries(server)[f"{PAGE}#r1-103"].target == "Druhá věta."
    assert not page.errors


def test_two_tabs_saving_the_same_unit_get_a_conflict(browser: object, server: ReviewServer):
    first, second = open_page(browser, server), open_page(browser, server)
    for tab, text in ((first, "Z první záložky."), (second, "Z druhé záložky.")):
        unit(tab, "102").click()
        tab.locator(".sxs-r-edit textarea").fill(text)
    first.locator(".sxs-r-save").click()
    first.wait_for_function("document.querySelector('.sxs-r-status').textContent.startsWith('saved')")
    second.keyboard.press("Control+Enter")
    second.wait_for_function("document.querySelector('.sxs-r-status').textContent.startsWith('Conflict')")
    assert "Z první záložky." in status(second)
    assert second.locator(".sxs-r-edit textarea").input_value() == "Z druhé záložky."  # nothing lost
    assert saved_entries(server)[KEY].target == "Z první záložky."
    second.keyboard.press("Control+Enter")  # saving again after seeing the conflict is deliberate
    second.wait_for_function("document.querySelector('.sxs-r-status').textContent.startsWith('saved')")
    assert saved_entries(server)[KEY].target == "Z druhé záložky."
    assert unit(second, "102").locator(".sxs-t").text_content() == "Z druhé záložky."


def test_a_stale_unit_shows_both_english_texts_and_is_not_overwritten_silently(browser: object,
                                                                               server: ReviewServer):
    page = open_page(browser, server)
    unit(page, "102").click()
    page.locator(".sxs-r-edit textarea").fill("Upravená věta.")
    page.keyboard.press("Control+Enter")
    page.wait_for_function("document.querySelector('.sxs-r-status').textContent.startsWith('saved')")
    source = server.edits.docs / PAGE
    source.write_text(source.read_text(encoding="utf-8").replace("The first sentence.", "The first line."),
                      encoding="utf-8")
    page.reload()
    page.wait_for_selector("html[data-sxs-review=ready]")
    assert "sxs-r-stale" in unit(page, "102").get_attribute("class")
    # the page was rebuilt from the changed source: a stale edit is not shown, as in a clean build
    assert unit(page, "102").locator(".sxs-t").text_content() == "První věta."
    assert unit(page, "102").locator(".sxs-s").text_content() == "The first line."
    unit(page, "102").click()
    box = page.locator(".sxs-r-stale-box")
    assert box.is_visible()
    assert "English when edited: The first sentence." in box.text_content()
    assert "English now: The first line." in box.text_content()
    page.locator(".sxs-r-edit textarea").fill("Nový první řádek.")
    page.keyboard.press("Control+Enter")
    page.wait_for_function("document.querySelector('.sxs-r-status').classList.contains('sxs-r-problem')")
    assert "English source changed" in status(page)
    assert saved_entries(server)[KEY].target == "Upravená věta."
    page.locator(".sxs-r-confirm").check()
    page.locator(".sxs-r-edit textarea").focus()
    page.keyboard.press("Control+Enter")
    page.wait_for_function("document.querySelector('.sxs-r-status').textContent.startsWith('saved')")
    entry = saved_entries(server)[KEY]
    assert (entry.source, entry.target) == ("The first line.", "Nový první řádek.")
    assert unit(page, "102").locator(".sxs-t").text_content() == "Nový první řádek."
    assert not box.is_visible()
