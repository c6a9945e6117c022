"""What a build lets go of (mkdocs/memory.py): page Markdown once it is HTML, HTML once it is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

HOOKS = """
PAGES = []

def on_env(env, config, files):
    PAGES.extend(f.page for f in files.documentation_pages())
"""
READER = """
def on_page_context(context, page, config, nav):
    return context
"""


def project(tmp_path: Path, extra_hook: bool) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text('# Titul\n\n<span data-ttu-id="a-1">Věta.</span><span class="sxs-lookup">'
                                   '<span data-stu-id="a-1">Sentence.</span></span>\n', encoding="utf-8")
    (tmp_path / "keep.py").write_text(HOOKS, encoding="utf-8")
    (tmp_path / "reader.py").write_text(READER, encoding="utf-8")
    hooks = "hooks:\n  - keep.py\n" + ("  - reader.py\n" if extra_hook else "")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: t\ntheme:\n  name: material\nplugins:\n  - search\n  - sxs\n{hooks}",
                      encoding="utf-8")
    return config


def pages_after_build(config: Path) -> list:
    loaded = load_config(str(config))
    build(loaded)
    keep = next(plugin for name, plugin in loaded.plugins.items() if name == "keep.py")
    return keep.PAGES


def test_markdown_and_html_are_dropped_once_used(tmp_path):
    pages = pages_after_build(project(tmp_path, extra_hook=False))
    assert pages and all(page.markdown == "" and page.content is None for page in pages)
    assert pages[0].title == "Titul"  # the title survives
    assert "Věta." in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_kept_when_another_plugin_handles_page_events(tmp_path):
    pages = pages_after_build(project(tmp_path, extra_hook=True))
    assert all(page.markdown and page.content for page in pages)


def search_plugin(loaded):
    return next(plugin for name, plugin in loaded.plugins.items() if name == "material/search")


@pytest.mark.parametrize("dirty", [False, True])
def test_search_entries_are_dropped_once_written_unless_dirty(tmp_path, dirty):
    loaded = load_config(str(project(tmp_path, extra_hook=False)))
    search = search_plugin(loaded)
    search.on_startup(command="build", dirty=dirty)
    build(loaded, dirty=dirty)
    index = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any("Věta." in doc["text"] for doc in index["docs"])  # written whole before the release
    assert (search.search_index.entries == []) is not dirty  # --dirty merges them into the next build
