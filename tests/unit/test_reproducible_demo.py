"""Two builds of the demo site are byte-identical (issue 7: reproducible output)."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from site_build import ROOT, build, differences


def test_two_builds_of_the_demo_are_identical(tmp_path: Path):
    config = tmp_path / "mkdocs.yml"
    # The demo's own config, with a site_url so that sitemap.xml(.gz) has entries to compare.
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}")
    config.write_text("site_url: https://example.org/demo/\n" + text, encoding="utf-8")
    build(config, tmp_path / "one", hash_seed="1")
    build(config, tmp_path / "two", hash_seed="2")
    assert differences(tmp_path / "one", tmp_path / "two") == []
    sitemap = (tmp_path / "one" / "sitemap.xml").read_text(encoding="utf-8")
    # <lastmod> is the page's ms.date, not the day of the build.
    assert "<loc>https://example.org/demo/customer-communication-from-microsoft/</loc>\n" \
           "         <lastmod>2020-07-10</lastmod>" in sitemap
    with gzip.open(tmp_path / "one" / "sitemap.xml.gz") as packed:
        assert packed.read().decode("utf-8") == sitemap
    assert re.findall(r"<lastmod>([^<]+)", sitemap)
