"""Every catalog of a translations folder by page, each catalog parsed only when one of its pages needs it.

A build must know at its start which pages have catalog entries and which
catalogs those come from: the build cache keeps a page's post-edits by the
hashes of those catalogs (mkdocs/translation.py). The entries themselves are
needed only for a page whose post-edits are not in the cache. With the
cache's catalog stage, the list of a catalog's pages is kept by the catalog's
hash too, so a warm build reads each catalog's bytes but decodes none of its
entries (Dynamics 365: 2,780 catalogs, 2 s of the build's serial start).
Without a store every catalog is parsed at once, as `load_translations` does.
Unreadable catalogs are reported at the start either way: a catalog whose
pages are in the store was read without a problem with these very bytes.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass
from pathlib import Path

from ..cache.store import digest
from ..reader.model import LEVEL_ERROR, Problem
from .catalog import CatalogUnit
from .formats import FORMAT_OF_SUFFIX, CatalogError, CatalogStore, catalog_key, read_catalog_keyed


@dataclass(frozen=True)
class _Catalog:
    path: Path
    display: str  # translations folder name + path in it: the entries' origin in messages
    key: str  # formats.catalog_key
    locale_folder: str | None  # `cs-CZ/…`: the entries' locale when they name none


class CatalogEntries(MutableMapping[str, list[CatalogUnit]]):
    """page -> its catalog entries (every catalog, in path order), read on first use."""

    def __init__(self, store: CatalogStore | None = None) -> None:
        self.store = store
        self.sources: dict[str, list[str]] = {}  # page -> keys of the catalogs its entries came from
        self._pages: dict[str, list[CatalogUnit]] = {}  # pages read (or set by the caller)
        self._pending: dict[str, list[_Catalog]] = {}  # pages not read yet: their catalogs
        self._read: dict[str, list[CatalogUnit]] = {}  # catalogs read by this process, by key

    def _add(self, catalog: _Catalog, pages: list[str]) -> None:
        for page in pages:
            self._pending.setdefault(page, []).append(catalog)
            self.sources.setdefault(page, []).append(catalog.key)

    def _entries_of(self, catalog: _Catalog, strict: bool = False) -> list[CatalogUnit]:
        """The catalog's entries (`strict`: its problems raised; else a catalog that became unreadable since
        the build's start has none: its next build reports it)."""
        entries = self._read.get(catalog.key)
        if entries is None:
            try:
                entries = read_catalog_keyed(catalog.path, catalog.display, self.store)[0]
            except (CatalogError, OSError, UnicodeDecodeError):
                if strict:
                    raise
                entries = []
            for entry in entries:
                if catalog.locale_folder and not entry.locale:
                    entry.locale = catalog.locale_folder
            self._read[catalog.key] = entries
        return entries

    def __getitem__(self, page: str) -> list[CatalogUnit]:
        found = self._pages.get(page)
        if found is not None:
            return found
        catalogs = self._pending.pop(page, None)
        if catalogs is None:
            raise KeyError(page)
        found = self._pages[page] = [entry for catalog in catalogs for entry in self._entries_of(catalog)
                                     if entry.page == page]
        return found

    def __contains__(self, page: object) -> bool:
        return page in self._pages or page in self._pending

    def __setitem__(self, page: str, entries: list[CatalogUnit]) -> None:
        """Set a page's entries (review mode, after a save): they no longer come from the catalogs as read at
        the start, so the page has no `sources` any more."""
        self._pending.pop(page, None)
        self.sources.pop(page, None)
        self._pages[page] = entries

    def __delitem__(self, page: str) -> None:
        if page not in self:
            raise KeyError(page)
        self._pending.pop(page, None)
        self.sources.pop(page, None)
        self._pages.pop(page, None)

    def __iter__(self) -> Iterator[str]:
        yield from list(self._pages)
        yield from [page for page in self._pending if page not in self._pages]

    def __len__(self) -> int:
        return len(self._pages) + sum(1 for page in self._pending if page not in self._pages)


def index_translations(folder: str | Path, store: CatalogStore | None = None
                       ) -> tuple[CatalogEntries, list[Problem]]:
    """Every catalog under `folder` (any format): its pages now, its entries when asked for (`CatalogEntries`);
    unreadable catalogs reported."""
    root = Path(folder)
    entries = CatalogEntries(store)
    problems: list[Problem] = []
    if not root.is_dir():
        return entries, problems
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in FORMAT_OF_SUFFIX or path.name.startswith("."):
            continue
        relative = path.relative_to(root).as_posix()
        display = f"{root.name}/{relative}"
        locale_folder = relative.split("/", 1)[0] if "/" in relative else None
        try:
            catalog = _Catalog(path, display, catalog_key(path, display)[0], locale_folder)
            pages_key = digest(["pages of catalog", catalog.key])
            pages = store.get(pages_key) if store is not None else None
            if isinstance(pages, list) and all(isinstance(page, str) for page in pages):
                keep = getattr(store, "keep", None)
                if keep is not None:
                    keep(catalog.key)  # its entries, read later or in another process, stay in the store
            else:
                pages = list(dict.fromkeys(entry.page for entry in entries._entries_of(catalog, strict=True)))
                if store is not None:
                    store.put(pages_key, pages)
        except (CatalogError, OSError, UnicodeDecodeError) as error:
            problems.append(Problem(display, 1, 1, "catalog-unreadable", str(error), LEVEL_ERROR))
            continue
        entries._add(catalog, pages)
    return entries, problems
