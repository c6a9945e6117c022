"""The uids a docset defines: `uid:` in a Markdown page's front matter or at the top of a YAML page.

Read once per build (and once per `check` run) from the first kilobytes of
each page; titles (the link text of an xref that gives none) are read only
for the pages some xref names, and in both languages of an sxs page: the
translated heading for the reader, the English original for the English
view.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

from ..files.docfile import universal_newlines
from ..reader.frontmatter import front_matter_block, split_front_matter

_HEAD_BYTES = 8192
_UID_LINE = re.compile(r"^uid[ \t]*:[ \t]*(?P<v>[^\n#]*?)[ \t]*\r?$", re.M)
_YAML_TITLE = re.compile(r"^(?:[ \t]+)?title[ \t]*:[ \t]*(?P<v>[^\n]*?)[ \t]*\r?$", re.M)
_H1 = re.compile(r"^[ ]{0,3}#[ \t]+(?P<t>[^\n]*?)[ \t]*#*[ \t]*\r?$", re.M)
_FENCE = re.compile(r"^[ ]{0,3}(?:```|~~~)", re.M)
_LOOKUP = re.compile(r"<span\s+class\s*=\s*[\"']?sxs-lookup[\"']?[^>]*>(?P<src>.*?)</span>\s*</span>", re.I | re.S)
_TAG = re.compile(r"<[^>]*>")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")


@dataclass(frozen=True)
class UidTarget:
    """Where a uid is defined: the page (docset-relative) and the line of `uid:`."""

    uid: str
    path: str
    line: int


@dataclass
class UidMap:
    """uid → page of one docset, with exact and case-insensitive lookup."""

    root: Path
    targets: dict[str, UidTarget] = field(default_factory=dict)
    duplicates: list[tuple[UidTarget, UidTarget]] = field(default_factory=list)
    _lower: dict[str, UidTarget] = field(default_factory=dict)
    _titles: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)

    @classmethod
    def scan(cls, root: str | os.PathLike[str], pages: Iterable[str]) -> UidMap:
        """Read the uid of every page (`pages`: docset-relative .md/.yml paths)."""
        result = cls(Path(root))
        for page in sorted(pages):
            lowered = page.lower()
            name = lowered.rsplit("/", 1)[-1]
            if not lowered.endswith((".md", ".yml", ".yaml")) or name in ("toc.yml", "toc.md"):
                continue   # a TOC's `uid:` keys name pages, they define none
            uid, line = _read_uid(result.root / page, lowered.endswith(".md"))
            if uid:
                result.add(UidTarget(uid, page, line))
        return result

    def add(self, target: UidTarget) -> None:
        existing = self.targets.get(target.uid)
        if existing is not None:
            self.duplicates.append((existing, target))
            return
        self.targets[target.uid] = target
        self._lower.setdefault(target.uid.lower(), target)

    def get(self, uid: str) -> UidTarget | None:
        """The page defining `uid` (DocFX uids are case-sensitive; a case-only difference is still found)."""
        return self.targets.get(uid) or self._lower.get(uid.lower())

    def __len__(self) -> int:
        return len(self.targets)

    def title(self, path: str) -> tuple[str | None, str | None]:
        """(translated title, English title) of a page: its first `#` heading, else front matter `title`."""
        if path not in self._titles:
            self._titles[path] = _read_titles(self.root / path)
        return self._titles[path]


def read_head(path: str | os.PathLike[str], size: int = _HEAD_BYTES) -> str:
    """The first `size` characters of a file as a text-mode `open(..., encoding="utf-8-sig",
    errors="replace").read(size)` gives them (line ends made `\n`), read in binary: a text-mode open of each
    page cost five times the read (0.3 s of the 2,781 pages of Dynamics 365, in every build). A character is at
    most 4 bytes, so `4 * size + 4` bytes hold `size` whole characters."""
    with open(path, "rb") as handle:
        data = handle.read(4 * size + 4)
    return universal_newlines(data.decode("utf-8-sig", errors="replace"))[:size]


def _read_uid(path: Path, markdown: bool) -> tuple[str | None, int]:
    try:
        head = read_head(path)
    except OSError:
        return None, 0
    if markdown:
        block = front_matter_block(head)
        if block is None:
            return None, 0
        raw = block[0]
        match = _UID_LINE.search(raw)
        offset_line = 2  # the opening `---` is line 1
    else:
        raw = head
        match = _UID_LINE.search(raw)
        offset_line = 1
    if match is None:
        return None, 0
    value = match.group("v").strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    return (value or None), raw.count("\n", 0, match.start()) + offset_line


def _read_titles(path: Path) -> tuple[str | None, str | None]:
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return None, None
    if path.suffix.lower() != ".md":
        match = _YAML_TITLE.search(text)
        value = match.group("v").strip().strip("\"'") if match else ""
        return (value or None), None
    meta, body_start, _ = split_front_matter(text, path.name)
    body = text[body_start:]
    fence = _FENCE.search(body)
    heading = _H1.search(body, 0, fence.start() if fence else len(body))
    if heading is not None:
        content = heading.group("t")
        target = plain_text(_LOOKUP.sub("", content))
        sources = [plain_text(m.group("src")) for m in _LOOKUP.finditer(content)]
        source = " ".join(s for s in sources if s) or None
        if target:
            return target, source
    title = meta.get("title") if isinstance(meta, dict) else None
    return (str(title).strip() or None) if title else None, None


def plain_text(markup: str) -> str:
    """Heading markup as the words a reader sees (tags, link syntax and emphasis marks removed)."""
    text = _TAG.sub("", markup)
    text = _MD_LINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    return " ".join(unescape(text).split())
