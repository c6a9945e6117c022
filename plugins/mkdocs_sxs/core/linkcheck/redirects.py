"""A small reader of `.openpublishing.redirection.json` for the link check.

(The site generator has its own reader for writing redirect pages; the two
read the same file and could be merged.)
"""

from __future__ import annotations

import json
import os
from pathlib import Path

REDIRECTION_FILE = ".openpublishing.redirection.json"


def find_repository_root(start: str | os.PathLike[str]) -> Path | None:
    """The nearest folder at or above `start` holding the redirection file."""
    folder = Path(start).resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / REDIRECTION_FILE).is_file():
            return candidate
    return None


def load_redirects(repository_root: str | os.PathLike[str]) -> dict[str, str]:
    """Lower-cased repo-relative source path → redirect URL (as written)."""
    path = Path(repository_root) / REDIRECTION_FILE
    try:
        with open(path, encoding="utf-8-sig") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return {}
    redirects: dict[str, str] = {}
    for entry in data.get("redirections", []) if isinstance(data, dict) else []:
        if not isinstance(entry, dict):
            continue
        source, url = entry.get("source_path"), entry.get("redirect_url")
        if isinstance(source, str) and isinstance(url, str) and source:
            redirects[source.replace("\\", "/").lstrip("/").lower()] = url
    return redirects
