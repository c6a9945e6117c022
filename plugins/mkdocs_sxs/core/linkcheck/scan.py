"""Find every link destination and anchor of a Markdown page with one scan.

A full Markdown parse of a docset costs seconds; link checking needs only
destinations, anchors and headings, and those are regular. Code (fenced
blocks, inline code spans) is blanked out first, keeping offsets, so the
regexes never see a link inside code. Indented code blocks depend on the
block structure (a list item's indented paragraph is no code), so where a
page has a line that may start one, markdown-it-py (our CommonMark oracle,
block rules only) says which lines are code.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from html import unescape
from typing import Any

from ..docfx.markdown.directives import dedent_rows
from ..files.lines import LineIndex
from ..reader.frontmatter import front_matter_block
from ..reader.model import TranslationUnit
from ..reader.parser import WELL_FORMED_UNIT, parse_sxs
from ..xref.syntax import DESTINATION_FORMS, FORM_LINK, find_xrefs
from .model import (
    IN_SOURCE,
    IN_TRANSLATION,
    REF_AUTOLINK,
    REF_DEFINITION,
    REF_HTML,
    REF_IMAGE_EXT,
    REF_INCLUDE,
    REF_LINK,
    REF_SNIPPET,
    REF_XREF,
    Reference,
)

# Patterns start with a literal (`\n`, `](`, `<`, ` `) so the regex engine can skip ahead
# fast; line-anchored ones are run on the text with a `\n` put in front.
_FENCE = re.compile(r"\n(?P<indent>[ \t]*(?:>[ \t]*)*)(?P<fence>`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`)([^\n]*?[^`\n]|[^`\n])\1(?!`)")

_DEST = r"(?:<(?P<angle>[^<>\n]*)>|(?P<bare>(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*))"
_TITLE = r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?"
_INLINE_LINK = re.compile(r"\]\([ \t]*" + _DEST + _TITLE + r"[ \t]*\)")
_DEFINITION = re.compile(
    r"\n[ \t]{0,3}(?:>[ \t]*)*\[(?P<label>[^\]\n]+)\]:[ \t]*(?:<(?P<dangle>[^<>\n]*)>|(?P<dbare>\S+))")
_ANGLE = re.compile(r"<(?:(?P<auto>(?i:https?|mailto|ftp):[^\s<>]+)>|(?P<tag>(?i:a|img))\b(?P<attrs>[^>]*)>)")
_IMAGE_EXT = re.compile(r":::image\b(?P<ext>.*?):::")
_INCLUDE = re.compile(r"\[!(?i:include)\s*\[[^\]\n]*\]\(")
_SNIPPET = re.compile(r"\[!(?i:code)(?:-[\w#+.-]*)?\s*\[[^\]\n]*\]\(")
_CODE_EXT = re.compile(r"(?i::::code\b)(?P<ext>[^\n]*?):::")
_CODE_SOURCE = re.compile(r"(?<![\w-])source\s*=\s*\"(?P<v>[^\"]*)\"", re.I)
_HTML_ATTR = re.compile(r"(?<![\w-])(?P<name>href|src)\s*=\s*(?:\"(?P<d>[^\"]*)\"|'(?P<s>[^']*)'|(?P<u>[^\s>\"']+))",
                        re.I)
_EXT_ATTR = re.compile(r"(?<![\w-])(?:source|lightbox)\s*=\s*\"(?P<v>[^\"]*)\"", re.I)

# Anchors: `<a name=…>`, `<a id=…>`, any tag's id; `&quot;` quotes are a CAT-tool corruption.
_ANCHOR = re.compile(
    r" (?P<attr>name|id|NAME|ID|Name|Id)[ \t]*=[ \t]*"
    r"(?:\\?\"(?P<d>[^\"\\]*)\\?\"|'(?P<s>[^']*)'|&quot;(?P<e>.*?)&quot;|(?P<u>[^\s>\"'/]+))",
)
_TAG_NAME = re.compile(r"<([a-z][\w-]*)", re.I)
_HEADING = re.compile(r"\n[ ]{0,3}(?:>[ \t]*)*(?P<hashes>#{1,6})[ \t]+(?P<text>[^\n]*?)[ \t]*(?:#+[ \t]*)?(?=\n|$)")
_ATX_CLOSING = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_HEADING_ANCHOR = re.compile(r"^\s*<a\s+[^>]*?(?:name|id)\s*=\s*[\"']?(?P<id>[^\"'\s>]+)", re.I)
_LOOKUP = re.compile(r"<span\s+class\s*=\s*[\"']?sxs-lookup.*?</span>\s*</span>", re.I | re.S)
_TAG = re.compile(r"<[^>]*>")
_AUTOLINK = re.compile(r"<(?P<url>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")
_LINK_DEST = re.compile(r"\](?:\([^)]*\)|\[[^\]]*\])")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|\w+);", re.I)
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_UNDERSCORE_EMPHASIS = re.compile(r"(?<![\w\\])(_+)(?=[^\s_])(.*?[^\s\\_])\1(?!\w)")
# Setext headings (markdig/CommonMark): an underline of `=` or `-` right under paragraph lines.
_SETEXT = re.compile(r"\n(?P<indent>[ ]*)(?P<rule>=+|-+)[ \t]*\r?(?=\n|$)")
_THEMATIC_BREAK = re.compile(r"[ ]{0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})\r?$")
_UNDERLINE = re.compile(r"[ ]{0,3}=+[ \t]*\r?$")
_ATX_START = re.compile(r"[ ]{0,3}#{1,6}(?:[ \t]|\r?$)")
_QUOTE_START = re.compile(r"[ ]{0,3}>")
_LIST_MARKER = re.compile(r"(?P<indent>[ ]*)(?:[-+*]|\d{1,9}[.)])(?P<gap>[ \t]+)(?=\S)")
_HTML_BLOCK = re.compile(  # CommonMark HTML blocks 1-6: they run to a blank line, so no heading inside
    r"[ ]{0,3}<(?:script|pre|style|textarea|!--|\?|![A-Za-z]|!\[CDATA\[|/?(?:address|article|aside|base|basefont"
    r"|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure"
    r"|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav"
    r"|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track"
    r"|ul)(?:[\s/>]|$))", re.I)
_FENCE_LINE = re.compile(r"[ ]{0,3}(?:`{3,}|~{3,})")
_HTML_LONE_TAG = re.compile(r"[ ]{0,3}</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>[ \t]*\r?$")  # HTML block 7


def mask_code(text: str) -> str:
    """The text with fenced code blocks and inline code spans blanked (same length)."""
    if "```" not in text and "~~~" not in text:
        return _mask_inline(text)
    padded = "\n" + text
    pieces: list[str] = []
    position = 0
    search_from = 0
    while True:
        opening = _FENCE.search(padded, search_from)
        if opening is None:
            break
        fence = opening.group("fence")
        char, size = fence[0], len(fence)
        line_end = padded.find("\n", opening.end())
        if line_end == -1:
            line_end = len(padded)
        if char == "`" and "`" in padded[opening.end():line_end]:
            search_from = opening.end()
            continue
        block_start = opening.start() + 1
        closing_at = len(padded)
        for closing in _FENCE.finditer(padded, line_end):
            next_line = padded.find("\n", closing.end())
            next_line = len(padded) if next_line == -1 else next_line
            candidate = closing.group("fence")
            if candidate[0] == char and len(candidate) >= size and not padded[closing.end():next_line].strip():
                closing_at = next_line
                break
        pieces.append(_mask_inline(padded[position + 1 if not pieces else position:block_start]))
        pieces.append(_blank(padded[block_start:closing_at]))
        position = search_from = closing_at
    pieces.append(_mask_inline(padded[position + 1 if not pieces else position:]))
    return "".join(pieces)


# What the scan reads in a line: link syntax, HTML links/images/anchors, xrefs, DocFX extensions, headings.
# An indented block without any of these reads the same as code or as text, so it needs no block parse.
_MATTERS = re.compile(r"\]\(|\]:|<(?:a\s|img\s|xref|[a-z][a-z0-9+.-]*:)|\sid\s*=|@|xref:|:::|\[!"
                      r"|^[ \t]*#|^[ \t]*(?:=+|-+)[ \t]*$", re.I | re.M)


def _may_hold_indented_code(lines: list[str], first: int) -> bool:
    """Whether a line indented by 4 columns starts after a blank line or heading (the only places an indented
    code block can begin: it cannot interrupt a paragraph) and that block holds something the scan reads."""
    after_break = True
    for index in range(first, len(lines)):
        line = lines[index]
        stripped = line.strip()
        if not stripped:
            after_break = True
            continue
        if after_break and line.expandtabs(4)[:4] == "    ":
            end = index + 1
            while end < len(lines) and (not lines[end].strip() or lines[end].expandtabs(4)[:4] == "    "):
                end += 1
            if _MATTERS.search("\n".join(lines[index:end])):
                return True
        after_break = _ATX_START.match(line) is not None
    return False


@lru_cache(maxsize=1)
def _block_parser():  # noqa: ANN202 - markdown-it-py's MarkdownIt
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").disable(["inline", "text_join"])


def mask_indented_code(masked: str, text: str, index: LineIndex | None = None) -> str:
    """`masked` with the lines of CommonMark indented code blocks blanked (same length).

    `text` is the page as written: its block structure decides, read as the
    build reads it (front matter lines blanked and `:::row:::`/`:::column:::`
    bodies dedented before the parse, keeping line numbers). `index`: the
    text's line starts, when the caller has them (`masked` keeps every line break).
    """
    if "\n    " not in text and "\t" not in text and not text.startswith("    "):
        return masked
    block = front_matter_block(text)
    body = text if block is None else re.sub(r"[^\n]", "", text[:block[1]]) + text[block[1]:]
    if not _may_hold_indented_code(body.split("\n"), 0 if block is None else text.count("\n", 0, block[1])):
        return masked
    code_lines = [token.map for token in _block_parser().parse(dedent_rows(body))
                  if token.type == "code_block" and token.map]
    if not code_lines:
        return masked
    starts = [*(index or LineIndex(text)).starts, len(masked) + 1]
    pieces: list[str] = []
    position = 0
    for first, last in code_lines:
        begin, end = starts[first], min(starts[min(last, len(starts) - 1)], len(masked))
        pieces.append(masked[position:begin])
        pieces.append(_blank(masked[begin:end]))
        position = end
    pieces.append(masked[position:])
    return "".join(pieces)


def _blank(chunk: str) -> str:
    return re.sub(r"[^\n]", " ", chunk)


def _mask_inline(chunk: str) -> str:
    if "`" not in chunk:
        return chunk
    return _INLINE_CODE.sub(lambda m: " " * len(m.group(0)), chunk)


@dataclass
class PageScan:
    """What one page holds for the link check; anchors are collected when first asked for."""

    references: list[Reference] = field(default_factory=list)
    includes: list[str] = field(default_factory=list)   # hrefs of [!INCLUDE]s, as written
    masked: str | None = None
    text: str | None = None      # the page as written: heading text keeps its inline code
    _anchors: set[str] | None = None

    @property
    def anchors(self) -> set[str]:
        if self._anchors is None:
            self._anchors = collect_anchors(self.masked, self.text) if self.masked is not None else set()
            self.masked = self.text = None
        return self._anchors

    def to_payload(self) -> dict[str, object]:
        """Plain data for a build cache (anchors computed now, the page text not kept)."""
        return {"references": [dataclasses.asdict(reference) for reference in self.references],
                "includes": list(self.includes), "anchors": sorted(self.anchors)}

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> PageScan:
        return cls(references=[Reference(**item) for item in data["references"]], includes=list(data["includes"]),
                   _anchors=set(data["anchors"]))


def scan_markdown(text: str, page: str, units: list[TranslationUnit] | None = None,
                  index: LineIndex | None = None) -> PageScan:
    """References (with where they sit among the page's units) and anchors of a Markdown page.

    Without `units`, the units around references are found on demand: most
    links sit outside units or in well-formed ones, so no whole-page parse.
    """
    index = index or LineIndex(text)
    masked = mask_indented_code(mask_code(text), text, index)
    include_at = {m.end() for m in _INCLUDE.finditer(masked)} if "[!" in masked else set()
    snippet_at = {m.end() for m in _SNIPPET.finditer(masked)} if "[!" in masked else set()
    found: list[tuple[int, str, str]] = []
    for match in _INLINE_LINK.finditer(masked):
        key = "angle" if match.group("angle") is not None else "bare"
        kind = REF_INCLUDE if match.start() + 2 in include_at else REF_LINK
        if match.start() + 2 in snippet_at:
            kind = REF_SNIPPET
        found.append((match.start(key), match.group(key), kind))
    if "]:" in masked:
        for match in _DEFINITION.finditer("\n" + masked):
            key = "dangle" if match.group("dangle") is not None else "dbare"
            found.append((match.start(key) - 1, match.group(key), REF_DEFINITION))
    for match in _ANGLE.finditer(masked):
        if match.group("auto") is not None:
            found.append((match.start("auto"), match.group("auto"), REF_AUTOLINK))
            continue
        tag_start = match.start("attrs")
        for attr in _HTML_ATTR.finditer(match.group("attrs")):
            if (attr.group("name").lower() == "href") != (match.group("tag").lower() == "a"):
                continue
            key = "d" if attr.group("d") is not None else "s" if attr.group("s") is not None else "u"
            found.append((tag_start + attr.start(key), attr.group(key), REF_HTML))
    if "@" in masked or "xref" in masked.lower():   # [t](xref:uid) is an inline link above; the other forms here
        for use in find_xrefs(masked):
            if use.form != FORM_LINK and use.form not in DESTINATION_FORMS:
                found.append((use.start, use.raw, REF_XREF))
    if ":::image" in masked:
        for match in _IMAGE_EXT.finditer(masked):
            for attr in _EXT_ATTR.finditer(match.group("ext")):
                found.append((match.start("ext") + attr.start("v"), attr.group("v"), REF_IMAGE_EXT))
    if ":::code" in masked.lower():
        for match in _CODE_EXT.finditer(masked):
            for attr in _CODE_SOURCE.finditer(match.group("ext")):
                found.append((match.start("ext") + attr.start("v"), attr.group("v"), REF_SNIPPET))
    found.sort(key=lambda item: item[0])
    result = PageScan(masked=masked, text=text)
    result.includes = [href for _, href, kind in found if kind == REF_INCLUDE]
    result.references = _place(found, page, units if units is not None else UnitLocator(text), index)
    return result


class UnitLocator:
    """The translation unit around an offset, parsed only where a reference sits."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.units: list[TranslationUnit] | None = None
        self.starts: list[int] = []

    def unit_at(self, offset: int) -> tuple[int, TranslationUnit] | None:
        if self.units is None:
            opening = self.text.rfind("data-ttu-id", 0, offset)
            if opening == -1:
                return None
            start = self.text.rfind("<", 0, opening)
            fast = WELL_FORMED_UNIT.match(self.text, start) if start != -1 else None
            if fast is not None and fast.group("sid") == fast.group("id"):
                if offset >= fast.end():
                    return None
                return start, TranslationUnit(
                    fast.group("id"), "", "", "", 0, 0, 0, start, fast.end(), fast.start("target"),
                    fast.end("target"), fast.start("source"), fast.end("source"))
            self.units = parse_sxs(self.text, body_only=True).units
            self.starts = [unit.start for unit in self.units]
        position = bisect_right(self.starts, offset) - 1
        if position < 0:
            return None
        unit = self.units[position]
        return (unit.start, unit) if unit.start <= offset < unit.end else None


class _KnownUnits(UnitLocator):
    def __init__(self, units: list[TranslationUnit]) -> None:
        self.units = units
        self.starts = [unit.start for unit in units]


def _place(found: list[tuple[int, str, str]], page: str, units: list[TranslationUnit] | UnitLocator,
           index: LineIndex) -> list[Reference]:
    """Reference objects; a link inside a unit is paired with its English original's copy."""
    locator = units if isinstance(units, UnitLocator) else _KnownUnits(units)
    loose: list[Reference] = []
    per_unit: dict[int, tuple[list[Reference], list[Reference]]] = {}
    for offset, href, kind in found:
        line, column = index.position(offset)
        reference = Reference(page, href, offset, line, column, kind)
        located = locator.unit_at(offset)
        if located is not None:
            position, unit = located
            reference.unit_id = unit.id
            targets, sources = per_unit.setdefault(position, ([], []))
            if unit.source_start is not None and unit.source_start <= offset <= (unit.source_end or offset):
                reference.where = IN_SOURCE
                sources.append(reference)
            else:
                reference.where = IN_TRANSLATION
                targets.append(reference)
        else:
            loose.append(reference)
    for targets, sources in per_unit.values():
        loose.extend(_pair(targets, sources))
    loose.sort(key=lambda reference: reference.offset)
    return loose


def _pair(targets: list[Reference], sources: list[Reference]) -> list[Reference]:
    """The references of one unit, each translation link paired with its original's.

    Links with the same destination pair first (machine translation reorders
    sentences); the rest pair in order. An unpaired or differing original is
    kept, so its own destination is checked too.
    """
    remaining = list(sources)
    unpaired: list[Reference] = []
    for target in targets:
        same = next((source for source in remaining if source.href.strip() == target.href.strip()), None)
        if same is not None:
            remaining.remove(same)
            target.source_href = same.href
        else:
            unpaired.append(target)
    for target, source in zip(unpaired, remaining, strict=False):
        target.source_href = source.href
    return [*targets, *remaining]     # differing and unpaired originals are checked too


def collect_anchors(masked: str, text: str | None = None) -> set[str]:
    """Explicit anchors and heading ids (DocFX/markdig GitHub-style) of masked page text.

    Headings are found in `masked` (so none inside code); their text is read
    from `text`, the page as written at the same offsets, because markdig's
    ids keep the words of inline code.
    """
    text = masked if text is None else text
    anchors: set[str] = set()
    for match in _ANCHOR.finditer(masked):
        opening = masked.rfind("<", 0, match.start())
        if opening == -1 or ">" in masked[opening:match.start()]:
            continue
        tag = _TAG_NAME.match(masked, opening)
        if tag is None or (match.group("attr").lower() == "name" and tag.group(1).lower() != "a"):
            continue
        value = next(v for v in match.group("d", "s", "e", "u") if v is not None)
        if value:
            anchors.add(value)
    identifiers: set[str] = set()     # markdig's per-document set of generated ids
    for content in heading_contents(masked, text):
        explicit = _HEADING_ANCHOR.match(content)
        if explicit:
            anchors.add(explicit.group("id"))
        base = heading_slug(content) or "section"
        slug, number = base, 0
        while slug in identifiers:
            number += 1
            slug = f"{base}-{number}"
        identifiers.add(slug)
        anchors.add(slug)
    return anchors


def heading_contents(masked: str, text: str) -> list[str]:
    """The raw content of every ATX and setext heading, in page order."""
    found: list[tuple[int, str]] = []
    for match in _HEADING.finditer("\n" + masked):
        # From the original text: a masked code span (``### `PackageIcon` ``) is blanks in `masked`,
        # which the pattern's whitespace would swallow.
        start = match.end("hashes") - 1
        while start < len(text) and text[start] in " \t":
            start += 1
        end = text.find("\n", start)
        line = text[start:len(text) if end == -1 else end].rstrip()
        found.append((start, _ATX_CLOSING.sub("", line).strip()))
    setext = _setext_headings(masked, text)
    if setext:
        found.extend(setext)
        found.sort(key=lambda item: item[0])
    return [content for _, content in found]


def _setext_headings(masked: str, text: str) -> list[tuple[int, str]]:
    """(offset, content) of setext headings: paragraph lines right above a `===`/`---` underline.

    As in markdig: a `---` after a blank line, a list item it does not line
    up with, a block quote, a code block or an HTML block is a thematic break
    (or text), never a heading. Underlines are looked for in `masked` (none
    inside code); the lines above are read in `text`, where inline code is
    still text.
    """
    front = front_matter_block(text) if text.startswith(("---", "\ufeff---")) else None
    body_start = front[1] if front else 0
    headings: list[tuple[int, str]] = []
    for match in _SETEXT.finditer(masked, max(body_start - 1, 0)):
        if match.start() + 1 <= body_start or text[match.start():match.end()] != match.group(0):
            continue                   # the front matter's fence, or `- ` before masked inline code
        paragraph = _paragraph_above(text, match.start(), body_start, len(match.group("indent")))
        if paragraph is not None:
            start, end = paragraph
            lines = [line.strip() for line in text[start:end].split("\n")]
            headings.append((start, "\n".join(line for line in lines if line)))
    return headings


def _paragraph_above(text: str, line_end: int, body_start: int, underline_indent: int) -> tuple[int, int] | None:
    """Offsets of the paragraph ending at `line_end` that an underline indented so much can close."""
    start = None
    container = 0
    position = line_end
    while position > body_start:
        line_start = text.rfind("\n", body_start, position) + 1
        line = text[line_start:position]
        if not line.strip():
            break
        if _UNDERLINE.match(line) or _THEMATIC_BREAK.match(line) or _ATX_START.match(line):
            break
        if _QUOTE_START.match(line) or _HTML_BLOCK.match(line) or _FENCE_LINE.match(line):
            return None       # lazy lines of a quote, lines of an HTML block, code: no heading
        marker = _LIST_MARKER.match(line)
        if marker is not None:
            start = line_start + marker.end()
            container = marker.end()
            break
        start = line_start
        position = line_start - 1
    if start is None:
        return None
    if container == 0:
        end_of_line = text.find("\n", start)
        first_line = text[start:len(text) if end_of_line == -1 else end_of_line]
        if _HTML_LONE_TAG.match(first_line):
            return None
        indent = len(first_line) - len(first_line.lstrip(" "))
        if indent >= 4:     # a list item's paragraph (top-level, it would be code): near its indent
            return (start, line_end) if indent - 3 <= underline_indent <= indent + 3 else None
    if not container <= underline_indent <= container + 3:
        return None
    return start, line_end


def heading_text(content: str) -> str:
    """The text a reader sees in a heading's translation, as markdig's id renderer writes it.

    English originals (`sxs-lookup`), tags, link destinations and emphasis
    marks go; inline code keeps its words, entities and escapes are decoded.
    """
    content = _LOOKUP.sub("", content)
    if "`" not in content:
        return _inline_text(content).strip()
    pieces: list[str] = []
    position = 0
    for code in _INLINE_CODE.finditer(content):
        pieces.append(_inline_text(content[position:code.start()]))
        pieces.append(_code_text(code.group(2)))
        position = code.end()
    pieces.append(_inline_text(content[position:]))
    return "".join(pieces).strip()


def _code_text(code: str) -> str:
    if len(code) > 2 and code[0] == code[-1] == " " and code.strip():
        return code[1:-1]
    return code


def _inline_text(chunk: str) -> str:
    chunk = _LINK_DEST.sub("]", chunk)
    if "<" in chunk:
        chunk = _AUTOLINK.sub(lambda m: m.group("url"), chunk)
        chunk = _TAG.sub("", chunk)
    if "_" in chunk:
        chunk = _UNDERSCORE_EMPHASIS.sub(lambda m: m.group(2), chunk)
    if "\\" in chunk:
        chunk = _ESCAPED.sub(lambda m: m.group(1), chunk)
    if "&" in chunk:
        chunk = _ENTITY.sub(lambda m: unescape(m.group(0)), chunk)
    return chunk


def heading_slug(content: str) -> str:
    """markdig's `UrilizeAsGfm` (AutoIdentifierOptions.GitHub, as DocFX configures it).

    .NET's `char.IsLetterOrDigit` on UTF-16 units: letters and decimal digits
    of the BMP only (no `²`, `½`, nor astral characters); space becomes `-`;
    `-` and `_` stay; each character is lowered on its own.
    """
    slug: list[str] = []
    for char in heading_text(content):
        if char == " ":
            slug.append("-")
        elif char in "-_" or ((char.isalpha() or char.isdecimal()) and char <= "\uffff"):
            slug.append(char.lower()[0])  # one character each ("İ".lower() is two)
    return "".join(slug)
