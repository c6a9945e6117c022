"""Xref maps: uids other docsets define, read from their `xrefmap.yml` files (local files only).

DocFX links a uid its own pages do not define through xref maps: each map
lists `references:` with `uid`, `name`, `href` and optionally `fullName` and
`nameWithType`. A docset names its maps in docfx.json (`build.xref`: paths
relative to docfx.json, or URLs); the plugin and `check` take more with the
option `xref_maps`. Only files inside the repository are read (the safe
resolver), through the bounded YAML loader; a URL is never fetched, it is
noted (the uids it would define then fall back to `xref_base_url`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..files import bounded_yaml
from ..files.safe_paths import UnsafePathError, resolve_inside

MAX_MAP_BYTES = 50_000_000


@dataclass(frozen=True)
class MapEntry:
    """One uid of an xref map: where it links and the names it may be shown by."""

    uid: str
    href: str
    name: str | None = None
    full_name: str | None = None
    name_with_type: str | None = None

    def display(self, display_property: str | None) -> str:
        """The link text DocFX shows: `name` by default, or the `?displayProperty=` one when the map has it."""
        prop = (display_property or "").lower()
        chosen = {"fullname": self.full_name, "namewithtype": self.name_with_type}.get(prop)
        return chosen or self.name or self.uid


@dataclass
class XrefMaps:
    """The uids of every map read, first map first (a uid keeps its first entry), and notes on what was not read."""

    entries: dict[str, MapEntry] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def get(self, uid: str) -> MapEntry | None:
        return self.entries.get(uid)

    def read(self, path: Path) -> None:
        try:
            if path.stat().st_size > MAX_MAP_BYTES:
                self.notes.append(f"xref map {path} is larger than {MAX_MAP_BYTES:,} bytes; not read")
                return
            data = bounded_yaml.load(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError) as error:
            self.notes.append(f"xref map {path} cannot be read ({error}); its uids link to xref_base_url")
            return
        except yaml.YAMLError as error:
            self.notes.append(f"xref map {path} is not valid YAML ({error}); fix it")
            return
        references = data.get("references") if isinstance(data, dict) else None
        if not isinstance(references, list):
            self.notes.append(f"xref map {path} has no `references:` list; not used")
            return
        self.files.append(str(path))
        for item in references:
            if not isinstance(item, dict) or not isinstance(item.get("uid"), str) or item.get("href") is None:
                continue
            uid, href = item["uid"].strip(), str(item["href"]).strip()
            if uid and href and uid not in self.entries:
                self.entries[uid] = MapEntry(uid, href, _text(item.get("name")), _text(item.get("fullName")),
                                             _text(item.get("nameWithType")))


def load_xref_maps(docset_root: str | os.PathLike[str], extra: Iterable[str] = ()) -> XrefMaps:
    """The maps docfx.json's `build.xref` names (relative to the docset), then `extra` (option `xref_maps`).

    `extra` paths are relative to the docset or absolute (given by whoever runs the build, so trusted as
    such); docfx.json's come from the repository and must stay inside it.
    """
    # here, not at the top: core.docfx's TOC reader imports core.xref (uid TOC entries)
    from ..docfx.config import read_docfx_json
    from ..docfx.repository import repository_root

    maps = XrefMaps()
    root = Path(docset_root)
    try:
        named = read_docfx_json(root).get("xref")
    except Exception as error:  # noqa: BLE001 - a broken docfx.json is reported where it is read for the build
        maps.notes.append(f"docfx.json not read for xref maps: {error}")
        named = None
    for value in named if isinstance(named, list) else [named] if isinstance(named, str) else []:
        if not isinstance(value, str) or not value.strip():
            continue
        if "://" in value or value.startswith("//"):
            maps.notes.append(f"docfx.json xref map {value} is online: not fetched; its uids link to xref_base_url "
                              "(download it and name the file in the sxs option xref_maps to use it)")
            continue
        try:
            path = resolve_inside(root, value, within=repository_root(str(root)), case_insensitive=True)
        except UnsafePathError as error:
            maps.notes.append(f"docfx.json xref map {value}: {error}; not read")
            continue
        if path.is_file():
            maps.read(path)
        else:
            maps.notes.append(f"docfx.json xref map {value} is not in the repository; its uids link to "
                              "xref_base_url")
    for value in extra:
        path = Path(value) if os.path.isabs(value) else root / value
        if path.is_file():
            maps.read(path)
        else:
            maps.notes.append(f"xref map {value} (option xref_maps) does not exist; fix the path")
    return maps


def _text(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None
