"""The one path resolver for repository-controlled paths: every read and write goes through it.

Paths written in the repository (include directives, catalog keys,
`ms.contentlocale`, redirect `source_path`) are untrusted. `resolve_inside`
turns one into a real path that is guaranteed to be inside a root folder
(the docset, the repository, the output folder):

- absolute paths, drive letters and `..` that climb above the root are refused;
- with `case_insensitive`, each component is matched against the folder's
  entries the way DocFX's Windows disk would (exact spelling first);
- the final path, with every symlink followed, must still be inside the
  root's real path: a symlink inside the docset that points at
  `/etc/passwd` (reached in any letter case) is refused, while a symlink
  that stays inside is fine.

`UnsafePathError` says which path and why; callers report it as
`file:line` and skip the read or write.
"""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .kept_site import KeptSite

_DRIVE = re.compile(r"^[A-Za-z]:")


class UnsafePathError(ValueError):
    """A path that would leave its root folder."""

    def __init__(self, path: str, root: str | os.PathLike[str], reason: str) -> None:
        self.path, self.root, self.reason = path, os.fspath(root), reason
        super().__init__(f"'{path}' {reason} (must stay inside {os.fspath(root)})")


def normalized_relative(path: str, root: str | os.PathLike[str] = "") -> str:
    """`path` as a normalized posix path relative to its root; UnsafePathError if it is absolute or climbs out."""
    if "\x00" in path:
        raise UnsafePathError(path, root, "contains a NUL character")
    cleaned = path.replace("\\", "/")
    if cleaned.startswith("/") or _DRIVE.match(cleaned) or cleaned.startswith("~"):
        raise UnsafePathError(path, root, "is an absolute path")
    normalized = posixpath.normpath(cleaned) if cleaned else "."
    if normalized == ".." or normalized.startswith("../"):
        raise UnsafePathError(path, root, "climbs out of its folder with '..'")
    return "" if normalized == "." else normalized


def _case_match(folder: Path, name: str) -> str | None:
    try:
        entries = sorted(os.listdir(folder))
    except OSError:
        return None
    lowered = name.lower()
    for entry in entries:
        if entry.lower() == lowered:
            return entry
    return None


def is_inside(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> bool:
    """Whether `path`, symlinks followed, is `root` or below it (symlinks of root followed too)."""
    real_root = os.path.realpath(root)
    real = os.path.realpath(path)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def resolve_inside(root: str | os.PathLike[str], path: str, *, case_insensitive: bool = False,
                   must_exist: bool = False, within: str | os.PathLike[str] | None = None) -> Path:
    """`root / path`, checked: inside `within` (default: `root`) with every symlink followed.

    UnsafePathError when the path is absolute, climbs out with `..` or leads
    out through a symbolic link. `within` is a wider boundary (the git
    checkout around a docset): `../includes/x.md` may leave the docset
    folder but not the repository. With `case_insensitive`, each missing
    component is looked up in another letter case (exact spelling first).
    With `must_exist`, a path that does not exist raises FileNotFoundError.
    The result keeps the root's spelling (not its real path).
    """
    boundary = Path(within) if within is not None else Path(root)
    if within is None:
        relative = normalized_relative(path, root)
    else:
        if "\x00" in path:
            raise UnsafePathError(path, boundary, "contains a NUL character")
        cleaned = path.replace("\\", "/")
        if cleaned.startswith("/") or _DRIVE.match(cleaned) or cleaned.startswith("~"):
            raise UnsafePathError(path, boundary, "is an absolute path")
        joined = os.path.normpath(os.path.join(os.path.abspath(root), cleaned))
        offset = os.path.relpath(joined, os.path.abspath(boundary)).replace(os.sep, "/")
        relative = normalized_relative(offset, boundary)
    current = boundary
    for part in relative.split("/") if relative else []:
        candidate = current / part
        if case_insensitive and not os.path.lexists(candidate):
            found = _case_match(current, part)
            if found is not None:
                candidate = current / found
        current = candidate
    if not is_inside(current, boundary):
        raise UnsafePathError(path, boundary, "leads outside through a symbolic link")
    if must_exist and not current.exists():
        raise FileNotFoundError(os.fspath(current))
    return current


def resolve_output(root: str | os.PathLike[str], path: str) -> Path:
    """A file to write under an output folder: inside it, no symlink out, parent folders created."""
    target = resolve_inside(root, path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not is_inside(target.parent, root):  # a symlinked folder created meanwhile
        raise UnsafePathError(path, root, "leads outside through a symbolic link")
    return target


class OutputFolder:
    """Many new files written under one output folder (redirect pages): each folder made and checked once.

    The same checks as `resolve_output` per file (no absolute path, no `..` out, no symlink out, before and
    after its folders are made), without following symlinks again for each of thousands of files.
    """

    def __init__(self, root: str | os.PathLike[str], kept: KeptSite | None = None) -> None:
        self.root = os.path.abspath(root)
        self.kept = kept  # the last build's files left in the folder (kept_site.py): an old one is replaced
        self._folders: dict[str, bool] = {}  # folder -> inside root (made)

    def _made_inside(self, folder: str) -> bool:
        """Make `folder` (normalized, under root) and say whether it stays inside root, symlinks followed.

        A folder is inside when its parent is and it is no symbolic link (or one whose real path is
        inside): one `lstat` per folder instead of following every component of its path again
        (Dynamics 365 has 3,398 redirect pages, each in a folder of its own).
        """
        inside = self._folders.get(folder)
        if inside is not None:
            return inside
        if folder == self.root:
            os.makedirs(folder, exist_ok=True)  # site_dir may not be there yet
            inside = True
        else:
            inside = self._made_inside(os.path.dirname(folder))
            if inside:
                try:
                    os.mkdir(folder)
                except FileExistsError:
                    pass
                inside = not os.path.islink(folder) or is_inside(folder, self.root)
        self._folders[folder] = inside
        return inside

    def write_new(self, path: str, text: str) -> bool:
        """Write `text` (UTF-8) to `path` under the folder; False when something is there already.

        UnsafePathError when `path` would leave the folder."""
        relative = normalized_relative(path, self.root)
        folder_part, _, name = relative.rpartition("/")
        if not name:
            raise UnsafePathError(path, self.root, "names no file")
        folder = os.path.join(self.root, *folder_part.split("/")) if folder_part else self.root
        if self.kept is not None:
            self.kept.clear_way(os.path.join(folder, name))  # an old file where this folder goes, say
        if not self._made_inside(folder):
            raise UnsafePathError(path, self.root, "leads outside through a symbolic link")
        target, data = os.path.join(folder, name), text.encode("utf-8")
        if self.kept is not None:
            claimed = self.kept.claim(target, data)
            if claimed is not None:
                return claimed  # the same old file (kept), or one this build made
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        try:
            descriptor = os.open(target, flags, 0o666)
        except FileExistsError:
            return False
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        if self.kept is not None:
            self.kept.wrote(target, data)
        return True
