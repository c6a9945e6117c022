"""core/docfx/repository.find_in_repository delegates to the one safe resolver: same answers, and a folder's
listing is read afresh each time (a file added or renamed under `mkdocs serve` is found)."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs_sxs.core.docfx.repository import find_in_repository


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    (repo / ".git").mkdir()
    (repo / "samples").mkdir()
    return repo.resolve()


def test_exact_case_and_outside(tmp_path):
    repo = _repo(tmp_path)
    (repo / "samples" / "Sample.cs").write_text("x", encoding="utf-8")
    (tmp_path / "secret.cs").write_text("s", encoding="utf-8")
    docs = repo / "docs"
    assert find_in_repository(docs, "../samples/Sample.cs") == (repo / "samples" / "Sample.cs", False)
    assert find_in_repository(docs, "..\\SAMPLES\\sample.cs") == (repo / "samples" / "Sample.cs", True)
    assert find_in_repository(docs, "../../secret.cs") == (None, False)
    assert find_in_repository(docs, "/etc/passwd") == (None, False)
    assert find_in_repository(docs, "../samples") == (None, False)        # a folder is no file
    os.symlink(tmp_path / "secret.cs", repo / "samples" / "link.cs")
    assert find_in_repository(docs, "../samples/link.cs") == (None, False)  # a symlink out is not followed


def test_listing_does_not_go_stale(tmp_path):
    repo = _repo(tmp_path)
    docs = repo / "docs"
    assert find_in_repository(docs, "../samples/new.CS") == (None, False)
    (repo / "samples" / "New.cs").write_text("x", encoding="utf-8")
    assert find_in_repository(docs, "../samples/new.CS") == (repo / "samples" / "New.cs", True)
    (repo / "samples" / "New.cs").rename(repo / "samples" / "Renamed.cs")
    assert find_in_repository(docs, "../samples/new.CS") == (None, False)
    assert find_in_repository(docs, "../samples/renamed.cs") == (repo / "samples" / "Renamed.cs", True)
