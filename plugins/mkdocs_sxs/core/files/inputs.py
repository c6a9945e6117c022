"""What a site is built from, and what of it changed since a build (review mode, `mkdocs serve`).

A snapshot maps each input file to its (mtime in ns, size): the config file,
every file under `docs_dir` and the translations folder, and the files next
to them that a DocFX build reads (`docfx.json`, the redirection file and
xref maps at the repository root: those top-level files of `docs_dir`'s
parent and of the config's folder, not the build report written there).
Stat calls only; on Dynamics 365 (≈12,000 files) a
snapshot takes well under 100 ms, so it is taken on every page request.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

Stamp = tuple[int, int]
Snapshot = dict[str, Stamp]
_SKIP_DIRS = frozenset({".git", ".cache", "__pycache__", "node_modules"})


def stamp(path: str) -> Stamp:
    """(mtime_ns, size) of a file; (-1, -1) when it does not exist."""
    try:
        info = os.stat(path)
    except OSError:
        return (-1, -1)
    return (info.st_mtime_ns, info.st_size)


def _walk(root: str, found: Snapshot) -> None:
    for folder, dirs, names in os.walk(root):
        dirs[:] = [name for name in dirs if name not in _SKIP_DIRS]
        for name in names:
            path = os.path.join(folder, name)
            found[path] = stamp(path)


def is_docset_file(name: str) -> bool:
    """A file beside the docs that a DocFX build reads: docfx.json, a redirection file, an xref map."""
    lower = name.lower()
    return lower == "docfx.json" or (lower.endswith(".json") and "redirection" in lower) or lower.startswith(
        "xrefmap")


def _top_level(folder: str, found: Snapshot) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if is_docset_file(entry.name) and entry.is_file():
            found.setdefault(entry.path, stamp(entry.path))


def snapshot(trees: Iterable[str], folders: Iterable[str] = (), files: Iterable[str] = ()) -> Snapshot:
    """Every file under `trees`, the DocFX files at the top of `folders`, and `files` (absolute paths)."""
    found: Snapshot = {}
    for root in trees:
        if os.path.isdir(root):
            _walk(os.path.abspath(root), found)
    for folder in folders:
        _top_level(os.path.abspath(folder), found)
    for path in files:
        found.setdefault(os.path.abspath(path), stamp(path))
    return found


def site_inputs(docs_dir: str, translations_dir: str | None, config_file: str | None,
                outside: Iterable[str] = ()) -> Snapshot:
    """A site's inputs as they are now: every file under docs_dir and the translations folder, the DocFX files
    at the top of docs_dir's parent and of the config's folder, the config file, and `outside` (files pages
    read beyond those folders: `../includes/`, code samples)."""
    docs = os.path.abspath(docs_dir)
    folders = [os.path.dirname(docs)]
    files = list(outside)
    if config_file:
        folders.append(os.path.dirname(os.path.abspath(config_file)))
        files.insert(0, config_file)
    return snapshot([docs, *([translations_dir] if translations_dir else [])], folders, files)


def stamp_outside(inputs: Snapshot, paths: Iterable[str]) -> set[str]:
    """Files pages read (`paths`) that `inputs` does not hold: added to it, stamped as they are now; returned
    (the caller watches them from its next snapshot on)."""
    outside = {path for path in paths if path not in inputs}
    for path in outside:
        inputs[path] = stamp(path)
    return outside


def changed(before: Snapshot, after: Snapshot) -> set[str]:
    """Files added, removed or modified between two snapshots."""
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
