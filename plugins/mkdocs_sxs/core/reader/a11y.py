"""Accessibility of the reader view: the originals key, the hover toggle, text direction.

The key that opens a sentence's original (`ORIGINAL_KEY`) is the one `sxs.js`
listens to; it is named here so the page bar can say it. Its labels are in the
UI catalogs (`hover`, `original_key`). Text direction comes from CLDR
(`i18n.text_direction`): `ar`, `he`, `fa`, `ur` … are right-to-left.
"""

from __future__ import annotations

import re
from html import escape

from .i18n import labels, text_direction

ORIGINAL_KEY = ("Alt", "Shift", "O")

_HTML_TAG = re.compile(r"<html\b[^>]*>", re.I)
_BODY_TAG = re.compile(r"<body\b[^>]*>", re.I)
_DIR_ATTR = re.compile(r"\sdir=\"[^\"]*\"", re.I)


def reader_labels(locale: str | None) -> dict[str, str]:
    return labels(locale)


def reader_controls(locale: str | None) -> str:
    """The hover toggle and the originals key, for the page bar (sxs.js wires the toggle)."""
    text = reader_labels(locale)
    # the keys read left to right in a right-to-left page too (not `O+Shift+Alt`)
    keys = "+".join(f"<kbd>{escape(key)}</kbd>" for key in ORIGINAL_KEY)
    return (f'<button type="button" class="sxs-hover" aria-pressed="true">{escape(text["hover"])}</button>'
            f'<span class="sxs-keys"><span dir="ltr">{keys}</span>: {escape(text["original_key"])}</span>')


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
