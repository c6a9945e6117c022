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

    Returns (the file as spelled on disk, whether the spelling differed), or (None, False).
    """
    root = repository_root(str(base))
    joined = posixpath.normpath(posixpath.join(Path(base).resolve().as_posix(), relative.replace("\\", "/")))
    candidate = Path(joined)
    if not _inside(candidate, root):
        return None, False
    if candidate.is_file():
        return (candidate, False) if _inside(candidate.resolve(), root) else (None, False)
    found = _case_insensitive(root, candidate.relative_to(root).parts)
    if found is None or not _inside(found.resolve(), root):
        return None, False
    return found, True


def _inside(path: Path, root: Path) -> bool:
    return path == root or path.is_relative_to(root)


def _case_insensitive(root: Path, parts: tuple[str, ...]) -> Path | None:
    current = root
    for index, part in enumerate(parts):
        names = _listing(str(current))
        exact = part if part in names else next((n for n in names if n.lower() == part.lower()), None)
        if exact is None:
            return None
        current = current / exact
        if index < len(parts) - 1 and not current.is_dir():
            return None
    return current if current.is_file() else None


@lru_cache(maxsize=4096)
def _listing(folder: str) -> tuple[str, ...]:
    try:
        return tuple(os.listdir(folder))
    except OSError:
        return ()
