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
    links = _links_under(docs_dir)
    if not links:
        return files  # (most docsets: no link at all)
    for file in list(files):
        source = file.abs_src_path
        if source is None or not file.src_uri or not _may_be_link(file.src_uri, links):
            continue
        if not is_inside(source, docs_dir):
            log.warning("%s: a symbolic link that leads outside docs_dir; it is not read or published", file.src_uri)
            files.remove(file)
    return files


def _links_under(docs_dir: str) -> set[str]:
    """The docs-relative paths of the symbolic links under docs_dir (not followed). One listing per folder gives
    each entry's type: checking every folder of every file's path with `islink` took 0.1 s on Dynamics 365."""
    links: set[str] = set()
    pending = [("", docs_dir)]
    while pending:
        relative, folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_symlink():
                    links.add(relative + entry.name)
                elif entry.is_dir(follow_symlinks=False):
                    pending.append((relative + entry.name + "/", entry.path))
            except OSError:
                links.add(relative + entry.name)  # (its type unknown: checked as a link would be)
    return links


def _may_be_link(src_uri: str, links: set[str]) -> bool:
    """Whether the file or one of its folders is a symlink (then its real path is checked)."""
    parts = src_uri.split("/")
    return any("/".join(parts[:count]) in links for count in range(1, len(parts) + 1))
