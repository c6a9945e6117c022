"""Search terms inside words for scripts Lunr cannot split: Hangul, Han, Kana, Thai.

Lunr (Material's search) splits text into terms at the index's separator
(spaces and dashes) and matches a typed word against the start of a term.
Korean writes particles onto words (`고객에게`, "to the customer") and
compounds without spaces, Chinese and Japanese (without jieba / Lunr's `ja`
segmenter) and Thai write no spaces at all, so a word inside such a run is
never the start of a term and is not found: typing `통신` does not find
`통신을`'s page when the run does not start with it, and `니케` never finds
`커뮤니케이션`.

We add, in an extra index field, the run from each later character on,
cut to `WINDOW` characters (`커뮤니케이션을` → `뮤니케이션을`, `니케이션을`, …):
with Material's prefix match, any word of up to `WINDOW` characters inside
the run now starts a term. Only runs holding these scripts get entries, so
Latin-script pages are unchanged; the field gets the `title`/`text` boosts.
"""

from __future__ import annotations

import re
import unicodedata
from html import unescape
from typing import Any

SEGMENT_TITLE = "sxs_title_segments"
SEGMENT_TEXT = "sxs_text_segments"
WINDOW = 8  # the longest word found inside a run; longer words still match from the run's start

# Hangul syllables and jamo, CJK ideographs (+ ext. A, compatibility), Hiragana, Katakana, Thai.
_NO_SPACE_SCRIPTS = re.compile(
    "[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\u3040-\u309f\u30a0-\u30ff\u0e00-\u0e7f]"
)
_RUN = re.compile(_NO_SPACE_SCRIPTS.pattern + "+")
_TAG = re.compile(r"<[^>]*>")


def needs_segments(text: str) -> bool:
    return _NO_SPACE_SCRIPTS.search(text) is not None


def segment_terms(markup: str, separator: re.Pattern[str], cache: dict[str, tuple[str, ...]] | None = None) -> str:
    """Space-separated inner terms of the page's Hangul/Han/Kana/Thai runs (each once).

    A term is cut from its word as split by the index's `separator`, so it
    can begin inside a run but ends where the word ends (`뮤니케이션을`).
    """
    if not needs_segments(markup):
        return ""
    if cache is None:
        cache = {}
    text = unescape(_TAG.sub(" ", markup)).lower()
    seen: dict[str, None] = {}
    for word in dict.fromkeys(separator.split(text)):
        if not word or not needs_segments(word):
            continue
        terms = cache.get(word)
        if terms is None:
            terms = cache[word] = _inner_terms(word)
        for term in terms:
            seen[term] = None
    return " ".join(seen)


def _inner_terms(word: str) -> tuple[str, ...]:
    terms: list[str] = []
    for run in _RUN.finditer(word):
        for start in range(run.start(), run.end()):
            if start == 0 or unicodedata.combining(word[start]) or unicodedata.category(word[start]) == "Mn":
                continue  # the word's own start is a term already; no term starts with a Thai vowel mark
            term = word[start : start + WINDOW]
            if len(term) >= 2:
                terms.append(term)
    return tuple(terms)


def add_segment_fields(index: dict[str, Any], separator: re.Pattern[str]) -> dict[str, Any]:
    """Add the inner-term fields to Material's index data, in place (docs without such scripts get none)."""
    config = index.setdefault("config", {})
    fields = config.setdefault("fields", {})
    cache: dict[str, tuple[str, ...]] = {}
    found = False
    for doc in index.get("docs", []):
        doc.pop(SEGMENT_TITLE, None)
        doc.pop(SEGMENT_TEXT, None)
        title = segment_terms(str(doc.get("title", "")), separator, cache)
        text = segment_terms(str(doc.get("text", "")), separator, cache)
        if title:
            doc[SEGMENT_TITLE] = title
        if text:
            doc[SEGMENT_TEXT] = text
        found = found or bool(title or text)
    if found:
        fields[SEGMENT_TITLE] = {"boost": (fields.get("title") or {}).get("boost", 1000.0)}
        fields[SEGMENT_TEXT] = {"boost": (fields.get("text") or {}).get("boost", 1.0)}
    return index
