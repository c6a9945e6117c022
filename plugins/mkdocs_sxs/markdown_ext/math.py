"""`$…$` and `$$…$$` as MathML (see :mod:`mkdocs_sxs.core.docfx.math`), a Python-Markdown extension.

An inline pattern, so math inside translation units (target and English
original) is converted like any other text, and `_`/`*` inside LaTeX are not
read as emphasis. It runs after code spans (math in code stays code).
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

from ..core.docfx.math import MATH, latex_to_mathml, looks_like_math

PRIORITY = 185  # after backticks (190), before escapes (180), links and emphasis


class _MathProcessor(InlineProcessor):
    def handleMatch(self, m: re.Match[str], data: str) -> tuple[Any, int | None, int | None]:  # noqa: N802
        display = m.group("display")
        latex = display if display is not None else m.group("inline")
        if not looks_like_math(latex, display is not None):
            return None, None, None
        mathml = latex_to_mathml(latex, display is not None)
        if mathml is None:
            return None, None, None
        placeholder: Any = self.md.htmlStash.store(mathml)
        return placeholder, m.start(0), m.end(0)


class MathExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        md.inlinePatterns.register(_MathProcessor(MATH.pattern, md), "sxs_math", PRIORITY)


def makeExtension(**kwargs: Any) -> MathExtension:  # noqa: N802
    return MathExtension(**kwargs)


__all__ = ["MathExtension"]
