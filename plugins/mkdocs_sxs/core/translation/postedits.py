"""Translators' post-edits from catalogs, matched against the pages they were made for.

A catalog entry is a post-edit when its target differs from the machine
target it was extracted with (the `target-hash` note; without it, from the
page's current target). It applies only while the English source it was
made for is still the page's source: otherwise it is *stale*, reported with
both texts and not applied. Post-edits are untrusted: Markdown inline syntax
only, raw HTML escaped, unsafe link schemes and blank lines refused.

An id that appears more than once on a page cannot say which sentence an
edit was made for (the build renders post-edits by id): a post-edit of such
an id is not applied, anywhere (build, qa, apply), and the warning names every
occurrence so the page's ids can be fixed.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..reader.model import LEVEL_WARNING, Problem, SxsPage, TranslationUnit
from ..reader.sanitize import unsafe_destinations
from .catalog import CatalogUnit, text_hash
from .catalog_index import index_translations
from .formats import CatalogStore

# `<https://…>` and `<user@example.com>` are Markdown autolinks, not HTML.
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>")
_UNSAFE_LINK = re.compile(r"\]\(\s*<?\s*(?:javascript|vbscript|data|file)\s*:", re.I)
# Any line ending (LF, CRLF, CR alone: Markdown reads all three), then a blank line.
_BLANK_LINE = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)")


@dataclass
class StaleEdit:
    """A post-edit made for an English source that has changed since."""

    entry: CatalogUnit
    current_source: str | None

    def message(self) -> str:
        return (f"{self.entry.origin}: stale post-edit of unit {self.entry.id}, not applied: the English source "
                f"changed since it was edited (catalog: {self.entry.source!r}; page now: {self.current_source!r}); "
                "re-extract the page and redo the edit")


@dataclass
class PagePostEdits:
    """What the catalogs do to one page."""

    overrides: dict[str, str] = field(default_factory=dict)
    stale: list[StaleEdit] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def safe_markup(text: str, origin: str = "") -> tuple[str | None, str | None]:
    """(markup to render, None) or (None, why refused). Raw HTML comes back escaped."""
    if _BLANK_LINE.search(text):
        return None, f"{origin}: a post-edit is one sentence; it may not contain a blank line"
    if _UNSAFE_LINK.search(text) or unsafe_destinations(text):  # the site's one URL policy
        return None, f"{origin}: a post-edit may not link to javascript:, vbscript:, data: or file: URLs"
    out: list[str] = []
    position = 0
    for match in _AUTOLINK.finditer(text):
        out.append(_escape_html(text[position : match.start()]))
        out.append(match.group(0))
        position = match.end()
    out.append(_escape_html(text[position:]))
    return "".join(out), None


def _escape_html(text: str) -> str:
    # `&` stays: entities such as `&nbsp;` are Markdown inline syntax; `<`/`>` cannot open a tag.
    return text.replace("<", "&lt;").replace(">", "&gt;")


def is_post_edit(entry: CatalogUnit, unit: TranslationUnit) -> bool:
    """Edited by a translator (and not already the page's text)?"""
    if not entry.target or entry.target == unit.target:
        return False
    if entry.target_hash:
        return text_hash(entry.target) != entry.target_hash
    return True


def is_stale(entry: CatalogUnit, unit: TranslationUnit) -> bool:
    return entry.source != (unit.source or "")


def load_translations(folder: str | Path, store: CatalogStore | None = None
                      ) -> tuple[dict[str, list[CatalogUnit]], list[Problem]]:
    """Every catalog under `folder` (any format), entries grouped by page; unreadable ones reported.
    `store`: parsed catalogs kept between builds (`read_catalog`)."""
    entries, problems = index_translations(folder, store)
    return {page: entries[page] for page in entries}, problems


def units_by_id(units: Iterable[TranslationUnit]) -> dict[str, list[TranslationUnit]]:
    """Every unit of a page under its id, in document order (more than one: a duplicate id)."""
    grouped: dict[str, list[TranslationUnit]] = {}
    for unit in units:
        grouped.setdefault(unit.id, []).append(unit)
    return grouped


def entry_unit(entry: CatalogUnit, grouped: Mapping[str, list[TranslationUnit]]
               ) -> tuple[TranslationUnit | None, list[TranslationUnit]]:
    """(the unit the entry was extracted from, every unit with its id); (None, …) when it is gone."""
    same_id = grouped.get(entry.id, [])
    if entry.occurrence > 1 and not same_id:  # an id really spelled `x~2` (catalogs read it as occurrence 2 of x)
        same_id = grouped.get(f"{entry.id}~{entry.occurrence}", [])
        return (same_id[0] if same_id else None), same_id
    if entry.occurrence > len(same_id):
        return None, same_id
    return same_id[entry.occurrence - 1], same_id


def duplicate_id_message(entry: CatalogUnit, page: str, same_id: list[TranslationUnit]) -> str:
    places = ", ".join(f"{page}:{unit.line}" for unit in same_id)
    return (f"{entry.origin}: post-edit of unit {entry.id} not applied: the id appears {len(same_id)} times on "
            f"{page} ({places}), so the edit cannot be pinned to one sentence; give each unit its own "
            "data-ttu-id, re-extract and redo the edit")


def page_post_edits(page: SxsPage, entries: Iterable[CatalogUnit], locale: str | None = None) -> PagePostEdits:
    """Overrides (unit id -> safe target markup), stale edits and problems for one page."""
    result = PagePostEdits()
    grouped = units_by_id(page.units)
    origins: dict[str, str] = {}  # unit id -> the catalog entry its override came from
    conflicted: set[str] = set()  # two catalogs edit the unit differently: neither is shown
    for entry in entries:
        if locale and entry.locale and entry.locale.lower() != locale.lower():
            continue
        unit, same_id = entry_unit(entry, grouped)
        if unit is None:
            result.problems.append(Problem(page.path, 1, 1, "post-edit-unknown-unit",
                                           f"{entry.origin}: unit {entry.id} is not on {page.path}; "
                                           "remove the entry or re-extract", LEVEL_WARNING))
            continue
        if not is_post_edit(entry, unit):
            continue
        if len(same_id) > 1:
            result.problems.append(Problem(page.path, unit.line, unit.column, "post-edit-duplicate-id",
                                           duplicate_id_message(entry, page.path, same_id), LEVEL_WARNING))
            continue
        if is_stale(entry, unit):
            result.stale.append(StaleEdit(entry, unit.source))
            continue
        markup, refused = safe_markup(entry.target, entry.origin)
        if markup is None:
            result.problems.append(Problem(page.path, unit.line, unit.column, "post-edit-refused",
                                           f"{refused}; the machine translation is shown", LEVEL_WARNING))
            continue
        earlier = origins.get(unit.id)
        if earlier is not None and result.overrides.get(unit.id, markup) != markup or unit.id in conflicted:
            if unit.id not in conflicted:
                conflicted.add(unit.id)
                result.problems.append(Problem(
                    page.path, unit.line, unit.column, "post-edit-conflict",
                    f"{entry.origin}: post-edit of unit {unit.id} conflicts with {earlier}; neither is shown "
                    "(the machine translation is): keep one of them", LEVEL_WARNING))
            result.overrides.pop(unit.id, None)
            continue
        origins[unit.id] = entry.origin
        result.overrides[unit.id] = markup
    return result


def overrides_summary(edits: Mapping[str, PagePostEdits]) -> tuple[int, int]:
    return sum(len(item.overrides) for item in edits.values()), sum(len(item.stale) for item in edits.values())


def with_targets(page: SxsPage, overrides: Mapping[str, str]) -> SxsPage:
    """The page as readers see it: post-edited targets in place (for QA of what is shown)."""
    if not overrides:
        return page
    units = [dataclasses.replace(unit, target=overrides[unit.id]) if unit.id in overrides else unit
             for unit in page.units]
    return dataclasses.replace(page, units=units)


def is_edited_entry(entry: CatalogUnit) -> bool:
    """A catalog entry whose target is no longer the machine target it was extracted with."""
    return bool(entry.target) and bool(entry.target_hash) and text_hash(entry.target) != entry.target_hash


def keep_post_edits(units: list[CatalogUnit], existing: Iterable[CatalogUnit]) -> tuple[list[CatalogUnit],
                                                                                        list[CatalogUnit]]:
    """Re-extraction over an edited catalog: carry post-edits whose source still matches.

    Returns (units to write, edited entries that cannot be carried: stale, or their unit is gone).
    """
    # An entry whose `sxs:` note a CAT tool dropped has no target hash: apply and the build take any
    # target other than the page's as an edit, so re-extraction must keep it too.
    edited = {entry.key: entry for entry in existing
              if is_edited_entry(entry) or (entry.target and not entry.target_hash)}
    if not edited:
        return units, []
    lost = []
    seen = set()
    for unit in units:
        entry = edited.get(unit.key)
        if entry is None:
            continue
        seen.add(unit.key)
        if not entry.target_hash and entry.target == unit.target:
            continue  # the machine text as extracted: not an edit
        if entry.source == (unit.source or ""):
            unit.target, unit.target_hash = entry.target, entry.target_hash or unit.target_hash
        else:
            lost.append(entry)
    lost.extend(entry for key, entry in edited.items() if key not in seen)
    return units, lost
