"""Catalog files for translation units: PO, XLIFF 2.0 and 1.2, TMX through translate-toolkit, and JSONL.

Every format carries the same things: the key `page#id`, the English
source, the target, the location `page:line`, the context, the locale and
the extraction hashes (one note line `sxs: page-hash=… target-hash=…`), so a
catalog edited in any tool can be read back and applied. Markdown inside a
unit is written exactly as it stands in the page.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import json
import os
import re
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from translate.storage import po, tmx, xliff, xliff2

from ..reader.model import (
    CONTEXT_ALERT,
    CONTEXT_BLOCKQUOTE,
    CONTEXT_CODE,
    CONTEXT_HEADING,
    CONTEXT_HTML,
    CONTEXT_LIST_ITEM,
    CONTEXT_PARAGRAPH,
    CONTEXT_TABLE_CELL,
    SxsPage,
)
from .catalog import (
    KEY_SEPARATOR,
    CatalogUnit,
    has_duplicate_ids,
    make_key,
    occurrences,
    short_hash,
    split_key,
    split_occurrence,
    text_hash,
)

# The C string encoder json.dumps(ensure_ascii=False) uses for str values.
_json_string = json.encoder.encode_basestring  # type: ignore[attr-defined]

_CONTEXT_JSON = {
    name: _json_string(name)
    for name in (CONTEXT_ALERT, CONTEXT_BLOCKQUOTE, CONTEXT_CODE, CONTEXT_HEADING, CONTEXT_HTML,
                 CONTEXT_LIST_ITEM, CONTEXT_PARAGRAPH, CONTEXT_TABLE_CELL)
}

# `xliff` is XLIFF 2.0; `xliff12` is XLIFF 1.2, what Weblate and most CAT tools read. Both are `.xlf`:
# a reader tells them apart by the file's version (`detect_format`).
FORMATS = ("po", "xliff", "xliff12", "tmx", "jsonl")
EXTENSIONS = {"po": ".po", "xliff": ".xlf", "xliff12": ".xlf", "tmx": ".tmx", "jsonl": ".jsonl"}
FORMAT_OF_SUFFIX = {".po": "po", ".pot": "po", ".xlf": "xliff", ".xliff": "xliff", ".tmx": "tmx", ".jsonl": "jsonl"}
SOURCE_LANG = "en"
# A note marking an entry a reviewer accepted as it is (review mode's "keep the machine translation").
REVIEWED_NOTE = "sxs: reviewed"

_HASH_NOTE = re.compile(r"sxs: page-hash=(?P<page>[0-9a-f]*) target-hash=(?P<target>[0-9a-f]*)")
_REVIEWED_NOTE = re.compile(r"^sxs: reviewed$", re.M)
_MALFORMED_NOTE = re.compile(r"^malformed: (?P<codes>.+)$", re.M)
_CONTEXT_NOTE = re.compile(r"^context: (?P<context>\S+)$", re.M)
_LOCATION_NOTE = re.compile(r"^location: (?P<location>.+)$", re.M)
_NMTOKEN_BAD = re.compile(r"[^A-Za-z0-9._:-]")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


class CatalogError(ValueError):
    """A catalog that cannot be read: the message names the file and the entry."""


_XLIFF_1 = re.compile(rb"""<xliff\b[^>]*\bversion\s*=\s*["']1\.[0-2]["']""")


def format_of(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMAT_OF_SUFFIX:
        raise CatalogError(f"{path}: unknown catalog type '{suffix}' (use .po, .xlf, .tmx or .jsonl)")
    return FORMAT_OF_SUFFIX[suffix]


def detect_format(path: str | Path, data: bytes | None = None) -> str:
    """The format of a catalog file: by its suffix, and for XLIFF by its `version` (1.x or 2.0)."""
    fmt = format_of(path)
    if fmt == "xliff":
        head = (data if data is not None else _head(path))[:4096]
        if _XLIFF_1.search(head):
            return "xliff12"
    return fmt


def _head(path: str | Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(4096)
    except OSError:
        return b""


def _notes(unit: CatalogUnit) -> list[str]:
    notes = [f"context: {unit.context}", f"sxs: page-hash={unit.page_hash} target-hash={unit.target_hash}"]
    if unit.malformed:
        notes.append("malformed: " + ", ".join(unit.malformed))
    if unit.reviewed:
        notes.append(REVIEWED_NOTE)
    return notes


def _common_locale(units: list[CatalogUnit]) -> str | None:
    counts: dict[str, int] = {}
    for unit in units:
        if unit.locale:
            counts[unit.locale] = counts.get(unit.locale, 0) + 1
    return max(sorted(counts), key=lambda name: counts[name]) if counts else None


def _creation_date() -> str:
    """POT-Creation-Date: SOURCE_DATE_EPOCH when set, else a fixed date, so catalogs are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = _dt.datetime.fromtimestamp(int(epoch) if epoch.isdigit() else 0, _dt.UTC)
    return moment.strftime("%Y-%m-%d %H:%M+0000")


def write_po(units: Iterable[CatalogUnit]) -> bytes:
    units = list(units)
    store = po.pofile()
    store.updateheader(add=True, Project_Id_Version="mkdocs-sxs", X_Generator="mkdocs-sxs (translate-toolkit)",
                       POT_Creation_Date=_creation_date())
    locale = _common_locale(units)
    if locale:
        store.settargetlanguage(locale)
    for unit in units:
        entry = store.UnitClass(unit.source or "")
        entry.target = unit.target
        entry.setcontext(unit.key)
        entry.addlocation(unit.location)
        for note in _notes(unit):
            entry.addnote(note, origin="developer")
        store.addunit(entry)
    return bytes(store)


_OUR_NOTE = re.compile(r"^#\.\s*(?:sxs:|context:|malformed:)")


def update_po(data: bytes, units: Iterable[CatalogUnit]) -> bytes:
    """A PO catalog with these units' entries updated in place (others, header, comments, order kept).

    For saving single post-edits (review mode) into a catalog a translator may also have open: only the
    target, source and our notes (`context:`, `sxs:`, `malformed:`) of the named entries change; an entry the
    file lacks is appended.
    """
    store = po.pofile(data)
    by_key = {entry.getcontext(): entry for entry in store.units if not entry.isheader()}
    for unit in units:
        entry = by_key.get(unit.key)
        if entry is None:
            entry = store.UnitClass(unit.source or "")
            entry.setcontext(unit.key)
            entry.addlocation(unit.location)
            store.addunit(entry)
        if str(entry.source) != (unit.source or ""):
            entry.source = unit.source or ""
        entry.target = unit.target
        entry.markfuzzy(False)
        entry.automaticcomments = [line for line in entry.automaticcomments if not _OUR_NOTE.match(line)]
        for note in _notes(unit):
            entry.addnote(note, origin="developer")
    return bytes(store)


def write_xliff(units: Iterable[CatalogUnit]) -> bytes:
    """XLIFF 2.0: `<unit name="page#id">` keeps the exact key, the id is an NMTOKEN made from it."""
    units = list(units)
    store = xliff2.Xliff2File(sourcelanguage=SOURCE_LANG)
    locale = _common_locale(units)
    if locale:
        store.settargetlanguage(locale)
    used: set[str] = set()
    for unit in units:
        entry = store.addsourceunit(unit.source or "")
        entry.target = unit.target
        token = _NMTOKEN_BAD.sub("_", unit.key) or "u"
        candidate, number = token, 1
        while candidate in used:
            number += 1
            candidate = f"{token}_{number}"
        used.add(candidate)
        entry.setid(candidate)
        element = entry.getunitelement()
        element.set("name", unit.key)
        for note in [f"location: {unit.location}", *_notes(unit)]:
            entry.addnote(note)
        # XLIFF 2.0 puts <notes> on the unit, before the segment; translate-toolkit writes
        # them into the segment, so move the element (the text stays translate-toolkit's).
        notes = entry.xmlelement.find(entry.namespaced("notes"))
        if notes is not None:
            entry.xmlelement.remove(notes)
            element.insert(0, notes)
        # Likewise xml:space (allowed on <unit>, not on <segment>); it still keeps spaces exactly.
        space = entry.xmlelement.attrib.pop(_XML_SPACE, None)
        if space is not None:
            element.set(_XML_SPACE, space)
    return bytes(store)


_XLIFF12_NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"


class _Xliff12Unit(xliff.xliffunit):
    namespace = _XLIFF12_NAMESPACE


class _Xliff12File(xliff.xlifffile):
    """translate-toolkit's XLIFF storage, declaring version 1.2 (its default skeleton says 1.1)."""

    UnitClass = _Xliff12Unit
    namespace = _XLIFF12_NAMESPACE
    XMLskeleton = """<?xml version="1.0" ?>
<xliff version='1.2' xmlns='urn:oasis:names:tc:xliff:document:1.2'>
<file original='mkdocs-sxs' source-language='en' datatype='x-markdown'>
<body>
</body>
</file>
</xliff>"""


def write_xliff12(units: Iterable[CatalogUnit]) -> bytes:
    """XLIFF 1.2: `<trans-unit id="page#id" resname="page#id">`, the location as a context group.

    Untouched machine translations are `state="needs-review-translation"` with
    `state-qualifier="mt-suggestion"`; post-edited or reviewed ones `translated` and approved.
    """
    units = list(units)
    store = _Xliff12File(sourcelanguage=SOURCE_LANG)
    locale = _common_locale(units)
    if locale:
        store.settargetlanguage(locale)
    pages = {unit.page for unit in units}
    original = pages.pop() if len(pages) == 1 else "mkdocs-sxs"
    if original != "mkdocs-sxs":
        store.setfilename(store.getfilenode("mkdocs-sxs"), original)
    for unit in units:
        entry = store.addsourceunit(unit.source or "", filename=original)
        entry.target = unit.target
        entry.setid(unit.key)
        entry.xmlelement.set("resname", unit.key)
        entry.addlocation(unit.location)
        for note in _notes(unit):
            entry.addnote(note, origin="developer")
        target = entry.xmlelement.find(entry.namespaced("target"))
        machine = not unit.reviewed and (not unit.target_hash or text_hash(unit.target) == unit.target_hash)
        if machine:
            entry.xmlelement.attrib.pop("approved", None)
            if target is not None:
                target.set("state", "needs-review-translation")
                target.set("state-qualifier", "mt-suggestion")
        else:
            entry.xmlelement.set("approved", "yes")
            if target is not None:
                target.set("state", "translated")
    return bytes(store)


def write_tmx(units: Iterable[CatalogUnit]) -> bytes:
    units = list(units)
    locale = _common_locale(units) or "und"
    store = tmx.tmxfile(sourcelanguage=SOURCE_LANG, targetlanguage=locale)
    for unit in units:
        entry = store.addsourceunit(unit.source or "", SOURCE_LANG)
        entry.settarget(unit.target, unit.locale or locale, append=True)
        entry.xmlelement.set("tuid", unit.key)
        for note in [f"location: {unit.location}", *_notes(unit)]:
            entry.addnote(note)
        entry.setcontext(unit.key)
    return bytes(store)


def _page_fields(page: str, locale: str | None, page_hash: str) -> tuple[str, str]:
    """The JSON text of a page's fields, encoded once per page rather than per unit."""
    text = _json_string
    locale_json = "null" if locale is None else text(locale)
    return f'{{"page": {text(page)}, ', f'"locale": {locale_json}, '


def _unit_json(head: str, middle: str, unit_id: str, source: str | None, target: str, line: int,
               context: str, malformed: list[str], page_hash: str, target_hash: str, occurrence: int = 1) -> str:
    text = _json_string
    return (
        f'{head}"id": {text(unit_id)}, "source": {"null" if source is None else text(source)}, '
        f'"target": {text(target)}, "line": {int(line)}, "context": {text(context)}, {middle}'
        f'"malformed": [{", ".join(text(code) for code in malformed)}], '
        f'"page_hash": {text(page_hash)}, "target_hash": {text(target_hash)}'
        + (f', "occurrence": {int(occurrence)}}}\n' if occurrence > 1 else '}\n')
    )


def jsonl_line(unit: CatalogUnit) -> str:
    """One JSON object per line (the same text json.dumps gives, built without a dict per unit)."""
    head, middle = _page_fields(unit.page, unit.locale, unit.page_hash)
    line = _unit_json(head, middle, unit.id, unit.source, unit.target, unit.line, unit.context, unit.malformed,
                      unit.page_hash, unit.target_hash, unit.occurrence)
    return line[:-2] + ', "reviewed": true}\n' if unit.reviewed else line


def page_jsonl(page: SxsPage, raw: bytes, default_locale: str | None = None) -> str:
    """The JSONL of one parsed page, straight from its units: the lean path of `extract --format jsonl`.

    Gives exactly the lines of `jsonl_line` over `catalog.page_units` (tested), without building
    a CatalogUnit per unit: what is the same on every line is encoded once per page, contexts
    once per run, and the target hash is hex digits, which JSON needs no escaping for.
    """
    text = _json_string
    page_hash = short_hash(raw)
    head, middle = _page_fields(page.path, page.locale or default_locale, page_hash)
    tail = f'"page_hash": {text(page_hash)}, "target_hash": "'
    contexts = _CONTEXT_JSON
    crc32 = zlib.crc32
    if has_duplicate_ids(page):  # rare: keys need each unit's occurrence of its id
        return "".join(
            _unit_json(head, middle, unit.id, unit.source, unit.target, unit.line, unit.context, unit.malformed,
                       page_hash, f"{crc32(unit.target.encode('utf-8')):08x}", occurrence)
            for unit, occurrence in zip(page.units, occurrences(page.units), strict=True)
        )
    return "".join([
        f'{head}"id": {text(unit.id)}, "source": {"null" if unit.source is None else text(unit.source)}, '
        f'"target": {text(unit.target)}, "line": {int(unit.line)}, '
        f'"context": {contexts.get(unit.context) or text(unit.context)}, {middle}'
        f'"malformed": [{", ".join(map(text, unit.malformed)) if unit.malformed else ""}], '
        f'{tail}{crc32(unit.target.encode("utf-8")):08x}"}}\n'
        for unit in page.units
    ])


def write_jsonl(units: Iterable[CatalogUnit]) -> bytes:
    return "".join(jsonl_line(unit) for unit in units).encode("utf-8")


WRITERS = {"po": write_po, "xliff": write_xliff, "xliff12": write_xliff12, "tmx": write_tmx, "jsonl": write_jsonl}


def write_catalog(units: Iterable[CatalogUnit], fmt: str) -> bytes:
    if fmt not in WRITERS:
        raise CatalogError(f"unknown format '{fmt}' (use one of {', '.join(FORMATS)})")
    return WRITERS[fmt](units)


# Reading back -----------------------------------------------------------------------------


def _unit_from_notes(key: str, source: str, target: str, notes: str, location: str | None,
                     locale: str | None, origin: str) -> CatalogUnit:
    page, unit_id = split_key(key)
    unit_id, occurrence = split_occurrence(unit_id)
    # An empty id (`data-ttu-id=""`, a malformed unit) is extracted as `page#`: still a unit to match.
    if not page or KEY_SEPARATOR not in key:
        raise CatalogError(f"{origin}: the key '{key}' is not 'page#id'; keep the key as extracted")
    hashes = _HASH_NOTE.search(notes)
    context = _CONTEXT_NOTE.search(notes)
    if location is None:
        found = _LOCATION_NOTE.search(notes)
        location = found.group("location") if found else None
    line = 0
    if location and ":" in location:
        try:
            line = int(location.rsplit(":", 1)[1])
        except ValueError:
            line = 0
    unit = CatalogUnit(
        page=page,
        id=unit_id,
        source=source,
        target=target,
        line=line,
        context=context.group("context") if context else "",
        locale=locale,
        page_hash=hashes.group("page") if hashes else "",
        target_hash=hashes.group("target") if hashes else "",
        origin=origin,
        occurrence=occurrence,
        reviewed=bool(_REVIEWED_NOTE.search(notes)),
    )
    malformed = _MALFORMED_NOTE.search(notes)
    if malformed:
        unit.malformed = [code.strip() for code in malformed.group("codes").split(",") if code.strip()]
    return unit


def _read_po(data: bytes, name: str) -> list[CatalogUnit]:
    store = po.pofile(data)
    locale = store.gettargetlanguage()
    units = []
    for number, entry in enumerate(store.units, 1):
        if entry.isheader() or entry.isobsolete():
            continue
        key = entry.getcontext()
        origin = f"{name}: entry {number} ({key or 'no msgctxt'})"
        if not key:
            raise CatalogError(f"{origin}: the entry has no msgctxt 'page#id'; keep msgctxt as extracted")
        locations = entry.getlocations()
        units.append(_unit_from_notes(key, str(entry.source), str(entry.target), entry.getnotes("developer"),
                                      locations[0] if locations else None, locale, origin))
    return units


def _read_xliff(data: bytes, name: str) -> list[CatalogUnit]:
    store = xliff2.Xliff2File.parsestring(data)
    locale = store.gettargetlanguage()
    units = []
    for number, entry in enumerate(store.units, 1):
        element = entry.getunitelement()
        key = element.get("name") or entry.getid() or ""
        notes = "\n".join(note.text or "" for note in element.iter(entry.namespaced("note")))
        origin = f"{name}: unit {number} ({key})"
        units.append(_unit_from_notes(key, str(entry.source), str(entry.target or ""), notes, None, locale, origin))
    return units


def _read_xliff12(data: bytes, name: str) -> list[CatalogUnit]:
    """XLIFF 1.0-1.2 (as written by write_xliff12, or by a CAT tool or Weblate from it)."""
    store = xliff.xlifffile.parsestring(data)
    units = []
    for number, entry in enumerate(store.units, 1):
        if entry.isheader():
            continue
        element = entry.xmlelement
        key = element.get("resname") or element.get("id") or ""
        notes = entry.getnotes("developer") or entry.getnotes()
        locations = entry.getlocations()
        origin = f"{name}: trans-unit {number} ({key})"
        units.append(_unit_from_notes(key, str(entry.source), str(entry.target or ""), notes,
                                      locations[0] if locations else None, store.gettargetlanguage(), origin))
    return units


def _read_tmx(data: bytes, name: str) -> list[CatalogUnit]:
    store = tmx.tmxfile.parsestring(data)
    units = []
    for number, entry in enumerate(store.units, 1):
        key = entry.xmlelement.get("tuid") or entry.getcontext()
        origin = f"{name}: tu {number} ({key})"
        units.append(_unit_from_notes(key, str(entry.source), str(entry.target or ""), entry.getnotes(), None,
                                      store.gettargetlanguage(), origin))
    return units


def _read_jsonl(data: bytes, name: str) -> list[CatalogUnit]:
    units = []
    for number, line in enumerate(data.decode("utf-8-sig").splitlines(), 1):
        if not line.strip():
            continue
        origin = f"{name}:{number}"
        try:
            record: dict[str, Any] = json.loads(line)
            key = record.get("key") or make_key(record["page"], record["id"], int(record.get("occurrence") or 1))
            unit = _unit_from_notes(key, record.get("source") or "", record["target"], "",
                                    f"{record['page']}:{record.get('line', 0)}", record.get("locale"), origin)
        except (ValueError, KeyError, TypeError) as error:
            raise CatalogError(f"{origin}: not a TU record ({error}); each line needs page, id, target") from error
        unit.context = str(record.get("context") or "")
        unit.page_hash = str(record.get("page_hash") or "")
        unit.target_hash = str(record.get("target_hash") or "")
        unit.reviewed = record.get("reviewed") is True
        malformed = record.get("malformed")
        if isinstance(malformed, list):
            unit.malformed = [str(code) for code in malformed]
        units.append(unit)
    return units


READERS = {"po": _read_po, "xliff": _read_xliff, "xliff12": _read_xliff12, "tmx": _read_tmx, "jsonl": _read_jsonl}


class CatalogStore(Protocol):
    """Where parsed catalogs are kept between builds (the build cache's catalog stage), by their bytes' hash."""

    def get(self, key: str) -> Any | None: ...

    def put(self, key: str, payload: Any) -> None: ...


def read_catalog(path: str | Path, display_name: str | None = None,
                 store: CatalogStore | None = None) -> list[CatalogUnit]:
    """Entries of a catalog file; each has `.origin` naming file and entry for messages.

    With a `store`, the entries of a file whose bytes (and display name) were read before are taken
    from it: parsing thousands of PO files with translate-toolkit was a third of a warm build.
    """
    return read_catalog_keyed(path, display_name, store)[0]


def catalog_key(path: str | Path, display_name: str | None = None) -> tuple[str, str, bytes]:
    """(the hash of the catalog's format, name and bytes: what its entries are made of, format, bytes)."""
    format_of(path)  # an unknown suffix is refused before reading
    name = display_name or str(path)
    data = Path(path).read_bytes()
    fmt = detect_format(path, data)
    return hashlib.sha256(b"\0".join([fmt.encode(), name.encode("utf-8", "surrogatepass"), data])).hexdigest(), \
        fmt, data


def read_catalog_keyed(path: str | Path, display_name: str | None = None,
                       store: CatalogStore | None = None) -> tuple[list[CatalogUnit], str]:
    """`read_catalog`, and the catalog's `catalog_key`."""
    name = display_name or str(path)
    key, fmt, data = catalog_key(path, name)
    if store is not None:
        payload = store.get(key)
        if payload is not None:
            try:
                return [CatalogUnit(**entry) for entry in payload], key
            except (TypeError, ValueError):
                pass
    try:
        entries = READERS[fmt](data, name)
    except CatalogError:
        raise
    except Exception as error:  # translate-toolkit raises many kinds on broken files
        raise CatalogError(f"{name}: cannot read the {fmt} catalog ({error})") from error
    if store is not None:
        store.put(key, [dataclasses.asdict(entry) for entry in entries])
    return entries, key
