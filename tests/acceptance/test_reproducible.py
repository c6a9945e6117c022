"""Two builds of the partner-center docset are byte-identical (issue 7).

Each build runs in its own interpreter with its own PYTHONHASHSEED, so any
output that depends on set or dict-of-set order would show up here. The
first populates its pages in worker processes, the second serially (issue 16:
the parallel build is byte-identical to the serial one).
"""

from __future__ import annotations

import pytest
from site_build import build, differences

pytestmark = pytest.mark.acceptance


def test_two_builds_of_partner_center_are_identical(corpus, tmp_path):
    configs = []
    for parallel in ("true", "false"):
        config = tmp_path / f"mkdocs-{parallel}.yml"
        config.write_text(
            "site_name: Partner Center\n"
            f"docs_dir: {corpus / 'partner-center.cs-CZ'}\n"
            "site_url: https://example.org/partner-center/\n"
            "theme:\n  name: material\n  language: cs\n"
            f"plugins:\n  - search\n  - sxs:\n      parallel: {parallel}\n",
            encoding="utf-8",
        )
        configs.append(config)
    build(configs[0], tmp_path / "one", hash_seed="1")
    build(configs[1], tmp_path / "two", hash_seed="2")
    assert differences(tmp_path / "one", tmp_path / "two") == []
    assert len(list((tmp_path / "one").rglob("*.html"))) > 300
    assert "<lastmod>" in (tmp_path / "one" / "sitemap.xml").read_text(encoding="utf-8")
