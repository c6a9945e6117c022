"""Quality checks on each TU pair (English source, translated target).

translate-toolkit's StandardChecker does the language-neutral checks
(numbers, URLs, brackets, punctuation, double words, whitespace); the
Markdown- and sxs-aware checks here compare what must survive translation
unchanged (link destinations, inline code, emphasis markers, images,
placeholders) and look at the page around the unit (glued units, broken
span markup, duplicate ids, `] (` links).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from translate.filters import checks

from ..reader.model import LEVEL_ERROR, LEVEL_INFO, LEVEL_WARNING, SxsPage, TranslationUnit

LEVEL_OFF = "off"
LEVELS = (LEVEL_ERROR, LEVEL_WARNING, LEVEL_INFO, LEVEL_OFF)

# check name -> (default level, what it means). Names are stable: they are the
# keys of `--level check=level` and the SARIF rule ids.
CHECKS: dict[str, tuple[str, str]] = {
    "empty-target": (LEVEL_ERROR, "the translation is empty"),
    "untranslated": (LEVEL_WARNING, "the translation equals the English source"),
    "broken-link": (LEVEL_ERROR, "a space between ']' and '(' breaks the Markdown link"),
    "link-destinations": (LEVEL_ERROR, "link destinations differ between source and translation"),
    "images": (LEVEL_ERROR, "images differ between source and translation"),
    "inline-code": (LEVEL_WARNING, "inline code differs between source and translation"),
    "emphasis": (LEVEL_WARNING, "bold/italic markers differ between source and translation"),
    "placeholders": (LEVEL_WARNING, "{{…}} or <…> placeholders differ between source and translation"),
    "whitespace": (LEVEL_WARNING, "leading or trailing whitespace differs"),
    "glued": (LEVEL_WARNING, "the unit follows the previous one with no space between them"),
    "markup": (LEVEL_ERROR, "malformed or mismatched sxs span markup"),
    "duplicate-id": (LEVEL_ERROR, "the TU id appears more than once on the page"),
    "numbers": (LEVEL_WARNING, "numbers differ (translate-toolkit)"),
    "urls": (LEVEL_WARNING, "URLs differ (translate-toolkit)"),
    "brackets": (LEVEL_WARNING, "brackets differ (translate-toolkit)"),
    "endpunc": (LEVEL_INFO, "punctuation at the end differs (translate-toolkit)"),
    "doublewords": (LEVEL_WARNING, "a word is repeated (translate-toolkit)"),
    "emails": (LEVEL_WARNING, "e-mail addresses differ (translate-toolkit)"),
    "doublespacing": (LEVEL_INFO, "double spaces differ (translate-toolkit)"),
    "annotations": (LEVEL_INFO, "Applies to / Appropriate roles: near-duplicate names, value counts, missing roles"),
}
# translate-toolkit StandardChecker methods run as-is, by name.
TOOLKIT_CHECKS = ("numbers", "urls", "brackets", "endpunc", "doublewords", "emails", "doublespacing")

_BROKEN_LINK = re.compile(r"\][ \t]+\(")
_LINK_DEST = re.compile(r"(?<!!)\]\(\s*(<[^>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)")
# Image sources only: the alt text is translated.
_IMAGE = re.compile(
    r"!\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*(?P<src>[^()\s]*)"
    r"|<img\b[^>]*?\bsrc\s*=\s*[\"']?(?P<html>[^\"'\s>]*)",
    re.I,
)
_INLINE_CODE = re.compile(r"(`+)(.+?)\1", re.S)
_STRONG = re.compile(r"\*\*|__")
_EM = re.compile(r"(?<![*\w])\*(?!\*)|(?<!\*)\*(?![*\w])")
_PLACEHOLDER = re.compile(r"\{\{.*?\}\}|<(?!/?(?:span|img|br|a|b|i|strong|em|code|sup|sub|p)\b)[^<>\s][^<>]*>")

_FALLBACK_LEVEL = LEVEL_WARNING


@dataclass
class Finding:
    """One QA finding on one unit, with where it is and both texts."""

    path: str
    line: int
    column: int
    unit_id: str
    check: str
    level: str
    message: str
    source: str | None
    target: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        return f"{where}: {self.level}: {self.message} [{self.check}] (unit {self.unit_id})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "unit": self.unit_id,
            "check": self.check,
            "level": self.level,
            "message": self.message,
            "source": self.source,
            "target": self.target,
        }


def parse_levels(items: Iterable[str]) -> dict[str, str]:
    """`check=level` items (comma-separated allowed) into a mapping; ValueError names the bad item."""
    levels: dict[str, str] = {}
    for item in items:
        for part in filter(None, (piece.strip() for piece in item.split(","))):
            name, sep, level = part.partition("=")
            name, level = name.strip(), level.strip()
            if not sep or level not in LEVELS:
                raise ValueError(f"'{part}': write CHECK=LEVEL with LEVEL one of {', '.join(LEVELS)}")
            if name not in CHECKS and name != "all":
                raise ValueError(f"'{part}': unknown check '{name}' (known: {', '.join(sorted(CHECKS))})")
            levels[name] = level
    return levels


def level_of(check: str, levels: Mapping[str, str] | None) -> str:
    if levels:
        if check in levels:
            return levels[check]
        if "all" in levels:
            return levels["all"]
    return CHECKS.get(check, (_FALLBACK_LEVEL, ""))[0]


class QaChecker:
    """Runs every check on units; one instance per run (translate-toolkit's checker is reused)."""

    def __init__(self, levels: Mapping[str, str] | None = None, target_language: str = "cs") -> None:
        self.levels = dict(levels or {})
        self.toolkit = checks.StandardChecker(checkerconfig=checks.CheckerConfig(targetlanguage=target_language))
        self.toolkit_checks = [
            (name, getattr(self.toolkit, name)) for name in TOOLKIT_CHECKS if level_of(name, self.levels) != LEVEL_OFF
        ]

    def check_page(self, page: SxsPage) -> list[Finding]:
        findings: list[Finding] = []
        previous: TranslationUnit | None = None
        for unit in page.units:
            findings.extend(self.check_unit(unit, previous))
            previous = unit
        markup_level = level_of("markup", self.levels)
        if markup_level != LEVEL_OFF:
            # English text outside any unit: a lookup span with no translated unit before it.
            findings.extend(
                Finding(page.path, problem.line, problem.column, "", "markup", markup_level,
                        f"{CHECKS['markup'][1]}: {problem.code}: {problem.message}", None, "")
                for problem in page.problems if problem.code == "orphan-source"
            )
        findings.sort(key=lambda finding: (finding.line, finding.column, finding.check))
        return findings

    def check_unit(self, unit: TranslationUnit, previous: TranslationUnit | None = None) -> list[Finding]:
        found: list[tuple[str, str]] = []
        source, target = unit.source, unit.target
        for code in unit.malformed:
            check = "duplicate-id" if code == "duplicate-id" else "markup"
            found.append((check, f"{CHECKS[check][1]}: {code}"))
        if previous is not None and previous.end == unit.start and not previous.target[-1:].isspace() \
                and not target[:1].isspace():
            found.append(("glued", f"unit {previous.id} and unit {unit.id} have no space between them"))
        if _BROKEN_LINK.search(target):
            found.append(("broken-link", "the translation has '] (' (a space between ']' and '('); "
                                          "remove the space so the link works"))
        if source is not None:
            found.extend(self._pair_checks(source, target))
        findings = []
        for check, message in found:
            level = level_of(check, self.levels)
            if level == LEVEL_OFF:
                continue
            findings.append(Finding(unit.path, unit.line, unit.column, unit.id, check, level, message, source, target))
        return findings

    def _pair_checks(self, source: str, target: str) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        if not target.strip():
            if source.strip():
                found.append(("empty-target", CHECKS["empty-target"][1]))
            return found
        if target == source:
            found.append(("untranslated", CHECKS["untranslated"][1]))
            return found
        if source[:1].isspace() != target[:1].isspace() or source[-1:].isspace() != target[-1:].isspace():
            found.append(("whitespace", CHECKS["whitespace"][1]))
        for check, pattern in (("link-destinations", _LINK_DEST), ("images", _IMAGE)):
            differs = _differs(pattern, source, target, group=1 if check == "link-destinations" else -1)
            if differs:
                found.append((check, f"{CHECKS[check][1]}: {differs}"))
        if "`" in source or "`" in target:
            differs = _differs(_INLINE_CODE, source, target, group=0)
            if differs:
                found.append(("inline-code", f"{CHECKS['inline-code'][1]}: {differs}"))
        if "*" in source or "*" in target or "_" in source or "_" in target:
            if len(_STRONG.findall(source)) != len(_STRONG.findall(target)) or \
                    len(_EM.findall(source)) != len(_EM.findall(target)):
                found.append(("emphasis", CHECKS["emphasis"][1]))
        if "{{" in source or "<" in source or "{{" in target or "<" in target:
            differs = _differs(_PLACEHOLDER, source, target, group=0)
            if differs:
                found.append(("placeholders", f"{CHECKS['placeholders'][1]}: {differs}"))
        for name, method in self.toolkit_checks:
            try:
                method(source, target)
            except checks.FilterFailure as failure:
                text = "; ".join(str(message) for message in getattr(failure, "messages", [failure]))
                found.append((name, f"{text} (translate-toolkit '{name}')"))
        return found


def _differs(pattern: re.Pattern[str], source: str, target: str, group: int) -> str:
    """'missing X; extra Y' for the multiset difference of matches, or ''."""
    def key(match: re.Match[str]) -> str:
        if group >= 0:
            return match.group(group)
        return next(value for value in match.groups() if value is not None)

    wanted = Counter(key(match) for match in pattern.finditer(source))
    got = Counter(key(match) for match in pattern.finditer(target))
    if wanted == got:
        return ""
    parts = []
    missing = list((wanted - got).elements())
    extra = list((got - wanted).elements())
    if missing:
        parts.append("missing " + ", ".join(repr(item) for item in missing[:5]))
    if extra:
        parts.append("extra " + ", ".join(repr(item) for item in extra[:5]))
    return "; ".join(parts)


def summarize(findings: Iterable[Finding]) -> dict[str, int]:
    counts = {LEVEL_ERROR: 0, LEVEL_WARNING: 0, LEVEL_INFO: 0}
    for finding in findings:
        counts[finding.level] = counts.get(finding.level, 0) + 1
    return counts
