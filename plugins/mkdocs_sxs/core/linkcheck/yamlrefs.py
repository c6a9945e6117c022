"""Link destinations in YAML files (TOC.yml, index.yml landing pages, FAQ pages), with their lines.

A line-based read keeps the line numbers that a YAML loader drops; DocFX's
YAML files put each destination on its own `key: value` line.
"""

from __future__ import annotations

import re

from ..files.lines import LineIndex
from .model import REF_TOC, REF_XREF, REF_YAML, Reference

TOC_KEYS = ("href", "topicHref", "tocHref", "homepage", "uid", "topicUid")
_UID_KEYS = ("uid", "topicuid")
PAGE_KEYS = ("href", "url", "src", "imageSrc", "link", "topicHref", "tocHref", "homepage")
_VALUE = r"[ \t]*:[ \t]*(?P<value>(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s#][^\n]*?))[ \t]*(?:[ \t]#[^\n]*)?$"


def _pattern(keys: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"^[ \t]*(?:-[ \t]+)?(?P<key>" + "|".join(keys) + r")" + _VALUE, re.M)


_TOC = re.compile(_pattern(TOC_KEYS).pattern, re.M | re.I)  # DocFX reads TOC keys in any letter case
_PAGE = _pattern(PAGE_KEYS)


def is_toc(path: str) -> bool:
    return path.rsplit("/", 1)[-1].lower() == "toc.yml"


def yaml_references(text: str, page: str, index: LineIndex | None = None) -> list[Reference]:
    """`href:`-like values of a YAML file as references (TOC entries for TOC.yml)."""
    index = index or LineIndex(text)
    toc = is_toc(page)
    pattern = _TOC if toc else _PAGE
    references = []
    for match in pattern.finditer(text):
        value = match.group("value").rstrip()   # CRLF files: `$` stops before the `\n`, after the `\r`
        offset = match.start("value")
        if value[:1] in "\"'":
            value = value[1:-1]
            offset += 1
        if not value or value in ("|", ">", "~", "null"):
            continue
        line, column = index.position(offset)
        if toc and match.group("key").lower() in _UID_KEYS:   # a TOC entry by uid: a cross-reference
            references.append(Reference(page, "xref:" + value, offset, line, column, REF_XREF))
            continue
        references.append(Reference(page, value, offset, line, column, REF_TOC if toc else REF_YAML))
    return references
