"""The HTML and XML that tie the locales of a site together: hreflang links, og:locale, the picker, sitemaps.

Plain strings in, strings out: any engine's adapter puts them into its pages.
"""

from __future__ import annotations

import re
from html import escape
from xml.sax.saxutils import escape as xml_escape

from ..reader.i18n import labels, text_direction
from .alternates import MISSING_ANCHOR, LocaleSite, Version
from .manifest import LocaleManifest

XHTML_NS = "http://www.w3.org/1999/xhtml"


def og_locale(tag: str) -> str:
    """Open Graph wants `language_TERRITORY`: `cs-CZ` -> `cs_CZ`."""
    parts = re.split(r"[-_]", tag)
    return "_".join([parts[0].lower(), *[part.upper() if len(part) == 2 else part for part in parts[1:]]])


def alternate_links(site: LocaleSite, versions: list[Version]) -> list[tuple[str, str]]:
    """(hreflang, href) of every locale that has the page, then `x-default`: the default locale's
    version, or its home when it lacks the page."""
    links = [(v.entry.tag, v.href) for v in versions if v.exists]
    default = next(v for v in versions if v.entry == site.manifest.default_entry)
    links.append(("x-default", default.href if default.exists else default.href.split("#", 1)[0]))
    return links


def head_html(site: LocaleSite, versions: list[Version]) -> str:
    """`<link rel=alternate hreflang>` for every locale that has the page, x-default, og:locale."""
    lines = [f'<link rel="alternate" hreflang="{escape(lang)}" href="{escape(href)}">'
             for lang, href in alternate_links(site, versions)]
    lines.append(f'<meta property="og:locale" content="{escape(og_locale(site.current.tag))}">')
    lines += [f'<meta property="og:locale:alternate" content="{escape(og_locale(v.entry.tag))}">'
              for v in versions if v.exists and not v.current]
    return "\n".join(lines) + "\n"


def add_to_head(output: str, snippet: str) -> str:
    index = output.find("</head>")
    return output if index == -1 or not snippet else output[:index] + snippet + output[index:]


def picker_html(site: LocaleSite, versions: list[Version]) -> str:
    """The language picker: the same page in each locale, or that locale's home with a notice.

    A `<details>` list of plain links (works without JavaScript, keyboard and
    screen readers included); each name is written in its own language.
    """
    text = labels(site.current.tag)
    names = site.display_names()
    items = []
    current_name = names[site.current.path]
    for version in versions:
        name = names[version.entry.path]
        # target="_self": Material's language-selector script skips links with a target; it would send
        # the reader to a locale's home without our notice (it only knows pages listed in sitemap.xml)
        attributes = f'lang="{escape(version.entry.tag)}" hreflang="{escape(version.entry.tag)}" target="_self"'
        if text_direction(version.entry.tag) == "rtl":
            attributes += ' dir="rtl"'
        if version.current:
            items.append(f'<li><a href="{escape(version.href)}" {attributes} aria-current="page">'
                         f"{escape(name)}</a></li>")
        elif version.exists:
            items.append(f'<li><a href="{escape(version.href)}" {attributes}>{escape(name)}</a></li>')
        else:
            items.append(f'<li><a href="{escape(version.href)}" {attributes} data-sxs-missing '
                         f'title="{escape(labels(version.entry.tag)["locale_missing"])}">{escape(name)}'
                         f'<span class="sxs-locales-home" aria-hidden="true"> ⌂</span></a></li>')
    return (f'<nav class="sxs-locales" aria-label="{escape(text["other_languages"])}" data-search-exclude>'
            f'<details><summary><span class="sxs-locales-label">{escape(text["other_languages"])}:</span> '
            f'<span class="sxs-locales-current">{escape(current_name)}</span></summary>'
            f'<ul>{"".join(items)}</ul></details></nav>\n')


def missing_notice_html(tag: str) -> str:
    """On a locale's home: shown (CSS `:target`) when the picker came here for a page this locale lacks."""
    return (f'<p id="{MISSING_ANCHOR}" class="sxs-locale-missing" role="note" data-search-exclude>'
            f'{escape(labels(tag)["locale_missing"])}</p>\n')


_URL_BLOCK = re.compile(r"<url>(.*?)</url>", re.S)
_LOC = re.compile(r"<loc>(.*?)</loc>", re.S)


def sitemap_with_alternates(xml: str, alternates: dict[str, list[tuple[str, str]]]) -> str:
    """Add `<xhtml:link rel="alternate" hreflang href>` to each `<url>` whose `<loc>` is in `alternates`."""
    if not alternates:
        return xml
    if f'xmlns:xhtml="{XHTML_NS}"' not in xml:
        xml = xml.replace("<urlset ", f'<urlset xmlns:xhtml="{XHTML_NS}" ', 1)

    def add(match: re.Match[str]) -> str:
        block = match.group(1)
        loc = _LOC.search(block)
        links = alternates.get(loc.group(1).strip()) if loc else None
        if not links or "<xhtml:link" in block:
            return match.group(0)
        extra = "".join(f'\n         <xhtml:link rel="alternate" hreflang="{xml_escape(lang, {chr(34): "&quot;"})}" '
                        f'href="{xml_escape(href, {chr(34): "&quot;"})}"/>' for lang, href in links)
        return f"<url>{block.rstrip()}{extra}\n    </url>"

    return _URL_BLOCK.sub(add, xml)


def sitemap_index(manifest: LocaleManifest) -> str:
    """The site's root `sitemap.xml`: one sitemap per locale (needs `site_url`)."""
    base = manifest.site_url or "/"
    entries = "".join(f"  <sitemap><loc>{xml_escape(base + entry.path)}/sitemap.xml</loc></sitemap>\n"
                      for entry in manifest.locales)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{entries}</sitemapindex>\n")


def root_index_html(manifest: LocaleManifest, names: dict[str, str]) -> str:
    """The site root (x-default): sends the reader to the locale their browser asks for, else the default.

    Without JavaScript it is a list of the locales; with it, `navigator.languages`
    picks the first locale matching by tag, then by language.
    """
    default = manifest.default_entry
    items = "".join(f'<li><a href="{escape(entry.path)}/" lang="{escape(entry.tag)}" hreflang="{escape(entry.tag)}">'
                    f"{escape(names[entry.path])}</a></li>" for entry in manifest.locales)
    links = "".join(f'<link rel="alternate" hreflang="{escape(entry.tag)}" href="{escape(entry.path)}/">'
                    for entry in manifest.locales)
    tags = {entry.tag.lower(): entry.path for entry in manifest.locales}
    script = (
        "<script>(function(){var t=" + _js_object(tags) + ",d=" + _js_string(default.path) + ";"
        "var w=(navigator.languages||[navigator.language||'']);"
        "for(var i=0;i<w.length;i++){var l=String(w[i]).toLowerCase();if(t[l]){d=t[l];break}"
        "for(var k in t){if(k.split('-')[0]===l.split('-')[0]){d=t[k];i=w.length;break}}}"
        "location.replace(d+'/'+location.hash)})()</script>"
    )
    return ('<!doctype html>\n<html lang="mul"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{escape(names[default.path])}</title>{links}"
            f'<link rel="alternate" hreflang="x-default" href="./">{script}</head>'
            f"<body><ul>{items}</ul></body></html>\n")


def _js_string(value: str) -> str:
    import json

    return json.dumps(value).replace("<", "\\u003c")


def _js_object(values: dict[str, str]) -> str:
    import json

    return json.dumps(values).replace("<", "\\u003c")
