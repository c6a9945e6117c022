import os
import stat
from pathlib import Path

import pytest
from mkdocs_sxs.core.files.atomicio import replaced, write_bytes_atomic


def test_replaces_content_and_keeps_permission_bits(tmp_path):
    page = tmp_path / "page.md"
    page.write_bytes(b"old\r\n")
    os.chmod(page, 0o640)
    write_bytes_atomic(page, b"new\r\n")
    assert page.read_bytes() == b"new\r\n"
    assert stat.S_IMODE(page.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.md"]


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path):
    page = tmp_path / "page.md"
    page.write_bytes(b"old")
    with pytest.raises(TypeError):
        write_bytes_atomic(page, "not bytes")  # type: ignore[arg-type]
    assert page.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.md"]


def test_temp_files_left_by_a_killed_run_are_removed_on_the_next_write(tmp_path):
    page = tmp_path / "page.md"
    page.write_bytes(b"old")
    (tmp_path / ".page.md.k3x9_a.tmp").write_bytes(b"half")
    (tmp_path / ".other.md.k3x9_a.tmp").write_bytes(b"not ours")
    write_bytes_atomic(page, b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.md.k3x9_a.tmp", "page.md"]


def test_replaced_build_output_is_the_old_file_or_the_new_one(tmp_path: Path):
    """`replaced` (build output served while a site is rebuilt): the new bytes appear in one rename, with the
    mode a new file gets; a writer that fails leaves the old file and no temp file behind."""
    target = tmp_path / "site" / "search" / "search_index.json"
    with replaced(target, "w", encoding="utf-8") as handle:
        handle.write("{}")
        assert not target.exists()  # nothing at the path until the file is whole
    first = target.stat()
    mask = os.umask(0)
    os.umask(mask)
    assert first.st_mode & 0o777 == 0o666 & ~mask
    with pytest.raises(RuntimeError):
        with replaced(target, "w", encoding="utf-8") as handle:
            handle.write('{"docs": [')
            raise RuntimeError("the writer failed")
    assert target.read_text(encoding="utf-8") == "{}"
    assert sorted(path.name for path in target.parent.iterdir()) == ["search_index.json"]
    with replaced(target) as handle:
        handle.write(b'{"docs":[]}')
    assert target.read_bytes() == b'{"docs":[]}' and target.stat().st_ino != first.st_ino
