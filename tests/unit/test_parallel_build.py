"""Pages populated in worker processes (mkdocs/parallel.py): the same site, log and report as a serial build.

The fixture docsets cover what a worker's run changes besides the page: log
records (malformed units, DocFX and TOC problems, link check), missing-target
counts, media files added by the DocFX transform, YAML landing pages,
annotations and post-edits. `parallel: true` forces the workers on these small
sites; the Partner Center acceptance test does the same on a real docset.
"""

from __future__ import annotations

import filecmp
import logging
import os
import tempfile
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs_sxs.cli import main
from mkdocs_sxs.mkdocs import parallel

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DOCSETS = {
    "docfx": FIXTURES / "docfx" / "repo" / "docs",
    "docfx_markdown": FIXTURES / "docfx_markdown" / "docset",
    "include_lines": FIXTURES / "include_lines" / "docs",
    "links": FIXTURES / "links" / "docs",
    "tus": FIXTURES / "tus" / "docs",
}


def tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def same_tree(left: Path, right: Path) -> list[str]:
    files = tree(left)
    assert files == tree(right)
    _match, mismatch, errors = filecmp.cmpfiles(left, right, files, shallow=False)
    return mismatch + errors


def build_site(tmp_path: Path, docs: Path, mode: object, caplog: pytest.LogCaptureFixture,
               cache: bool = False, folder: str | None = None) -> tuple[Path, list]:
    config = tmp_path / (folder or f"{mode}") / "mkdocs.yml"
    config.parent.mkdir(exist_ok=True)
    if any((docs / name).exists() for name in ("TOC.yml", "toc.yml", "docfx.json")):
        assert main(["init", str(docs), "--output", str(config), "--no-partial-export", "--force"]) == 0
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
    else:
        data = {"site_name": "t", "docs_dir": str(docs), "theme": {"name": "material"},
                "plugins": ["search", {"sxs": {}}]}
    data["plugins"][1]["sxs"]["parallel"] = mode
    data["plugins"][1]["sxs"]["build_cache"] = cache
    data["site_dir"] = str(config.parent / "site")
    config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    caplog.clear()
    with caplog.at_level(logging.INFO):
        build(load_config(str(config)))
    records = [(r.name, r.levelno, r.getMessage()) for r in caplog.records
               if not r.getMessage().startswith(("Documentation built in", "Building documentation to"))
               and "sxs-build-report.txt" not in r.getMessage()]
    return config.parent, records


@pytest.mark.parametrize("name", sorted(DOCSETS))
def test_parallel_build_is_byte_identical_to_serial(name, tmp_path, caplog, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the sitemap's gzip header
    serial, serial_log = build_site(tmp_path, DOCSETS[name], False, caplog)
    workers, workers_log = build_site(tmp_path, DOCSETS[name], True, caplog)
    assert not same_tree(serial / "site", workers / "site")
    assert workers_log == serial_log
    assert (serial / "sxs-build-report.txt").read_text() == (workers / "sxs-build-report.txt").read_text()


@pytest.mark.parametrize("name", ["docfx", "links"])
def test_parallel_build_with_the_build_cache_is_the_serial_one(name, tmp_path, caplog, monkeypatch):
    """Workers read and fill the cache; the parent counts their hits and keeps their entries (no prune)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    for round_ in ("cold", "warm"):
        serial, serial_log = build_site(tmp_path, DOCSETS[name], False, caplog, cache=True, folder="serial")
        workers, workers_log = build_site(tmp_path, DOCSETS[name], True, caplog, cache=True, folder="workers")
        assert not same_tree(serial / "site", workers / "site")
        assert workers_log == serial_log
        summary = [message for _, _, message in workers_log if message.startswith("build cache")]
        counts = [line for line in summary if "hit(s)" in line]
        assert counts and all((": 0 hit(s)" if round_ == "cold" else ", 0 miss(es)") in line for line in counts)
        transformed = [message for _, _, message in workers_log if "DocFX stage" in message]
        if round_ == "warm" and transformed:
            assert transformed[0].endswith(" 0 done"), transformed


def test_parallel_really_uses_worker_processes(tmp_path, caplog, monkeypatch):
    log_file = tmp_path / "pids.txt"
    original = parallel._populate

    def spy(file):
        with open(log_file, "a", encoding="utf-8") as handle:  # written by the forked workers
            handle.write(f"{os.getpid()} {file.src_uri}\n")
        return original(file)

    monkeypatch.setattr(parallel, "_populate", spy)
    site, _ = build_site(tmp_path, DOCSETS["docfx"], True, caplog)
    rows = [line.split() for line in log_file.read_text(encoding="utf-8").splitlines()]
    assert rows and all(int(pid) != os.getpid() for pid, _ in rows)
    pages = {src for _, src in rows}
    assert "index.md" in pages and len(pages) == len(rows)  # each page once
    assert len(pages) > 3


def test_auto_stays_serial_on_one_cpu_small_sites_and_foreign_page_hooks(tmp_path, monkeypatch):
    config = tmp_path / "mkdocs.yml"
    hooks = tmp_path / "hooks.py"
    hooks.write_text("def on_page_markdown(markdown, **kwargs):\n    return markdown\n", encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    for n in range(parallel.PARALLEL_MIN_PAGES):
        (docs / f"p{n}.md").write_text(f"# {n}\n", encoding="utf-8")
    config.write_text(f"site_name: t\ndocs_dir: {docs}\nplugins:\n  - sxs\n", encoding="utf-8")
    loaded = load_config(str(config))
    loaded.plugins.on_startup(command="build", dirty=False)
    from mkdocs.structure.files import get_files
    files = get_files(loaded)
    plugin = loaded.plugins["sxs"]
    monkeypatch.setattr(parallel, "usable_cpus", lambda: 2)
    assert parallel.parallel_workers("auto", loaded, files, plugin) == 2
    assert parallel.parallel_workers(False, loaded, files, plugin) == 0
    monkeypatch.setattr(parallel, "usable_cpus", lambda: 1)
    assert parallel.parallel_workers("auto", loaded, files, plugin) == 0
    assert parallel.parallel_workers(True, loaded, files, plugin) == 2
    monkeypatch.setattr(parallel, "usable_cpus", lambda: 2)
    (docs / "p0.md").unlink()
    assert parallel.parallel_workers("auto", loaded, get_files(loaded), plugin) == 0  # a small site
    config.write_text(config.read_text() + f"hooks:\n  - {hooks}\n", encoding="utf-8")
    loaded = load_config(str(config))
    assert parallel.parallel_workers(True, loaded, files, loaded.plugins["sxs"]) == 0


def test_a_killed_worker_leaves_the_rest_to_the_parent(tmp_path, caplog, monkeypatch):
    """A worker that dies (OOM killer) never answers: after the timeout the parent builds the rest itself."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    serial, _ = build_site(tmp_path, DOCSETS["docfx"], False, caplog)
    original = parallel._populate

    def die(file):
        if file.src_uri != "index.md":
            os._exit(1)  # as if killed
        return original(file)

    monkeypatch.setattr(parallel, "_populate", die)
    monkeypatch.setattr(parallel, "CHUNK_TIMEOUT", 5)
    workers, records = build_site(tmp_path, DOCSETS["docfx"], True, caplog)
    assert any("page workers stopped answering" in message for _, _, message in records)
    assert not same_tree(serial / "site", workers / "site")


def test_with_workers_the_link_check_runs_beside_the_templates_with_the_same_findings(tmp_path, caplog, monkeypatch):
    """mkdocs/linkcheck.py BackgroundCheck: started in on_env of a parallel build, logged in on_post_build."""
    from mkdocs_sxs.mkdocs import linkcheck

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    started = []
    original = linkcheck.BackgroundCheck.start.__func__

    def spy(cls, config, plugin_config, scans=None):
        job = original(cls, config, plugin_config, scans)
        started.append(job)
        return job

    monkeypatch.setattr(linkcheck.BackgroundCheck, "start", classmethod(spy))
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))  # where the check leaves its result
    serial, serial_log = build_site(tmp_path, DOCSETS["links"], False, caplog)
    assert started == []
    workers, workers_log = build_site(tmp_path, DOCSETS["links"], True, caplog)
    assert len(started) == 1 and started[0] is not None
    assert started[0]._path.startswith(str(temporary)) and list(temporary.iterdir()) == []  # read, then removed
    assert any("[broken]" in message or "link" in message for _, _, message in workers_log)
    assert workers_log == serial_log
    assert not same_tree(serial / "site", workers / "site")
