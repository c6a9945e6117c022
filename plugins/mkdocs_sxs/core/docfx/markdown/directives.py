"""Triple-colon extensions: `:::image:::`, `:::row:::`/`:::column:::`, `:::no-loc:::`.

`:::image:::` becomes a Markdown image (resolved afterwards like any image,
so missing media get the same fallback or placeholder); rows and columns
become `<div markdown="1">` blocks (Python-Markdown's `md_in_html`) whose
4-space-indented bodies are dedented, so they render as content, not code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import escape

from ...reader.model import LEVEL_WARNING
from .context import DocfxContext, SourceText

_IMAGE = re.compile(r":::image(?P<attrs>(?:\s*[\w-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*:::", re.I)
_IMAGE_END = re.compile(r"^[ \t>]*:::image-end:::[ \t]*$", re.I | re.M)
_ATTR = re.compile(r"(?P<name>[\w-]+)\s*=\s*(?:\"(?P<v1>[^\"]*)\"|'(?P<v2>[^']*)')")
_ROW = re.compile(r"^(?P<indent>[ \t]*):::(?P<kind>row-end|column-end|row|column)(?P<attrs>[^:\n]*):::[ \t]*$",
                  re.I | re.M)
_NO_LOC = re.compile(r":::no-loc\s+text\s*=\s*(?:\"(?P<v1>[^\"]*)\"|'(?P<v2>[^']*)')\s*:::", re.I)


def attributes(raw: str) -> dict[str, str]:
    return {m.group("name").lower(): m.group("v1") if m.group("v1") is not None else (m.group("v2") or "")
            for m in _ATTR.finditer(raw)}


def _markdown_text(value: str) -> str:
    """Attribute text as Markdown image alt text (brackets and markup escaped)."""
    return re.sub(r"([\\\[\]*_`<>])", r"\\\1", value)


def convert_images(ctx: DocfxContext, source: SourceText) -> str:
    """`:::image …:::` -> `![alt](src)` (a lightbox wraps it in a link)."""
    text = source.text
    if ":::image" not in text.lower():
        return text
    out: list[str] = []
    position = 0
    for match in _IMAGE.finditer(text):
        if match.start() < position:
            continue
        attrs = attributes(match.group("attrs"))
        kind = attrs.get("type", "content").lower()
        src = attrs.get("source", "")
        alt = attrs.get("alt-text", "")
        out.append(text[position : match.start()])
        position = match.end()
        if not src:
            ctx.report(source, match.start(), "image-no-source",
                       ":::image::: has no source attribute; add source=\"media/…\"", LEVEL_WARNING)
            out.append(escape(alt))
            continue
        image = f"![{_markdown_text(alt)}]({_dest(src)})"
        if attrs.get("lightbox"):
            image = f"[{image}]({_dest(attrs['lightbox'])})"
        out.append(image)
        if kind == "complex":
            end = _IMAGE_END.search(text, match.end())
            if end is None:
                ctx.report(source, match.start(), "image-no-end",
                           ':::image type="complex"::: has no :::image-end:::; the rest of the page is kept as text',
                           LEVEL_WARNING)
                continue
            description = text[match.end() : end.start()].strip("\n")
            lines = [line.strip() for line in description.split("\n")]
            body = "\n".join(lines).strip()
            # The long description: visible (nothing lost) but marked as such.
            out.append(f'\n\n<div class="sxs-image-description" markdown="1">\n\n{body}\n\n</div>\n')
            position = end.end()
    out.append(text[position:])
    return "".join(out)


def _dest(src: str) -> str:
    src = src.strip()
    return f"<{src}>" if any(c in src for c in " ()") else src


def convert_rows(text: str) -> str:
    """`:::row:::`/`:::column:::` -> `<div markdown="1">` with dedented bodies."""
    if ":::row" not in text.lower() and ":::column" not in text.lower():
        return text
    out: list[str] = []
    for match, line in _row_lines(text.split("\n")):
        if match is None:
            out.append(line)
        elif match.group("kind").lower() in ("row", "column"):
            kind = match.group("kind").lower()
            span = attributes(match.group("attrs")).get("span", "")
            extra = f' style="flex-grow:{escape(span)}"' if span.isdigit() else ""
            out.append(f'<div class="sxs-{kind}"{extra} markdown="1">')
            out.append("")
        else:
            out.append("")
            out.append("</div>")
    return "\n".join(out)


def dedent_rows(text: str) -> str:
    """The text as DocFX reads its blocks: row/column lines blank, their bodies dedented, line count kept.

    For readers of the block structure (the link check's indented-code test), not for rendering.
    """
    if ":::row" not in text.lower() and ":::column" not in text.lower():
        return text
    return "\n".join("" if match is not None else line for match, line in _row_lines(text.split("\n")))


def _row_lines(lines: list[str]) -> Iterator[tuple[re.Match[str] | None, str]]:
    """Each line with its row/column marker match (None for body lines, which come dedented)."""
    depth_indents: list[int] = []
    for line in lines:
        match = _ROW.match(line)
        if match:
            if match.group("kind").lower() in ("row", "column"):
                indent = len(match.group("indent").expandtabs(4))
                depth_indents.append(indent + 4 if match.group("kind").lower() == "column" else indent)
            elif depth_indents:
                depth_indents.pop()
            yield match, line
            continue
        if depth_indents:
            cut = depth_indents[-1]
            expanded = line.expandtabs(4)
            lead = len(expanded) - len(expanded.lstrip(" "))
            line = expanded[min(cut, lead):]
        yield None, line


def convert_no_loc(text: str) -> str:
    """`:::no-loc text="X":::` -> X (escaped): DocFX shows the text unchanged."""
    if ":::no-loc" not in text.lower():
        return text

    def replace(match: re.Match[str]) -> str:
        value = match.group("v1") if match.group("v1") is not None else (match.group("v2") or "")
        return escape(value, quote=False)

    return _NO_LOC.sub(replace, text)
