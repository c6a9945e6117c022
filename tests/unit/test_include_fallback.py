"""Includes missing from the localized docset, taken from the English docset (`include_fallback`).

The fixture has two trees: `cs/` (the localized docset) and `en/` (the English
one, with includes the export lacks). Pages are written inline in `cs/`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docfx_helpers import render, visible
from mkdocs_sxs.core.docfx.docset import Docset
from mkdocs_sxs.core.docfx.line_origins import problem_place

TREES = Path(__file__).resolve().parents[1] / "fixtures" / "include_fallback"
CS, EN = TREES / "cs", TREES / "en"
LABEL = "Nepřeloženo (anglický originál)"


@pytest.fixture(scope="module")
def docset() -> Docset:
    return Docset.scan(CS)


def fallback_render(docset: Docset, text: str, **options: object):
    return render(docset, text, include_fallback=str(EN), **options)


def test_missing_include_is_taken_from_the_fallback_marked_and_reported_as_info(docset: Docset) -> None:
    html, result = fallback_render(docset, "# T\n\n[!INCLUDE[e](includes/english.md)]\n\nKonec.\n")
    assert "English only text with a" in visible(html) and "ms.topic" not in html
    assert f'<p><span class="sxs-untranslated-label" lang="cs-CZ">{LABEL}</span></p>' in html
    # its own link is relative to its docset-relative place, so it points at the localized page
    assert '<a href="sub/child.md">link</a>' in html
    fallback = next(p for p in result.problems if p.code == "include-fallback")
    assert (fallback.path, fallback.line, fallback.level) == ("page.md", 3, "info")
    assert str(EN / "includes" / "english.md") in fallback.message


def test_a_file_the_localized_docset_has_wins_over_the_fallback(docset: Docset) -> None:
    html, result = fallback_render(docset, "[!INCLUDE[l](includes/local.md)]\n")
    assert "Lokální vložený text." in visible(html) and "never shown" not in html
    assert LABEL not in html and not result.problems


def test_nested_fallback_includes_keep_file_and_line_of_each_problem(docset: Docset) -> None:
    html, result = fallback_render(docset, "# T\n\n[!INCLUDE[e](includes/english.md)]\n")
    text = visible(html)
    assert "Nested English text." in text
    assert html.count(LABEL) == 1  # English inside English content is not labelled again
    # gone.md is in neither tree: today's placeholder and warning, at the English file's line
    assert 'class="sxs-include-missing" title="gone.md"' in html
    missing = next(p for p in result.problems if p.code == "include-missing")
    assert (missing.path, missing.line, missing.level) == (str(EN / "includes" / "nested-en.md"), 3, "warning")
    assert "nor in the include fallback" in missing.message
    nested = [p for p in result.problems if p.code == "include-fallback"]
    assert [(p.path, p.line) for p in nested] == [("page.md", 3), (str(EN / "includes" / "english.md"), 6)]
    # line origins: the English line maps to the English file, through the page's directive
    origins = result.origins
    assert origins is not None
    line = result.text.split("\n").index("Nested English text.") + 1
    assert problem_place("page.md", line, 1, 0, origins) == (
        f"{EN / 'includes' / 'nested-en.md'}:1:1 (included in page.md:3 via {EN / 'includes' / 'english.md'}:6)")


def test_missing_in_both_trees_is_the_placeholder_and_a_warning_or_info(docset: Docset) -> None:
    page = "[!INCLUDE[x](includes/nowhere.md)]\n"
    html, result = fallback_render(docset, page)
    assert "Vložený obsah nebyl nalezen" in visible(html)
    assert [(p.code, p.level) for p in result.problems] == [("include-missing", "warning")]
    _, partial = fallback_render(docset, page, missing_include_level="info")
    assert [(p.code, p.level) for p in partial.problems] == [("include-missing", "info")]
    _, without = render(docset, page)
    assert "include_fallback" in without.problems[0].message  # says how to get the English original


def test_cycle_across_the_two_trees_is_cut_once(docset: Docset) -> None:
    html, result = fallback_render(docset, "[!INCLUDE[a](includes/loop-a.md)]\n")
    text = visible(html)
    assert text.count("Smyčka A.") == 1 and text.count("Loop B.") == 1
    cycle = [p for p in result.problems if p.code == "include-cycle"]
    assert len(cycle) == 1
    assert (cycle[0].path, cycle[0].line) == (str(EN / "includes" / "loop-b.md"), 3)
    assert "includes/loop-a.md -> includes/loop-b.md -> includes/loop-a.md" in cycle[0].message


def test_inline_include_is_wrapped_in_an_english_span(docset: Docset) -> None:
    html, _ = fallback_render(docset, "Věta [!INCLUDE[p](includes/phrase.md)] dál.\n")
    assert (f'<p>Věta <span class="sxs-untranslated" lang="en" title="{LABEL}">an English phrase</span> dál.</p>'
            in html)


def test_fallback_include_inside_an_alert_stays_in_the_alert(docset: Docset) -> None:
    html, _ = fallback_render(docset, "> [!NOTE]\n> [!INCLUDE[n](includes/alert-body.md)]\n")
    assert re.search(r'<div class="admonition note">\s*<p class="admonition-title">Poznámka</p>\s*'
                     rf'<p><span class="sxs-untranslated-label"[^>]*>{re.escape(LABEL)}</span></p>\s*'
                     r'<p>Alert body in English.</p>\s*</div>', html)


def test_untrusted_content_of_a_fallback_include_is_treated_like_any_include(docset: Docset) -> None:
    html, _ = fallback_render(docset, "[!INCLUDE[h](includes/hostile.md)]\n")
    local, _ = fallback_render(docset, "[!INCLUDE[h](includes/hostile-local.md)]\n")
    body = html.split("</p>", 1)[1].strip()  # after the label paragraph
    assert body == local.strip()  # the same file, the same output as a local include
    assert "onerror" not in html  # a unit's hostile markup is sanitized


def test_the_label_and_href_are_escaped(docset: Docset, tmp_path: Path) -> None:
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / 'q"<b>.md').write_text("English.\n", encoding="utf-8")
    html, result = render(docset, '[!INCLUDE[q](includes/q"<b>.md)]\n', include_fallback=str(tmp_path),
                          locale="en-US")
    assert "<b>" not in html  # the href is not written raw anywhere
    assert "Not translated (English original)" in html and "English." in visible(html)
    assert result.problems[0].code == "include-fallback"


def test_a_fallback_include_may_leave_the_docset_folder_but_not_the_repository(docset: Docset, tmp_path: Path
                                                                              ) -> None:
    repo = tmp_path / "english-repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "articles").mkdir()
    (repo / "includes").mkdir()
    (repo / "includes" / "shared.md").write_text("Shared English text.\n", encoding="utf-8")
    (tmp_path / "secret.md").write_text("Not the repository's.\n", encoding="utf-8")
    (repo / "notes.txt").write_text("Not an include.\n", encoding="utf-8")
    page = "[!INCLUDE[s](../includes/shared.md)]\n\n[!INCLUDE[x](../../secret.md)]\n\n[!INCLUDE[t](../notes.txt)]\n"
    html, result = render(docset, page, include_fallback=str(repo / "articles"))
    assert "Shared English text." in visible(html)
    assert "Not the repository's." not in html and "Not an include." not in html
    assert [p.code for p in result.problems] == ["include-fallback", "include-missing", "include-missing"]
