"""One page rendered again alone, after a full build, through the same steps as that build.

Review mode (`review/site.py`) and `mkdocs serve`'s page-first step
(`serve_first.py`) both show an edited page before the whole site is built
again. The page goes through MkDocs' `_populate_page` and `_build_page` (MkDocs
1.6 and ProperDocs have them; private API) with the build's configuration,
files, navigation and template environment, so its bytes are those a clean
build gives it, as long as nothing else of the site changed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, get_navigation

from ..core.files.inputs import Snapshot, Stamp


@dataclass
class BuiltSite:
    """One full build: what the page path needs to render a page of it again."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Any
    inputs: Snapshot  # the inputs as they were when the build started
    pages_by_url: dict[str, str] = field(default_factory=dict)
    page_inputs: dict[str, tuple[str, ...]] = field(default_factory=dict)  # page -> files it was made of
    nav_version: int = 0  # navigations made since the build (TOC edits, page path)
    toc_stamps: dict[str, Stamp] = field(default_factory=dict)  # the TOC files the navigation was made from


def toc_files(inputs: Snapshot) -> dict[str, Stamp]:
    """The DocFX TOC files among the inputs."""
    return {path: value for path, value in inputs.items() if os.path.basename(path).lower() == "toc.yml"}


def page_for_url(pages_by_url: dict[str, str], url_path: str) -> str | None:
    """The page (src_uri) served at a site path such as `/a/b/` or `/a/b/index.html` (relative to the site's
    root); None for anything else."""
    path = url_path.lstrip("/")
    candidates = [path]
    if path.endswith("index.html"):
        candidates.append(path[: -len("index.html")])
    if path == "":
        candidates.append("./")
    return next((pages_by_url[item] for item in candidates if item in pages_by_url), None)


def page_files(docs_dir: str, src_uri: str, sources: tuple[str, ...]) -> tuple[str, ...]:
    """The files a page was made of (absolute): its source and what its DocFX transform read
    (`page.sxs_sources`, relative to docs_dir)."""
    paths = {os.path.normpath(os.path.join(docs_dir, src_uri))}
    paths.update(os.path.normpath(os.path.join(docs_dir, path)) for path in sources)
    return tuple(sorted(paths))


def render_page(file: File, config: MkDocsConfig, files: Files, nav: Navigation, env: Any) -> None:
    """Read, convert and write one page again, as the build that made `files`, `nav` and `env` did."""
    if file.page is None:
        raise KeyError(file.src_uri)
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    mkdocs_build._populate_page(file.page, config, files)
    mkdocs_build._build_page(file.page, config, doc_files, nav, env)


def renew_navigation(plugin: Any, config: MkDocsConfig, files: Files) -> Navigation | None:
    """The navigation made again from the DocFX TOC files (an edited TOC name); None when the site has no
    DocFX navigation (the `sxs` plugin's `on_nav` reads the TOCs again)."""
    if plugin is None or plugin.docfx is None:
        return None
    plugin.docfx.tocs = []  # read again by on_nav
    nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
    if plugin.nav_fragments is not None:  # fragments hold the old TOC names
        plugin.nav_fragments.fragments.clear()
    return nav
