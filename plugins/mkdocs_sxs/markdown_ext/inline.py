"""Python-Markdown's inline processor, minus the pattern runs that cannot match.

Python-Markdown tries every inline pattern on every text of a page (a
paragraph, a table cell, a heading, the text after a link …): about twenty
regex runs with their Python overhead per text, although most texts of a
docset hold none of the characters the core patterns start with. On the
2,781-page Dynamics docset that is 2.5 million runs that find nothing.

`FastInlineProcessor` is the stock `InlineProcessor` with one shortcut: a
pattern whose regex needs a character the text does not contain is skipped,
which is exactly what running it would do (no match: next pattern, from the
start). Only the core patterns with the exact regex this module knows get a
shortcut (a changed or third-party pattern always runs), so the HTML is the
same byte for byte.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown, inlinepatterns, treeprocessors, util

# (pattern class, its regex) -> text one of which the regex must contain to match.
_LINK = r"(?<!\!)\["
_IMAGE = r"\!\["
_KNOWN_TRIGGERS: dict[tuple[type, str], tuple[str, ...]] = {
    (inlinepatterns.BacktickInlineProcessor, r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)"): ("`",),
    (inlinepatterns.EscapeInlineProcessor, r"\\(.)"): ("\\",),
    (inlinepatterns.ReferenceInlineProcessor, _LINK): ("[",),
    (inlinepatterns.LinkInlineProcessor, _LINK): ("[",),
    (inlinepatterns.ShortReferenceInlineProcessor, _LINK): ("[",),
    (inlinepatterns.ImageInlineProcessor, _IMAGE): ("![",),
    (inlinepatterns.ImageReferenceInlineProcessor, _IMAGE): ("![",),
    (inlinepatterns.ShortImageReferenceInlineProcessor, _IMAGE): ("![",),
    (inlinepatterns.AutolinkInlineProcessor, r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>"): ("<",),
    (inlinepatterns.AutomailInlineProcessor, r"<([^<> !]+@[^@<> ]+)>"): ("<",),
    (inlinepatterns.SubstituteTagInlineProcessor, r"  \n"): ("  \n",),
    (inlinepatterns.HtmlInlineProcessor, r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)"): ("&",),
    (inlinepatterns.HtmlInlineProcessor, (  # a tag, comment, processing instruction or CDATA: all start with `<`
        r"""(<(\/?+[a-zA-Z][^\s"'<>@]*+(?:\s+[^\s"'=<>]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s"'=<>]++))?+)*+\s*+/?|"""
        r"!--(?:(?!<!--|-->).)*--|"
        r"[?](?:(?!<[?]|[?]>).)*[?]|"
        r"!\[CDATA\[(?:(?!<!\[CDATA\[|\]\]>).)*\]\]"
        ")>)")): ("<",),
}


def pattern_triggers(pattern: Any) -> tuple[str, ...] | None:
    """Strings of which the pattern's regex needs one to match; None if unknown (always run it)."""
    kind = type(pattern)
    regex = getattr(pattern, "pattern", None)
    if not isinstance(regex, str):
        return None
    known = _KNOWN_TRIGGERS.get((kind, regex))
    if known is not None:
        return known
    delimiter = getattr(inlinepatterns, "DelimiterProcessor", None)
    if delimiter is not None and kind is delimiter:
        tokens = getattr(pattern, "tokens", None)
        if tokens and all(isinstance(t, str) and t for t in tokens):
            if regex == "|".join(re.escape(t) for t in tokens):
                return tuple(tokens)
    return None


class FastInlineProcessor(treeprocessors.InlineProcessor):
    """The stock inline processor; a pattern that cannot match a text is not run on it."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self._patterns: list[Any] = []
        self._triggers: list[str | tuple[str, ...] | None] = []  # one string, several, or None: always run

    def _snapshot(self) -> None:
        patterns = list(self.inlinePatterns)
        if len(patterns) != len(self._patterns) or any(a is not b for a, b in zip(patterns, self._patterns,
                                                                                   strict=True)):
            self._patterns = patterns
            triggers = [pattern_triggers(p) for p in patterns]
            self._triggers = [t[0] if t is not None and len(t) == 1 else t for t in triggers]

    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        self._snapshot()
        return super().run(tree, ancestors)

    # The stock loop (InlineProcessor.__handleInline) with the shortcut; name-mangled to override it.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        if isinstance(data, util.AtomicString):
            return data
        if len(self._patterns) != len(self.inlinePatterns):
            self._snapshot()
        patterns = self._patterns
        triggers = self._triggers
        apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]
        start_index = 0
        count = len(patterns)
        while patternIndex < count:
            needed = triggers[patternIndex]
            if needed is not None and (needed not in data if isinstance(needed, str)
                                       else not any(text in data for text in needed)):
                patternIndex += 1  # what a run without a match returns: next pattern, from the start
                start_index = 0
                continue
            data, matched, start_index = apply(patterns[patternIndex], data, patternIndex, start_index)
            if not matched:
                patternIndex += 1
        return data


def install_fast_inline(md: Markdown) -> None:
    """Put `FastInlineProcessor` in place of the stock one (only the stock one, at its priority)."""
    registry = md.treeprocessors
    if "inline" not in registry or type(registry["inline"]) is not treeprocessors.InlineProcessor:
        return
    if not hasattr(treeprocessors.InlineProcessor, "_InlineProcessor__applyPattern"):
        return  # another Python-Markdown: its loop may differ
    priority = next((item.priority for item in getattr(registry, "_priority", []) if item.name == "inline"), None)
    if priority is None:
        return
    registry.register(FastInlineProcessor(md), "inline", priority)
