"""Accent folding of Material's search index (core.search_index)."""

from __future__ import annotations

import json

from mkdocs_sxs.core.reader.render import render_markdown
from mkdocs_sxs.core.search.index import (
    FOLDED_TEXT,
    FOLDED_TITLE,
    add_folded_fields,
    fold,
    folded_terms,
    strip_excluded_sources,
    transform_search_index,
    transform_search_index_file,
    write_search_index,
)


def _index(docs: list[dict[str, str]], **config: object) -> dict:
    base = {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": ["stopWordFilter"],
            "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}}}
    base.update(config)
    return {"config": base, "docs": docs}


def test_fold_drops_marks_of_every_corpus_language() -> None:
    assert fold("Zákazníků") == "Zakazniku"
    assert fold("Überprüfung straße") == "Uberprufung strasse"
    assert fold("Łódź") == "Lodz"
    assert fold("Müşteri ığdır") == "Musteri igdir"
    assert fold("Kunde") == "Kunde"
    # Hangul syllables decompose into jamo (no marks): the same word, no folded spelling added to the index
    assert fold("파트너 센터") == "파트너 센터"
    assert folded_terms("<p>파트너 센터에서 고객을 관리합니다.</p>") == ""


def test_folded_terms_keep_only_changed_words_once_and_ignore_markup() -> None:
    text = "<p>Podpora zákazníků a <code>zákazník</code></p><p>zákazníků&amp;-příjem</p>"
    assert folded_terms(text).split() == ["zakazniku", "zakaznik", "zakazniku&", "prijem"]


def test_folded_terms_split_like_the_index_separator() -> None:
    assert folded_terms("čtvrt.hodina", r"[\s\-\.]+") == "ctvrt"
    assert folded_terms("čtvrt.hodina", r"[\s\-]+") == "ctvrt.hodina"


def test_index_gets_folded_fields_with_the_original_text_untouched() -> None:
    docs = [
        {"location": "a/", "title": "Komunikace se zákazníkem", "text": "<p>Samoobslužná podpora</p>"},
        {"location": "a/#b", "title": "Billing", "text": "<p>plain ascii</p>"},
    ]
    index = add_folded_fields(_index([dict(d) for d in docs]))
    fields = index["config"]["fields"]
    assert fields[FOLDED_TITLE] == {"boost": 1000.0}
    assert fields[FOLDED_TEXT] == {"boost": 1.0}
    first, second = index["docs"]
    assert first["title"] == docs[0]["title"] and first["text"] == docs[0]["text"]
    assert first[FOLDED_TITLE] == "zakaznikem"
    assert first[FOLDED_TEXT] == "samoobsluzna"
    assert FOLDED_TITLE not in second and FOLDED_TEXT not in second


def test_unreadable_separator_falls_back_to_materials_default() -> None:
    index = add_folded_fields(_index([{"location": "", "title": "", "text": "čaj-káva"}], separator="(?<x"))
    assert index["docs"][0][FOLDED_TEXT] == "caj kava"


def test_transform_is_idempotent_and_can_be_switched_off() -> None:
    data = json.dumps(_index([{"location": "", "title": "Žádost", "text": "<p>příjem</p>"}]))
    once = transform_search_index(data)
    assert transform_search_index(once) == once
    assert json.loads(once)["docs"][0][FOLDED_TITLE] == "zadost"
    assert FOLDED_TEXT not in json.loads(transform_search_index(data, fold_diacritics=False))["docs"][0]


def test_render_marks_originals_for_search_only_when_asked() -> None:
    markup = ('<span data-ttu-id="x-1">Zákazník</span>'
              '<span class="sxs-lookup"><span data-stu-id="x-1">Customer</span></span>')
    default, _ = render_markdown(markup)
    indexed, _ = render_markdown(markup, search_source=True)
    assert 'class="sxs-s" lang="en" data-search-exclude>Customer<' in default
    assert 'data-search-exclude' not in indexed
    assert 'class="sxs-s" lang="en"> Customer<' in indexed


def test_excluded_originals_are_stripped_even_with_nested_spans() -> None:
    html = ('<p><span class="sxs-tu"><span class="sxs-t"><span class="ui">Kontrola</span> výkonu.</span>'
            '<span class="sxs-s" lang="en" data-search-exclude><span class="ui">Perf-review</span> – '
            'Review each <em>job</em>.</span></span> <span class="sxs-tu"><span class="sxs-t">Další.</span>'
            '<span class="sxs-s" lang="en" data-search-exclude>Next.</span></span></p>')
    stripped = strip_excluded_sources(html)
    assert "Review" not in stripped and "Perf-review" not in stripped and "Next" not in stripped
    assert stripped == ('<p><span class="sxs-tu"><span class="sxs-t"><span class="ui">Kontrola</span> výkonu.</span>'
                        '</span> <span class="sxs-tu"><span class="sxs-t">Další.</span></span></p>')
    kept = html.replace(" data-search-exclude", "")
    assert strip_excluded_sources(kept) == kept  # search_source: true keeps the originals


def test_indexes_of_other_search_plugins_are_left_alone() -> None:
    mkdocs_builtin = json.dumps({"config": {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": []},
                                 "docs": [{"location": "", "title": "Žádost", "text": "příjem"}]})
    assert transform_search_index(mkdocs_builtin) == mkdocs_builtin


def test_file_transform_writes_the_same_bytes_as_the_text_transform(tmp_path) -> None:
    """The build folds the index file entry by entry (less memory); the bytes must be the text transform's."""
    docs = [{"location": "", "title": "Žádost", "text": "<p>příjem \"x\" \\ </p>"},
            {"location": "a/#b", "title": "한국어 문서", "text": "<p>검색 결과</p>", "tags": ["ü"]},
            {"location": "c/", "title": "", "text": ""}]
    for index in (_index(docs), _index([]), {"config": {"lang": ["en"]}, "docs": docs},
                  {"docs": docs, "config": _index([])["config"], "extra": {"k": [1, 2.5, None]}}):
        data = json.dumps(index, ensure_ascii=False)
        path = tmp_path / "search_index.json"
        for options in ({}, {"fold_diacritics": False}, {"segment": False},
                        {"fold_diacritics": False, "segment": False}):
            path.write_text(data, encoding="utf-8")
            transform_search_index_file(str(path), **options)
            assert path.read_text(encoding="utf-8") == transform_search_index(data, **options)


def test_index_written_from_the_build_equals_the_transform_of_materials_json(tmp_path) -> None:
    """The build writes Material's entries itself (no JSON text of the whole index in memory); values JSON
    cannot hold are written as `str()`, as Material's `json.dumps(default=str)` does."""
    from decimal import Decimal
    from pathlib import PurePosixPath

    docs = [{"location": "", "title": "Žádost", "text": "<p>příjem \"x\" \\ </p>", "boost": 2.0},
            {"location": "a/#b", "title": "한국어 문서", "text": "<p>검색 결과</p>", "tags": ("ü", PurePosixPath("t"))},
            {"location": "c/", "title": Decimal("1.5"), "text": "", "x": {1: None}}]
    materials = json.dumps(_index(docs), separators=(",", ":"), default=str)  # Material's generate_search_index
    path = tmp_path / "search_index.json"
    for options in ({}, {"fold_diacritics": False}, {"segment": False}):
        written = [dict(doc) for doc in docs]
        write_search_index(str(path), _index(written), **options)
        assert path.read_text(encoding="utf-8") == transform_search_index(materials, **options)
        assert written == [None] * 3  # each entry let go once written
    write_search_index(str(path), {"docs": [{"a": PurePosixPath("p")}]})  # not Material's: written as Material would
    assert path.read_text(encoding="utf-8") == '{"docs":[{"a":"p"}]}'
