"""The annotation block: "Applies to" and "Appropriate roles" as chips.

`AnnotationUnitRenderer` plugs into `render_page(render_unit=…)`: the first
annotation unit of the page becomes a placeholder, every other one an empty
marker; `finish()` then puts the block in place of the placeholder (built
from the targets the renderer saw, so post-edits show) and drops the
emptied paragraphs and lists. Each name is shown as `.sxs-t` (localized)
and `.sxs-s` (English), so the reader's language switch applies.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from html import escape

from ..reader.i18n import has_label, labels
from ..reader.model import SxsPage, TranslationUnit
from .find import KINDS, Annotation, PageAnnotations, find_annotations

# (kind, canonical name) -> URL of that value's index page, or None.
HrefFor = Callable[[str, str], str | None]

PLACEHOLDER = '<div class="sxs-annotations" data-sxs-annotations-placeholder></div>'
_CONSUMED = re.compile(r'<span class="sxs-ann-consumed" data-sxs-id="[^"]*"></span>')
# A list right under its label (no blank line) stays inside the paragraph: `- ` markers remain.
_EMPTY_PARAGRAPH = re.compile(r"<p>\s*(?:(?:[-*+]|\d{1,9}[.)])?[ \t]*" + _CONSUMED.pattern + r"\s*)+</p>\n?")
_EMPTY_LIST = re.compile(r"<ul>\s*(?:<li>\s*(?:" + _CONSUMED.pattern + r"\s*)+</li>\s*)+</ul>\n?")


def annotation_label(kind: str, annotation: Annotation | None, locale: str | None) -> str:
    """The label in the page language: ours where we have one, else the translator's."""
    if has_label(locale, kind) or annotation is None:
        return labels(locale)[kind]
    return annotation.label or labels(locale)[kind]


def names_html(localized: str, name: str, *, source_lang: str = "en") -> str:
    """A name as target/English pair (the English one stays searchable).

    A space separates the two, so text extraction (search indexers, the role
    pages' titles) yields two names, `Globální správce Global admin`, not
    `Globální správceGlobal admin`; it collapses where the English is hidden.
    """
    return (
        f'<span class="sxs-ann-name"><span class="sxs-t">{escape(display_name(localized))}</span> '
        f'<span class="sxs-s" lang="{escape(source_lang)}">{escape(name)}</span></span>'
    )


def display_name(name: str) -> str:
    """Names are shown capitalized (`globální správce` -> `Globální správce`)."""
    return name[:1].upper() + name[1:]


def annotation_block(annotations: PageAnnotations, *, locale: str | None, href_for: HrefFor | None = None,
                     source_lang: str = "en", edited: Collection[str] = ()) -> str:
    """The HTML of the block; empty when the page has no annotations.

    `edited` holds the ids of post-edited units: their row is marked like an edited unit.
    """
    rows = []
    for kind in KINDS:
        annotation = annotations.get(kind)
        if annotation is None:
            continue
        label = annotation_label(kind, annotation, locale)
        chips = []
        for value in annotation.values:
            href = href_for(kind, value.name) if href_for else None
            inner = names_html(value.localized, value.name, source_lang=source_lang)
            data = f'data-sxs-name="{escape(value.name)}"'
            if href:
                chips.append(f'<li><a class="sxs-ann-chip" href="{escape(href)}" {data}>{inner}</a></li>')
            else:
                chips.append(f'<li><span class="sxs-ann-chip" {data}>{inner}</span></li>')
        classes = "sxs-tu sxs-ann-label" + (" sxs-edited" if set(annotation.unit_ids) & set(edited) else "")
        rows.append(
            f'<div class="sxs-ann-row sxs-ann-{escape(kind)}" data-sxs-units="{escape(" ".join(annotation.unit_ids))}">'
            f'<span class="{classes}" data-sxs-id="{escape(annotation.unit_ids[0])}">'
            f'<span class="sxs-t">{escape(label)}</span>'
            f'<span class="sxs-s" lang="{escape(source_lang)}" data-search-exclude>{escape(annotation.source_label)}'
            f"</span></span>"
            f'<ul class="sxs-ann-values">{"".join(chips)}</ul></div>'
        )
    if not rows:
        return ""
    return f'<div class="sxs-annotations">{"".join(rows)}</div>'


class AnnotationUnitRenderer:
    """A `render_unit` callable for one page; see the module docstring."""

    def __init__(self, unit_ids: list[str]) -> None:
        self.unit_ids = list(unit_ids)
        self.targets: dict[str, str] = {}
        self.edited: set[str] = set()

    def __call__(self, unit: TranslationUnit, target: str, source: str | None) -> str | None:
        # Ids can repeat in broken pages: only the first (lead) occurrence is the annotation.
        if unit.id not in self.unit_ids or unit.id in self.targets:
            return None
        self.targets[unit.id] = target
        if target != unit.target:
            self.edited.add(unit.id)
        if unit.id == self.unit_ids[0]:
            return PLACEHOLDER
        return f'<span class="sxs-ann-consumed" data-sxs-id="{escape(unit.id)}"></span>'

    def finish(self, html: str, page: SxsPage | None, *, locale: str | None, href_for: HrefFor | None = None,
               source_lang: str = "en", title: str | None = None) -> tuple[str, PageAnnotations | None]:
        """Put the block into the converted page; return it with the annotations shown."""
        if page is None or PLACEHOLDER not in html:
            return html, None
        annotations = find_annotations(page, self.targets, title=title)
        block = annotation_block(annotations, locale=locale, href_for=href_for, source_lang=source_lang,
                                 edited=self.edited)
        html = html.replace(f"<p>{PLACEHOLDER}</p>", PLACEHOLDER).replace(PLACEHOLDER, block, 1)
        html = _EMPTY_LIST.sub("", _EMPTY_PARAGRAPH.sub("", html))
        return html, annotations
