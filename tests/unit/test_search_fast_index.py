"""The plugin indexes pages with core.search_sections: same site, same index, Material's parser left out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from material.plugins.search import plugin as material_search
from mkdocs.commands.build import build
from mkdocs.config import load_config
from site_build import build as build_in_subprocess
from site_build import differences


def _unit(unit_id: str, target: str, source: str) -> str:
    return (f'<span data-ttu-id="{unit_id}">{target}</span>'
            f'<span class="sxs-lookup"><span data-stu-id="{unit_id}">{source}</span></span>')


TARGET_WITH_SPAN = 'Text s <span class="ui">tlačítkem</span>'
SOURCE_WITH_SPAN = 'Text with a <span class="ui">button</span>'
PAGES = {
    "index.md": f"# {_unit('a-1', 'Úvod', 'Introduction')}\n\n"
                f"{_unit('a-2', TARGET_WITH_SPAN, SOURCE_WITH_SPAN)}\n\n"
                f"## {_unit('a-3', 'Sekce', 'Section')}\n\n- {_unit('a-4', 'Položka', 'Item')}\n\n"
                "```\ncode  block\n\n  kept\n```\n",
    "boosted.md": "---\ntitle: Boosted\ntags:\n  - alpha\nsearch:\n  boost: 2\n---\n\n"
                  f"Bez nadpisu h1. {_unit('b-1', 'Věta', 'Sentence')}\n\n### Third level\n\ntext &amp; more\n",
    "hidden.md": "---\nsearch:\n  exclude: true\n---\n\n# Hidden\n\nnot in the index\n",
    "script.md": "# Script\n\n<script>if (1 < 2) { var x = '<p>'; }</script>\n\nafter the script\n",
}


def _site(tmp_path: Path, plugins: str, theme: str = "material") -> Path:
    docs = tmp_path / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for name, text in PAGES.items():
        (docs / name).write_text(text, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: t\nsite_url: https://example.org/\ndocs_dir: docs\ntheme:\n  name: {theme}\n"
                      f"plugins:\n{plugins}markdown_extensions:\n  - toc:\n      permalink: true\n", encoding="utf-8")
    return config


def _sxs(fast: bool) -> str:
    return f"  - search\n  - sxs:\n      link_check: false\n      search_fast_index: {str(fast).lower()}\n"


def test_site_and_index_are_the_same_with_and_without_the_fast_path(tmp_path: Path) -> None:
    sites = {}
    for fast in (False, True):
        config = _site(tmp_path / str(fast), _sxs(fast))
        sites[fast] = tmp_path / f"site-{fast}"
        build_in_subprocess(config, sites[fast], hash_seed="0")
    assert differences(sites[False], sites[True]) == []
    index = json.loads((sites[True] / "search" / "search_index.json").read_text(encoding="utf-8"))
    by_location = {doc["location"]: doc for doc in index["docs"]}
    # the language bar comes before the h1: an untitled top section (the page title), then the h1's
    assert by_location[""]["title"] == by_location["#uvod"]["title"] == "Úvod" and by_location[""]["text"] == ""
    assert by_location["#uvod"]["text"] == "<p>Text s tlačítkem</p>" and "button" not in json.dumps(index)
    assert by_location["#sekce"]["text"] == ("<ul> <li>Položka</li> </ul> "
                                            "<pre><code>code  block\n\n  kept\n</code></pre>")
    assert by_location["boosted/"]["boost"] == 2 and by_location["boosted/"]["tags"] == ["alpha"]
    assert by_location["boosted/#third-level"]["text"] == "<p>text &amp; more</p>"
    assert not any(location.startswith("hidden/") for location in by_location)
    assert "after the script" in by_location["script/"]["text"]


def test_materials_parser_reads_only_the_pages_the_fast_path_leaves_to_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []
    feed = material_search.Parser.feed

    def recording_feed(self: material_search.Parser, data: str) -> None:
        parsed.append(data)
        feed(self, data)

    monkeypatch.setattr(material_search.Parser, "feed", recording_feed)
    config = load_config(str(_site(tmp_path, _sxs(True))))
    build(config)
    assert len(parsed) == 1 and "<script>" in parsed[0]  # the page with markup outside the fast path
    index = json.loads(Path(config.site_dir, "search", "search_index.json").read_text(encoding="utf-8"))
    assert {doc["location"] for doc in index["docs"]} >= {"", "#sekce", "boosted/", "script/"}
    assert not any(doc["location"].startswith("hidden/") for doc in index["docs"])


@pytest.mark.parametrize("plugins, theme", [
    ("  - sxs:\n      link_check: false\n", "material"),  # no search plugin
    ("  - search:\n      enabled: false\n  - sxs:\n      link_check: false\n", "material"),
    ("  - search\n  - sxs:\n      link_check: false\n", "mkdocs"),  # MkDocs' own search plugin
])
def test_builds_without_materials_search_plugin_are_unaffected(tmp_path: Path, plugins: str, theme: str) -> None:
    config = load_config(str(_site(tmp_path, plugins, theme)))
    build(config)
    index = Path(config.site_dir, "search", "search_index.json")
    if theme == "mkdocs":
        docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
        assert any("Sekce" in doc["title"] for doc in docs)
    else:
        assert not index.exists()
