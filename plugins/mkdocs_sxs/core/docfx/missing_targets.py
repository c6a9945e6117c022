"""What a partial export lacks: missing includes and TOC targets, counted for one line at the end of a build.

A localized repository exported in part (the Dynamics 365 docset) has
thousands of includes, TOC entries and links whose targets are not there.
With `missing_targets: info` each one is logged only with `-v` and the build
ends with a single line of counts, so `mkdocs build --strict` does not fail
on them; with `warning` (the default) each one is a warning, as before.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..reader.model import LEVEL_INFO, LEVEL_WARNING

INCLUDE_MISSING = "include-missing"
INCLUDE_FALLBACK = "include-fallback"
TOC_MISSING = "toc-missing"
SNIPPET_MISSING = "snippet-missing"  # a code snippet file in neither the repository nor the snippet fallback
LINK_MISSING = "link-missing"  # the link check's `broken` links (not includes, not TOC entries)
# Problem codes of the build (DocFX transforms, TOC reader) for a target missing from the docset.
MISSING_CODES = (INCLUDE_MISSING, TOC_MISSING, "link-not-found", SNIPPET_MISSING)
COUNTED = (INCLUDE_MISSING, TOC_MISSING, LINK_MISSING, INCLUDE_FALLBACK, SNIPPET_MISSING)
_WHAT = {
    INCLUDE_MISSING: "missing include(s)",
    TOC_MISSING: "TOC entr(y/ies) to missing pages",
    LINK_MISSING: "link(s) to missing files",
    INCLUDE_FALLBACK: "include(s) shown in English from the include fallback",
    SNIPPET_MISSING: "code snippet(s) whose file is not in the repository",
}


@dataclass
class MissingTargetTally:
    """Counts per problem code for one build; `level` is the configured `missing_targets`."""

    level: str = LEVEL_WARNING
    counts: Counter[str] = field(default_factory=Counter)

    @property
    def partial_export(self) -> bool:
        return self.level == LEVEL_INFO

    def level_of(self, code: str, level: str) -> str:
        """The level a problem is reported at: missing targets are info in a partial export."""
        return LEVEL_INFO if self.partial_export and code in MISSING_CODES else level

    def add(self, code: str, count: int = 1) -> None:
        if code in COUNTED:
            self.counts[code] += count

    def summary(self) -> str | None:
        """One line with the counts, or None when nothing was missing."""
        parts = [f"{self.counts[code]} {_WHAT[code]}" for code in COUNTED if self.counts[code]]
        if not parts:
            return None
        how = " (partial export: reported at info level; run with -v to list them)" if self.partial_export else ""
        return "missing targets: " + ", ".join(parts) + how
