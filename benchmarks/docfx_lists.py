"""CPU cost of the DocFX list transform on a whole docset, against the transform without it.

Runs `transform_docfx` over every page (front matter dropped) twice in the
same process: once with `indent_list_continuations` replaced by the identity
(baseline), once as the build runs it; best of `--repeat`. With `--render`,
also Python-Markdown over the transformed pages with the stack before this
change (fenced_code) and after it (sane_lists, pymdownx.highlight without
Pygments, pymdownx.superfences).

    SXS_CORPUS=/work/shared/corpus PYTHONPATH=plugins python3 benchmarks/docfx_lists.py [--render]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import markdown
from mkdocs_sxs.core.docfx import markdown as docfx_markdown
from mkdocs_sxs.core.docfx.docset import Docset
from mkdocs_sxs.core.docfx.markdown import DocfxOptions, transform_docfx
from mkdocs_sxs.markdown_ext.extension import SxsExtension

BEFORE = ["toc", "tables", "fenced_code", "admonition", "attr_list", "md_in_html"]
AFTER = [*BEFORE, "sane_lists", "pymdownx.highlight", "pymdownx.superfences"]


def _pages(root: Path) -> list[tuple[str, str]]:
    pages = []
    for path in sorted(root.rglob("*.md")):
        if "includes" in path.relative_to(root).parts:
            continue
        text = path.read_text(encoding="utf-8-sig")
        if text.startswith("---"):
            end = text.find("\n---", 3)
            text = text[text.find("\n", end + 1) + 1:] if end > 0 else text
        pages.append((path.relative_to(root).as_posix(), text))
    return pages


def _transform_all(pages: list[tuple[str, str]], docset: Docset) -> tuple[float, list[str]]:
    start = time.process_time()
    out = [transform_docfx(text, rel, docset, DocfxOptions(locale="cs-CZ")).text for rel, text in pages]
    return time.process_time() - start, out


def _render_all(texts: list[str], extensions: list[str]) -> float:
    md = markdown.Markdown(extensions=[SxsExtension(), *extensions],
                           extension_configs={"pymdownx.highlight": {"use_pygments": False}})
    start = time.process_time()
    for text in texts:
        md.reset()
        md.convert(text)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docset", default="dynamics-365-operations.cs-CZ/articles")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--render", action="store_true")
    args = parser.parse_args()
    root = Path(os.environ.get("SXS_CORPUS", "../shared/corpus")) / args.docset
    pages = _pages(root)
    docset = Docset.scan(str(root), [])
    original = docfx_markdown.indent_list_continuations
    base, with_lists = [], []
    for _ in range(args.repeat):
        docfx_markdown.indent_list_continuations = lambda text: text  # type: ignore[assignment]
        seconds, plain = _transform_all(pages, docset)
        base.append(seconds)
        docfx_markdown.indent_list_continuations = original  # type: ignore[assignment]
        seconds, listed = _transform_all(pages, docset)
        with_lists.append(seconds)
    changed = sum(a != b for a, b in zip(plain, listed, strict=True))
    print(f"docset {args.docset}: {len(pages)} pages, {changed} changed by the list transform, best of {args.repeat}")
    print(f"transform without lists  cpu {min(base):6.2f} s")
    print(f"transform with lists     cpu {min(with_lists):6.2f} s  (+{min(with_lists) - min(base):.2f} s, "
          f"ratio {min(with_lists) / min(base):.2f}x)")
    if args.render:
        before = _render_all(plain, BEFORE)
        after = _render_all(listed, AFTER)
        print(f"render before (fenced_code)                  cpu {before:6.2f} s")
        print(f"render after (sane_lists, superfences)       cpu {after:6.2f} s  (ratio {after / before:.2f}x)")


if __name__ == "__main__":
    main()
