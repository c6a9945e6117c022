"""On the corpus, the search index our fast path writes is the one Material's own parser writes.

Each comparison builds the same pages twice, with `search_fast_index` on and off
(off: Material's `html.parser` pass reads every page), and compares the whole
`search/search_index.json`, byte for byte.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import build_site, require_corpus
from material.plugins.search import plugin as material_search
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs_sxs.cli import main

INDEX = Path("search", "search_index.json")


@pytest.mark.acceptance
def test_partner_center_index_equals_materials(built_partner_center, tmp_path_factory) -> None:
    baseline = build_site("partner-center (Material's search parser)", built_partner_center.docs_dir,
                          tmp_path_factory.mktemp("pc-material-search"), sxs_options={"search_fast_index": "false"})
    ours = (built_partner_center.site_dir / INDEX).read_bytes()
    assert ours.count(b'"location":') > 1000  # sections of 310 pages
    assert ours == (baseline.site_dir / INDEX).read_bytes()


@pytest.mark.acceptance
def test_docfx_marketplace_index_equals_materials_and_skips_its_parser(tmp_path: Path, monkeypatch) -> None:
    """DocFX Markdown on (the config `init` writes): alerts, includes, images, YAML landing pages."""
    docset = require_corpus() / "partner-center.cs-CZ" / "marketplace"
    assert main(["init", str(docset), "--output", str(tmp_path / "mkdocs.yml")]) == 0
    written = yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))
    indexes = {}
    parsed: list[str] = []
    read_by_material = {}
    feed = material_search.Parser.feed

    def recording_feed(self: material_search.Parser, data: str) -> None:
        parsed.append(data)
        feed(self, data)

    monkeypatch.setattr(material_search.Parser, "feed", recording_feed)
    for fast in (False, True):
        data = dict(written, site_dir=str(tmp_path / f"site-{fast}"))
        data["plugins"] = [{"sxs": dict(entry["sxs"], search_fast_index=fast)}
                           if isinstance(entry, dict) and "sxs" in entry else entry for entry in written["plugins"]]
        config = tmp_path / f"mkdocs-{fast}.yml"
        config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        parsed.clear()
        build(load_config(str(config)))
        indexes[fast] = (tmp_path / f"site-{fast}" / INDEX).read_bytes()
        read_by_material[fast] = len(parsed)
    assert indexes[True] == indexes[False]
    assert read_by_material[False] >= 10  # every page
    assert read_by_material[True] <= read_by_material[False] // 10, "most pages should take the fast path"
