"""What a site build found, per category: a few summary lines for the log, every detail for a report file.

A big partial export (the Dynamics 365 docset) has thousands of findings of
a handful of kinds. One log line each buries the few that matter, so the
build keeps them here and prints one line per category with its count and
an example; the report file lists them all, grouped by category. Categories
with only a few findings are printed in full (a small site's log reads as
before).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

LEVEL_ERROR = "error"
LEVEL_WARNING = "warning"
LEVEL_INFO = "info"
_RANK = {LEVEL_ERROR: 2, LEVEL_WARNING: 1, LEVEL_INFO: 0}
# A category with at most this many findings is logged line by line, not summarized.
SHOW_IN_FULL = 3


@dataclass(frozen=True)
class BuildFinding:
    category: str  # a problem code or link-check category: `attribute-quotes`, `anchor-missing`
    level: str     # error, warning or info: the level the build logs it at
    text: str      # the whole message, `file:line:col: what [category]`


@dataclass
class BuildFindings:
    findings: list[BuildFinding] = field(default_factory=list)

    def add(self, category: str, level: str, text: str) -> None:
        self.findings.append(BuildFinding(category, level, text))

    def clear(self) -> None:
        self.findings.clear()

    def __len__(self) -> int:
        return len(self.findings)

    def categories(self) -> list[tuple[str, str, list[BuildFinding]]]:
        """(category, its highest level, findings), the most severe and most frequent first."""
        groups: dict[str, list[BuildFinding]] = {}
        for finding in self.findings:
            groups.setdefault(finding.category, []).append(finding)
        rows = [(name, max((f.level for f in items), key=_RANK.__getitem__), items) for name, items in groups.items()]
        rows.sort(key=lambda row: (-_RANK[row[1]], -len(row[2]), row[0]))
        return rows

    def log_lines(self, report_name: str | None) -> list[tuple[str, str]]:
        """(level, line) to log: small categories in full (build order), the others as a count and an example."""
        where = f"; all in {report_name}" if report_name else ""
        rows = self.categories()
        small = {category for category, _level, items in rows if len(items) <= SHOW_IN_FULL}
        # the findings of small categories in full and in build order, then one line per big category
        lines = [(item.level, item.text) for item in self.findings if item.category in small]
        for category, level, items in rows:
            if category in small:
                continue
            levels = Counter(item.level for item in items)
            split = "" if len(levels) == 1 else " (" + ", ".join(
                f"{levels[name]} {name}" for name in (LEVEL_ERROR, LEVEL_WARNING, LEVEL_INFO) if levels[name]) + ")"
            example = next(item for item in items if item.level == level).text
            lines.append((level, f"{len(items):,} × [{category}]{split}, e.g. {example}{where} (-v lists them)"))
        return lines

    def report(self, title: str) -> str:
        """The report file: counts per category, then every finding of each category in build order."""
        rows = self.categories()
        out = [f"# {title}", ""]
        if not rows:
            out.append("No findings.")
            return "\n".join(out) + "\n"
        out.append(f"{len(self.findings):,} finding(s) in {len(rows)} categor{'y' if len(rows) == 1 else 'ies'}:")
        out += [f"  {len(items):>7,}  {category} ({level})" for category, level, items in rows]
        for category, level, items in rows:
            out += ["", f"## {category} ({level}): {len(items):,}", ""]
            out += [f"{item.level}: {item.text}" for item in items]
        return "\n".join(out) + "\n"
