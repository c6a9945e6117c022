"""`[!INCLUDE[title](path)]`: the included file's content in place.

Both spellings (`[!INCLUDE[` and `[!INCLUDE [`) are accepted, paths are
resolved relative to the including file (with DocFX's `~/`, backslash and
case rules), includes nest, and a cycle or a missing file becomes a visible
placeholder plus a warning with file:line. Each included file is processed
by `process_file` (its own links are relative to it) before it is inserted,
with the directive's line prefix (`> `, list indentation) on every line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from pathlib import Path

from ..docset import resolve_link
from ..frontmatter import split_front_matter
from ..i18n import labels
from ..model import LEVEL_INFO, LEVEL_WARNING
from .context import DocfxContext, SourceText
from .links import INCLUDE
from .regions import CodeRegions

ProcessFile = Callable[[DocfxContext, SourceText, tuple[str, ...]], str]
_PREFIX = re.compile(r"[ \t>]*")


def expand_includes(ctx: DocfxContext, source: SourceText, stack: tuple[str, ...], process: ProcessFile) -> str:
    """Replace each include directive in `source` by the processed file."""
    text = source.text
    if "[!" not in text:
        return text
    matches = list(INCLUDE.finditer(text))
    if not matches:
        return text
    code = CodeRegions(text)
    out: list[str] = []
    position = 0
    for match in matches:
        if code.contains(match.start()):
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        lead = text[line_start : match.start()]
        prefix_match = _PREFIX.fullmatch(lead)
        prefix = lead if prefix_match else ""
        content = _included(ctx, source, match, stack, process)
        content = content.strip("\n")
        if prefix:
            content = _prefixed(content, prefix)
        out.append(text[position : match.start()])
        out.append(content)
        position = match.end()
    out.append(text[position:])
    return "".join(out)


def _prefixed(content: str, prefix: str) -> str:
    """Prefix continuation lines; blank lines inside a quote keep the `>`."""
    lines = content.split("\n")
    result = [lines[0]]
    quote = prefix.rstrip() if ">" in prefix else ""
    for line in lines[1:]:
        result.append(prefix + line if line.strip() else quote)
    return "\n".join(result)


def _included(ctx: DocfxContext, source: SourceText, match: re.Match[str], stack: tuple[str, ...],
              process: ProcessFile) -> str:
    href = match.group("path").strip()
    target = resolve_link(ctx.docset, source.path, href)
    if not target.exists or target.path is None:
        ctx.report(source, match.start(), "include-missing",
                   f"included file '{href}' not found (looked for '{target.wanted}'); fix the path")
        return _missing(ctx, href)
    path = target.path
    if path in stack or len(stack) > ctx.options.max_include_depth:
        chain = " -> ".join((*stack, path))
        ctx.report(source, match.start(), "include-cycle",
                   f"include cycle or too deep nesting ({chain}); the file is not included again", LEVEL_WARNING)
        return _missing(ctx, href)
    if target.case_mismatch:
        ctx.report(source, match.start(), "include-case",
                   f"included file '{href}' differs in letter case from '{path}' on disk", LEVEL_INFO)
    try:
        raw = (Path(ctx.docset.root) / path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        ctx.report(source, match.start(), "include-unreadable", f"included file '{path}' cannot be read: {error}")
        return _missing(ctx, href)
    _meta, body_start, _problems = split_front_matter(raw, path)
    body = raw[body_start:]
    line_offset = raw[:body_start].count("\n")
    return process(ctx, SourceText(path, body, line_offset), (*stack, path))


def _missing(ctx: DocfxContext, href: str) -> str:
    label = escape(labels(ctx.locale)["include_missing"])
    return (f'<span class="sxs-include-missing" title="{escape(href)}">'
            f'{label}: <code>{escape(href)}</code></span>')
