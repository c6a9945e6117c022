"""`mkdocs serve`: the page in the reader's browser shows an edit at once; the whole site follows.

MkDocs rebuilds the whole site on every change and holds every request until
the build ends: on Dynamics 365, a warm build with the build cache is still
about 10 s before an edited sentence shows. This adapter puts one step in
front of each rebuild (`builder`):

1. **Page first.** The files changed since the last build are compared with
   what each page was made of (its source, catalog, includes, code samples:
   `page.sxs_sources`) and with the DocFX TOC files. The pages open in a
   browser (the pages whose livereload script is polling the server: their
   `Referer`) that one of the changes concerns are rendered again alone, into
   the served folder, through the last build's configuration, files,
   navigation and templates (`page_path.py`); an edited TOC file first makes
   the navigation again. Then the browsers are told to reload, and the
   server answers requests again.
2. **The whole site.** MkDocs' own rebuild follows, as before, and warm. The
   old site stays in place while it runs (`KeptSite.start(in_place=True)`),
   and files are replaced whole, so that whatever is requested meanwhile is
   the last build's file or this build's. If a page open in a browser ends
   up different from what it was shown (another page's new title in its
   navigation), the browsers reload once more.

Anything the page path does not know waits for the rebuild, as before: a file
added or removed, `mkdocs.yml`, the redirection file, a media file. Every
served file is the clean build's once the rebuild ends (tested).

MkDocs' `LiveReloadServer` has no public API for this: the adapter uses its
epochs (`_wanted_epoch`, `_visible_epoch`, `_epoch_cond`), which MkDocs 1.6
and ProperDocs have; without them, `mkdocs serve` works as before.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import unquote, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from ..core.files.inputs import Snapshot, changed, site_inputs, stamp, stamp_outside
from ..core.translation.catalog_index import index_translations
from .log import log
from .page_path import BuiltSite, page_files, page_for_url, render_page, renew_navigation, toc_files

OPEN_FOR = 150.0  # seconds: a page whose livereload poll came this recently is open (MkDocs polls every 60 s)
MOST_PAGES = 8  # pages rendered first, at most (the others wait for the rebuild)
_NEEDED = ("_epoch_cond", "_visible_epoch", "_wanted_epoch", "set_app", "serve_request", "mount_path")


class ServeFirst:
    """The page-first step in front of each of `mkdocs serve`'s rebuilds (see the module's docstring)."""

    def __init__(self, server: Any, plugin: Any, builder: Callable[..., Any]) -> None:
        self.server = server
        self.plugin = plugin
        self.rebuild = builder  # MkDocs' builder: the whole site
        self.last: BuiltSite | None = None  # the last successful build
        self.readers: dict[str, set[str]] = {}  # input file -> the pages of `last` made of it
        self.outside: set[str] = set()  # files pages read outside the watched folders (watched here)
        self._inputs: Snapshot | None = None  # taken as the current build started
        self._open: dict[str, float] = {}  # page URL path -> when its livereload poll last came
        self._open_lock = threading.Lock()
        self.shown: dict[str, bytes] = {}  # src_uri -> the bytes of its page when the browsers were told to reload

    @classmethod
    def install(cls, server: Any, plugin: Any, builder: Callable[..., Any]) -> ServeFirst | None:
        """Put the step in front of the server's rebuilds; None (nothing changed) on a server without the
        epochs it needs."""
        if not all(hasattr(server, name) for name in _NEEDED) or not callable(getattr(server, "builder", None)):
            log.debug("sxs: this livereload server has no epochs to use: every edit waits for the rebuild")
            return None
        first = cls(server, plugin, server.builder)
        server.builder = first.builder
        app = server.serve_request

        def serve_request(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
            first.note_request(environ)
            return app(environ, start_response)

        server.set_app(serve_request)
        return first

    # Which pages are open --------------------------------------------------------------------

    def note_request(self, environ: dict[str, Any]) -> None:
        """A livereload poll names the page it came from (`Referer`): that page is open in a browser."""
        if not str(environ.get("PATH_INFO", "")).startswith("/livereload/"):
            return
        referer = environ.get("HTTP_REFERER")
        if not referer:
            return
        path = unquote(urlsplit(str(referer)).path)
        mount = str(getattr(self.server, "mount_path", "/")) or "/"
        if not path.startswith(mount):
            return
        with self._open_lock:
            self._open[path[len(mount):]] = time.monotonic()
            if len(self._open) > 1000:  # a crawler, not a reader: keep the newest
                for key in sorted(self._open, key=self._open.__getitem__)[:500]:
                    del self._open[key]

    def open_pages(self, last: BuiltSite) -> list[str]:
        """The pages (src_uri) open in a browser now, the most recently polled first."""
        now = time.monotonic()
        with self._open_lock:
            recent = sorted(((when, path) for path, when in self._open.items() if now - when < OPEN_FOR),
                            reverse=True)
        pages = [page_for_url(last.pages_by_url, path) for _, path in recent]
        return list(dict.fromkeys(page for page in pages if page is not None))

    # The builds --------------------------------------------------------------------------------

    def inputs(self, config: MkDocsConfig) -> Snapshot:
        """The files the site is built from, as they are now (core/files/inputs.py)."""
        tus = getattr(self.plugin, "tus", None)
        return site_inputs(config.docs_dir, tus.folder if tus is not None else None,
                           os.path.abspath(config.config_file_path) if config.config_file_path else None,
                           sorted(self.outside))

    def build_started(self, config: MkDocsConfig) -> None:
        """A rebuild begins (`on_pre_build`): the inputs it is made from."""
        self._inputs = self.inputs(config)

    def build_ended(self, config: MkDocsConfig, files: Files, nav: Navigation | None, env: Any) -> None:
        """A rebuild ended well (`on_post_build`): keep what the page path needs."""
        inputs, self._inputs = self._inputs, None
        if inputs is None or nav is None or env is None:
            self.last = None
            return
        last = BuiltSite(config, files, nav, env, inputs)
        docs = os.path.abspath(config.docs_dir)
        readers: dict[str, set[str]] = {}
        for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
            last.pages_by_url[file.url] = file.src_uri
            for path in page_files(docs, file.src_uri, getattr(file.page, "sxs_sources", ())):
                readers.setdefault(path, set()).add(file.src_uri)
        self.outside |= stamp_outside(inputs, readers)
        self.last, self.readers = last, readers

    def build_failed(self) -> None:
        self._inputs, self.last, self.readers = None, None, {}

    def builder(self, *args: Any, **kwargs: Any) -> Any:
        """The server's rebuild: the open pages first (when the edit allows), then the whole site."""
        shown = False
        if not args and not kwargs:
            try:
                shown = self.page_first()
            except Exception as error:  # noqa: BLE001 - the rebuild below shows the edit anyway
                log.debug("sxs: page-first step failed (%s); the rebuild shows the edit", error, exc_info=True)
                shown = False
        try:
            return self.rebuild(*args, **kwargs)
        finally:
            if shown:
                self._reload_if_changed()
            self.shown = {}

    def page_first(self) -> bool:
        """Render the open pages an edit concerns and let the browsers reload them; True when it did."""
        last = self.last
        plugin = self.plugin
        if last is None or plugin is None or getattr(plugin, "command", None) != "serve" or plugin.dirty:
            return False
        started = time.perf_counter()
        now = self.inputs(last.config)
        edited = changed(last.inputs, now)
        if not edited:
            return False
        missing = stamp("")
        if any(path not in last.inputs or now.get(path, missing) == missing for path in edited):
            return False  # a file added or removed: only the rebuild knows what it changes
        tus = getattr(plugin, "tus", None)
        folder = os.path.abspath(tus.folder) + os.sep if tus is not None and tus.folder else None
        catalogs = {path for path in edited if folder and path.startswith(folder)}
        tocs = set(toc_files({path: now[path] for path in edited - catalogs}))
        pages = edited - catalogs - tocs
        if any(path not in self.readers for path in pages):
            return False  # mkdocs.yml, the redirection file, a media file: the rebuild
        if tocs and getattr(plugin, "docfx", None) is None:
            return False
        open_pages = self.open_pages(last)
        if not open_pages:
            return False
        concerned: set[str] = set()
        for path in pages:
            concerned |= self.readers[path]
        if catalogs:
            concerned |= self._read_catalogs_again(plugin)
        if tocs:
            nav = renew_navigation(plugin, last.config, last.files)
            if nav is None:
                return False
            last.nav = nav
            concerned |= set(open_pages)
        targets = [page for page in open_pages if page in concerned][:MOST_PAGES]
        if not targets:
            return False
        for src_uri in targets:
            file = last.files.get_file_from_path(src_uri)
            if file is None:
                return False
            render_page(file, last.config, last.files, last.nav, last.env)
        self.shown = self._read_pages(last, open_pages)
        self._publish()
        log.info("sxs: %s shown in %.2f s; the site is rebuilt next", ", ".join(targets),
                 time.perf_counter() - started)
        return True

    def _read_catalogs_again(self, plugin: Any) -> set[str]:
        """Every catalog indexed again (through the build cache's catalog stage): the pages whose catalogs
        changed, now with their new entries."""
        tus = plugin.tus
        cache = getattr(plugin, "build_cache", None)
        store = cache.stage("catalogs") if cache is not None else None
        before = tus.entries
        entries, problems = index_translations(tus.folder, store)
        for problem in problems:
            log.warning("%s", problem.message)
        pages = {page for page in set(before.sources) | set(entries.sources)
                 if before.sources.get(page) != entries.sources.get(page)}
        tus.entries = entries
        return pages

    def _read_pages(self, last: BuiltSite, pages: Iterable[str]) -> dict[str, bytes]:
        found = {}
        for src_uri in pages:
            file = last.files.get_file_from_path(src_uri)
            if file is None:
                continue
            try:
                with open(file.abs_dest_path, "rb") as handle:
                    found[src_uri] = handle.read()
            except OSError:
                continue
        return found

    def _publish(self) -> None:
        """Browsers reload now, and requests are answered while the rebuild runs (MkDocs holds them until
        `_visible_epoch` reaches `_wanted_epoch`, which it set before calling the builder)."""
        server = self.server
        with server._epoch_cond:
            server._visible_epoch = server._wanted_epoch
            server._epoch_cond.notify_all()

    def _reload_if_changed(self) -> None:
        """After the rebuild: a page open in a browser that differs from what it was shown calls for one
        more reload (MkDocs then publishes a newer epoch); none otherwise."""
        last = self.last
        if last is None:
            return
        after = self._read_pages(last, self.shown)
        if after == self.shown:
            return
        server = self.server
        with server._epoch_cond:
            server._wanted_epoch = max(server._visible_epoch + 1, round(time.monotonic() * 1000))
