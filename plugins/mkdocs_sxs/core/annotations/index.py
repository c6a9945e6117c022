"""Docset-wide view of the annotations: who and what each guideline is for.

Groups pages by canonical (English) role and product name, picks the
localized name most pages use, gives each value a stable slug for its index
page, and turns everything into plain records for JSON and CSV.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .find import KINDS, PageAnnotations

# Where the generated index pages live, by kind.
INDEX_DIRS = {"roles": "roles", "applies_to": "applies-to"}
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(name: str) -> str:
    """ASCII slug of an English name (`Helpdesk agent` -> `helpdesk-agent`)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return _NON_SLUG.sub("-", ascii_name.lower()).strip("-") or "value"


@dataclass
class IndexEntry:
    """One role or product with the pages that carry it."""

    kind: str
    name: str
    slug: str
    localized_names: Counter[str] = field(default_factory=Counter)
    pages: list[PageAnnotations] = field(default_factory=list)

    @property
    def localized(self) -> str:
        """The localized name most pages use (first seen on a tie)."""
        if not self.localized_names:
            return self.name
        return self.localized_names.most_common(1)[0][0]

    @property
    def count(self) -> int:
        return len(self.pages)


@dataclass
class AnnotationIndex:
    """All entries of a docset, by kind, most used first."""

    entries: dict[str, list[IndexEntry]]
    pages: list[PageAnnotations]

    def entry(self, kind: str, name: str) -> IndexEntry | None:
        for item in self.entries.get(kind, []):
            if item.name == name:
                return item
        return None

    def path_of(self, kind: str, name: str) -> str | None:
        """Docs-relative path of a value's index page (`roles/helpdesk-agent.md`)."""
        item = self.entry(kind, name)
        return f"{INDEX_DIRS[kind]}/{item.slug}.md" if item else None


def build_index(pages: list[PageAnnotations]) -> AnnotationIndex:
    entries: dict[str, list[IndexEntry]] = {}
    for kind in KINDS:
        by_name: dict[str, IndexEntry] = {}
        for page in pages:
            annotation = page.get(kind)
            if annotation is None:
                continue
            for value in annotation.values:
                item = by_name.get(value.name)
                if item is None:
                    item = by_name[value.name] = IndexEntry(kind, value.name, "")
                item.localized_names[value.localized] += 1
                if page not in item.pages:
                    item.pages.append(page)
        ordered = sorted(by_name.values(), key=lambda item: (-item.count, item.localized.casefold(), item.name))
        # The most used spelling gets the plain slug, a rarer near-duplicate `-2`.
        slugs: set[str] = {"index"}
        for item in ordered:
            slug = base = slugify(item.name)
            number = 2
            while slug in slugs:
                slug, number = f"{base}-{number}", number + 1
            slugs.add(slug)
            item.slug = slug
        entries[kind] = ordered
    return AnnotationIndex(entries, pages)


def page_records(pages: list[PageAnnotations]) -> list[dict[str, Any]]:
    """One record per page: path, localized title, roles and applies-to."""
    records = []
    for page in pages:
        record: dict[str, Any] = {"page": page.path, "title": page.title, "locale": page.locale}
        for kind in KINDS:
            annotation = page.get(kind)
            record[kind] = [value.to_dict() for value in annotation.values] if annotation else []
            record[kind + "_units"] = list(annotation.unit_ids) if annotation else []
            record[kind + "_line"] = annotation.line if annotation else None
        records.append(record)
    return records


def report(pages: list[PageAnnotations]) -> dict[str, Any]:
    """The docset's annotations as one JSON-ready document."""
    index = build_index(pages)
    return {
        "pages": page_records(pages),
        "index": {
            kind: [
                {
                    "name": item.name,
                    "localized": item.localized,
                    "slug": item.slug,
                    "count": item.count,
                    "pages": [page.path for page in item.pages],
                }
                for item in index.entries[kind]
            ]
            for kind in KINDS
        },
    }


CSV_FIELDS = ("page", "title", "roles", "roles_localized", "applies_to", "applies_to_localized")


def csv_rows(pages: list[PageAnnotations]) -> list[dict[str, str]]:
    """Flat rows for a spreadsheet: values joined with ` | ` as in the pages."""
    rows = []
    for page in pages:
        row = {"page": page.path, "title": page.title or ""}
        for kind in KINDS:
            annotation = page.get(kind)
            values = annotation.values if annotation else []
            row[kind] = " | ".join(value.name for value in values)
            row[kind + "_localized"] = " | ".join(value.localized for value in values)
        rows.append(row)
    return rows
