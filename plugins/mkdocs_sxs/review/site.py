"""The site a review session serves: the page in front of the reviewer at once, the whole site right soon after.

Two paths, so that an edit shows within a second even on Dynamics 365 and
the served site still ends up exactly what `mkdocs build` gives:

- **The page at once.** Each built page remembers the files it was made of:
  its source, its catalog and every file the DocFX transform read (includes,
  code samples, the pages whose titles became xref link text:
  `page.sxs_sources`); those outside the watched folders (`../includes/`, a
  samples folder) become inputs too. When the reviewer saves a post-edit, or
  requests a page one of whose files changed on disk (an editor, Poedit, `git pull`),
  that page alone is rendered again through the same Markdown, plugin hooks,
  sanitizer and theme template as the full build (MkDocs' `_populate_page`
  and `_build_page`, which MkDocs 1.6 and ProperDocs have), into the site
  being served. An edited TOC file first makes the navigation again from
  the TOCs (the `sxs` plugin's `on_nav`), so a TOC name edit shows in the
  page's navigation and breadcrumb at once too.
- **The whole site soon after ("settling").** Any change to an input (see
  `core/files/inputs.py`: the config, `docs_dir`, the translations, the DocFX files
  beside them) also starts a full build in the background, from a fresh
  configuration, into a new folder; when it ends, it replaces the served
  site in one step. That build is what carries an edit everywhere else it
  shows: other pages' navigation (a title or TOC edit), the search index,
  link-check results, role and product indexes, redirect pages. The build
  cache is on in review mode unless `build_cache: false`, so it is a warm
  build. An edit made while it runs is picked up by the page path at once
  and by the next settling build.

`mkdocs build` throws away what it gathered (files, navigation, templates),
so `_full_build` runs MkDocs' build steps itself (the order of
`mkdocs.commands.build.build`) and keeps them for the page path.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page

from ..core.files.inputs import Snapshot, changed, site_inputs, stamp, stamp_outside
from ..core.translation.formats import CatalogError, read_catalog
from ..mkdocs.page_path import BuiltSite, page_files, page_for_url, render_page, renew_navigation, toc_files
from ..mkdocs.persistent_plugins import forget_persistent_plugins

log = logging.getLogger("mkdocs.plugins.sxs.review")
SETTLE_DELAY = 0.2  # seconds: a burst of saves (an editor writing several files) starts one build


def _fresh_config(config_file: str, site_dir: str) -> MkDocsConfig:
    """The configuration with new plugin instances: a settling build runs beside the served one, whose
    pages the page path still renders; sharing Material's search index between them would mix their
    entries (persistent_plugins.py)."""
    forget_persistent_plugins()
    return load_config(config_file=config_file, site_dir=site_dir)


class ReviewSite:
    """The served site: built in folders under `site_dir`, one per full build, the newest served."""

    def __init__(self, config_file: str | os.PathLike[str], site_dir: str | os.PathLike[str]) -> None:
        self.config_file, self.root = str(config_file), str(site_dir)
        self.builds = 0  # full builds so far: the first, then one per settling
        self.lock = threading.RLock()  # the served build and its folder
        self.built: BuiltSite | None = None
        self.page_stamps: dict[str, tuple[Any, ...]] = {}  # page -> (navigation, its files' stamps) when rendered
        self.settle_error: str | None = None
        self._wanted = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._closed = False
        self._requested: Snapshot | None = None  # the inputs the last settling was asked for
        self._settler: threading.Thread | None = None
        # files pages were made of outside the watched folders (`../includes/`, code samples): inputs too
        self.outside_inputs: set[str] = set()
        self.config: MkDocsConfig = _fresh_config(self.config_file, self._next_dir())

    # The served build ---------------------------------------------------------------------

    @property
    def files(self) -> Files | None:
        return self.built.files if self.built else None

    @property
    def nav(self) -> Navigation | None:
        return self.built.nav if self.built else None

    @property
    def pages_by_url(self) -> dict[str, str]:
        return self.built.pages_by_url if self.built else {}

    @property
    def plugin(self) -> Any:
        return self.config.plugins.get("sxs")

    @property
    def docs_dir(self) -> Path:
        return Path(self.config.docs_dir)

    @property
    def translations_dir(self) -> Path:
        plugin = self.plugin
        if plugin is not None and plugin.tus is not None and plugin.tus.folder:
            return Path(plugin.tus.folder)
        base = os.path.dirname(self.config.config_file_path or "") or os.getcwd()
        option = plugin.config.translations_dir if plugin is not None else "translations"
        return Path(os.path.normpath(os.path.join(base, option)))

    def _next_dir(self) -> str:
        return os.path.join(self.root, str(self.builds + 1))

    def inputs(self) -> Snapshot:
        """The input files as they are now (core/files/inputs.py)."""
        return site_inputs(str(self.docs_dir), str(self.translations_dir), self.config_file,
                           sorted(self.outside_inputs))

    # Full builds ----------------------------------------------------------------------------

    def build(self) -> None:
        """The first full build, in the caller's thread (a page process pool may serve it)."""
        built = self._full_build(self.config)
        with self.lock:
            self._install(built)

    def _full_build(self, config: MkDocsConfig) -> BuiltSite:
        """MkDocs' build steps, in `build`'s order, keeping files, navigation and templates."""
        self.builds += 1
        inputs = self.inputs()
        config.plugins.on_startup(command="serve", dirty=False)
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        os.makedirs(config.site_dir, exist_ok=True)
        mkdocs_build.utils.clean_directory(config.site_dir)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        inclusion = InclusionLevel.is_in_serve
        for file in files.documentation_pages(inclusion=inclusion):
            if file.page is None:
                Page(None, file, config)
            mkdocs_build._populate_page(file.page, config, files)
        env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files(inclusion=inclusion)
        for template in config.theme.static_templates:
            mkdocs_build._build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            mkdocs_build._build_extra_template(template, files, config, nav)
        doc_files = files.documentation_pages(inclusion=inclusion)
        for file in doc_files:
            mkdocs_build._build_page(file.page, config, doc_files, nav, env)
        config.plugins.on_post_build(config=config)
        built = BuiltSite(config, files, nav, env, inputs, {file.url: file.src_uri for file in doc_files},
                          toc_stamps=toc_files(inputs))
        for file in doc_files:
            built.page_inputs[file.src_uri] = self._page_files(file.src_uri, getattr(file.page, "sxs_sources", ()))
        self._note_outside_inputs(built, [path for paths in built.page_inputs.values() for path in paths])
        return built

    def _note_outside_inputs(self, built: BuiltSite, paths: Iterable[str]) -> None:
        """Files pages read (`paths`) that no watched folder holds become inputs, stamped as they are now."""
        outside = stamp_outside(built.inputs, paths)
        if not outside <= self.outside_inputs:
            self.outside_inputs = self.outside_inputs | outside  # a new set: `inputs()` may be reading the old one

    def _page_files(self, src_uri: str, sources: tuple[str, ...]) -> tuple[str, ...]:
        return page_files(str(self.docs_dir), src_uri, sources)

    def _install(self, built: BuiltSite) -> None:
        """Serve `built` (the lock held); the folders of older builds but the last one go."""
        previous = self.built
        self.built, self.config = built, built.config
        self.page_stamps = {}
        if previous is not None and previous.config is not built.config:
            previous.config.plugins.on_shutdown()
        keep = {os.path.basename(built.config.site_dir), str(self.builds - 1)}
        if os.path.isdir(self.root):
            for name in os.listdir(self.root):
                if name.isdigit() and name not in keep:
                    shutil.rmtree(os.path.join(self.root, name), ignore_errors=True)

    # Settling: the whole site rebuilt in the background -------------------------------------

    def request_settle(self, inputs: Snapshot | None = None) -> None:
        """Rebuild the whole site in the background (several requests in a row: one build). `inputs`: the
        inputs that call for it; a request for inputs already asked for (the served site still being
        rebuilt from them) starts no second build."""
        if self._closed or (inputs is not None and inputs == self._requested):
            return
        self._requested = inputs
        self._idle.clear()
        self._wanted.set()
        if self._settler is None:
            self._settler = threading.Thread(target=self._settle_loop, name="sxs-review-settle", daemon=True)
            self._settler.start()

    def _settle_loop(self) -> None:
        while not self._closed:
            self._wanted.wait()
            if self._closed:
                break
            time.sleep(SETTLE_DELAY)
            self._wanted.clear()
            try:
                config = _fresh_config(self.config_file, self._next_dir())
                plugin = config.plugins.get("sxs")
                if plugin is not None:
                    plugin.config["parallel"] = False  # no fork from a thread of a serving process
                built = self._full_build(config)
            except Exception as error:  # noqa: BLE001 - the served site stays; the reviewer is told
                self.settle_error = f"{type(error).__name__}: {error}"
                log.warning("review: the site could not be rebuilt (%s); still serving the last build",
                            self.settle_error)
                log.debug("review: settling build failed", exc_info=True)
            else:
                self.settle_error = None
                with self.lock:
                    self._install(built)
                edited = changed(built.inputs, self.inputs())
                if edited:  # edited while it built
                    log.debug("review: changed while the site was rebuilt: %s", ", ".join(sorted(edited)[:5]))
                    self._wanted.set()
            if not self._wanted.is_set():
                self._idle.set()

    @property
    def settling(self) -> bool:
        return not self._idle.is_set()

    def wait_settled(self, timeout: float) -> bool:
        """Wait until the served site is a full build of the inputs as they are; False on timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self._idle.wait(max(deadline - time.monotonic(), 0)):
                return False
            with self.lock:
                current = self.built is not None and not changed(self.built.inputs, self.inputs())
            if current:
                return True
            self.request_settle()
        return False

    # The page path ------------------------------------------------------------------------------

    def page_for_url(self, url_path: str) -> str | None:
        """The page (src_uri) served at a site path such as `/a/b/` or `/a/b/index.html`."""
        return page_for_url(self.pages_by_url, url_path)

    def _page_stamp(self, src_uri: str, catalog: Path, inputs: Snapshot, nav_version: int) -> tuple[Any, ...]:
        assert self.built is not None
        paths = self.built.page_inputs.get(src_uri) or self._page_files(src_uri, ())
        return (nav_version, *(inputs.get(path) or stamp(path) for path in (*paths, str(catalog.resolve()))))

    def refresh_page(self, src_uri: str, catalog: Path) -> bool:
        """Before a page is served: render it again when a file it is made of or the navigation changed since
        it was built (True then), and start settling when any input changed."""
        now = self.inputs()
        with self.lock:
            built = self.built
            if built is None:
                return False
            if changed(built.inputs, now):
                self.request_settle(now)
            self._refresh_navigation(now)
            built_from = self.page_stamps.get(src_uri)
            if built_from is None:
                built_from = self._page_stamp(src_uri, catalog, built.inputs, 0)
            if self._page_stamp(src_uri, catalog, now, built.nav_version) == built_from:
                return False
            self._rebuild(src_uri, catalog, now)
            return True

    def page_html(self, src_uri: str, catalog: Path) -> bytes | None:
        """The page's HTML as it is served now: rendered again first when it is out of date (`refresh_page`),
        then read under the same lock. A settling build installed between a request's arrival and its reply
        cannot hand back another build's copy of the page. None when the page has no file in this build."""
        with self.lock:
            self.refresh_page(src_uri, catalog)
            built = self.built
            file = built.files.get_file_from_path(src_uri) if built is not None else None
            if file is None:
                return None
            try:
                with open(file.abs_dest_path, "rb") as handle:
                    return handle.read()
            except OSError:
                return None

    def _refresh_navigation(self, now: Snapshot) -> None:
        """A TOC file edited (none added or removed): the navigation made again from the TOCs, for the pages
        the page path renders from now on (the lock held). Anything else waits for the settling build."""
        built = self.built
        tocs = toc_files(now)
        if built is None or tocs == built.toc_stamps or tocs.keys() != built.toc_stamps.keys():
            return
        nav = renew_navigation(self.plugin, built.config, built.files)
        if nav is None:
            return
        built.nav = nav
        built.nav_version += 1
        built.toc_stamps = tocs

    def rebuild_page(self, src_uri: str, catalog: Path) -> None:
        """Re-read `catalog` into the plugin's post-edits, then render and write this page alone; the rest of
        the site follows by settling."""
        now = self.inputs()
        with self.lock:
            self._refresh_navigation(now)
            self._rebuild(src_uri, catalog, now)
        self.request_settle(now)

    def _rebuild(self, src_uri: str, catalog: Path, now: Snapshot) -> None:
        """The page path (the lock held)."""
        assert self.built is not None
        built = self.built
        file = built.files.get_file_from_path(src_uri)
        if file is None or file.page is None:
            raise KeyError(src_uri)
        stamp_now = self._page_stamp(src_uri, catalog, now, built.nav_version)
        self._reload_catalog(src_uri, catalog)
        render_page(file, built.config, built.files, built.nav, built.env)
        built.page_inputs[src_uri] = self._page_files(src_uri, getattr(file.page, "sxs_sources", ()))
        self._note_outside_inputs(built, built.page_inputs[src_uri])  # this page's only: the page path is hot
        self.page_stamps[src_uri] = stamp_now

    def _reload_catalog(self, src_uri: str, catalog: Path) -> None:
        """The plugin's entries of this page: those of other catalogs kept, this catalog's read again."""
        tus = self.plugin.tus if self.plugin is not None else None
        if tus is None:
            return
        folder = Path(tus.folder)
        display = f"{folder.name}/{catalog.resolve().relative_to(folder.resolve()).as_posix()}"
        kept = [entry for entry in tus.entries.get(src_uri, []) if not entry.origin.startswith(display + ":")]
        try:
            fresh = read_catalog(catalog, display) if catalog.is_file() else []
        except (CatalogError, OSError, UnicodeDecodeError) as error:
            log.warning("%s", error)
            fresh = []
        locale_folder = catalog.resolve().relative_to(folder.resolve()).parts[0]
        for entry in fresh:
            entry.locale = entry.locale or locale_folder
        tus.entries[src_uri] = kept + [entry for entry in fresh if entry.page == src_uri]

    def close(self) -> None:
        self._closed = True
        self._wanted.set()
        if self._settler is not None:
            self._settler.join(60)
        self.config.plugins.on_shutdown()
