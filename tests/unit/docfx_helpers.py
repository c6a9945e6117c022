"""Shared helpers of the DocFX Markdown unit tests: fixture docset, render through Python-Markdown."""

from __future__ import annotations

from pathlib import Path

import markdown
from mkdocs_sxs.core.docfx.docset import Docset
from mkdocs_sxs.core.docfx.markdown import DocfxOptions, DocfxResult, transform_docfx
from mkdocs_sxs.markdown_ext.extension import SxsExtension, target_text
from mkdocs_sxs.markdown_ext.math import MathExtension

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "docfx_markdown"
DOCSET = FIXTURE / "docset"
TU = '<span data-ttu-id="p-{n}">{cs}</span><span class="sxs-lookup"><span data-stu-id="p-{n}">{en}</span></span>'
# MkDocs always adds toc, tables and fenced_code; the plugin adds admonition, attr_list, md_in_html,
# sane_lists, pymdownx.highlight (no Pygments) and pymdownx.superfences.
EXTENSIONS = ["toc", "tables", "fenced_code", "admonition", "attr_list", "md_in_html", "sane_lists",
              "pymdownx.highlight", "pymdownx.superfences", "pymdownx.tabbed"]
EXTENSION_CONFIGS = {"pymdownx.highlight": {"use_pygments": False}, "pymdownx.tabbed": {"alternate_style": True}}


def transform(docset: Docset, text: str, page: str = "page.md", **options: object) -> DocfxResult:
    opts = DocfxOptions(locale=str(options.pop("locale", "cs-CZ")), **options)  # type: ignore[arg-type]
    return transform_docfx(text, page, docset, opts)


def render(docset: Docset, text: str, page: str = "page.md", **options: object) -> tuple[str, DocfxResult]:
    result = transform(docset, text, page, **options)
    md = markdown.Markdown(extensions=[SxsExtension(), *EXTENSIONS, MathExtension()],
                           extension_configs=EXTENSION_CONFIGS)
    return md.convert(result.text), result


def visible(html: str) -> str:
    return target_text(html)
