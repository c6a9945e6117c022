"""DocFX tables of contents (`TOC.yml`, `toc.yml`, `TOC.md`) read into a plain tree.

DocFX resolves a TOC `href` like a link on a case-insensitive disk: relative to
the TOC file, `~/` from the docset root, `/<docset url>/…` into the docset,
extension-less or as a folder (whose own TOC is then nested in); the rules are
`core.docset.resolve_link`'s, shared with page links. The tree keeps
the order and the titles exactly as written, and every entry remembers the TOC
file and line it came from, so problems can say where to look.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import yaml

from ..files import bounded_yaml
from ..reader.model import LEVEL_INFO, LEVEL_WARNING, Problem
from ..reader.url_policy import is_safe_url, unsafe_url_message
from ..xref.uids import UidMap
from .docset import FOLDER_PAGES, KIND_ANCHOR, KIND_OTHER_DOCSET, KIND_OUTSIDE, Docset, resolve_link

TOC_NAMES = ("toc.yml", "toc.md")
_FOLDER_PAGES = (*TOC_NAMES, *FOLDER_PAGES)  # a TOC folder href opens its TOC first
MAX_DEPTH = 9  # default of the sxs option toc_max_depth: deeper entries are listed flat
_max_depth = MAX_DEPTH
# Nested TOC files deeper than this are a cycle or a mistake.
MAX_NESTING = 8
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_MD_HEADING = re.compile(r"^(#{1,9})[ \t]*(?:\[(?P<text>.*)\]\((?P<href>[^)]*)\)|(?P<plain>.*?))[ \t]*#*[ \t]*$")

KIND_PAGE = "page"
KIND_TOC = "toc"
KIND_EXTERNAL = "external"
KIND_MISSING = "missing"


@dataclass
class TocEntry:
    """One TOC entry: a page, an external link, a section, or all of these at once."""

    title: str
    href: str | None = None  # docset-relative file path, or the URL when external
    children: list[TocEntry] = field(default_factory=list)
    external: bool = False
    source: str = ""  # the TOC file it was written in (docset-relative)
    line: int = 0
    written: str | None = None  # the href as written in the TOC
    expanded: bool = False      # `expanded: true`: the section starts open

    def walk(self) -> Iterator[TocEntry]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Toc:
    """A TOC file read with the TOC files it nests."""

    path: str
    entries: list[TocEntry]
    problems: list[Problem] = field(default_factory=list)
    nested: list[str] = field(default_factory=list)

    def walk(self) -> Iterator[TocEntry]:
        for entry in self.entries:
            yield from entry.walk()


def index_files(root: str | os.PathLike[str]) -> dict[str, str]:
    """Lower-cased docset-relative path → path as on disk, for DocFX's case-insensitive lookups."""
    root = os.fspath(root)
    found: dict[str, str] = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel_folder = os.path.relpath(folder, root).replace(os.sep, "/")
        for name in sorted(names):
            rel = name if rel_folder == "." else f"{rel_folder}/{name}"
            found.setdefault(rel.lower(), rel)
    return found


def resolve_href(
    href: str, toc_dir: str, files: dict[str, str], url_base: str | None = None,
    external_base: str = "https://learn.microsoft.com",
) -> tuple[str, str]:
    """Resolve a TOC href to (kind, target): a page, a nested TOC, an external URL, or missing."""
    toc_path = posixpath.join(toc_dir, TOC_NAMES[0])
    return resolve_toc_href(toc_docset("", files, url_base), toc_path, href, external_base)[:2]


def resolve_toc_href(docset: Docset, toc_path: str, href: str,
                     external_base: str = "https://learn.microsoft.com") -> tuple[str, str, bool]:
    """(kind, target, letter case differs) of an href written in `toc_path`.

    Resolved by `core.docset.resolve_link`, the rules of page links (case-insensitive disk,
    `~/`, backslashes, percent-escapes, extension-less and folder links, `?query`/`#anchor`
    dropped); on top of them, TOC rules: a folder opens its own TOC first (nested in),
    any `scheme:` href is external, and other docsets' `/…` links go to `external_base`.
    """
    href = href.strip()
    if _SCHEME.match(href) or href.startswith("//"):
        return KIND_EXTERNAL, href, False
    target = resolve_link(docset, toc_path, href, folder_pages=_FOLDER_PAGES)
    if target.kind == KIND_OTHER_DOCSET:
        return KIND_EXTERNAL, external_base.rstrip("/") + href, False
    if target.kind == KIND_ANCHOR:  # `#x`: this TOC itself (reported as nesting itself)
        return KIND_TOC, toc_path, False
    if not target.exists or target.path is None or target.kind == KIND_OUTSIDE:
        return KIND_MISSING, target.wanted or href, False
    kind = KIND_TOC if posixpath.basename(target.path).lower() in TOC_NAMES else KIND_PAGE
    return kind, target.path, target.case_mismatch


def toc_docset(root: str | os.PathLike[str], files: dict[str, str], url_base: str | None) -> Docset:
    """The docset TOC hrefs resolve in: the `index_files` listing (build it once per docset)."""
    return Docset.from_files(root, list(files.values()), [url_base] if url_base else [])


def read_toc(
    root: str | os.PathLike[str], toc_path: str, files: dict[str, str] | None = None,
    url_base: str | None = None, external_base: str = "https://learn.microsoft.com",
    docset: Docset | None = None, uids: UidMap | None = None,
) -> Toc:
    """Read one TOC file (docset-relative path) and the TOC files it references.

    `docset`: `toc_docset` of the same listing, when several TOCs of a docset are read.
    `uids`: the docset's uids, for `uid:`/`topicUid:` entries (read from the pages when not given).
    """
    files = files if files is not None else index_files(root)
    docset = docset or toc_docset(root, files, url_base)
    reader = _TocReader(Path(root), docset, external_base, uids)
    entries = reader.read(toc_path, ())
    return Toc(toc_path, entries, reader.problems, reader.nested)


def set_max_depth(depth: int) -> None:
    """Nesting kept in the navigation (the plugin's toc_max_depth); deeper entries are listed flat."""
    global _max_depth
    _max_depth = max(1, depth)


def is_breadcrumb_toc(text: str) -> bool:
    """Breadcrumb TOCs (`tocHref`/`topicHref` only) feed DocFX's breadcrumb bar, not the navigation."""
    lowered = text.lower()
    return ("tochref:" in lowered or "topichref:" in lowered) and not re.search(r"^\s*-?\s*href\s*:", lowered, re.M)


def find_tocs(root: str | os.PathLike[str], files: dict[str, str] | None = None) -> list[str]:
    """The docset's navigation TOC files, shortest path first; breadcrumb and include folders left out."""
    files = files if files is not None else index_files(root)
    found = []
    for rel in files.values():
        parts = rel.lower().split("/")
        if parts[-1] not in TOC_NAMES or "includes" in parts[:-1] or "breadcrumb" in parts[:-1]:
            continue
        if parts[-1] == "toc.yml":
            text = Path(root, rel).read_text(encoding="utf-8-sig", errors="replace")
            if is_breadcrumb_toc(text):
                continue
        found.append(rel)
    return sorted(found, key=lambda rel: (rel.count("/"), rel.lower()))


def top_level_tocs(root: str | os.PathLike[str], files: dict[str, str] | None = None,
                   url_base: str | None = None, external_base: str = "https://learn.microsoft.com",
                   uids: UidMap | None = None) -> list[Toc]:
    """Each TOC that no other TOC nests: one navigation area per file, with its nested TOCs read in."""
    files = files if files is not None else index_files(root)
    docset = toc_docset(root, files, url_base)
    tocs = [read_toc(root, rel, files, url_base, external_base, docset=docset, uids=uids)
            for rel in find_tocs(root, files)]
    nested = {path for toc in tocs for path in toc.nested}
    return [toc for toc in tocs if toc.path not in nested]


class _TocReader:
    def __init__(self, root: Path, docset: Docset, external_base: str, uids: UidMap | None = None) -> None:
        self.root = root
        self.docset = docset  # hrefs resolve in it (core.docset.resolve_link)
        self.external_base = external_base
        self._uids = uids
        self.problems: list[Problem] = []
        self.nested: list[str] = []

    def read(self, toc_path: str, active: tuple[str, ...], base_depth: int = 0) -> list[TocEntry]:
        try:
            text = (self.root / toc_path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            self._problem(toc_path, 1, "toc-unreadable", f"cannot read the TOC file ({error})")
            return []
        if toc_path.lower().endswith(".md"):
            return self._read_markdown(toc_path, text, active)
        return self._read_yaml(toc_path, text, active, base_depth)

    # -- YAML TOCs --------------------------------------------------------------------------

    def _read_yaml(self, toc_path: str, text: str, active: tuple[str, ...], base_depth: int = 0) -> list[TocEntry]:
        try:
            node = bounded_yaml.compose(text)  # alias, size and recursion limits
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 1 if mark is not None else 1
            reason = getattr(error, "problem", None) or str(error).splitlines()[0]
            self._problem(toc_path, line, "toc-yaml", f"TOC is not valid YAML ({reason}); fix the YAML")
            return []
        if node is None:
            return []
        if isinstance(node, yaml.MappingNode):  # DocFX v3 allows `items:` at the root
            node = _mapping(node).get("items", (None, None))[1]
        if not isinstance(node, yaml.SequenceNode):
            self._problem(toc_path, 1, "toc-shape", "TOC is not a list of entries; write '- name: … href: …' items")
            return []
        if base_depth >= _max_depth:  # nested in at the depth limit: its entries are listed flat
            return self._flat_items(toc_path, node, active, base_depth + 1)
        return self._yaml_items(toc_path, node, active, base_depth + 1)

    def _yaml_items(self, toc_path: str, node: yaml.SequenceNode, active: tuple[str, ...],
                    depth: int) -> list[TocEntry]:
        entries = []
        for item in node.value:
            line = item.start_mark.line + 1
            if not isinstance(item, yaml.MappingNode):
                self._problem(toc_path, line, "toc-entry", "TOC entry is not a mapping; give it 'name' and 'href'")
                continue
            keys = _mapping(item)
            name = _scalar(keys.get("name")) or _scalar(keys.get("displayname"))
            href = _scalar(keys.get("href"))
            topic_href, toc_href = _scalar(keys.get("topichref")), _scalar(keys.get("tochref"))
            uid = _scalar(keys.get("uid")) or _scalar(keys.get("topicuid"))
            if href and href.lower().startswith("xref:"):   # `href: xref:uid` names the page by its uid
                uid, href = uid or unquote(href[5:].split("#")[0].split("?")[0]), None
            if not name and not href and not uid and not topic_href:
                if "tochref" not in keys:
                    self._problem(toc_path, line, "toc-entry", "TOC entry has neither 'name' nor 'href'")
                continue
            entry = self._yaml_entry(toc_path, keys, line, name, href, topic_href, toc_href, uid, active, depth)
            if entry is None:
                continue
            entry.expanded = _scalar(keys.get("expanded")) in ("true", "True", "yes")
            children_node = keys.get("items", (None, None))[1]
            if isinstance(children_node, yaml.SequenceNode):
                if depth >= _max_depth:
                    self._problem(toc_path, line, "toc-depth",
                                  f"TOC nests deeper than {_max_depth} levels (sxs option toc_max_depth); the "
                                  f"entries below '{entry.title}' are listed flat under it", LEVEL_INFO)
                    entry.children = self._flat_items(toc_path, children_node, active, depth + 1) + entry.children
                else:
                    entry.children = self._yaml_items(toc_path, children_node, active, depth + 1) + entry.children
            entries.append(entry)
        return entries

    def _yaml_entry(self, toc_path: str, keys: dict, line: int, name: str | None, href: str | None,
                    topic_href: str | None, toc_href: str | None, uid: str | None, active: tuple[str, ...],
                    depth: int) -> TocEntry | None:
        """An entry by `href`, or DocFX's split form: the page by `uid`/`topicUid`/`topicHref`, the
        nested TOC by `tocHref` (or by an `href` to a TOC or folder)."""
        if not uid and not topic_href and not toc_href:
            return self._entry(toc_path, line, name or href or "", href, active, depth)
        nested = toc_href or href
        entry = (self._entry(toc_path, _line_of(keys, "tochref" if toc_href else "href", line), name or nested or "",
                             nested, active, depth) if nested else TocEntry(title=name or "", source=toc_path,
                                                                            line=line))
        if entry is None:
            entry = TocEntry(title=name or "", source=toc_path, line=line)
        elif entry.href is not None:
            return entry   # `href` names a page (or URL) itself: it is the entry's page, as in DocFX
        if uid:
            target = self.uids.get(uid)
            key = "uid" if "uid" in keys else "topicuid"
            if target is None:
                self._problem(toc_path, _line_of(keys, key, line), "toc-missing",
                              f"TOC entry '{name or uid}' names uid '{uid}', which no page of the docset has "
                              "(fix the uid or give the page that uid); it is left out of the navigation")
                return entry if entry.children else None
            entry.href, entry.written = target.path, uid
            if not name:
                entry.title = self.uids.title(target.path)[0] or uid
        elif topic_href:
            page = self._entry(toc_path, _line_of(keys, "topichref", line), name or topic_href, topic_href, active,
                               depth)
            if page is None:
                return entry if entry.children else None
            entry.href, entry.external, entry.written = page.href, page.external, topic_href
            entry.children = page.children + entry.children
        return entry

    @property
    def uids(self) -> UidMap:
        if self._uids is None:
            self._uids = UidMap.scan(self.docset.root, self.docset.pages())
        return self._uids
    def _flat_items(self, toc_path: str, node: yaml.SequenceNode, active: tuple[str, ...],
                    depth: int) -> list[TocEntry]:
        """Every entry below `node`, in TOC order, as one flat list (no recursion, however deep)."""
        flat: list[TocEntry] = []
        stack: list[yaml.Node] = list(reversed(node.value))
        while stack:
            item = stack.pop()
            if not isinstance(item, yaml.MappingNode):
                continue
            keys = _mapping(item)
            name = _scalar(keys.get("name")) or _scalar(keys.get("displayname"))
            href = _scalar(keys.get("href"))
            children_node = keys.get("items", (None, None))[1]
            if isinstance(children_node, yaml.SequenceNode):
                stack.extend(reversed(children_node.value))
            if not name and not href:
                continue
            entry = self._entry(toc_path, item.start_mark.line + 1, name or href or "", href, active, depth)
            if entry is not None:
                flat.append(entry)
        return flat

    # -- Markdown TOCs ----------------------------------------------------------------------

    def _read_markdown(self, toc_path: str, text: str, active: tuple[str, ...]) -> list[TocEntry]:
        roots: list[TocEntry] = []
        stack: list[tuple[int, TocEntry]] = []
        for number, raw in enumerate(text.splitlines(), start=1):
            match = _MD_HEADING.match(raw.strip())
            if not match:
                continue
            level = len(match.group(1))
            if match.group("href") is not None:
                name, href = match.group("text").strip(), match.group("href").strip() or None
            else:
                name, href = match.group("plain").strip(), None
            if not name and not href:
                continue
            while stack and stack[-1][0] >= level:
                stack.pop()
            entry = self._entry(toc_path, number, name or href or "", href, active, len(stack) + 1)
            if entry is None:
                continue
            (stack[-1][1].children if stack else roots).append(entry)
            stack.append((level, entry))
        return roots

    # -- shared -----------------------------------------------------------------------------

    def _entry(self, toc_path: str, line: int, name: str, href: str | None, active: tuple[str, ...],
               depth: int) -> TocEntry | None:
        entry = TocEntry(title=name, source=toc_path, line=line, written=href)
        if not href:
            return entry
        if not is_safe_url(href):  # `javascript:` would be a nav link on every page
            self._problem(toc_path, line, "toc-unsafe-url", f"TOC entry '{name}': {unsafe_url_message(href)}")
            return entry
        kind, target, case_differs = resolve_toc_href(self.docset, toc_path, href, self.external_base)
        if kind == KIND_EXTERNAL:
            entry.href, entry.external = target, True
        elif kind == KIND_PAGE:
            entry.href = target
            if case_differs:
                self._problem(toc_path, line, "toc-case",
                              f"href '{href}' differs in case from the file '{target}'; resolved like DocFX does",
                              LEVEL_INFO)
        elif kind == KIND_TOC:
            if target in active or target == toc_path or len(active) >= MAX_NESTING:
                self._problem(toc_path, line, "toc-cycle", f"TOC '{target}' nests itself; the reference is left out")
                return entry
            if target not in self.nested:
                self.nested.append(target)
            # a nested TOC file starts its own depth count (at most MAX_NESTING files deep)
            entry.children = self.read(target, active + (toc_path,))
        else:
            self._problem(toc_path, line, "toc-missing",
                          f"TOC entry '{name}' points to '{href}', which is not in the docset "
                          "(fix the href or remove the entry); it is left out of the navigation")
            return None
        return entry

    def _problem(self, path: str, line: int, code: str, message: str, level: str = LEVEL_WARNING) -> None:
        self.problems.append(Problem(path, line, 1, code, message, level))


def _mapping(node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """Keys lower-cased: DocFX reads `href`, `Href` and `hreF` alike."""
    out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode):
            out.setdefault(str(key.value).lower(), (key, value))
    return out


def _line_of(keys: dict[str, tuple[yaml.Node, yaml.Node]], key: str, default: int) -> int:
    """The line of a key of an entry (problems point at the line to fix, not at `- name:`)."""
    pair = keys.get(key)
    return pair[0].start_mark.line + 1 if pair is not None else default


def _scalar(pair: tuple[yaml.Node, yaml.Node] | None) -> str | None:
    if pair is None or not isinstance(pair[1], yaml.ScalarNode):
        return None
    value = str(pair[1].value).strip()
    return value or None


def pages_in(entries: Iterable[TocEntry]) -> list[str]:
    """Local page targets in TOC order, each once."""
    seen: dict[str, None] = {}
    for entry in entries:
        for item in entry.walk():
            if item.href and not item.external:
                seen.setdefault(item.href, None)
    return list(seen)
