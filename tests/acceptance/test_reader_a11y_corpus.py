"""Reader accessibility on the Partner Center site (issue 14 §1): no sentence is a Tab stop and no
link the MT engine emptied is left empty. The emptied links are counted from the docset's own text."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.acceptance

# `[](x)` in a translation (the part before the lookup span), not an image.
EMPTIED = re.compile(r'<span data-ttu-id="[^"]*">((?:(?!</span><span class="sxs-lookup">).)*?)</span>'
                     r'<span class="sxs-lookup">', re.S)
EMPTY_MD_LINK = re.compile(r"(?<![!\]])\[\s*\]\(")
# A link to somewhere with no text (the docset's own `<a href="" id="x"></a>` anchors are not links).
EMPTY_ANCHOR = re.compile(r'<a href="[^"]+"[^>]*>\s*</a>')


def test_no_tab_stops_on_text_and_no_empty_links(built_partner_center):
    site, docs = built_partner_center
    emptied = sum(len(EMPTY_MD_LINK.findall(target)) for path in docs.rglob("*.md")
                  for target in EMPTIED.findall(path.read_text(encoding="utf-8-sig")))
    assert emptied >= 30  # 41 in the cs-CZ export
    filled = empty = 0
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'<span class="sxs-tu[^"]*"[^>]*\btabindex=', html), page
        filled += len(re.findall(r'<a [^>]*><span class="sxs-untranslated" lang="en">', html))
        empty += len(EMPTY_ANCHOR.findall(html))
    assert filled == emptied
    assert empty == 0
