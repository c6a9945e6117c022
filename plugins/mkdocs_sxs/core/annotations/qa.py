"""Info-level checks on a docset's annotations, as `Problem`s for `mkdocs-sxs qa`.

- a role or product name that is a near-duplicate of a more common one
  (`Global Admin` vs `Global admin`, `Referral admin` vs `Referrals admin`);
- an annotation whose translation has a different number of values than
  its English original (the localized names cannot be paired then);
- a page without roles in a docset (folder) where most pages carry them.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher

from ..reader.model import LEVEL_INFO, Problem, SxsPage
from ..translation.qa import LEVEL_OFF, Finding, level_of
from .find import KIND_ROLES, KINDS, PageAnnotations, find_annotations

_FOLD = re.compile(r"[\W_]+")
# Two names this similar (and long enough) are one name spelled twice.
SIMILARITY = 0.9
MIN_LENGTH = 6
# Pages without roles are reported when at least this share of pages has them.
MOST = 0.5
_KIND_NAMES = {"roles": "role", "applies_to": "product"}


def _folded(name: str) -> str:
    return _FOLD.sub("", name.casefold())


def _near(a: str, b: str) -> bool:
    fa, fb = _folded(a), _folded(b)
    if fa == fb:
        return True
    if min(len(fa), len(fb)) < MIN_LENGTH:
        return False
    return SequenceMatcher(None, fa, fb).ratio() >= SIMILARITY


def annotation_problems(pages: Sequence[PageAnnotations | SxsPage]) -> list[Problem]:
    """All annotation findings of a docset, sorted by path and line.

    Takes parsed pages (as `mkdocs-sxs qa` has them) or their annotations.
    """
    pages = [find_annotations(page) if isinstance(page, SxsPage) else page for page in pages]
    problems: list[Problem] = []
    problems.extend(_near_duplicates(pages))
    problems.extend(_count_mismatches(pages))
    problems.extend(_missing_roles(pages))
    return sorted(problems, key=lambda problem: (problem.path, problem.line, problem.code))


def _near_duplicates(pages: list[PageAnnotations]) -> list[Problem]:
    problems = []
    for kind in KINDS:
        counts: Counter[str] = Counter()
        for page in pages:
            annotation = page.get(kind)
            for value in annotation.values if annotation else []:
                counts[value.name] += 1
        ranked = sorted(counts, key=lambda name: (-counts[name], name))
        better: dict[str, str] = {}
        for position, name in enumerate(ranked):
            for common in ranked[:position]:
                if counts[common] > counts[name] and _near(name, common):
                    better[name] = common
                    break
        for page in pages:
            annotation = page.get(kind)
            for value in annotation.values if annotation else []:
                if value.name in better:
                    common = better[value.name]
                    problems.append(Problem(
                        page.path, annotation.line, 1, "annotation-near-duplicate",
                        f"{_KIND_NAMES[kind]} '{value.name}' looks like '{common}' ({counts[common]} pages); "
                        f"write it the same way so both land on one index page",
                        LEVEL_INFO,
                    ))
    return problems


def _count_mismatches(pages: list[PageAnnotations]) -> list[Problem]:
    problems = []
    for page in pages:
        for annotation in page.annotations:
            if annotation.count_mismatch:
                problems.append(Problem(
                    page.path, annotation.line, 1, "annotation-count-mismatch",
                    f"unit {annotation.unit_ids[0]}: '{annotation.source_label}' has {annotation.source_count} "
                    f"value(s) in English but {annotation.target_count} in the translation; separate the "
                    f"translated values with '|' like the original (English names are shown meanwhile)",
                    LEVEL_INFO,
                ))
    return problems


def _missing_roles(pages: list[PageAnnotations]) -> list[Problem]:
    """Pages without roles where most pages of the same folder have them.

    A folder is the unit: release notes next to guidelines are a different
    kind of page, not guidelines that forgot their roles.
    """
    folders: dict[str, list[PageAnnotations]] = {}
    for page in pages:
        folders.setdefault(posixpath.dirname(page.path.replace("\\", "/")), []).append(page)
    problems = []
    for folder_pages in folders.values():
        with_roles = sum(1 for page in folder_pages if page.get(KIND_ROLES) is not None)
        if with_roles == 0 or with_roles / len(folder_pages) < MOST:
            continue
        problems.extend(
            Problem(
                page.path, 1, 1, "annotation-missing-roles",
                f"no 'Appropriate roles' line, while {with_roles} of {len(folder_pages)} pages in this folder "
                f"have one; add one after the title if the page is for specific roles",
                LEVEL_INFO,
            )
            for page in folder_pages
            if page.get(KIND_ROLES) is None
        )
    return problems


def annotation_findings(pages: Sequence[PageAnnotations | SxsPage], levels: dict[str, str] | None = None,
                        ) -> list[Finding]:
    """The same findings as `mkdocs-sxs qa` reports them (check `annotations`, `--level annotations=…`)."""
    level = level_of("annotations", levels)
    if level == LEVEL_OFF:
        return []
    return [
        Finding(problem.path, problem.line, problem.column, "", "annotations", level,
                f"{problem.message} [{problem.code}]", None, "")
        for problem in annotation_problems(pages)
    ]
