"""Both cores for the per-page work: MkDocs' page population run in forked worker processes.

MkDocs reads, converts and post-processes every page (`on_pre_page`,
`read_source`, `on_page_markdown`, Markdown → HTML, `on_page_content`) one
after the other before it renders any template, and none of that depends on
another page's result. At the first `on_pre_page` the site is complete
(files, navigation), so we fork workers (they inherit the whole build: config,
files, nav, docset scan) that run exactly MkDocs' `_populate_page` for a chunk
of pages each and send back what it changed: the page's attributes, the log
records, the plugin's counters and findings and the files it added (media
copies). The parent serves each page from those results, in MkDocs' page
order, so logs, counters and output are the same as a serial build's
(tests/unit/test_parallel_build.py compares the sites byte for byte).

Serial (nothing changes) when: the option `parallel` is false; or, with
`auto`, fewer than 2 usable CPUs, fewer than PARALLEL_MIN_PAGES pages, no
`fork` (Windows, macOS spawn) or another plugin or hook that handles page
events (its work in a worker could have side effects we cannot replay). A
page whose worker run raised is built in the parent, which raises the same
error in MkDocs' own words.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..core.cache.store import seal_all
from .log import log  # the engine's plugin logger

PARALLEL_MIN_PAGES = 100
# Seconds to wait for the next chunk of pages before building the rest in the parent (a worker killed
# by the OOM killer never answers; a chunk is at most 32 pages).
CHUNK_TIMEOUT = 900
PAGE_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content")
# Page attributes that are links into the site (the parent's own objects stay; a stored result never sets them)
PAGE_LINKS = frozenset({"file", "parent", "previous_page", "next_page", "children", "read_source", "render"})


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def parallel_workers(setting: Any, config: MkDocsConfig, files: Files, plugin: Any) -> int:
    """How many worker processes to use (0: serial) for this build."""
    if setting is False or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    cpus = usable_cpus()
    pages = len(files.documentation_pages())
    foreign = [method for name in PAGE_EVENTS for method in config.plugins.events.get(name, [])
               if getattr(method, "__self__", None) is not plugin]
    if foreign:
        if setting is True:
            log.info("sxs: parallel build off: another plugin handles page events (%s)",
                     ", ".join(sorted({getattr(m, "__qualname__", str(m)) for m in foreign})))
        return 0
    if setting == "auto" and (cpus < 2 or pages < PARALLEL_MIN_PAGES):
        return 0
    return max(2, cpus) if setting is True else cpus


@dataclass
class PageResult:
    """What populating one page changed, in a form that pickles."""

    state: dict[str, Any]
    records: list[logging.LogRecord]
    new_files: list[tuple[str, str | None]]
    problem_count: int
    missing_counts: Counter
    findings: list[Any]
    annotation: tuple[str | None, str | None] | None
    anchors: dict[str, dict[str, str]] | None = None
    caches: dict[str, Any] | None = None  # the build cache's use by this page (ledgers, see _cache_ledgers)
    content_digest: str | None = None  # SHA-256 of `state["content"]` when known (a page served whole)


class _Capture(logging.Handler):
    """Keeps log records, formatted, so they pickle and the parent can replay them."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg = record.getMessage()
        record.args = None
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        self.records.append(record)


# The build as the workers inherit it (set in the parent just before the fork).
_BUILD: dict[str, Any] = {}


def _capture_logs() -> _Capture:
    """In a worker: every log record is kept for the parent instead of printed."""
    capture = _Capture()
    loggers = [logging.getLogger()] + [item for item in logging.root.manager.loggerDict.values()
                                       if isinstance(item, logging.Logger)]
    for logger in loggers:
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        if logger is logging.getLogger() or not logger.propagate:
            logger.addHandler(capture)
    return capture


def _worker_init() -> None:
    _BUILD["capture"] = _capture_logs()
    _BUILD["plugin"].pool = None  # a worker does the work itself
    _BUILD["plugin"].pool_pending = False
    _cache_ledgers(_BUILD["plugin"])  # what the parent did before the fork stays the parent's


def _cache_ledgers(plugin: Any) -> dict[str, Any]:
    """The build cache stages' use since the last call (hit counts, keys the parent must not prune)."""
    ledgers = {}
    for name in ("build_cache", "transform_cache", "postedit_cache", "populate_cache"):
        stage = getattr(plugin, name, None)
        if stage is not None:
            ledgers[name] = stage.take_ledger()
    return ledgers


def _add_cache_ledgers(plugin: Any, ledgers: dict[str, Any]) -> None:
    for name, ledger in ledgers.items():
        stage = getattr(plugin, name, None)
        if stage is not None:
            stage.add_ledger(ledger)


def _populate_chunk(indices: list[int]) -> list[tuple[str, PageResult | None]]:
    results = [_populate(_BUILD["files_list"][index]) for index in indices]
    seal_all()  # what the chunk stored in the build cache is a pack before the parent has the results
    return results


def _populate(file: File) -> tuple[str, PageResult | None]:
    """MkDocs' `_populate_page` for one page, and what it changed."""
    config: MkDocsConfig = _BUILD["config"]
    files: Files = _BUILD["files"]
    plugin = _BUILD["plugin"]
    capture: _Capture = _BUILD["capture"]
    capture.records = []
    if file.page is None:
        Page(None, file, config)
    page = file.page
    assert page is not None
    before = dict(page.__dict__)
    count_files = len(files)
    problems = plugin.problem_count
    missing = Counter(plugin.missing_targets.counts)
    findings = len(plugin.build_log.findings.findings)
    try:
        config._current_page = page
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        page.render(config, files)
        page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
    except Exception:  # noqa: BLE001 - the parent builds this page itself and reports the error
        _cache_ledgers(plugin)  # (the parent counts the page when it builds it)
        return file.src_uri, None
    finally:
        config._current_page = None
    state = {key: value for key, value in page.__dict__.items()
             if key not in PAGE_LINKS and (key not in before or before[key] is not value)}
    page.__dict__.clear()  # the worker keeps nothing of the page once it is sent (memory)
    page.__dict__.update(before)
    anchors = state.pop("links_to_anchors", None)
    annotation = None
    if plugin.annotations is not None and file.src_uri in plugin.annotations.pages:
        known = plugin.annotations.pages[file.src_uri]
        annotation = (known.title, known.locale)
    added = list(files)[count_files:]
    result = PageResult(
        state=state, records=capture.records,
        new_files=[(f.src_uri, f.abs_src_path) for f in added],
        problem_count=plugin.problem_count - problems,
        missing_counts=Counter(plugin.missing_targets.counts) - missing,
        findings=plugin.build_log.findings.findings[findings:],
        annotation=annotation,
        anchors=None if anchors is None else {target.src_uri: links for target, links in anchors.items()},
    )
    result.caches = _cache_ledgers(plugin)
    populate = getattr(plugin, "populate_cache", None)
    if populate is not None:  # the page stage keeps the result (populate_cache.py); its writes go in the ledger
        try:
            populate.save(file.src_uri, file, result, _transform_deps(plugin, file.src_uri))
        except Exception as error:  # noqa: BLE001 - the page is built; only its reuse is lost
            log.debug("build cache: %s: not kept for the page stage (%s)", file.src_uri, error)
        # (a worker only writes the page stage, the parent reads it: before the save its ledger was empty)
        result.caches["populate_cache"] = populate.take_ledger()
    return file.src_uri, result


def _transform_deps(plugin: Any, src_uri: str) -> tuple[list[Any], list[Any], list[Any]] | None:
    """What the page's DocFX transform read (populate_cache.py checks it on a hit); None: not known."""
    transform = getattr(plugin, "transform_cache", None)
    if transform is not None and src_uri in transform.deps:
        return transform.deps.pop(src_uri)
    docset, docfx = getattr(plugin, "docset", None), getattr(plugin, "docfx", None)
    transformed = docset is not None and (src_uri in docset.files or
                                          (docfx is not None and src_uri in docfx.yaml_pages.values()))
    return None if transformed else ([], [], [])


class PagePool:
    """The workers of one build and the results they sent, served page by page in the parent."""

    def __init__(self, plugin: Any, config: MkDocsConfig, files: Files, workers: int,
                 stored: set[str] | None = None) -> None:
        """`stored`: pages the build cache's page stage serves whole (populate_cache.py): no worker gets them."""
        self.plugin = plugin
        self.config = config
        self.files = files
        self.workers = workers
        self.stored = stored or set()
        self.results: dict[str, PageResult | None] = {}
        self.served: set[str] = set()
        self._iterator: Iterator[list[tuple[str, PageResult | None]]] | None = None
        self._pool: Any = None
        self._started = False
        self._pending: set[str] = set()

    def start(self) -> None:
        self._started = True
        pages = [file for file in self.files.documentation_pages() if file.src_uri not in self.stored]
        if not pages:
            return  # every page is served from the page stage: no worker to start
        _BUILD.update(config=self.config, files=self.files, plugin=self.plugin, files_list=pages)
        size = max(4, min(32, len(pages) // (self.workers * 8) or 1))
        chunks = [list(range(start, min(start + size, len(pages)))) for start in range(0, len(pages), size)]
        # Objects the workers inherit stay out of their garbage collector's passes, which would write to
        # (and so copy) every memory page of the parent's heap (Python's advice for fork, gc.freeze).
        gc.freeze()
        try:
            self._pool = multiprocessing.get_context("fork").Pool(self.workers, initializer=_worker_init)
        finally:
            gc.unfreeze()
        self._iterator = self._pool.imap(_populate_chunk, chunks)
        self._pending = {file.src_uri for file in pages}

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
        self._iterator = None
        _BUILD.clear()

    def _result(self, src_uri: str) -> PageResult | None:
        if not self._started:
            self.start()
        if src_uri in self.stored:
            self.stored.discard(src_uri)
            populate = getattr(self.plugin, "populate_cache", None)
            return populate.load(src_uri) if populate is not None else None  # None: populated here
        if src_uri not in self._pending:
            return None
        while src_uri not in self.results and self._iterator is not None:
            try:
                chunk = self._iterator.next(timeout=CHUNK_TIMEOUT)  # type: ignore[attr-defined]
            except StopIteration:
                self.close()
                break
            except multiprocessing.TimeoutError:  # a worker died (killed, out of memory): no answer will come
                log.info("sxs: the page workers stopped answering; the remaining pages are built here")
                self.close()
                self._pending.clear()
                return None
            self.results.update(chunk)
        self._pending.discard(src_uri)
        if not self._pending:
            self.close()
        return self.results.pop(src_uri, None)

    def prepare(self, page: Page) -> None:
        """`on_pre_page` in the parent: take the page's result and apply what the worker did."""
        result = self._result(page.file.src_uri)
        if result is None:
            return  # built here, serially
        for record in result.records:
            logging.getLogger(record.name).handle(record)
        plugin = self.plugin
        plugin.problem_count += result.problem_count
        plugin.missing_targets.counts.update(result.missing_counts)
        plugin.build_log.findings.findings.extend(result.findings)
        if result.caches:
            _add_cache_ledgers(plugin, result.caches)
        if result.annotation is not None and plugin.annotations is not None:
            known = plugin.annotations.pages.get(page.file.src_uri)
            if known is not None:
                known.title, known.locale = result.annotation
        for src_uri, abs_src_path in result.new_files:
            if self.files.get_file_from_path(src_uri) is None:
                self.files.append(File.generated(self.config, src_uri, abs_src_path=abs_src_path))
        state = result.state
        if result.content_digest is not None and plugin.page_cache is not None:  # its template key hashes it
            plugin.page_cache.know_digest(state.get("content"), result.content_digest)
        if result.anchors is not None:
            state["links_to_anchors"] = {self.files.get_file_from_path(src): links
                                         for src, links in result.anchors.items()}

        def read_source(config: MkDocsConfig) -> None:
            page.__dict__.update(state)

        page.read_source = read_source  # type: ignore[method-assign]
        page.render = lambda config, files: None  # type: ignore[method-assign]
        self.served.add(page.file.src_uri)

    def is_served(self, page: Page) -> bool:
        return page.file.src_uri in self.served

    def done(self, page: Page) -> None:
        """`on_page_content` in the parent: the page is as the worker left it; drop the stand-ins."""
        page.__dict__.pop("read_source", None)
        page.__dict__.pop("render", None)
        self.served.discard(page.file.src_uri)
