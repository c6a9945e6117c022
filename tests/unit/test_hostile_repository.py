"""Issue 17: the whole repository is untrusted. One regression test (or more) per finding.

Each test writes its hostile input itself. The site-level ones share the
docset of tests/hostile_repository.py (built once per session; the browser
test loads the same site in Chromium).
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import time
from pathlib import Path

import polib
import pytest
from mkdocs_sxs.cli import main
from mkdocs_sxs.core.docfx.config import read_docfx_json
from mkdocs_sxs.core.docfx.docset import Docset
from mkdocs_sxs.core.docfx.markdown import DocfxOptions, transform_docfx
from mkdocs_sxs.core.docfx.redirects import read_redirects
from mkdocs_sxs.core.docfx.toc import read_toc
from mkdocs_sxs.core.docfx.yamlpages import convert
from mkdocs_sxs.core.files.docfile import DocsetFileError
from mkdocs_sxs.core.reader.frontmatter import split_front_matter
from mkdocs_sxs.core.reader.meta_text import meta_html, meta_text
from mkdocs_sxs.core.reader.parser import parse_sxs
from mkdocs_sxs.core.reader.sanitize import escape_template_meta
from mkdocs_sxs.core.reader.url_policy import is_safe_url
from mkdocs_sxs.core.translation.catalog import CatalogUnit
from mkdocs_sxs.core.translation.postedits import page_post_edits, safe_markup

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from hostile_repository import build_repository  # noqa: E402


def tu(uid: str, target: str, source: str) -> str:
    return (f'<span data-ttu-id="{uid}">{target}</span><span class="sxs-lookup">'
            f'<span data-stu-id="{uid}">{source}</span></span>')


PAGE = ("---\nms.contentlocale: cs-CZ\n---\n# Stránka\n\n" + tu("a-1", "Jedna.", "One.") + "\n\n"
        + tu("a-2", "Dvě.", "Two.") + "\n")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_repository(tmp_path_factory.mktemp("hostile-repo"))


def _html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


_RAW_PAYLOAD = re.compile(r"<(?:img|svg|script)\b[^>]*(?:onerror|onload|alert)", re.I)


# -- 1, 2: metadata of any YAML type, docfx.json titleSuffix --------------------------------------


def test_1_front_matter_of_any_yaml_type_is_escaped_text() -> None:
    meta = {"title": ["<img src=x onerror=alert(1)>"], "description": {"a": "<script>x</script>"},
            "author": [{"n": "<b>"}, 5], "ms.date": "01/02/2020"}
    escape_template_meta(meta)
    assert meta["title"] == "&lt;img src=x onerror=alert(1)&gt;"
    assert meta["description"] == "&lt;script&gt;x&lt;/script&gt;"
    assert meta["author"] == "&lt;b&gt;, 5"
    assert meta_text(None) == "" and meta_text(True) == "true" and meta_html('"') == "&quot;"


def test_1_2_3_4_no_payload_of_the_repository_is_markup_in_the_site(site: Path) -> None:
    pages = _html_pages(site)
    assert {p.relative_to(site).as_posix() for p in pages} >= {"index.html", "list-title/index.html",
                                                                 "map-title/index.html", "faq/index.html"}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        html = re.sub(r"<script>window\.sxs[^<]*</script>", "", html)
        assert not _RAW_PAYLOAD.search(html), (page, _RAW_PAYLOAD.search(html))
        for href in re.findall(r'(?:href|src)="([^"]*)"', html):
            assert is_safe_url(href, image=True), (page, href)
    listed = (site / "list-title" / "index.html").read_text(encoding="utf-8")
    assert "<title>&lt;img src=x onerror=alert(&#x27;fm-list-title&#x27;)&gt; - Docs &lt;img" in listed
    landing = (site / "index.html").read_text(encoding="utf-8")
    assert "Zlý odkaz" in landing and "javascript:" not in landing.lower()


def test_2_init_writes_titlesuffix_as_escaped_text(site: Path) -> None:
    config = (site.parent / "mkdocs.yml").read_text(encoding="utf-8")
    assert "site_name: Docs &lt;img src=x onerror=alert(&quot;titlesuffix&quot;)&gt;" in config


# -- 3, 4: TOC and Landing links through the URL policy -----------------------------------------


@pytest.mark.parametrize("href", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:msgbox(1)",
                                  "data:text/html,<script>alert(1)</script>", " java\tscript:alert(1)"])
def test_3_toc_href_with_a_script_scheme_is_not_a_link(tmp_path: Path, href: str) -> None:
    (tmp_path / "a.md").write_text("# A\n", encoding="utf-8")
    (tmp_path / "TOC.yml").write_text(f"- name: A\n  href: a.md\n- name: Bad\n  href: {json.dumps(href)}\n",
                                      encoding="utf-8")
    toc = read_toc(tmp_path, "TOC.yml")
    assert [(e.title, e.href) for e in toc.entries] == [("A", "a.md"), ("Bad", None)]
    problem = next(p for p in toc.problems if p.code == "toc-unsafe-url")
    assert (problem.path, problem.line) == ("TOC.yml", 3)


def test_4_landing_link_with_a_script_scheme_is_text(tmp_path: Path) -> None:
    text = ("### YamlMime:Landing\ntitle: L\nlandingContent:\n  - title: C\n    links:\n"
            "      - text: Bad\n        url: \"javascript:alert(1)\"\n      - text: Good\n        url: a.md\n")
    page = convert(text, "index.yml")
    assert "<li>Bad</li>" in page.markdown and 'href="a.md"' in page.markdown
    assert "javascript" not in page.markdown
    assert [(p.code, p.line) for p in page.problems] == [("yaml-page-unsafe-url", 7)]


def test_4_faq_answer_markdown_link_with_a_script_scheme_is_inert() -> None:
    text = ("### YamlMime:FAQ\ntitle: F\nsections:\n  - name: S\n    questions:\n      - question: Q\n"
            "        answer: \"See [x](javascript:alert(1)).\"\n")
    assert "[x](#javascript:alert(1))" in convert(text, "faq.yml").markdown


# -- 5, 6, 7, 8: reads and writes stay inside their folder ----------------------------------------


@pytest.mark.parametrize("key", ["../../outside/victim.md#a-1", "/ABS/victim.md#a-1",
                                 "sub/../../../outside/victim.md#a-1"])
def test_5_apply_never_writes_outside_docs(tmp_path: Path, capsys, key: str) -> None:
    docs = tmp_path / "repo" / "docs"
    docs.mkdir(parents=True)
    victim = tmp_path / "outside" / "victim.md"
    victim.parent.mkdir()
    victim.write_text(PAGE, encoding="utf-8")
    key = key.replace("/ABS", str(tmp_path / "outside"))
    (docs / "victim.md").write_text(PAGE, encoding="utf-8")
    catalog = tmp_path / "c.po"
    assert main(["extract", str(docs), "--format", "po", "--output", str(catalog)]) == 0
    po = polib.pofile(str(catalog))
    for entry in po:
        entry.msgctxt, entry.msgstr = key, "Upraveno."  # every entry now names the page outside
    po.save(str(catalog))
    assert main(["apply", str(catalog), "--docs", str(docs)]) == 1
    assert victim.read_text(encoding="utf-8") == PAGE
    assert "not applied" in capsys.readouterr().err


def test_6_extract_per_page_catalogs_stay_inside_the_output_folder(tmp_path: Path, capsys) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text(PAGE.replace("cs-CZ", "../../escaped"), encoding="utf-8")
    (docs / "b.md").write_text(PAGE.replace("cs-CZ", str(tmp_path / "abs")), encoding="utf-8")
    (docs / "c.md").write_text(PAGE, encoding="utf-8")
    out = tmp_path / "deep" / "out"
    out.mkdir(parents=True)
    assert main(["extract", str(docs), "--output", f"{out}/"]) == 1
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.po")) == ["deep/out/cs-CZ/c.po"]
    err = capsys.readouterr().err
    assert "a.md: catalog path" in err and "b.md: catalog path" in err


def test_7_redirect_source_outside_the_docset_writes_no_page(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# A\n", encoding="utf-8")
    redirects = tmp_path / ".openpublishing.redirection.json"
    redirects.write_text(json.dumps({"redirections": [
        {"source_path": "docs/../../X.md", "redirect_url": "/docs/a"},
        {"source_path": "docs/old.md", "redirect_url": "/docs/a"}]}, indent=1), encoding="utf-8")
    found, problems = read_redirects(redirects, docs)
    assert [r.source for r in found] == ["old.md"]
    assert [(p.code, p.line) for p in problems] == [("redirect-outside", 4)]


def test_7_redirect_pages_in_a_build_stay_in_site_dir(site: Path) -> None:
    assert (site / "old-ok" / "index.html").is_file()
    assert not (site / "old-js").exists()
    assert not any(p.name == "index.html" for p in site.parent.iterdir() if p.is_dir() and p != site
                   and p.name not in ("docs",))


def test_8_symlinked_include_pointing_out_of_the_repository_is_not_published(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    repo = tmp_path / "repo"
    docs = repo / "docs"
    (docs / "includes").mkdir(parents=True)
    (repo / ".git").mkdir()
    (docs / "includes" / "Leak.md").symlink_to(secret)
    (docs / "includes" / "ok.md").write_text("Fine text.", encoding="utf-8")
    docset = Docset.scan(docs)
    for href in ("includes/Leak.md", "includes/leak.md"):
        result = transform_docfx(f"[!INCLUDE[x]({href})]\n\n[!INCLUDE[y](includes/ok.md)]\n", "page.md", docset)
        assert "TOP SECRET" not in result.text and "Fine text." in result.text
        assert any(p.code == "include-outside" for p in result.problems)


def test_8_include_fallback_refuses_a_symlink_out_in_any_letter_case(tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("TOP SECRET", encoding="utf-8")
    english = tmp_path / "en" / "docs"
    (english / "includes").mkdir(parents=True)
    (tmp_path / "en" / ".git").mkdir()
    (english / "includes" / "Leak.md").symlink_to(secret)
    local = tmp_path / "cs"
    local.mkdir()
    docset = Docset.scan(local)
    for href in ("includes/Leak.md", "includes/LEAK.md", "includes/leak.md"):
        options = DocfxOptions(include_fallback=str(english))
        result = transform_docfx(f"[!INCLUDE[x]({href})]\n", "page.md", docset, options)
        assert "TOP SECRET" not in result.text, href


# -- 9, 10, 11: apply: conflicts, concurrency, permissions and links -------------------------------


def _extracted(tmp_path: Path, docs: Path, name: str) -> Path:
    out = tmp_path / name
    assert main(["extract", str(docs), "--format", "po", "--output", str(out)]) == 0
    return out


def _edit(catalog: Path, edits: dict[str, str], suffix: str = ".po") -> Path:
    po = polib.pofile(str(catalog))
    for entry in po:
        unit_id = entry.msgctxt.rsplit("#", 1)[1]
        if unit_id in edits:
            entry.msgstr = edits[unit_id]
    po.save(str(catalog))
    return catalog


def test_9_two_catalogs_editing_one_unit_differently_are_reported_not_merged(tmp_path: Path, capsys) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "p.md").write_text(PAGE, encoding="utf-8")
    first = _edit(_extracted(tmp_path, docs, "one.po"), {"a-1": "První verze."})
    second = _edit(_extracted(tmp_path, docs, "two.po"), {"a-1": "Druhá verze.", "a-2": "Dvě upravené."})
    folder = tmp_path / "catalogs"
    folder.mkdir()
    first.rename(folder / "one.po")
    second.rename(folder / "two.po")
    assert main(["apply", str(folder), "--docs", str(docs)]) == 1
    text = (docs / "p.md").read_text(encoding="utf-8")
    assert "Jedna." in text and "První" not in text and "Druhá" not in text and "Dvě upravené." in text
    assert "conflicts with" in capsys.readouterr().err
    # the build shows the machine translation for that unit too, with a warning
    page = parse_sxs(PAGE, "p.md")
    entries = [CatalogUnit("p.md", "a-1", "One.", "První verze.", 6, "paragraph", None, origin="one.po"),
               CatalogUnit("p.md", "a-1", "One.", "Druhá verze.", 6, "paragraph", None, origin="two.po")]
    edits = page_post_edits(page, entries)
    assert edits.overrides == {} and [p.code for p in edits.problems] == ["post-edit-conflict"]


def test_10_concurrent_apply_runs_lose_no_edit(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "p.md").write_text(PAGE, encoding="utf-8")
    first = _edit(_extracted(tmp_path, docs, "one.po"), {"a-1": "První upravená."})
    second = _edit(_extracted(tmp_path, docs, "two.po"), {"a-2": "Druhá upravená."})
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    runs = [subprocess.Popen([sys.executable, "-m", "mkdocs_sxs", "apply", str(catalog), "--docs", str(docs),
                              "--force"], env=env, stderr=subprocess.PIPE, text=True)
            for catalog in (first, second)]
    outputs = [run.communicate(timeout=120)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    text = (docs / "p.md").read_text(encoding="utf-8")
    assert "První upravená." in text and "Druhá upravená." in text
    assert sorted(p.name for p in docs.iterdir()) == ["p.md"]


def test_10_a_live_temp_file_of_another_writer_is_not_removed(tmp_path: Path) -> None:
    from mkdocs_sxs.core.files.atomicio import write_bytes_atomic

    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        page = tmp_path / "p.md"
        page.write_bytes(b"old")
        live = tmp_path / f".p.md.{other.pid}-abc123.tmp"
        live.write_bytes(b"someone else's")
        dead = tmp_path / ".p.md.999999999-abc123.tmp"
        dead.write_bytes(b"left by a killed run")
        write_bytes_atomic(page, b"new")
        assert live.exists() and not dead.exists() and page.read_bytes() == b"new"
    finally:
        other.kill()
        other.wait()


def test_10_apply_compares_before_it_swaps(tmp_path: Path, monkeypatch) -> None:
    from mkdocs_sxs.core.translation import apply as apply_module

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "p.md").write_text(PAGE, encoding="utf-8")
    catalog = _edit(_extracted(tmp_path, docs, "one.po"), {"a-1": "První upravená."})
    original = apply_module.apply_to_bytes

    def meanwhile(raw, page, entries, *, force=False):
        result = original(raw, page, entries, force=force)
        (docs / "p.md").write_text(PAGE.replace("Dvě.", "Dvě (editor)."), encoding="utf-8")  # another writer
        return result

    monkeypatch.setattr(apply_module, "apply_to_bytes", meanwhile)
    assert main(["apply", str(catalog), "--docs", str(docs)]) == 1
    assert "Dvě (editor)." in (docs / "p.md").read_text(encoding="utf-8")


def test_11_read_only_symlinked_and_hard_linked_pages(tmp_path: Path, capsys) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("ro.md", "real.md", "hard.md"):
        (docs / name).write_text(PAGE, encoding="utf-8")
    (docs / "link.md").symlink_to(docs / "real.md")
    os.link(docs / "hard.md", tmp_path / "hard-twin.md")
    os.chmod(docs / "ro.md", 0o444)
    catalog = tmp_path / "c.po"
    assert main(["extract", str(docs), "--format", "po", "--output", str(catalog)]) == 0
    po = polib.pofile(str(catalog))
    for entry in po:
        if entry.msgctxt.endswith("#a-1") and not entry.msgctxt.startswith("real.md"):
            entry.msgstr = "Upraveno."
    po.save(str(catalog))
    assert main(["apply", str(catalog), "--docs", str(docs)]) == 1
    err = capsys.readouterr().err
    assert "ro.md: the page is read-only" in err and "hard.md: the page has 2 hard links" in err
    assert (docs / "ro.md").read_text(encoding="utf-8") == PAGE
    assert not stat.S_IMODE((docs / "ro.md").stat().st_mode) & 0o222
    assert (tmp_path / "hard-twin.md").read_text(encoding="utf-8") == PAGE
    assert (docs / "link.md").is_symlink()  # written through the link: the link stays, the target changes
    assert "Upraveno." in (docs / "real.md").read_text(encoding="utf-8")


# -- 12, 13, 14: extract and post-edit rules ----------------------------------------------------------


def test_12_reextract_keeps_an_edit_whose_sxs_note_was_dropped(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "p.md").write_text(PAGE, encoding="utf-8")
    catalog = _edit(_extracted(tmp_path, docs, "c.po"), {"a-1": "Upraveno."})
    po = polib.pofile(str(catalog))
    for entry in po:
        entry.comment = ""  # a CAT tool dropped the `sxs:` note
    po.save(str(catalog))
    assert main(["extract", str(docs), "--format", "po", "--output", str(catalog)]) == 0
    kept = {e.msgctxt: e.msgstr for e in polib.pofile(str(catalog))}
    assert kept["p.md#a-1"] == "Upraveno." and kept["p.md#a-2"] == "Dvě."


def test_13_a_unit_with_an_empty_id_does_not_reject_the_catalog(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "p.md").write_text(PAGE + "\n" + tu("&quot;>", "Prázdné.", "Empty.") + "\n", encoding="utf-8")
    catalog = _edit(_extracted(tmp_path, docs, "c.po"), {"a-2": "Dvě upravené.", "": "Prázdné upravené."})
    assert "p.md#" in {e.msgctxt for e in polib.pofile(str(catalog))}
    assert main(["apply", str(catalog), "--docs", str(docs)]) == 0
    text = (docs / "p.md").read_text(encoding="utf-8")
    assert "Dvě upravené." in text and "Prázdné upravené." in text


@pytest.mark.parametrize("text", ["Jedna.\r\rDvě.", "Jedna.\r \rDvě.", "Jedna.\r\n\r\nDvě.", "Jedna.\n\nDvě."])
def test_14_blank_lines_with_any_line_ending_are_refused(text: str) -> None:
    markup, refused = safe_markup(text, "c.po: entry 1")
    assert markup is None and "blank line" in refused


def test_14_a_single_line_break_is_still_allowed() -> None:
    assert safe_markup("Jedna.\rDvě.")[0] == "Jedna.\rDvě."


# -- 15, 16, 17: denial of service ----------------------------------------------------------------

BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8))


def test_15_front_matter_alias_bomb_is_a_clear_problem_fast() -> None:
    page = "---\nms.date: 01/02/2020\n" + BOMB + "---\n# T\n"
    started = time.monotonic()
    meta, start, problems = split_front_matter(page, "bomb.md")
    assert time.monotonic() - started < 2
    assert meta == {} and [p.code for p in problems] == ["front-matter-yaml"]
    assert "max_nodes" in problems[0].message and problems[0].line > 2


def test_15_recursive_alias_is_a_clear_problem() -> None:
    meta, _, problems = split_front_matter("---\ntitle: &a [*a]\n---\n", "r.md")
    assert "recursive alias" in problems[0].message and problems[0].line == 2


@pytest.mark.parametrize("command", ["extract", "qa", "annotations"])
def test_15_cli_on_an_alias_bomb_page_ends_fast_without_traceback(tmp_path: Path, command: str, capsys) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "p.md").write_text("---\n" + BOMB + "---\n" + PAGE.split("---\n", 2)[2], encoding="utf-8")
    started = time.monotonic()
    code = main([command, str(docs)])
    assert time.monotonic() - started < 10 and code in (0, 1)
    assert "Traceback" not in capsys.readouterr().err


def test_15_toc_alias_bomb_and_recursive_alias(tmp_path: Path) -> None:
    (tmp_path / "TOC.yml").write_text(BOMB.replace("a: &a", "x: &a") + "items: *i\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "TOC.yml").write_text("- &e\n  name: A\n  items:\n  - *e\n", encoding="utf-8")
    started = time.monotonic()
    problems = read_toc(tmp_path, "TOC.yml").problems + read_toc(tmp_path, "sub/TOC.yml").problems
    assert time.monotonic() - started < 2
    assert [(p.code, p.path) for p in problems] == [("toc-yaml", "TOC.yml"), ("toc-yaml", "sub/TOC.yml")]
    assert "recursive alias" in problems[1].message


def test_15_landing_and_faq_alias_bombs_are_a_clear_problem() -> None:
    for mime in ("Landing", "FAQ"):
        started = time.monotonic()
        page = convert(f"### YamlMime:{mime}\n" + BOMB + "title: *i\n", "x.yml")
        assert time.monotonic() - started < 2
        assert [p.code for p in page.problems] == ["yaml-page"] and "max_nodes" in page.problems[0].message


def test_15_limits_can_be_raised() -> None:
    from mkdocs_sxs.core.files import bounded_yaml

    small = "a: &a [1, 2]\nb: [*a, *a, *a]\n"
    with pytest.raises(bounded_yaml.YamlLimitError):
        bounded_yaml.load(small, bounded_yaml.YamlLimits(max_aliases=2))
    assert bounded_yaml.load(small, bounded_yaml.YamlLimits(max_aliases=3))["b"] == [[1, 2]] * 3


def test_16_include_fan_out_is_bounded(tmp_path: Path) -> None:
    for level in range(9):
        target = f"inc{level + 1}.md" if level < 8 else None
        body = f"Level {level} " + "x" * 600 + "\n\n"
        if target:
            body += "".join(f"[!INCLUDE[i]({target})]\n\n" for _ in range(10))
        (tmp_path / f"inc{level}.md").write_text(body, encoding="utf-8")
    docset = Docset.scan(tmp_path)
    started = time.monotonic()
    result = transform_docfx("[!INCLUDE[i](inc0.md)]\n", "page.md", docset,
                             DocfxOptions(max_include_bytes=200_000))
    assert time.monotonic() - started < 20
    assert len(result.text) < 400_000
    limit = [p for p in result.problems if p.code == "include-limit"]
    assert len(limit) == 1 and "include_max_bytes" in limit[0].message


def _deep_toc(levels: int) -> str:
    lines = []
    for depth in range(levels):
        lines.append("  " * depth + f"- name: L{depth}\n" + "  " * depth + "  href: a.md\n"
                     + "  " * depth + "  items:\n")
    lines.append("  " * levels + "- name: Last\n" + "  " * levels + "  href: a.md\n")
    return "".join(lines)


def test_17_a_deep_toc_is_kept_flat_below_the_limit_as_the_message_says(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A\n", encoding="utf-8")
    (tmp_path / "TOC.yml").write_text(_deep_toc(40), encoding="utf-8")
    toc = read_toc(tmp_path, "TOC.yml")
    depth, entry = 1, toc.entries[0]
    while entry.children and entry.children[0].children:
        depth, entry = depth + 1, entry.children[0]
    assert depth == 9 and [c.title for c in entry.children][:2] == ["L9", "L10"]
    assert len(entry.children) == 32  # L9 … L39 and Last, flat
    message = next(p for p in toc.problems if p.code == "toc-depth").message
    assert "listed flat under it" in message and "toc_max_depth" in message


def test_17_a_toc_nested_900_levels_is_one_message_not_a_recursion_error(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A\n", encoding="utf-8")
    (tmp_path / "TOC.yml").write_text(_deep_toc(900), encoding="utf-8")
    toc = read_toc(tmp_path, "TOC.yml")
    assert toc.entries == [] and [p.code for p in toc.problems] == ["toc-yaml"]
    assert "max_depth" in toc.problems[0].message


# -- 18: invalid docfx.json and redirection file ----------------------------------------------------


def test_18_invalid_docfx_json_is_one_message(tmp_path: Path, capsys) -> None:
    (tmp_path / "docfx.json").write_text('{"build": {\n  "dest": "x",,\n}}', encoding="utf-8")
    (tmp_path / "TOC.yml").write_text("- name: A\n  href: a.md\n", encoding="utf-8")
    with pytest.raises(DocsetFileError) as error:
        read_docfx_json(tmp_path)
    assert (error.value.line, error.value.column) == (2, 15)
    assert main(["init", str(tmp_path), "--output", str(tmp_path / "m.yml")]) == 2
    err = capsys.readouterr().err
    assert "docfx.json:2:15: not valid JSON" in err and "Traceback" not in err


def test_18_invalid_docfx_json_stops_the_build_with_one_message(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "docfx.json").write_text("{ nope", encoding="utf-8")
    (docs / "index.md").write_text("# A\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - sxs\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tmp_path / "mkdocs.yml")],
                         env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode != 0 and "docfx.json:1:3: not valid JSON" in run.stderr
    assert "Traceback" not in run.stderr


def test_18_invalid_utf8_redirection_file_is_a_problem(tmp_path: Path) -> None:
    redirects = tmp_path / ".openpublishing.redirection.json"
    redirects.write_bytes(b'{"redirections": [\n{"source_path": "a\xff.md"}]}')
    found, problems = read_redirects(redirects, tmp_path)
    assert found == [] and [(p.code, p.line) for p in problems] == [("redirects-unreadable", 2)]


# -- 19, 20: the CLI's output files and terminal ------------------------------------------------------


@pytest.fixture()
def small_docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "p.md").write_text(PAGE, encoding="utf-8")
    return docs


@pytest.mark.parametrize("command", ["qa", "check", "annotations"])
def test_19_output_paths_are_checked_before_work(small_docs: Path, tmp_path: Path, capsys, command: str) -> None:
    folder = tmp_path / "existing-folder"
    folder.mkdir()
    existing = tmp_path / "report.txt"
    existing.write_text("keep me", encoding="utf-8")
    cases = [(str(folder), "is a folder"), (str(tmp_path / "missing" / "x.txt"), "does not exist"),
             (str(existing), "use --force")]
    for output, message in cases:
        assert main([command, str(small_docs), "--output", output]) == 2
        err = capsys.readouterr().err
        assert message in err and "Traceback" not in err
    assert existing.read_text(encoding="utf-8") == "keep me"
    assert main([command, str(small_docs), "--output", str(existing), "--force"]) in (0, 1)
    assert existing.read_text(encoding="utf-8") != "keep me"


@pytest.mark.parametrize("command", ["qa", "check", "annotations", "extract"])
def test_19_unwritable_output_folder(small_docs: Path, tmp_path: Path, capsys, monkeypatch, command: str) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    os.chmod(locked, 0o555)
    real_access = os.access
    # root may write into a read-only folder; the check asks os.access, as it would for any other user
    monkeypatch.setattr(os, "access", lambda path, mode: False if Path(path) == locked else real_access(path, mode))
    assert main([command, str(small_docs), "--output", str(locked / "r.po")]) == 2
    err = capsys.readouterr().err
    assert "is not writable" in err and "Traceback" not in err
    assert not (locked / "r.po").exists()


def test_post_edit_links_follow_the_one_url_policy() -> None:
    for text in ("[x](JaVaScRiPt:alert(1))", "[x](java\tscript:alert(1))", "[x](vbscript:x)", "![i](data:text/html,x)"):
        assert safe_markup(text.replace("\\t", "\t"))[0] is None, text
    assert safe_markup("[x](https://example.com) a [y](page.md#a)")[0] is not None


def test_19_extract_format_and_output_extension_agree(small_docs: Path, tmp_path: Path, capsys) -> None:
    assert main(["extract", str(small_docs), "--format", "po", "--output", str(tmp_path / "x.xlf")]) == 2
    assert "--format is po" in capsys.readouterr().err and not (tmp_path / "x.xlf").exists()
    assert main(["extract", str(small_docs), "--output", str(tmp_path / "x.xlf")]) == 0
    assert (tmp_path / "x.xlf").read_text(encoding="utf-8").startswith("<?xml")
    assert main(["extract", str(small_docs), "--output", str(tmp_path / "nope" / "x.po")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_20_control_characters_never_reach_the_terminal(tmp_path: Path, capsys) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "p.md").write_text(
        "# T\n\n[x](missing\x1b]0;pwned\x07.md) and [y](gone\x1b[2J.md)\n\n"
        + tu("a\x1b[2J", "Cíl\x1b]0;t\x07.", "Target.") + tu("a\x1b[2J", "Cíl.", "Target.") + "\n",
        encoding="utf-8")
    main(["check", str(docs)])
    main(["qa", str(docs)])
    out = capsys.readouterr()
    assert "\x1b" not in out.out and "\x1b" not in out.err and "\x07" not in out.out
    assert "\\x1b" in out.out


def test_15_alias_bomb_in_ms_date_and_title_builds_fast_with_one_warning(tmp_path: Path) -> None:
    """MkDocs loads front matter itself (cheaply: aliases stay shared); the plugin must never walk it."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("---\n" + BOMB + "ms.date: *i\ntitle: *i\ndescription: *h\n---\n# T\n\nText.\n",
                                   encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - sxs\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "NO_MKDOCS_2_WARNING": "1"}
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(tmp_path / "mkdocs.yml")],
                         env=env, capture_output=True, text=True, timeout=120)
    assert time.monotonic() - started < 60
    assert run.returncode == 0 and "Traceback" not in run.stderr
    assert "index.md: front matter expands to more than 1,000,000 values" in run.stderr
    assert "Text." in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_15_metadata_text_of_a_shared_structure_is_bounded() -> None:
    from mkdocs_sxs.core.files.bounded_yaml import value_size

    level = ["x"] * 10
    for _ in range(8):
        level = [level] * 10
    started = time.monotonic()
    assert len(meta_text(level)) < 10_000 and value_size(level, 1_000_000) is None
    recursive: list = []
    recursive.append(recursive)
    assert value_size(recursive, 10) is None and value_size({"a": "b"}, 10) == 3
    assert time.monotonic() - started < 1


def test_limits_are_raised_with_plugin_options_and_cli_flags(tmp_path: Path, capsys) -> None:
    """A trusted docset that needs more: `yaml_max_*` under `sxs:`, `--yaml-max-*` on the command line."""
    from mkdocs.config import load_config
    from mkdocs_sxs.core.files import bounded_yaml
    from mkdocs_sxs.mkdocs.plugin import apply_input_limits

    docs = tmp_path / "docs"
    docs.mkdir()
    aliases = "a: &a x\n" + "".join(f"k{i}: *a\n" for i in range(20))
    (docs / "p.md").write_text("---\n" + aliases + "---\n" + PAGE.split("---\n", 2)[2], encoding="utf-8")
    try:
        assert main(["--yaml-max-aliases", "5", "qa", str(docs)]) in (0, 1)
        assert split_front_matter((docs / "p.md").read_text(encoding="utf-8"), "p.md")[2][0].code == \
            "front-matter-yaml"
        assert main(["--yaml-max-aliases", "50", "qa", str(docs)]) in (0, 1)
        assert split_front_matter((docs / "p.md").read_text(encoding="utf-8"), "p.md")[2] == []
        (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - sxs:\n      yaml_max_aliases: 3\n"
                                             "      yaml_max_depth: 7\n      toc_max_depth: 4\n", encoding="utf-8")
        config = load_config(str(tmp_path / "mkdocs.yml"))
        apply_input_limits(config.plugins["sxs"].config)
        assert bounded_yaml.default_limits() == bounded_yaml.YamlLimits(max_aliases=3, max_depth=7)
    finally:
        bounded_yaml.set_default_limits(bounded_yaml.DEFAULT_LIMITS)
        from mkdocs_sxs.core.docfx.toc import MAX_DEPTH, set_max_depth

        set_max_depth(MAX_DEPTH)


def test_8_a_docs_dir_file_symlinked_out_is_not_published(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# A\n\n![logo](logo.png)\n", encoding="utf-8")
    (docs / "logo.png").symlink_to(secret)
    (docs / "inside.md").symlink_to(docs / "index.md")  # a link that stays inside is fine
    (tmp_path / "elsewhere" / "deep").mkdir(parents=True)  # a folder linked out: every file under it
    (tmp_path / "elsewhere" / "deep" / "leak.txt").write_text("TOP SECRET", encoding="utf-8")
    (docs / "guides").mkdir()
    (docs / "guides" / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - sxs\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(tmp_path / "mkdocs.yml")],
                         env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "logo.png: a symbolic link that leads outside docs_dir" in run.stderr
    assert "guides/linked/deep/leak.txt: a symbolic link that leads outside docs_dir" in run.stderr
    assert not (tmp_path / "site" / "logo.png").exists() and (tmp_path / "site" / "inside" / "index.html").exists()
    assert not any("TOP SECRET" in p.read_text(errors="replace") for p in (tmp_path / "site").rglob("*") if p.is_file())


def test_8_media_fallback_symlink_out_is_not_copied(tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"TOP SECRET")
    english = tmp_path / "en"
    (english / "media").mkdir(parents=True)
    (english / "media" / "a.png").symlink_to(secret)
    (english / "media" / "b.png").write_bytes(b"png")
    local = tmp_path / "cs"
    local.mkdir()
    result = transform_docfx("![a](media/a.png) ![b](media/b.png)\n", "page.md", Docset.scan(local),
                             DocfxOptions(media_fallback=str(english)))
    assert [copy.dest for copy in result.media] == ["media/b.png"]


@pytest.mark.parametrize("command", ["check", "qa"])
def test_15_mkdocs_yml_alias_bomb_is_one_message(tmp_path: Path, capsys, command: str) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "p.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: !ENV [X, y]\n" + BOMB + "plugins: *i\n", encoding="utf-8")
    started = time.monotonic()
    assert main([command, str(tmp_path)]) == 2
    assert time.monotonic() - started < 5
    err = capsys.readouterr().err
    assert "mkdocs.yml" in err and "max_nodes" in err and "Traceback" not in err


def test_a_marked_section_that_is_no_cdata_does_not_stop_the_build() -> None:
    """visualstudio-docs' fonts-and-colors page: `\\<![, ]]>` made Python's html.parser raise AssertionError."""
    import markdown

    text = ("|**Oddělovač XML**|Oddělovače <, <?, <!, \\<!--, --> ,? \\> , a \\<![, ]]> [,].|\n\n"
            "A `<![x]>` kód a <![CDATA[ok]]> a <![ x\n")
    html = markdown.Markdown(extensions=["tables", "md_in_html", "mkdocs_sxs.markdown_ext"]).convert(text)
    assert "a &lt;![, ]]&gt; [,]." in html and "a &lt;![ x" in html
    assert "<code>&lt;![x]&gt;</code>" in html and "<![CDATA[ok]]>" in html  # code and CDATA as they were
