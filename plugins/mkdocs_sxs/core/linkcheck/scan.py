"""Find every link destination and anchor of a Markdown page with one scan.

A full Markdown parse of a docset costs seconds; link checking needs only
destinations, anchors and headings, and those are regular. Code (fenced
blocks, inline code spans) is blanked out first, keeping offsets, so the
regexes never see a link inside code.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ..lines import LineIndex
from ..model import TranslationUnit
from .model import (
    IN_SOURCE,
    IN_TRANSLATION,
    REF_AUTOLINK,
    REF_DEFINITION,
    REF_HTML,
    REF_IMAGE_EXT,
    REF_INCLUDE,
    REF_LINK,
    Reference,
)

_FENCE = re.compile(r"^(?P<indent>[ \t]*(?:>[ \t]*)*)(?P<fence>`{3,}|~{3,})", re.M)
_INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`)([^\n]*?[^`\n]|[^`\n])\1(?!`)")

_DEST = r"(?:<(?P<angle>[^<>\n]*)>|(?P<bare>(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*))"
_TITLE = r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?"
_REFERENCES = re.compile(
    r"\]\([ \t]*" + _DEST + _TITLE + r"[ \t]*\)"
    r"|^[ \t]{0,3}(?:>[ \t]*)*\[(?P<label>[^\]\n]+)\]:[ \t]*(?:<(?P<dangle>[^<>\n]*)>|(?P<dbare>\S+))"
    r"|<(?P<auto>(?:https?|mailto|ftp):[^\s<>]+)>"
    r"|<(?P<tag>a|img)\b(?P<attrs>[^>]*)>"
    r"|:::image\b(?P<ext>.*?):::",
    re.I | re.M,
)
_INCLUDE = re.compile(r"\[!include\s*\[[^\]\n]*\]\(", re.I)
_HTML_ATTR = re.compile(r"(?<![\w-])(?P<name>href|src)\s*=\s*(?:\"(?P<d>[^\"]*)\"|'(?P<s>[^']*)'|(?P<u>[^\s>\"']+))",
                        re.I)
_EXT_ATTR = re.compile(r"(?<![\w-])(?:source|lightbox)\s*=\s*\"(?P<v>[^\"]*)\"", re.I)

# Anchors: `<a name=…>`, `<a id=…>`, any tag's id; `&quot;` quotes are a CAT-tool corruption.
_ANCHOR = re.compile(
    r"<(?P<tag>[a-z][\w-]*)\b[^>]*?(?<![\w-])(?P<attr>name|id)\s*=\s*"
    r"(?:\\?\"(?P<d>[^\"\\]*)\\?\"|'(?P<s>[^']*)'|&quot;(?P<e>.*?)&quot;|(?P<u>[^\s>\"'/]+))",
    re.I,
)
_HEADING = re.compile(r"^[ ]{0,3}(?:>[ \t]*)*(?P<hashes>#{1,6})[ \t]+(?P<text>[^\n]*?)[ \t]*(?:#+[ \t]*)?$", re.M)
_HEADING_ANCHOR = re.compile(r"^\s*<a\s+[^>]*?(?:name|id)\s*=\s*[\"']?(?P<id>[^\"'\s>]+)", re.I)
_LOOKUP = re.compile(r"<span\s+class\s*=\s*[\"']?sxs-lookup.*?</span>\s*</span>", re.I | re.S)
_TAG = re.compile(r"<[^>]*>")
_LINK_DEST = re.compile(r"\]\([^)]*\)")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|\w+);", re.I)


def mask_code(text: str) -> str:
    """The text with fenced code blocks and inline code spans blanked (same length)."""
    pieces: list[str] = []
    position = 0
    search_from = 0
    while True:
        opening = _FENCE.search(text, search_from)
        if opening is None:
            break
        fence = opening.group("fence")
        char, size = fence[0], len(fence)
        line_end = text.find("\n", opening.end())
        if char == "`" and line_end != -1 and "`" in text[opening.end():line_end]:
            search_from = opening.end()
            continue
        block_start = opening.start()
        closing_at = len(text)
        scan = line_end + 1 if line_end != -1 else len(text)
        while scan < len(text):
            match = _FENCE.match(text, scan)
            next_line = text.find("\n", scan)
            next_line = len(text) if next_line == -1 else next_line + 1
            if match and match.group("fence")[0] == char and len(match.group("fence")) >= size \
                    and not text[match.end():next_line].strip():
                closing_at = next_line
                break
            scan = next_line
        pieces.append(_mask_inline(text[position:block_start]))
        pieces.append(_blank(text[block_start:closing_at]))
        position = search_from = closing_at
    pieces.append(_mask_inline(text[position:]))
    return "".join(pieces)


def _blank(chunk: str) -> str:
    return re.sub(r"[^\n]", " ", chunk)


def _mask_inline(chunk: str) -> str:
    if "`" not in chunk:
        return chunk
    return _INLINE_CODE.sub(lambda m: " " * len(m.group(0)), chunk)


@dataclass
class PageScan:
    """What one page holds for the link check."""

    references: list[Reference] = field(default_factory=list)
    anchors: set[str] = field(default_factory=set)
    includes: list[str] = field(default_factory=list)   # hrefs of [!INCLUDE]s, as written


def scan_markdown(text: str, page: str, units: list[TranslationUnit] | None = None,
                  index: LineIndex | None = None) -> PageScan:
    """References (with where they sit among `units`) and anchors of a Markdown page."""
    masked = mask_code(text)
    index = index or LineIndex(text)
    include_at = {m.end() for m in _INCLUDE.finditer(masked)}
    found: list[tuple[int, str, str]] = []
    for match in _REFERENCES.finditer(masked):
        group = match.lastgroup
        if match.group("attrs") is not None:
            tag_start = match.start("attrs")
            for attr in _HTML_ATTR.finditer(match.group("attrs")):
                name = attr.group("name").lower()
                if (name == "href") != (match.group("tag").lower() == "a"):
                    continue
                key = "d" if attr.group("d") is not None else "s" if attr.group("s") is not None else "u"
                found.append((tag_start + attr.start(key), attr.group(key), REF_HTML))
        elif match.group("ext") is not None:
            for attr in _EXT_ATTR.finditer(match.group("ext")):
                found.append((match.start("ext") + attr.start("v"), attr.group("v"), REF_IMAGE_EXT))
        elif match.group("auto") is not None:
            found.append((match.start("auto"), match.group("auto"), REF_AUTOLINK))
        elif match.group("label") is not None:
            key = "dangle" if match.group("dangle") is not None else "dbare"
            found.append((match.start(key), match.group(key), REF_DEFINITION))
        else:
            key = "angle" if match.group("angle") is not None else "bare"
            kind = REF_INCLUDE if match.start() + 2 in include_at else REF_LINK
            found.append((match.start(key), match.group(key), kind))
        del group
    result = PageScan(anchors=collect_anchors(masked))
    result.includes = [href for _, href, kind in found if kind == REF_INCLUDE]
    result.references = _place(found, page, units or [], index)
    return result


def _place(found: list[tuple[int, str, str]], page: str, units: list[TranslationUnit],
           index: LineIndex) -> list[Reference]:
    """Reference objects; a link inside a unit is paired with its English original's copy."""
    starts = [unit.start for unit in units]
    loose: list[Reference] = []
    per_unit: dict[int, tuple[list[Reference], list[Reference]]] = {}
    for offset, href, kind in found:
        line, column = index.position(offset)
        reference = Reference(page, href, offset, line, column, kind)
        position = bisect_right(starts, offset) - 1
        unit = units[position] if position >= 0 else None
        if unit is not None and unit.start <= offset < unit.end:
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
        for number in range(max(len(targets), len(sources))):
            target = targets[number] if number < len(targets) else None
            source = sources[number] if number < len(sources) else None
            if target is not None:
                target.source_href = source.href if source is not None else None
                loose.append(target)
                if source is not None and source.href.strip() != target.href.strip():
                    loose.append(source)      # differs: its own destination is checked too
            elif source is not None:
                loose.append(source)
    loose.sort(key=lambda reference: reference.offset)
    return loose


def collect_anchors(masked: str) -> set[str]:
    """Explicit anchors and heading ids (DocFX/markdig GitHub-style) of masked page text."""
    anchors: set[str] = set()
    for match in _ANCHOR.finditer(masked):
        attr = match.group("attr").lower()
        if attr == "name" and match.group("tag").lower() != "a":
            continue
        value = next(v for v in match.group("d", "s", "e", "u") if v is not None)
        if value:
            anchors.add(value)
    seen: dict[str, int] = {}
    for match in _HEADING.finditer(masked):
        content = match.group("text")
        explicit = _HEADING_ANCHOR.match(content)
        if explicit:
            anchors.add(explicit.group("id"))
        slug = heading_slug(content)
        if not slug:
            continue
        if slug in seen:
            seen[slug] += 1
            slug = f"{slug}-{seen[slug]}"
        else:
            seen[slug] = 0
        anchors.add(slug)
    return anchors


def heading_text(content: str) -> str:
    """The text a reader sees in a heading's translation: English originals and markup removed."""
    content = _LOOKUP.sub("", content)
    content = _LINK_DEST.sub("]", content)
    content = _TAG.sub("", content)
    return _ENTITY.sub("", content).strip()


def heading_slug(content: str) -> str:
    """markdig's GitHub-style auto identifier (as DocFX uses): letters, digits, `-`, `_`; spaces to `-`."""
    text = heading_text(content).lower()
    return "".join("-" if char == " " else char for char in text if char.isalnum() or char in " -_")
