"""Accessibility of what mkdocs-sxs adds to a page (issue 14 §1), in Chromium.

- axe-core (installed from the npm registry by scripts/setup, outside the
  repository) runs on the seed page in the three views and with a tooltip
  open, on a role index page, and on a DocFX landing and FAQ page. A
  violation fails the test when it is serious or critical and one of its
  nodes is our markup: an element with an `sxs-` class or inside one, or
  anything in the article of a page we generate (landing, FAQ, role pages).
  Material's own findings are printed, not failed on (not ours to fix).
- Tab stops: no element that is not a control or a link is in the Tab order.
- A keyboard-only walkthrough: Tab to a link, Alt+Shift+O on the sentence,
  arrow keys, Escape, the switch and the hover toggle, all without a mouse.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from support import ROOT, mkdocs_build_command, mkdocs_env, serve

from .conftest import LAYOUT_PAGE, SEED

pytestmark = pytest.mark.browser

AXE_DIR = Path(os.environ.get("SXS_AXE_DIR") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
               / "mkdocs-sxs" / "axe")
AXE_JS = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
DOCFX_DOCS = ROOT / "tests" / "fixtures" / "docfx" / "repo" / "docs"
ORIGINAL_KEY = "Alt+Shift+O"

# Ours: our classes (page bar, units, annotation block, DocFX output) and the article of generated pages.
OURS_JS = """(selector) => {
    const el = document.querySelector(selector);
    if (!el) return false;
    if (el.closest('[class*="sxs-"]:not(html)')) return true;
    const generated = document.documentElement.getAttribute('data-sxs-generated');
    if (generated === 'all') return !!el.closest('.md-content');           /* annotation pages: all ours */
    /* DocFX YAML pages: the title and the headings we write from the YAML; answers are the author's Markdown */
    return generated === 'yaml' && !!el.closest('.md-content h1, .md-content h2, .md-content h3');
}"""


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE_JS.is_file():
        message = f"{AXE_JS} not found: run scripts/setup (npm install axe-core)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE_JS.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def docfx_url(tmp_path_factory) -> object:
    """The DocFX fixture docset (landing page from index.yml, FAQ from faq.yml)."""
    work = tmp_path_factory.mktemp("a11y-docfx")
    config = work / "mkdocs.yml"
    config.write_text(
        f"site_name: Fixture\ndocs_dir: {json.dumps(str(DOCFX_DOCS))}\nsite_dir: {json.dumps(str(work / 'site'))}\n"
        "theme:\n  name: material\n  language: cs\nplugins:\n  - search\n  - sxs\n", encoding="utf-8")
    result = subprocess.run(mkdocs_build_command(config, "-q"), env=mkdocs_env(), capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 0, result.stderr
    with serve(work / "site") as url:
        yield url


def open_page(page, url: str, mode: str | None = None) -> None:
    if mode:
        page.add_init_script(f"try {{ localStorage.setItem('sxs-mode', '{mode}') }} catch (e) {{}}")
    page.goto(url)
    page.wait_for_function("document.documentElement.classList.contains('sxs-js')")


def run_axe(page, axe_source: str, *, generated: str = "") -> list[dict]:
    """Serious and critical axe violations whose nodes are our markup (others are printed)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    if generated:
        page.evaluate("g => document.documentElement.setAttribute('data-sxs-generated', g)", generated)
    results = page.evaluate("""() => axe.run(document, {resultTypes: ['violations'],
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})""")
    ours, theirs = [], []
    for violation in results["violations"]:
        if violation["impact"] not in ("serious", "critical"):
            continue
        nodes = [node for node in violation["nodes"]
                 if any(page.evaluate(OURS_JS, target) for target in node["target"] if isinstance(target, str))]
        record = {"id": violation["id"], "impact": violation["impact"], "help": violation["help"],
                  "nodes": [node["html"][:200] for node in (nodes or violation["nodes"])[:5]]}
        (ours if nodes else theirs).append(record)
    if theirs:
        print(f"axe, not our markup ({page.url}):", json.dumps(theirs, ensure_ascii=False, indent=1))
    return ours


def open_tip_by_key(page) -> str:
    """Focus the first sentence with the original key; return its unit id."""
    page.locator("article h1").first.click()  # a caret in the page, no focus on a control
    page.keyboard.press(ORIGINAL_KEY)
    page.wait_for_function("document.querySelector('.sxs-tu.sxs-open')")
    return page.evaluate("document.activeElement.dataset.sxsId")


@pytest.mark.parametrize("mode", ["target", "source", "both"])
def test_axe_seed_page_in_every_view(page, site_url: str, axe_source: str, mode: str) -> None:
    open_page(page, f"{site_url}{SEED}/", mode)
    assert page.evaluate("document.documentElement.dataset.sxsMode") == mode
    assert run_axe(page, axe_source) == []


def test_axe_seed_page_with_a_tooltip_open(page, site_url: str, axe_source: str) -> None:
    open_page(page, f"{site_url}{SEED}/")
    open_tip_by_key(page)
    assert page.locator(".sxs-tip").count() == 1
    assert run_axe(page, axe_source) == []
    # a tooltip with links inside (the layouts page), opened by hover
    open_page(page, f"{site_url}{LAYOUT_PAGE}/")
    page.locator('.sxs-tu[data-sxs-id="b7e11-103"]').hover()
    page.wait_for_selector('.sxs-tu[data-sxs-id="b7e11-103"] > .sxs-tip')
    assert run_axe(page, axe_source) == []


def test_axe_role_index_page(page, site_url: str, axe_source: str) -> None:
    open_page(page, f"{site_url}roles/")
    assert page.locator(".sxs-ann-chip").count() >= 1
    assert run_axe(page, axe_source, generated="all") == []
    page.locator(".sxs-ann-chip").first.click()
    page.wait_for_selector(".sxs-ann-pages")
    assert run_axe(page, axe_source, generated="all") == []


@pytest.mark.parametrize("path", ["", "faq/"], ids=["landing", "faq"])
def test_axe_docfx_landing_and_faq_pages(page, docfx_url: str, axe_source: str, path: str) -> None:
    open_page(page, docfx_url + path)
    assert page.locator("article .sxs-landing, article h2").count() >= 1
    assert run_axe(page, axe_source, generated="yaml") == []


TAB_STOPS_JS = """() => {
    /* Everything the browser puts in the Tab order, and which of it is not a control or link. */
    const interactive = 'a[href], button, input, select, textarea, summary, iframe, audio[controls], video[controls], '
        + '[contenteditable=""], [contenteditable="true"], label[for]';
    const all = [...document.querySelectorAll('*')].filter(el => el.tabIndex >= 0 && !el.disabled
        && el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden');
    /* a focusable scroll container (Material's code blocks, tables, search results) lets keyboard users
       scroll it: interactive (axe's scrollable-region-focusable asks for exactly that) */
    const scroller = el => { const style = getComputedStyle(el);
        return /(auto|scroll)/.test(style.overflow + style.overflowX + style.overflowY); };
    return all.filter(el => !el.matches(interactive) && !scroller(el) && !el.closest('[inert]'))
        .map(el => el.outerHTML.slice(0, 120));
}"""


@pytest.mark.parametrize("path", [f"{SEED}/", f"{LAYOUT_PAGE}/", "roles/", ""])
def test_no_text_is_a_tab_stop(page, site_url: str, path: str) -> None:
    open_page(page, site_url + path)
    assert page.locator(".sxs-tu").count() or path == "roles/"
    assert page.evaluate(TAB_STOPS_JS) == []
    # ... and Tab never lands on a sentence
    for _ in range(60):
        page.keyboard.press("Tab")
        assert not page.evaluate("!!document.activeElement.closest('.sxs-tu') && "
                                 "!document.activeElement.matches('a[href], button')")


def test_keyboard_only_walkthrough(page, site_url: str) -> None:
    open_page(page, f"{site_url}{LAYOUT_PAGE}/")
    # 1. Tab from the start of the page reaches the switch, the hover toggle, then links; never a sentence.
    reached = []
    for _ in range(80):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("""() => { const el = document.activeElement;
            return el.className.includes('sxs-') ? el.classList[0] : el.tagName; }"""))
        if page.evaluate("document.activeElement.getAttribute('href') === 'https://example.com/cs'"):
            break
    else:
        pytest.fail(f"Tab never reached the link in a sentence: {reached}")
    assert "sxs-mode" in reached and "sxs-hover" in reached, " ".join(reached)
    assert reached.index("sxs-hover") > reached.index("sxs-mode")
    assert not any("sxs-tu" in name for name in reached)
    # 2. A link inside a sentence: its original opens and describes the link (not its name).
    tip = page.locator('.sxs-tu[data-sxs-id="b7e11-103"] > .sxs-s')
    page.wait_for_selector('.sxs-tu[data-sxs-id="b7e11-103"] > .sxs-tip')
    link = page.locator('.sxs-tu[data-sxs-id="b7e11-103"] > .sxs-t a')
    assert link.get_attribute("aria-describedby") == tip.get_attribute("id")
    # 3. Alt+Shift+O on the link: focus moves to the sentence, which the key toggles.
    page.keyboard.press(ORIGINAL_KEY)
    assert page.evaluate("document.activeElement.dataset.sxsId") == "b7e11-103"
    assert page.locator(".sxs-tip").count() == 0
    page.keyboard.press(ORIGINAL_KEY)
    assert tip.is_visible() and "See the" in tip.inner_text()
    # 4. Arrow keys: the next and previous sentence, each with its original; not Tab stops afterwards.
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.dataset.sxsId") == "b7e11-104"
    assert page.locator('.sxs-tu[data-sxs-id="b7e11-104"] > .sxs-s').is_visible()
    assert page.evaluate("document.activeElement.getAttribute('tabindex')") == "-1"
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.dataset.sxsId") == "b7e11-103"
    assert page.locator('.sxs-tu[data-sxs-id="b7e11-104"]').get_attribute("tabindex") is None
    # 5. Escape closes, focus stays; Tab goes on to the next link.
    page.keyboard.press("Escape")
    assert page.locator(".sxs-tip").count() == 0
    assert page.evaluate("document.activeElement.dataset.sxsId") == "b7e11-103"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "https://example.com/cs"
    # 6. The switch by keyboard: Shift+Tab back to it, Enter, state announced by aria-pressed.
    page.locator(".sxs-mode[data-sxs-mode='source']").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.dataset.sxsMode") == "source"
    assert page.locator(".sxs-mode[data-sxs-mode='source']").get_attribute("aria-pressed") == "true"
    assert page.locator(".sxs-mode[data-sxs-mode='target']").get_attribute("aria-pressed") == "false"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # back to the translation
    assert page.evaluate("document.documentElement.dataset.sxsMode") == "target"


def test_screen_reader_tree_reads_one_language(page, site_url: str) -> None:
    """The open original is a description, never part of an accessible name (Chromium's a11y tree)."""
    open_page(page, f"{site_url}{SEED}/")
    tid = open_tip_by_key(page)
    client = page.context.new_cdp_session(page)
    tree = client.send("Accessibility.getFullAXTree")["nodes"]
    document = client.send("DOM.getDocument", {"depth": 0})
    found = client.send("DOM.querySelector", {"nodeId": document["root"]["nodeId"],
                                              "selector": f'.sxs-tu[data-sxs-id="{tid}"]'})
    backend = client.send("DOM.describeNode", {"nodeId": found["nodeId"]})["node"]["backendNodeId"]
    nodes = [node for node in tree if node.get("backendDOMNodeId") == backend]
    assert nodes, "the focused sentence is not in the accessibility tree"
    node = nodes[0]
    assert any(prop["name"] == "focused" and prop["value"]["value"] for prop in node.get("properties", []))
    description = node.get("description", {}).get("value", "")
    tip_text = page.locator(f'.sxs-tu[data-sxs-id="{tid}"] > .sxs-s').inner_text().strip()
    assert description.strip() == tip_text and tip_text
    name = node.get("name", {}).get("value", "")
    assert tip_text not in name
    # the tip itself is not read a second time in the page text
    assert page.locator(".sxs-tip").get_attribute("aria-hidden") == "true"
    assert page.locator(".sxs-tip").get_attribute("lang") == "en"
    # closed: no description left behind
    page.keyboard.press("Escape")
    assert page.locator(f'.sxs-tu[data-sxs-id="{tid}"]').get_attribute("aria-describedby") is None


def test_hover_popups_can_be_turned_off_and_tap_still_works(page, site_url: str) -> None:
    open_page(page, f"{site_url}{SEED}/")
    toggle = page.locator(".sxs-hover")
    assert toggle.get_attribute("aria-pressed") == "true"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "false"
    first = page.locator(".sxs-tu").nth(1)
    first.hover()
    page.wait_for_timeout(300)
    assert page.locator(".sxs-tip").count() == 0
    first.click()  # a tap or click still opens it
    assert page.locator(".sxs-tip").count() == 1
    page.reload()  # remembered
    page.wait_for_function("document.documentElement.classList.contains('sxs-js')")
    assert page.locator(".sxs-hover").get_attribute("aria-pressed") == "false"
    assert page.evaluate("localStorage.getItem('sxs-hover')") == "off"


def test_tooltip_is_hoverable_and_persistent(page, site_url: str) -> None:
    """WCAG 1.4.13: the pointer can move onto the tip; it stays until left or dismissed (Escape)."""
    open_page(page, f"{site_url}{SEED}/")
    unit = page.locator(".sxs-tu").nth(1)
    unit.hover()
    tip = page.locator(".sxs-tip")
    box = tip.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=5)
    page.wait_for_timeout(600)
    assert tip.count() == 1 and tip.is_visible()
    page.keyboard.press("Escape")
    assert page.locator(".sxs-tip").count() == 0


def test_reduced_motion_scrolls_without_animation(browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, reduced_motion="reduce")
    try:
        page = context.new_page()
        open_page(page, f"{site_url}{SEED}/")
        page.evaluate("""() => { window.__behaviours = [];
            const original = Element.prototype.scrollIntoView;
            Element.prototype.scrollIntoView = function (options) {
                window.__behaviours.push(options && options.behavior); return original.call(this, options); }; }""")
        open_tip_by_key(page)
        assert page.evaluate("window.__behaviours") == ["auto"]
        assert page.evaluate("getComputedStyle(document.querySelector('.sxs-tip')).transitionDuration") == "0s"
    finally:
        context.close()


def _tu(tid: str, target: str, source: str) -> str:
    return (f'<span data-ttu-id="c3a-{tid}">{target}</span>'
            f'<span class="sxs-lookup"><span data-stu-id="c3a-{tid}">{source}</span></span>')


ARABIC_PAGE = f"""---
title: التواصل مع العملاء
ms.contentlocale: ar-SA
ms.translationtype: MT
---
# <a name="customer-communication"></a>{_tu("1", "التواصل مع العملاء", "Customer communication")}

{_tu("2", "بشكل عام، نتوقع أن يتواصل الشريك مع العميل.",
      "In general, we expect the partner to communicate with the customer.")}
{_tu("3", "لمزيد من المعلومات، راجع [](index.md).", "For more information, see [Partner Center roles](index.md).")}
"""
CZECH_PAGE = f"""---
title: Odkazy
ms.contentlocale: cs-CZ
---
# {_tu("4", "Odkazy", "Links")}

{_tu("5", "Další informace najdete v [](index.md).", "For more information, see [Partner Center roles](index.md).")}
"""


@pytest.fixture(scope="module")
def rtl_url(tmp_path_factory) -> object:
    """An Arabic page (right to left) and a Czech page whose MT dropped a link's text."""
    work = tmp_path_factory.mktemp("a11y-rtl")
    docs = work / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(ARABIC_PAGE, encoding="utf-8")
    (docs / "links.md").write_text(CZECH_PAGE, encoding="utf-8")
    config = work / "mkdocs.yml"
    config.write_text(
        f"site_name: RTL\ndocs_dir: {json.dumps(str(docs))}\nsite_dir: {json.dumps(str(work / 'site'))}\n"
        "theme:\n  name: material\n  language: cs\nplugins:\n  - search\n  - sxs\n", encoding="utf-8")
    result = subprocess.run(mkdocs_build_command(config, "-q"), env=mkdocs_env(), capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 0, result.stderr
    with serve(work / "site") as url:
        yield url


def test_rtl_page_reads_right_to_left_and_its_tooltip_too(page, rtl_url: str, axe_source: str) -> None:
    open_page(page, rtl_url)
    assert page.evaluate("[document.documentElement.dir, document.body.dir]") == ["rtl", "rtl"]
    sentence = page.locator('.sxs-tu[data-sxs-id="c3a-2"]')
    assert sentence.evaluate("el => getComputedStyle(el).direction") == "rtl"
    sentence.hover()
    tip = page.locator('.sxs-tu[data-sxs-id="c3a-2"] > .sxs-tip')
    assert tip.get_attribute("dir") == "ltr" and tip.get_attribute("lang") == "en"
    # laid out from the sentence's start edge, which is its right edge in a right-to-left page
    rects = sentence.evaluate("el => [...el.getClientRects()].map(r => ({left: r.left, right: r.right}))")
    box = tip.bounding_box()
    assert abs((box["x"] + box["width"]) - rects[0]["right"]) < 2 or box["x"] <= 8.5, (box, rects)
    assert run_axe(page, axe_source) == []
    page.locator('.sxs-mode[data-sxs-mode="both"]').click()
    twin = page.locator(".sxs-parallel").first
    assert twin.get_attribute("dir") == "ltr" and twin.get_attribute("lang") == "en"
    assert run_axe(page, axe_source) == []


def test_an_emptied_link_shows_the_english_text_marked_untranslated(page, rtl_url: str, axe_source: str) -> None:
    open_page(page, rtl_url + "links/")
    link = page.locator('.sxs-tu[data-sxs-id="c3a-5"] > .sxs-t a')
    assert link.inner_text().startswith("Partner Center roles")
    assert link.locator(".sxs-untranslated").get_attribute("lang") == "en"
    client = page.context.new_cdp_session(page)
    names = [node.get("name", {}).get("value", "") for node in client.send("Accessibility.getFullAXTree")["nodes"]
             if node.get("role", {}).get("value") == "link"]
    assert "Partner Center roles (not translated)" in names
    assert run_axe(page, axe_source) == []
