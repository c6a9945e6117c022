"""Accent-folded search terms for a Lunr search index (Material's format).

Czech (and most corpus languages) has no Lunr stemmer, and readers often type
without diacritics: `zakaznik` should find `zákazník`. Material's search
worker indexes every field listed in the index's ``config.fields``, but
displays and highlights only ``title`` and ``text``. So we add two fields
holding the folded spellings of the words whose spelling folding changes;
results still show the original text, the theme's templates stay untouched,
and the index grows only by the words that carry diacritics.

Words are split the way Material's worker splits them (by the index's own
``config.separator``, lower-cased, markup removed), so a folded query term
meets the same token boundaries as the original would have.
"""

from __future__ import annotations

import json
import re
import unicodedata
from html import unescape
from typing import Any

from ..files.atomicio import replaced
from .segments import add_segment_fields

FOLDED_TITLE = "sxs_title_folded"
FOLDED_TEXT = "sxs_text_folded"
DEFAULT_SEPARATOR = r"[\s\-]+"

_TAG = re.compile(r"<[^>]*>")
# Letters NFKD does not decompose into base letter + combining mark.
_SPECIAL = str.maketrans({
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ħ": "h", "ı": "i",
    "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d",
})


_SOURCE_CLASS = 'class="sxs-s"'
_SPAN_TAG = re.compile(r"<(/?)span\b[^>]*>", re.I)


def strip_excluded_sources(html: str) -> str:
    """The page HTML without the English originals marked `data-search-exclude`.

    Material's search parser honours `data-search-exclude` only up to the first
    closing tag of the same name, so an original holding a nested `<span>`
    (`<span class="ui">…</span>` is common in the corpus) would leak the rest of
    its English into the index. Indexers get this text instead; readers still
    get the full page. Works on the markup `core.render` writes.
    """
    if "data-search-exclude" not in html:
        return html
    out: list[str] = []
    position = 0
    found = html.find(_SOURCE_CLASS)
    while found != -1:
        tag_start = html.rfind("<", 0, found)
        tag_end = html.find(">", found)
        if tag_start < position or tag_end == -1:
            found = html.find(_SOURCE_CLASS, found + 1)
            continue
        tag = html[tag_start : tag_end + 1]
        if not tag.startswith("<span") or "data-search-exclude" not in tag:
            found = html.find(_SOURCE_CLASS, tag_end)
            continue
        depth = 1
        end = len(html)
        for match in _SPAN_TAG.finditer(html, tag_end + 1):
            depth += -1 if match.group(1) else 1
            if depth == 0:
                end = match.end()
                break
        out.append(html[position:tag_start])
        position = end
        found = html.find(_SOURCE_CLASS, position)
    out.append(html[position:])
    return "".join(out)


def fold(text: str) -> str:
    """`Zákazníků` -> `Zakazniku`: drop combining marks, map a few letters.

    Cyrillic and other scripts keep their letters (only their marks go), so a
    Russian `й` folds to `и` just as a reader typing without it would write.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    # composed again: Hangul syllables decompose into jamo that are no marks (`파트너` is no other spelling)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def separator_pattern(pattern: object) -> re.Pattern[str]:
    """The index's JS separator regex, or Material's default if Python can't read it."""
    if isinstance(pattern, str) and pattern:
        try:
            return re.compile(pattern)
        except re.error:
            pass
    return re.compile(DEFAULT_SEPARATOR)


def folded_terms(markup: str, separator: re.Pattern[str] | str = DEFAULT_SEPARATOR,
                 cache: dict[str, str] | None = None) -> str:
    """Space-separated folded forms of the words folding changes (each once).

    `cache` maps words to their folded form (or "" when folding keeps them);
    pass one dict for a whole index, words repeat a lot across pages.
    """
    if isinstance(separator, str):
        separator = separator_pattern(separator)
    if cache is None:
        cache = {}
    text = unescape(_TAG.sub(" ", markup)).lower()
    seen: dict[str, None] = {}
    for word in dict.fromkeys(separator.split(text)):  # each word once, in order of first use
        if word.isascii():
            continue
        folded = cache.get(word)
        if folded is None:
            folded = fold(word.strip())
            folded = "" if folded == word.strip() else folded
            cache[word] = folded
        if folded:
            seen[folded] = None
    return " ".join(seen)


def add_folded_fields(index: dict[str, Any], known: KnownFolds | None = None) -> dict[str, Any]:
    """Add the folded fields to an index (Material's `search_index.json` data), in place.

    The folded fields get the boosts of `title` and `text`, so a folded hit
    ranks like a hit on the original spelling. `known`: folded fields worked out before (`KnownFolds`).
    """
    config = index.setdefault("config", {})
    fields = config.setdefault("fields", {})
    separator = separator_pattern(config.get("separator"))
    title_boost = (fields.get("title") or {}).get("boost", 1000.0)
    text_boost = (fields.get("text") or {}).get("boost", 1.0)
    fields[FOLDED_TITLE] = {"boost": title_boost}
    fields[FOLDED_TEXT] = {"boost": text_boost}
    cache: dict[str, str] = {}
    found = known.docs if known is not None and known.separator == config.get("separator") else {}
    for doc in index.get("docs", []):
        doc.pop(FOLDED_TITLE, None)
        doc.pop(FOLDED_TEXT, None)
        record = found.get(id(doc))
        if record is not None and doc.get("title") is record[0] and doc.get("text") is record[1]:
            title, text = record[2], record[3]
        else:
            title = folded_terms(str(doc.get("title", "")), separator, cache)
            text = folded_terms(str(doc.get("text", "")), separator, cache)
        if title:
            doc[FOLDED_TITLE] = title
        if text:
            doc[FOLDED_TEXT] = text
    return index


class KnownFolds:
    """Index entries whose folded fields are known before the index is written (kept in the build cache with
    their page's search sections), so that a warm build does not fold the docset's text again.

    An entry counts only while it holds the very title and text objects it was recorded with, and only for
    an index with the separator they were folded with."""

    def __init__(self, separator: str | None) -> None:
        self.separator = separator
        self.words: dict[str, str] = {}  # `folded_terms`' cache, shared by the build's pages
        self.docs: dict[int, tuple[object, object, str, str]] = {}  # id(entry) -> title, text, folded

    def add(self, entry: dict[str, Any], title: str, text: str, folded: tuple[str, str]) -> None:
        """`folded`: `folded_terms` of `title` and `text` with this separator; recorded if the entry holds them."""
        if entry.get("title") == title and entry.get("text") == text:
            self.docs[id(entry)] = (entry["title"], entry["text"], folded[0], folded[1])


def is_material_index(index: dict[str, Any]) -> bool:
    """Material's worker indexes every field in `config.fields`; MkDocs' own search has no such key."""
    config = index.get("config")
    return isinstance(config, dict) and isinstance(config.get("fields"), dict) and isinstance(index.get("docs"), list)


def transform_search_index(data: str, *, fold_diacritics: bool = True, segment: bool = True) -> str:
    """The JSON text of a search index with folded fields added (compact, like Material's).

    `segment` also adds terms inside Hangul/Han/Kana/Thai words (`segments.py`).
    Indexes of other search plugins come back unchanged: their workers would
    not read the extra fields.
    """
    index = json.loads(data)
    if not (fold_diacritics or segment) or not is_material_index(index):
        return data
    if fold_diacritics:
        add_folded_fields(index)
    if segment:
        add_segment_fields(index, separator_pattern(index.get("config", {}).get("separator")))
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def transform_search_index_file(path: str, *, fold_diacritics: bool = True, segment: bool = True) -> None:
    """`transform_search_index` on a file, in place, holding one copy of the index instead of three.

    The whole text is let go once parsed, and the result is written entry by
    entry (the same bytes as `transform_search_index`): on visualstudio-docs
    the index is 38 MB of JSON, and text + parsed index + new text was the
    build's memory peak.
    """
    with open(path, encoding="utf-8") as handle:
        data = handle.read()
    index = json.loads(data)
    if not (fold_diacritics or segment) or not is_material_index(index):
        return
    del data
    write_search_index(path, index, fold_diacritics=fold_diacritics, segment=segment)


def write_search_index(path: str, index: dict[str, Any], *, fold_diacritics: bool = True,
                       segment: bool = True, known: KnownFolds | None = None) -> None:
    """Write an index (Material's `search_index.json` data) with its extra fields, entry by entry.

    Each entry is let go once written, so the file is never held as one text:
    the same bytes as `transform_search_index` of Material's own JSON of the
    index (values JSON cannot hold are written as `str()`, as Material does).
    An index that is not Material's is written as Material would write it.
    The file is replaced in one step (`mkdocs serve` answers requests while it rebuilds).
    """
    if not is_material_index(index):
        with replaced(path, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(index, separators=(",", ":"), default=str))
        return
    if fold_diacritics:
        add_folded_fields(index, known)
    if segment:
        add_segment_fields(index, separator_pattern(index.get("config", {}).get("separator")))

    # One encoder for every entry: `json.dumps` with options makes a new one per call (a third of the writing
    # of Dynamics 365's 20,000 entries).
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str).encode

    with replaced(path, "w", encoding="utf-8") as handle:
        handle.write("{")
        for number, (key, value) in enumerate(index.items()):
            handle.write(("," if number else "") + dumps(key) + ":")
            if key == "docs" and isinstance(value, list):
                handle.write("[")
                for position, doc in enumerate(value):
                    handle.write(("," if position else "") + dumps(doc))
                    value[position] = None  # written: its memory goes back now
                handle.write("]")
            else:
                handle.write(dumps(value))
        handle.write("}")
