"""Which docsets a PATH holds and under which URL prefixes they are published."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

PUBLISH_CONFIG = ".openpublishing.publish.config.json"


@dataclass(frozen=True)
class DocsetSpec:
    """A docset folder and the site paths (`/partner-center`) it is published under."""

    root: Path
    url_prefixes: tuple[str, ...]


def _read_json(path: Path) -> dict:
    try:
        with open(path, encoding="utf-8-sig") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _docfx_dest(folder: Path) -> str | None:
    build = _read_json(folder / "docfx.json").get("build")
    dest = build.get("dest") if isinstance(build, dict) else None
    return dest.strip("/") if isinstance(dest, str) and dest.strip("/") else None


def discover_docsets(path: str | os.PathLike[str], url_prefixes: tuple[str, ...] | list[str] = ()) -> list[DocsetSpec]:
    """The docsets under `path`: each publish-config docset, else `path` itself.

    Prefixes come from `url_prefixes` (applied to a single docset), else the
    docfx.json `dest`, else the folder name.
    """
    folder = Path(path).resolve()
    config = _read_json(folder / PUBLISH_CONFIG)
    specs: list[DocsetSpec] = []
    for entry in config.get("docsets_to_publish", []) or []:
        if not isinstance(entry, dict):
            continue
        source = str(entry.get("build_source_folder") or "").strip("/")
        root = (folder / source).resolve() if source else folder
        if not root.is_dir():
            continue
        dest = _docfx_dest(root) or (source or str(entry.get("build_output_subfolder") or ""))
        specs.append(DocsetSpec(root, (f"/{dest}",) if dest else ()))
    if specs:
        if url_prefixes and len(specs) == 1:
            specs = [DocsetSpec(specs[0].root, tuple(url_prefixes))]
        return specs
    if url_prefixes:
        return [DocsetSpec(folder, tuple(url_prefixes))]
    dest = _docfx_dest(folder) or folder.name
    return [DocsetSpec(folder, (f"/{dest}",))]
