"""Blockquote extensions: alerts, `[!div class]` and `[!VIDEO]`.

- `> [!NOTE]` … becomes a Material admonition (`!!! note "Poznámka"` with
  a 4-space-indented body) titled in the page's language; the body is plain
  Markdown again, so translation units, lists and links inside render.
- `> [!div class="x"]` wraps the quote's body in `<div class="x" markdown="1">`.
- `[!VIDEO url]` (quoted or not) becomes an embedded player (https only).

The directive line is replaced in place, so the lines after it keep their
numbers (a `[!div]` adds one closing line, a block right before or after
text a blank line).
"""

from __future__ import annotations

import re
from html import escape

from ...reader.i18n import labels
from .directives import attributes

# `> [!NOTE]`; also `[!NOTE]` without the quote (DocFX shows it literally, the author meant an alert)
# and a `[` that machine translation wrapped into a unit of its own.
_STRAY_BRACKET = (r'(?:<span data-ttu-id="[^"]*">\[</span><span class="sxs-lookup">'
                  r'<span data-stu-id="[^"]*">\[</span></span>)?')
_ALERT = re.compile(r"^(?P<indent>[ \t]*)(?:>[ \t]*)?" + _STRAY_BRACKET
                    + r"\[!(?P<kind>NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*(?P<rest>.*)$", re.I)
_DIV = re.compile(r"^(?P<indent>[ \t]*)>[ \t]*\[!div(?P<attrs>[^\]]*)\][ \t]*$", re.I)
_VIDEO = re.compile(r"^(?P<indent>[ \t]*)(?:>[ \t]*)?\[!VIDEO\s+(?P<url>[^\]\s]+)\s*\][ \t]*$", re.I)
_QUOTE_LINE = re.compile(r"^(?P<indent>[ \t]*)>[ \t]?(?P<rest>.*)$")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+")
_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})[^`]*$")  # ```` ```x``` ```` on one line is inline code
# Lines that start a block of their own, so they do not lazily continue a quote.
_BLOCK_START = re.compile(r"^[ \t]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|#|`{3}|~{3}|:::|\||<(?:table|div|ul|ol|p|h\d|pre)\b)",
                          re.I)
_HTML_ALERT = re.compile(r"<blockquote>\s*\[!(?P<kind>NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*", re.I)

# Alert -> Material admonition types (the second class keeps DocFX's name).
ADMONITION_TYPES = {
    "note": "note",
    "tip": "tip",
    "important": "info important",
    "warning": "warning",
    "caution": "danger caution",
}


def convert_quotes(text: str, locale: str | None) -> str:
    if "[!" not in text:
        return text
    names = labels(locale)
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    fence: str | None = None
    while index < len(lines):
        line = lines[index]
        fence_match = _FENCE.match(line)
        if fence_match:
            marker = fence_match.group(1)
            fence = None if fence is not None and marker.startswith(fence) else (fence or marker)
            out.append(line)
            index += 1
            continue
        if fence is not None or "[!" not in line:
            out.append(line)
            index += 1
            continue
        if "<blockquote>" in line.lower():
            out.append(_html_alerts(line, names))
            index += 1
            continue
        alert = _ALERT.match(line)
        div = None if alert else _DIV.match(line)
        if alert or div:
            match = alert or div
            assert match is not None
            indent = _block_indent(lines, index, match.group("indent"))
            body, index = _quote_body(lines, index + 1, match.group("indent"))
            while out and out[-1].strip() == ">":
                out[-1] = ""  # an empty quote line that only separated the alert from a plain quote
            if out and out[-1].strip():
                out.append("")  # Python-Markdown needs a blank line before the block (CommonMark does not)
            if alert:
                kind = alert.group("kind").lower()
                out.append(f'{indent}!!! {ADMONITION_TYPES[kind]} "{names[kind]}"')
                first = alert.group("rest").strip()
                if first:
                    body.insert(0, first)
                out.extend(f"{indent}    {b}" if b.strip() else "" for b in body)
            else:
                classes = attributes(match.group("attrs")).get("class", "")
                out.append(f'{indent}<div class="{escape(classes)}" markdown="1">')
                out.extend(f"{indent}{b}" if b.strip() else "" for b in body)
                out.append(f"{indent}</div>")
            if index < len(lines) and lines[index].strip():
                out.append("")  # and after it, or the next list item nests into the block
            continue
        video = _VIDEO.match(line)
        if video:
            url = video.group("url")
            indent = _block_indent(lines, index, video.group("indent"))
            if url.lower().startswith("https://"):
                out.append(f'{indent}<div class="sxs-video"><iframe src="{escape(url)}" title="Video" '
                           f'loading="lazy" allowfullscreen></iframe></div>')
            else:
                out.append(f'{indent}<a class="sxs-video-link" href="{escape(url)}">{escape(url)}</a>')
            index += 1
            continue
        out.append(line)
        index += 1
    return "\n".join(out)


def _quote_body(lines: list[str], index: int, indent: str) -> tuple[list[str], int]:
    """The lines of the quote after its directive, without `>`; lazy lines too."""
    body: list[str] = []
    previous_text = True  # the directive line itself is paragraph text (lazy lines may follow)
    while index < len(lines):
        line = lines[index]
        quoted = _QUOTE_LINE.match(line)
        if _ALERT.match(line) or _DIV.match(line):
            break  # the next alert of the same quote
        if quoted and len(quoted.group("indent")) <= len(indent) + 3:
            rest = quoted.group("rest")
            body.append(rest)
            previous_text = bool(rest.strip())
        elif line.strip() and previous_text and not _BLOCK_START.match(line):
            body.append(line.strip())  # lazy continuation of the quote's paragraph
        else:
            break
        index += 1
    while body and not body[-1].strip():
        body.pop()
    return body, index


def _block_indent(lines: list[str], index: int, indent: str) -> str:
    """Indentation for the converted block.

    CommonMark lets list content sit 2-3 spaces in; Python-Markdown needs 4.
    Inside a list the indentation is rounded up to 4s, elsewhere less than 4
    spaces is dropped (4 would make it a code block).
    """
    width = len(indent.expandtabs(4))
    if width == 0:
        return ""
    for back in range(index - 1, -1, -1):
        previous = lines[back]
        if not previous.strip():
            continue
        previous_width = len(previous.expandtabs(4)) - len(previous.expandtabs(4).lstrip())
        if previous_width < width:
            if _LIST_ITEM.match(previous):
                return " " * (((width + 3) // 4) * 4)
            break
    return " " * ((width // 4) * 4)


def _html_alerts(line: str, names: dict[str, str]) -> str:
    """`<blockquote>[!NOTE] …</blockquote>` (in table cells) -> an inline admonition."""

    def replace(match: re.Match[str]) -> str:
        kind = match.group("kind").lower()
        return (f'<div class="admonition {ADMONITION_TYPES[kind]}"><p class="admonition-title">'
                f"{escape(names[kind])}</p>")

    out: list[str] = []
    position = 0
    for match in _HTML_ALERT.finditer(line):
        end = line.lower().find("</blockquote>", match.end())
        if end < 0:
            continue
        out.append(line[position : match.start()])
        out.append(replace(match))
        out.append(line[match.end() : end])
        out.append("</div>")
        position = end + len("</blockquote>")
    out.append(line[position:])
    return "".join(out)
