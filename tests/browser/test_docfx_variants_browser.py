"""DocFX zone pivots and moniker ranges in a real browser: the selectors switch blocks, also inside list items.

A small DocFX docset written by the test: zones at the top level and in list items, a moniker range in a
list item (core/docfx/markdown/variants.py writes the blocks and marks, assets/sxs-docfx.js switches them).
"""

from __future__ import annotations

import pytest
from support import serve

pytestmark = pytest.mark.browser

PAGE = """---
title: Postup
---
# Postup

:::zone pivot="windows"

Text pro Windows nahoře.

:::zone-end

:::zone pivot="macos"

Text pro Mac nahoře.

:::zone-end

1. První krok

    :::zone pivot="windows"

    Krok pro Windows v seznamu.

    Druhý odstavec pro Windows.

    :::zone-end

    :::zone pivot="macos"

    Krok pro Mac v seznamu.

    :::zone-end

2. Druhý krok

    ::: moniker range="vs-2019"

    Jen ve verzi 2019.

    ::: moniker-end

    ::: moniker range=">=vs-2022"

    Ve verzi 2022 a novější.

    ::: moniker-end

    Společný text kroku.
"""

PIVOTS = """groups:
- id: platform
  title: Platforma
  prompt: Zvolte platformu
  pivots:
  - id: windows
    title: Windows
  - id: macos
    title: macOS
"""


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs_sxs.cli import main

    work = tmp_path_factory.mktemp("docfx-variants")
    docs = work / "docs"
    docs.mkdir()
    (docs / "docfx.json").write_text('{"build": {"content": [{"files": ["**/*.md"]}]}}', encoding="utf-8")
    (docs / "zone-pivot-groups.yml").write_text(PIVOTS, encoding="utf-8")
    (docs / "index.md").write_text(PAGE, encoding="utf-8")
    config = work / "mkdocs.yml"
    assert main(["init", str(docs), "--output", str(config)]) == 0
    build(load_config(str(config)))
    with serve(work / "site") as base:
        yield base


def _shown(page, text: str) -> bool:
    return page.get_by_text(text, exact=True).is_visible()


def test_zone_selector_switches_top_level_and_list_item_blocks(site_url, browser) -> None:
    page = browser.new_page()
    page.goto(site_url)
    selector = page.locator('[data-sxs-selector="zone"]')
    assert selector.is_visible()
    # the first pivot is chosen at first: Windows everywhere, Mac nowhere
    assert _shown(page, "Text pro Windows nahoře.") and _shown(page, "Krok pro Windows v seznamu.")
    assert _shown(page, "Druhý odstavec pro Windows.")
    assert not _shown(page, "Text pro Mac nahoře.") and not _shown(page, "Krok pro Mac v seznamu.")
    # by keyboard: Tab to the macOS button, Enter
    button = selector.locator("button", has_text="macOS")
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-pressed") == "true"
    assert _shown(page, "Text pro Mac nahoře.") and _shown(page, "Krok pro Mac v seznamu.")
    assert not _shown(page, "Krok pro Windows v seznamu.") and not _shown(page, "Druhý odstavec pro Windows.")
    assert _shown(page, "První krok") and _shown(page, "Druhý krok")  # the list items themselves stay
    article = page.locator("article").inner_text()
    assert ":::" not in article and "zone" not in article.lower() and "moniker" not in article.lower()
    page.close()


def test_version_selector_switches_a_range_inside_a_list_item(site_url, browser) -> None:
    page = browser.new_page()
    page.goto(site_url)
    selector = page.locator('[data-sxs-selector="moniker"]')
    assert selector.is_visible()
    # the newest version is chosen at first
    assert _shown(page, "Ve verzi 2022 a novější.") and not _shown(page, "Jen ve verzi 2019.")
    selector.locator("button", has_text="vs-2019").click()
    assert _shown(page, "Jen ve verzi 2019.") and not _shown(page, "Ve verzi 2022 a novější.")
    assert _shown(page, "Společný text kroku.")  # text after the last range is in every version
    page.close()
