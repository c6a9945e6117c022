"""Is a docset a partial export? Many includes and TOC entries whose files are not in it.

Localized repositories are often exported in part (Dynamics 365: 2,341
includes and 2,214 TOC entries point at files that are not there). Built
with the defaults, each one is a warning and `--strict` can never pass;
`mkdocs-sxs init` uses this check to write the partial-export defaults
(`missing_targets: info`) and to say so.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .checker import CheckOptions, check_path
from .model import CAT_BROKEN, REF_INCLUDE, REF_TOC

# At least this many missing includes + TOC targets, and at least one for every PAGES_PER_MISSING pages.
MIN_MISSING = 20
PAGES_PER_MISSING = 50


@dataclass(frozen=True)
class ExportCompleteness:
    pages: int
    missing_includes: int
    missing_toc_targets: int

    @property
    def missing(self) -> int:
        return self.missing_includes + self.missing_toc_targets

    @property
    def partial(self) -> bool:
        return self.missing >= MIN_MISSING and self.missing * PAGES_PER_MISSING >= self.pages


def export_completeness(root: str | os.PathLike[str], url_prefixes: tuple[str, ...] = (),
                        source_fallback: str | None = None) -> ExportCompleteness:
    """Count the includes and TOC entries of a docset whose target file is missing (the link checker's view).

    With `source_fallback` (the English docset) a file found there is not missing.
    """
    result = check_path(root, CheckOptions(url_prefixes=url_prefixes, source_fallback=source_fallback))
    broken = [f for f in result.findings if f.category == CAT_BROKEN]
    return ExportCompleteness(result.pages, sum(1 for f in broken if f.kind == REF_INCLUDE),
                              sum(1 for f in broken if f.kind == REF_TOC))
