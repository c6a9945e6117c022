"""Whether a docset uses "Applies to" / "Appropriate roles" as guideline metadata at all.

Partner Center guidelines open nearly every page with these labels; other
docsets have an occasional unrelated "Applies to: Windows 10" sentence.
Judged from the English labels across the docset, not from one line: roles
on a fair share of pages, or "Applies to" on many pages with a small,
recurring set of values (products), not a different phrase on each page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .find import PageAnnotations


@dataclass(frozen=True)
class AnnotationUsage:
    """The docset-wide evidence and the decision."""

    pages: int
    roles_pages: int
    applies_pages: int
    applies_values: int
    used: bool

    def reason(self) -> str:
        return (f"{self.roles_pages} of {self.pages} pages with 'Appropriate roles', {self.applies_pages} with "
                f"'Applies to' ({self.applies_values} different values)")


def annotation_usage(annotations: Iterable[PageAnnotations], page_count: int) -> AnnotationUsage:
    """Decide from every sxs page's lead annotations (`page_count`: the sxs pages read)."""
    roles = applies = 0
    values: Counter[str] = Counter()
    for page in annotations:
        roles += page.roles is not None
        if page.applies_to is not None:
            applies += 1
            values.update(value.name.lower() for value in page.applies_to.values)
    pages = max(page_count, 1)
    roles_used = roles > 0 and ((roles >= 2 and roles / pages >= 0.05) or roles / pages >= 0.5)
    applies_used = applies >= 2 and applies / pages >= 0.1 and len(values) <= max(2, applies // 2)
    return AnnotationUsage(page_count, roles, applies, len(values), roles_used or applies_used)
