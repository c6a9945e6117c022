"""Bad input gets one clear message (file, line, fix), a non-zero exit and no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs_sxs import cli
from mkdocs_sxs.core.files.docfile import DocsetFileError, read_text, read_text_lenient
from support import ENGINE

ROOT = Path(__file__).resolve().parents[2]


def mkdocs_build(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "plugins"), os.environ.get("PYTHONPATH", "")]),
               NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", ENGINE, "build", *args], cwd=site, env=env,
                          capture_output=True, text=True, timeout=300)


def make_site(tmp_path: Path, pages: dict[str, bytes], plugin: str = "  - sxs\n") -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, data in pages.items():
        (docs / name).write_bytes(data)
    (tmp_path / "mkdocs.yml").write_text(f"site_name: E\nplugins:\n{plugin}", encoding="utf-8")
    return tmp_path


def test_non_utf8_page_names_file_line_and_fix(tmp_path):
    site = make_site(tmp_path, {"index.md": b"# ok\n", "bad.md": b"# Nadpis\n\nText \xe9 konec\n"})
    result = mkdocs_build(site)
    assert result.returncode != 0
    assert "bad.md:3:6: not valid UTF-8 (byte 0xE9" in result.stderr and "re-save the file as UTF-8" in result.stderr
    assert "Traceback" not in result.stderr


def test_broken_symlink_page_is_named(tmp_path):
    site = make_site(tmp_path, {"index.md": b"# ok\n"})
    (site / "docs" / "gone.md").symlink_to(site / "docs" / "nowhere.md")
    result = mkdocs_build(site)
    assert result.returncode != 0
    assert "gone.md: is a broken symbolic link" in result.stderr and "Traceback" not in result.stderr


def test_front_matter_yaml_error_is_reported_with_line_and_fails_strict(tmp_path):
    site = make_site(tmp_path, {"index.md": b"---\ntitle: ok\nms.date: [1\n---\n# Nadpis\n"})
    result = mkdocs_build(site, "--strict")
    assert result.returncode != 0
    assert "index.md:4:1: error: front matter is not valid YAML" in result.stderr
    assert "fix the YAML between the '---' lines" in result.stderr and "Traceback" not in result.stderr


def test_bad_plugin_option_names_the_option(tmp_path):
    site = make_site(tmp_path, {"index.md": b"# ok\n"}, plugin="  - sxs:\n      default_mode: bogus\n")
    result = mkdocs_build(site)
    assert result.returncode != 0
    assert "Plugin 'sxs' option 'default_mode'" in result.stderr and "'target', 'source', 'both'" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_docs_folder(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: E\ndocs_dir: nothere\nplugins:\n  - sxs\n", encoding="utf-8")
    result = mkdocs_build(tmp_path)
    assert result.returncode != 0
    assert "docs_dir" in result.stderr and "nothere" in result.stderr and "Traceback" not in result.stderr


def test_read_text_keeps_line_endings_and_reports_bom(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"\xef\xbb\xbfa\r\nb \n\tc\r")
    read = read_text(path)
    assert (read.text, read.bom) == ("a\r\nb \n\tc\r", True)


def test_invalid_utf8_error_has_line_column_and_byte(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes("řádek\ndruhý \xff".encode("utf-8", "surrogateescape").replace(b"\xc3\xbf", b"\xff"))
    with pytest.raises(DocsetFileError) as caught:
        read_text(path, "docs/a.md")
    assert (caught.value.line, caught.value.column) == (2, 7)
    assert str(caught.value).startswith("docs/a.md:2:7: not valid UTF-8 (byte 0xFF")
    text, problems = read_text_lenient(path, "docs/a.md")
    assert text.text == "řádek\ndruhý \ufffd"
    assert [(p.line, p.column, p.code, p.level) for p in problems] == [(2, 7, "not-utf8", "error")]


def test_folder_and_missing_file(tmp_path):
    with pytest.raises(DocsetFileError, match="is a folder"):
        read_text(tmp_path)
    with pytest.raises(DocsetFileError, match="file not found"):
        read_text(tmp_path / "none.md")


def test_cli_turns_a_file_error_into_one_message(tmp_path, monkeypatch, capsys):
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"ok\n\xe9\n")
    original = cli.build_parser

    def build_parser():
        parser = original()
        subparsers = next(a for a in parser._actions if a.dest == "command")
        command = subparsers.add_parser("read")
        command.set_defaults(run=lambda args: read_text(bad, "bad.md") and 0)
        return parser

    monkeypatch.setattr(cli, "build_parser", build_parser)
    assert cli.main(["read"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == ("mkdocs-sxs read: error: bad.md:2:1: not valid UTF-8 (byte 0xE9 at byte offset 3); "
                           "re-save the file as UTF-8 (e.g. `iconv -f WINDOWS-1250 -t UTF-8`)")
    with pytest.raises(DocsetFileError):
        cli.main(["--debug", "read"])


SXS_PAGE = ('<span data-ttu-id="a-1">Věta.</span><span class="sxs-lookup">'
            '<span data-stu-id="a-1">Sentence.</span></span>\n')


def cli_run(argv: list[str], capsys) -> tuple[int, str]:
    code = cli.main(argv)
    return code, capsys.readouterr().err


@pytest.mark.parametrize("command", ["extract", "qa", "annotations"])
def test_cli_missing_docs_folder(command, tmp_path, capsys):
    code, err = cli_run([command, str(tmp_path / "nothere")], capsys)
    assert code == 2
    assert "nothere" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("command", ["extract", "qa", "annotations"])
def test_cli_non_utf8_page_names_file_line_and_fix(command, tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.md").write_text(SXS_PAGE, encoding="utf-8")
    (docs / "bad.md").write_bytes(b"# Nadpis\n\xe9 " + SXS_PAGE.encode())
    argv = [command, str(docs)] + (["--output", str(tmp_path / "out")] if command == "extract" else [])
    code, err = cli_run(argv, capsys)
    assert code == 2
    assert "bad.md:2:1: not valid UTF-8 (byte 0xE9" in err and "re-save the file as UTF-8" in err
    assert "Traceback" not in err


def test_cli_apply_skips_a_non_utf8_page_with_a_clear_message(tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text(SXS_PAGE, encoding="utf-8")
    catalog = tmp_path / "edits.jsonl"
    assert cli.main(["extract", str(docs), "--format", "jsonl", "--output", str(catalog)]) == 0
    catalog.write_text(catalog.read_text(encoding="utf-8").replace("Věta.", "Upravená věta."), encoding="utf-8")
    (docs / "page.md").write_bytes(SXS_PAGE.encode() + b"\xff\n")
    capsys.readouterr()
    code, err = cli_run(["apply", str(catalog), "--docs", str(docs)], capsys)
    assert code == 1
    assert "page.md:2:1: not valid UTF-8 (byte 0xFF" in err and "not applied" in err and "Traceback" not in err
    assert (docs / "page.md").read_bytes() == SXS_PAGE.encode() + b"\xff\n"


def test_cli_broken_mkdocs_yml_names_line(tmp_path, capsys):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nnav:\n  - [broken\n", encoding="utf-8")
    code, err = cli_run(["qa", str(tmp_path)], capsys)
    assert code == 2
    assert "mkdocs.yml:4:1: not valid YAML" in err and "Traceback" not in err


def test_check_still_checks_links_of_a_page_with_invalid_utf8(tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# a\n", encoding="utf-8")
    (docs / "b.md").write_bytes(b"# b\n\xe9\n[y](missing.md)\n")
    code = cli.main(["check", str(docs)])
    out = capsys.readouterr()
    assert code == 1
    assert "b.md:3:5: error: link 'missing.md'" in out.out + out.err
