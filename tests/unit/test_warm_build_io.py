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
import time
from pathlib import Path

import pytest
import yaml
from mkdocs_sxs.cli import main
from mkdocs_sxs.core.cache.store import pack_index
from mkdocs_sxs.core.files.background import BackgroundClean
from mkdocs_sxs.core.files.kept_site import KeptSite
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
    # folders are checked once each, along their parents: a symlink made later under a checked folder
    # is still caught, and one that stays inside the site is fine
    (site / "a" / "later").symlink_to(outside, target_is_directory=True)
    (site / "alias").symlink_to(site / "a", target_is_directory=True)
    assert folder.write_new("alias/c/index.html", "x") is True
    assert (site / "a" / "c" / "index.html").read_text(encoding="utf-8") == "x"
    for bad in ("../x.html", "/etc/x.html", "link/x.html", "link/deeper/x.html", "a/later/x.html",
                "a/later/deeper/x.html"):
        with pytest.raises(UnsafePathError):
            folder.write_new(bad, "x")
    assert list(outside.iterdir()) == []
    fresh = OutputFolder(tmp_path / "not-made-yet")  # the redirect pages may come before MkDocs makes site_dir
    assert fresh.write_new("x/index.html", "y") is True
    assert (tmp_path / "not-made-yet" / "x" / "index.html").read_text(encoding="utf-8") == "y"


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
    left = tmp_path / ".site.sxs-old-abcd1234"  # a killed build's folder moved aside: this build deletes it
    (left / "page").mkdir(parents=True)
    (left / "page" / "index.html").write_text("old", encoding="utf-8")
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
    entries = sorted(pack_index(scans))
    assert entries, "the background check stored its scans"
    second = _mkdocs_build(config)
    assert sorted(pack_index(scans)) == entries
    assert [line for line in first.splitlines() if "WARNING" in line] == \
        [line for line in second.splitlines() if "WARNING" in line]


# The last build's output kept in place (core/files/kept_site.py, mkdocs/kept_output.py) ---------------------


def _tree(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*"))
            if path.is_file() and not path.is_symlink()}


def test_kept_site_keeps_the_same_files_and_ends_as_a_clean_folder(tmp_path: Path):
    site, outside = tmp_path / "site", tmp_path / "outside"
    outside.mkdir()
    files = {"same/index.html": "same", "changed/index.html": "old", "stale/deep/x.html": "stale",
             "c": "a file where a folder goes", "redirect/index.html": "old redirect",
             "kept-redirect/index.html": "redirect", ".git/HEAD": "ref"}
    for name, text in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    (site / "d" / "index.html").mkdir(parents=True)  # a folder where a file goes
    (site / "link").symlink_to(outside, target_is_directory=True)
    same = (site / "same" / "index.html").stat()

    kept = KeptSite.start(str(site))
    assert kept is not None
    assert sorted(os.listdir(site)) == [".git"]  # MkDocs' clean finds nothing to delete
    kept.restore()
    kept.ready()
    assert not (site / "link").exists() and outside.is_dir()  # never written through
    writes = {"same/index.html": b"same", "changed/index.html": b"new", "c/index.html": b"c",
              "d/index.html": b"d", "new/index.html": b"new"}
    for name, data in writes.items():  # as kept_output's write_file does
        path = str(site / name)
        if not kept.same(path, data):
            kept.clear_way(path)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            Path(path).write_bytes(data)
            kept.wrote(path)
    assert kept.claim(str(site / "same" / "index.html"), b"other") is False  # made by this build: stays
    assert kept.claim(str(site / "kept-redirect" / "index.html"), b"redirect") is True
    assert kept.claim(str(site / "redirect" / "index.html"), b"new redirect") is None  # free: the old one went
    (site / "redirect" / "index.html").write_bytes(b"new redirect")
    kept.finish()

    assert _tree(site) == {".git/HEAD": b"ref", "c/index.html": b"c", "changed/index.html": b"new",
                           "d/index.html": b"d", "kept-redirect/index.html": b"redirect",
                           "new/index.html": b"new", "redirect/index.html": b"new redirect",
                           "same/index.html": b"same"}
    assert not (site / "stale").exists()  # an emptied old folder goes too
    after = (site / "same" / "index.html").stat()
    assert (after.st_ino, after.st_mtime_ns) == (same.st_ino, same.st_mtime_ns)  # not written again
    assert kept.kept == 2
    assert not [name for name in os.listdir(tmp_path) if ".sxs-old-" in name]


def test_kept_site_of_a_missing_folder_only_records(tmp_path: Path):
    site = tmp_path / "site"
    assert KeptSite.start(str(site)) is None  # nothing to keep, nowhere to record
    kept = KeptSite.start(str(site), str(tmp_path / "record" / "written.json"))
    assert kept is not None and kept.trash is None  # nothing moved; what the build writes is recorded
    (tmp_path / "record").mkdir()
    kept.restore()
    kept.ready()
    (tmp_path / "site").mkdir()
    assert not kept.same(str(site / "a.html"), b"a")
    (site / "a.html").write_bytes(b"a")
    kept.wrote(str(site / "a.html"), b"a")
    kept.finish()
    assert sorted(os.listdir(tmp_path)) == ["record", "site"]
    assert "a.html" in json.loads((tmp_path / "record" / "written.json").read_text(encoding="utf-8"))["files"]
    (tmp_path / "file").write_text("", encoding="utf-8")
    (tmp_path / "link").symlink_to(site, target_is_directory=True)
    assert KeptSite.start(str(tmp_path / "file")) is None and KeptSite.start(str(tmp_path / "link")) is None


def _kept_build(site: Path, writes: dict[str, bytes], failed: bool = False) -> KeptSite:
    kept = KeptSite.start(str(site), str(site.parent / "written.json"))
    assert kept is not None
    kept.restore()
    kept.ready()
    for name, data in writes.items():
        path = str(site / name)
        if not kept.same(path, data):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            Path(path).write_bytes(data)
            kept.wrote(path, data)
    kept.finish(failed)
    return kept


def test_kept_site_compares_an_untouched_file_by_its_recorded_hash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    site = tmp_path / "site"
    _kept_build(site, {"a/index.html": b"one", "b/index.html": b"two", "c/index.html": b"three"})
    changed = site / "b" / "index.html"
    changed.write_bytes(b"TWO")  # changed behind our back, the same size: its time differs (here: for sure)
    os.utime(changed, ns=(changed.stat().st_atime_ns, changed.stat().st_mtime_ns + 10**9))
    reads: list[str] = []
    holds = KeptSite._holds
    monkeypatch.setattr(KeptSite, "_holds", staticmethod(lambda path, data: reads.append(path) or holds(path, data)))
    kept = _kept_build(site, {"a/index.html": b"one", "b/index.html": b"two", "c/index.html": b"3"})
    assert kept.kept == 1  # a: the same, by its recorded hash; b: read, and not the same; c: another size
    assert [Path(path).parent.name for path in reads] == ["b"]
    assert _tree(site) == {"a/index.html": b"one", "b/index.html": b"two", "c/index.html": b"3"}
    kept = _kept_build(site, {"a/index.html": b"one"}, failed=True)  # a failed build records nothing
    assert not (tmp_path / "written.json").exists()
    reads.clear()
    _kept_build(site, {"a/index.html": b"one"})
    assert len(reads) == 1  # no record: read and compared


def _edit_docset(config: Path) -> None:
    """A page changed, a page removed, a redirect added, a redirect's target changed."""
    docs = config.parent / "repo" / "docs"
    page = docs / "overview-two.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA sentence added.\n", encoding="utf-8")
    (docs / "not-in-toc.md").unlink()
    path = config.parent / "repo" / ".openpublishing.redirection.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["redirections"][0]["redirect_url"] = "/fixture-docs/faq"
    data["redirections"].append({"source_path": "docs/brand-new-old.md", "redirect_url": "/fixture-docs/faq"})
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize("hooked", [False, True], ids=["known writers", "a hook"])
def test_a_rebuild_over_the_last_site_equals_a_clean_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             hooked: bool):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the sitemap's gzip header, in both builds
    config = _docfx_project(tmp_path, [])
    if hooked:  # a writer we do not know: the old site is emptied as before
        (tmp_path / "hook.py").write_text("def on_post_build(config):\n    pass\n", encoding="utf-8")
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
        data["hooks"] = [str(tmp_path / "hook.py")]
        config.write_text(yaml.safe_dump(data), encoding="utf-8")
    site = tmp_path / "site"
    _mkdocs_build(config)
    untouched = (site / "sub" / "page-a" / "index.html").stat()
    assert (site / "not-in-toc" / "index.html").is_file()
    _edit_docset(config)
    _mkdocs_build(config)
    rebuilt = _tree(site)

    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["site_dir"] = str(tmp_path / "clean")
    clean_config = tmp_path / "mkdocs.clean.yml"
    clean_config.write_text(yaml.safe_dump(data), encoding="utf-8")
    _mkdocs_build(clean_config)
    clean = _tree(tmp_path / "clean")
    assert sorted(rebuilt) == sorted(clean)
    assert [name for name in clean if rebuilt[name] != clean[name]] == []
    assert "not-in-toc/index.html" not in rebuilt and "brand-new-old/index.html" in rebuilt
    after = (site / "sub" / "page-a" / "index.html").stat()
    kept = (after.st_ino, after.st_mtime_ns) == (untouched.st_ino, untouched.st_mtime_ns)
    assert kept is not hooked  # the unchanged page was not written again, unless a hook might need it written
    assert not [name for name in os.listdir(tmp_path) if ".sxs-old-" in name]


def test_redirect_pages_over_a_kept_site_clear_their_way(tmp_path: Path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "moved").write_text("an old file where a redirect's folder goes", encoding="utf-8")
    (site / "same").mkdir()
    (site / "same" / "index.html").write_text("redirect", encoding="utf-8")
    (site / "page").mkdir()
    (site / "page" / "index.html").write_text("old", encoding="utf-8")
    kept = KeptSite.start(str(site))
    assert kept is not None
    kept.restore()
    kept.ready()
    Path(site / "page" / "index.html").write_text("a page of this build", encoding="utf-8")
    kept.wrote(str(site / "page" / "index.html"), b"a page of this build")
    folder = OutputFolder(site, kept)
    assert folder.write_new("moved/index.html", "to new") is True
    assert folder.write_new("same/index.html", "redirect") is True  # kept: the same bytes
    assert folder.write_new("page/index.html", "redirect") is False  # this build's page wins
    kept.finish()
    assert _tree(site) == {"moved/index.html": b"to new", "page/index.html": b"a page of this build",
                           "same/index.html": b"redirect"}
    assert kept.kept == 1


def test_a_kept_site_in_place_is_never_emptied_and_ends_as_a_clean_folder(tmp_path: Path):
    """`mkdocs serve` answers requests while it rebuilds (serve_first.py): the old tree stays where it is,
    MkDocs' clean leaves it alone, every file is replaced whole, and the sweep makes it a clean build's."""
    import mkdocs.commands.build as mkdocs_build
    from mkdocs_sxs.mkdocs.kept_output import KeptOutput

    site = tmp_path / "site"
    for name, text in {"same/index.html": "same", "changed/index.html": "old", "stale/x.html": "stale"}.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    same = (site / "same" / "index.html").stat()
    changed_before = (site / "changed" / "index.html").stat()
    time.sleep(0.05)  # the last build ended a clock tick (jiffy) or more before this one starts
    kept = KeptSite.start(str(site), str(tmp_path / "written.json"), in_place=True)
    assert kept is not None and kept.trash is None
    undo = KeptOutput.skip_clean(str(site))
    mkdocs_build.utils.clean_directory(str(site))  # MkDocs' clean: skipped for this folder
    undo()
    assert (site / "stale" / "x.html").is_file() and (site / "changed" / "index.html").is_file()
    kept.restore()
    kept.ready()
    output = KeptOutput(kept, atomic=True)
    output.install()
    try:
        for name, data in {"same/index.html": b"same", "changed/index.html": b"new", "new/index.html": b"n"}.items():
            mkdocs_build.utils.write_file(data, str(site / name))
    finally:
        output.remove()
    kept.finish()
    assert _tree(site) == {"same/index.html": b"same", "changed/index.html": b"new", "new/index.html": b"n"}
    after = (site / "same" / "index.html").stat()
    assert (after.st_ino, after.st_mtime_ns) == (same.st_ino, same.st_mtime_ns)
    assert (site / "changed" / "index.html").stat().st_ino != changed_before.st_ino  # replaced, not rewritten
    assert oct((site / "new" / "index.html").stat().st_mode & 0o777) == oct(0o666 & ~_umask())
    other = tmp_path / "other"
    other.mkdir()
    (other / "x").write_text("x", encoding="utf-8")
    mkdocs_build.utils.clean_directory(str(other))  # undone: other folders are cleaned as before
    assert not (other / "x").exists()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
