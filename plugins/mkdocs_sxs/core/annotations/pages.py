"""The generated browse pages: all roles (or products), and one page per value.

Pages are Markdown with one raw HTML block each (names escaped here), so
they render in any Markdown engine; URLs come from the caller, which knows
where pages end up. Each page list item carries the page's other roles and
products, so `sxs-annotations.js` can filter it by a second value.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from html import escape

from ..reader.i18n import labels
from .find import KINDS, PageAnnotations
from .index import INDEX_DIRS, AnnotationIndex, IndexEntry
from .render import annotation_label, display_name, names_html

# (docs-relative path of the page being written, target docs-relative path) -> URL.
UrlFor = Callable[[str, str], str]

_TITLE_KEYS = {"roles": "all_roles", "applies_to": "all_products"}


def index_path(kind: str) -> str:
    return f"{INDEX_DIRS[kind]}/index.md"


def entry_path(entry: IndexEntry) -> str:
    return f"{INDEX_DIRS[entry.kind]}/{entry.slug}.md"


def index_title(kind: str, locale: str | None) -> str:
    return labels(locale)[_TITLE_KEYS[kind]]


def _front_matter(title: str, locale: str | None) -> str:
    lines = ["---", f"title: {_yaml_string(title)}"]
    if locale:
        lines.append(f"ms.contentlocale: {_yaml_string(locale)}")
    lines.append("sxs_generated: annotations")
    return "\n".join(lines + ["---", ""])


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _other_kind_links(index: AnnotationIndex, kind: str, here: str, locale: str | None, url_for: UrlFor) -> str:
    links = []
    for other in (item for item in ("roles", "applies_to") if index.entries.get(item)):
        current = ' aria-current="page"' if other == kind and here == index_path(kind) else ""
        links.append(f'<a href="{escape(url_for(here, index_path(other)))}"{current}>'
                     f"{escape(index_title(other, locale))}</a>")
    return f'<p class="sxs-ann-nav">{" · ".join(links)}</p>'


def kind_index_page(index: AnnotationIndex, kind: str, *, locale: str | None, url_for: UrlFor) -> str:
    """Markdown of `roles/index.md`: every value with its page count."""
    here = index_path(kind)
    title = index_title(kind, locale)
    text = labels(locale)
    chips = "".join(
        f'<li><a class="sxs-ann-chip" href="{escape(url_for(here, entry_path(entry)))}" '
        f'data-sxs-name="{escape(entry.name)}">{names_html(entry.localized, entry.name)} '
        f'<span class="sxs-ann-count">{entry.count}</span><span class="sxs-vh"> {escape(text["pages"])}</span></a></li>'
        for entry in index.entries[kind]
    )
    body = (
        f'<div class="sxs-ann-index" data-sxs-kind="{escape(kind)}">'
        f"{_other_kind_links(index, kind, here, locale, url_for)}"
        f'<ul class="sxs-ann-values sxs-ann-all">{chips}</ul></div>'
    )
    return f"{_front_matter(title, locale)}# {escape(title)}\n\n{body}\n"


def _data_values(page: PageAnnotations, kind: str) -> str:
    annotation = page.get(kind)
    return "|".join(value.name for value in annotation.values) if annotation else ""


def entry_page(index: AnnotationIndex, entry: IndexEntry, *, locale: str | None, url_for: UrlFor) -> str:
    """Markdown of one role's (product's) page: its pages, filterable by a second value."""
    here = entry_path(entry)
    text = labels(locale)
    kind_label = annotation_label(entry.kind, entry.pages[0].get(entry.kind) if entry.pages else None, locale)
    items = []
    for page in sorted(entry.pages, key=lambda item: (item.title or item.path).casefold()):
        attributes = " ".join(
            f'data-sxs-{escape(kind.replace("_", "-"))}="{escape(_data_values(page, kind))}"' for kind in KINDS
        )
        title = page.title or page.path
        items.append(f'<li {attributes}><a href="{escape(url_for(here, page.path))}">{escape(title)}</a></li>')
    options = []
    for kind in KINDS:
        counts: Counter[str] = Counter()
        localized: dict[str, str] = {}
        for page in entry.pages:
            annotation = page.get(kind)
            for value in annotation.values if annotation else []:
                if kind == entry.kind and value.name == entry.name:
                    continue
                counts[value.name] += 1
                other = index.entry(kind, value.name)
                localized[value.name] = other.localized if other else value.localized
        if not counts:
            continue
        group = "".join(
            f'<option value="{escape(kind)}:{escape(name)}">{escape(display_name(localized[name]))} ({count})</option>'
            for name, count in sorted(counts.items(), key=lambda item: (-item[1], localized[item[0]].casefold()))
        )
        options.append(f'<optgroup label="{escape(annotation_label(kind, None, locale))}">{group}</optgroup>')
    select = ""
    # out of the search index: its options would read as one glued string of names
    if options:
        select = (
            f'<p class="sxs-ann-filter" hidden data-search-exclude><label>{escape(text["filter"])}: '
            f'<select><option value="">{escape(text["filter_any"])}</option>{"".join(options)}</select></label>'
            f' <output class="sxs-ann-shown">{entry.count}</output> / {entry.count}</p>'
        )
    body = (
        f'<div class="sxs-ann-index" data-sxs-kind="{escape(entry.kind)}" data-sxs-name="{escape(entry.name)}">'
        f"{_other_kind_links(index, entry.kind, here, locale, url_for)}"
        f'<p class="sxs-ann-kind">{escape(kind_label)} · {escape(text["pages_heading"])}: {entry.count}</p>'
        f"{select}"
        f'<ul class="sxs-ann-pages">{"".join(items)}</ul></div>'
    )
    # A raw <h1>: a Markdown heading would read `[x](javascript:…)` in a name as a link.
    heading = f'<h1 id="{escape(entry.slug)}">{names_html(entry.localized, entry.name)}</h1>'
    return f"{_front_matter(display_name(entry.localized), locale)}{heading}\n\n{body}\n"


def generated_pages(index: AnnotationIndex, *, locale: str | None, url_for: UrlFor) -> dict[str, str]:
    """Docs-relative path -> Markdown of every browse page (none for a kind without values)."""
    pages: dict[str, str] = {}
    for kind in KINDS:
        if not index.entries[kind]:
            continue
        pages[index_path(kind)] = kind_index_page(index, kind, locale=locale, url_for=url_for)
        for entry in index.entries[kind]:
            pages[entry_path(entry)] = entry_page(index, entry, locale=locale, url_for=url_for)
    return pages
