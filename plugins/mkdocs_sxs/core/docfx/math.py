"""LaTeX math (`$…$`, `$$…$$`) as MathML, made at build time.

DocFX (markdig's mathematics extension) reads `$…$` inline and `$$…$$` as
display math. We convert the LaTeX to MathML with latex2mathml (pure Python):
browsers render MathML Core natively, so the site needs no script and no CDN,
and it works offline, in translation units and in their English originals.

markdig's rules: an opening `$` is not followed by a space, a closing `$` is
not preceded by one nor followed by a digit. Docsets about build tools and
shells also write `$(OutDir)$(TargetName)` in prose, which those rules take
for math; inline math is therefore only taken when it looks like math (a
backslash command, `^`, `_`, braces, an operator, a digit or a short
variable) and holds nothing prose has and LaTeX has not (markup, bold, code,
translated words, runs of plain words), else it stays text as written.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape, unescape

from latex2mathml.converter import convert

# `$$…$$` (may span lines of one paragraph) or `$…$` within a line; not after a word, `*`, `'`, `.`, `)`
# or `]` (`=A1*$I$1`, `'$refs'`: spreadsheet references and identifiers).
MATH = re.compile(r"(?<![\\$])\$\$(?P<display>[^$]+?)\$\$(?!\$)"
                  r"|(?<![\\$\w*'.)\]])\$(?![\s$])(?P<inline>[^$\n]+?)(?<![\s\\])\$(?![\d$])")
_LOOKS_LIKE_MATH = re.compile(r"[\\^_{}=+<>]|&lt;|&gt;|&#123;|\d|^\s*[A-Za-z]{1,2}\s*$")
MAX_LATEX = 4000


# What LaTeX between two `$` never holds but prose does: tags (a unit's markup), bold, code, links,
# non-ASCII letters (translated words), several plain words in a row, `${var}` templates.
_NOT_MATH = re.compile(r"<[A-Za-z/!]|\*\*|`|\]\(|[^\x00-\x7f]|^\{"
                       r"|(?<!\\)\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}\b")


def looks_like_math(latex: str, display: bool = False) -> bool:
    """Whether the text between the dollars is taken for LaTeX (see the module docstring)."""
    if _NOT_MATH.search(latex):
        return False
    return display or bool(_LOOKS_LIKE_MATH.search(latex))


@lru_cache(maxsize=1024)
def latex_to_mathml(latex: str, display: bool = False) -> str | None:
    """MathML for `latex` (HTML entities in it decoded first), or None when it cannot be converted."""
    source = unescape(latex).strip()
    if not source or len(source) > MAX_LATEX:
        return None
    try:
        mathml = convert(source, display="block" if display else "inline")
    except Exception:  # noqa: BLE001 - any LaTeX the converter cannot read stays text
        return None
    # The LaTeX as the accessible fallback (screen readers that do not read MathML, copy and paste).
    return mathml.replace("<math ", f'<math class="sxs-math" alttext="{escape(source)}" ', 1)
