"""Lists of the real docsets read like DocFX (CommonMark) reads them.

For each page of partner-center and a sample of Dynamics 365 pages, the list
structure (ol/ul/li nesting, item counts, `start`) of our rendering is compared
with markdown-it-py's rendering of the page as DocFX reads it (includes
expanded, fences closed the markdig way). "Before" is the same pipeline
without the list transform and without sane_lists (Python-Markdown reading
the lists itself); "after" is the build's pipeline. Counts are printed
(`pytest -s`) and the after-state asserted: no page regresses, almost all match.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import markdown
import pytest
from list_shape import commonmark_html, list_shape
from mkdocs_sxs.core.docfx import markdown as docfx_markdown
from mkdocs_sxs.core.docfx.docset import Docset
from mkdocs_sxs.core.docfx.markdown import DocfxOptions, transform_docfx
from mkdocs_sxs.core.docfx.markdown.context import DocfxContext, SourceText
from mkdocs_sxs.core.docfx.markdown.fences import normalize_fences
from mkdocs_sxs.markdown_ext.extension import SxsExtension

pytestmark = pytest.mark.acceptance

BEFORE = ["toc", "tables", "fenced_code", "admonition", "attr_list", "md_in_html"]
# What `mkdocs-sxs init` configures plus what the plugin adds (mkdocs/docfx_markdown.ensure_extensions).
AFTER = [*BEFORE, "sane_lists", "pymdownx.highlight", "pymdownx.superfences"]
AFTER_CONFIGS = {"pymdownx.highlight": {"use_pygments": False}}
DYNAMICS_SAMPLE_STEP = 20  # every 20th page of the 2,781 (in path order)


@dataclass
class Counts:
    pages: int
    before: set[str]  # pages whose lists match CommonMark's
    after: set[str]


def _body(path: Path) -> str:
    text = path.read_text(encoding="utf-8-sig")
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end > 0:
            return text[text.find("\n", end + 1) + 1:]
    return text


def _compare(root: Path, pages: list[Path]) -> Counts:
    docset = Docset.scan(str(root), [])
    before_md = markdown.Markdown(extensions=[SxsExtension(), *BEFORE])
    after_md = markdown.Markdown(extensions=[SxsExtension(), *AFTER], extension_configs=AFTER_CONFIGS)
    counts = Counts(len(pages), set(), set())
    for path in pages:
        rel = path.relative_to(root).as_posix()
        body = _body(path)
        options = DocfxOptions(locale="cs-CZ")
        ctx = DocfxContext(docset, rel, options)
        expanded, _ = docfx_markdown._process_file(ctx, SourceText(rel, body, 0), (rel,))
        reference = list_shape(commonmark_html(normalize_fences(expanded)))
        after_md.reset()
        if list_shape(after_md.convert(transform_docfx(body, rel, docset, options).text)) == reference:
            counts.after.add(rel)
        original = docfx_markdown.indent_list_continuations
        docfx_markdown.indent_list_continuations = _unchanged  # type: ignore[assignment]
        try:
            before_text = transform_docfx(body, rel, docset, options).text
        finally:
            docfx_markdown.indent_list_continuations = original  # type: ignore[assignment]
        before_md.reset()
        if list_shape(before_md.convert(before_text)) == reference:
            counts.before.add(rel)
    return counts


def _unchanged(text: str) -> str:
    return text


def _pages(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.md") if "includes" not in p.relative_to(root).parts)


@pytest.fixture(scope="module")
def partner_center(corpus: Path) -> Counts:
    return _compare(corpus / "partner-center.cs-CZ" / "partner-center",
                    _pages(corpus / "partner-center.cs-CZ" / "partner-center"))


@pytest.fixture(scope="module")
def dynamics(corpus: Path) -> Counts:
    root = corpus / "dynamics-365-operations.cs-CZ" / "articles"
    return _compare(root, _pages(root)[::DYNAMICS_SAMPLE_STEP])


@pytest.mark.parametrize("name", ["partner_center", "dynamics"])
def test_lists_match_commonmark_and_no_page_regresses(name: str, request: pytest.FixtureRequest) -> None:
    counts: Counts = request.getfixturevalue(name)
    print(f"\n{name}: lists as CommonMark reads them: before {len(counts.before)}/{counts.pages}, "
          f"after {len(counts.after)}/{counts.pages}")
    assert counts.before - counts.after == set()
    assert len(counts.after) > len(counts.before)
    assert counts.pages - len(counts.after) <= counts.pages * 0.03, sorted(set(counts.before) ^ counts.after)
