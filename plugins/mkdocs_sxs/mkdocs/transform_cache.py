"""The build cache's DocFX stage: a page's DocFX transform reused when nothing it read has changed.

`transform_docfx` is a function of the page's text and path, the docset's
file list (links and media are resolved against it), the options (locale,
URL base, levels, page aliases), the docset's uids and xref maps, the zone
pivot titles, the fallback folders' file lists, and the files it read on the
way: includes (nested ones too), code snippet files, and the pages whose
titles became xref link text. The first group is the entry's key; the files
read are recorded in the entry with their SHA-256 and checked on every hit,
so an edited include or snippet is a miss for exactly the pages that read it.

A result that depends on a file *not* being somewhere (an include or
snippet missing, or taken from a fallback folder because it is missing here)
records the lookups that found nothing (`DocfxResult.absent`: folder and
path, resolved like DocFX, in any letter case); a hit does them again and is
a miss once one finds a file. A partial export has such pages by the
thousand (Dynamics 365: 2,238 of 2,741). Results with an include or snippet
unreadable, refused (outside the repository) or over the size limit are not
stored. Missing includes and media inside the docset or a fallback folder
depend on those folders' file lists, which are in the key.

A hit restores the text, the line origins (file:line of later problems), the
problems (reported as on a miss, by the caller) and the media copies. Used
only when the build cache is on; on Dynamics 365 the transform was about a
third of a warm build.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from pathlib import Path
from typing import Any

from ..core.cache.store import PageCache, digest, file_digest
from ..core.docfx.docset import Docset
from ..core.docfx.line_origins import LineOrigins, Segment
from ..core.docfx.markdown import DocfxResult, MediaCopy
from ..core.docfx.markdown.context import DocfxOptions, _cached_scan
from ..core.docfx.repository import find_in_repository
from ..core.reader.model import Problem
from .log import log

# Outcomes of the file system's state beyond its file names (permissions, symlinks, sizes): not stored.
UNCACHED_CODES = frozenset({"include-outside", "include-unreadable", "include-limit", "snippet-unreadable"})


class TransformCache:
    """One build's use of the DocFX stage (made new for each build, like the render cache)."""

    def __init__(self, folder: Path, environment: str, enabled: bool, docset: Docset, xrefs: Any,
                 pivots: dict[str, str]) -> None:
        self.store = PageCache(folder / "docfx", "transform", environment, enabled=enabled)
        self.build_key = digest([
            sorted(docset.files), list(docset.url_prefixes), sorted(pivots.items()), _xref_key(xrefs)])
        self._digests: dict[str, str] = {}  # (file, time, size) -> SHA-256
        self.hits: list[str] = []
        self.misses: list[str] = []
        # page -> (reads with their SHA-256, lookups that found nothing, media copies [dest, source]) of its
        # transform, or None when the result is not stored: what the page stage (populate_cache.py) checks on a
        # hit, and the media the page needs served (a worker adds only those no page before it added)
        self.deps: dict[str, tuple[list[Any], list[Any], list[Any]] | None] = {}

    @property
    def enabled(self) -> bool:
        return self.store.enabled

    def key(self, markdown: str, src_uri: str, line_offset: int, options: DocfxOptions) -> str:
        settings = dataclasses.replace(options, xref_resolver=None)
        return digest([self.build_key, src_uri, line_offset, repr(settings), _fallback_lists(options),
                       hashlib.sha256(markdown.encode("utf-8", "surrogatepass")).hexdigest()])

    def _digest(self, path: str) -> str:
        """The file's SHA-256, hashed once per (path, time, size): review mode keeps this object across edits."""
        try:
            info = os.stat(path)
            seen = f"{path}\0{info.st_mtime_ns}\0{info.st_size}"
        except OSError:
            return "-"
        found = self._digests.get(seen)
        if found is None:
            found = self._digests[seen] = file_digest(path)
        return found

    def get(self, key: str, src_uri: str) -> DocfxResult | None:
        result, payload = self._get(key)
        (self.misses if result is None else self.hits).append(src_uri)
        if result is not None and payload is not None:
            self.deps[src_uri] = (payload["reads"], payload["absent"],
                                  [[copy.dest, copy.source] for copy in result.media])
        return result

    def _get(self, key: str) -> tuple[DocfxResult | None, dict[str, Any] | None]:
        payload = self.store.get(key)
        if payload is None:
            return None, None
        try:
            if not self.reads_hold(payload["reads"], payload["absent"]):
                return None, None
            return _result(payload), payload
        except (KeyError, TypeError, ValueError):
            return None, None

    def reads_hold(self, reads: list[Any], absent: list[Any]) -> bool:
        """Whether a stored transform's inputs beyond the page are as they were: every file it read has the
        same SHA-256 (an include, snippet or xref target may have changed) and every lookup that found nothing
        still finds nothing (a missing include or snippet may be there now). The page stage checks the same."""
        if any(self._digest(path) != value for path, value in reads):
            return False
        return all(find_in_repository(folder, path)[0] is None for folder, path in absent)

    def put(self, key: str, result: DocfxResult, src_uri: str | None = None) -> None:
        if result.origins is None or any(problem.code in UNCACHED_CODES for problem in result.problems):
            if src_uri is not None:
                self.deps[src_uri] = None  # not stored, nor the page that holds it
            return
        reads = sorted(set(result.reads))
        absent = [list(lookup) for lookup in dict.fromkeys(result.absent)]
        read_digests = [[path, self._digest(path)] for path in reads]
        if src_uri is not None:
            self.deps[src_uri] = (read_digests, absent, [[copy.dest, copy.source] for copy in result.media])
        self.store.put(key, {
            "absent": absent,
            "text": result.text,
            "problems": [dataclasses.asdict(problem) for problem in result.problems],
            "media": [dataclasses.asdict(copy) for copy in result.media],
            # The expanded and final texts are most often the page's text itself: stored once (a third the size)
            "origins": {"expanded": None if result.origins.expanded == result.text else result.origins.expanded,
                        "final": result.origins.final if result.origins.final != result.text else True,
                        "segments": [[s.line, s.path, s.source_line, [list(v) for v in s.via], s.indent]
                                     for s in result.origins.segments]},
            "reads": read_digests,
        })

    def take_ledger(self) -> dict[str, Any]:
        """This process's use of the stage since the last call (parallel.py: a worker's, for the parent)."""
        ledger = {"hits": self.hits, "misses": self.misses, "store": self.store.take_ledger()}
        self.hits, self.misses = [], []
        return ledger

    def add_ledger(self, ledger: dict[str, Any]) -> None:
        self.hits.extend(ledger["hits"])
        self.misses.extend(ledger["misses"])
        self.store.add_ledger(ledger["store"])

    def finish(self) -> None:
        """After a complete build: entries no page used go."""
        self.store.prune()
        log.info("build cache, DocFX stage: %d transform(s) reused, %d done", len(self.hits), len(self.misses))
        if self.misses:
            log.debug("build cache, DocFX stage: transformed %s", ", ".join(sorted(self.misses)))


def _xref_key(xrefs: Any) -> Any:
    """The uids the docset defines and the xref maps' entries (any change: every page misses)."""
    if xrefs is None:
        return None
    uids = sorted((uid, target.path) for uid, target in xrefs.uids.targets.items())
    entries = sorted((uid, repr(entry)) for uid, entry in xrefs.maps.entries.items())
    return [uids, entries, xrefs.base_url]


def _fallback_lists(options: DocfxOptions) -> list[Any]:
    """The file lists of the media and include fallback folders (scanned once per process, as the transform
    does)."""
    lists = []
    for folder in (options.media_fallback, options.include_fallback):
        if folder and Path(folder).is_dir():
            lists.append(digest(sorted(_cached_scan(str(Path(folder).resolve())).files)))
        else:
            lists.append(None)
    return lists


def _result(payload: dict[str, Any]) -> DocfxResult:
    origins = payload["origins"]
    segments = [Segment(line, path, source_line, tuple(tuple(v) for v in via), indent)
                for line, path, source_line, via, indent in origins["segments"]]
    return DocfxResult(
        text=payload["text"],
        problems=[Problem(**problem) for problem in payload["problems"]],
        media=[MediaCopy(**copy) for copy in payload["media"]],
        origins=LineOrigins(payload["text"] if origins["expanded"] is None else origins["expanded"], segments,
                            payload["text"] if origins["final"] is True else origins["final"]),
        reads=[path for path, _ in payload["reads"]],
        absent=[(folder, path) for folder, path in payload["absent"]])
