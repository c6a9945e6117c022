"""The one way YAML metadata becomes text on a page: any YAML type in, escaped text out.

Front matter, Landing/FAQ `metadata` and docfx.json `globalMetadata` are
untrusted and may hold any YAML type where a string is expected
(`title: ["<img src=x onerror=…>"]`, a mapping, a date, a number). Themes
print `title`, `description`, `author` and `site_name` without escaping, so a
value that skips escaping because it is not a string runs script on every
page. `meta_text` turns any value into plain text; `meta_html` escapes it
for HTML. Strings are returned as they are, so benign sites do not change.
"""

from __future__ import annotations

from html import escape
from typing import Any

# Deeper or longer values are cut: metadata is a line of text, not a document.
_MAX_ITEMS = 100
_MAX_DEPTH = 8
_MAX_TOTAL = 1_000


def meta_text(value: Any, _depth: int = 0, _budget: list[int] | None = None) -> str:
    """Plain text of a metadata value: lists joined with ', ', mappings as their values, None as ''.

    At most `_MAX_TOTAL` values are read, however the value nests or shares parts.
    """
    budget = _budget if _budget is not None else [_MAX_TOTAL]
    budget[0] -= 1
    if budget[0] < 0:
        return ""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if _depth >= _MAX_DEPTH:
        return ""
    if isinstance(value, dict):
        items = list(value.values())[:_MAX_ITEMS]
    elif isinstance(value, list | tuple | set | frozenset):
        items = list(value)[:_MAX_ITEMS]
    else:
        return str(value)
    return ", ".join(text for text in (meta_text(item, _depth + 1, budget) for item in items) if text)


def meta_html(value: Any) -> str:
    """`meta_text`, HTML-escaped (quotes too): safe in element text and attribute values."""
    return escape(meta_text(value), quote=True)
