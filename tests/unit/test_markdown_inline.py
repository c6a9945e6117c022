"""The inline-processor shortcut: same HTML as Python-Markdown's own processor, fewer pattern runs."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from markdown import inlinepatterns, treeprocessors
from mkdocs_sxs.markdown_ext.extension import SxsExtension
from mkdocs_sxs.markdown_ext.inline import FastInlineProcessor, install_fast_inline, pattern_triggers

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sxs"
EXTENSIONS = ["toc", "admonition", "attr_list", "tables", "md_in_html"]

EVERY_CONSTRUCT = """\
# Title with `code` and *em*

Plain text without anything special in it.

Text with `code`, ``double `tick` code``, \\*escaped\\*, a [link](x.md "t"), a [ref][r] and [r],
an ![image](i.png), ![ref image][r], ![r], <https://example.com>, <me@example.com>, a line break\x20\x20
here, <b>html</b> <!-- comment -->, &amp; &#123; &#x41;, **strong**, *em*, __strong__, _em_,
***both***, * not em *, snake_case_word and a_b.

| a | b_c | `d` |
| --- | --- | --- |
| plain | *x* | [l](y.md) |

!!! note "Title *em*"
    Body with **bold** and plain text.

<div markdown="1">Inside *html* block with [link](z.md)</div>

- item with <span data-ttu-id="a-1">Cíl *em*</span><span class="sxs-lookup"><span data-stu-id="a-1">Target</span></span>
- plain item

[r]: https://example.org/ref
"""


def _convert(text: str, fast: bool) -> tuple[str, markdown.Markdown]:
    md = markdown.Markdown(extensions=[SxsExtension(), *EXTENSIONS])
    if not fast:  # Python-Markdown's own processor, at the same place
        md.treeprocessors.register(treeprocessors.InlineProcessor(md), "inline", 20)
    assert isinstance(md.treeprocessors["inline"], FastInlineProcessor) is fast
    return md.convert(text), md


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.md")) + ["every-construct"])
def test_same_html_as_python_markdown(name: str) -> None:
    text = EVERY_CONSTRUCT if name == "every-construct" else (FIXTURES / name).read_text(encoding="utf-8")
    fast, fast_md = _convert(text, fast=True)
    stock, stock_md = _convert(text, fast=False)
    assert fast == stock
    assert fast_md.toc == stock_md.toc


def test_core_patterns_have_shortcuts() -> None:
    md = markdown.Markdown()
    assert [pattern_triggers(p) for p in md.inlinePatterns] == [
        ("`",), ("\\",), ("[",), ("[",), ("![",), ("![",), ("[",), ("![",), ("<",), ("<",), ("  \n",), ("<",),
        ("&",), ("*", "_"),
    ]


def _pattern_runs(processor: type[treeprocessors.InlineProcessor], text: str) -> int:
    runs = 0

    class Counting(processor):  # type: ignore[valid-type, misc]
        def _InlineProcessor__applyPattern(self, *args):  # noqa: N802 - Markdown's private name
            nonlocal runs
            runs += 1
            return super()._InlineProcessor__applyPattern(*args)

    md = markdown.Markdown()
    md.treeprocessors.register(Counting(md), "inline", 20)
    assert md.convert(text).startswith("<p>")
    return runs


@pytest.mark.parametrize(("text", "runs"), [("Plain text.", 0), ("Text *em*.", 1), ("A [link](x) *b*", 3)])
def test_patterns_that_cannot_match_are_not_run(text: str, runs: int) -> None:
    assert _pattern_runs(FastInlineProcessor, text) == runs
    assert _pattern_runs(treeprocessors.InlineProcessor, text) > 13  # every pattern at least once


def test_unknown_patterns_always_run() -> None:
    md = markdown.Markdown()
    md.inlinePatterns.register(inlinepatterns.SimpleTagInlineProcessor(r"()~~(.+?)~~", "del"), "del", 65)
    install_fast_inline(md)
    assert pattern_triggers(md.inlinePatterns["del"]) is None
    assert md.convert("a ~~b~~ c") == "<p>a <del>b</del> c</p>"


def test_a_replaced_inline_processor_is_left_alone() -> None:
    md = markdown.Markdown()

    class Custom(treeprocessors.InlineProcessor):
        pass

    custom = Custom(md)
    md.treeprocessors.register(custom, "inline", 20)
    install_fast_inline(md)
    assert md.treeprocessors["inline"] is custom


THIRD_PARTY = ["footnotes", "abbr", "def_list", "smarty", "pymdownx.betterem", "pymdownx.tilde", "pymdownx.caret",
               "pymdownx.mark", "pymdownx.magiclink", "pymdownx.emoji", "pymdownx.keys", "pymdownx.inlinehilite",
               "pymdownx.superfences", "pymdownx.critic", "pymdownx.smartsymbols", "pymdownx.escapeall"]
MORE_SYNTAX = """

H~2~O ^^ins^^ ==mark== ~~del~~ ++ctrl+alt++ :smile: https://example.com www.example.org (c) --> 1/2
'quoted' "double" -- --- ... {++added++} `#!py x = 1` [^1] HTML abbr

*[HTML]: Hyper Text

[^1]: A *foot* note.
"""


def test_same_html_with_other_extensions_loaded() -> None:
    """Patterns of other extensions (Material's pymdownx, smarty …) have no shortcut and always run."""
    def convert(fast: bool) -> str:
        md = markdown.Markdown(extensions=[SxsExtension(), *EXTENSIONS, *THIRD_PARTY])
        if not fast:
            md.treeprocessors.register(treeprocessors.InlineProcessor(md), "inline", 20)
        assert isinstance(md.treeprocessors["inline"], FastInlineProcessor) is fast
        return md.convert(EVERY_CONSTRUCT + MORE_SYNTAX)

    html = convert(fast=True)
    assert "<sub>2</sub>" in html and "<mark>mark</mark>" in html and 'class="footnote"' in html
    assert html == convert(fast=False)
