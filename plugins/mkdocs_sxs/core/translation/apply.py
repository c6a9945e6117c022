"""Write post-edits back into the sxs Markdown pages, for teams that want the source updated.

Only the target text span of each edited unit is replaced (parser offsets);
every other byte of the file stays as it was: BOM, line endings, trailing
spaces. A page that changed since the catalog was extracted (its hash
differs) is left alone unless forced; running the same catalog twice
changes nothing the second time.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from ..files.atomicio import write_bytes_atomic
from ..files.docfile import DocsetFileError, decode
from ..files.locking import LockTimeout, folder_lock
from ..files.safe_paths import UnsafePathError, resolve_inside
from ..reader.parser import parse_sxs
from .catalog import CatalogUnit, short_hash, text_hash
from .postedits import duplicate_id_message, entry_unit, is_post_edit, is_stale, safe_markup, units_by_id

BOM = b"\xef\xbb\xbf"


@dataclass
class PageApply:
    """What applying a catalog did (or would do) to one page."""

    page: str
    applied: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    changed_since_extract: bool = False
    written: bool = False


def apply_to_bytes(raw: bytes, page: str, entries: Iterable[CatalogUnit], *, force: bool = False
                   ) -> tuple[bytes, PageApply]:
    """The new file content and what happened; `raw` back unchanged when nothing applies."""
    result = PageApply(page)
    decoded = decode(raw, page)  # DocsetFileError (page, line, column) on invalid UTF-8
    bom, text = decoded.bom, decoded.text
    model = parse_sxs(text, page)
    grouped = units_by_id(model.units)
    page_hash = short_hash(raw)
    replacements: list[tuple[int, int, str]] = []
    chosen: dict[int, tuple[str, CatalogUnit]] = {}  # unit start -> (markup, entry): one post-edit a unit
    conflicted: set[int] = set()
    ends: dict[int, int] = {}
    for entry in entries:
        unit, same_id = entry_unit(entry, grouped)
        if unit is None:
            result.refused.append(entry.id)
            result.messages.append(f"{entry.origin}: unit {entry.id} is not on {page}; not applied")
            continue
        if entry.target == unit.target and entry.target_hash and text_hash(entry.target) != entry.target_hash:
            result.already.append(entry.id)
            continue
        if not is_post_edit(entry, unit):
            continue
        if len(same_id) > 1:
            result.refused.append(entry.id)
            result.messages.append(duplicate_id_message(entry, page, same_id))
            continue
        if is_stale(entry, unit):
            result.stale.append(entry.id)
            result.messages.append(f"{entry.origin}: stale post-edit of unit {entry.id} (the English source changed: "
                                   f"catalog {entry.source!r}, page {unit.source!r}); not applied")
            continue
        markup, refused = safe_markup(entry.target, entry.origin)
        if markup is None:
            result.refused.append(entry.id)
            result.messages.append(f"{refused}; not applied")
            continue
        if markup == unit.target:
            result.already.append(entry.id)
            continue
        if entry.page_hash and entry.page_hash != page_hash:
            result.changed_since_extract = True
            if not force:
                result.refused.append(entry.id)
                continue
        earlier = chosen.get(unit.target_start)
        if earlier is not None:
            if earlier[0] != markup:  # two catalogs edit one sentence differently: never glue them
                conflicted.add(unit.target_start)
                result.messages.append(
                    f"{entry.origin}: post-edit of unit {entry.id} conflicts with {earlier[1].origin} "
                    f"({earlier[1].target!r} vs {entry.target!r}); neither is applied: keep one of them")
            continue
        chosen[unit.target_start] = (markup, entry)
        ends[unit.target_start] = unit.target_end
    for start, (markup, entry) in chosen.items():
        if start in conflicted:
            result.refused.append(entry.id)
            continue
        replacements.append((start, ends[start], markup))
        result.applied.append(entry.id)
    if result.changed_since_extract and not force and result.refused:
        result.messages.append(f"{page}: the page changed since the catalog was extracted; re-extract, or use "
                               "--force to write the post-edits anyway")
    if not replacements:
        return raw, result
    out = []
    position = 0
    for start, end, markup in sorted(replacements):
        out.append(text[position:start])
        out.append(markup)
        position = end
    out.append(text[position:])
    new = "".join(out).encode("utf-8")
    return (BOM + new if bom else new), result


def apply_catalog(entries: Iterable[CatalogUnit], docs: Path, *, force: bool = False,
                  dry_run: bool = False, lock_timeout: float = 60.0) -> list[PageApply]:
    """Apply entries grouped by page; each changed page is written atomically.

    Catalog keys are untrusted: a page path is resolved inside `docs` (no
    `..`, no absolute path, no symlink out). Concurrent runs on one docs
    folder take turns (a folder lock), and a page is replaced only if it
    still holds the bytes the edits were computed from (compare-and-swap),
    so no edit is lost to another writer. Read-only pages and pages with
    hard links are refused; a symlinked page is written through its link.
    """
    by_page: dict[str, list[CatalogUnit]] = {}
    for entry in entries:
        by_page.setdefault(entry.page, []).append(entry)
    try:
        lock = folder_lock(docs, lock_timeout) if not dry_run else nullcontext()
        with lock:
            return [_apply_page(page, by_page[page], docs, force=force, dry_run=dry_run) for page in sorted(by_page)]
    except LockTimeout as error:
        result = PageApply(str(docs), refused=[entry.id for items in by_page.values() for entry in items])
        result.messages.append(f"{error}; nothing applied")
        return [result]


def _refuse(page: str, entries: list[CatalogUnit], message: str) -> PageApply:
    result = PageApply(page, refused=[entry.id for entry in entries])
    result.messages.append(message)
    return result


def _apply_page(page: str, entries: list[CatalogUnit], docs: Path, *, force: bool, dry_run: bool) -> PageApply:
    try:
        path = resolve_inside(docs, page)
    except UnsafePathError as error:
        return _refuse(page, entries, f"{entries[0].origin}: page {error}; not applied")
    if not path.is_file():
        return _refuse(page, entries, f"{page}: no such page under {docs}; check --docs")
    real = Path(os.path.realpath(path))  # a symlinked page is written where it really is (the link stays)
    info = real.stat()
    if not dry_run and not info.st_mode & stat.S_IWUSR:
        return _refuse(page, entries, f"{page}: the page is read-only; make it writable (chmod u+w) to apply "
                                      "post-edits to it; not applied")
    if not dry_run and info.st_nlink > 1:
        return _refuse(page, entries, f"{page}: the page has {info.st_nlink} hard links, which replacing it "
                                      "would split; copy it to a file of its own first; not applied")
    raw = real.read_bytes()
    try:
        new, result = apply_to_bytes(raw, page, entries, force=force)
    except DocsetFileError as error:
        return _refuse(page, entries, f"{error}; not applied")
    if new != raw and not dry_run:
        if real.read_bytes() != raw:  # compare-and-swap: another writer changed it meanwhile
            result.refused.extend(result.applied)
            result.applied = []
            result.messages.append(f"{page}: the page changed while the post-edits were applied; run apply again")
            return result
        write_bytes_atomic(real, new)
        result.written = True
    return result
