"""The inline-processor shortcut on real pages: the same HTML as Python-Markdown's own processor."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from markdown import treeprocessors
from mkdocs_sxs.markdown_ext.extension import SxsExtension
from mkdocs_sxs.markdown_ext.inline import FastInlineProcessor

EXTENSIONS = ["toc", "admonition", "attr_list", "tables", "md_in_html"]


def _convert(text: str, fast: bool) -> str:
    md = markdown.Markdown(extensions=[SxsExtension(), *EXTENSIONS])
    if not fast:
        md.treeprocessors.register(treeprocessors.InlineProcessor(md), "inline", 20)
    assert isinstance(md.treeprocessors["inline"], FastInlineProcessor) is fast
    return md.convert(text)


@pytest.mark.acceptance
def test_same_html_on_corpus_pages(corpus: Path) -> None:
    pages = sorted((corpus / "partner-center.cs-CZ" / "partner-center").rglob("*.md"))[::5]
    assert len(pages) > 50
    for page in pages:
        text = page.read_text(encoding="utf-8-sig")
        assert _convert(text, fast=True) == _convert(text, fast=False), page
