"""Navigation fragments on a real docset: the same site as Material rendering the nav on every page (issue 16).

partner-center (316 pages, two TOCs) as `mkdocs-sxs init` configures it, built
with `nav_fragments: false` (Material's nav-item macro per page, the oracle)
and `true`; every file must be byte-identical. Two navigation shapes: the full
navigation init writes for a docset this size, and the pruned per-area
navigation it writes for big docsets (Dynamics 365, visualstudio-docs), forced
here. The big docsets themselves are compared by `benchmarks/big_docsets.py
--verify-nav` (two builds of Dynamics take minutes: too long for CI, whose
whole suite must stay well under 20 minutes on 2 cores); partner-center has
the same TOC shapes (nested sections, section index pages, pages outside the
TOC) at a size CI can build twice per shape in ~30 s.
"""

from __future__ import annotations

import pytest
import yaml
from mkdocs_sxs.cli import main
from site_build import build, differences

pytestmark = pytest.mark.acceptance


@pytest.mark.parametrize("shape", ["full", "pruned-areas"])
def test_partner_center_nav_fragments_are_byte_identical(corpus, tmp_path, shape):
    init = tmp_path / "init.yml"
    assert main(["init", str(corpus / "partner-center.cs-CZ" / "partner-center"), "--output", str(init)]) == 0
    data = yaml.safe_load(init.read_text(encoding="utf-8"))
    if shape == "pruned-areas":
        data["theme"]["features"].append("navigation.prune")
        data["plugins"][1]["sxs"]["nav_mode"] = "area"
    sites = []
    for enabled in (False, True):
        data["plugins"][1]["sxs"]["nav_fragments"] = enabled
        config = tmp_path / f"mkdocs-{enabled}.yml"
        config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        sites.append(tmp_path / f"site-{enabled}")
        build(config, sites[-1], hash_seed="1", extra_env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert differences(*sites) == []
    pages = list(sites[1].rglob("index.html"))
    assert len(pages) > 300
    nav_links = sum(page.read_text(encoding="utf-8").count('class="md-nav__link') for page in pages[:50])
    assert nav_links > 50 * 10  # the pages do carry a navigation
