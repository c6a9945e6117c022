"""A page's search sections as Material's search plugin splits them, without `html.parser`.

Material's `search` plugin feeds every page through its `html.parser`
subclass (`material/plugins/search/plugin.py`, `Parser`): about a fifth of a
big docset's build. The HTML our renderer and Python-Markdown write is
regular (simple tags with quoted attributes, text, a few comments), so one
regex tokenizes it, and the loop below applies Material's rules to the tokens:
a section starts at each heading with an `id`; `p code pre li ol ul sub sup`
are kept as bare tags (dropped again when only whitespace follows the first
such opening tag); `script style object`, elements with
`data-search-exclude` and `class="linenodiv"` are skipped; whitespace collapses
outside `<pre>`; permalinks (`a.headerlink`) stay out of titles. Material's
quirks are kept on purpose, the result must equal its parser's: a skipped
element ends at the first closing tag of the same name, headings nested in
other elements hand the section back when their parent closes, and elements
compare by tag name.

Markup the tokenizer does not cover (a `<` that starts no simple tag,
unquoted or unusual attributes, `<script>` or `<iframe>` with content,
CDATA, declarations, odd comments, a non-void `<x/>`) makes `split_sections`
return None: the caller lets the engine's own parser read that page, so
the index never depends on how far this fast path reaches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape, unescape

_WS = r"[ \t\n\r\f]"
_NAME = r"[a-zA-Z][a-zA-Z0-9-]*"
_ATTR_NAME = r"[a-zA-Z_:][-a-zA-Z0-9_:.]*"
# Unquoted values stop at any whitespace html.parser's `\s` knows (no-break space too).
_BARE = r"[^\s\"'=<>`/]+"
_VALUE = rf"(?:\"[^\"]*\"|'[^']*'|{_BARE})"
# One token per match: the text before a `<`, then what the `<` starts.
_TOKEN = re.compile(
    rf"""([^<]*+)(?:
        </({_NAME})>                                              # end tag
      | <({_NAME})((?:{_WS}+{_ATTR_NAME}(?:{_WS}*={_WS}*{_VALUE})?)*){_WS}*(/?)>   # start tag
      | <!--(?!-?>)(?:[^-]|-(?!-))*-->                            # comment without `--` inside
      | (<)                                                       # anything else: not ours
      | \Z)""",
    re.VERBOSE,
)
_ATTR = re.compile(rf"{_WS}+({_ATTR_NAME})(?:{_WS}*={_WS}*(?:\"([^\"]*)\"|'([^']*)'|({_BARE})))?")

VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr"))
HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
KEPT = frozenset(("p", "code", "pre", "li", "ol", "ul", "sub", "sup"))
ALWAYS_SKIPPED = frozenset(("object", "script", "style"))
# Elements whose content some html.parser versions read as raw text: ours when empty only.
_RAW_TEXT = frozenset(("script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title"))
_OPENING = {tag: f"<{tag}>" for tag in KEPT}
_CLOSING = {tag: f"</{tag}>" for tag in KEPT}
_EXCLUDE = "data-search-exclude"
_EXCLUDE_ANY_CASE = re.compile(_EXCLUDE, re.I)
_NO_ATTRS: dict[str, str | None] = {}
_SPECIAL = VOID | HEADINGS | KEPT | _RAW_TEXT | {"plaintext"}  # tags the loop looks at


@dataclass(frozen=True)
class SearchSection:
    """One index entry's parts: `anchor` is the heading's id (None for the page's top
    section), `title` and `text` are HTML-escaped with kept tags, not yet stripped."""

    anchor: str | None
    title: str
    text: str
    # `index.folded_terms` of the stripped title and text, when known (the build cache keeps them with the section)
    folded: tuple[str, str] | None = None


@dataclass
class _Open:
    tag: str  # the heading's tag, "hx" for the section before the first heading
    depth: float  # open elements around the heading; inf once its parent closed
    anchor: str | None = None
    excluded: bool = False
    title: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


def attributes(markup: str) -> dict[str, str | None]:
    """A start tag's attribute text as html.parser reads it: names lower-cased,
    values unquoted (not unescaped), None without a value, the last duplicate wins."""
    found: dict[str, str | None] = {}
    for match in _ATTR.finditer(markup):
        name, double, single, bare = match.groups()
        found[name.lower()] = double if double is not None else single if single is not None else bare
    return found


def split_sections(html: str) -> list[SearchSection] | None:
    """The search sections Material's parser makes of `html`, or None for markup
    outside the fast path (then use the engine's parser)."""
    sections: list[_Open] = []
    section: _Open | None = None
    stack: list[str] = []  # open elements' tags
    skip = set(ALWAYS_SKIPPED)  # tags whose elements are skipped (Material compares by tag)
    permalinks: list[int] = []  # stack depths of open `a.headerlink`
    raw_text: str | None = None  # a raw-text element just opened: it must close at once
    skipping = False  # inside an element whose tag is in `skip`
    # Spelled otherwise than in lower case somewhere: look at every tag's attributes case-blind.
    odd_exclude = len(_EXCLUDE_ANY_CASE.findall(html)) != html.count(_EXCLUDE)
    # findall: tuples at C speed; a group that took no part is "".
    for text, end_tag, start_tag, attr_text, self_closing, other in _TOKEN.findall(html):
        if raw_text is not None:
            if text or end_tag.lower() != raw_text:
                return None
            raw_text = None
        if text and not skipping:
            if "&" in text:
                text = unescape(text)
                special = True
            else:
                special = ">" in text
            blank = text.isspace()
            if blank:
                if "pre" not in stack:
                    text = " "
            elif "\n" in text and "pre" not in stack:
                text = text.replace("\n", " ")
            if section is None:
                section = _Open("hx", 0)
                sections.append(section)
            if section.tag in stack:
                if not permalinks:
                    section.title.append(escape(text, quote=False) if special else text)
            elif blank:
                body = section.text
                if not body or not body[-1].isspace() or "pre" in stack:
                    body.append(text)
            else:
                section.text.append(escape(text, quote=False) if special else text)
        if start_tag:
            tag = start_tag.lower()
            wanted = attr_text and ("&" in attr_text or "linenodiv" in attr_text or "headerlink" in attr_text
                                    or _EXCLUDE in attr_text or (odd_exclude and _EXCLUDE in attr_text.lower()))
            if not wanted and not self_closing and tag not in _SPECIAL:  # most tags: just open
                stack.append(tag)
                if tag in skip:
                    skipping = True
                if section is None:
                    section = _Open("hx", 0)
                    sections.append(section)
                continue
            if tag in VOID:
                continue
            if tag == "plaintext":
                return None
            stack.append(tag)
            if tag in skip:
                skipping = True
            attrs = _NO_ATTRS
            if wanted or (attr_text and tag in HEADINGS):
                attrs = attributes(attr_text)
                if "&" in (attrs.get("class") or "") or (tag in HEADINGS and "&" in (attrs.get("id") or "")):
                    return None  # html.parser versions unescape attribute values differently
                if tag == "a" and attrs.get("class") == "headerlink":
                    permalinks.append(len(stack))
            if tag in HEADINGS and "id" in attrs:
                depth = len(stack)
                if tag != "h1" and not sections:
                    sections.append(_Open("hx", depth))
                section = _Open(tag, depth, excluded=_EXCLUDE in attrs)
                if sections:
                    section.anchor = attrs["id"]
                sections.append(section)
            if section is None:
                section = _Open("hx", 0)
                sections.append(section)
            if _EXCLUDE in attrs or attrs.get("class") == "linenodiv":
                skip.add(tag)
                skipping = True
            elif tag in KEPT and not skipping:
                (section.title if section.tag in stack else section.text).append(_OPENING[tag])
            if not self_closing:  # `<x/>` is a start and an end tag to html.parser
                if tag in _RAW_TEXT:
                    raw_text = tag
                continue
            end_tag = tag
        elif other:
            return None
        if end_tag:
            tag = end_tag.lower()
            if not stack or stack[-1] != tag:
                continue
            depth = len(stack)
            assert section is not None  # an open element made one
            if section.depth > depth:  # a heading nested in the closing element: back to its section
                for earlier in reversed(sections):
                    if earlier.depth <= depth:
                        section.depth = float("inf")
                        section = earlier
                        break
            stack.pop()
            if permalinks and permalinks[-1] == depth:
                permalinks.pop()
            if tag in skip:
                if tag not in ALWAYS_SKIPPED:
                    skip.discard(tag)
                skipping = not skip.isdisjoint(stack)
                continue
            if tag in KEPT and not skipping:
                parts = section.title if section.tag in stack else section.text
                try:
                    first = parts.index(_OPENING[tag])  # Material looks for the first one, as here
                except ValueError:
                    return None  # Material's parser raises here; let it
                for position in range(first + 1, len(parts)):
                    if not parts[position].isspace():
                        parts.append(_CLOSING[tag])
                        break
                else:  # nothing but whitespace since that opening: Material drops it all
                    del parts[first:]
    if raw_text is not None:
        return None
    return [SearchSection(s.anchor, "".join(s.title), "".join(s.text)) for s in sections if not s.excluded]
