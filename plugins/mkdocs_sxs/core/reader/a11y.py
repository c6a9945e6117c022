"""Accessibility of the reader view: the originals key, the hover toggle, text direction.

The key that opens a sentence's original (`ORIGINAL_KEY`) is the one `sxs.js`
listens to; it is named here so the page bar can say it. The two labels below
are kept apart from `i18n.LABELS` (English and Czech for now) until they move
into the UI catalogs; other locales fall back to English key by key.
Text direction comes from CLDR (Babel): `ar`, `he`, `fa`, `ur` … are right-to-left.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape

from babel import Locale, UnknownLocaleError

from .i18n import language_of

ORIGINAL_KEY = ("Alt", "Shift", "O")

_LABELS: dict[str, dict[str, str]] = {
    "en": {"hover": "Originals on hover", "original_key": "original of a sentence"},
    "cs": {"hover": "Originály při najetí myší", "original_key": "originál věty"},
}

_HTML_TAG = re.compile(r"<html\b[^>]*>", re.I)
_BODY_TAG = re.compile(r"<body\b[^>]*>", re.I)
_DIR_ATTR = re.compile(r"\sdir=\"[^\"]*\"", re.I)


def reader_labels(locale: str | None) -> dict[str, str]:
    merged = dict(_LABELS["en"])
    merged.update(_LABELS.get(language_of(locale), {}))
    return merged


def reader_controls(locale: str | None) -> str:
    """The hover toggle and the originals key, for the page bar (sxs.js wires the toggle)."""
    text = reader_labels(locale)
    # the keys read left to right in a right-to-left page too (not `O+Shift+Alt`)
    keys = "+".join(f"<kbd>{escape(key)}</kbd>" for key in ORIGINAL_KEY)
    return (f'<button type="button" class="sxs-hover" aria-pressed="true">{escape(text["hover"])}</button>'
            f'<span class="sxs-keys"><span dir="ltr">{keys}</span>: {escape(text["original_key"])}</span>')


@lru_cache(maxsize=64)
def text_direction(locale: str | None) -> str:
    """`rtl` for right-to-left locales (CLDR), else `ltr`."""
    if not locale:
        return "ltr"
    try:
        parsed = Locale.parse(str(locale).replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        try:
            parsed = Locale.parse(language_of(locale))
        except (UnknownLocaleError, ValueError, TypeError):
            return "ltr"
    return "rtl" if parsed.character_order == "right-to-left" else "ltr"


def set_direction(output: str, locale: str | None) -> str:
    """`dir` on `<html>` and `<body>` for a page whose locale reads right to left.

    Themes set one direction for the whole site (Material: on `<body>`, from the
    theme language); a page in Arabic or Hebrew gets `rtl`, and an LTR page of a
    site whose theme says `rtl` gets `ltr`. Other pages are left as they are.
    """
    direction = text_direction(locale)
    body = _BODY_TAG.search(output)
    if direction == "ltr" and not (body and 'dir="rtl"' in body.group(0)):
        return output
    for pattern in (_BODY_TAG, _HTML_TAG):
        match = pattern.search(output)
        if match is None:
            continue
        tag = _DIR_ATTR.sub("", match.group(0)[:-1]) + f' dir="{direction}">'
        output = output[: match.start()] + tag + output[match.end():]
    return output
