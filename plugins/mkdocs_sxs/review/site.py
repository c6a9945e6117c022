"""The site a review session serves: one full MkDocs build, then single pages rebuilt after a save.

`mkdocs build` throws away what it gathered (files, navigation, templates),
so a one-page rebuild needs them kept: `ReviewSite.build()` runs MkDocs'
build steps itself (the order of `mkdocs.commands.build.build`) and keeps
them; `rebuild_page()` then re-reads the page's catalog into the `sxs`
plugin and renders that page alone through the same Markdown, plugin hooks,
sanitizer and theme template as the full build (MkDocs' `_populate_page` and
`_build_page`, which MkDocs 1.6 and ProperDocs have).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page

from ..core.translation.formats import CatalogError, read_catalog

log = logging.getLogger("mkdocs.plugins.sxs.review")


class ReviewSite:
    """A built site in `site_dir` and what it takes to rebuild one of its pages."""

    def __init__(self, config_file: str | os.PathLike[str], site_dir: str | os.PathLike[str]) -> None:
        self.config_file, self.site_dir = str(config_file), str(site_dir)
        self.config: MkDocsConfig = load_config(config_file=self.config_file, site_dir=self.site_dir)
        self.builds = 0  # full builds so far (the first, then one per title change)
        self.lock = threading.Lock()
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.env: Any = None
        self.pages_by_url: dict[str, str] = {}
        self.built_at = 0
        self.stamps: dict[str, tuple[int, int]] = {}  # page -> mtimes (page, catalog) it was built from

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

    def build(self) -> None:
        """The full build, keeping files, navigation and templates for page rebuilds."""
        with self.lock:
            self._build()

    def _build(self) -> None:
        """The full build (the lock held)."""
        config = self.config
        self.builds += 1
        self.built_at = time.time_ns()
        config.plugins.on_startup(command="serve", dirty=False)
        config = self.config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
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
        self.files, self.nav, self.env = files, nav, env
        self.pages_by_url = {file.url: file.src_uri for file in doc_files}
        self.stamps = {}

    def page_for_url(self, url_path: str) -> str | None:
        """The page (src_uri) served at a site path such as `/a/b/` or `/a/b/index.html`."""
        path = url_path.lstrip("/")
        candidates = [path]
        if path.endswith("index.html"):
            candidates.append(path[: -len("index.html")])
        if path == "":
            candidates.append("./")
        return next((self.pages_by_url[item] for item in candidates if item in self.pages_by_url), None)

    def rebuild_page(self, src_uri: str, catalog: Path) -> None:
        """Re-read `catalog` into the plugin's post-edits, then render and write this page alone."""
        with self.lock:
            assert self.files is not None and self.nav is not None
            file = self.files.get_file_from_path(src_uri)
            if file is None or file.page is None:
                raise KeyError(src_uri)
            self._reload_catalog(src_uri, catalog)
            config = self.config
            doc_files = self.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            title = file.page.title
            mkdocs_build._populate_page(file.page, config, self.files)
            if file.page.title != title:
                # Every page's navigation shows the title: a full build, from a fresh configuration
                # (with `build_cache: true` every other page's conversion is a cache hit).
                self.config.plugins.on_shutdown()
                self.config = load_config(config_file=self.config_file, site_dir=self.site_dir)
                self._build()
                return
            mkdocs_build._build_page(file.page, config, doc_files, self.nav, self.env)
            self.stamps[src_uri] = self._stamp(src_uri, catalog)

    def _stamp(self, src_uri: str, catalog: Path) -> tuple[int, int]:
        def mtime(path: Path) -> int:
            try:
                return path.stat().st_mtime_ns
            except OSError:
                return -1

        return mtime(self.docs_dir / src_uri), mtime(catalog)

    def refresh_page(self, src_uri: str, catalog: Path) -> bool:
        """Rebuild the page when its source or its catalog changed on disk since it was built (another editor,
        Poedit, `git pull`); True when it was rebuilt. A changed title rebuilds the site (every page's
        navigation shows it)."""
        stamp = self._stamp(src_uri, catalog)
        known = self.stamps.setdefault(src_uri, self._built_stamp(src_uri, catalog))
        if stamp == known:
            return False
        self.rebuild_page(src_uri, catalog)
        return True

    def _built_stamp(self, src_uri: str, catalog: Path) -> tuple[int, int]:
        """For a page of the first build: its inputs' mtimes, unless they are newer than the build."""
        stamp = self._stamp(src_uri, catalog)
        return stamp if max(stamp) <= self.built_at else (-2, -2)

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
        self.config.plugins.on_shutdown()
