"""The build cache's page stage (mkdocs/populate_cache.py) on its own: what it keeps exactly, what it refuses.

Whole builds with it (every edit kind, random edit sequences, each compared with a clean build) are in
test_build_cache.py.
"""

from __future__ import annotations

import datetime
import logging
import os
import types
from collections import Counter
from pathlib import Path

import pytest
from mkdocs.structure.files import File
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs_sxs.core.cache.store import PageCache
from mkdocs_sxs.core.reports.build_findings import BuildFinding
from mkdocs_sxs.mkdocs.parallel import PageResult
from mkdocs_sxs.mkdocs.populate_cache import PopulateCache, _decoded, _NotPlain, _payload, _plain


def stage(folder: Path) -> PopulateCache:
    render = types.SimpleNamespace(stage=lambda name: PageCache(folder, name, "environment"),
                                   store=types.SimpleNamespace(environment="environment"), files_key="files")
    return PopulateCache(render, None)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [
    {"ms.date": datetime.date(2024, 1, 31), "ms.search.validFrom": datetime.date(2019, 2, 28)},
    {"at": datetime.datetime(2024, 1, 31, 10, 5, 1, 250)},
    {"at": datetime.datetime(2024, 1, 31, 10, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=-8)))},
    {"list": [1, 1.0, True, None, "x", {"nested": [datetime.date(2020, 2, 29)]}], "nan": float("nan")},
    "<p>Čeština</p>",
])
def test_front_matter_values_come_back_with_their_types(value):
    data = _plain(value)
    import json
    assert repr(_decoded(json.loads(json.dumps(data)))) == repr(value)


@pytest.mark.parametrize("value", [
    {"pair": (1, 2)},                      # a tuple would come back a list
    {1: "one"},                            # a key that is not a string would come back one
    {"\x00sxs:date": "2020-01-01"},        # looks like our own tag
    {"set": {"a"}},
    {"when": datetime.time(10, 0)},
])
def test_values_json_would_change_are_refused(value):
    with pytest.raises(_NotPlain):
        _plain(value)


def result(meta: dict) -> PageResult:
    toc = TableOfContents([AnchorLink("Nadpis", "nadpis", 1)])
    record = logging.LogRecord("mkdocs.plugins.sxs", logging.WARNING, "", 0, "a.md:3: pozor", None, None)
    return PageResult(state={"meta": meta, "content": "<h1>Nadpis</h1>", "toc": toc, "markdown": "",
                             "present_anchor_ids": {"nadpis"}, "sxs_sources": ("a.md", "includes/n.md")},
                      records=[record], new_files=[("media/x.png", "/elsewhere/x.png")], problem_count=1,
                      missing_counts=Counter({"include-missing": 2}),
                      findings=[BuildFinding("broken", "warning", "a.md:3: broken")], annotation=("T", "cs-CZ"),
                      anchors={"a.md": {"nadpis": "#nadpis"}}, caches={})


def page_file(tmp_path: Path) -> tuple[File, os.stat_result]:
    """docs/a.md as MkDocs lists it, and its stamp."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# Nadpis\n", encoding="utf-8")
    return File("a.md", str(docs), str(tmp_path / "site"), use_directory_urls=True), os.stat(docs / "a.md")


def test_a_stored_result_comes_back_as_the_worker_sent_it(tmp_path: Path):
    file, info = page_file(tmp_path)
    cache = stage(tmp_path / "cache")
    cache.keys["a.md"], cache.stamps["a.md"] = "a" * 64, (info.st_mtime_ns, info.st_size)
    sent = result({"title": "Nadpis", "ms.date": datetime.date(2024, 1, 31)})
    cache.save("a.md", file, sent, ([], [], [["media/y.png", "/elsewhere/y.png"]]))
    cache.hits["a.md"] = "a" * 64
    back = cache.load("a.md")
    assert back is not None and back.state["meta"] == sent.state["meta"]
    assert back.state["present_anchor_ids"] == {"nadpis"} and back.state["sxs_sources"] == ("a.md", "includes/n.md")
    assert [(item.title, item.id, item.level) for item in back.state["toc"]] == [("Nadpis", "nadpis", 1)]
    assert [(r.name, r.levelno, r.getMessage()) for r in back.records] == [
        ("mkdocs.plugins.sxs", logging.WARNING, "a.md:3: pozor")]
    # every media copy of the page, also one an earlier page of the same worker had added
    assert back.new_files == [("media/x.png", "/elsewhere/x.png"), ("media/y.png", "/elsewhere/y.png")]
    assert back.findings == sent.findings and back.missing_counts == sent.missing_counts
    assert back.annotation == ("T", "cs-CZ") and back.anchors == sent.anchors and back.problem_count == 1


def test_a_page_changed_while_it_was_built_or_a_result_json_would_change_is_not_stored(tmp_path: Path):
    file, info = page_file(tmp_path)
    cache = stage(tmp_path / "cache")
    cache.keys["a.md"], cache.stamps["a.md"] = "b" * 64, (info.st_mtime_ns - 1, info.st_size)
    cache.save("a.md", file, result({}), ([], [], []))
    assert cache.store.get("b" * 64) is None
    assert _payload(result({"when": datetime.time(10, 0)}), ([], [], [])) is None
    cache.stamps["a.md"] = (info.st_mtime_ns, info.st_size)
    cache.save("a.md", file, result({}), None)  # what the transform read is not known: not stored
    assert cache.store.get("b" * 64) is None


def test_a_stored_entry_never_sets_the_page_s_place_in_the_site(tmp_path: Path):
    cache = stage(tmp_path / "cache")
    forged = _payload(result({}), ([], [], []))
    assert forged is not None
    forged["state"]["parent"] = "x"
    cache.store.put("c" * 64, forged)
    cache.hits["a.md"] = "c" * 64
    assert cache.load("a.md") is None  # populated as usual instead
