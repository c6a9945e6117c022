"""Post-edits made one unit at a time (review mode): read a page's units with their state, save, undo.

Plain data in and out, no server: `review/` serves it. Saves go into the same
catalogs `extract`, `qa`, `apply` and the build read
(`translations/<locale>/<page>.po`, or the page's existing catalog of another
format), rewritten atomically with the `sxs:` hashes. Every unit state has a
*revision* (a checksum of its catalog entry): a save names the revision it
was made from and is refused with a conflict when the entry changed since,
so two tabs editing the same unit never lose an edit silently. An entry made
for an English source that has changed since (stale) is only overwritten
when the save says so, after the reviewer has seen both English texts.
"""

from __future__ import annotations

import dataclasses
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..files.atomicio import write_bytes_atomic
from ..files.docfile import universal_newlines
from ..reader.parser import parse_sxs
from .catalog import CatalogUnit, page_catalog_path, page_units, read_page, text_hash
from .formats import EXTENSIONS, CatalogError, detect_format, read_catalog, update_po, write_catalog
from .postedits import is_edited_entry, safe_markup, with_targets
from .qa import QaChecker

MAX_TARGET_CHARS = 20_000


class ReviewError(Exception):
    """A save that cannot be done; `kind` says why (the server maps it to a status)."""

    def __init__(self, kind: str, message: str, unit: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.kind = kind  # "conflict", "stale", "refused", "unknown", "outside"
        self.unit = unit


@dataclass
class UnitState:
    """One unit as the reviewer sees it."""

    key: str
    id: str
    occurrence: int
    line: int
    context: str
    source: str | None
    machine: str
    post_edit: str | None          # the catalog's target when it differs from the machine translation
    reviewed: bool                 # post-edited, or the machine translation kept
    stale_source: str | None       # the English the catalog entry was made for, when it is no longer the page's
    revision: str
    findings: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class PageState:
    page: str
    locale: str | None
    catalog: str           # relative to the translations folder
    units: list[UnitState]

    def counts(self) -> dict[str, int]:
        return {"reviewed": sum(unit.reviewed for unit in self.units),
                "edited": sum(unit.post_edit is not None for unit in self.units),
                "total": len(self.units)}

    def to_dict(self) -> dict[str, Any]:
        return {"page": self.page, "locale": self.locale, "catalog": self.catalog,
                "counts": self.counts(), "units": [unit.to_dict() for unit in self.units]}


@dataclass
class _Save:
    page: str
    key: str
    before: CatalogUnit | None
    revision_after: str


def revision(entry: CatalogUnit | None) -> str:
    """A checksum of what a reviewer can change in an entry (none: the unit has no entry yet)."""
    if entry is None:
        return "none"
    return text_hash(f"{entry.source}\x00{entry.target}\x00{entry.target_hash}\x00{int(entry.reviewed)}")


class ReviewEdits:
    """The catalogs of one docset for one review session (thread-safe; one undo stack)."""

    def __init__(self, docs: Path, translations: Path, default_locale: str | None = None,
                 checker: QaChecker | None = None) -> None:
        self.docs = Path(docs).resolve()
        self.translations = Path(translations).resolve()
        self.default_locale = default_locale
        self.checker = checker or QaChecker()
        self._lock = threading.RLock()
        self._undo: list[_Save] = []

    # Paths ---------------------------------------------------------------------------

    def catalog_path(self, page: str, locale: str | None) -> Path:
        """The page's catalog: an existing one of any format, else `.po`; always inside the translations folder."""
        extensions = dict.fromkeys((".po", *EXTENSIONS.values()))
        candidates = [page_catalog_path(self.translations, locale, page, extension) for extension in extensions]
        chosen = next((path for path in candidates if path.is_file()), candidates[0])
        return self.inside(chosen)

    def inside(self, path: Path) -> Path:
        """`path` resolved (symlinks too); refused unless it is inside the translations folder."""
        resolved = Path(os.path.realpath(path))
        if resolved == self.translations or self.translations not in resolved.parents:
            raise ReviewError("outside", f"{path}: not inside the translations folder {self.translations}; refused")
        return resolved

    def page_file(self, page: str) -> Path:
        resolved = Path(os.path.realpath(self.docs / page))
        if not page.endswith(".md") or self.docs not in resolved.parents or not resolved.is_file():
            raise ReviewError("unknown", f"{page}: not a page of the docset")
        return resolved

    def page_catalog(self, page: str) -> Path:
        """The catalog a save of this page goes to (its locale read from the page)."""
        fresh, model = self._fresh(page)
        return self.catalog_path(page, fresh[0].locale if fresh else (model.locale or self.default_locale))

    # Reading -------------------------------------------------------------------------

    def _fresh(self, page: str) -> tuple[list[CatalogUnit], Any]:
        self.page_file(page)
        text, raw = read_page(self.docs, page)
        model = parse_sxs(text, page)
        return page_units(model, raw, self.default_locale), model

    def _entries(self, path: Path) -> list[CatalogUnit]:
        if not path.is_file():
            return []
        try:
            return read_catalog(path, path.relative_to(self.translations).as_posix())
        except (CatalogError, OSError, UnicodeDecodeError) as error:
            raise ReviewError("refused", f"{error}; fix or move the catalog before saving into it") from error

    def page_state(self, page: str) -> PageState:
        with self._lock:
            fresh, model = self._fresh(page)
            locale = fresh[0].locale if fresh else (model.locale or self.default_locale)
            path = self.catalog_path(page, locale)
            entries = {entry.key: entry for entry in self._entries(path)}
            overrides = {}
            states = []
            for unit in fresh:
                state = self._state(unit, entries.get(unit.key))
                if state.post_edit is not None and state.stale_source is None:
                    overrides[unit.id] = state.post_edit
                states.append(state)
            findings: dict[str, list[dict[str, str]]] = {}
            for finding in self.checker.check_page(with_targets(model, overrides)):
                findings.setdefault(finding.unit_id, []).append(
                    {"check": finding.check, "level": finding.level, "message": finding.message})
            for state in states:
                if state.occurrence == 1:
                    state.findings = findings.get(state.id, [])
            return PageState(page, locale, path.relative_to(self.translations).as_posix(), states)

    @staticmethod
    def _state(unit: CatalogUnit, entry: CatalogUnit | None) -> UnitState:
        post_edit = None
        reviewed = False
        stale = None
        if entry is not None:
            edited = entry.target != unit.target and (is_edited_entry(entry) or not entry.target_hash)
            if edited and entry.target:
                post_edit = entry.target
            reviewed = bool(post_edit) or entry.reviewed
            if (post_edit is not None or entry.reviewed) and entry.source != (unit.source or ""):
                stale = entry.source
        return UnitState(key=unit.key, id=unit.id, occurrence=unit.occurrence, line=unit.line, context=unit.context,
                         source=unit.source, machine=unit.target, post_edit=post_edit, reviewed=reviewed,
                         stale_source=stale, revision=revision(entry))

    # Writing -------------------------------------------------------------------------

    def save(self, page: str, key: str, base_revision: str, target: str | None, *,
             keep_machine: bool = False, confirm_source: str | None = None) -> UnitState:
        """Save a post-edit (`target`) or accept the machine translation (`keep_machine`).

        `base_revision` is the revision the reviewer edited; `confirm_source` the English they saw,
        needed to overwrite a stale entry.
        """
        with self._lock:
            fresh, _ = self._fresh(page)
            unit = next((item for item in fresh if item.key == key), None)
            if unit is None:
                raise ReviewError("unknown", f"{key}: no such unit on {page} (the page changed?); reload the page")
            path = self.catalog_path(page, unit.locale)
            entries = self._entries(path)
            entry = next((item for item in entries if item.key == key), None)
            current = self._state(unit, entry)
            if current.revision != base_revision:
                raise ReviewError("conflict", f"unit {unit.id} was saved elsewhere since you opened it (another tab "
                                  "or tool); your text is kept: compare, then save again", current.to_dict())
            if current.stale_source is not None and confirm_source != (unit.source or ""):
                raise ReviewError("stale", f"unit {unit.id}: the English source changed since the catalog entry was "
                                  "written; read both English texts, then confirm to save for the current one",
                                  current.to_dict())
            if keep_machine:
                new_target, reviewed = unit.target, True
            else:
                new_target = universal_newlines(target or "")
                if not new_target.strip():
                    raise ReviewError("refused", "an empty post-edit; use 'keep the machine translation' instead")
                if len(new_target) > MAX_TARGET_CHARS:
                    raise ReviewError("refused", f"a post-edit of more than {MAX_TARGET_CHARS} characters")
                _, refused = safe_markup(new_target, f"unit {unit.id}")
                if refused:
                    raise ReviewError("refused", refused)
                reviewed = True
            updated = dataclasses.replace(unit, target=new_target, reviewed=reviewed, origin="")
            self._write(path, page, entries, fresh, updated)
            after = revision(updated)
            self._undo.append(_Save(page, key, dataclasses.replace(entry) if entry else None, after))
            return self._state(unit, updated)

    def undo(self) -> tuple[str, UnitState]:
        """Undo this session's last save; a conflict when the unit was saved again since."""
        with self._lock:
            if not self._undo:
                raise ReviewError("unknown", "nothing to undo in this session")
            last = self._undo[-1]
            fresh, _ = self._fresh(last.page)
            unit = next((item for item in fresh if item.key == last.key), None)
            if unit is None:
                raise ReviewError("unknown", f"{last.key}: the unit is gone from {last.page}")
            path = self.catalog_path(last.page, unit.locale)
            entries = self._entries(path)
            entry = next((item for item in entries if item.key == last.key), None)
            if revision(entry) != last.revision_after:
                raise ReviewError("conflict", f"unit {unit.id} was saved again since; undo refused",
                                  self._state(unit, entry).to_dict())
            restored = last.before or dataclasses.replace(unit, reviewed=False)
            self._write(path, last.page, entries, fresh, restored)
            self._undo.pop()
            return last.page, self._state(unit, restored)

    def _write(self, path: Path, page: str, entries: list[CatalogUnit], fresh: list[CatalogUnit],
               updated: CatalogUnit) -> None:
        """The catalog with one entry replaced (or added in page order; a new catalog: the page's units)."""
        if not entries:
            entries = [dataclasses.replace(unit) for unit in fresh]
        keys = [entry.key for entry in entries]
        if updated.key in keys:
            entries[keys.index(updated.key)] = updated
        else:
            order = {unit.key: number for number, unit in enumerate(fresh)}
            position = order.get(updated.key, len(fresh))
            index = next((number for number, entry in enumerate(entries)
                          if order.get(entry.key, -1) > position), len(entries))
            entries.insert(index, updated)
        path = self.inside(path)
        fmt = detect_format(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.inside(path.parent / path.name)  # a folder created through a symlink would show here
        if fmt == "po" and path.is_file():  # the translator's file: change this entry, keep the rest as it is
            write_bytes_atomic(path, update_po(path.read_bytes(), [updated]))
        else:
            write_bytes_atomic(path, write_catalog(entries, fmt))
