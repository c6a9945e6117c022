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


def korean_page(tmp_path: Path) -> None:
    (tmp_path / "docs" / "ko.md").write_text("# 파트너 센터\n\n## 고객 계정\n\n대시보드에서 고객을 관리합니다.\n",
                                             encoding="utf-8")


def test_search_entries_are_written_one_at_a_time_with_the_same_bytes(tmp_path, monkeypatch):
    """Material writes its config only; ours the entries, folded and segmented: the same file as
    Material's whole index rewritten (the path without `take_search_entries`)."""
    import mkdocs_sxs.mkdocs.plugin as plugin_module

    written = {}
    for taken in (True, False):
        root = tmp_path / str(taken)
        root.mkdir()
        config = project(root, extra_hook=False)
        korean_page(root)
        if not taken:
            monkeypatch.setattr(plugin_module, "take_search_entries", lambda config: None)
        loaded = load_config(str(config))
        build(loaded)
        written[taken] = (root / "site" / "search" / "search_index.json").read_bytes()
        assert search_plugin(loaded).search_index.entries == []
    index = json.loads(written[True])
    assert any("Věta." in doc["text"] for doc in index["docs"])
    assert any(doc.get("sxs_text_folded") == "veta." for doc in index["docs"])  # folded
    assert not any("sxs_title_folded" in doc for doc in index["docs"] if doc["location"].startswith("ko/"))
    assert any("sxs_text_segments" in doc or "sxs_title_segments" in doc for doc in index["docs"]), index["docs"]
    assert written[True] == written[False]


def test_search_entries_stay_with_material_when_its_offline_plugin_copies_the_index(tmp_path):
    config = project(tmp_path, extra_hook=False)
    config.write_text(config.read_text(encoding="utf-8").replace("  - search\n", "  - search\n  - offline\n"),
                      encoding="utf-8")
    build(load_config(str(config)))
    script = (tmp_path / "site" / "search" / "search_index.js").read_text(encoding="utf-8")
    copied = json.loads(script.removeprefix("var __index = "))
    assert any("Věta." in doc["text"] for doc in copied["docs"])  # the whole index went into the offline copy


def test_search_entries_stay_with_material_when_a_hook_may_read_the_index(tmp_path):
    """A plugin or hook with `on_post_build` (mkdocs-exclude-search filters the file there) sees the whole index."""
    config = project(tmp_path, extra_hook=False)
    (tmp_path / "reads_index.py").write_text(
        "import json, os\nSEEN = []\n\ndef on_post_build(config):\n"
        "    with open(os.path.join(config.site_dir, 'search', 'search_index.json'), encoding='utf-8') as f:\n"
        "        SEEN.append(len(json.load(f)['docs']))\n", encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8") + "  - reads_index.py\n", encoding="utf-8")
    loaded = load_config(str(config))
    build(loaded)
    seen = next(plugin for name, plugin in loaded.plugins.items() if name == "reads_index.py").SEEN
    written = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert seen == [len(written["docs"])] and seen[0] > 0
