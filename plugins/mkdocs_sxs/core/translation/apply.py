"""Write post-edits back into the sxs Markdown pages, for teams that want the source updated.

Only the target text span of each edited unit is replaced (parser offsets);
every other byte of the file stays as it was: BOM, line endings, trailing
spaces. A page that changed since the catalog was extracted (its hash
differs) is left alone unless forced; running the same catalog twice
changes nothing the second time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..files.atomicio import write_bytes_atomic
from ..files.docfile import DocsetFileError, decode
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
        replacements.append((unit.target_start, unit.target_end, markup))
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
                  dry_run: bool = False) -> list[PageApply]:
    """Apply entries grouped by page; each changed page is written atomically."""
    by_page: dict[str, list[CatalogUnit]] = {}
    for entry in entries:
        by_page.setdefault(entry.page, []).append(entry)
    results = []
    for page in sorted(by_page):
        path = docs / page
        if not path.is_file():
            result = PageApply(page, refused=[entry.id for entry in by_page[page]])
            result.messages.append(f"{page}: no such page under {docs}; check --docs")
            results.append(result)
            continue
        raw = path.read_bytes()
        try:
            new, result = apply_to_bytes(raw, page, by_page[page], force=force)
        except DocsetFileError as error:
            result = PageApply(page, refused=[entry.id for entry in by_page[page]])
            result.messages.append(f"{error}; not applied")
            results.append(result)
            continue
        if new != raw and not dry_run:
            write_bytes_atomic(path, new)
            result.written = True
        results.append(result)
    return results
