"""`[!INCLUDE[title](path)]`: the included file's content in place.

Both spellings (`[!INCLUDE[` and `[!INCLUDE [`) are accepted, paths are
resolved relative to the including file (with DocFX's `~/`, backslash and
case rules), includes nest, and a cycle or a missing file becomes a visible
placeholder plus a warning with file:line. A file missing from the localized
docset is taken from `include_fallback` (the English docset) at the same
relative path: shown as is under an "untranslated" label, reported as info;
it keeps its docset-relative path, so its own links and includes resolve in
the localized docset first and the cycle guard spans both trees. Each included file is processed
by `process_file` (its own links are relative to it) before it is inserted,
with the directive's line prefix (`> `, list indentation) on every line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from html import escape
from pathlib import Path

from ...files.safe_paths import UnsafePathError, resolve_inside
from ...reader.frontmatter import split_front_matter
from ...reader.i18n import labels
from ...reader.model import LEVEL_INFO, LEVEL_WARNING
from ..docset import KIND_OUTSIDE, resolve_link
from ..line_origins import Segment, shifted
from ..repository import find_in_repository, repository_root
from .context import DocfxContext, SourceText, is_url
from .links import INCLUDE
from .regions import CodeRegions

ProcessFile = Callable[[DocfxContext, SourceText, tuple[str, ...]], tuple[str, list[Segment]]]
_PREFIX = re.compile(r"[ \t>]*")


def own_lines(source: SourceText) -> list[Segment]:
    """A file's text with no include expanded: its lines are its own."""
    return [Segment(1, source.shown, source.line_offset + 1)]


def expand_includes(ctx: DocfxContext, source: SourceText, stack: tuple[str, ...], process: ProcessFile
                    ) -> tuple[str, list[Segment]]:
    """Replace each include directive in `source` by the processed file; where each output line came from."""
    text = source.text
    if "[!" not in text:
        return text, own_lines(source)
    matches = list(INCLUDE.finditer(text))
    if not matches:
        return text, own_lines(source)
    code = CodeRegions(text)
    out: list[str] = []
    segments = own_lines(source)
    lines_before = 0  # newlines written so far
    position = 0
    for match in matches:
        if code.contains(match.start()):
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        lead = text[line_start : match.start()]
        prefix_match = _PREFIX.fullmatch(lead)
        prefix = lead if prefix_match else ""
        content, included = _included(ctx, source, match, stack, process)
        stripped = len(content) - len(content.lstrip("\n"))
        content = content.strip("\n")
        if prefix:
            content = _prefixed(content, prefix)
        piece = text[position : match.start()]
        out.append(piece)
        out.append(content)
        lines_before += piece.count("\n")
        if included and content:
            directive_line = source.position(match.start())[0]
            segments.extend(shifted(included, lines_before, stripped, (source.shown, directive_line), len(prefix)))
            lines_before += content.count("\n")
            # the page resumes on the line after the directive (the rest of that line ends the include)
            segments.append(Segment(lines_before + 2, source.shown, directive_line + 1))
        else:
            lines_before += content.count("\n")
        position = match.end()
    out.append(text[position:])
    return "".join(out), segments


def _prefixed(content: str, prefix: str) -> str:
    """Prefix continuation lines; blank lines inside a quote keep the `>`."""
    lines = content.split("\n")
    result = [lines[0]]
    quote = prefix.rstrip() if ">" in prefix else ""
    for line in lines[1:]:
        result.append(prefix + line if line.strip() else quote)
    return "\n".join(result)


def _included(ctx: DocfxContext, source: SourceText, match: re.Match[str], stack: tuple[str, ...],
              process: ProcessFile) -> tuple[str, list[Segment]]:
    """The processed file and its segments; a placeholder and no segments when it cannot be included."""
    href = match.group("path").strip()
    target = resolve_link(ctx.docset, source.path, href)
    origin: Path | None = None
    repository_file: Path | None = None
    if target.kind == KIND_OUTSIDE and target.wanted:
        # `../includes/x.md`: anywhere in the repository (never outside it), like DocFX
        repository_file, mismatch = find_in_repository(ctx.docset.root, target.wanted)
        if repository_file is not None:
            target.exists, target.path, target.case_mismatch = True, target.wanted, mismatch
        else:
            ctx.absent.append((str(ctx.docset.root), target.wanted))
    if not target.exists or target.path is None:
        origin = _fallback_file(ctx, target.wanted)
        if origin is None or target.wanted is None:
            hint = " (nor in the include fallback)" if ctx.options.include_fallback else ""
            ctx.report(source, match.start(), "include-missing",
                       f"included file '{href}' not found (looked for '{target.wanted}'){hint}; fix the path"
                       + ("" if hint else " or set the sxs option include_fallback to the English docset"),
                       ctx.options.missing_include_level)
            return _missing(ctx, href), []
        ctx.report(source, match.start(), "include-fallback",
                   f"included file '{href}' is not in the docset; its English original '{origin}' is shown",
                   LEVEL_INFO)
        target.path = target.wanted
    path = target.path
    if path in stack or len(stack) > ctx.options.max_include_depth:
        chain = " -> ".join((*stack, path))
        reason = "include cycle" if path in stack else \
            f"includes nest deeper than {ctx.options.max_include_depth} levels (sxs option include_max_depth)"
        ctx.report(source, match.start(), "include-cycle",
                   f"{reason} ({chain}); the file is not included again", LEVEL_WARNING)
        return _missing(ctx, href), []
    if target.case_mismatch:
        ctx.report(source, match.start(), "include-case",
                   f"included file '{href}' differs in letter case from '{path}' on disk", LEVEL_INFO)
    limit = ctx.options.max_include_bytes
    if ctx.include_bytes > limit:
        if not ctx.include_limit_reported:
            ctx.include_limit_reported = True
            ctx.report(source, match.start(), "include-limit",
                       f"includes of this page expand to more than {limit:,} bytes (sxs option include_max_bytes); "
                       "the remaining includes are not expanded", LEVEL_WARNING)
        return _missing(ctx, href), []
    try:
        # inside the repository, no symlink out (also when reached in another letter case)
        file = origin or repository_file or resolve_inside(ctx.docset.root, path,
                                                           within=repository_root(str(ctx.docset.root)))
        raw = file.read_text(encoding="utf-8-sig")
        ctx.reads.append(str(file))
    except UnsafePathError as error:
        ctx.report(source, match.start(), "include-outside", f"included file {error}; it is not included")
        return _missing(ctx, href), []
    except (OSError, UnicodeDecodeError) as error:
        ctx.report(source, match.start(), "include-unreadable", f"included file '{path}' cannot be read: {error}")
        return _missing(ctx, href), []
    ctx.include_bytes += len(raw)
    _meta, body_start, _problems = split_front_matter(raw, path)
    body = raw[body_start:]
    line_offset = raw[:body_start].count("\n")
    shown = str(origin) if origin is not None else None
    content, segments = process(ctx, SourceText(path, body, line_offset, shown), (*stack, path))
    if origin is None or source.origin is not None:  # local, or nested in English content already marked
        return content, segments
    leading = len(content) - len(content.lstrip("\n"))
    marked, added = _untranslated(ctx, content, _ends_line(source.text, match.end()))
    return marked, [replace(segment, line=segment.line + added - leading) for segment in segments]


def _fallback_file(ctx: DocfxContext, wanted: str | None) -> Path | None:
    """The English original of a missing include: the same relative path under `include_fallback`."""
    folder = ctx.options.include_fallback
    if not folder or not wanted or is_url(folder) or not wanted.lower().endswith(".md"):
        return None
    root = Path(folder)
    # `../includes/x.md` may leave the docset folder, never the English repository, in any letter case
    # (DocFX's case-insensitive disk) and not through a symbolic link
    try:
        candidate = resolve_inside(root, wanted, case_insensitive=True, within=repository_root(str(root)))
    except UnsafePathError:
        return None
    return candidate if candidate.is_file() else None


@lru_cache(maxsize=8)
def _ends_line(text: str, end: int) -> bool:
    newline = text.find("\n", end)
    return not text[end : newline if newline >= 0 else len(text)].strip()


def _untranslated(ctx: DocfxContext, content: str, block: bool) -> tuple[str, int]:
    """English content, marked so a reader knows it is not translated.

    A block include gets a label paragraph above it (one line and a blank
    line: Markdown blocks cannot be wrapped without changing what they are);
    an include inside a line of text is wrapped in an inline span.
    """
    label = escape(labels(ctx.locale)["include_untranslated"])
    content = content.strip("\n")
    if not content:
        return content, 0
    if not block and "\n" not in content:
        return f'<span class="sxs-untranslated" lang="en" title="{label}">{content}</span>', 0
    return f'<span class="sxs-untranslated-label" lang="{escape(ctx.locale)}">{label}</span>\n\n{content}', 2


def _missing(ctx: DocfxContext, href: str) -> str:
    label = escape(labels(ctx.locale)["include_missing"])
    return (f'<span class="sxs-include-missing" title="{escape(href)}">'
            f'{label}: <code>{escape(href)}</code></span>')
