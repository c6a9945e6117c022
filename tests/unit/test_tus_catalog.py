"""Extraction and catalog formats on a small fixture docset (tests/fixtures/tus/docs)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import polib
import pytest
from conftest import FIXTURES
from lxml import etree
from mkdocs_sxs.cli import main
from mkdocs_sxs.core.reader.parser import parse_file
from mkdocs_sxs.core.translation.catalog import docs_root, iter_units, markdown_pages
from mkdocs_sxs.core.translation.formats import CatalogError, read_catalog, write_catalog

DOCS = FIXTURES / "tus" / "docs"
SUFFIX = {"po": "po", "xliff": "xlf", "tmx": "tmx", "jsonl": "jsonl"}


def fixture_units():
    return list(iter_units(DOCS))


def test_units_in_path_then_document_order_with_markdown_as_written():
    units = fixture_units()
    assert markdown_pages(DOCS) == ["page.md", "plain.md", "sub/crlf-bom.md"]
    assert [unit.key for unit in units][:3] == ["page.md#aa-101", "page.md#aa-102", "page.md#aa-103"]
    assert [unit.page for unit in units][-1] == "sub/crlf-bom.md"
    parsed = parse_file(str(DOCS / "page.md"), "page.md")
    assert [(u.id, u.source, u.target) for u in units if u.page == "page.md"] == [
        (u.id, u.source, u.target) for u in parsed.units
    ]
    link = next(unit for unit in units if unit.id == "aa-102")
    assert link.source == "Read the **guide** and the [documentation](https://example.com/docs)."
    assert link.location == "page.md:7" and link.locale == "cs-CZ"
    contexts = {unit.id: unit.context for unit in units}
    assert contexts["aa-101"] == "heading" and contexts["aa-104"] == "list-item" and contexts["aa-106"] == "table-cell"


def test_docs_root_follows_mkdocs_yml(tmp_path: Path):
    (tmp_path / "site-src").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ndocs_dir: site-src\nmarkdown_extensions:\n"
                                         "  - pymdownx.emoji:\n      emoji_index: !!python/name:material.x\n")
    assert docs_root(tmp_path) == (tmp_path / "site-src").resolve()
    assert docs_root(tmp_path / "mkdocs.yml") == (tmp_path / "site-src").resolve()
    with pytest.raises(FileNotFoundError):
        docs_root(tmp_path / "missing")


@pytest.mark.parametrize("fmt", ["po", "xliff", "tmx", "jsonl"])
def test_each_format_reads_back_exactly(fmt: str, tmp_path: Path):
    units = fixture_units()
    units[0].source, units[0].target = "  spaces  kept ", "\tmezery  zůstanou "
    units[1].target = "řádek\ndruhý <b>&amp;</b>"
    path = tmp_path / f"all.{SUFFIX[fmt]}"
    path.write_bytes(write_catalog(units, fmt))
    back = read_catalog(path)
    fields = ("key", "source", "target", "page_hash", "target_hash", "line", "context")
    assert [tuple(getattr(u, name) for name in fields) for u in back] == [
        tuple(getattr(u, name) for name in fields) for u in units
    ]
    assert all(unit.origin.startswith(str(path)) for unit in back)


def test_po_is_plain_gettext_for_polib(tmp_path: Path):
    units = fixture_units()
    path = tmp_path / "all.po"
    path.write_bytes(write_catalog(units, "po"))
    entries = [entry for entry in polib.pofile(str(path)) if entry.msgid or entry.msgctxt]
    assert len(entries) == len(units)
    first = entries[1]
    assert first.msgctxt == "page.md#aa-102"
    assert first.occurrences == [("page.md", "7")]
    assert "context: paragraph" in first.comment
    assert polib.pofile(str(path)).metadata["Language"] == "cs-CZ"


def test_xliff_is_version_2_with_exact_keys(tmp_path: Path):
    units = fixture_units()
    root = etree.fromstring(write_catalog(units, "xliff"))
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    assert root.get("version") == "2.0" and root.get("srcLang") == "en" and root.get("trgLang") == "cs-CZ"
    xml_units = root.findall(".//x:unit", ns)
    assert [unit.get("name") for unit in xml_units] == [unit.key for unit in units]
    assert len({unit.get("id") for unit in xml_units}) == len(units)
    # notes belong to the unit, before its segment (XLIFF 2.0 core)
    assert [child.tag.split("}")[1] for child in xml_units[0]] == ["notes", "segment"]
    space = "{http://www.w3.org/XML/1998/namespace}space"
    assert xml_units[0].get(space) == "preserve" and xml_units[0].find("x:segment", ns).get(space) is None
    quotes = next(unit for unit in xml_units if unit.get("name") == "page.md#aa-105")
    assert quotes.find(".//x:source", ns).text == 'Item with "quotes" & ampersand'


def test_tmx_loads_with_lxml(tmp_path: Path):
    units = fixture_units()
    root = etree.fromstring(write_catalog(units, "tmx"))
    tus = root.findall(".//tu")
    assert [tu.get("tuid") for tu in tus] == [unit.key for unit in units]
    assert [tu.findall("tuv")[1].find("seg").text for tu in tus] == [unit.target for unit in units]


def test_jsonl_has_required_fields_per_tu():
    lines = write_catalog(fixture_units(), "jsonl").decode().splitlines()
    record = json.loads(lines[0])
    for name in ("page", "id", "source", "target", "line", "context", "locale"):
        assert name in record
    assert json.loads(lines[-1])["page"] == "sub/crlf-bom.md"


def test_broken_catalog_is_named(tmp_path: Path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"page": "a.md"}\n')
    with pytest.raises(CatalogError, match=r"bad.jsonl:1"):
        read_catalog(bad)
    with pytest.raises(CatalogError, match="unknown catalog type"):
        read_catalog(tmp_path / "x.docx")


def test_cli_extract_per_page_layout_and_single_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    out = tmp_path / "translations"
    out.mkdir()
    assert main(["extract", str(DOCS), "--format", "po", "--output", str(out)]) == 0
    written = sorted(path.relative_to(out).as_posix() for path in out.rglob("*.po"))
    assert written == ["cs-CZ/page.po", "cs-CZ/sub/crlf-bom.po"]
    assert main(["extract", str(DOCS), "--format", "xliff", "--output", str(tmp_path / "all.xlf")]) == 0
    assert len(read_catalog(tmp_path / "all.xlf")) == len(fixture_units())
    capsys.readouterr()
    assert main(["extract", str(DOCS), "--format", "jsonl"]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == len(fixture_units())
    # no progress when stderr is not a terminal; one summary line, as stdout is not a terminal either (issue 16)
    assert captured.err.splitlines() == [f"extract: {len(fixture_units())} units from 3 pages (jsonl)"]


def test_progress_only_on_a_terminal():
    from mkdocs_sxs.cli.progress import Progress

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    quiet, loud = io.StringIO(), Tty()
    for stream in (quiet, loud):
        progress = Progress("extract", stream, interval=0)
        progress(1, 2, "a.md")
        progress(2, 2, "b.md")
    assert quiet.getvalue() == ""
    assert "2/2 pages" in loud.getvalue()


def test_cli_extract_missing_path_is_a_user_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["extract", str(tmp_path / "nope")]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_seed_catalog_matches_the_demo_page():
    """translations/ holds the seed page's catalog, in step with docs/."""
    root = Path(__file__).resolve().parents[2]
    catalog = root / "translations" / "cs-CZ" / "customer-communication-from-microsoft.po"
    entries = read_catalog(catalog)
    page = parse_file(str(root / "docs" / "customer-communication-from-microsoft.md"),
                      "customer-communication-from-microsoft.md")
    assert [(e.id, e.source) for e in entries] == [(u.id, u.source) for u in page.units]
    from mkdocs_sxs.core.translation.postedits import is_edited_entry

    assert not any(is_edited_entry(entry) for entry in entries)  # hashes as extracted: nothing edited yet


def test_jsonl_lines_are_the_json_of_each_unit():
    from mkdocs_sxs.core.translation.formats import jsonl_line

    units = fixture_units()
    units[0].target = 'tab\t "quote" \\ back \u2028 line \x01 ctl'
    units[1].source = None
    for unit in units:
        assert json.loads(jsonl_line(unit)) == unit.to_dict()


def test_lean_jsonl_path_gives_the_same_lines():
    from mkdocs_sxs.core.translation.catalog import iter_pages, page_units
    from mkdocs_sxs.core.translation.formats import jsonl_line, page_jsonl

    for page, raw in iter_pages(DOCS):
        assert page_jsonl(page, raw) == "".join(jsonl_line(unit) for unit in page_units(page, raw))


class DictStore:
    """The build cache's catalog stage, in memory (the on-disk one has the same get/put)."""

    def __init__(self) -> None:
        self.entries: dict[str, object] = {}

    def get(self, key: str) -> object | None:
        return json.loads(json.dumps(self.entries[key])) if key in self.entries else None  # as JSON would

    def put(self, key: str, payload: object) -> None:
        self.entries[key] = payload


@pytest.mark.parametrize("fmt", ["po", "xliff", "tmx", "jsonl"])
def test_a_stored_catalog_is_not_parsed_again_until_its_bytes_change(fmt: str, tmp_path: Path, monkeypatch):
    from mkdocs_sxs.core.translation import formats

    units = fixture_units()
    units[1].target = "řádek\ndruhý <b>&amp;</b>"
    path = tmp_path / f"all.{SUFFIX[fmt]}"
    path.write_bytes(write_catalog(units, fmt))
    store = DictStore()
    parsed = read_catalog(path, "t/all", store)
    parse = formats.READERS[fmt]
    calls = []
    monkeypatch.setitem(formats.READERS, fmt, lambda data, name: calls.append(name) or parse(data, name))
    assert read_catalog(path, "t/all", store) == parsed and calls == []  # every field, from the store
    assert read_catalog(path, "u/all", store) == parse(path.read_bytes(), "u/all")  # another name: its messages
    assert calls == ["u/all"]
    units[0].target = "Upraveno."
    path.write_bytes(write_catalog(units, fmt))
    assert read_catalog(path, "t/all", store)[0].target == "Upraveno." and calls == ["u/all", "t/all"]


def test_a_folder_of_stored_catalogs_is_indexed_without_decoding_an_entry(tmp_path: Path, monkeypatch):
    """catalog_index.py: with the store, a build's start learns each catalog's pages by its hash; a page's entries
    are read (the catalog parsed, or taken from the store) only when asked for, and equal an eager read's."""
    from mkdocs_sxs.core.translation import catalog_index, formats
    from mkdocs_sxs.core.translation.postedits import load_translations

    units = fixture_units()
    folder = tmp_path / "translations"
    (folder / "cs-CZ").mkdir(parents=True)
    pages = sorted({unit.page for unit in units})
    for number, page in enumerate(pages):  # one catalog per page, one for two pages, and a broken one
        (folder / "cs-CZ" / f"p{number}.po").write_bytes(write_catalog([u for u in units if u.page == page], "po"))
    (folder / "both.xlf").write_bytes(write_catalog([u for u in units if u.page in pages[:2]], "xliff"))
    (folder / "cs-CZ" / "broken.po").write_bytes(b'msgid "x"\nmsgstr "unterminated\n')
    eager, eager_problems = load_translations(folder)
    store = DictStore()
    first, problems = catalog_index.index_translations(folder, store)
    assert [p.message for p in problems] == [p.message for p in eager_problems] and len(problems) == 1
    decoded = []
    original_get = store.get
    monkeypatch.setattr(store, "get", lambda key: decoded.append(key) or original_get(key))
    second, problems = catalog_index.index_translations(folder, store)
    assert len(problems) == 1  # a broken catalog is not stored: reported at every start
    pages_lookups = len(decoded)
    # one small "pages" entry per catalog; the broken one misses and is parsed again (its entries: a miss too)
    assert len(pages) == 2 and pages_lookups == len(pages) + 1 + 2
    assert sorted(second) == sorted(eager) and second.sources == first.sources
    assert len(second.sources[pages[0]]) == 2  # its own catalog and both.xlf
    calls = []
    parse = formats.READERS["po"]
    monkeypatch.setitem(formats.READERS, "po", lambda data, name: calls.append(name) or parse(data, name))
    assert second[pages[1]] == eager[pages[1]] and calls == []
    assert len(decoded) == pages_lookups + 2  # its catalog's entries and both.xlf's, from the store
    assert {page: second[page] for page in second} == eager
    assert all(entry.locale for entry in second[pages[0]])  # from the locale folder, as eagerly read
    second[pages[0]] = []  # review mode sets a page's entries after a save
    assert second[pages[0]] == [] and pages[0] in second and len(second) == len(eager)
    assert pages[0] not in second.sources  # its entries no longer come from the catalogs read at the start
