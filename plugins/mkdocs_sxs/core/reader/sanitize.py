"""Make translation-unit text safe to put into a page.

TU text comes from MT engines, CAT tools and outside translators, so it is
untrusted; it is also Markdown with inline HTML that the Markdown engine
renders after us. `sanitize_inline` works on that source text, the way a
browser and Python-Markdown would read it:

- a small inline HTML subset is kept and rebuilt from its parsed attributes
  (`ALLOWED`): quotes cannot break out, `on*` and `style` are dropped, URLs
  must have a safe scheme; attribute values are entity-encoded, including
  the characters Markdown would read as syntax, so a kept tag is one atom
  for the Markdown engine;
- every other tag, comment, `<!…>` and `<?…>` is escaped, so its text stays
  visible (`<script>` shows as ``<script>``);
- Markdown link and image destinations (`[x](javascript:…)`, reference
  definitions) with an unsafe scheme get a leading `#`, which makes them an
  inert in-page fragment while the text stays visible;
- `{` is entity-encoded (it still shows as `{`) so the `attr_list` extension cannot add
  attributes (`*x*{onclick=…}`);
- code spans are left alone (Markdown escapes them) unless they hold a tag:
  those become `<code>` with entity-encoded text, which reads the same with
  or without Markdown (a unit inside a raw HTML block is not Markdown);
  unpaired backticks are entity-encoded so a code span cannot run out of
  the unit.

URLs are checked by the site's one URL policy, `url_policy.is_safe_url`
(also used for TOC, Landing, redirect and YAML page links).

Raw HTML that page authors write outside translation units is not touched.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from html import escape, unescape

from .meta_text import meta_html
from .url_policy import SAFE_SCHEMES, is_safe_url  # noqa: F401 - SAFE_SCHEMES re-exported

# Tag -> allowed attributes. `a`/`img` URL attributes are checked separately.
ALLOWED: dict[str, frozenset[str]] = {
    "strong": frozenset(),
    "b": frozenset(),
    "em": frozenset(),
    "i": frozenset(),
    "u": frozenset(),
    "s": frozenset(),
    "del": frozenset(),
    "ins": frozenset(),
    "mark": frozenset(),
    "small": frozenset(),
    "code": frozenset(),
    "kbd": frozenset(),
    "sub": frozenset(),
    "sup": frozenset(),
    "br": frozenset(),
    "wbr": frozenset(),
    "span": frozenset({"class"}),
    "font": frozenset({"color"}),
    "abbr": frozenset({"title"}),
    "a": frozenset({"href", "name", "id", "title"}),
    "img": frozenset({"src", "alt", "title", "width", "height"}),
}
VOID = frozenset({"br", "wbr", "img"})
URL_ATTRIBUTES = frozenset({"href", "src"})
# Attribute values that must look like a name, a number or a colour.
_NAME_VALUE = re.compile(r"^[A-Za-z_][\w:.\-]*$")
_SIZE_VALUE = re.compile(r"^\d{1,5}%?$")
_CLASS_VALUE = re.compile(r"^[\w\- ]*$")
_COLOR_VALUE = re.compile(r"^#?\w{1,20}$")
_CHECKED_VALUES = {"name": _NAME_VALUE, "id": _NAME_VALUE, "width": _SIZE_VALUE, "height": _SIZE_VALUE,
                   "class": _CLASS_VALUE, "color": _COLOR_VALUE}

# The browser's tokenizer: a tag name runs to whitespace, `/` or `>`.
_TAG_START = re.compile(r"<(/?)([A-Za-z][^\s/>]*)")
_ATTRIBUTE = re.compile(
    r"[\s/]*(?:(?P<name>[^\s/>\"'=][^\s/>=]*|=[^\s/>=]*)(?:\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|"
    r"(?P<uq>[^\s>]*)))?)?"
)
_TAG_END = re.compile(r"[\s/]*>")
# Markdown autolinks and automails that Python-Markdown turns into links.
_AUTOLINK = re.compile(r"<(?:https?|ftp)://[^<>\s\"'`\\]*>", re.I)
_AUTOMAIL = re.compile(r"<[\w.+\-]+@[\w.\-]+>")
_REFERENCE = re.compile(r"(?m)^[ ]{0,3}\[[^\]\n]*\]:[ \t]*")
# Up to where a browser could still be reading the scheme (spaces and tabs are removed by is_safe_url).
_DESTINATION = re.compile(r"[^)>\"'\n]*")
_LINK_OPEN = re.compile(r"\]\([ \t]*\n?[ \t]*")
_BACKTICKS = re.compile(r"`+")
# Python-Markdown's BACKTICK_RE (markdown.inlinepatterns), so code spans are found as it finds them.
_CODE_SPAN = re.compile(r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)(?P<ticks>`+)(.+?)(?<!`)(?P=ticks)(?!`))")
# Characters that Markdown reads as syntax, encoded inside kept attributes.
_MARKDOWN_SPECIAL = {ord(c): f"&#{ord(c)};" for c in "[]()`\\{}"}
_CODE_SPECIAL = {ord(c): f"&#{ord(c)};" for c in "*_`\\[]{}!~^=|"}
_TAG_LIKE = re.compile(r"<[A-Za-z/!?]")
_QUICK = re.compile(r"[<`{\]]")


@dataclass
class Sanitized:
    """Safe markup and the script-capable parts removed from it, for a report.

    Escaped tags are still shown, so they are not listed; neither are
    harmless attributes outside the allowed set (`data-raw-source`, `target`).
    """

    markup: str
    removed: list[str] = field(default_factory=list)


def _escape_attribute(value: str) -> str:
    return escape(value, quote=True).translate(_MARKDOWN_SPECIAL)


def _code_spans(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(code spans, unpaired backtick runs) as Python-Markdown's BACKTICK_RE finds them."""
    spans: list[tuple[int, int]] = []
    for match in _CODE_SPAN.finditer(text):
        if match.group("ticks") is not None:
            spans.append(match.span())
    unpaired: list[tuple[int, int]] = []
    index = 0
    for run in _BACKTICKS.finditer(text):
        while index < len(spans) and spans[index][1] <= run.start():
            index += 1
        if index < len(spans) and spans[index][0] <= run.start():
            continue
        if not _escaped(text, run.start()):
            unpaired.append(run.span())
    return spans, unpaired


def _code_span(span: str) -> str:
    """A code span, kept as Markdown unless it holds a tag.

    Inside a raw HTML block Markdown does not run, so `` `<script>` `` would be
    a script there. A code span with a tag becomes `<code>` with its text
    entity-encoded (also Markdown's own syntax characters): the same code
    text whether Markdown runs or not.
    """
    if not _TAG_LIKE.search(span):
        return span
    ticks = len(span) - len(span.lstrip("`"))
    inner = span[ticks : len(span) - ticks].strip()
    return "<code>" + escape(inner, quote=False).translate(_CODE_SPECIAL) + "</code>"


def _escaped(text: str, position: int) -> bool:
    """Whether the character at `position` follows an odd run of backslashes."""
    count = 0
    while position - count - 1 >= 0 and text[position - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def sanitize_inline(markup: str, *, closable_after: bool = True) -> Sanitized:
    """Return `markup` with only safe inline HTML and safe URLs left.

    `closable_after`: whether the text that follows the unit's text on the
    page (the English original, the rest of the paragraph) holds a `)` that
    could close a link this text opens; False lets such a `(` stay as written.
    """
    if not _QUICK.search(markup):
        return Sanitized(markup)
    removed: list[str] = []
    spans, unpaired = _code_spans(markup) if "`" in markup else ([], [])
    out: list[str] = []
    position = 0
    # Regions the scan must not enter: code spans; unpaired backticks are encoded.
    protected = sorted([(start, end, False) for start, end in spans] + [(s, e, True) for s, e in unpaired])
    for start, end, encode in protected:
        if start < position:
            continue
        out.append(_sanitize_text(markup[position:start], removed, closable_after or ")" in markup[start:]))
        if encode:
            out.append("&#96;" * (end - start))
        else:
            out.append(_code_span(markup[start:end]))
        position = end
    out.append(_sanitize_text(markup[position:], removed, closable_after))
    return Sanitized("".join(out), removed)


def _sanitize_text(text: str, removed: list[str], closable_after: bool = True) -> str:
    if not _QUICK.search(text):
        return text
    text = _sanitize_destinations(text, removed)
    text = _close_link_quotes(text, closable_after)
    out: list[str] = []
    open_tags: list[str] = []
    position = 0
    length = len(text)
    while position < length:
        lt = text.find("<", position)
        brace = text.find("{", position)
        if brace != -1 and (lt == -1 or brace < lt):
            out.append(text[position:brace])
            out.append("&#123;")
            position = brace + 1
            continue
        if lt == -1:
            out.append(text[position:])
            break
        if _escaped(text, lt):
            # `\<`: Markdown shows `<`, but inside an HTML block the backslash is
            # text and `<` would open a tag. `&lt;` reads as `<` in both.
            out.append(text[position : lt - 1])
            out.append("&lt;")
            position = lt + 1
            continue
        out.append(text[position:lt])
        auto = _AUTOLINK.match(text, lt) or _AUTOMAIL.match(text, lt)
        if auto is not None:
            out.append(auto.group(0))
            position = auto.end()
            continue
        tag = _read_tag(text, lt)
        if tag is None:
            following = text[lt + 1 : lt + 2]
            out.append("&lt;" if following and (following.isalpha() or following in "/!?") else "<")
            position = lt + 1
            continue
        end, closing, name, attributes = tag
        if name not in ALLOWED:
            out.append(_as_text(text[lt:end]))
            position = end
            continue
        if closing:
            if name in open_tags:
                while open_tags:
                    top = open_tags.pop()
                    out.append(f"</{top}>")
                    if top == name:
                        break
            elif name not in VOID:
                out.append(_as_text(text[lt:end]))
            position = end
            continue
        out.append(_rebuild(name, attributes, removed))
        if name not in VOID and not text[lt:end].rstrip(">").rstrip().endswith("/"):
            open_tags.append(name)
        position = end
    out.extend(f"</{name}>" for name in reversed(open_tags))
    return "".join(out)


def _as_text(tag: str) -> str:
    """A tag shown as text: no `<`, `>` or `{` left for a browser or for attr_list."""
    return tag.replace("<", "&lt;").replace(">", "&gt;").replace("{", "&#123;")


def _read_tag(text: str, start: int) -> tuple[int, bool, str, list[tuple[str, str | None]]] | None:
    """Read one tag as a browser would: (end, closing, name, attributes), or None if incomplete."""
    match = _TAG_START.match(text, start)
    if match is None or text.find(">", start) == -1:
        return None
    closing = bool(match.group(1))
    name = match.group(2).lower()
    position = match.end()
    attributes: list[tuple[str, str | None]] = []
    length = len(text)
    while position < length:
        end = _TAG_END.match(text, position)
        if end is not None:
            return end.end(), closing, name, attributes
        attribute = _ATTRIBUTE.match(text, position)
        if attribute is None or attribute.end() == position:
            return None
        if attribute.group("name") is not None:
            value = attribute.group("dq")
            if value is None:
                value = attribute.group("sq")
            if value is None:
                value = attribute.group("uq")
            attributes.append((attribute.group("name").lower(), value))
        position = attribute.end()
    return None


def _rebuild(name: str, attributes: list[tuple[str, str | None]], removed: list[str]) -> str:
    allowed = ALLOWED[name]
    parts = [name]
    seen: set[str] = set()
    for key, value in attributes:
        if key in seen:
            continue
        seen.add(key)
        if key not in allowed:
            if key.startswith("on") or key in ("style", "srcset", "formaction", "xlink:href"):
                removed.append(f"attribute {key!r} of <{name}>")
            continue
        value = unescape(value or "")
        if key in URL_ATTRIBUTES and not is_safe_url(value, image=name == "img"):
            removed.append(f"unsafe URL in {key!r} of <{name}>")
            continue
        check = _CHECKED_VALUES.get(key)
        if check is not None and not check.match(value):
            continue
        parts.append(f'{key}="{_escape_attribute(value)}"')
    return "<" + " ".join(parts) + ">"


# An inline link or image whose destination and title close inside the unit's own text.
_CLOSED_LINK = re.compile(
    r"""\]\([ \t]*(?:\n[ \t]*)?(?:<[^<>\n]*>|[^\s()"'<]*(?:\([^\s()"']*\)[^\s()"']*)*)"""
    r"""(?:[ \t]+(?:\n[ \t]*)?(?:"[^"\n]*"|'[^'\n]*'))?[ \t]*\)"""
)
_QUOTES = {ord('"'): "&quot;", ord("'"): "&#39;"}


def _close_link_quotes(text: str, closable_after: bool = True) -> str:
    """Entity-encode the quotes of a link destination that does not close inside the unit.

    Python-Markdown starts a link title at any quote after `](` and ends it
    at a later quote followed by `)`, which may lie in the next unit:
    `[x](https://e/?q=a")` then `[y](…")` would put our unit tags inside a
    `title` attribute. A link that closes here (`[x](url "title")`) is left
    as written; in any other, quotes up to the first `)` are encoded (they
    still read as quotes, in the URL too), so the link ends inside the unit.
    A `](` whose `)` is not in the unit's text could only close after the
    unit's end tag: its `(` is encoded, and it reads as text.
    """
    if "](" not in text:
        return text
    out: list[str] = []
    position = 0
    for match in _LINK_OPEN.finditer(text):
        start = match.start()
        if start < position or _CLOSED_LINK.match(text, start):
            continue
        close = _balanced_close(text, match.end())
        if close == -1:  # it could only close in the text after the unit: not a link here
            if not closable_after:
                continue  # nothing after it can close it: it is text already, as written
            out.append(text[position : start + 1])
            out.append("&#40;")
            position = start + 2
            continue
        out.append(text[position : match.end()])
        end = close
        out.append(text[match.end() : end].translate(_QUOTES))
        position = end
    if not out:
        return text
    out.append(text[position:])
    return "".join(out)


def unsafe_destinations(markdown: str) -> list[str]:
    """Descriptions of the Markdown link, image and reference destinations the URL policy refuses."""
    removed: list[str] = []
    _sanitize_destinations(markdown, removed)
    return removed


def _balanced_close(text: str, start: int) -> int:
    """The `)` that closes a link opened just before `start` (nested pairs skipped), or -1."""
    depth = 0
    for index in range(start, len(text)):
        char = text[index]
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return index
            depth -= 1
    return -1


def neutralize_destinations(markdown: str) -> str:
    """Markdown whose link, image and reference destinations with an unsafe scheme became inert `#…` fragments.

    For Markdown from YAML pages (FAQ answers, summaries): the same URL policy as unit text.
    """
    return _sanitize_destinations(markdown, [])


def _sanitize_destinations(text: str, removed: list[str]) -> str:
    """Prefix `#` to Markdown link, image and reference destinations with an unsafe scheme."""
    if "](" not in text and "]:" not in text:
        return text
    starts = [m.end() for m in _LINK_OPEN.finditer(text)]
    starts += [m.end() for m in _REFERENCE.finditer(text)]
    if not starts:
        return text
    inserts = []
    for start in starts:
        destination_start = start + 1 if text.startswith("<", start) else start
        destination = _DESTINATION.match(text, destination_start).group(0)  # type: ignore[union-attr]
        if destination and not is_safe_url(destination):
            inserts.append(destination_start)
            removed.append(f"unsafe link destination {destination[:40]!r}")
    if not inserts:
        return text
    out = []
    position = 0
    for insert in sorted(set(inserts)):
        out.append(text[position:insert])
        out.append("#")
        position = insert
    out.append(text[position:])
    return "".join(out)


# Front matter keys that MkDocs themes (Material: base.html, header.html)
# print without escaping.
TEMPLATE_META_KEYS = ("title", "description", "author")


def escape_template_meta(meta: dict[str, object]) -> None:
    """HTML-escape, in place, the front matter values themes print raw (any YAML type, as text)."""
    for key in TEMPLATE_META_KEYS:
        value = meta.get(key)
        if value is not None and not isinstance(value, _PLAIN_SCALARS):  # numbers and dates carry no markup
            meta[key] = meta_html(value)


_PLAIN_SCALARS = (bool, int, float, datetime.date)
