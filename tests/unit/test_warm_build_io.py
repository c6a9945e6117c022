"""The output side of a build made cheaper: site_dir emptied by renaming, redirect pages written beside the pages.

`BackgroundClean` must leave site_dir as MkDocs' own clean does (dot-named entries stay, nothing else) and
nothing behind; `OutputFolder` keeps `resolve_output`'s checks; redirect pages written while MkDocs writes
the pages must give the site that writing them afterwards gave: a file MkDocs writes at the same path wins.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs_sxs.cli import main
from mkdocs_sxs.core.files.background import BackgroundClean
from mkdocs_sxs.core.files.safe_paths import OutputFolder, UnsafePathError

REPO = Path(__file__).resolve().parents[1] / "fixtures" / "docfx" / "repo"


def test_background_clean_empties_the_folder_as_mkdocs_does(tmp_path: Path):
    site = tmp_path / "site"
    (site / "a" / "b").mkdir(parents=True)
    (site / "a" / "b" / "index.html").write_text("old", encoding="utf-8")
    (site / "top.html").write_text("old", encoding="utf-8")
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref", encoding="utf-8")
    (site / ".nojekyll").write_text("", encoding="utf-8")
    left = tmp_path / ".site.sxs-old-abcd1234"  # a killed build's leftover
    (left / "x").mkdir(parents=True)
    unrelated = tmp_path / ".site.sxs-old-mine"  # not a name we make: stays
    unrelated.mkdir()

    clean = BackgroundClean.start(str(site))
    assert clean is not None
    assert sorted(os.listdir(site)) == [".git", ".nojekyll"]  # at once: the build can write now
    (site / "a").mkdir()  # the build writes while the old contents are deleted
    (site / "a" / "new.html").write_text("new", encoding="utf-8")
    clean.wait()
    assert sorted(os.listdir(tmp_path)) == [".site.sxs-old-mine", "site"]
    assert (site / ".git" / "HEAD").read_text(encoding="utf-8") == "ref"
    assert (site / "a" / "new.html").read_text(encoding="utf-8") == "new"
    assert unrelated.is_dir()


def test_background_clean_of_an_empty_or_missing_folder(tmp_path: Path):
    assert BackgroundClean.start(str(tmp_path / "missing")) is None
    (tmp_path / "empty").mkdir()
    assert BackgroundClean.start(str(tmp_path / "empty")) is None


def test_output_folder_writes_new_files_inside_only(tmp_path: Path):
    site = tmp_path / "site"
    site.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (site / "link").symlink_to(outside, target_is_directory=True)
    folder = OutputFolder(site)
    assert folder.write_new("a/b/index.html", "één") is True
    assert (site / "a" / "b" / "index.html").read_bytes() == "één".encode()
    assert folder.write_new("a/b/index.html", "other") is False  # something is there: it stays
    assert (site / "a" / "b" / "index.html").read_text(encoding="utf-8") == "één"
    for bad in ("../x.html", "/etc/x.html", "link/x.html", "link/deeper/x.html"):
        with pytest.raises(UnsafePathError):
            folder.write_new(bad, "x")
    assert list(outside.iterdir()) == []


def _docfx_project(tmp_path: Path, redirections: list[dict]) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(REPO, repo)
    path = repo / ".openpublishing.redirection.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["redirections"].extend(redirections)
    path.write_text(json.dumps(data), encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    assert main(["init", str(repo / "docs"), "--output", str(config), "--site-dir", str(tmp_path / "site")]) == 0
    return config


def _mkdocs_build(config: Path, *options: str) -> str:
    """`mkdocs build` itself (its on_startup says: not --dirty, so site_dir is emptied in the background)."""
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", *options, "-f", str(config)], capture_output=True,
                         text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=300)
    assert run.returncode == 0, run.stderr
    return run.stderr


def test_redirect_pages_written_beside_the_pages_never_replace_a_page(tmp_path: Path):
    config = _docfx_project(tmp_path, [
        # old URL = a page's folder URL (overview.md -> overview/index.html): the page stays
        {"source_path": "docs/overview/index.md", "redirect_url": "/fixture-docs/faq"},
        {"source_path": "docs/old-two.md", "redirect_url": "/fixture-docs/overview-two"},
        {"source_path": "docs/old-two.md", "redirect_url": "/fixture-docs/faq"},  # the same page twice: first wins
    ])
    site = tmp_path / "site"
    (site / "stale" / "deep").mkdir(parents=True)  # a previous build's file: gone after this one
    (site / "stale" / "deep" / "index.html").write_text("stale", encoding="utf-8")
    log = _mkdocs_build(config, "-v")
    assert "Redirecting" not in (site / "overview" / "index.html").read_text(encoding="utf-8")
    assert "url=../overview-two/" in (site / "old-two" / "index.html").read_text(encoding="utf-8")
    assert not (site / "stale").exists()
    assert not [name for name in os.listdir(tmp_path) if ".sxs-old-" in name]
    # The count is of the pages written: the fixture's five, old-two once, not the one under the page.
    assert "DocFX: wrote 6 redirect page(s)" in log
    redirects = sorted(path.parent.relative_to(site).as_posix() for path in site.rglob("index.html")
                       if 'http-equiv="refresh"' in path.read_text(encoding="utf-8"))
    assert redirects == ["gone", "old-faq", "old-overview", "old-two", "sub/old-a", "to-other-docset"]


def test_a_dirty_build_keeps_the_site(tmp_path: Path):
    config = _docfx_project(tmp_path, [])
    site = tmp_path / "site"
    _mkdocs_build(config)
    (site / "kept.txt").write_text("mine", encoding="utf-8")
    _mkdocs_build(config, "--dirty")
    assert (site / "kept.txt").read_text(encoding="utf-8") == "mine"


def test_the_background_link_check_uses_and_keeps_the_cache(tmp_path: Path):
    """With page workers and the build cache, the link check runs in its own process on the cache's scan
    stage: a warm build scans no page again, and the entries it used are not pruned."""
    config = _docfx_project(tmp_path, [])
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["plugins"][1]["sxs"].update({"build_cache": True, "parallel": True})
    config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    first = _mkdocs_build(config)
    scans = tmp_path / ".cache" / "mkdocs-sxs" / "linkcheck" / "scans"
    entries = sorted(path.name for path in scans.rglob("*.json"))
    assert entries, "the background check stored its scans"
    second = _mkdocs_build(config)
    assert sorted(path.name for path in scans.rglob("*.json")) == entries
    assert [line for line in first.splitlines() if "WARNING" in line] == \
        [line for line in second.splitlines() if "WARNING" in line]
