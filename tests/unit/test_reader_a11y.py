"""Accessibility of the reader markup (issue 14 §1) and unglued annotation names (§4).

Markup-level checks here; the browser behaviour (keyboard, screen-reader
descriptions, axe-core) is in tests/browser/test_a11y.py.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from mkdocs_sxs.core.annotations.render import names_html
from mkdocs_sxs.core.reader.a11y import reader_controls, set_direction, text_direction
from mkdocs_sxs.core.reader.chrome import page_bar
from mkdocs_sxs.core.reader.empty_links import fill_empty_links
from mkdocs_sxs.core.reader.render import render_markdown

ANNOTATION_PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "annotations"


def _tu(tid: str, target: str, source: str) -> str:
    return (f'<span data-ttu-id="x-{tid}">{target}</span>'
            f'<span class="sxs-lookup"><span data-stu-id="x-{tid}">{source}</span></span>')


def test_units_are_not_tab_stops():
    html, _ = render_markdown(_tu("1", "Věta.", "A sentence.") + " " + _tu("2", "Další.", "Another."))
    assert html.count('class="sxs-tu"') == 2
    assert "tabindex" not in html


def test_an_emptied_link_gets_the_english_text_marked_untranslated():
    html, _ = render_markdown(_tu("1", "Viz [](page.md) a [stránka](other.md).",
                                  "See [Partner Center roles](page.md) and [the page](other.md)."))
    target = re.search(r'<span class="sxs-t">(.*?)</span><span class="sxs-s"', html).group(1)
    assert ('[<span class="sxs-untranslated" lang="en">Partner Center roles'
            '<span class="sxs-vh" data-search-exclude> (not translated)</span></span>](page.md)') in target
    assert "[stránka](other.md)" in target  # a translated link is left alone


def test_emptied_links_match_by_destination_then_position():
    source = 'First [one](a.md "A"), then [two](b.md), then [three](c.md).'
    filled = fill_empty_links("[](b.md), [](x.md), [](a.md)", source)
    assert filled.startswith('[<span class="sxs-untranslated" lang="en">two<')
    # x.md: no English link goes there, and the one at its position (b.md) is taken: left empty
    assert "[](x.md)" in filled
    assert filled.endswith('">one<span class="sxs-vh" data-search-exclude> (not translated)</span></span>](a.md)')
    # a changed destination: the English link at the same position
    assert fill_empty_links("Viz [](x.md).", "See [one](a.md).").startswith(
        'Viz [<span class="sxs-untranslated" lang="en">one<')
    # nothing to take the text from: left as it is
    assert fill_empty_links("[](z.md)", "no links here") == "[](z.md)"
    assert fill_empty_links("[](z.md)", None) == "[](z.md)"
    # an image with empty alt text is not a link
    assert fill_empty_links("![](i.png)", "![logo](i.png)") == "![](i.png)"


def test_an_emptied_html_link_gets_the_english_text():
    filled = fill_empty_links('Viz <a href="p.md"></a>.', 'See <a href="p.md">the page</a>.', source_lang="en-US")
    assert filled == ('Viz <a href="p.md"><span class="sxs-untranslated" lang="en-US">the page'
                      '<span class="sxs-vh" data-search-exclude> (not translated)</span></span></a>.')


def test_names_are_separated_so_text_extraction_yields_two_words():
    html = names_html("globální správce", "Global admin")
    text = re.sub(r"<[^>]+>", "", html)
    assert text == "Globální správce Global admin"


def test_page_bar_has_the_hover_toggle_and_names_the_original_key():
    bar = page_bar({"ms.translationtype": "MT"}, locale="cs-CZ", has_units=True)
    assert '<button type="button" class="sxs-hover" aria-pressed="true">Originály při najetí myší</button>' in bar
    assert '<span dir="ltr"><kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>O</kbd></span>' in bar
    assert 'role="group" aria-label="Jazyk"' in bar
    # every Learn locale has them in its catalog; a locale without a catalog falls back to English
    assert ">ホバーで原文を表示<" in reader_controls("ja-JP")
    assert ">Originals on hover<" in reader_controls("eo")
    assert "sxs-hover" not in page_bar({}, locale="cs-CZ", has_units=False)


@pytest.mark.parametrize(("locale", "direction"), [
    ("ar-SA", "rtl"), ("he-IL", "rtl"), ("fa", "rtl"), ("cs-CZ", "ltr"), ("zh-TW", "ltr"), (None, "ltr"),
    ("xx-bogus", "ltr"),
])
def test_text_direction_from_cldr(locale, direction):
    assert text_direction(locale) == direction


def test_rtl_pages_get_dir_on_html_and_body():
    page = '<html lang="ar-SA" class="no-js"><head></head><body dir="ltr" data-x="1">x</body></html>'
    out = set_direction(page, "ar-SA")
    assert '<html lang="ar-SA" class="no-js" dir="rtl">' in out
    assert '<body data-x="1" dir="rtl">' in out
    assert set_direction(page, "cs-CZ") == page  # LTR page on an LTR site: untouched
    rtl_site = page.replace('dir="ltr"', 'dir="rtl"')
    assert '<body data-x="1" dir="ltr">' in set_direction(rtl_site, "cs-CZ")


@pytest.fixture(scope="module")
def annotation_site(tmp_path_factory) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    work = tmp_path_factory.mktemp("a11y-annotations")
    config = work / "mkdocs.yml"
    config.write_text(
        f"site_name: Fixtures\ndocs_dir: {json.dumps(str(ANNOTATION_PAGES))}\n"
        f"site_dir: {json.dumps(str(work / 'site'))}\n"
        "theme:\n  name: material\n  language: cs\nplugins:\n  - search\n  - sxs\n",
        encoding="utf-8",
    )
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    build(load_config(str(config)))
    return work / "site"


def test_search_index_has_both_names_as_separate_words(annotation_site: Path):
    index = json.loads((annotation_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = {doc["location"]: doc for doc in index["docs"]}
    page_text = " ".join(doc["text"] for location, doc in docs.items() if location.startswith("cs-line/"))
    assert "Agent helpdesku Helpdesk agent" in page_text
    assert "helpdeskuHelpdesk" not in json.dumps(index, ensure_ascii=False)
    assert docs["roles/helpdesk-agent/#helpdesk-agent"]["title"] == "Agent helpdesku Helpdesk agent"
    everything = " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"])
    assert not re.search(r"[a-zá-ž]\)?[A-ZÁ-Ž][a-z]+ agent", everything.replace(" Helpdesk agent", "")), everything


def test_built_pages_have_no_tabindex_on_text(annotation_site: Path):
    for page in annotation_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'<span class="sxs-tu[^"]*"[^>]*tabindex', html), page
