"""Pseudo-tags in prose (`<Result>`, `<your tenant>`) kept visible.

DocFX pages use angle brackets for placeholders; an HTML renderer would
swallow them as unknown tags. Anything that looks like a tag but is not an
HTML element (and not an autolink or comment) is escaped; code is left alone.
"""

from __future__ import annotations

import re

from .regions import CodeRegions

HTML_ELEMENTS = frozenset("""
a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption cite code col
colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure font footer form
h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link main map mark menu
meta meter nav noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp script
section select slot small source span strike strong style sub summary sup svg table tbody td template textarea
tfoot th thead time title tr track tt u ul var video wbr center big nobr path g rect circle line polyline polygon
defs use symbol text tspan math mi mo mn msup mrow
""".split())

# Common tags are skipped by the pattern itself (a page has thousands of `<span`).
_TAG_LIKE = re.compile(r"<(?!/?(?:span|a|br|b|i|strong|em|img|p|div|code|sup|sub|t[rdh]|ul|ol|li)[\s/>])"
                       r"(?P<close>/?)(?P<name>[A-Za-z][\w.:-]*)(?P<rest>[^<>\n]*)>")


def escape_pseudo_tags(text: str) -> str:
    if "<" not in text:
        return text
    code: CodeRegions | None = None
    out: list[str] = []
    position = 0
    for match in _TAG_LIKE.finditer(text):
        name = match.group("name")
        if name.lower() in HTML_ELEMENTS:
            continue
        rest = match.group("rest")
        if "://" in name + rest or "@" in name + rest or name.lower() in ("http", "https", "mailto"):
            continue  # an autolink
        if code is None:
            code = CodeRegions(text)
        if code.contains(match.start()):
            continue
        out.append(text[position : match.start()])
        out.append("&lt;" + match.group(0)[1:-1] + "&gt;")
        position = match.end()
    if not out:
        return text
    out.append(text[position:])
    return "".join(out)
