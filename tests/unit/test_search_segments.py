"""Terms inside Hangul/Han/Kana/Thai words in Material's search index (core/search/segments.py)."""

from __future__ import annotations

import json
import re
import unicodedata

from mkdocs_sxs.core.search.index import transform_search_index
from mkdocs_sxs.core.search.segments import SEGMENT_TEXT, SEGMENT_TITLE, WINDOW, segment_terms

SPACES = re.compile(r"[\s\-]+")
ZH = re.compile(r"[\s\u200b\u3000\-、。，．？！；]+")  # Material's separator for zh


def _index(*docs: dict) -> str:
    return json.dumps({"config": {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": [],
                                  "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
                       "docs": list(docs)}, ensure_ascii=False)


def test_every_word_inside_a_korean_word_starts_a_term() -> None:
    terms = segment_terms("<p>모든 통신은 <strong>커뮤니케이션을</strong> 통해</p>", SPACES).split()
    assert "니케이션을" in terms and "케이션을" in terms and "신은" in terms
    assert "커뮤니케이션을" not in terms and "통신은" not in terms  # word starts are terms already
    assert all(2 <= len(term) <= WINDOW for term in terms)
    assert not any("<" in term or "strong" in term for term in terms)


def test_chinese_runs_without_spaces_get_terms_cut_to_the_window() -> None:
    terms = segment_terms("本页面为机器翻译，请查看英文原文。", ZH).split()
    assert "机器翻译" in terms and "翻译" in terms
    assert "英文原文" in terms and all(len(term) <= WINDOW for term in terms)


def test_thai_and_japanese_get_terms_latin_does_not() -> None:
    thai = segment_terms("หน้านี้แปลด้วยเครื่อง", SPACES).split()  # "this page was machine translated"
    assert "เครื่อง" in thai and any(term.startswith("แปล") for term in thai)
    assert not [term for term in thai if unicodedata.category(term[0]) == "Mn"]  # no term starts with a vowel mark
    assert "機械翻訳" in segment_terms("このページは機械翻訳されています", SPACES)
    assert segment_terms("Élément été Customer", SPACES) == ""


def test_index_fields_only_where_needed_with_the_boosts_of_title_and_text() -> None:
    data = _index({"location": "ko/", "title": "고객 커뮤니케이션", "text": "<p>통신을 보냅니다</p>"},
                  {"location": "fr/", "title": "Sécurité", "text": "<p>été</p>"})
    index = json.loads(transform_search_index(data))
    ko, fr = index["docs"]
    assert "니케이션" in ko[SEGMENT_TITLE].split() and "신을" in ko[SEGMENT_TEXT].split()
    assert SEGMENT_TEXT not in fr and fr["sxs_text_folded"] == "ete"  # folding still there
    fields = index["config"]["fields"]
    assert fields[SEGMENT_TITLE] == {"boost": 1000.0} and fields[SEGMENT_TEXT] == {"boost": 1.0}
    assert json.loads(transform_search_index(json.dumps(index, ensure_ascii=False))) == index  # idempotent


def test_latin_only_index_gets_no_segment_fields_and_can_be_turned_off() -> None:
    data = _index({"location": "a/", "title": "Sécurité", "text": "x"})
    assert SEGMENT_TEXT not in json.loads(transform_search_index(data))["config"]["fields"]
    ko = _index({"location": "ko/", "title": "커뮤니케이션", "text": ""})
    assert SEGMENT_TITLE not in transform_search_index(ko, segment=False)
    assert transform_search_index(ko, fold_diacritics=False, segment=False) == ko
