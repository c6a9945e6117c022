"""Code snippets: `[!code-<lang>[title](path…)]` and `:::code …:::` as fenced code.

DocFX reads the code from a file of the repository: the whole file, lines
(`#L5-L10`, `?range=2-5,10-`, `?start=5&end=10`), or a named snippet (`#Name`,
`?name=Name`, `id="Name"`: a `<Name>` … `</Name>` tag in a comment, or a
`#region Name` … `#endregion`), dedented, with `?highlight=`/`highlight=`
lines (relative to the snippet). Files are read only inside the repository
(`core/docfx/repository.py`), else from the same relative path under the
snippet fallback folder (the English repository's docset folder), else the
directive becomes a compact note naming the file (localized repositories
usually carry no samples) and a `snippet-missing` problem.

Per file (paths are relative to the file the directive is written in) the
directive is replaced by a one-line token; `expand_snippets` puts the blocks
in on the whole page, so line numbers of the include expansion stay exact.
"""

from __future__ import annotations

import posixpath
import re
import textwrap
from html import escape
from pathlib import Path
from urllib.parse import parse_qs, unquote

from ...files.docfile import universal_newlines
from ...reader.i18n import labels
from ...reader.model import LEVEL_INFO
from ..repository import find_in_repository
from .context import DocfxContext, SourceText, is_url
from .directives import attributes
from .regions import CodeRegions

CODE_LINK = re.compile(r"\[!code(?:-(?P<lang>[\w#+.-]*))?\s*\[(?P<title>[^\]\n]*)\]\((?P<target>[^)\n]*)\)\s*\]",
                       re.I)
CODE_BLOCK = re.compile(r":::code(?P<attrs>(?:\s+[\w-]+\s*=\s*(?:\"[^\"\n]*\"|'[^'\n]*'))*)\s*:::", re.I)
_TOKEN = re.compile("\ue000snippet-(\\d+)\ue001")
_PREFIX = re.compile(r"[ \t>]*")
_ITEM_LEAD = re.compile(r"(?P<quote>[ \t>]*?)(?P<item>[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?)")
_LINES = re.compile(r"^L(\d+)(?:-L?(\d+))?$", re.I)
_COMMENT = r"(?:/{2,}|#+|'|--|;+|<!--|/\*+|\{/\*|REM\b|%|@\*)"
_ANY_TAG = re.compile(r"^\s*" + _COMMENT + r"\s*</?\s*[\w.-]+\s*>\s*(?:-->|\*/\}?|\*@)?\s*$", re.I)
_ANY_REGION = re.compile(r"^\s*(?:#pragma\s+)?" + _COMMENT + r"\s*#?(?:end\s?)?region\b.*$", re.I)
MAX_BYTES = 2_000_000


def convert_snippets(ctx: DocfxContext, source: SourceText) -> str:
    """Replace each snippet directive of `source` by a token (see module docstring)."""
    text = source.text
    lowered = text.lower()
    if "[!code" not in lowered and ":::code" not in lowered:
        return text
    code = CodeRegions(text)
    out: list[str] = []
    position = 0
    matches = sorted([*CODE_LINK.finditer(text), *CODE_BLOCK.finditer(text)], key=lambda m: m.start())
    for match in matches:
        if match.start() < position or code.contains(match.start()):
            continue
        if match.re is CODE_LINK:
            spec = _link_spec(match)
        else:
            spec = _block_spec(attributes(match.group("attrs")))
        out.append(text[position : match.start()])
        out.append(_token(ctx, _render(ctx, source, match.start(), spec)))
        position = match.end()
    if not out:
        return text
    out.append(text[position:])
    return "".join(out)


def expand_snippets(ctx: DocfxContext, text: str) -> str:
    """Put each token's block in, every line with the token line's prefix (`> `, list indentation)."""
    if "\ue000" not in text or not ctx.snippets:
        return text
    out: list[str] = []
    position = 0
    for match in _TOKEN.finditer(text):
        index = int(match.group(1))
        if index >= len(ctx.snippets):
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        lead = text[line_start : match.start()]
        block = ctx.snippets[index]
        out.append(text[position : match.start()])
        if _PREFIX.fullmatch(lead):
            prefix = lead
        else:  # inside a line of text: the block starts a new block after it
            item = _ITEM_LEAD.match(lead)
            assert item is not None
            prefix = item.group("quote") + " " * len(item.group("item").expandtabs(4))
            out.append("\n" + prefix.rstrip() + "\n" + prefix)
        quote = prefix.rstrip() if ">" in prefix else ""
        lines = block.split("\n")
        out.append("\n".join([lines[0]] + [(prefix + line) if line.strip() else (quote or "") for line in lines[1:]]))
        position = match.end()
    out.append(text[position:])
    return "".join(out)


def _token(ctx: DocfxContext, block: str) -> str:
    ctx.snippets.append(block)
    return f"\ue000snippet-{len(ctx.snippets) - 1}\ue001"


class _Spec:
    def __init__(self, path: str, lang: str, *, name: str | None = None, lines: str | None = None,
                 highlight: str | None = None, start: str | None = None, end: str | None = None,
                 dedent: str | None = None) -> None:
        self.path, self.lang, self.name, self.lines = path, lang, name, lines
        self.highlight, self.start, self.end, self.dedent = highlight, start, end, dedent


def _link_spec(match: re.Match[str]) -> _Spec:
    target = match.group("target").strip()
    title = re.search(r"\s+(?:\"[^\"]*\"|'[^']*')$", target)
    if title:
        target = target[: title.start()]
    if target.startswith("<") and target.endswith(">"):
        target = target[1:-1]
    path, _, anchor = target.partition("#")
    path, _, query = path.partition("?")
    params = {k.lower(): v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}
    spec = _Spec(unquote(path), match.group("lang") or "", name=params.get("name"), lines=params.get("range"),
                 highlight=params.get("highlight"), start=params.get("start"), end=params.get("end"),
                 dedent=params.get("dedent"))
    if anchor:
        lines = _LINES.match(anchor)
        if lines:
            spec.lines = lines.group(1) + ("-" + lines.group(2) if lines.group(2) else "")
        else:
            spec.name = anchor
    return spec


def _block_spec(attrs: dict[str, str]) -> _Spec:
    return _Spec(attrs.get("source", ""), attrs.get("language", ""), name=attrs.get("id") or None,
                 lines=attrs.get("range") or None, highlight=attrs.get("highlight") or None)


def _render(ctx: DocfxContext, source: SourceText, offset: int, spec: _Spec) -> str:
    """The fenced code block, or the note that the sample is not in the repository."""
    lang = re.sub(r"[^\w#+.-]", "", spec.lang).lower()
    relative = snippet_path(source.path, spec.path)
    if relative is None:
        ctx.report(source, offset, "snippet-missing",
                   f"code snippet source '{spec.path}' is not a file of the repository; give a relative path",
                   ctx.options.missing_snippet_level)
        return _missing(ctx, spec, lang)
    file, _mismatch = find_in_repository(ctx.docset.root, relative)
    from_fallback = False
    if file is None:
        ctx.absent.append((str(ctx.docset.root), relative))
    if file is None and ctx.options.snippet_fallback and not is_url(ctx.options.snippet_fallback):
        if Path(ctx.options.snippet_fallback).is_dir():
            file, _mismatch = find_in_repository(ctx.options.snippet_fallback, relative)
            from_fallback = file is not None
        if file is None:  # (a fallback folder that appears later may hold it)
            ctx.absent.append((ctx.options.snippet_fallback, relative))
    if file is None:
        ctx.report(source, offset, "snippet-missing",
                   f"code snippet file '{spec.path}' is not in the repository (looked for '{relative}'); "
                   "set the sxs option snippet_fallback to the English docset to show it",
                   ctx.options.missing_snippet_level)
        return _missing(ctx, spec, lang)
    try:
        raw = file.read_bytes()[:MAX_BYTES].decode("utf-8-sig", errors="replace")
        ctx.reads.append(str(file))
    except OSError as error:
        ctx.report(source, offset, "snippet-unreadable", f"code snippet file '{file}' cannot be read: {error}")
        return _missing(ctx, spec, lang)
    if from_fallback:
        ctx.report(source, offset, "snippet-fallback",
                   f"code snippet file '{spec.path}' is read from the snippet fallback ('{file}')", LEVEL_INFO)
    lines = universal_newlines(raw).split("\n")
    selected = _select(lines, spec)
    if selected is None:
        ctx.report(source, offset, "snippet-region-missing",
                   f"code snippet '{spec.name}' not found in '{spec.path}'; the whole file is shown")
        selected = lines
    while selected and not selected[-1].strip():
        selected = selected[:-1]
    while selected and not selected[0].strip():
        selected = selected[1:]
    body = textwrap.dedent("\n".join(selected).expandtabs(4))
    if spec.dedent and spec.dedent.isdigit():
        width = int(spec.dedent)
        body = "\n".join(line[min(width, len(line) - len(line.lstrip(" "))):] for line in body.split("\n"))
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    info = lang
    highlight = _highlight(spec.highlight)
    if highlight:  # pymdownx + Pygments marks `hl_lines`; without Pygments the sxs extension marks them
        info = "{ " + (f".{lang} " if lang else "") + f'hl_lines="{highlight}" data-sxs-highlight="{highlight}"' + " }"
    return f"\n{fence}{info}\n{body}\n{fence}\n"


def snippet_path(page: str, href: str) -> str | None:
    """The docset-relative path (may start with `../`) of a snippet's file, as written on `page`; None for a URL.

    `href` as the directive gives it: `../x.cs?name=A#B`, `<x y.cs>`, `~/samples/x.cs`. The link check uses it too.
    """
    path = href.strip()
    if path.startswith("<") and path.endswith(">"):
        path = path[1:-1]
    path = unquote(path.partition("#")[0].partition("?")[0]).strip().replace("\\", "/")
    if not path or is_url(path) or re.match(r"^[a-z][a-z0-9+.-]*:", path, re.I):
        return None
    if path.startswith("~/"):
        return posixpath.normpath(path[2:])
    if path.startswith("/"):
        return posixpath.normpath(path.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path))


def _select(lines: list[str], spec: _Spec) -> list[str] | None:
    if spec.name:
        found = _named(lines, spec.name)
        if found is None:
            return None
        lines = found
    if spec.lines:
        lines = _ranges(lines, spec.lines)
    elif spec.start or spec.end:
        start = int(spec.start) if spec.start and spec.start.isdigit() else 1
        end = int(spec.end) if spec.end and spec.end.isdigit() else len(lines)
        lines = lines[start - 1 : end]
    return [line for line in lines if not (_ANY_TAG.match(line) or _ANY_REGION.match(line))]


def _named(lines: list[str], name: str) -> list[str] | None:
    """The lines between `<name>`…`</name>` (in a comment) or `#region name`…`#endregion`."""
    quoted = re.escape(name)
    tag_open = re.compile(r"^\s*" + _COMMENT + r"\s*<\s*" + quoted + r"\s*>", re.I)
    tag_close = re.compile(r"^\s*" + _COMMENT + r"\s*<\s*/\s*" + quoted + r"\s*>", re.I)
    region_open = re.compile(r"^\s*(?:#pragma\s+)?" + _COMMENT + r"\s*#?region\s+\"?" + quoted
                             + r"\"?\s*(?:-->|\*/)?\s*$", re.I)
    for index, line in enumerate(lines):
        if tag_open.match(line):
            for end in range(index + 1, len(lines)):
                if tag_close.match(lines[end]):
                    return lines[index + 1 : end]
            return lines[index + 1 :]
        if region_open.match(line):
            depth = 0
            for end in range(index + 1, len(lines)):
                marker = re.match(r"^\s*(?:#pragma\s+)?" + _COMMENT + r"\s*#?(end\s?)?region\b", lines[end], re.I)
                if marker and marker.group(1):
                    if depth == 0:
                        return lines[index + 1 : end]
                    depth -= 1
                elif marker:
                    depth += 1
            return lines[index + 1 :]
    return None


def _ranges(lines: list[str], spec: str) -> list[str]:
    """`2-5,10,12-` (1-based, inclusive; an open end runs to the last line)."""
    out: list[str] = []
    for part in spec.split(","):
        part = part.strip()
        match = re.fullmatch(r"(\d*)\s*(-?)\s*(\d*)", part)
        if not part or match is None:
            continue
        first = int(match.group(1)) if match.group(1) else 1
        last = int(match.group(3)) if match.group(3) else (len(lines) if match.group(2) else first)
        out.extend(lines[first - 1 : last])
    return out


def _highlight(spec: str | None) -> str:
    """DocFX's `2,5-7,9-` as `2 5-7 9-9999` (pymdownx.highlight's `hl_lines` syntax)."""
    if not spec:
        return ""
    parts = []
    for part in spec.split(","):
        part = part.strip()
        if re.fullmatch(r"\d+(?:-\d+)?", part):
            parts.append(part)
        elif re.fullmatch(r"\d+-", part):
            parts.append(part + "9999")
    return " ".join(parts)


def _missing(ctx: DocfxContext, spec: _Spec, lang: str) -> str:
    """A compact note where the code would be: what it is and which file holds it."""
    names = labels(ctx.locale)
    name = posixpath.basename(spec.path.replace("\\", "/")) or spec.path
    what = escape(names["snippet"]) + (f" ({escape(lang)})" if lang else "")
    region = f' <span class="sxs-snippet-region">{escape(spec.name)}</span>' if spec.name else ""
    return (f'\n<div class="sxs-snippet-missing" title="{escape(spec.path)}"><span class="sxs-snippet-label">{what}'
            f'</span> <code>{escape(name)}</code>{region} <span class="sxs-snippet-note">'
            f'{escape(names["snippet_missing"])}</span></div>\n')
