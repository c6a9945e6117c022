"""`.openpublishing.redirection.json` → redirects of one docset, so old URLs keep working.

The file sits at the repository root and lists `source_path` relative to that
root for all docsets at once; only the entries under this docset's folder are
kept. `redirect_url` is absolute (`https://…`), site-absolute (`/partner-center/x`,
inside this docset when it starts with the docset's URL base) or relative to the
old page's folder. `redirect_document_id` is a bool or a string ("TRUE", "false").
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from ..files.docfile import DocsetFileError, decode, read_bytes
from ..files.safe_paths import UnsafePathError, normalized_relative
from ..reader.model import LEVEL_WARNING, Problem
from ..reader.url_policy import is_safe_url, unsafe_url_message

REDIRECTION_FILE = ".openpublishing.redirection.json"
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_PAGE_SUFFIXES = (".md", ".yml")


@dataclass
class Redirect:
    """An old page (docset-relative source path) and where it now lives."""

    source: str  # e.g. "billing-different-types.md"
    target: str  # docset-relative page path ("billing-basics.md"), or an absolute URL when external
    external: bool
    fragment: str = ""
    document_id: bool = False
    line: int = 0


def find_redirection_file(docset: str | os.PathLike[str]) -> Path | None:
    """The nearest redirection file in the docset folder or above it (the repository root)."""
    folder = Path(docset).resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / REDIRECTION_FILE
        if path.is_file():
            return path
        if (candidate / ".git").exists():
            break
    return None


def as_bool(value: object) -> bool:
    """`redirect_document_id` appears as true, "TRUE", "False", "false"…"""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "1")
    return bool(value)


def read_redirects(
    path: str | os.PathLike[str], docset: str | os.PathLike[str], files: dict[str, str] | None = None,
    url_base: str | None = None, external_base: str = "https://learn.microsoft.com",
) -> tuple[list[Redirect], list[Problem]]:
    """Redirects whose source lies in `docset`, with targets resolved to docset pages where possible."""
    path = Path(path)
    try:
        text = decode(read_bytes(path), str(path)).text
    except DocsetFileError as error:
        return [], [Problem(str(path), error.line or 1, error.column or 1, "redirects-unreadable",
                            f"redirection file {error.reason}; no redirect pages are written", LEVEL_WARNING)]
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return [], [Problem(str(path), error.lineno, error.colno, "redirects-json",
                            f"redirection file is not valid JSON ({error.msg}); fix it", LEVEL_WARNING)]
    entries = data.get("redirections") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return [], [Problem(str(path), 1, 1, "redirects-shape",
                            "redirection file has no 'redirections' list", LEVEL_WARNING)]
    prefix = os.path.relpath(Path(docset).resolve(), path.parent.resolve()).replace(os.sep, "/")
    prefix = "" if prefix == "." else prefix.rstrip("/") + "/"
    lines = _source_lines(text)
    redirects: list[Redirect] = []
    problems: list[Problem] = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        source = str(entry.get("source_path") or "").replace("\\", "/").lstrip("/")
        url = str(entry.get("redirect_url") or "").strip()
        line = lines[index] if index < len(lines) else 0
        if not source.lower().startswith(prefix.lower()):
            continue
        if not url:
            problems.append(Problem(str(path), line, 1, "redirect-no-url",
                                    f"redirect of '{source}' has no redirect_url", LEVEL_WARNING))
            continue
        local = source[len(prefix):]
        try:
            normalized_relative(local, docset)  # `docs/../../x.md` would write outside the site
        except UnsafePathError as error:
            problems.append(Problem(str(path), line, 1, "redirect-outside",
                                    f"redirect source_path {error}; no redirect page is written", LEVEL_WARNING))
            continue
        if not is_safe_url(url):
            problems.append(Problem(str(path), line, 1, "redirect-unsafe-url",
                                    f"redirect of '{source}': {unsafe_url_message(url)}", LEVEL_WARNING))
            continue
        target, external, fragment = _target(url, posixpath.dirname(local), files, url_base, external_base)
        redirects.append(Redirect(local, target, external, fragment, as_bool(entry.get("redirect_document_id")),
                                  line))
    return redirects, problems


def redirect_urls(path: str | os.PathLike[str]) -> dict[str, str]:
    """Every redirect of the repository, for link checks: lower-cased repo-relative
    source path → `redirect_url` as written. An unreadable file gives none."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            data = json.load(handle)
    except (OSError, ValueError):  # ValueError: invalid JSON or UTF-8; read_redirects reports it
        return {}
    redirects: dict[str, str] = {}
    for entry in data.get("redirections", []) if isinstance(data, dict) else []:
        if not isinstance(entry, dict):
            continue
        source, url = entry.get("source_path"), entry.get("redirect_url")
        if isinstance(source, str) and isinstance(url, str) and source:
            redirects[source.replace("\\", "/").lstrip("/").lower()] = url
    return redirects


def redirect_page_path(source: str) -> str:
    """Where MkDocs (directory URLs) would have written the old page: `a/b.md` → `a/b/index.html`."""
    stem = source
    for suffix in _PAGE_SUFFIXES:
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    if posixpath.basename(stem).lower() == "index":
        folder = posixpath.dirname(stem)
        return f"{folder}/index.html" if folder else "index.html"
    return f"{stem}/index.html"


def _target(url: str, folder: str, files: dict[str, str] | None, url_base: str | None,
            external_base: str) -> tuple[str, bool, str]:
    if _SCHEME.match(url) or url.startswith("//"):
        return url, True, ""
    path, _, fragment = url.partition("#")
    path = path.split("?")[0]
    if path.startswith("/"):
        base = "/" + url_base.strip("/") if url_base else None
        if not base or not (path == base or path.startswith(base + "/")):
            return external_base.rstrip("/") + url, True, ""
        rel = posixpath.normpath(path[len(base) + 1 :] or ".")
    else:
        rel = posixpath.normpath(posixpath.join(folder, path))
    if rel.startswith("../"):
        return external_base.rstrip("/") + url, True, ""
    page = _page_for(rel, files)
    if page is None:  # not in this checkout: send readers to the published page
        site_path = f"/{url_base.strip('/')}/{rel}" if url_base else "/" + rel
        return external_base.rstrip("/") + _strip_page_suffix(site_path), True, ""
    return page, False, fragment


def _strip_page_suffix(path: str) -> str:
    for suffix in _PAGE_SUFFIXES:
        if path.lower().endswith(suffix):
            return path[: -len(suffix)]
    return path


def _page_for(rel: str, files: dict[str, str] | None) -> str | None:
    """The page file a site URL path means (`billing-basics` → `billing-basics.md`)."""
    if rel == ".":
        candidates = ["index.md", "index.yml"]
    elif rel.lower().endswith(_PAGE_SUFFIXES):
        candidates = [rel]
    else:
        candidates = [rel + ".md", rel + ".yml", rel + "/index.md", rel + "/index.yml"]
    if files is not None:
        for candidate in candidates:
            actual = files.get(candidate.lower())
            if actual is not None:
                return actual
        return None
    return candidates[0]


def _source_lines(text: str) -> list[int]:
    """Line of each `source_path` key, in order, so problems point into the JSON file."""
    lines: list[int] = []
    line, position = 1, 0
    for match in re.finditer(r'"source_path"\s*:', text):  # counted on from the previous key, not from the top
        line += text.count("\n", position, match.start())
        position = match.start()
        lines.append(line)
    return lines
