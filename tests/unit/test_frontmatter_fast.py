"""The fast path for flat front matter gives exactly what PyYAML gives.

The reference is the previous implementation, spelled out here: one regex for
the block and `yaml.load` with the safe loader for its content.
"""

from __future__ import annotations

import datetime
import pickle
import random
import re

import pytest
import yaml
from mkdocs_sxs.core.reader import frontmatter
from mkdocs_sxs.core.reader.frontmatter import split_front_matter

_BLOCK = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)


def reference(text: str):
    """(meta, body_start, problem codes) as PyYAML alone gives them."""
    match = _BLOCK.match(text)
    if not match:
        return {}, 0, []
    try:
        data = yaml.load(match.group(1), Loader=yaml.CSafeLoader)  # noqa: S506 - safe loader
    except yaml.YAMLError:
        return {}, 0, ["front-matter-yaml"]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return {}, match.end(), ["front-matter-shape"]
    return {str(key): value for key, value in data.items()}, match.end(), []


def ours(text: str):
    meta, body_start, problems = split_front_matter(text, "page.md")
    return meta, body_start, [problem.code for problem in problems]


def same(text: str) -> None:
    try:
        expected = reference(text)
    except ValueError as error:  # PyYAML lets a constructor's error through (`2016-02-30`): so must we
        with pytest.raises(type(error), match=re.escape(str(error))):
            ours(text)
        return
    got = ours(text)
    # pickle tells True from 1 and keeps key order
    assert pickle.dumps(got) == pickle.dumps(expected), (text, got, expected)


CASES = [
    "---\ntitle: Nastavení\nms.date: 02/05/2019\nms.search.validFrom: 2016-02-28\n---\nbody",
    "---\nms.prod: ''\nms.locfileid: \"6053194\"\ntitle: 'It''s'\n---\n",
    "---\r\ntitle: CRLF page\r\nauthor: x\r\n---\r\nbody",
    "\ufeff---\ntitle: BOM\n...\nbody",
    "---\ntitle: a\ntitle: b\nother: c\n---\n",  # duplicate key: the last value, the first position
    "---\nvalue: yes\nn: no\nint: 42\nfloat: 1.5\nnull: ~\nempty:\nhex: 0x1f\nsexa: 1:30\n---\n",
    "---\ntrue: key that YAML reads as a bool\n---\n",
    "---\nbad: 2016-02-30\n---\n",  # a timestamp PyYAML cannot build
    "---\ntitle: a: b\n---\n",  # not valid YAML: reported
    "---\ntitle: ends with colon:\n---\n",
    "---\ntitle: comment # here\n---\n",
    "---\ntitle: \"escaped \\\" quote\"\n---\n",
    "---\nlist:\n- a\n- b\n---\n",
    "---\nnested:\n  key: value\n---\n",
    "---\n# a comment line\ntitle: x\n---\n",
    "---\ntitle:\tTab\n---\n",
    "---\ntitle: nbsp\u00a0at end\u00a0\n---\n",
    "---\njust a scalar\n---\n",
    "---\n\n---\n",
    "---\n---\n",
    "---\ntitle: x\n----\nno closing line",
    "---\ntitle: C# and [brackets] {x} 'quotes' \"too\"\n---\n",
    "---\ntitle: *alias\n---\n",
    "---\ntitle: |\n  block\n---\n",
]


@pytest.mark.parametrize("text", CASES)
def test_same_result_as_pyyaml(text):
    same(text)


def test_flat_front_matter_takes_the_fast_path(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("PyYAML was called for flat front matter")

    monkeypatch.setattr(frontmatter.yaml, "load", refuse)
    meta, _, _ = split_front_matter(CASES[0])
    assert meta == {"title": "Nastavení", "ms.date": "02/05/2019", "ms.search.validFrom": datetime.date(2016, 2, 28)}


def test_random_front_matter_same_as_pyyaml():
    """Random lines from pieces YAML treats specially: the fast path never disagrees."""
    pieces = ["a", " ", ":", ": ", "#", " #", "'", "''", '"', "\\", "-", "?", "[", "{", "&", "*", "!", "|",
              ">", "%", "@", "`", "\t", "\u00a0", "\r", "\x85", "\u2028", "1", "0", "2016-02-28", "yes",
              "null", "~", "1.5", ".inf", "0x1f", "12:30", "=", "<<", ",", "é", "...", "---"]
    keys = ["title", "ms.date", "true", "null", "On", "_k", "x-y", *pieces]
    rng = random.Random(20261124)
    for _ in range(3000):
        lines = []
        for _ in range(rng.randint(1, 3)):
            value = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 4)))
            separator = rng.choice([": ", ":", ":  ", ":\t", " : "])
            lines.append(rng.choice(keys) + separator + value + rng.choice(["", " "]))
        ending = rng.choice(["\n---\n", "\r\n---\r\n", "\n...", "\n---"])
        same("---\n" + "\n".join(lines) + ending + "body")
