"""Mutation tests on real corpus pages: broken in every way a merge or a CAT tool breaks them.

Each mutated page must parse without raising, within a time bound, and keep
its text (tests/sxs_invariants.py says exactly what that means). The seed is
fixed; SXS_FUZZ_EXAMPLES=N raises the number of mutations per kind.
"""

from __future__ import annotations

import os
import random
import re

import pytest
from mkdocs_sxs.core.reader.parser import parse_file, parse_sxs
from sxs_invariants import check_page, time_limit

pytestmark = pytest.mark.acceptance

ROUNDS = max(3, int(os.environ.get("SXS_FUZZ_EXAMPLES", "0")) // 100)
SEED = int(os.environ.get("SXS_FUZZ_SEED", "7"))
_TAG = re.compile(r"<span\b([^<>]*)>")


@pytest.fixture(scope="module")
def sample_pages(corpus):
    paths = sorted((corpus / "partner-center.cs-CZ").rglob("*.md"))
    chosen = random.Random(SEED).sample(paths, 12)
    seed_page = corpus / "partner-center.cs-CZ" / "partner-center" / "customer-communication-from-microsoft.md"
    return [seed_page, *chosen]


def _pick(rng: random.Random, text: str, needle: str) -> int | None:
    positions = [m.start() for m in re.finditer(re.escape(needle), text)]
    return rng.choice(positions) if positions else None


def truncate(rng, text):
    return text[: rng.randrange(len(text) + 1)]


def _delete(needle):
    def mutate(rng, text):
        at = _pick(rng, text, needle)
        return text if at is None else text[:at] + text[at + len(needle):]
    mutate.__name__ = f"delete {needle!r}"
    return mutate


def _duplicate(needle):
    def mutate(rng, text):
        at = _pick(rng, text, needle)
        return text if at is None else text[:at] + needle + text[at:]
    mutate.__name__ = f"duplicate {needle!r}"
    return mutate


def shuffle_attributes(rng, text):
    tags = list(_TAG.finditer(text))
    if not tags:
        return text
    tag = rng.choice(tags)
    attributes = re.findall(r"\s+[^\s=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?", tag.group(1))
    attributes.append(' lang="cs"')
    rng.shuffle(attributes)
    return text[: tag.start()] + "<span" + "".join(attributes) + ">" + text[tag.end():]


def crlf(rng, text):
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def mixed_line_endings(rng, text):
    return "".join(line + rng.choice(["\n", "\r\n", "\r", "\n"]) for line in text.split("\n"))


def bom(rng, text):
    return "\ufeff" + text


def _replace_spaces(replacement):
    def mutate(rng, text):
        return "".join(replacement if c == " " and rng.random() < 0.3 else c for c in text)
    mutate.__name__ = f"spaces to {replacement!r}"
    return mutate


MUTATIONS = [truncate, shuffle_attributes, crlf, mixed_line_endings, bom,
             _replace_spaces("\t"), _replace_spaces("\u00a0")]
for _needle in ("<", ">", '"', "</span>"):
    MUTATIONS += [_delete(_needle), _duplicate(_needle)]


@pytest.mark.parametrize("mutate", MUTATIONS, ids=lambda m: m.__name__)
def test_mutated_corpus_pages_parse_and_keep_their_text(sample_pages, mutate):
    rng = random.Random(f"{SEED}-{mutate.__name__}")
    for path in sample_pages:
        original = path.read_text(encoding="utf-8-sig")
        for _ in range(ROUNDS):
            text = mutate(rng, original)
            with time_limit(30):
                page = parse_sxs(text, path.name)
                check_page(text, page)


def test_mutations_change_what_the_parser_sees(sample_pages):
    # The mutations must reach TU markup, or the test above proves nothing.
    rng = random.Random(SEED)
    original = sample_pages[0].read_text(encoding="utf-8-sig")
    before = len([u for u in parse_sxs(original).units if u.malformed])
    broken = original
    for _ in range(20):
        broken = _delete("</span>")(rng, broken)
    after = parse_sxs(broken)
    assert len([u for u in after.units if u.malformed]) > before
    assert any(p.line > 1 for p in after.problems)


def test_invalid_utf8_inside_real_pages_is_reported(sample_pages, tmp_path):
    rng = random.Random(SEED)
    for path in sample_pages[:5]:
        data = bytearray(path.read_bytes())
        for _ in range(5):
            data.insert(rng.randrange(len(data) + 1), rng.choice([0xFF, 0xC3, 0xE9, 0x80]))
        broken = tmp_path / path.name
        broken.write_bytes(bytes(data))
        with time_limit(30):
            page = parse_file(str(broken), path.name)
        assert [p for p in page.problems if p.code == "not-utf8"]
        check_page(page.text, page)


def _big_text(corpus_pages, size: int, joiner: str) -> str:
    parts = []
    total = 0
    for path in corpus_pages:
        body = path.read_text(encoding="utf-8-sig")
        body = body.split("\n---\n", 1)[-1]  # front matter only once, at the top
        parts.append(body if joiner == "\n" else body.replace("\r", " ").replace("\n", " "))
        total += len(parts[-1])
        if total >= size:
            break
    text = joiner.join(parts)
    while len(text) < size:
        text = text + joiner + text
    return text[:size]


@pytest.fixture(scope="module")
def corpus_pages(corpus):
    return sorted((corpus / "partner-center.cs-CZ").rglob("*.md"))


def test_ten_megabyte_page(corpus_pages):
    text = _big_text(corpus_pages, 10_000_000, "\n")
    with time_limit(120):
        page = parse_sxs(text, "big.md")
        assert len(page.units) > 10_000
        check_page(text, page)


def test_one_megabyte_single_line(corpus_pages):
    text = _big_text(corpus_pages, 1_000_000, " ")
    assert "\n" not in text
    with time_limit(60):
        page = parse_sxs(text, "line.md")
        assert len(page.units) > 1_000
        check_page(text, page)
