"""The link check on the real partner-center docsets: clean, and catching every planted break."""

from __future__ import annotations

import random
import shutil
from collections import Counter
from pathlib import Path

import pytest
from mkdocs_sxs.core.docfx.docset import KIND_ANCHOR, KIND_PAGE, resolve_link
from mkdocs_sxs.core.linkcheck import CheckOptions, check_path
from mkdocs_sxs.core.linkcheck.checker import LinkChecker
from mkdocs_sxs.core.linkcheck.model import IN_SOURCE, REF_LINK

pytestmark = pytest.mark.acceptance

# What a clean localized docset may still report: real, non-error findings.
ALLOWED = {
    "media-missing",          # localized repositories carry no images
    "redirected",             # pci-*.md → insights-*.md and retired membership pages
    "case-mismatch",          # e.g. `2020-October.md` for `2020-october.md`
    "translation-link-differs",  # csp-commercial-marketplace-overview.md: MT changed a link
    "empty-link",             # `[FAQ]()` in the English original too
}


@pytest.fixture(scope="module")
def partner_center(corpus: Path) -> Path:
    return corpus / "partner-center.cs-CZ"


def test_partner_center_and_marketplace_have_no_broken_links_or_anchors(partner_center):
    result = check_path(partner_center)
    assert result.pages > 330 and result.references > 3500
    docsets = {finding.path.split("/", 1)[0] for finding in result.findings}
    assert docsets <= {"partner-center", "marketplace"}
    assert not [f.text() for f in result.findings if f.level == "error"]
    assert {f.category for f in result.findings} <= ALLOWED
    redirected = {f.link: f.target for f in result.findings if f.category == "redirected"}
    assert redirected["pci-roles.md"] == "insights-roles.md"     # the final page, docset-relative
    cases = {(f.link, f.suggestion) for f in result.findings if f.category == "case-mismatch"}
    assert ("2020-October.md", "2020-october.md") in cases
    # Without media, nothing but media warnings and the few real ones above are left.
    quiet = check_path(partner_center, CheckOptions(levels={"media-missing": "ignore"}))
    assert len(quiet.findings) < 50


def _corruptible(checker: LinkChecker):
    """(context, reference, target) of links that are fine now: page links and anchors."""
    for ctx in checker.contexts:
        for page in ctx.docset.pages():
            if not page.endswith(".md"):
                continue
            for reference in checker.scan(ctx, page).references:
                if reference.kind != REF_LINK or reference.where == IN_SOURCE:
                    continue
                target = resolve_link(ctx.docset, page, reference.href.strip())
                if target.kind == KIND_ANCHOR and target.anchor:
                    if target.anchor in checker.anchors(ctx, page):
                        yield ctx, reference, target
                elif target.kind == KIND_PAGE and target.exists and not target.case_mismatch \
                        and target.path.endswith(".md") and reference.href.strip().endswith(
                            (".md", f"#{target.anchor}")):
                    if not target.anchor or target.anchor in checker.anchors(ctx, target.path):
                        yield ctx, reference, target


def test_one_hundred_planted_breaks_are_all_found_with_file_and_line(partner_center, tmp_path):
    copy = tmp_path / "pc"
    shutil.copytree(partner_center, copy)
    baseline = check_path(copy)
    before = Counter((f.path, f.line, f.link, f.category) for f in baseline.findings)
    checker = LinkChecker(copy, CheckOptions())
    pool = list(_corruptible(checker))
    assert len(pool) > 300
    chosen = random.Random(20261124).sample(pool, 100)
    edits: dict[Path, list[tuple[int, str, str]]] = {}
    expected = Counter()
    for ctx, reference, target in chosen:
        href = reference.href
        if target.anchor:
            new = href[: href.rindex("#") + 1] + target.anchor + "-zq"
            category = "anchor-missing"
        else:
            new = href[: -len(".md")] + "-zq.md"
            category = "broken"
        path = ctx.docset.root / reference.page
        edits.setdefault(path, []).append((reference.offset, href, new))
        relative = path.relative_to(copy).as_posix()
        expected[(relative, reference.line, new, category)] += 1
    assert sum(expected.values()) == 100
    for path, changes in edits.items():
        text = path.read_text(encoding="utf-8-sig")
        for offset, old, new in sorted(changes, reverse=True):
            assert text[offset: offset + len(old)] == old
            text = text[:offset] + new + text[offset + len(old):]
        path.write_text(text, encoding="utf-8")
    after = check_path(copy)
    found = Counter((f.path, f.line, f.link, f.category) for f in after.findings) - before
    missing = expected - found
    assert not missing, f"planted breaks not reported: {sorted(missing)[:10]}"
    errors = Counter(key for key in found.elements() if key[3] in ("broken", "anchor-missing"))
    assert errors == expected     # nothing else became an error
    broken = [f for f in after.findings if f.category == "broken" and f.link.endswith("-zq.md")]
    assert all(f.suggestion and f.suggestion.endswith(f.link[: -len("-zq.md")].rsplit("/", 1)[-1] + ".md")
               for f in broken)
