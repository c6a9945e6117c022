"""Translation units of a whole docset, in a stable order, for catalogs.

A docset is a folder of sxs Markdown pages (or a project whose mkdocs.yml
names its docs_dir). Units are keyed by (page, TU id): ids repeat across
pages. An id repeated within a page (a `duplicate-id` error) keeps every
occurrence distinguishable: the n-th one (n >= 2) is keyed `page#id~n`.
Each unit carries two short hashes taken when it was extracted (the page
file and the machine target), so that a post-edit can later be told apart
from the untouched machine translation and a writer can refuse to touch a
page that changed since.
"""

from __future__ import annotations

import hashlib
import os
import re
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..docfx.docset import Docset
from ..files import bounded_yaml
from ..files.config_paths import project_config
from ..files.docfile import DocsetFileError, decode, read_bytes
from ..reader.model import SxsPage, TranslationUnit
from ..reader.parser import parse_sxs

KEY_SEPARATOR = "#"
OCCURRENCE_SEPARATOR = "~"
_OCCURRENCE = re.compile(r"^(?P<id>.*)~(?P<n>[2-9]|[1-9][0-9]+)$")
HASH_LENGTH = 16

Progress = Callable[[int, int, str], None]


@dataclass(slots=True)
class CatalogUnit:
    """One TU as catalogs carry it: plain strings, Markdown as written."""

    page: str
    id: str
    source: str | None
    target: str
    line: int
    context: str
    locale: str | None
    page_hash: str = ""
    target_hash: str = ""
    malformed: list[str] = field(default_factory=list)
    # Where a unit read from a catalog came from (file and entry), for messages.
    origin: str = ""
    # 1, or n for the n-th unit of a page with this id (duplicate ids).
    occurrence: int = 1
    # A reviewer accepted the target as it is (review mode's "keep the machine translation").
    reviewed: bool = False

    @property
    def key(self) -> str:
        return make_key(self.page, self.id, self.occurrence)

    @property
    def location(self) -> str:
        return f"{self.page}:{self.line}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "page": self.page,
            "id": self.id,
            "source": self.source,
            "target": self.target,
            "line": self.line,
            "context": self.context,
            "locale": self.locale,
            "malformed": list(self.malformed),
            "page_hash": self.page_hash,
            "target_hash": self.target_hash,
            **({"occurrence": self.occurrence} if self.occurrence > 1 else {}),
            **({"reviewed": True} if self.reviewed else {}),
        }


def make_key(page: str, unit_id: str, occurrence: int = 1) -> str:
    key = f"{page}{KEY_SEPARATOR}{unit_id}"
    return f"{key}{OCCURRENCE_SEPARATOR}{occurrence}" if occurrence > 1 else key


def split_occurrence(unit_id: str) -> tuple[str, int]:
    """`id~n` (n >= 2, from a page with a duplicate id) -> (id, n); any other id -> (id, 1)."""
    match = _OCCURRENCE.match(unit_id)
    return (match.group("id"), int(match.group("n"))) if match else (unit_id, 1)


def occurrences(units: Sequence[TranslationUnit]) -> list[int]:
    """For each unit of a page, which occurrence of its id it is (1 unless the id repeats)."""
    seen: dict[str, int] = {}
    numbers = []
    for unit in units:
        seen[unit.id] = seen.get(unit.id, 0) + 1
        numbers.append(seen[unit.id])
    return numbers


def has_duplicate_ids(page: SxsPage) -> bool:
    """Cheap: the parser reports each repeated id as a `duplicate-id` problem."""
    return any(problem.code == "duplicate-id" for problem in page.problems)


def split_key(key: str) -> tuple[str, str]:
    """Page paths may hold `#` only in theory; ids never do, so split at the last one."""
    page, _, unit_id = key.rpartition(KEY_SEPARATOR)
    return page, unit_id


def short_hash(data: str | bytes) -> str:
    """SHA-256 prefix: says whether a page changed since extraction."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:HASH_LENGTH]


def text_hash(text: str) -> str:
    """CRC-32 of a unit's machine target: tells an edited target from the extracted one.

    Not a security check (a catalog is trusted to say what it edited); a
    checksum, because it is computed for every unit of every extraction.
    """
    return f"{zlib.crc32(text.encode('utf-8')):08x}"


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold `!!python/name:` and `!ENV` tags; docs_dir is all we need."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def docs_root(path: str | os.PathLike[str]) -> Path:
    """The folder of pages: PATH itself, or the docs_dir of PATH's mkdocs.yml (or properdocs.yml)."""
    candidate = Path(path)
    config = None
    if candidate.is_file() and candidate.suffix in (".yml", ".yaml"):
        config = candidate
    elif candidate.is_dir() and (found := project_config(candidate)) is not None:
        config = Path(found)
    if config is not None:
        try:
            with open(config, encoding="utf-8") as handle:
                data = bounded_yaml.load(handle.read(), loader_class=_TolerantLoader) or {}
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            reason = getattr(error, "problem", None) or str(error).splitlines()[0]
            raise DocsetFileError(str(config), f"not valid YAML ({reason}); fix it",
                                  mark.line + 1 if mark else None, mark.column + 1 if mark else None) from None
        except UnicodeDecodeError:
            decode(config.read_bytes(), str(config))
            raise
        docs_dir = data.get("docs_dir", "docs") if isinstance(data, dict) else "docs"
        return (config.parent / str(docs_dir)).resolve()
    if not candidate.is_dir():
        raise FileNotFoundError(f"{path}: no such folder (give a docs folder or a project with mkdocs.yml or "
                                "properdocs.yml)")
    return candidate.resolve()


def markdown_pages(root: Path) -> list[str]:
    """Relative `/`-separated paths of every .md of the docset (core.docset's walk), sorted."""
    return sorted(name for name in Docset.scan(root).files if name.endswith(".md"))


def read_page(root: Path, page: str) -> tuple[str, bytes]:
    """Text (BOM dropped, line endings kept) and raw bytes of a page."""
    raw = read_bytes(root / page, page)
    return decode(raw, page).text, raw  # DocsetFileError names page, line and column


def page_units(page: SxsPage, raw: bytes, default_locale: str | None = None) -> list[CatalogUnit]:
    page_hash = short_hash(raw)
    locale = page.locale or default_locale
    numbers = occurrences(page.units) if has_duplicate_ids(page) else [1] * len(page.units)
    return [
        CatalogUnit(
            page=page.path,
            id=unit.id,
            source=unit.source,
            target=unit.target,
            line=unit.line,
            context=unit.context,
            locale=locale,
            page_hash=page_hash,
            target_hash=text_hash(unit.target),
            malformed=list(unit.malformed),
            occurrence=occurrence,
        )
        for unit, occurrence in zip(page.units, numbers, strict=True)
    ]


def iter_pages(root: Path, progress: Progress | None = None) -> Iterator[tuple[SxsPage, bytes]]:
    """Parse every page of the docset in path order."""
    pages = markdown_pages(root)
    for number, page in enumerate(pages, 1):
        text, raw = read_page(root, page)
        if progress is not None:
            progress(number, len(pages), page)
        yield parse_sxs(text, page), raw


def iter_units(root: Path, progress: Progress | None = None,
               default_locale: str | None = None) -> Iterator[CatalogUnit]:
    """Every TU of the docset: pages in path order, units in document order."""
    for page, raw in iter_pages(root, progress):
        yield from page_units(page, raw, default_locale)


def page_catalog_path(translations: Path, locale: str | None, page: str, extension: str) -> Path:
    """`translations/<locale>/<page without .md><extension>`: one catalog per page and locale."""
    stem = page[:-3] if page.endswith(".md") else page
    return translations / (locale or "und") / (stem + extension)
