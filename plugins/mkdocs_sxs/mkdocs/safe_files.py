"""MkDocs side of the safe path rule: no file of docs_dir that is a symlink out of it is read or published."""

from __future__ import annotations

import os

from mkdocs.structure.files import Files

from ..core.files.safe_paths import is_inside
from .log import log  # the engine's plugin logger


def drop_files_outside(files: Files, docs_dir: str) -> Files:
    """Remove docs_dir files reached through a symbolic link that leads out of docs_dir (one warning each).

    A repository is untrusted: `docs/logo.png -> /etc/passwd` would otherwise be copied into the site.
    """
    for file in list(files):
        source = file.abs_src_path
        if source is None or not file.src_uri or not _may_be_link(file.src_uri, docs_dir):
            continue
        if not is_inside(source, docs_dir):
            log.warning("%s: a symbolic link that leads outside docs_dir; it is not read or published", file.src_uri)
            files.remove(file)
    return files


def _may_be_link(src_uri: str, docs_dir: str) -> bool:
    """Cheap pre-check: whether the file or one of its folders is a symlink (realpath only for those)."""
    path = docs_dir
    for part in src_uri.split("/"):
        path = os.path.join(path, part)
        if os.path.islink(path):
            return True
    return False
