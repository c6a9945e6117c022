"""TOC names, FAQ questions and landing texts are untrusted: they reach the page as text (issue 7)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

PAYLOAD = '<img src=x onerror=alert("{tag}")>"><script>alert("{tag}")</script>'


def _write_docset(root: Path) -> Path:
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "docfx.json").write_text('{"build": {"dest": "hostile", "globalMetadata": {"titleSuffix": "H"}}}',
                                     encoding="utf-8")
    (docs / "page.md").write_text(
        "---\ntitle: Stránka\nms.contentlocale: cs-CZ\n---\n# Stránka\n\nText.\n", encoding="utf-8")
    (docs / "faq.yml").write_text(
        "### YamlMime:FAQ\n"
        "metadata:\n  title: 'FAQ " + PAYLOAD.format(tag="faq-title").replace("'", "''") + "'\n"
        "title: 'FAQ " + PAYLOAD.format(tag="faq-h1").replace("'", "''") + "'\n"
        "sections:\n  - name: 'Sekce " + PAYLOAD.format(tag="faq-section").replace("'", "''") + "'\n"
        "    questions:\n      - question: 'Otázka " + PAYLOAD.format(tag="faq-q").replace("'", "''") + "'\n"
        "        answer: Odpověď.\n",
        encoding="utf-8",
    )
    (docs / "TOC.yml").write_text(
        "- name: 'Stránka " + PAYLOAD.format(tag="toc-page").replace("'", "''") + "'\n  href: page.md\n"
        "- name: 'Skupina " + PAYLOAD.format(tag="toc-group").replace("'", "''") + "'\n  items:\n"
        "    - name: 'FAQ " + PAYLOAD.format(tag="toc-faq").replace("'", "''") + "'\n      href: faq.yml\n",
        encoding="utf-8",
    )
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: Hostile TOC\nuse_directory_urls: false\ntheme:\n  name: material\n"
        "plugins:\n  - search\n  - sxs\n",
        encoding="utf-8",
    )
    return config


@pytest.fixture(scope="module")
def hostile_toc_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = tmp_path_factory.mktemp("hostile-toc")
    config = load_config(str(_write_docset(root)), site_dir=str(root / "site"))
    build(config)
    return root / "site"


def test_toc_and_yaml_page_text_is_escaped(hostile_toc_site: Path) -> None:
    pages = sorted(hostile_toc_site.rglob("*.html"))
    assert any(p.name == "faq.html" for p in pages)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<script>alert", html), page
        assert not re.search(r"<img src=x onerror", html), page
    page_html = (hostile_toc_site / "page.html").read_text(encoding="utf-8")
    # The names are still there, as visible text.
    assert '<script>alert("toc-page")</script>' in unescape(page_html)
    faq_html = (hostile_toc_site / "faq.html").read_text(encoding="utf-8")
    assert "faq-q" in faq_html and "faq-section" in faq_html


@pytest.mark.browser
def test_no_script_from_toc_or_yaml_runs(hostile_toc_site: Path) -> None:
    from support import launch_chromium, serve

    sync_api = pytest.importorskip("playwright.sync_api")
    with serve(hostile_toc_site) as base, sync_api.sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for name in ("page.html", "faq.html"):
            page.goto(base + name)
            page.wait_for_load_state("load")
            page.wait_for_timeout(200)
        assert "toc-page" in page.content()
        browser.close()
    assert dialogs == []
