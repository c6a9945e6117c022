"""A Python-Markdown extension that renders sxs markup.

Any Python-Markdown based engine can load it (``markdown.Markdown(
extensions=[SxsExtension()])``); the MkDocs plugin is one user of it.

- a preprocessor rewrites each translation unit into switchable spans
  (see :mod:`mkdocs_sxs.core.reader.render`), before raw HTML blocks are stashed so
  that units inside HTML tables are rewritten too;
- a treeprocessor gives each heading the id of its leading ``<a name>``
  anchor (DocFX's rule) and a target-language-only label for the TOC, before
  the ``toc`` extension reads them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from html import escape, unescape
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.toc import unique
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor, UnescapeTreeprocessor
from markdown.util import HTML_PLACEHOLDER, HTML_PLACEHOLDER_RE

from ..core.reader.model import LEVEL_WARNING, Problem, SxsPage, TranslationUnit
from ..core.reader.parser import parse_sxs
from ..core.reader.render import UnitRenderer, images_to_alt, render_page, unit_tags
from .code_lines import register as register_code_lines
from .inline import install_fast_inline

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# A heading line holding a rewritten unit (its tags are stash placeholders).
_INDENTED_UNIT_HEADING = re.compile(
    r"^ {1,3}(?=#{1,6}[ \t][^\n]*" + re.escape(HTML_PLACEHOLDER.split("%s")[0]) + ")", re.M
)
_ANCHOR = re.compile(r"""^<a\s+(?:name|id)\s*=\s*(?:"([^"]*)"|'([^']*)')\s*/?>$""", re.I)
_ANCHOR_CLOSE = re.compile(r"^</a\s*>$", re.I)
_SPACE = re.compile(r"\s+")


# A tag or a comment. Text between tags is what a reader sees. A regex walk
# instead of html.parser: labels are computed for every heading of a docset.
_TAG = re.compile(r"""<!--.*?-->|<(/?)([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""", re.S)
_CLASS_ATTR = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_ALT_ATTR = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_HIDDEN_CLASSES = frozenset(("sxs-s", "sxs-lookup", "headerlink", "sxs-vh"))
_VOID_TAGS = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                        "track", "wbr"))
_unescape_placeholders = UnescapeTreeprocessor().unescape


def _hides(attrs: str) -> bool:
    if "class" not in attrs.lower():
        return False
    match = _CLASS_ATTR.search(attrs)
    if match is None:
        return False
    value = next(group for group in match.groups() if group is not None)
    return not _HIDDEN_CLASSES.isdisjoint(value.split())


def target_text(fragment: str) -> str:
    """Plain target-language text of rendered HTML (for titles and labels)."""
    parts: list[str] = []
    hidden: list[bool] = []
    position = 0
    for match in _TAG.finditer(fragment):
        if not (hidden and hidden[-1]):
            parts.append(fragment[position : match.start()])
        position = match.end()
        name = match.group(2)
        if name is None:
            continue  # a comment
        name = name.lower()
        if name in _VOID_TAGS:
            if name == "img" and not (hidden and hidden[-1]):
                alt = _ALT_ATTR.search(match.group(3))  # an image's text is its alt text
                if alt:
                    parts.append(escape(unescape(alt.group(1) or alt.group(2) or ""), quote=False))
            continue
        if match.group(1):
            if hidden:
                hidden.pop()
        elif not match.group(3).rstrip().endswith("/"):
            hidden.append((bool(hidden) and hidden[-1]) or _hides(match.group(3)))
    if not (hidden and hidden[-1]):
        parts.append(fragment[position:])
    return _SPACE.sub(" ", unescape("".join(parts))).strip()


def _inner_html(el: etree.Element, md: Markdown) -> str:
    """Inner HTML of an element with raw HTML restored (no postprocessors:
    only the text matters, and they would run once per heading)."""
    stash = md.htmlStash.rawHtmlBlocks

    def restore(match: re.Match[str]) -> str:
        key = int(match.group(1))
        return HTML_PLACEHOLDER_RE.sub(restore, str(stash[key])) if key < len(stash) else ""

    text = _unescape_placeholders(md.serializer(el))
    text = text[text.index(">") + 1 : text.rindex("<")]
    return HTML_PLACEHOLDER_RE.sub(restore, text)


class SxsPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, extension: SxsExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "data-ttu-id" not in text and "DATA-TTU-ID" not in text.upper():
            self.extension.page = None
            return lines
        ext = self.extension
        page = parse_sxs(text, ext.page_path, body_only=True)
        ext.page = page
        ext.unit_count = len(page.units)
        source_lang = ext.getConfig("source_lang")
        search_source = bool(ext.getConfig("search_source"))
        overrides = ext.overrides
        store = self.md.htmlStash.store

        def stashed_unit(unit: TranslationUnit, target: str, source: str | None) -> str:
            """The unit's own tags go to the HTML stash, as Python-Markdown does with
            inline HTML, but three per unit and before any HTML parsing: the engine
            then only sees text. Target and source stay Markdown."""
            if ext.render_unit is not None:
                markup = ext.render_unit(unit, target, source)
                if markup is not None:
                    return markup
            edited = overrides is not None and unit.id in overrides
            # target and source come sanitized from render_page: only the tags are built here
            opening, middle, closing = unit_tags(unit, source_lang=source_lang, edited=edited,
                                                 search_source=search_source, has_source=source is not None)
            if source is None:
                return store(opening) + target + store(middle)
            return store(opening) + target + store(middle) + images_to_alt(source) + store(closing)

        rendered = render_page(page, source_lang=source_lang, overrides=overrides, render_unit=stashed_unit)
        # DocFX (CommonMark) allows up to 3 spaces before an ATX heading,
        # Python-Markdown none: it would show "## Další kroky" as text.
        rendered = _INDENTED_UNIT_HEADING.sub("", rendered)
        return rendered.split("\n")


class SxsHeadingTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: SxsExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        stash = self.md.htmlStash.rawHtmlBlocks
        # Without an anchor, `toc` would slug both languages glued together
        # ("zacinameget-started"): slug the target text with toc's own rule.
        toc = self.md.treeprocessors["toc"] if "toc" in self.md.treeprocessors else None
        used_ids: set[str] | None = None  # collected only if a heading needs a slug
        for el in root.iter():
            if el.tag not in _HEADINGS:
                continue
            if "id" not in el.attrib:
                anchor = _leading_anchor(el, stash)
                if anchor:
                    el.set("id", anchor)
            inner = _inner_html(el, self.md)
            if "sxs-s" in inner or "sxs-lookup" in inner:
                label = target_text(inner)
                if label and "id" not in el.attrib and toc is not None:
                    if used_ids is None:
                        used_ids = {other.attrib["id"] for other in root.iter() if "id" in other.attrib}
                    el.set("id", unique(toc.slugify(label, toc.sep), used_ids))
                if label and "data-toc-label" not in el.attrib:
                    el.set("data-toc-label", escape(label, quote=False))
                    self.extension.heading_labels.append(label)
                if label and el.tag == "h1" and self.extension.h1_label is None:
                    self.extension.h1_label = label


class SxsAttributeGuard(Treeprocessor):
    """No unit markup inside an attribute value, whatever the Markdown engine made of the text.

    A unit's tags are stash placeholders until the very end. If a link or
    image title, href, src or alt swallowed one (an unbalanced quote in a
    link destination: `[x](https://e/?q=a")` followed by another link's `")`),
    the browser would read our tags, and the text between them, inside the
    attribute: one quote away from attribute injection. The sanitizer closes
    such links inside the unit (`core/reader/sanitize.py`); this guard is
    the guarantee: such an attribute is dropped and reported.
    """

    def __init__(self, md: Markdown, extension: SxsExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        for el in root.iter():
            for key, value in list(el.attrib.items()):
                if "\x02" in value and HTML_PLACEHOLDER_RE.search(value):  # a stashed tag, not a `\\*` escape
                    del el.attrib[key]
                    page = self.extension.page
                    if page is not None:
                        page.problems.append(Problem(
                            page.path, 1, 1, "markup-in-attribute",
                            f"a <{el.tag}> {key} attribute would have held translation unit markup; it is "
                            "dropped: check the quotes in the link destinations of the page's units",
                            LEVEL_WARNING))


def _leading_anchor(el: etree.Element, stash: list[Any]) -> str | None:
    """Take the id of an empty `<a name>` that opens the heading, and drop it."""
    text = el.text or ""
    matches = list(HTML_PLACEHOLDER_RE.finditer(text))
    if not matches or text[: matches[0].start()].strip():
        return None
    first = matches[0]
    try:
        raw = str(stash[int(first.group(1))])
    except (IndexError, ValueError):
        return None
    anchor = _ANCHOR.match(raw.strip())
    if not anchor:
        return None
    end = first.end()
    closing = raw.rstrip().endswith("/>")
    if not closing and len(matches) > 1 and matches[1].start() == end:
        try:
            closing = bool(_ANCHOR_CLOSE.match(str(stash[int(matches[1].group(1))]).strip()))
        except (IndexError, ValueError):
            closing = False
        if closing:
            end = matches[1].end()
    if not closing:
        return anchor.group(1) if anchor.group(1) is not None else anchor.group(2)
    el.text = text[end:].lstrip()
    return anchor.group(1) if anchor.group(1) is not None else anchor.group(2)


class SxsExtension(Extension):
    """Render sxs translation units; see the module docstring."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "source_lang": ["en", "Language tag of the English originals"],
            "search_source": [False, "Let search indexers see the English originals"],
        }
        super().__init__(**kwargs)
        self.page_path = ""
        self.overrides: Mapping[str, str] | None = None
        self.render_unit: UnitRenderer | None = None
        self.page: SxsPage | None = None
        self.unit_count = 0  # of the page's units (a model restored from the build cache may hold none)
        self.heading_labels: list[str] = []
        self.h1_label: str | None = None  # target text of the first h1: the page title

    def set_page(self, path: str, overrides: Mapping[str, str] | None = None,
                 render_unit: UnitRenderer | None = None) -> None:
        """Per-page state, set by the host before each page is converted."""
        self.page_path = path
        self.overrides = overrides
        self.render_unit = render_unit
        self.page = None
        self.unit_count = 0
        self.heading_labels = []
        self.h1_label = None

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown API
        # After whitespace normalization (30), before fenced code (25) and raw
        # HTML blocks (20) are stashed: the text still has all its lines, so
        # reported lines are right, and units inside HTML tables are rewritten.
        md.preprocessors.register(SxsPreprocessor(md, self), "sxs", 27)
        md.treeprocessors.register(SxsHeadingTreeprocessor(md, self), "sxs_headings", 6)
        # Right after the inline patterns (20) have made links and images.
        md.treeprocessors.register(SxsAttributeGuard(md, self), "sxs_attribute_guard", 19)
        install_fast_inline(md)  # same HTML, fewer inline pattern runs (see markdown_inline.py)
        register_code_lines(md)  # DocFX snippets' highlighted lines, without Pygments too
        # Just before the raw HTML blocks (20), after fenced code (25) is stashed.
        md.preprocessors.register(MarkedSectionGuard(md), "sxs_marked_sections", 21)


class MarkedSectionGuard(Preprocessor):
    """`<![` that opens no `<![CDATA[` is text (CommonMark), but Python's html.parser, which Python-Markdown's
    raw-HTML step runs on the page, stops the build on it (`AssertionError: expected name token`; a real
    visualstudio-docs page has `\\<![, ]]>`). Written as `&lt;![` outside code spans it reads the same."""

    def run(self, lines: list[str]) -> list[str]:
        if not any("<![" in line for line in lines):
            return lines
        return [_guard_marked_sections(line) if "<![" in line else line for line in lines]


_MARKED_SECTION = re.compile(r"\\?<!\[(?!CDATA\[)", re.I)
_CODE_SPAN_SPLIT = re.compile(r"(`+)(.*?)(\1)")


def _guard_marked_sections(line: str) -> str:
    pieces, position = [], 0
    for span in _CODE_SPAN_SPLIT.finditer(line):
        pieces.append(_MARKED_SECTION.sub("&lt;![", line[position:span.start()]))
        pieces.append(span.group(0))
        position = span.end()
    pieces.append(_MARKED_SECTION.sub("&lt;![", line[position:]))
    return "".join(pieces)


def makeExtension(**kwargs: Any) -> SxsExtension:  # noqa: N802 - Markdown API
    return SxsExtension(**kwargs)
