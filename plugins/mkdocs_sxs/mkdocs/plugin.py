"""The `sxs` MkDocs plugin: a thin adapter from MkDocs events to the core."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
from collections.abc import Callable
from html import escape
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..core.cache.store import PageCache, seal_all
from ..core.docfx.docset import Docset
from ..core.docfx.line_origins import LineOrigins, problem_place
from ..core.docfx.markdown import docset_pivots
from ..core.docfx.missing_targets import LINK_MISSING, MissingTargetTally
from ..core.docfx.toc import set_max_depth
from ..core.files.background import BackgroundClean, leftovers
from ..core.files.bounded_yaml import YamlLimits, default_limits, set_default_limits, value_size
from ..core.files.docfile import DocsetFileError, decode, read_bytes, universal_newlines
from ..core.files.kept_site import KeptSite
from ..core.reader.a11y import set_direction
from ..core.reader.chrome import add_early_mode_script, page_bar, page_locale
from ..core.reader.frontmatter import split_front_matter
from ..core.reader.i18n import parse_date, text_direction
from ..core.reader.sanitize import escape_template_meta
from ..core.search.index import KnownFolds, strip_excluded_sources, transform_search_index_file, write_search_index
from ..core.search.sections import split_sections
from ..core.xref import XrefResolver
from ..markdown_ext.extension import SxsExtension
from .annotations import AnnotationSite, PageLeads, page_lead_of
from .build_cache import RenderCache
from .build_log import BuildLog, report_path
from .config import SxsConfig
from .docfx_markdown import ensure_extensions, scan_docset, transform_page, xref_resolver
from .docfx_site import DocfxSite, RedirectPages, docfx_enabled
from .kept_output import KeptOutput, keep_possible
from .linkcheck import (
    BackgroundCheck,
    missing_link_count,
    quiet_missing_link_targets,
    quiet_mkdocs_validation,
    run_link_check,
    write_link_report,
)
from .locales import LocalesAdapter
from .log import log
from .memory import (
    can_drop_markdown,
    freeze_site,
    release_search_entries,
    return_freed_memory,
    take_search_entries,
    thaw_site,
)
from .nav_fragments import NavFragments
from .page_cache import PageOutputCache
from .parallel import PagePool, parallel_workers
from .populate_cache import PopulateCache
from .safe_files import drop_files_outside
from .search import index_page, material_search_plugin
from .serve_first import ServeFirst
from .transform_cache import TransformCache
from .translation import TranslationUnits

# The browser side (CSS/JS) is shared by every engine: it sits at the package root.
ASSETS_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "assets")
ASSET_FILES = ("sxs.css", "sxs.js", "sxs-docfx.css", "sxs-docfx.js")
ASSET_URL = "assets/sxs"
ANNOTATION_ASSETS = ("sxs-annotations.css", "sxs-annotations.js")
_HTML_TAG = re.compile(r"<html\b[^>]*>", re.I)
_LANG_ATTR = re.compile(r"\s(?:lang|dir|data-sxs-default)=\"[^\"]*\"", re.I)


class SxsPlugin(BasePlugin[SxsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"  # or "serve" (on_startup)
        self.dirty: bool | None = None  # `--dirty` (on_startup); None: not said (build() called directly)
        self.serve_first: ServeFirst | None = None  # `mkdocs serve`: open pages first (serve_first.py)
        self.exits_after_build = False  # (build() called by review mode or a script: the process goes on)
        self._start_build()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Which command runs: `build_cache` left unset is on for `mkdocs serve`'s rebuilds.

        Having this hook makes MkDocs keep this instance across `serve`'s rebuilds (as it keeps
        Material's search plugin); `on_config` starts each build from a clean state.
        """
        self.command = command
        self.dirty = dirty
        self.exits_after_build = command == "build"  # `mkdocs build`: the process ends with the build

    def _start_build(self) -> None:
        """The state of one build (nothing carries over from a previous build of this instance)."""
        self.extension: SxsExtension | None = None
        self.problem_count = 0
        self.tus: TranslationUnits | None = None
        self.annotations: AnnotationSite | None = None
        self._reader_html: dict[str, str] = {}
        self._search_meta: dict[str, Any] = {}  # pages indexed by us: undo of their search meta
        self._search_alone: bool | None = None  # _search_indexed_by_us, found once per build
        self.docfx: DocfxSite | None = None
        self.files: Files | None = None
        self.nav: Navigation | None = None  # as on_nav left it, and the template environment: the page path's
        self.env: Any = None
        self.docset: Docset | None = None
        self.xrefs: XrefResolver | None = None
        self.line_origins: dict[str, LineOrigins | None] = {}
        self.missing_targets = MissingTargetTally()
        self.locales: LocalesAdapter | None = None
        self.build_cache: RenderCache | None = None
        self.page_cache: PageOutputCache | None = None
        self._config: MkDocsConfig | None = None
        self.build_log = BuildLog(log)  # findings summarized per category, listed in the build report
        self.pool: PagePool | None = None  # page population in worker processes (parallel.py)
        self.pool_pending = False
        self.drop_markdown = False  # memory.py: page.markdown emptied once it is HTML
        self.nav_fragments: NavFragments | None = None
        self.search_entries: list[Any] | None = None  # Material's, written by us (memory.take_search_entries)
        self.transform_cache: TransformCache | None = None
        self.populate_cache: PopulateCache | None = None  # whole pages (populate_cache.py), with the workers
        self._page_digests: dict[str, tuple[str, int, int]] = {}  # page -> (SHA-256, mtime, size) as read
        self.postedit_cache: PageCache | None = None  # the pages' post-edits (translation.py)
        self.link_check_job: BackgroundCheck | None = None
        self.link_scans: PageCache | None = None  # the scan stage the background check uses
        self.site_clean: BackgroundClean | None = None  # site_dir's old contents, being deleted
        self.kept_site: KeptSite | None = None  # or kept, files the same not written again (kept_output.py)
        self.kept_output: KeptOutput | None = None
        self._undo_skip_clean: Callable[[], None] | None = None  # MkDocs' clean skipped (kept in place)
        self.redirect_pages: RedirectPages | None = None  # DocFX redirect pages, written beside the pages

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._close_pool()
        self._close_link_check()
        self._finish_site_clean(failed=True)  # left by a build that did not end (after its end: nothing left)
        self._start_build()
        self._config = config
        if not self.config.enabled:
            return config
        apply_input_limits(self.config)  # before any YAML, TOC or include is read
        self.extension = SxsExtension(source_lang=self.config.source_lang,
                                      search_source=self.config.search_source)
        self.tus = TranslationUnits(self.config.translations_dir, self.config.translation_report)
        self.tus.on_config(config)
        if self.config.link_check and self.config.link_check_replaces_validation:
            quiet_mkdocs_validation(config)
        if self.config.missing_targets == "info":
            quiet_missing_link_targets(config)
        config.markdown_extensions.append(self.extension)  # type: ignore[arg-type]
        if self.config.docfx_markdown:
            ensure_extensions(config)
        for name in ASSET_FILES:
            url = f"{ASSET_URL}/{name}"
            target = config.extra_css if name.endswith(".css") else config.extra_javascript
            if url not in [str(item) for item in target]:
                target.append(url)  # type: ignore[arg-type]
        if self.config.annotations:
            self.annotations = AnnotationSite(self.config.locale, self.config.source_lang)
            self.annotations.on_config(config)
            for name in ANNOTATION_ASSETS:
                target = config.extra_css if name.endswith(".css") else config.extra_javascript
                if f"{ASSET_URL}/{name}" not in [str(item) for item in target]:
                    target.append(f"{ASSET_URL}/{name}")  # type: ignore[arg-type]
        self.docfx = DocfxSite(self.config, config) if docfx_enabled(self.config.docfx, config.docs_dir) else None
        if self.config.locales:  # one locale of a multi-locale site (core/locales/)
            self.locales = LocalesAdapter(self.config.locales, config, ASSETS_DIR, ASSET_URL)
        if self.uses_build_cache:  # after every extension is in place: they are part of the key
            self.build_cache = RenderCache(config, self.config.build_cache_dir, dict(self.config))
            self.page_cache = PageOutputCache(self.build_cache, config)  # template renders (page_cache.py)
        return config

    @property
    def uses_build_cache(self) -> bool:
        """The `build_cache` option; unset, on when serving (`mkdocs serve`, review mode)."""
        return self.config.build_cache if self.config.build_cache is not None else self.command == "serve"

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        """`mkdocs serve` also watches the translations folder (a saved post-edit rebuilds), and shows an edit in
        the pages open in a browser before it rebuilds the site (serve_first.py)."""
        if self.tus is not None:
            self.tus.watch(server)
        if self.config.enabled and self.command == "serve" and not self.dirty and self.config.serve_first:
            self.serve_first = ServeFirst.install(server, self, builder)
            if self.serve_first is not None:  # the first build: its inputs as MkDocs starts watching them
                self.serve_first.build_started(config)
                self.serve_first.build_ended(config, self.files or Files([]), self.nav, self.env)
        return server

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        if self.docfx is not None:  # DocFX docsets: the navigation the TOC files describe
            appendix = self.annotations.overview_paths() if self.annotations is not None else None
            nav = self.docfx.on_nav(nav, config, files, appendix)
        if self.annotations is not None:
            self.annotations.on_nav(nav)
        self.nav = nav
        return nav

    def on_pre_build(self, config: MkDocsConfig) -> None:
        if self.config.enabled and self.dirty is False:  # MkDocs empties site_dir next: one rename per entry
            old = leftovers(config.site_dir)
            cache = self.build_cache
            record = str(cache.folder / "site-written.json") if cache is not None and cache.enabled else None
            served = self.serve_first is not None  # answered while it builds: the old tree stays in place
            self.kept_site = KeptSite.start(config.site_dir, record, in_place=served) \
                if keep_possible(config, self) else None
            if served and self.kept_site is not None:
                self._undo_skip_clean = KeptOutput.skip_clean(config.site_dir)
            self.site_clean = BackgroundClean.start(config.site_dir) if self.kept_site is None else \
                BackgroundClean.delete(old)
        if self.serve_first is not None:
            self.serve_first.build_started(config)
        self.problem_count = 0
        self.missing_targets = MissingTargetTally(self.config.missing_targets)
        self.build_log.reset()
        self.pool_pending = bool(self.config.enabled)
        if self.docfx is not None:
            self.docfx.tally = self.missing_targets
            self.docfx.build_log = self.build_log
        if self.tus is not None:  # every catalog is read: the catalog stage's unused entries can go
            catalogs = self.build_cache.stage("catalogs") if self.build_cache is not None else None
            self.postedit_cache = self.build_cache.stage("postedits") if self.build_cache is not None else None
            self.tus.on_pre_build(catalogs, self.postedit_cache)
            if catalogs is not None:
                catalogs.prune()
        if self.config.enabled and self.config.docfx_markdown:
            url_base = [self.config.url_base] if self.config.url_base else []
            prefixes = list(self.config.docset_url_prefixes or url_base or self.config.link_url_prefixes or [])
            self.docset = scan_docset(config, prefixes)
            # uids: pages' xrefs and uid TOC entries
            self.xrefs = xref_resolver(self.docset, self.config, config.config_file_path)
            if self.build_cache is not None:  # the DocFX stage of the cache (transform_cache.py)
                self.transform_cache = TransformCache(self.build_cache.folder, self.build_cache.store.environment,
                                                      self.build_cache.enabled, self.docset, self.xrefs,
                                                      docset_pivots(str(self.docset.root)))
            if self.docfx is not None:
                self.docfx.uids = self.xrefs.uids
        if self.build_cache is not None and self.build_cache.enabled:
            self.populate_cache = PopulateCache(self.build_cache, self.transform_cache)

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        """Navigation items rendered once (nav_fragments.py), then page renders through the build cache
        (page_cache.py, which wraps the page templates the fragments' macro is already installed in)."""
        if self.kept_site is not None:  # nothing is written before this: from here on, writes are checked
            self.kept_site.ready()
            self.kept_output = KeptOutput(self.kept_site, atomic=self.kept_site.trash is None and
                                          self.serve_first is not None)
            self.kept_output.install()
        if self.config.enabled and self.config.nav_fragments:
            self.nav_fragments = NavFragments()  # a new build: no fragment of the last one
            self.nav_fragments.install(env)
        if self.pool is not None and self.link_check_job is None:
            # the page workers ran (a core to spare): the link check runs beside the templates (linkcheck.py)
            self._start_link_check(config)
        if self.docfx is not None:  # written while MkDocs writes the pages (docfx_site.RedirectPages)
            self.redirect_pages = self.docfx.plan_redirects(config, self.files or files, self.kept_site)
            self.redirect_pages.start()
        if self.config.enabled:
            freeze_site()  # the pages are read: the template phase's collections skip them (memory.py)
        if self.page_cache is not None and self.config.enabled and self.config.search_fold_diacritics:
            search = material_search_plugin(config)  # its entries' folded fields, kept with their sections
            self.page_cache.known_folds = KnownFolds(search.config.separator) if search is not None else None
        self.env = self.page_cache.on_env(env) if self.page_cache is not None else env
        return self.env

    def _close_link_check(self) -> None:
        if self.link_check_job is not None:
            self.link_check_job.close()
            self.link_check_job = None

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.kept_site is not None:  # MkDocs' clean has run: the old output goes back in place
            self.kept_site.restore()
        if self._undo_skip_clean is not None:
            self._undo_skip_clean()
            self._undo_skip_clean = None
        leads = None
        if self.config.enabled:
            files = drop_files_outside(files, config.docs_dir)  # no symlink out of docs_dir is read or published
            digests = self._page_digests if self.populate_cache is not None else None
            leads = check_pages_readable(files, leads=self.annotations is not None, digests=digests)
        if self.docfx is not None:  # DocFX docsets: YAML pages in, non-pages out (docfx_site.py)
            files = self.docfx.on_files(files, config)
        files = self.tus.on_files(files, config) if self.tus is not None else files
        if self.annotations is not None:
            files = self.annotations.on_files(files, config, leads)
        self.files = files
        if self.build_cache is not None:
            self.build_cache.on_files(files)
        return files

    def on_pre_page(self, page: Page, config: MkDocsConfig, files: Files) -> Page:
        if self.pool_pending:  # the first page: the site is complete, start the workers (or not)
            self.pool_pending = False
            self.drop_markdown = can_drop_markdown(config, self)
            workers = parallel_workers(self.config.parallel, config, files, self)
            if workers and self.kept_site is not None:
                self.kept_site.ready()  # its listing thread ends before the workers are forked
            stored = None
            if workers and self.populate_cache is not None:  # pages served whole from the cache: not sent
                stored = self.populate_cache.plan(self, config, files.documentation_pages(), self._page_digests)
            elif self.populate_cache is not None:
                self.populate_cache = None  # a serial build: the page stage works with the workers only
            self.pool = PagePool(self, config, files, workers, stored) if workers else None
            if self.pool is not None and stored and len(stored) * 10 >= len(files.documentation_pages()) * 9:
                self._start_link_check(config)  # the cache serves nine pages in ten whole: a core is free now
        if self.pool is not None:
            self.pool.prepare(page)
        return page

    def _start_link_check(self, config: MkDocsConfig) -> None:
        """The link check in its own process (linkcheck.py), beside the rest of the build."""
        if self.config.enabled and self.config.link_check:
            self.link_scans = self.build_cache.stage("scans") if self.build_cache is not None else None
            self.link_check_job = BackgroundCheck.start(config, self.config, self.link_scans)

    def _finish_site_clean(self, failed: bool = False) -> None:
        if self._undo_skip_clean is not None:
            self._undo_skip_clean()
            self._undo_skip_clean = None
        if self.kept_output is not None:
            self.kept_output.remove()
            self.kept_output = None
        if self.kept_site is not None:  # after every writer: what this build did not make goes
            self.kept_site.finish(failed)
            if self.kept_site.kept:
                log.debug("sxs: %d file(s) of the last build kept, the same bytes", self.kept_site.kept)
            self.kept_site = None
        if self.site_clean is not None:
            self.site_clean.wait()
            self.site_clean = None

    def _close_pool(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool = None

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.pool is not None and self.pool.is_served(page):
            return markdown  # populated by a worker (parallel.py)
        if self.extension is not None:
            if markdown.startswith("---"):
                # MkDocs drops a front matter block it cannot read without a word; say where and why.
                for problem in split_front_matter(markdown, page.file.src_uri)[2]:
                    self.build_log.emit(logging.WARNING, problem.code,
                                        problem.__str__().replace(f" [{problem.code}]", ""))
            if value_size(page.meta, default_limits().max_nodes) is None:
                # MkDocs loaded an alias bomb (or a value containing itself): never walk it
                log.warning("%s: front matter expands to more than %s values through aliases (sxs option "
                            "yaml_max_nodes); the page is built without its front matter", page.file.src_uri,
                            f"{default_limits().max_nodes:,}")
                page.meta = {}
            escape_template_meta(page.meta)
            updated = parse_date(page.meta.get("ms.date"))
            if updated is not None:  # sitemap <lastmod>: the content's date, not the build's (reproducible)
                page.update_date = updated.isoformat()
            full = _page_text(page)  # the whole file (front matter too), read once for both below
            overrides = self.tus.overrides_for(page, markdown, full) if self.tus is not None else None
            render_unit = self.annotations.renderer(page.file.src_uri) if self.annotations else None
            self.extension.set_page(page.file.src_uri, overrides=overrides, render_unit=render_unit)
            page.meta.setdefault("sxs_line_offset", _body_line_offset(full, markdown))
            from_yaml = self.docfx is not None and page.file.src_uri in self.docfx.yaml_pages.values()
            if self.docset is not None and (page.file.src_uri in self.docset.files or from_yaml):
                markdown, origins, reads = transform_page(
                    markdown, page.file.src_uri, self.docset, self.config, config, files,
                    page_locale(page.meta, self.config.locale), int(page.meta["sxs_line_offset"]),
                    generated=from_yaml, page_aliases=self.docfx.yaml_pages if self.docfx is not None else None,
                    tally=self.missing_targets, xrefs=self.xrefs, build_log=self.build_log,
                    cache=self.transform_cache)
                self.line_origins[page.file.src_uri] = origins  # file:line of problems (on_page_content)
                # The files this page's text was made of (its includes, nested ones too, code snippet
                # files, the pages whose titles it shows as xref link text): review mode renders the page
                # again when one of them changes (review/site.py).
                included = {segment.path for segment in origins.segments} if origins else set()
                page.sxs_sources = tuple(sorted(included | set(reads)))
            if self.build_cache is not None:
                self.build_cache.wrap(page, self.extension, overrides, render_unit)
        return markdown

    @event_priority(50)
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        ext = self.extension
        if self.pool is not None and self.pool.is_served(page):
            self.pool.done(page)
            return html
        if ext is None:
            return html
        model = ext.page
        offset = int(page.meta.pop("sxs_line_offset", 0))
        origins = self.line_origins.pop(page.file.src_uri, None)
        if model is not None and self.config.report_malformed != "ignore":
            level = logging.WARNING if self.config.report_malformed == "warning" else logging.INFO
            for problem in model.problems:
                self.problem_count += 1
                where = problem_place(page.file.src_uri, problem.line, problem.column, offset, origins)
                self.build_log.emit(level, problem.code, f"{where}: {problem.message}")
        if self.tus is not None:
            html = self.tus.on_page_content(html, page)
        if "title" not in page.meta and ext.h1_label:
            # Escaped, and as meta title too: Material prints `page.meta.title` as is, but
            # `page.title | striptags` would turn `&lt;/title&gt;` back into a tag.
            page.meta["title"] = page.title = escape(ext.h1_label)
        locale = page_locale(page.meta, self.config.locale)
        if self.annotations is not None:
            html = self.annotations.finish(html, page, model, locale)
        if self.docfx is not None:  # the docset's breadcrumb TOC, above the page as on Learn
            html = self.docfx.breadcrumb(page, config) + html
        if self.locales is not None:
            html = self.locales.page_content(html, page)
        if self.drop_markdown:
            page.markdown = ""  # not None: Page.title needs a read page (memory.py)
        if not self.config.page_bar:
            return html
        # generated annotation pages show names in both languages: they get the switch too
        has_units = (model is not None and ext.unit_count > 0) or page.meta.get("sxs_generated") == "annotations"
        bar = page_bar(page.meta, locale=locale, has_units=has_units)
        return bar + html

    @event_priority(100)  # before the search plugin indexes page.content
    def _hide_originals_from_search(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        """Give indexers the page without the excluded English originals (see strip_excluded_sources)."""
        if self.config.enabled and not self.config.search_source and page.content and \
                not self._search_indexed_by_us(config):  # else _index_for_search strips, when it must
            stripped = strip_excluded_sources(page.content)
            if stripped != page.content:
                self._reader_html[page.file.src_uri] = page.content
                page.content = stripped
        return context

    def _search_indexed_by_us(self, config: MkDocsConfig) -> bool:
        """Our fast path indexes pages for Material's search plugin, and no other plugin or hook reads the
        page in `on_page_context`: then the page is stripped of its originals only to be split into search
        sections (which the build cache holds by the page's HTML), and Material's search plugin, which skips
        the page, is handed no HTML to clean of `data-search-*` attributes (readers get the page back after it).
        """
        if self._search_alone is None:
            self._search_alone = bool(self.config.search_fast_index) and all(
                getattr(method, "__self__", None) is self
                or type(getattr(method, "__self__", None)).__module__ == "material.plugins.search.plugin"
                for method in config.plugins.events.get("page_context", []))
        return self._search_alone

    @event_priority(1)  # just before the search plugin: our fast path indexes the page instead (search.py)
    def _index_for_search(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        if not (self.config.enabled and self.config.search_fast_index):
            return context
        strip = not self.config.search_source and self._search_indexed_by_us(config)  # not stripped yet
        if self.page_cache is not None:
            restore = index_page(page, config, lambda html: self.page_cache.split_sections(html, strip),
                                 self.page_cache.known_folds)
        else:
            restore = index_page(page, config, (lambda html: split_sections(strip_excluded_sources(html))) if strip
                                 else split_sections)
        if restore is not None:
            self._search_meta[page.file.src_uri] = restore
            content = page.content or ""
            # Material would clean other `data-search-*` attributes for readers too: only these pages go without
            if self._search_indexed_by_us(config) and content and \
                    ("data-search-exclude" in content or "data-search-" not in content):
                self._reader_html.setdefault(page.file.src_uri, content)
                page.content = ""  # Material's search plugin skips the page: nothing for it to clean
        elif strip and page.content:  # Material's parser indexes this page: without the originals
            stripped = strip_excluded_sources(page.content)
            if stripped != page.content:
                self._reader_html[page.file.src_uri] = page.content
                page.content = stripped
        return context

    @event_priority(-100)  # after it: readers get the whole page back
    def _restore_originals(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        original = self._reader_html.pop(page.file.src_uri, None)
        if original is not None:
            page.content = original
        restore_search_meta = self._search_meta.pop(page.file.src_uri, None)
        if restore_search_meta is not None:
            restore_search_meta()
        return context

    def _area_nav(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        """DocFX docsets: a page renders its own TOC's navigation only (nav_mode: area)."""
        if self.docfx is not None:
            context["nav"] = self.docfx.nav_for(page, nav)
        return context

    on_page_context = CombinedEvent(_hide_originals_from_search, _area_nav, _index_for_search, _restore_originals)

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Set `<html lang>` to the page's locale and the reader's default view."""
        locale = page_locale(page.meta, self.config.locale)
        if self.locales is not None:
            output = self.locales.post_page(output, page)
        if self.drop_markdown:
            page.content = None  # written out next; nothing reads it again (memory.py)
        output = set_direction(set_html_attributes(output, locale, self.config.default_mode), locale)
        return add_early_mode_script(output)

    @event_priority(50)  # before the search plugin writes its index
    def _take_search_entries(self, config: MkDocsConfig) -> None:
        self.search_entries = None
        if self.config.enabled and (self.config.search_fold_diacritics or self.config.search_segment_words):
            self.search_entries = take_search_entries(config)  # written by _fold_search_index (memory.py)

    @event_priority(-100)  # after the search plugin wrote its index
    def _post_build(self, config: MkDocsConfig) -> None:
        self._close_pool()
        thaw_site()
        if self.nav_fragments is not None:
            self.nav_fragments.fragments.clear()
        if self.config.enabled and release_search_entries(config):  # written by now (memory.py)
            return_freed_memory()
        self._fold_search_index(config)
        target = os.path.join(config.site_dir, *ASSET_URL.split("/"))
        os.makedirs(target, exist_ok=True)
        for name in ASSET_FILES:
            shutil.copyfile(os.path.join(ASSETS_DIR, name), os.path.join(target, name))
        if self.tus is not None:
            self.tus.on_post_build(config)
        if self.annotations is not None:
            for name in ANNOTATION_ASSETS:
                shutil.copyfile(os.path.join(ASSETS_DIR, name), os.path.join(target, name))
            self.annotations.write_json(config.site_dir)
        if self.redirect_pages is not None:
            count, self.redirect_pages = self.redirect_pages.finish(), None
            log.info("DocFX: wrote %d redirect page(s)", count)
        if self.locales is not None:
            self.locales.post_build(config)
        if self.config.enabled and self.config.link_check:
            scans = self.link_scans or (self.build_cache.stage("scans") if self.build_cache is not None else None)
            result = run_link_check(config, self.config, log, self.build_log, scans, self.link_check_job)
            self.link_check_job = None
            if scans is not None:
                scans.prune()  # every page of the docset was scanned
            self.missing_targets.add(LINK_MISSING, missing_link_count(result))
            if self.config.link_report:
                write_link_report(result, config, self.config.link_report)
        summary = self.missing_targets.summary()
        if summary:
            log.info("%s", summary)
        if self.build_cache is not None and self.files is not None:
            self.build_cache.finish(len(self.files.documentation_pages()))
        if self.page_cache is not None and self.files is not None:
            self.page_cache.finish(len(self.files.documentation_pages()))
        if self.transform_cache is not None:
            self.transform_cache.finish()
        if self.populate_cache is not None and self.files is not None:
            self.populate_cache.finish(len(self.files.documentation_pages()))
        if self.postedit_cache is not None and self.files is not None and self.build_cache is not None \
                and self.build_cache.pages >= len(self.files.documentation_pages()):
            self.postedit_cache.prune()  # every page went through overrides_for
        seal_all()  # what this build stored and no prune sealed (core/cache/store.py)
        self._flush_build_log(config)
        self._finish_site_clean()
        if self.serve_first is not None and self.files is not None:
            self.serve_first.build_ended(config, self.files, self.nav, self.env)

    on_post_build = CombinedEvent(_take_search_entries, _post_build)

    def on_shutdown(self) -> None:
        """`mkdocs serve` ends: nothing of the last build outlives it."""
        self._close_pool()
        self._close_link_check()
        self._finish_site_clean(failed=True)  # a build still going (after a build's end: nothing left)

    def on_build_error(self, error: Exception) -> None:
        if self.serve_first is not None:
            self.serve_first.build_failed()
        if self.redirect_pages is not None and self.redirect_pages.thread is not None:
            self.redirect_pages.thread.join()  # nothing of the build writes on after it
        self._close_pool()
        seal_all()  # what the build stored until it failed stays in the cache
        thaw_site()
        self._close_link_check()
        self._finish_site_clean(failed=True)
        if self.config.enabled and self._config is not None:
            self._flush_build_log(self._config)

    def _flush_build_log(self, config: MkDocsConfig) -> None:
        """One line per category of findings; all of them in the build report (option `build_report`)."""
        path = report_path(self.config.build_report, config.config_file_path, config.docs_dir, config.site_dir)
        self.build_log.flush(path, config.site_name)

    def _fold_search_index(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        path = os.path.join(config.site_dir, "search", "search_index.json")
        entries, self.search_entries = self.search_entries, None
        if not os.path.isfile(path):
            return
        if entries is None:
            transform_search_index_file(path, fold_diacritics=self.config.search_fold_diacritics,
                                        segment=self.config.search_segment_words)
            return
        with open(path, encoding="utf-8") as handle:  # Material's config, with no entries
            index = json.load(handle)
        if isinstance(index, dict) and index.get("docs") == []:
            index["docs"] = entries
        del entries
        write_search_index(path, index, fold_diacritics=self.config.search_fold_diacritics,
                           segment=self.config.search_segment_words,
                           known=self.page_cache.known_folds if self.page_cache is not None else None)
        if self.page_cache is not None:
            self.page_cache.known_folds = None
        # The heap's free pages go back before the link check's result is read beside the other processes (the
        # peak); `mkdocs build` skips the full collection (0.1 s on Dynamics 365, nothing found in a warm build).
        return_freed_memory(collect=not self.exits_after_build)


def set_html_attributes(output: str, locale: str | None, default_mode: str) -> str:
    match = _HTML_TAG.search(output)
    if match is None:
        return output
    tag = _LANG_ATTR.sub("", match.group(0)[:-1])
    if locale:
        tag += f' lang="{escape(locale)}"'
        if text_direction(locale) == "rtl":  # Arabic, Hebrew, … (CLDR): the whole page reads right to left
            tag += ' dir="rtl"'
    tag += f' data-sxs-default="{escape(default_mode)}">'
    return output[: match.start()] + tag + output[match.end() :]


def _page_text(page: Page) -> str | None:
    """The page's file as MkDocs reads it (`File.content_string`: UTF-8, a BOM dropped, universal newlines), or
    None when it cannot be read. A file on disk is read in binary and decoded here: the text-mode read took
    twice as long (0.15 s of the 2,781 pages of Dynamics 365, in every build)."""
    file = page.file
    try:
        if getattr(file, "_content", None) is not None or not file.abs_src_path:
            return file.content_string  # generated: its content is in memory
        with open(file.abs_src_path, "rb") as handle:
            text = handle.read().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError, TypeError):
        return None
    return universal_newlines(text)


def _body_line_offset(full: str | None, markdown: str) -> int:
    """Lines of front matter MkDocs removed, so reported lines match the file."""
    if full is None:
        return 0
    if markdown and full.endswith(markdown):
        return full[: len(full) - len(markdown)].count("\n")
    return 0


def apply_input_limits(options: Any) -> None:
    """The plugin's limits for hostile input, set where the core reads YAML and TOCs."""
    set_default_limits(YamlLimits(max_aliases=options.yaml_max_aliases, max_nodes=options.yaml_max_nodes,
                                  max_depth=options.yaml_max_depth))
    set_max_depth(options.toc_max_depth)


def check_pages_readable(files: Files, leads: bool = False,
                         digests: dict[str, tuple[str, int, int]] | None = None) -> PageLeads | None:
    """Stop on unreadable or non-UTF-8 pages with one clear message (MkDocs would show a traceback).

    With `leads`, returns what the annotation pass needs of each page read (`annotations.page_lead_of`),
    so that it does not read every page again. `digests` gets each page's SHA-256 with the file's mtime and
    size as they were before the read (the build cache's page stage: populate_cache.py)."""
    errors: list[DocsetFileError] = []
    found: PageLeads | None = {} if leads else None
    for file in files.documentation_pages():
        if file.abs_src_path is None:
            continue
        try:  # (before the read: a change after it is seen when the page's result is stored)
            info = os.stat(file.abs_src_path) if digests is not None else None
        except OSError:
            info = None  # the read says why
        try:
            data = read_bytes(file.abs_src_path, file.src_uri)
            text = decode(data, file.src_uri)
        except DocsetFileError as error:
            errors.append(error)
            continue
        if digests is not None and info is not None:
            digests[file.src_uri] = (hashlib.sha256(data).hexdigest(), info.st_mtime_ns, info.st_size)
        if found is not None:
            found[file.src_uri] = (file.abs_src_path, page_lead_of(text.text))
    for error in errors[1:]:
        log.error("%s", error)
    if errors:
        more = f" (and {len(errors) - 1} more, listed above)" if len(errors) > 1 else ""
        raise PluginError(f"sxs: {errors[0]}{more}")
    return found
