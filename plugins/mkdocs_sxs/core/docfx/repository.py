"""Files of the repository around a docset: includes and code samples outside the docset folder.

DocFX reads `[!INCLUDE]`s and code snippets anywhere in the repository
(`../includes/x.md`, `../../samples/Program.cs`), never outside it. The
repository root is the nearest folder, from the docset up, holding
`.openpublishing.publish.config.json` or `.git`. Page text is untrusted: a
path that leaves that root, or a symlink pointing out of it, is not read.
Letter case is resolved like DocFX on a Windows disk.
"""

from __future__ import annotations

import os
import posixpath
from functools import lru_cache
from pathlib import Path

from ..files.safe_paths import UnsafePathError, resolve_inside

REPOSITORY_MARKERS = (".openpublishing.publish.config.json", ".git")


@lru_cache(maxsize=64)
def repository_root(folder: str) -> Path:
    """The repository holding `folder`: its nearest ancestor with a marker, else the folder itself."""
    start = Path(folder).resolve()
    for candidate in (start, *start.parents):
        if any((candidate / marker).exists() for marker in REPOSITORY_MARKERS):
            return candidate
    return start


def find_in_repository(base: str | os.PathLike[str], relative: str) -> tuple[Path | None, bool]:
    """`relative` (posix, may start with `../`) from the folder `base`, kept inside `base`'s repository.

    Returns (the file as spelled on disk, whether the spelling differed), or (None, False). The one safe
    resolver (files.safe_paths) does the walk: each folder is listed when it is read (no cached listing to
    go stale under `mkdocs serve`), exact spelling first, symlinks out of the repository refused.
    """
    root = repository_root(str(base))
    start = Path(base).resolve()
    try:
        found = resolve_inside(start, relative, case_insensitive=True, within=root)
    except UnsafePathError:
        return None, False
    if not found.is_file():
        return None, False
    wanted = posixpath.normpath(posixpath.join(start.as_posix(), relative.replace("\\", "/")))
    return found, found.as_posix() != wanted
