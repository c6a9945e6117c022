"""The ways DocFX writes a cross-reference, found in page text.

`[text](xref:uid)`, `<xref:uid>`, `<xref href="uid" …/>` (or with content),
`@"uid"`/`@'uid'` and `@uid`, each optionally with `?displayProperty=…`
(`?text=…`) and `#anchor`. The finder works on text whose code is blanked
(or on a predicate that says where code is), so the build's transform and the
link check see the same uses at the same offsets.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from urllib.parse import parse_qsl, unquote

FORM_LINK = "link"            # [text](xref:uid)
FORM_AUTOLINK = "autolink"    # <xref:uid>
FORM_HTML = "html"            # <xref href="uid"/>
FORM_QUOTED = "quoted"        # @"uid"
FORM_SHORT = "short"          # @uid
FORM_DEFINITION = "definition"  # [label]: xref:uid
FORM_HTML_LINK = "html-link"    # <a href="xref:uid">text</a>
# Forms whose destination only is rewritten (the rest of the markup stays as written).
DESTINATION_FORMS = (FORM_DEFINITION, FORM_HTML_LINK)
# DocFX leaves an unresolved `@uid` as the text it is (`@smitpatel`, `@Url`): shorthand forms do not throw.
SHORTHAND_FORMS = (FORM_QUOTED, FORM_SHORT)

_LINK_DEST = re.compile(
    r"\]\([ \t]*(?P<full>(?P<angle><)?xref:(?P<dest>[^\s)>]*)(?(angle)>))(?P<title>[ \t]+\"[^\"\n]*\")?[ \t]*\)", re.I)
_DEFINITION = re.compile(r"^[ \t>]{0,6}\[[^\]\n]+\]:[ \t]*(?P<full>(?P<angle><)?xref:(?P<dest>[^\s>]+)(?(angle)>))",
                         re.M | re.I)
_HTML_LINK = re.compile(r"<a\b[^<>]*?\bhref\s*=\s*(?P<q>[\"'])(?P<full>xref:(?P<dest>[^\"'<>\s]+))(?P=q)", re.I)
_AUTOLINK = re.compile(r"<xref:(?P<dest>[^\s<>]+)>", re.I)
_HTML = re.compile(r"<xref\b(?P<attrs>[^<>]*?)(?:/>|>(?P<inner>[^<]*(?:<(?!/?xref\b)[^<]*)*)</xref\s*>|>)",
                   re.I)
_ATTR = re.compile(r"(?P<name>[\w-]+)\s*=\s*(?:\"(?P<d>[^\"]*)\"|'(?P<s>[^']*)')")
_QUOTED = re.compile(r"(?<![\w@])@(?P<q>[\"'])(?P<dest>[^\"'\n<>]+?)(?P=q)")
# `@` not glued to a word, a path or a URL (e-mail addresses, `/@scope`, `x.@y`).
_SHORT = re.compile(r"(?<![\w@/.:\\\-`=])@(?P<dest>[A-Za-z_][\w.`*#%/\-]*(?:\([^\s()]*\))?)")
_TRAILING = re.compile(r"[.,;:!?/\-]+$")


@dataclass
class XrefUse:
    """One cross-reference as written: where it is and what it asks for."""

    start: int
    end: int
    form: str
    uid: str
    anchor: str | None = None
    display_property: str | None = None
    text: str | None = None         # link text as written (Markdown), None when the source gives none
    dest_start: int = 0             # [text](xref:…): the destination's span (only it is rewritten)
    dest_end: int = 0
    raw: str = ""

    @property
    def shorthand(self) -> bool:
        return self.form in SHORTHAND_FORMS


def parse_dest(dest: str) -> tuple[str, str | None, str | None, str | None]:
    """(uid, anchor, displayProperty, text) of `uid?displayProperty=x#anchor` (uid percent-decoded)."""
    anchor = None
    if "#" in dest:
        dest, anchor = dest.split("#", 1)
    query = ""
    if "?" in dest:
        dest, query = dest.split("?", 1)
    display = text = None
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key.lower() == "displayproperty":
            display = value
        elif key.lower() in ("text", "title") and value:
            text = value
    return unquote(dest.strip()), anchor or None, display, text


def find_xrefs(text: str, in_code: Callable[[int], bool] | None = None) -> list[XrefUse]:
    """Every cross-reference of `text` (blank code first, or pass `in_code`), in text order."""
    lowered_has_xref = "xref" in text or "XREF" in text.upper()
    uses: list[XrefUse] = []
    if lowered_has_xref:
        for match in _LINK_DEST.finditer(text):
            if in_code and in_code(match.start()):
                continue
            uid, anchor, display, query_text = parse_dest(match.group("dest"))
            opening = opening_bracket(text, match.start())
            if opening is None or not uid:
                continue
            written = text[opening + 1:match.start()]
            uses.append(XrefUse(opening, match.end(), FORM_LINK, uid, anchor, display,
                                written if written.strip() else query_text, match.start("full"),
                                match.end("full"), text[opening:match.end()]))
        for match in _DEFINITION.finditer(text):
            if in_code and in_code(match.start()):
                continue
            uid, anchor, display, query_text = parse_dest(match.group("dest"))
            if uid:
                uses.append(XrefUse(match.start("full"), match.end("full"), FORM_DEFINITION, uid, anchor, display,
                                    query_text, match.start("full"), match.end("full"), match.group("full")))
        for match in _HTML_LINK.finditer(text):
            if in_code and in_code(match.start()):
                continue
            uid, anchor, display, query_text = parse_dest(match.group("dest"))
            if uid:
                uses.append(XrefUse(match.start("full"), match.end("full"), FORM_HTML_LINK, uid, anchor, display,
                                    "", match.start("full"), match.end("full"), match.group("full")))
        for match in _AUTOLINK.finditer(text):
            if in_code and in_code(match.start()):
                continue
            uid, anchor, display, query_text = parse_dest(match.group("dest"))
            if uid:
                uses.append(XrefUse(match.start(), match.end(), FORM_AUTOLINK, uid, anchor, display, query_text,
                                    raw=match.group(0)))
        for match in _HTML.finditer(text):
            if in_code and in_code(match.start()):
                continue
            attrs = {m.group("name").lower(): unescape(m.group("d") if m.group("d") is not None else m.group("s"))
                     for m in _ATTR.finditer(match.group("attrs"))}
            if not attrs.get("href", attrs.get("uid", "")).strip():
                continue
            uid, anchor, display, query_text = parse_dest(attrs.get("href") or attrs.get("uid", ""))
            inner = (match.group("inner") or "").strip() or attrs.get("text") or attrs.get("title") or query_text
            uses.append(XrefUse(match.start(), match.end(), FORM_HTML, uid, anchor,
                                attrs.get("displayproperty", display), inner or None, raw=match.group(0)))
    if "@" in text:
        for match in _QUOTED.finditer(text):
            if in_code and in_code(match.start()):
                continue
            uid, anchor, display, query_text = parse_dest(match.group("dest"))
            if uid and " " not in uid:
                uses.append(XrefUse(match.start(), match.end(), FORM_QUOTED, uid, anchor, display, query_text,
                                    raw=match.group(0)))
        for match in _SHORT.finditer(text):
            if in_code and in_code(match.start()):
                continue
            dest = _TRAILING.sub("", match.group("dest"))
            if not dest:
                continue
            end = match.start("dest") + len(dest)
            uid, anchor, display, query_text = parse_dest(dest)
            uses.append(XrefUse(match.start(), end, FORM_SHORT, uid, anchor, display, query_text,
                                raw=text[match.start():end]))
    uses.sort(key=lambda use: use.start)
    return _without_overlaps(uses)


def parse_xref(raw: str) -> XrefUse | None:
    """The cross-reference written as `raw` (a link-check reference's text), or None."""
    stripped = raw.strip()
    if stripped.lower().startswith("xref:"):
        uid, anchor, display, text = parse_dest(stripped[5:])
        return XrefUse(0, len(raw), FORM_LINK, uid, anchor, display, text, raw=raw) if uid else None
    uses = find_xrefs(stripped)
    return uses[0] if uses and uses[0].start == 0 else None


def _without_overlaps(uses: list[XrefUse]) -> list[XrefUse]:
    kept: list[XrefUse] = []
    for use in uses:
        if kept and use.start < kept[-1].end:
            continue
        kept.append(use)
    return kept


def opening_bracket(text: str, close: int) -> int | None:
    """The `[` that matches the `]` at `close`, within the paragraph (also the DocFX link rewrite's)."""
    depth = 0
    position = close
    limit = max(0, close - 4000)
    while position > limit:
        position -= 1
        char = text[position]
        if char == "]" and text[position - 1] != "\\":
            depth += 1
        elif char == "[" and (position == 0 or text[position - 1] != "\\"):
            if depth == 0:
                return position
            depth -= 1
        elif char == "\n" and text[position - 1:position + 1] == "\n\n":
            return None
    return None
