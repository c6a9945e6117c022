import os
import stat

import pytest
from mkdocs_sxs.core.files.atomicio import write_bytes_atomic


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
