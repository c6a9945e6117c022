"""The bar above a translated page: language switch, MT notice, date.

Rendered on the server, in the page's language, so it reads right before
(and without) JavaScript; `sxs.js` only wires the buttons.
"""

from __future__ import annotations

from html import escape
from typing import Any

from .a11y import reader_controls
from .i18n import format_updated, labels, parse_date

MODES = ("target", "source", "both")


def page_locale(meta: dict[str, Any], default: str | None = None) -> str | None:
    value = meta.get("ms.contentlocale") or meta.get("locale") or default
    return str(value) if value else None


def is_machine_translated(meta: dict[str, Any]) -> bool:
    return str(meta.get("ms.translationtype", "")).strip().upper() == "MT"


def page_bar(meta: dict[str, Any], *, locale: str | None, has_units: bool) -> str:
    """HTML of the bar; empty for a page that has nothing to show."""
    text = labels(locale)
    parts: list[str] = []
    if has_units:
        buttons = "".join(
            f'<button type="button" class="sxs-mode" data-sxs-mode="{mode}" aria-pressed="false">'
            f"{escape(text['mode_' + mode])}</button>"
            for mode in MODES
        )
        parts.append(
            f'<div class="sxs-switch" role="group" aria-label="{escape(text["switch"])}">'
            f'<span class="sxs-switch-label" aria-hidden="true">{escape(text["switch"])}:</span>{buttons}</div>'
        )
        parts.append(reader_controls(locale))
    if is_machine_translated(meta):
        # A page without units (MT published without the English spans) has no original to hover:
        # the notice's first sentence only ("This page was machine translated.").
        notice = text["mt_notice"] if has_units else text["mt_notice"].split(". ", 1)[0].rstrip(".") + "."
        parts.append(f'<p class="sxs-mt-notice">{escape(notice)}</p>')
    updated = format_updated(meta.get("ms.date"), locale)
    if updated:
        parts.append(
            f'<p class="sxs-updated">{escape(text["updated"])}: '
            f'<time datetime="{escape(_iso(meta.get("ms.date")))}">{escape(updated)}</time></p>'
        )
    if not parts:
        return ""
    # <aside>, not <div>: Material's search parser stops excluding at the first
    # closing tag with the excluded element's name, and the bar nests <div>s.
    return f'<aside class="sxs-bar" data-search-exclude>{"".join(parts)}</aside>\n'


# Applies the reader's stored view before the first paint (sxs.js loads at the
# end of <body>, too late to avoid a flash of the other language).
EARLY_MODE_SCRIPT = (
    '<script>try{var m=localStorage.getItem("sxs-mode");'
    'if(m==="target"||m==="source"||m==="both")document.documentElement.setAttribute("data-sxs-mode",m)'
    "}catch(e){}</script>"
)


def add_early_mode_script(output: str) -> str:
    """Insert `EARLY_MODE_SCRIPT` at the end of `<head>` (once)."""
    if EARLY_MODE_SCRIPT in output:
        return output
    index = output.find("</head>")
    if index == -1:
        return output
    return output[:index] + EARLY_MODE_SCRIPT + output[index:]


def _iso(value: object) -> str:
    date = parse_date(value)
    return date.isoformat() if date else ""
