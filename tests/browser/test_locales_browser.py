"""A two-locale Partner Center site (ko-KR, fr-FR) in Chromium: Korean and French search, the picker.

Built once for the module with `mkdocs-sxs init A B` + `build-locales`
(relative hreflang/picker URLs, as without `--site-url`).
"""

from __future__ import annotations

import collections
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import require_corpus
from support import mkdocs_env, serve

pytestmark = pytest.mark.browser

SEED = "customer-communication-from-microsoft/"
HANGUL_RUN = re.compile("[\uac00-\ud7af]+")


@pytest.fixture(scope="module")
def locale_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = require_corpus()
    project = tmp_path_factory.mktemp("locales-browser") / "project"
    docsets = [corpus / f"partner-center.{tag}" / "partner-center" for tag in ("ko-KR", "fr-FR")]
    init = subprocess.run([sys.executable, "-m", "mkdocs_sxs", "init", *map(str, docsets), "--output", str(project)],
                          env=mkdocs_env(), capture_output=True, text=True, check=False)
    assert init.returncode == 0, init.stderr
    build = subprocess.run([sys.executable, "-m", "mkdocs_sxs", "build-locales", str(project)],
                           env=mkdocs_env(), capture_output=True, text=True, check=False)
    assert "built 2 of 2 locale(s)" in build.stderr, build.stderr[-3000:]
    return project / "site"


@pytest.fixture(scope="module")
def base_url(locale_site: Path) -> Iterator[str]:
    with serve(locale_site) as url:
        yield url


def search(page, query: str) -> dict:
    """Type a query into Material's search once its worker is ready; the results shown."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && /\\d|없습니다|Aucun/.test(m.innerText) }", timeout=120_000)
    page.wait_for_timeout(300)
    return page.evaluate("""() => ({
        meta: document.querySelector('.md-search-result__meta').innerText,
        links: [...document.querySelectorAll('.md-search-result__link')].map(a => a.getAttribute('href')),
        text: document.querySelector('.md-search-result__list').innerText,
    })""")


def rare_inner_word(site: Path) -> str:
    """Two Hangul syllables found on the seed page only inside a longer word, rarest across the site."""
    docs = json.loads((site / "ko-kr" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    texts = collections.defaultdict(str)
    for doc in docs:
        texts[doc["location"].split("#")[0]] += " " + re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"])
    seed_runs = HANGUL_RUN.findall(texts[SEED])
    candidates = {run[i:i + 2] for run in seed_runs for i in range(1, len(run) - 1)}
    candidates -= {run[:2] for run in seed_runs}  # never the start of a word on the page: needs segmentation
    counts = {word: sum(word in text for text in texts.values()) for word in sorted(candidates)}
    return min(counts, key=lambda word: (counts[word], word))


def test_korean_two_character_words_find_their_page(page, base_url: str, locale_site: Path) -> None:
    page.goto(base_url + "ko-kr/" + SEED)
    found = search(page, "통신")  # "communication", written with particles on the page (통신을, 통신은)
    assert any(SEED in href for href in found["links"]), found
    inner = rare_inner_word(locale_site)
    page.goto(base_url + "ko-kr/" + SEED)
    found = search(page, inner)
    assert any(SEED in href for href in found["links"]), (inner, found)


def test_french_search_folds_accents(page, base_url: str) -> None:
    page.goto(base_url + "fr-fr/" + SEED)
    found = search(page, "ete")
    assert found["links"] and "été" in found["text"], found
    page.goto(base_url + "fr-fr/" + SEED)
    found = search(page, "operationnelles")  # opérationnelles
    assert any(SEED in href for href in found["links"]), found


def test_each_locale_searches_its_own_pages_only(page, base_url: str) -> None:
    page.goto(base_url + "fr-fr/" + SEED)
    assert search(page, "통신")["links"] == []
    page.goto(base_url + "ko-kr/" + SEED)
    assert search(page, "emaner")["links"] == []


def test_picker_keeps_the_page_or_goes_home_with_a_notice(page, base_url: str) -> None:
    page.goto(base_url + "fr-fr/" + SEED)
    picker = page.locator("nav.sxs-locales")
    assert picker.get_attribute("aria-label") == "Autres langues"
    picker.locator("summary").click()
    page.locator("nav.sxs-locales a[hreflang='ko-KR']").click()
    page.wait_for_url(re.compile(r"/ko-kr/customer-communication-from-microsoft/$"))
    assert page.evaluate("document.documentElement.lang") == "ko-KR"
    assert page.locator("nav.sxs-locales").get_attribute("aria-label") == "다른 언어"
    # keyboard: the picker is a native <details>, opened and followed with the keyboard alone
    page.locator("nav.sxs-locales summary").focus()
    page.keyboard.press("Enter")
    page.locator("nav.sxs-locales a[hreflang='fr-FR']").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/fr-fr/customer-communication-from-microsoft/$"))
    # a generated role page is not known in the other locale: its home, with the notice shown
    page.goto(base_url + "fr-fr/roles/")
    page.locator("nav.sxs-locales summary").click()
    page.locator("nav.sxs-locales a[hreflang='ko-KR']").click()
    page.wait_for_url(re.compile(r"/ko-kr/#sxs-locale-missing$"))
    notice = page.locator("#sxs-locale-missing")
    assert notice.is_visible() and "이 언어로 제공되지 않습니다" in notice.inner_text()
    page.goto(base_url + "ko-kr/")
    assert not page.locator("#sxs-locale-missing").is_visible()  # only after the picker sent the reader here


def test_root_page_sends_the_reader_to_their_language(browser, base_url: str) -> None:
    for languages, expected in ((["fr-CA", "fr"], "/fr-fr/"), (["ko"], "/ko-kr/"), (["de-DE"], "/ko-kr/")):
        context = browser.new_context(locale=languages[0], extra_http_headers={})
        page = context.new_page()
        page.add_init_script(f"Object.defineProperty(navigator, 'languages', {{get: () => {json.dumps(languages)}}})")
        page.goto(base_url)
        page.wait_for_url(re.compile(re.escape(expected) + "$"))
        context.close()
