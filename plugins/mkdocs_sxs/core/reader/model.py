"""Plain data for a parsed side-by-side (sxs) page.

Everything here is engine-independent: the MkDocs plugin, the CLI and the
tests exchange these objects, so they hold only strings, numbers and lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Where a translation unit sits in the page. Kept as plain strings so that
# reports and catalogs can carry them unchanged.
CONTEXT_HEADING = "heading"
CONTEXT_LIST_ITEM = "list-item"
CONTEXT_TABLE_CELL = "table-cell"
CONTEXT_ALERT = "alert"
CONTEXT_BLOCKQUOTE = "blockquote"
CONTEXT_PARAGRAPH = "paragraph"
CONTEXT_HTML = "html"
CONTEXT_CODE = "code"

LEVEL_ERROR = "error"
LEVEL_WARNING = "warning"
LEVEL_INFO = "info"


@dataclass
class Problem:
    """Something wrong in the input, with where it is and what to do."""

    path: str
    line: int
    column: int
    code: str
    message: str
    level: str = LEVEL_WARNING

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.level}: {self.message} [{self.code}]"

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "level": self.level,
            "message": self.message,
        }


@dataclass
class TranslationUnit:
    """One machine-translated sentence and its English original.

    Offsets are character offsets into the text given to the parser, so a
    renderer or a writer can replace exactly the markup of this unit and
    nothing else. ``line``/``column`` are 1-based and count from the start of
    the file (front matter included).
    """

    id: str
    target: str
    source: str | None
    path: str
    line: int
    column: int
    end_line: int
    start: int
    end: int
    target_start: int
    target_end: int
    source_start: int | None = None
    source_end: int | None = None
    context: str = CONTEXT_PARAGRAPH
    in_link_text: bool = False
    malformed: list[str] = field(default_factory=list)
    # Inside the alt text of a Markdown image (`![<span data-ttu-id…>…](img.png)`):
    # an attribute, where only plain target text can go.
    in_image_alt: bool = False

    @property
    def key(self) -> tuple[str, str]:
        """TU ids repeat across files, so a unit is known by (file, id)."""
        return (self.path, self.id)

    @property
    def is_malformed(self) -> bool:
        return bool(self.malformed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "page": self.path,
            "id": self.id,
            "source": self.source,
            "target": self.target,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "context": self.context,
            "in_link_text": self.in_link_text,
            "malformed": list(self.malformed),
        }


@dataclass
class SxsPage:
    """A page read from sxs Markdown: metadata, units and what was wrong."""

    path: str
    text: str
    meta: dict[str, Any]
    body_start: int
    body_line: int
    units: list[TranslationUnit]
    problems: list[Problem]

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @property
    def locale(self) -> str | None:
        value = self.meta.get("ms.contentlocale")
        return str(value) if value else None

    @property
    def title(self) -> str | None:
        value = self.meta.get("title")
        return str(value) if value is not None else None

    def unit(self, unit_id: str) -> TranslationUnit | None:
        for unit in self.units:
            if unit.id == unit_id:
                return unit
        return None
