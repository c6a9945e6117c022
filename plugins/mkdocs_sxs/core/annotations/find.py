"""Guideline annotations: the "Applies to" and "Appropriate roles" lines.

Partner Center pages open with two sentences that are really metadata.
They are recognized from the English original of the unit (the label is
stable across locales, the translation of it is not) and the localized
wording is taken from the translation, value by value:

    **Applies to**: Partner Center | Partner Center for Microsoft Cloud for US Government
    **Appropriate roles:** Helpdesk agent

or a label alone followed by a list, one value per item:

    **Appropriate roles**

    - Global admin

Only the page lead (before the first `##` heading) is read: the same label
further down belongs to one task, not to the page.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html import unescape
from typing import Any

from ..reader.model import CONTEXT_LIST_ITEM, CONTEXT_PARAGRAPH, SxsPage, TranslationUnit
from ..reader.parser import parse_sxs

KIND_APPLIES_TO = "applies_to"
KIND_ROLES = "roles"
KINDS = (KIND_APPLIES_TO, KIND_ROLES)
SHAPE_LINE = "line"
SHAPE_LIST = "list"

# English labels, the only place where the wording of the original matters.
_LABELS = {"applies to": KIND_APPLIES_TO, "appropriate roles": KIND_ROLES, "appropriate role": KIND_ROLES}
# `**Applies to**: …`, `**Appropriate roles:** …`, `Applies to: …` (bold lost).
_BOLD_LABEL = re.compile(
    r"^\s*(?:\*\*|__)\s*(?P<label>[^*_]+?)\s*:?\s*(?:\*\*|__)\s*:?\s*(?P<rest>.*)$", re.S
)
_PLAIN_LABEL = re.compile(r"^\s*(?P<label>[^:|]{2,40}?)\s*:\s*(?P<rest>.*)$", re.S)
_SEPARATOR = re.compile(r"\s*[|｜]\s*")
_HEADING_2 = re.compile(r"^[ \t]{0,3}#{2,6}(?:[ \t]|$)")
_LIST_LINE = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+")
_TAGS = re.compile(r"<[^>]+>")
_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)[*_]|[*_](?!\w))")
_SPACE = re.compile(r"\s+")
_TRAILING = ".,;:。"


@dataclass
class AnnotationValue:
    """One role or product: its canonical English name and its localized name."""

    name: str
    localized: str

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "localized": self.localized}


@dataclass
class Annotation:
    """One annotation of a page, with the units and lines it was read from."""

    kind: str
    shape: str
    label: str
    source_label: str
    values: list[AnnotationValue]
    unit_ids: list[str]
    lines: list[int]
    source_count: int
    target_count: int

    @property
    def line(self) -> int:
        return self.lines[0]

    @property
    def count_mismatch(self) -> bool:
        return self.source_count != self.target_count

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "shape": self.shape,
            "label": self.label,
            "source_label": self.source_label,
            "values": [value.to_dict() for value in self.values],
            "units": list(self.unit_ids),
            "lines": list(self.lines),
        }


@dataclass
class PageAnnotations:
    """The annotations of one page; both None when the page has none."""

    path: str
    title: str | None = None
    locale: str | None = None
    applies_to: Annotation | None = None
    roles: Annotation | None = None
    extra: list[Annotation] = field(default_factory=list)

    def get(self, kind: str) -> Annotation | None:
        return self.applies_to if kind == KIND_APPLIES_TO else self.roles if kind == KIND_ROLES else None

    @property
    def annotations(self) -> list[Annotation]:
        return [item for item in (self.applies_to, self.roles) if item is not None]

    @property
    def unit_ids(self) -> list[str]:
        return [unit_id for item in self.annotations for unit_id in item.unit_ids]

    def __bool__(self) -> bool:
        return bool(self.annotations)


def clean_value(text: str) -> str:
    """A value as a name: no markup, no stray spacing or end punctuation."""
    text = unescape(_TAGS.sub("", text))
    text = _EMPHASIS.sub("", text)
    text = unicodedata.normalize("NFC", _SPACE.sub(" ", text.replace("\u200b", ""))).strip()
    return text.rstrip(_TRAILING).strip()


def _split_label(text: str) -> tuple[str, str] | None:
    """(label, rest) of `**Label**: rest`, or None when no label is seen."""
    match = _BOLD_LABEL.match(text)
    if match is None:
        match = _PLAIN_LABEL.match(text)
    if match is None:
        return None
    return clean_value(match.group("label")), match.group("rest")


def _kind_of(source: str | None) -> tuple[str, str, str] | None:
    """(kind, English label, English rest) when the original is an annotation."""
    if not source:
        return None
    parts = _split_label(_TAGS.sub("", source))
    if parts is None:
        # `**Appropriate roles**` alone: the label of a list.
        label = clean_value(source)
        return (_LABELS[label.lower()], label, "") if label.lower() in _LABELS else None
    label, rest = parts
    kind = _LABELS.get(label.lower())
    return (kind, label, rest) if kind else None


def split_values(text: str) -> list[str]:
    """Values of a one-line annotation, cleaned, empty ones dropped."""
    parts = _SEPARATOR.split(_TAGS.sub("", text).strip())
    return [value for value in (clean_value(part) for part in parts) if value]


def _lead_end_line(page: SxsPage) -> int:
    """The line of the first `##` heading (the lead ends before it)."""
    lines = page.text.split("\n")
    in_fence = False
    for number in range(max(page.body_line, 1), len(lines) + 1):
        line = lines[number - 1]
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if not in_fence and _HEADING_2.match(line):
            return number
    return len(lines) + 1


def _localized_label(target: str, fallback: str) -> str:
    parts = _split_label(_TAGS.sub("", target))
    if parts is not None and parts[0]:
        return parts[0]
    label = clean_value(target)
    return label or fallback


def _pair(sources: list[str], targets: list[str]) -> list[AnnotationValue]:
    """Pair values by position; on a count mismatch the English names stand."""
    if len(sources) == len(targets):
        return [AnnotationValue(name, localized or name) for name, localized in zip(sources, targets, strict=True)]
    return [AnnotationValue(name, name) for name in sources]


def find_annotations(
    page: SxsPage, targets: Mapping[str, str] | None = None, *, title: str | None = None
) -> PageAnnotations:
    """The page-level annotations of a parsed page.

    `targets` replaces unit targets by id (post-edits), so the localized
    names follow what the reader sees.
    """
    result = PageAnnotations(path=page.path, title=title if title is not None else page_title(page),
                             locale=page.locale)
    lead_end = _lead_end_line(page)
    lines = page.text.split("\n")
    units = [unit for unit in page.units if unit.line < lead_end]

    def target_of(unit: TranslationUnit) -> str:
        return targets[unit.id] if targets is not None and unit.id in targets else unit.target

    index = 0
    while index < len(units):
        unit = units[index]
        index += 1
        if unit.context != CONTEXT_PARAGRAPH:
            continue
        found = _kind_of(unit.source)
        if found is None:
            continue
        kind, source_label, rest = found
        target = target_of(unit)
        label = _localized_label(target, source_label)
        if rest.strip():
            target_parts = _split_label(_TAGS.sub("", target))
            target_rest = target_parts[1] if target_parts is not None else target
            sources, localized = split_values(rest), split_values(target_rest)
            annotation = Annotation(kind, SHAPE_LINE, label, source_label, _pair(sources, localized),
                                    [unit.id], [unit.line], len(sources), len(localized))
        else:
            items, index = _list_after(unit, units, index, lines)
            sources = [clean_value(" ".join(item.source or "" for item in group)) for group in items]
            localized = [clean_value(" ".join(target_of(item) for item in group)) for group in items]
            kept = [(s, t) for s, t in zip(sources, localized, strict=True) if s]
            annotation = Annotation(
                kind, SHAPE_LIST, label, source_label,
                [AnnotationValue(s, t or s) for s, t in kept],
                [unit.id] + [item.id for group in items for item in group],
                [unit.line] + [group[0].line for group in items],
                len(kept), len([t for _, t in kept if t]),
            )
        if result.get(kind) is None:
            setattr(result, kind, annotation)
        else:
            result.extra.append(annotation)
    return result


def _list_after(
    label: TranslationUnit, units: list[TranslationUnit], index: int, lines: list[str]
) -> tuple[list[list[TranslationUnit]], int]:
    """The list right after a label: units grouped by item line."""
    groups: list[list[TranslationUnit]] = []
    last_line = label.end_line
    while index < len(units):
        unit = units[index]
        if unit.context != CONTEXT_LIST_ITEM:
            break
        between = lines[last_line : unit.line - 1]
        if any(line.strip() and not _LIST_LINE.match(line) for line in between):
            break
        if groups and groups[-1][-1].line == unit.line:
            groups[-1].append(unit)
        elif _LIST_LINE.match(lines[unit.line - 1]):
            groups.append([unit])
        else:
            break
        last_line = unit.end_line
        index += 1
    return groups, index


def page_title(page: SxsPage) -> str | None:
    """The localized title: front matter `title`, else the first heading's text."""
    if page.title:
        return page.title
    for unit in page.units:
        if unit.context == "heading":
            return clean_value(unit.target)
    return None


def collect(pages: Iterable[SxsPage]) -> list[PageAnnotations]:
    """Annotations of several pages, in the order given."""
    return [find_annotations(page) for page in pages]


_LEAD_END = re.compile(r"^[ \t]{0,3}#{2,6}[ \t]", re.M)


_ANY_LABEL = re.compile(r"applies\s+to|appropriate\s+role", re.I)


def page_lead(text: str) -> str:
    """The text before a page's first `##` heading: all that `annotations_of_text` reads of it.

    The text up to the first match of `_LEAD_END`, found by looking at each `##` only: the regular expression
    tries every position of the page (its `^` anchors nothing), which was four times slower on every page of
    a build, twice (tests/unit/test_annotations.py compares both on random texts)."""
    start, size = 0, len(text)
    while True:
        found = text.find("##", start)
        if found < 0:
            return text
        line_start = text.rfind("\n", 0, found) + 1
        if found - line_start <= 3 and not text[line_start:found].strip(" \t"):
            end = found + 2
            while end < size and end - found < 7 and text[end] == "#":
                end += 1
            if end - found <= 6 and end < size and text[end] in " \t":
                return text[:line_start]
        start = found + 1


def annotations_of_text(text: str, path: str, *, skip_unlabelled: bool = False) -> PageAnnotations:
    """Annotations of a page's source, parsing only its lead (fast on big docsets).

    `skip_unlabelled` returns an empty result (no title, no locale) without
    parsing when no English label occurs in the lead at all.
    """
    lead = page_lead(text)
    if skip_unlabelled and not _ANY_LABEL.search(lead):
        return PageAnnotations(path=path)
    return find_annotations(parse_sxs(lead, path))
