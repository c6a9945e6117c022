"""Lists of DocFX pages read like CommonMark (markdig) reads them, once rendered by Python-Markdown.

Each page is transformed and rendered with the build's extension stack; its
list structure (ol/ul/li nesting, `start`) must equal markdown-it-py's
rendering of the same page, and the visible content must stay in its item.
"""

from __future__ import annotations

import re

import pytest
from docfx_helpers import DOCSET, TU, render, transform, visible
from list_shape import commonmark_html, list_shape
from mkdocs_sxs.core.docfx.docset import Docset
from mkdocs_sxs.core.docfx.markdown.lists import indent_list_continuations


@pytest.fixture(scope="module")
def docset() -> Docset:
    return Docset.scan(str(DOCSET), [])


def _same_lists(docset: Docset, page: str) -> str:
    html, _ = render(docset, page)
    assert list_shape(html) == list_shape(commonmark_html(page)), html
    return html


def _tu(n: int, cs: str) -> str:
    return TU.format(n=n, cs=cs, en=cs + " (en)")


def test_three_space_content_of_ordered_items_stays_in_the_step(docset: Docset) -> None:
    page = (f"1. {_tu(1, 'Otevřete nastavení.')}\n\n   ![Snímek](media/absent.png)\n\n"
            f"   {_tu(2, 'Pak uložte.')}\n\n   > [!NOTE]\n   > {_tu(3, 'Poznámka.')}\n\n"
            f"2. {_tu(4, 'Další krok.')}\n")
    html = _same_lists(docset, page)
    assert html.count("<ol>") == 1
    first = html.split("</li>")[0]
    for text in ("Otevřete nastavení.", "Pak uložte.", "Poznámka."):
        assert text in visible(first)
    assert 'class="admonition note"' in first and "sxs-media-missing" in first
    assert "data-ttu-id" not in html


def test_nested_items_two_or_three_spaces_deep_nest(docset: Docset) -> None:
    page = ("- a\n  - a1\n  - a2\n    1. deep\n    2. deeper\n- b\n\n"
            "1. one\n   - one a\n\n     para of one a\n   - one b\n2. two\n   1. two one\n")
    html = _same_lists(docset, page)
    assert re.search(r"<li>a\s*<ul>\s*<li>a1</li>\s*<li>a2\s*<ol>", html)
    assert re.search(r"<p>one a</p>\s*<p>para of one a</p>", html)


def test_list_interrupting_a_paragraph_is_a_list(docset: Docset) -> None:
    page = f"{_tu(5, 'Požadavky:')}\n- {_tu(6, 'první')}\n- {_tu(7, 'druhá')}\n\nText.\n2) no list here\n"
    html = _same_lists(docset, page)
    assert html.count("<li>") == 2 and "- " not in visible(html) and "2) no list here" in visible(html)


def test_lazy_continuation_lines_stay_in_the_item(docset: Docset) -> None:
    page = "1. Krok jedna,\npokračování bez odsazení.\n2. Krok dva\n   - vnořená\nlíná řádka\n\nKonec.\n"
    html = _same_lists(docset, page)
    assert re.search(r"<li>Krok jedna,\s*pokračování bez odsazení.</li>", html)
    assert re.search(r"<li>vnořená\s*líná řádka</li>", html) and "<p>Konec.</p>" in html


def test_fenced_and_indented_code_in_items_keep_their_indentation(docset: Docset) -> None:
    page = ("1. Spusťte:\n\n   ```powershell\n   Connect-AzAccount\n       # odsazeno\n   ```\n\n"
            "2. Nebo:\n\n       indented code\n         more\n\n3. Hotovo.\n")
    html = _same_lists(docset, page)
    assert html.count("<ol>") == 1 and html.count("<li>") == 3
    assert re.search(r'<code class="language-powershell">Connect-AzAccount\n    # odsazeno', html)
    assert re.search(r"<pre[^>]*><code>indented code\n  more", html)


def test_ordered_start_and_bullet_list_after_ordered_list_are_kept(docset: Docset) -> None:
    page = "3. tři\n4. čtyři\n- odrážka\n\n7. sedm\n"
    html = _same_lists(docset, page)
    assert '<ol start="3">' in html and '<ol start="7">' in html and html.count("<ul>") == 1


def test_html_blocks_tables_and_top_level_code_are_not_moved() -> None:
    page = ("<div>\n   - not a list\n</div>\n\n    code at top\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
            "- item\n\n  | x |\n  |---|\n  | y |\n\n   <p>html in item</p>\n")
    out = indent_list_continuations(page)
    assert out.split("\n")[:12] == page.split("\n")[:12]
    assert "\n    | x |\n    |---|\n    | y |\n" in out and "\n   <p>html in item</p>\n" in out


def test_line_count_is_kept_unless_a_list_interrupts_a_paragraph() -> None:
    page = "1. a\n\n   b\n\n   - c\n\n     d\n\n2. e\n   - f\n  lazy\n"
    assert indent_list_continuations(page).count("\n") == page.count("\n")
    # `2. e` after a chunk that starts deeper would be read as text of `d` by Python-Markdown
    assert indent_list_continuations("1. a\n   - c\n\n     d\n2. e\n") == "1. a\n    - c\n\n        d\n\n2. e\n"
    assert indent_list_continuations("para\n- x\n") == "para\n\n- x\n"
    assert indent_list_continuations("no list\n\nhere\n") == "no list\n\nhere\n"


def test_alert_in_a_list_item_becomes_an_admonition_in_the_item(docset: Docset) -> None:
    page = f"- {_tu(8, 'Bod')}\n\n  > [!WARNING]\n  > {_tu(9, 'Pozor.')}\n\n- {_tu(10, 'Druhý')}\n"
    html = _same_lists(docset, page)
    assert re.search(r"<li>\s*<p>.*?Bod.*?</p>\s*<div class=\"admonition warning\">", html)
    assert not transform(docset, page).problems


def test_lines_after_an_inserted_blank_line_map_back_to_the_file(docset: Docset) -> None:
    page = "Úvod:\n- a\n  - b\n\n   konec b?\n\n1. krok\n\n   Text kroku.\n\nPosledni radek.\n"
    result = transform(docset, page)
    final = result.text.split("\n")
    assert len(final) == len(page.split("\n")) + 1 and result.origins is not None
    for wanted, number in (("Posledni radek.", 11), ("Text kroku.", 9), ("1. krok", 7), ("- a", 2)):
        index = next(i for i, line in enumerate(final) if wanted in line)
        assert result.origins.origin(index + 1)[1] == number, (wanted, result.text)


def test_lists_inside_quotes_are_not_moved_and_do_not_unbalance_their_item(docset: Docset) -> None:
    page = "- x\n\n  > - q\n  >   - r\n\n  - y\n\n   z\n- w\n"
    assert indent_list_continuations(page) == "- x\n\n    > - q\n    >   - r\n\n    - y\n\n    z\n\n- w\n"
    html, _ = render(docset, page)  # (nesting inside the quote: Python-Markdown's, a known difference)
    assert re.search(r"</blockquote>\s*<ul>\s*<li>y</li>\s*</ul>\s*<p>z</p>\s*</li>\s*<li>\s*<p>w</p>", html)
