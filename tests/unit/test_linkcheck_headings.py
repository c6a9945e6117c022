"""Heading anchors as DocFX (markdig) makes them: setext headings, HTML headings, GitHub-style ids."""

from __future__ import annotations

from mkdocs_sxs.core.linkcheck import check_path
from mkdocs_sxs.core.linkcheck.scan import heading_slug, scan_markdown


def anchors(text: str) -> set[str]:
    return scan_markdown(text, "p.md", units=[]).anchors


def test_setext_headings_have_ids():
    assert anchors("Úvod\n====\n\nDalší kroky\n-----------\n") == {"úvod", "další-kroky"}
    # Several paragraph lines make one heading; a TU keeps only its translation.
    assert anchors("První řádek\ndruhý řádek\n---\n") == {"první-řádekdruhý-řádek"}
    assert anchors('<span data-ttu-id="a-1">Cíl</span><span class="sxs-lookup">'
                   '<span data-stu-id="a-1">Goal</span></span>\n---\n') == {"cíl"}
    # Indented up to three spaces, trailing spaces, a lone `-`; in a list item lined up with its text.
    assert anchors("Nadpis\n   ---  \n") == {"nadpis"}
    assert anchors("Nadpis\n-\n") == {"nadpis"}
    assert anchors("1. Krok\n   ---\n") == {"krok"}


def test_dashes_that_are_not_setext_underlines():
    # After a blank line: a thematic break.
    assert anchors("Text\n\n---\n") == set()
    # Under a list item it does not line up with: ends the list, a thematic break.
    assert anchors("- položka\n---\n") == set()
    # Under a list item holding only inline code (masked while scanning links).
    assert anchors("- `SELECT`\n- `FROM`\n") == set()
    # Inside fenced and indented code, after a quote's lazy line, inside an HTML block.
    assert anchors("```\nKód\n---\n```\n") == set()
    assert anchors("Text\n\n    kód\n---\n") == set()
    assert anchors("> Citace\n---\n") == set()
    assert anchors("<div>\nObsah\n---\n</div>\n") == set()
    # A table delimiter row, and the YAML front matter's closing fence.
    assert anchors("| a | b |\n|---|---|\n") == set()
    assert anchors("---\ntitle: Stránka\n---\nText\n") == set()
    # `===` under a blank line is text; four spaces of indent make it part of the paragraph.
    assert anchors("Text\n\n===\n") == set()
    assert anchors("Text\n    ---\n") == set()


def test_html_headings_anchor_by_their_id():
    assert anchors('<h2 id="nastaveni">Nastavení</h2>\n\n<h3 id=\'dalsi\'>Další</h3>\n') == {"nastaveni", "dalsi"}
    assert anchors("<h2>Bez id</h2>\n") == set()     # markdig gives HTML blocks no id


def test_setext_and_atx_share_the_numbering_of_repeated_ids():
    assert anchors("# Krok\n\nKrok\n----\n\n## Krok\n") == {"krok", "krok-1", "krok-2"}


def test_slugs_follow_markdig_urilize_as_gfm():
    # DocFX's own test for its default (AutoIdentifierOptions.GitHub).
    assert heading_slug("This - is a &@! heading _ with . and ! -") == "this---is-a--heading-_-with--and---"
    # Inline code keeps its words (also when the page is scanned with code masked).
    assert anchors("## Příkaz `Get-Item` a `<T>`\n") == {"příkaz-get-item-a-t"}
    # Entities are decoded, unknown ones stay as text; backslash escapes are resolved.
    assert heading_slug("Q&amp;A &#65;&#x42; &bogus;") == "qa-ab-bogus"
    assert heading_slug(r"Soubor \_config\_") == "soubor-_config_"
    # Emphasis marks go, `snake_case` keeps its underscores.
    assert heading_slug("__Pozor__ na _tohle_ a snake_case") == "pozor-na-tohle-a-snake_case"
    # Reference links keep their text, autolinks their address.
    assert heading_slug("[Odkaz][ref] a <https://example.com/a>") == "odkaz-a-httpsexamplecoma"
    # Images keep their alternative text.
    assert heading_slug("![Logo](media/logo.png) Partner") == "logo-partner"
    # .NET letters and digits only: no superscripts, fractions or characters outside the BMP.
    assert heading_slug("m² ½ 𝐀 č3") == "m---č3"
    # Each character lowered on its own (no final-sigma rule); `İ` lowers to `i`.
    assert heading_slug("ΟΔΟΣ İstanbul") == "οδοσ-istanbul"


def test_empty_headings_and_collisions_with_written_ids():
    # An empty slug is `section`; a later `a` collides with an earlier heading literally `a-1`.
    assert anchors("# !!!\n\n# a-1\n\n# a\n\n# a\n") == {"section", "a-1", "a", "a-2"}


def test_link_to_setext_and_code_headings_is_checked(tmp_path):
    (tmp_path / "cil.md").write_text("Nastavení serveru\n=================\n\n## Použití `sxs`\n", encoding="utf-8")
    (tmp_path / "p.md").write_text(
        "[a](cil.md#nastavení-serveru) [b](cil.md#použití-sxs) [c](cil.md#použití-------)\n", encoding="utf-8")
    result = check_path(tmp_path)
    assert [(f.category, f.link) for f in result.findings] == [("anchor-missing", "cil.md#použití-------")]
