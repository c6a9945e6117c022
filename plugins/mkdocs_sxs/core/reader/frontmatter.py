"""YAML front matter of DocFX pages, split off without losing line numbers."""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..files import bounded_yaml
from .model import LEVEL_ERROR, LEVEL_WARNING, Problem

try:  # The C loader is several times faster on 3,000-page docsets.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

# The block is `\A\ufeff?---[ \t]*\r?\n(.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)` (re.S | re.M),
# found in two steps: that regex's lazy `.*?` retries the closing line at every character.
_OPENING = re.compile(r"(?:\ufeff)?---[ \t]*\r?\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.M)

# The flat front matter of DocFX pages: `key: value` lines, the value plain,
# 'single-' or "double-quoted" (no escapes) or empty. Anything else (blank lines,
# nesting, lists, comments, escapes, tabs, characters YAML treats specially) goes to PyYAML.
_FLAT_LINE = re.compile(
    r"^([A-Za-z_][A-Za-z0-9_.\-]{0,127}):(?:[ ]+("
    r"'(?:[^'\n]|'')*'"
    r"|\"[^\"\\\n]*\""
    r"|[^ '\"\-?:,\[\]{}#&*!|>%@`\n](?:[^\n]*[^ \n])?"
    r"))?[ ]*$",
    re.M,
)
# Tabs, CR, controls, C1, line separators, BOM, surrogates, non-characters: not for the fast path.
_NOT_FLAT = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
_STR_TAG = "tag:yaml.org,2002:str"
# Implicitly typed plain values the fast path builds with PyYAML's own constructor.
_TYPED_TAGS = frozenset("tag:yaml.org,2002:" + name for name in ("bool", "int", "float", "null", "timestamp"))
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def split_front_matter(text: str, path: str = "") -> tuple[dict[str, Any], int, list[Problem]]:
    """Return (metadata, offset where the body starts, problems).

    A broken front matter block is reported with its line and treated as
    body text, so that nothing on the page is lost.
    """
    block = front_matter_block(text)
    if block is None:
        return {}, 0, []
    raw, body_start = block
    data = _flat_mapping(raw)
    try:
        if data is None:
            data = bounded_yaml.load(raw)  # alias and size limits: YamlLimitError is a YAMLError
    except yaml.YAMLError as error:
        line = 2
        mark = getattr(error, "problem_mark", None)
        if mark is not None:
            line = mark.line + 2
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        return {}, 0, [
            Problem(
                path,
                line,
                1,
                "front-matter-yaml",
                f"front matter is not valid YAML ({reason}); fix the YAML between the '---' lines",
                LEVEL_ERROR,
            )
        ]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return {}, body_start, [
            Problem(
                path,
                2,
                1,
                "front-matter-shape",
                "front matter is not a mapping of keys to values; write it as 'key: value' lines",
                LEVEL_WARNING,
            )
        ]
    return {str(key): value for key, value in data.items()}, body_start, []


def front_matter_block(text: str) -> tuple[str, int] | None:
    """(YAML text, offset after the closing line), or None when the page has no front matter block."""
    opening = _OPENING.match(text)
    if opening is None:
        return None
    content = opening.end()
    closing = _CLOSING.search(text, content)
    if closing is None:
        return None
    end = closing.start()
    # The line break before the closing line is not part of the YAML (unless it is the opening's own).
    if end - 2 >= content and text[end - 2 : end] == "\r\n":
        end -= 2
    elif end - 1 >= content and text[end - 1] == "\n":
        end -= 1
    return text[content:end], closing.end()


def _plain_tag(value: str, resolvers: dict[Any, list[tuple[str, re.Pattern[str]]]]) -> str:
    """The tag YAML's resolver gives a plain scalar (its own table, so both paths agree)."""
    for tag, regexp in resolvers.get(value[:1] if value else "", []) + resolvers.get(None, []):
        if regexp.match(value):
            return tag
    return _STR_TAG


def _flat_mapping(raw: str) -> dict[Any, Any] | None:
    """The mapping PyYAML would load from flat `key: value` lines, or None to let PyYAML load it.

    Parsing a 25-line front matter with PyYAML costs about as much as scanning
    the page's units; this path gives the same dict for the shape DocFX writes.
    """
    if not raw or _NOT_FLAT.search(raw):
        return None
    pairs = _FLAT_LINE.findall(raw)
    if len(pairs) != raw.count("\n") + 1:
        return None  # a line that is not `key: value`
    resolvers = _Loader.yaml_implicit_resolvers
    typed_first = resolvers.keys() if None not in resolvers else None  # None: resolve every value
    data: dict[Any, Any] = {}
    for key, value in pairs:
        if key not in _STR_KEYS:
            if _plain_tag(key, resolvers) != _STR_TAG:
                return None
            if len(_STR_KEYS) < 1000:
                _STR_KEYS.add(key)
        if not value:
            data[key] = None  # `key:` with no value, as YAML gives
        elif value[0] == "'":
            data[key] = value[1:-1].replace("''", "'")
        elif value[0] == '"':
            data[key] = value[1:-1]
        else:
            if ": " in value or " #" in value or value[-1] == ":":
                return None
            if typed_first is None or value[0] in typed_first:
                tag = _plain_tag(value, resolvers)
                if tag != _STR_TAG:
                    value = _typed(tag, value)
                    if value is _FALLBACK:
                        return None
            data[key] = value
    return data


# Keys already known to resolve to strings (keys repeat on every page of a docset).
_STR_KEYS: set[str] = set()
_FALLBACK = object()


def _typed(tag: str, value: str) -> Any:
    """A typed plain value built by PyYAML's SafeConstructor, or _FALLBACK when it should load the block."""
    if tag not in _TYPED_TAGS:
        return _FALLBACK
    try:
        return _Loader.yaml_constructors[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, value))
    except Exception:  # noqa: BLE001 - PyYAML itself then reports (or raises) exactly as before
        return _FALLBACK
