"""DocFX Markdown constructs rendered through the Markdown pipeline.

Each test transforms a small page written in the fixture docset
(`tests/fixtures/docfx_markdown/docset`) and asserts on the HTML that
Python-Markdown with the sxs extension makes of it.
"""

from __future__ import annotations

import re

import pytest
from docfx_helpers import DOCSET, TU, render, transform, visible
from mkdocs_sxs.core.docfx.docset import Docset


@pytest.fixture(scope="module")
def docset() -> Docset:
    return Docset.scan(DOCSET, ["/pc"])


# --- includes -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("directive", ["[!INCLUDE[banner](includes/banner.md)]",
                                       "[!INCLUDE [banner](includes/banner.md)]",
                                       "[!include [banner](./includes/BANNER.md)]"])
def test_include_both_spellings_nested_with_units_and_own_relative_links(docset: Docset, directive: str) -> None:
    html, result = render(docset, f"# Stránka\n\n{directive}\n\nKonec.\n")
    text = visible(html)
    assert "Tento obsah je vložený." in text and "Vnořený obsah." in text
    assert "This content is included." not in text  # the English original is a hidden lookup, not text
    assert 'data-sxs-id="aa-1"' in html and 'data-sxs-id="aa-3"' in html
    # `../sub/child.md` in includes/banner.md is relative to the include, rewritten for page.md
    assert 'href="sub/child.md"' in html
    assert 'src="media/present.png"' in html
    assert "[!INCLUDE" not in text.upper() and "ms.topic" not in text


def test_include_inside_alert_keeps_the_quote(docset: Docset) -> None:
    html, _ = render(docset, "> [!NOTE]\n> [!INCLUDE [note](includes/note.md)]\n")
    assert re.search(r'<div class="admonition note">\s*<p class="admonition-title">Poznámka</p>', html)
    assert "Poznámka z vloženého souboru." in visible(html)


def test_missing_include_is_a_localized_placeholder_and_a_warning_with_line(docset: Docset) -> None:
    html, result = render(docset, "# T\n\ntext\n\n[!INCLUDE [x](includes/nope.md)]\n")
    assert "Vložený obsah nebyl nalezen" in visible(html)
    assert 'class="sxs-include-missing"' in html
    problem = next(p for p in result.problems if p.code == "include-missing")
    assert (problem.path, problem.line, problem.level) == ("page.md", 5, "warning")


def test_include_cycle_is_cut_and_reported(docset: Docset) -> None:
    html, result = render(docset, "[!INCLUDE [a](includes/cycle-a.md)]\n")
    text = visible(html)
    assert text.count("Cycle A text.") == 1 and text.count("Cycle B text.") == 1
    cycle = [p for p in result.problems if p.code == "include-cycle"]
    assert len(cycle) == 1 and cycle[0].path == "includes/cycle-b.md" and cycle[0].line == 3


# --- alerts -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "css", "title"), [
    ("NOTE", "note", "Poznámka"), ("TIP", "tip", "Tip"), ("IMPORTANT", "info important", "Důležité"),
    ("WARNING", "warning", "Upozornění"), ("CAUTION", "danger caution", "Pozor"),
])
def test_alerts_become_admonitions_with_localized_titles(docset: Docset, kind: str, css: str, title: str) -> None:
    page = f"> [!{kind}]\n> {TU.format(n=1, cs='Věta v upozornění.', en='A sentence.')}\n>\n> - [odkaz](sub/child.md)\n"
    html, _ = render(docset, page)
    assert f'<div class="admonition {css}">' in html
    assert f'<p class="admonition-title">{title}</p>' in html
    assert 'data-sxs-id="p-1"' in html and '<li><a href="sub/child.md">odkaz</a></li>' in html
    assert f"[!{kind}]" not in visible(html)


def test_alert_title_follows_the_page_locale(docset: Docset) -> None:
    html, _ = render(docset, "> [!NOTE]\n> Text.\n", locale="de-DE")
    assert '<p class="admonition-title">Hinweis</p>' in html


def test_alert_inside_a_list_item_stays_in_the_item(docset: Docset) -> None:
    page = "1. Krok jedna.\n\n   > [!NOTE]\n   > Poznámka ke kroku.\n\n2. Krok dva.\n"
    html, _ = render(docset, page)
    assert re.search(r"<li>\s*<p>Krok jedna.</p>\s*<div class=\"admonition note\">", html)
    assert html.count("<ol>") == 1


def test_alert_lines_keep_their_numbers(docset: Docset) -> None:
    page = "a\n\n> [!TIP]\n> b\n> c\n\nd\n"
    out = transform(docset, page).text
    assert out.split("\n")[5:7] == ["", "d"] and len(out.split("\n")) == len(page.split("\n"))


# --- :::image::: ------------------------------------------------------------------------------------------------


def test_image_directive_existing_file_and_lightbox(docset: Docset) -> None:
    page = (':::image type="content" source="media/present.png" alt-text="Obrázek &quot;A&quot; [1]":::\n\n'
            ':::image type="content" source="media/present.png" alt-text="B"lightbox="media/present.png":::\n')
    html, result = render(docset, page)
    assert html.count('<img alt=') == 2 and 'src="media/present.png"' in html
    assert '<a href="media/present.png"><img alt="B" src="media/present.png"' in html
    assert not result.problems


def test_complex_image_keeps_its_long_description(docset: Docset) -> None:
    page = (':::image type="complex" source="media/present.png" alt-text="Graf":::\n'
            "   Dlouhý popis grafu.\n:::image-end:::\n\nDál.\n")
    html, _ = render(docset, page)
    assert 'alt="Graf"' in html
    assert re.search(r'<div class="sxs-image-description">\s*<p>Dlouhý popis grafu.</p>', html)
    assert ":::image" not in visible(html)


def test_missing_image_directive_is_a_placeholder_with_alt_text(docset: Docset) -> None:
    html, result = render(docset, ':::image type="content" source="media/absent.png" alt-text="Snímek <portálu>":::\n')
    assert "<img" not in html
    assert 'class="sxs-media-missing"' in html and "Obrázek není k dispozici" in html
    assert "Snímek &lt;portálu&gt;" in html
    assert [p.code for p in result.problems] == ["media-missing"]


# --- [!div], [!VIDEO], rows and columns, no-loc -----------------------------------------------------------------


def test_div_class_wraps_its_content(docset: Docset) -> None:
    html, _ = render(docset, '> [!div class="nextstepaction"]\n> [Další krok](sub/child.md)\n\nKonec.\n')
    assert re.search(r'<div class="nextstepaction">\s*<p><a href="sub/child.md">Další krok</a></p>\s*</div>', html)
    assert "[!div" not in visible(html)


def test_div_with_a_lazy_image_line(docset: Docset) -> None:
    html, _ = render(docset, '> [!div class="mx-imgBorder"]\n![Obrázek](media/present.png)\n')
    assert re.search(r'<div class="mx-imgBorder">\s*<p><img alt="Obrázek" src="media/present.png"', html)


@pytest.mark.parametrize("line", ["> [!VIDEO https://www.microsoft.com/videoplayer/embed/RE4HE6B]",
                                  "[!VIDEO https://www.microsoft.com/videoplayer/embed/RE4HE6B]"])
def test_video_becomes_an_iframe(docset: Docset, line: str) -> None:
    html, _ = render(docset, f"{line}\n")
    assert '<iframe src="https://www.microsoft.com/videoplayer/embed/RE4HE6B"' in html
    assert "[!VIDEO" not in visible(html)


def test_rows_and_columns_render_their_indented_bodies_as_content(docset: Docset) -> None:
    page = (":::row:::\n    :::column:::\n\n    ### " + TU.format(n=5, cs="Vývojáři", en="Developers") + "\n\n"
            "    [Katalog](sub/child.md)\n\n    :::column-end:::\n    :::column:::\n    Druhý sloupec.\n"
            "    :::column-end:::\n:::row-end:::\n")
    html, _ = render(docset, page)
    assert "<pre>" not in html and "<code>" not in html
    assert re.search(r'<div class="sxs-row">\s*<div class="sxs-column">\s*<h3 id="[^"]*">', html)
    assert '<a href="sub/child.md">Katalog</a>' in html and "<p>Druhý sloupec.</p>" in html
    assert html.count('class="sxs-column"') == 2 and ":::" not in visible(html)


def test_no_loc_shows_its_text(docset: Docset) -> None:
    html, _ = render(docset, '| a | b |\n|---|---|\n| x | :::no-loc text="УНН/NZOU <x>"::: |\n')
    assert "<td>УНН/NZOU &lt;x&gt;</td>" in html


# --- text -------------------------------------------------------------------------------------------------------


def test_pseudo_tags_stay_visible_but_html_and_code_do_not_change(docset: Docset) -> None:
    page = ("Zadejte <your tenant> a <Result>, <b>tučně</b>, <https://example.com>.\n\n"
            "`<token>` zůstává.\n\n```xml\n<Result>1</Result>\n```\n")
    html, _ = render(docset, page)
    text = visible(html)
    assert "Zadejte <your tenant> a <Result>, tučně" in text
    assert "<strong>" not in html and "<b>tučně</b>" in html
    assert '<a href="https://example.com">' in html
    assert "<code>&lt;token&gt;</code>" in html
    assert "&lt;Result&gt;1&lt;/Result&gt;" in html


def test_double_braces_are_kept_literally(docset: Docset) -> None:
    page = TU.format(n=7, cs="Zkopírujte **{{Product\\_Number}}**.", en="Copy **{{Product\\_Number}}**.") + "\n"
    html, _ = render(docset, page)
    assert "Zkopírujte {{Product_Number}}." in visible(html)  # (the template guard writes `{` as `&#123;`)
    assert re.search(r"<strong>(?:\{|&#123;){2}Product_Number}}</strong>", html)


def test_fence_closed_with_indentation_does_not_swallow_the_page(docset: Docset) -> None:
    page = "```csharp\n   var x = 1;\n   ```\n\n" + TU.format(n=8, cs="Po kódu.", en="After code.") + "\n"
    html, _ = render(docset, page)
    assert "Po kódu." in visible(html) and "data-ttu-id" not in html


def test_fence_with_a_multi_word_info_string_is_still_code(docset: Docset) -> None:
    html, _ = render(docset, "``` Power Apps\nIf(!IsBlank(x))\n```\n\n" + TU.format(n=9, cs="Dál.", en="On.") + "\n")
    assert re.search(r'<pre( class="highlight")?><code class="language-Power">If\(!IsBlank\(x\)\)', html)
    assert "Dál." in visible(html)


def test_quote_ends_at_a_list_item_and_html_alerts_in_tables(docset: Docset) -> None:
    page = ("- a\n    >[!NOTE]\n    > first\n- b\n    >[!NOTE]\n    > second\n\n"
            "| x | y |\n|---|---|\n| 1 | <blockquote>[!NOTE] V buňce.</blockquote> |\n")
    html, _ = render(docset, page)
    assert html.count('<div class="admonition note">') == 3 and "[!NOTE]" not in visible(html)
    assert re.search(r"<li>\s*<p>b</p>\s*<div class=\"admonition note\">", html)
    assert '<td><div class="admonition note"><p class="admonition-title">Poznámka</p>V buňce.</div></td>' in html


def test_raw_html_link_to_missing_media_is_no_longer_a_link(docset: Docset) -> None:
    html, result = render(docset, '<a href="./media/absent.png"><img src="./media/absent.png" alt="A"></a>\n')
    assert " href=" not in html and 'data-sxs-missing-href="./media/absent.png"' in html
    assert 'class="sxs-media-missing"' in html
    assert [p.code for p in result.problems] == ["media-missing", "media-missing"]


def test_two_alerts_in_one_quote_and_an_alert_after_a_plain_quote(docset: Docset) -> None:
    page = "> [!NOTE]\n> první\n>[!NOTE]\n> druhá\n\n> citace\n>\n> [!WARNING]\n> varování\n"
    html, _ = render(docset, page)
    assert html.count('<div class="admonition note">') == 2
    assert '<div class="admonition warning">' in html and re.search(r"<blockquote>\s*<p>citace</p>", html)
    assert "[!" not in visible(html)


def test_bare_alert_line_and_a_bracket_wrapped_in_a_unit(docset: Docset) -> None:
    stray = TU.format(n=10, cs="[", en="[")
    html, _ = render(docset, f"[!NOTE]\nBez citace.\n\n> {stray}[!TIP]\n> Tip.\n")
    assert re.search(r'<div class="admonition note">\s*<p class="admonition-title">Poznámka</p>\s*<p>Bez citace.</p>',
                     html)
    assert '<div class="admonition tip">' in html and "[!" not in visible(html)


def test_triple_backticks_on_one_line_are_inline_code_not_a_fence(docset: Docset) -> None:
    html, _ = render(docset, " ```this.x();```\n\n> [!NOTE]\n> Poznámka.\n")
    assert '<div class="admonition note">' in html


def test_image_whose_alt_text_is_a_link_to_the_same_missing_file(docset: Docset) -> None:
    page = "![[" + TU.format(n=11, cs="Zobrazit", en="View") + "](./media/absent.png)](./media/absent.png)\n"
    html, _ = render(docset, page)
    assert "media/absent.png" not in html and 'class="sxs-media-missing"' in html and "Zobrazit" in visible(html)


def test_three_space_list_continuations_stay_in_the_item(docset: Docset) -> None:
    page = ("1. Krok jedna.\n\n   :::image type=\"content\" source=\"media/absent.png\" alt-text=\"Snímek\":::\n\n"
            "   Další odstavec kroku.\n\n2. Krok dva.\n\n- odrážka\n\n  pokračování\n\nKonec.\n")
    html, _ = render(docset, page)
    assert html.count("<ol>") == 1 and html.count("<li>") == 3
    assert re.search(r"<li>\s*<p>Krok jedna.</p>\s*<p><span class=\"sxs-media-missing\"", html)
    assert re.search(r"<p>Další odstavec kroku.</p>\s*</li>", html)
    assert re.search(r"<p>pokračování</p>\s*</li>", html) and "<p>Konec.</p>" in html
