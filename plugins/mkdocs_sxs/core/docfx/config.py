"""What a DocFX docset says about itself: `docfx.json`, its URL base, its locale, its size."""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..files.docfile import DocsetFileError, decode, read_bytes
from .toc import TOC_NAMES, find_tocs, index_files

DOCFX_JSON = "docfx.json"
# From this many pages on a docset gets the big-site defaults (pruned, per-area navigation).
LARGE_SITE_PAGES = 1000
_LOCALE = re.compile(r"^ms\.contentlocale:\s*['\"]?([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)", re.M)
_TOC_QUERY = re.compile(r"\?toc=(?:%2f|/)([A-Za-z0-9_.-]+)(?:%2f|/)", re.I)


PUBLISH_CONFIG = ".openpublishing.publish.config.json"


@dataclass
class DocsetInfo:
    """The facts `mkdocs-sxs init` and the plugin need about a docset folder."""

    root: str
    title_suffix: str | None = None
    app_title: str | None = None        # docfx.json `_appTitle` (globalMetadata or build)
    docset_name: str | None = None      # the publish config's `docset_name` of this folder
    toc_title: str | None = None        # the name of the root TOC's only top-level entry
    bilingual_type: str | None = None
    dest: str | None = None  # the docset's URL base on the published site ("partner-center")
    locale: str | None = None
    tocs: list[str] = field(default_factory=list)
    page_count: int = 0
    has_docfx_json: bool = False

    @property
    def large(self) -> bool:
        return self.page_count >= LARGE_SITE_PAGES

    @property
    def site_name(self) -> str:
        """`_appTitle`, `titleSuffix`, the root TOC's single top entry, the publish config's docset
        name, else the folder's name (a generic `docs`/`articles` folder name comes last)."""
        folder = Path(self.root).resolve().name
        generic = folder.lower() in ("docs", "articles", "content", "src", "source", "documentation")
        for candidate in (self.app_title, self.title_suffix, self.toc_title,
                          None if generic else folder, self.docset_name):
            if candidate and candidate.strip():
                return candidate.strip()
        return folder


def read_docfx_json(root: str | os.PathLike[str]) -> dict:
    """`build` section of docfx.json (empty when the docset has none, as Dynamics 365 has not)."""
    path = Path(root, DOCFX_JSON)
    if not path.is_file():
        return {}
    text = decode(read_bytes(path), str(path)).text  # DocsetFileError names line and column
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise DocsetFileError(str(path), f"not valid JSON ({error.msg}); fix it", error.lineno, error.colno) from None
    build = data.get("build") if isinstance(data, dict) else None
    return build if isinstance(build, dict) else {}


def detect_locale(root: str | os.PathLike[str], files: dict[str, str], sample: int = 40) -> str | None:
    """The most common `ms.contentlocale` among the first pages' front matter."""
    counts: Counter[str] = Counter()
    pages = [rel for rel in files.values() if rel.lower().endswith((".md", ".yml"))]
    for rel in pages[:sample]:
        try:
            with open(Path(root, rel), encoding="utf-8-sig", errors="replace") as handle:
                head = handle.read(4000)
        except OSError:
            continue
        match = _LOCALE.search(head)
        if match:
            counts[match.group(1)] += 1
    return counts.most_common(1)[0][0] if counts else None


def guess_url_base(root: str | os.PathLike[str], tocs: list[str]) -> str | None:
    """Without docfx.json, the URL base most `?toc=/<base>/…` hrefs of the TOCs name."""
    counts: Counter[str] = Counter()
    for rel in tocs:
        text = Path(root, rel).read_text(encoding="utf-8-sig", errors="replace")
        counts.update(match.group(1) for match in _TOC_QUERY.finditer(text))
    return counts.most_common(1)[0][0] if counts else None


def inspect_docset(root: str | os.PathLike[str]) -> DocsetInfo:
    """Read docfx.json, find the TOCs and count the pages of a docset folder."""
    root = os.fspath(root)
    files = index_files(root)
    build = read_docfx_json(root)
    meta = build.get("globalMetadata") if isinstance(build.get("globalMetadata"), dict) else {}
    tocs = find_tocs(root, files)
    pages = [rel for rel in files.values() if _is_page(rel)]
    dest = build.get("dest") if isinstance(build.get("dest"), str) else None
    if dest and (dest.startswith("_") or dest.strip("/") in ("", "site", "output")):
        dest = None  # DocFX's output folder (`_site`), not the URL the docset is published under
    publish = publish_entry(root)
    breadcrumb = _str(meta.get("breadcrumb_path"))
    breadcrumb_base = breadcrumb.strip("/").split("/")[0] if breadcrumb and breadcrumb.count("/") > 1 else None
    return DocsetInfo(
        root=root,
        title_suffix=_str(meta.get("titleSuffix")),
        app_title=_str(meta.get("_appTitle")) or _str(build.get("_appTitle")),
        docset_name=_str(publish.get("docset_name")),
        toc_title=_root_toc_title(root, tocs),
        bilingual_type=_str(meta.get("bilingual_type")),
        # the docset's own `?toc=/<base>/` links and its breadcrumb name the published base best; the publish
        # config's output folder is not always the URL (Dynamics 365: `d365F-O`, published under /dynamics365/)
        dest=(dest or guess_url_base(root, tocs) or breadcrumb_base or _str(publish.get("build_output_subfolder"))),
        locale=detect_locale(root, files),
        tocs=tocs,
        page_count=len(pages),
        has_docfx_json=bool(build),
    )


def publish_entry(root: str | os.PathLike[str]) -> dict:
    """This folder's entry of `docsets_to_publish` in the repository's publish config (found up the tree)."""
    folder = Path(root).resolve()
    for parent in (folder, *folder.parents[:4]):
        path = parent / PUBLISH_CONFIG
        if not path.is_file():
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, ValueError):
            return {}
        for entry in data.get("docsets_to_publish", []) if isinstance(data, dict) else []:
            source = str(entry.get("build_source_folder") or ".") if isinstance(entry, dict) else None
            if source is not None and (parent / source).resolve() == folder:
                return entry
        return {}
    return {}


def _root_toc_title(root: str, tocs: list[str]) -> str | None:
    """The name of the root TOC's only top-level entry (`- name: Entity Framework` over everything)."""
    top = [rel for rel in tocs if "/" not in rel]
    if not top or not top[0].lower().endswith(".yml"):
        return None
    try:
        text = Path(root, top[0]).read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return None
    names = re.findall(r"^-[ \t]+name[ \t]*:[ \t]*(.+?)[ \t]*$", text, re.M)
    heads = re.findall(r"^-[ \t]", text, re.M)
    if len(names) == 1 and len(heads) == 1:
        return names[0].strip().strip("\"'") or None
    return None


def is_docset(root: str | os.PathLike[str]) -> bool:
    """A folder with docfx.json, or with TOC files (Dynamics' `articles/` has one TOC per area folder)."""
    if Path(root, DOCFX_JSON).is_file():
        return True
    try:
        names = {name.lower() for name in os.listdir(root)}
    except OSError:
        return False
    return any(name in names for name in TOC_NAMES) or bool(find_tocs(root))


@lru_cache(maxsize=256)
def glob_regex(pattern: str) -> re.Pattern[str]:
    """A DocFX file glob (`**/includes/**`, `README.md`) as a regular expression on docset paths."""
    out = []
    index = 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
        elif pattern.startswith("**", index):
            out.append(".*")
            index += 2
        elif pattern[index] == "*":
            out.append("[^/]*")
            index += 1
        elif pattern[index] == "?":
            out.append("[^/]")
            index += 1
        else:
            out.append(re.escape(pattern[index]))
            index += 1
    return re.compile("".join(out) + r"\Z", re.I)


def is_excluded(rel: str, patterns: list[str]) -> bool:
    """Whether docfx.json's `exclude` globs leave a docset file out of the build."""
    return any(glob_regex(pattern).match(rel) for pattern in patterns)


def _is_page(rel: str) -> bool:
    parts = rel.lower().split("/")
    return parts[-1].endswith(".md") and "includes" not in parts[:-1] and parts[-1] not in (
        "readme.md", "toc.md", "license.md")


def _str(value: object) -> str | None:
    return str(value) if isinstance(value, str) and value.strip() else None
