"""What a reader sees in a real browser: tooltip, switch, parallel view, search.

Visibility is asserted through layout (bounding boxes inside the viewport,
computed `display`, `elementFromPoint` hitting the tooltip), never through DOM
presence alone: the English spans are in the DOM all the time.
"""

from __future__ import annotations

import re

import pytest

from .conftest import GERMAN_PAGE, LAYOUT_PAGE, SEED

pytestmark = pytest.mark.browser

FIRST_UNIT = "f277a-106"
FIRST_SOURCE = "In general, we expect all communications with the customer"


def unit(page, tid: str):
    return page.locator(f'.sxs-tu[data-sxs-id="{tid}"]').first


def source_of(page, tid: str):
    return page.locator(f'.sxs-tu[data-sxs-id="{tid}"] > .sxs-s').first


def target_of(page, tid: str):
    return page.locator(f'.sxs-tu[data-sxs-id="{tid}"] > .sxs-t').first


def open_page(page, base: str, path: str) -> None:
    page.goto(base + path)
    page.wait_for_function("document.documentElement.classList.contains('sxs-js')")
    page.wait_for_selector(".sxs-mode[aria-pressed='true']", state="attached")


def assert_on_top_and_inside(page, locator, margin: float = 0) -> dict:
    """The element is laid out, inside the viewport, and not clipped or covered at its corners."""
    box = locator.bounding_box()
    assert box is not None and box["width"] > 20 and box["height"] > 8, box
    vw, vh = page.viewport_size["width"], page.viewport_size["height"]
    assert box["x"] >= margin and box["y"] >= margin, box
    assert box["x"] + box["width"] <= vw - margin + 0.5, (box, vw)
    assert box["y"] + box["height"] <= vh - margin + 0.5, (box, vh)
    inset = 4
    points = [(box["x"] + inset, box["y"] + inset), (box["x"] + box["width"] - inset, box["y"] + inset),
              (box["x"] + inset, box["y"] + box["height"] - inset),
              (box["x"] + box["width"] - inset, box["y"] + box["height"] - inset)]
    for x, y in points:
        hit = locator.evaluate("(el, [x, y]) => el.contains(document.elementFromPoint(x, y))", [x, y])
        assert hit, f"tooltip not topmost at ({x:.0f}, {y:.0f}): clipped or covered"
    return box


def hidden(locator) -> bool:
    return locator.evaluate("el => getComputedStyle(el).display === 'none' || !el.getClientRects().length")


def test_hover_shows_the_original_and_leaving_hides_it(page, site_url: str) -> None:
    open_page(page, site_url, f"{SEED}/")
    tip = source_of(page, FIRST_UNIT)
    assert hidden(tip)
    unit(page, FIRST_UNIT).hover()
    page.wait_for_function(
        "tid => document.querySelector(`.sxs-tu[data-sxs-id='${tid}'] > .sxs-s`).getClientRects().length",
        arg=FIRST_UNIT)
    assert FIRST_SOURCE in tip.inner_text()
    box = assert_on_top_and_inside(page, tip)
    unit_box = unit(page, FIRST_UNIT).bounding_box()
    assert box["y"] >= unit_box["y"], "tooltip should sit below the hovered line when there is room"
    assert target_of(page, FIRST_UNIT).is_visible()  # the translation stays in place
    assert tip.get_attribute("lang") == "en"
    page.mouse.move(5, 790)
    page.wait_for_function(
        "tid => !document.querySelector(`.sxs-tu[data-sxs-id='${tid}'] > .sxs-s`).getClientRects().length",
        arg=FIRST_UNIT, timeout=2000)


def test_keyboard_focus_shows_the_original_and_escape_closes_it(page, site_url: str) -> None:
    """Sentences are not Tab stops: Alt+Shift+O focuses the sentence in view and opens its original;
    the arrow keys go on to the next one (full walkthrough: tests/browser/test_a11y.py)."""
    open_page(page, site_url, f"{SEED}/")
    for _ in range(40):  # Tab through the page chrome: never onto a sentence
        page.keyboard.press("Tab")
        assert not page.evaluate("document.activeElement.classList.contains('sxs-tu')")
    page.locator("article h1").first.click()
    page.keyboard.press("Alt+Shift+O")
    tid = page.evaluate("document.activeElement.dataset.sxsId")
    assert tid
    tip = source_of(page, tid)
    assert_on_top_and_inside(page, tip)
    page.keyboard.press("Escape")
    assert hidden(tip)
    assert page.evaluate("document.activeElement.dataset.sxsId") == tid  # focus stays put
    page.keyboard.press("ArrowDown")
    next_tid = page.evaluate("document.activeElement.dataset.sxsId")
    assert next_tid and next_tid != tid
    assert_on_top_and_inside(page, source_of(page, next_tid))
    assert hidden(tip)


def test_one_tap_shows_the_original_on_a_touch_screen(browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 740}, has_touch=True, is_mobile=True,
                                  device_scale_factor=2)
    try:
        page = context.new_page()
        open_page(page, site_url, f"{SEED}/")
        target = unit(page, FIRST_UNIT)
        target.scroll_into_view_if_needed()
        tip = source_of(page, FIRST_UNIT)
        assert hidden(tip)
        target.tap()
        box = assert_on_top_and_inside(page, tip, margin=4)
        assert box["width"] <= 390 - 8  # clamped to the narrow screen
        page.locator("h1").first.tap()  # a tap elsewhere closes it
        assert hidden(tip)
    finally:
        context.close()


@pytest.mark.parametrize("tid", ["b7e11-108", "b7e11-104"], ids=["table-cell", "admonition"])
def test_tooltip_is_not_cut_off_by_tables_admonitions_or_the_window(page, site_url: str, tid: str) -> None:
    page.set_viewport_size({"width": 900, "height": 700})
    open_page(page, site_url, f"{LAYOUT_PAGE}/")
    unit(page, tid).hover()
    tip = source_of(page, tid)
    box = assert_on_top_and_inside(page, tip, margin=4)
    unit_box = unit(page, tid).bounding_box()
    assert box["x"] < unit_box["x"] or box["x"] + box["width"] <= 900, "not shifted into the window"


def test_tooltip_flips_above_a_unit_at_the_bottom_of_the_window(page, site_url: str) -> None:
    open_page(page, site_url, f"{LAYOUT_PAGE}/")
    tid = "b7e11-104"
    # Push the unit's line down to the very bottom of the viewport.
    bottom = page.evaluate("""tid => {
        const el = document.querySelector(`.sxs-tu[data-sxs-id='${tid}']`);
        const spacer = document.createElement('div');
        spacer.style.height = (window.innerHeight - el.getBoundingClientRect().bottom - 4) + 'px';
        const block = el.closest('.admonition');
        block.parentNode.insertBefore(spacer, block);
        const off = el.getBoundingClientRect().bottom - (window.innerHeight - 4);  /* margins collapse */
        spacer.style.height = (parseFloat(spacer.style.height) - off) + 'px';
        return el.getBoundingClientRect().bottom;
    }""", tid)
    assert page.viewport_size["height"] - 10 < bottom <= page.viewport_size["height"]
    unit(page, tid).hover()
    tip = source_of(page, tid)
    box = assert_on_top_and_inside(page, tip)
    assert box["y"] + box["height"] <= unit(page, tid).bounding_box()["y"] + 1, "tooltip should flip above"


def test_links_inside_the_original_stay_usable(page, site_url: str) -> None:
    page.route("https://example.com/**", lambda route: route.fulfill(body="<title>example</title>ok",
                                                                      content_type="text/html"))
    open_page(page, site_url, f"{LAYOUT_PAGE}/")
    unit(page, "b7e11-103").hover()
    link = source_of(page, "b7e11-103").locator("a")
    assert_on_top_and_inside(page, source_of(page, "b7e11-103"))
    link.hover()  # the pointer crosses the gap into the tooltip: it must stay open
    link.click()
    page.wait_for_url("https://example.com/en")
    # Keyboard: the translation's link opens the original; Tab goes on to the original's link.
    open_page(page, site_url, f"{LAYOUT_PAGE}/")
    target_of(page, "b7e11-103").locator("a").focus()
    assert_on_top_and_inside(page, source_of(page, "b7e11-103"))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "https://example.com/en"
    assert_on_top_and_inside(page, source_of(page, "b7e11-103"))
    page.keyboard.press("Escape")  # from the link in the tooltip: closes it, focus back on the unit
    assert hidden(source_of(page, "b7e11-103"))
    assert page.evaluate("document.activeElement.dataset.sxsId") == "b7e11-103"
    page.keyboard.press("Tab")  # Escape keeps it closed while the reader stays in the sentence
    assert page.evaluate("document.activeElement.getAttribute('href')") == "https://example.com/cs"
    assert hidden(source_of(page, "b7e11-103"))
    page.keyboard.press("Shift+Tab")  # leaving and coming back opens it again
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "https://example.com/cs"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "https://example.com/en"
    assert_on_top_and_inside(page, source_of(page, "b7e11-103"))
    page.keyboard.press("Enter")
    page.wait_for_url("https://example.com/en")


def _mode_state(page) -> dict:
    """How many units show their target / source text, by layout."""
    return page.evaluate("""() => {
        const shown = el => !!el && getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
        const units = [...document.querySelectorAll('.sxs-tu')];
        return {
            total: units.length,
            target: units.filter(u => shown(u.querySelector(':scope > .sxs-t'))).length,
            source: units.filter(u => shown(u.querySelector(':scope > .sxs-s'))).length,
            pressed: [...document.querySelectorAll('.sxs-mode[aria-pressed=true]')].map(b => b.dataset.sxsMode),
        };
    }""")


def _switch_survives_navigation(page, base: str) -> None:
    open_page(page, base, f"{SEED}/")
    state = _mode_state(page)
    assert state["total"] > 5 and state["target"] == state["total"] and state["source"] == 0
    assert state["pressed"] == ["target"]
    page.locator(".sxs-mode[data-sxs-mode=source]").click()
    state = _mode_state(page)
    assert state["source"] == state["total"] and state["target"] == 0, state
    assert state["pressed"] == ["source"]
    page.locator('article a[href*="customer-self-support"]').first.click()
    page.wait_for_url(re.compile(r"customer-self-support/?$"))
    page.wait_for_function("document.querySelector('article .sxs-tu[data-sxs-id^=\"d41c0\"]')")
    state = _mode_state(page)
    assert state["total"] > 5 and state["source"] == state["total"] and state["target"] == 0, state
    assert state["pressed"] == ["source"]
    page.reload()
    page.wait_for_function("document.documentElement.classList.contains('sxs-js')")
    state = _mode_state(page)
    assert state["source"] == state["total"] and state["target"] == 0, state
    # In the English view the tooltip shows the translation.
    first = page.locator("article .sxs-tu").nth(2)
    first.hover()
    translation = first.locator(":scope > .sxs-t")
    assert_on_top_and_inside(page, translation)
    page.locator(".sxs-mode[data-sxs-mode=target]").click()
    state = _mode_state(page)
    assert state["target"] == state["total"] and state["source"] == 0, state


def test_switch_changes_all_units_and_survives_instant_navigation_and_reload(page, site_url: str) -> None:
    _switch_survives_navigation(page, site_url)
    assert page.evaluate("typeof window.document$") == "object"  # instant navigation was really on


def test_switch_without_instant_navigation(page, plain_site_url: str) -> None:
    _switch_survives_navigation(page, plain_site_url)


def test_parallel_view_shows_each_block_with_its_english_under_it(page, site_url: str) -> None:
    open_page(page, site_url, f"{LAYOUT_PAGE}/")
    images_before = page.locator("article img").count()
    page.locator(".sxs-mode[data-sxs-mode=both]").click()
    result = page.evaluate("""() => {
        const shown = el => getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
        const twins = [...document.querySelectorAll('article .sxs-parallel')];
        const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
        const where = sel => {
            const block = document.querySelector(sel);
            const twin = block.querySelector(':scope > .sxs-parallel') ||
                         (block.nextElementSibling && block.nextElementSibling.matches('.sxs-parallel')
                          ? block.nextElementSibling : null);
            if (!twin || !shown(twin)) return null;
            const a = block.getBoundingClientRect(), b = twin.getBoundingClientRect();
            return {text: twin.innerText.trim(), below: b.top >= a.top, lang: twin.lang};
        };
        return {
            twins: twins.length,
            allShown: twins.every(shown),
            targetsShown: [...document.querySelectorAll('article .sxs-tu > .sxs-t')].every(shown),
            duplicateIds: ids.filter((id, i) => ids.indexOf(id) !== i),
            h1: where('article h1'),
            cell: where('article td:last-child'),
            item: where('article li'),
            nested: where('article li li'),
            note: where('article .admonition > p:not(.admonition-title)'),
            image: where('article h2 ~ p'),
            englishShown: [...document.querySelectorAll('article .sxs-tu')].filter(u => {
                const original = u.querySelector(':scope > .sxs-s').textContent.trim();
                const twin = [...document.querySelectorAll('article .sxs-parallel')]
                    .some(t => shown(t) && t.textContent.includes(original));
                return twin || shown(u.querySelector(':scope > .sxs-s'));
            }).length,
            units: document.querySelectorAll('article .sxs-tu').length,
            raw: shown(document.querySelector('.custom-html .sxs-s')),
        };
    }""")
    assert result["twins"] >= 10 and result["allShown"] and result["targetsShown"], result
    assert result["duplicateIds"] == []
    assert result["englishShown"] == result["units"], "every unit's English is on the page"
    assert result["raw"], "a unit in raw HTML shows its original inline"
    assert result["h1"] == {"text": "Layouts", "below": True, "lang": "en"}
    assert result["cell"]["text"].startswith("A long cell on the right.")
    assert result["item"]["text"] == "A list item"  # the nested item keeps its own twin
    assert result["nested"]["text"] == "A nested item"
    assert result["note"]["text"].startswith("A sentence in a note.")
    assert result["image"]["text"] == "An image logo in the text."
    assert page.locator("article img").count() == images_before == 1  # images not duplicated
    # Switching back hides the twins again.
    page.locator(".sxs-mode[data-sxs-mode=target]").click()
    assert page.evaluate("[...document.querySelectorAll('.sxs-parallel')].every(e => !e.getClientRects().length)")


def test_page_language_and_target_only_titles(page, site_url: str, reader_engine: str) -> None:
    open_page(page, site_url, f"{SEED}/")
    # Zensical: `<html lang>` is the site's theme.language (no plugin can set it per page; README, Engines)
    assert page.evaluate("document.documentElement.lang") == ("cs" if reader_engine == "zensical" else "cs-CZ")
    assert "Microsoft" in page.title() and "Customer" not in page.title() and "customer" not in page.title()
    chrome = page.evaluate("""() => [...document.querySelectorAll('.md-nav__link, .md-header__topic, h1')]
        .map(e => e.innerText).join(' | ')""")
    assert "Komunikace" in chrome or "Pokyny" in chrome
    assert not re.search(r"\b(Guidelines|Next steps|Customer self-support)\b", chrome), chrome
    langs = page.evaluate("[...new Set([...document.querySelectorAll('.sxs-s')].map(e => e.lang))]")
    assert langs == ["en"]
    labels = page.locator(".sxs-mode").all_inner_texts()
    assert labels == ["Čeština", "Angličtina", "Obojí"]


def _search(page, query: str, engine: str = "mkdocs") -> dict:
    """Type `query` into the engine's search box as a reader does; the results it then lists."""
    if engine == "zensical":
        return _zensical_search(page, query)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.type(query, delay=30)
    page.wait_for_function(
        "document.querySelector('.md-search-result__meta').innerText.trim().length > 0 && "
        "!/Inicializace|Initializing/i.test(document.querySelector('.md-search-result__meta').innerText)")
    page.wait_for_timeout(400)  # results settle after the last keystroke
    return page.evaluate("""() => ({
        meta: document.querySelector('.md-search-result__meta').innerText,
        links: [...document.querySelectorAll('.md-search-result__link')]
            .filter(a => a.getClientRects().length).map(a => a.getAttribute('href')),
        text: document.querySelector('.md-search-result__list').innerText,
    })""")


# Zensical 0.0.73 draws its search as a <dialog> in an open shadow root (Playwright's locators pierce it),
# opened by the header's search button; results are a listbox of options, the count a live status.
_ZENSICAL_ROOT = "[...document.querySelectorAll('body *')].find(e => e.shadowRoot?.querySelector('dialog')).shadowRoot"
_ZENSICAL_RESULTS = "() => { const root = " + _ZENSICAL_ROOT + """, list = root.querySelector('[role=listbox]');
    return {meta: root.querySelector('[role=status]').innerText,
            links: list ? [...list.querySelectorAll('a[role=option]')].map(a => a.getAttribute('href')) : [],
            text: list ? list.innerText : ''};
}"""
_ZENSICAL_LISTED = "q => { const root = " + _ZENSICAL_ROOT + """, status = root.querySelector('[role=status]');
    return root.querySelector('input').value === q && status && status.innerText.trim().length > 0;
}"""


def _zensical_search(page, query: str) -> dict:
    box = page.locator("dialog[open] input[role=combobox]")
    if not box.count():
        page.locator(".md-search__button").click()
        box.wait_for(state="visible")
        # The index loads in the background after the dialog opens, and until then every query says "No
        # results": wait until a word of this page's heading is found, so that an empty result means no match.
        word = page.evaluate("(document.querySelector('article h1').innerText.match(/[\\p{L}]{4,}/u) || [''])[0]")
        box.fill(word)
        page.wait_for_function("() => " + _ZENSICAL_ROOT + ".querySelectorAll('[role=listbox] a[role=option]').length",
                               timeout=20_000)
    box.fill("")
    box.type(query, delay=30)
    page.wait_for_function(_ZENSICAL_LISTED, arg=query)
    page.wait_for_timeout(400)  # results settle after the last keystroke
    return page.evaluate(_ZENSICAL_RESULTS)


# A word as the reader types it, without diacritics, and the spelling the results show. Material's search
# (lunr, with our folded fields) also matches word beginnings; Zensical's matches whole words only (diacritics
# folded), so there the query is a whole word form that the seed page uses.
_UNACCENTED = {"mkdocs": ("zakaznik", "zákazník"), "zensical": ("zakazniky", "zákazníky")}


def test_search_finds_czech_words_typed_without_diacritics(page, site_url: str, reader_engine: str) -> None:
    open_page(page, site_url, "")
    query, spelling = _UNACCENTED[reader_engine]
    found = _search(page, query, reader_engine)
    assert any(SEED in href for href in found["links"]), found
    assert spelling in found["text"].lower()  # results show the original spelling
    assert _search(page, "samoobsluzna", reader_engine)["links"], "folded text words are found too"


def test_search_does_not_find_english_only_words_by_default(page, site_url: str, reader_engine: str) -> None:
    open_page(page, site_url, "")
    found = _search(page, "billing", reader_engine)
    assert found["links"] == [], found
    assert _search(page, "salesperson", reader_engine)["links"] == [], "an original with a nested <span> leaked"
    czech = _search(page, "fakturační", reader_engine)
    assert any(SEED in href for href in czech["links"]), "the Czech word of the same sentence is found"
    assert "billing" not in czech["text"].lower(), czech  # results never show the hidden original


def test_search_index_holds_the_target_language_only(built_sites) -> None:
    """Also for originals with nested spans, which Material's own exclusion lets leak."""
    import json

    default = json.loads((built_sites["instant"] / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["title"] + " " + doc["text"] for doc in default["docs"])
    assert "Kontrola výkonu prodejce" in text and "zákazník" in text
    for english in ("salesperson", "billing", "In general", "Layouts", "Hover over"):
        assert english not in text
    html = (built_sites["instant"] / LAYOUT_PAGE / "index.html").read_text(encoding="utf-8")
    assert "Review each salesperson" in html  # readers still get the original
    with_source = json.loads((built_sites["source"] / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["title"] + " " + doc["text"] for doc in with_source["docs"])
    assert "Review each salesperson" in text and "předplatným.Because" not in text
    assert "předplatným. Because you own" in text  # originals indexed, not glued to the translation


def test_zensical_search_index_holds_the_target_language_only(zensical_demo_site) -> None:
    """Zensical indexes the rendered pages itself and honours `data-search-exclude` on the English originals."""
    import json

    index = json.loads((zensical_demo_site / "search.json").read_text(encoding="utf-8"))
    text = " ".join(item["title"] + " " + item["text"] for item in index["items"])
    assert "Kontrola výkonu prodejce" in text and "zákazník" in text
    for english in ("salesperson", "billing", "In general", "Layouts", "Hover over"):
        assert english not in text
    html = (zensical_demo_site / LAYOUT_PAGE / "index.html").read_text(encoding="utf-8")
    assert "Review each salesperson" in html  # readers still get the original


def test_search_source_option_indexes_the_english_originals(page, source_site_url: str) -> None:
    open_page(page, source_site_url, "")
    found = _search(page, "billing")
    assert any(SEED in href for href in found["links"]), found


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_tooltip_colours_are_readable_in_light_and_dark_schemes(page, site_url: str, scheme: str) -> None:
    open_page(page, site_url, f"{SEED}/")
    page.evaluate("scheme => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)
    unit(page, FIRST_UNIT).hover()
    colours = source_of(page, FIRST_UNIT).evaluate("""el => {
        const parse = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
        const s = getComputedStyle(el);
        return {fg: parse(s.color), bg: parse(s.backgroundColor)};
    }""")

    def luminance(rgb: list[float]) -> float:
        def channel(c: float) -> float:
            c /= 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        r, g, b = (channel(c) for c in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    fg, bg = luminance(colours["fg"]), luminance(colours["bg"])
    contrast = (max(fg, bg) + 0.05) / (min(fg, bg) + 0.05)
    assert contrast >= 7, colours  # WCAG AAA for body text
    # Dark page (slate): a light tooltip stands out; light page: a dark one.
    assert (bg > 0.5) == (scheme == "slate"), colours


def test_reader_features_do_not_need_material(page, mkdocs_theme_url: str) -> None:
    """MkDocs' own `mkdocs` theme: tooltip, switch and parallel view still work."""
    open_page(page, mkdocs_theme_url, f"{SEED}/")
    assert page.evaluate("typeof window.document$") == "undefined"
    unit(page, FIRST_UNIT).hover()
    assert FIRST_SOURCE in source_of(page, FIRST_UNIT).inner_text()
    assert_on_top_and_inside(page, source_of(page, FIRST_UNIT))
    page.locator(".sxs-mode[data-sxs-mode=both]").click()
    twin = page.locator(".sxs-parallel", has_text=FIRST_SOURCE)
    assert twin.is_visible() and twin.bounding_box()["height"] > 10
    page.locator(".sxs-mode[data-sxs-mode=source]").click()
    state = _mode_state(page)
    assert state["source"] == state["total"] > 5 and state["target"] == 0, state


def test_built_pages_are_in_the_target_language_outside_the_article(built_sites) -> None:
    """`<html lang>`, `<title>`, nav, TOC and header carry no English original (static check)."""
    from lxml import html as lxml_html

    pages = sorted(built_sites["instant"].glob("**/index.html"))
    checked = 0
    for path in pages:
        tree = lxml_html.parse(str(path)).getroot()
        sources = tree.xpath(".//*[contains(concat(' ', normalize-space(@class), ' '), ' sxs-s ')]")
        originals = {" ".join(e.text_content().split()) for e in sources}
        if not originals:
            continue
        checked += 1
        assert tree.get("lang") == ("de-DE" if GERMAN_PAGE in str(path) else "cs-CZ"), path
        for article in tree.xpath(".//article"):
            article.drop_tree()
        chrome = " ".join(tree.text_content().split())
        leaked = [text for text in originals if len(text) >= 5 and text in chrome]
        assert not leaked, f"{path}: English outside the article: {leaked}"
        title = tree.findtext(".//title")
        assert title and not any(text in title for text in originals if len(text) >= 5), title
    assert checked >= 4


def test_page_locale_sets_lang_and_bar_labels(page, site_url: str, reader_engine: str) -> None:
    """A German page in a Czech site: its own `<html lang>`, switch labels, notice and date."""
    open_page(page, site_url, f"{GERMAN_PAGE}/")
    # Zensical: the site's language for every page (README, Engines); the page bar is still German
    assert page.evaluate("document.documentElement.lang") == ("cs" if reader_engine == "zensical" else "de-DE")
    assert page.locator(".sxs-mode").all_inner_texts() == ["Deutsch", "Englisch", "Beides"]
    assert "maschinell übersetzt" in page.locator(".sxs-mt-notice").inner_text()
    assert page.locator(".sxs-updated time").inner_text() == "10. Juli 2020"
    unit(page, "b7e11-202").hover()
    assert_on_top_and_inside(page, source_of(page, "b7e11-202"))
