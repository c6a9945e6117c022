"""Folder options are written relative to mkdocs.yml: the build and `mkdocs-sxs check` must read them alike."""

from __future__ import annotations

import os


def config_relative(config_file: str | os.PathLike[str] | None, folder: str | None) -> str | None:
    """`folder` as an option of the config file names it: relative paths from its folder, `~` expanded.

    URLs (a media fallback may be one) and empty values are returned as they are.
    """
    if not folder or "://" in folder[:12]:
        return folder
    base = os.path.dirname(os.fspath(config_file)) if config_file else ""
    return os.path.normpath(os.path.join(base or ".", os.path.expanduser(folder)))


def config_relative_all(config_file: str | os.PathLike[str] | None, paths: object) -> tuple[str, ...]:
    """A list option of paths (`xref_maps`), each as `config_relative` reads it."""
    values = paths if isinstance(paths, list | tuple) else []
    return tuple(config_relative(config_file, str(value)) or "" for value in values if value)


# The project files the commands recognize in a folder, in the order ProperDocs tries them (it reads
# `mkdocs.yml` as a fallback; MkDocs reads only `mkdocs.yml`). A folder rarely holds both kinds.
PROJECT_CONFIG_NAMES = ("properdocs.yml", "properdocs.yaml", "mkdocs.yml", "mkdocs.yaml")


def project_config(folder: str | os.PathLike[str]) -> str | None:
    """The MkDocs/ProperDocs config file of a project folder, or None when the folder has none."""
    for name in PROJECT_CONFIG_NAMES:
        path = os.path.join(os.fspath(folder), name)
        if os.path.isfile(path):
            return path
    return None
