"""The build cache's MkDocs side: a page's Markdown conversion reused from `.cache/mkdocs-sxs/` when its inputs match.

MkDocs converts each page with `Page.render(config, files)` (Python-Markdown
and every extension: the largest share of a build). That call is a function
of: the page's Markdown as the plugins left it (DocFX includes, alerts and
links already expanded, so an include edit changes it), the page's path and
URL, the site's file list (relative links are resolved and checked against
it), the Markdown extensions and their configuration, the post-edits and
annotation units of the page, MkDocs' and this package's code. The key is a
hash of all of them (`core/cache/store.py` keeps the entries); a hit restores
everything `render` leaves behind: the HTML, the page TOC, the title found,
the anchor facts MkDocs validates later, the sxs extension's page model and
the messages logged during the conversion (replayed, so `--strict` fails
the same). Everything after the conversion (plugin hooks, navigation,
link check) runs as in any build; the theme's template render and the
search sections have their own stage (page_cache.py), keyed by what they
read. The output is the same bytes as a clean build's (tested with random
edit sequences).

Extensions not known to depend on their input only (e.g. `pymdownx.snippets`
reads files) turn the cache off for the build, with a message.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from .. import __version__
from ..core.annotations.render import PLACEHOLDER as ANNOTATION_PLACEHOLDER
from ..core.cache.store import PageCache, digest, file_digest
from ..core.reader.model import Problem, SxsPage, TranslationUnit
from .log import log  # the engine's plugin logger

CACHE_DIR = ".cache/mkdocs-sxs"
# Extensions whose output depends on the Markdown text and their configuration only.
PURE_EXTENSIONS = {
    "abbr", "admonition", "attr_list", "codehilite", "def_list", "extra", "fenced_code", "footnotes",
    "legacy_attrs", "legacy_em", "md_in_html", "meta", "nl2br", "sane_lists", "smarty", "tables", "toc",
    "wikilinks",
    "pymdownx.arithmatex", "pymdownx.betterem", "pymdownx.blocks.admonition", "pymdownx.blocks.details",
    "pymdownx.blocks.tab", "pymdownx.blocks.html", "pymdownx.caret", "pymdownx.critic", "pymdownx.details",
    "pymdownx.emoji", "pymdownx.escapeall", "pymdownx.extra", "pymdownx.highlight", "pymdownx.inlinehilite",
    "pymdownx.keys", "pymdownx.magiclink", "pymdownx.mark", "pymdownx.progressbar", "pymdownx.saneheaders",
    "pymdownx.smartsymbols", "pymdownx.striphtml", "pymdownx.superfences", "pymdownx.tabbed",
    "pymdownx.tasklist", "pymdownx.tilde", "material.extensions.emoji",
}
_DISTRIBUTIONS = ("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material", "pygments")
_PACKAGE_DIR = Path(__file__).resolve().parents[1]


def _stable(value: Any) -> Any:
    """JSON default for configuration values: callables by name (their repr holds a memory address)."""
    if callable(value):
        return f"{getattr(value, '__module__', '?')}.{getattr(value, '__qualname__', type(value).__name__)}"
    return repr(value)


def _package_fingerprint() -> str:
    """This package's code (an editable install changes without a version bump)."""
    files = sorted(path for path in _PACKAGE_DIR.rglob("*.py") if "__pycache__" not in path.parts)
    return digest([__version__, *[(path.relative_to(_PACKAGE_DIR).as_posix(), file_digest(path)) for path in files]])


def _versions() -> dict[str, str]:
    found = {"python": sys.version}
    for name in _DISTRIBUTIONS:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = "-"
    return found


def _extension_name(name: str) -> str:
    return name.removeprefix("markdown.extensions.")


# Options that change how a build runs, not what it writes (page workers give a serial build's bytes,
# tested): not in the cache's key, so that review mode's serial settling build and `mkdocs serve` or
# `mkdocs build` with workers share one cache instead of emptying it for each other.
HOW_NOT_WHAT = frozenset({"parallel", "build_cache", "build_cache_dir"})


class RenderCache:
    """One build's use of the cache (a new one for each `mkdocs build` / serve rebuild)."""

    def __init__(self, config: MkDocsConfig, folder: str | None, sxs_options: dict[str, Any]) -> None:
        self.files_key = ""
        self.pages = 0
        base = os.path.dirname(config.config_file_path or "") or os.getcwd()
        self.folder = Path(os.path.join(base, os.path.expanduser(folder or CACHE_DIR)))
        specs, unknown = [], []
        for item in config.markdown_extensions:
            if isinstance(item, str):
                specs.append(item)
                if _extension_name(item) not in PURE_EXTENSIONS:
                    unknown.append(item)
            elif type(item).__name__ in ("SxsExtension", "MathExtension"):  # ours: text in, text out
                specs.append([type(item).__name__, item.getConfigs()])
            else:
                unknown.append(type(item).__name__)
        self.off_reason = (f"build cache off: the Markdown extension(s) {', '.join(unknown)} may read other "
                           "inputs than the page") if unknown else ""
        environment = digest([
            _package_fingerprint(), _versions(), specs,
            json.dumps(config.mdx_configs or {}, sort_keys=True, default=_stable),
            json.dumps({name: value for name, value in sxs_options.items() if name not in HOW_NOT_WHAT},
                       sort_keys=True, default=_stable),
            config.use_directory_urls, repr(config.validation),
            file_digest(config.config_file_path) if config.config_file_path else "-",
        ])
        self.store = PageCache(self.folder, "render", environment, enabled=not self.off_reason)
        for note in self.store.stats.notes:
            log.info("%s", note)
        if self.off_reason:
            log.info("%s", self.off_reason)

    @property
    def enabled(self) -> bool:
        return self.store.enabled

    def take_ledger(self) -> dict[str, Any]:
        """This process's use of the cache since the last call (parallel.py: a worker's, for the parent)."""
        ledger = {"pages": self.pages, "store": self.store.take_ledger()}
        self.pages = 0
        return ledger

    def add_ledger(self, ledger: dict[str, Any]) -> None:
        self.pages += ledger["pages"]
        self.store.add_ledger(ledger["store"])

    def stage(self, name: str) -> PageCache:
        """Another stage of the cache, in its own folder, for the same environment. Stages: `catalogs`
        (each catalog file's entries by the hash of its bytes, formats.read_catalog), `scans` (the link
        check's scan of each page by its path and text), `postedits` (each page's post-edits by its text and
        catalog entries, translation.py)."""
        folder = {"scans": "linkcheck"}.get(name, name)
        return PageCache(self.folder / folder, name, self.store.environment, enabled=self.enabled)

    def on_files(self, files: Files) -> None:
        """The file list every page's links are resolved against (any change: every page misses)."""
        self.files_key = digest([sorted(
            (file.src_uri, file.url, file.dest_uri, file.is_documentation_page(), str(file.inclusion))
            for file in files)])

    def wrap(self, page: Page, extension: Any, overrides: dict[str, str] | None,
             render_unit: Any) -> None:
        """Make this page's `render` go through the cache (MkDocs calls `page.render(config, files)`)."""
        if not self.enabled:
            return
        self.pages += 1
        original: Callable[[MkDocsConfig, Files], None] = page.render
        # A page populated again (review mode's page path) is wrapped once: the wrapper of its last population
        # would render with that population's post-edits.
        original = getattr(original, "sxs_unwrapped", original)

        def render(config: MkDocsConfig, files: Files) -> None:
            self._render(page, config, files, extension, overrides, render_unit, original)

        render.sxs_unwrapped = original  # type: ignore[attr-defined]
        page.render = render  # type: ignore[method-assign]

    def _render(self, page: Page, config: MkDocsConfig, files: Files, extension: Any,
                overrides: dict[str, str] | None, render_unit: Any, original: Callable[..., None]) -> None:
        markdown = page.markdown or ""
        key = digest([
            self.files_key, page.file.src_uri, page.file.url, page.file.dest_uri,
            hashlib.sha256(markdown.encode("utf-8", "surrogatepass")).hexdigest(),
            sorted((overrides or {}).items()),
            list(getattr(render_unit, "unit_ids", [])) if render_unit is not None else None,
            getattr(extension, "page_path", None),
            logging.getLogger("mkdocs").getEffectiveLevel() <= logging.DEBUG,
        ])
        payload = self.store.get(key)
        if payload is not None:
            try:
                self._restore(payload, page, files, extension, render_unit)
                return
            except (KeyError, TypeError, ValueError) as error:  # an entry of an unexpected shape: rebuild it
                log.debug("build cache: %s: entry not usable (%s)", page.file.src_uri, error)
        log.debug("build cache: converting %s (not in the cache)", page.file.src_uri)
        records = _Capture()
        loggers = [logging.getLogger(), logging.getLogger("mkdocs")]  # MkDocs' CLI stops propagation at `mkdocs`
        for logger in loggers:
            logger.addHandler(records)
        try:
            original(config, files)
        finally:
            for logger in loggers:
                logger.removeHandler(records)
        try:
            payload = self._snapshot(page, extension, render_unit, records.records)
            json.dumps(payload, ensure_ascii=False)
        except (TypeError, ValueError):
            return  # something not JSON (e.g. a front matter date in the model): not cached
        self.store.put(key, payload)

    # Snapshot and restore ----------------------------------------------------------------------

    @staticmethod
    def _snapshot(page: Page, extension: Any, render_unit: Any, records: list[logging.LogRecord]) -> dict[str, Any]:
        links = getattr(page, "links_to_anchors", None)
        model = getattr(extension, "page", None)
        return {
            "content": page.content,
            "toc": [_toc_item(item) for item in page.toc],
            "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or ()),
            "links": None if links is None else {file.src_uri: dict(targets) for file, targets in links.items()},
            "model": None if model is None else _model_data(model, page.content or ""),
            "unit_count": getattr(extension, "unit_count", 0),
            "heading_labels": list(getattr(extension, "heading_labels", [])),
            "h1_label": getattr(extension, "h1_label", None),
            "renderer": None if render_unit is None else {"targets": dict(render_unit.targets),
                                                         "edited": sorted(render_unit.edited)},
            "log": [[record.name, record.levelno, record.getMessage()] for record in records],
        }

    @staticmethod
    def _restore(payload: dict[str, Any], page: Page, files: Files, extension: Any, render_unit: Any) -> None:
        links = payload["links"]
        restored_links = None
        if links is not None:
            restored_links = {}
            for src_uri, targets in links.items():
                file = files.get_file_from_path(src_uri)
                if file is None:
                    raise KeyError(src_uri)
                restored_links[file] = dict(targets)
        page.content = payload["content"]
        page.toc = TableOfContents([_toc_link(item) for item in payload["toc"]])
        page._title_from_render = payload["title"]
        page.present_anchor_ids = set(payload["anchors"])
        if restored_links is not None:
            page.links_to_anchors = restored_links
        model = payload["model"]
        if extension is not None:
            extension.page = None if model is None else _model(model)
            extension.unit_count = int(payload["unit_count"])
            extension.heading_labels = list(payload["heading_labels"])
            extension.h1_label = payload["h1_label"]
        if render_unit is not None and payload["renderer"] is not None:
            render_unit.targets = dict(payload["renderer"]["targets"])
            render_unit.edited = set(payload["renderer"]["edited"])
        for name, level, message in payload["log"]:
            logging.getLogger(name).log(level, "%s", message)

    def finish(self, documentation_pages: int) -> None:
        """After a build: drop entries no page used (only when every page went through the cache)."""
        if not self.enabled:
            return
        if self.pages >= documentation_pages:
            self.store.prune()
        log.info("%s", self.store.stats.summary())


class _Capture(logging.Handler):
    """Messages logged while a page converts, replayed on a cache hit."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if all(record is not seen for seen in self.records[-2:]):  # seen once per logger it reaches
            self.records.append(record)


def _toc_item(item: AnchorLink) -> dict[str, Any]:
    return {"title": item.title, "id": item.id, "level": item.level,
            "children": [_toc_item(child) for child in item.children]}


def _toc_link(data: dict[str, Any]) -> AnchorLink:
    link = AnchorLink(data["title"], data["id"], data["level"])
    link.children = [_toc_link(child) for child in data["children"]]
    return link


def _model_data(model: SxsPage, content: str) -> dict[str, Any]:
    """The page model as stored: after the conversion only its problems are read (plugin.on_page_content),
    unless the page has an annotation block, which is made from its units and text. The units and text
    were two thirds of an entry (Dynamics 365: 60 of 87 KB), read back on every warm build."""
    if ANNOTATION_PLACEHOLDER in content:
        return dataclasses.asdict(model)
    return {"path": model.path, "text": "", "meta": model.meta, "body_start": 0, "body_line": model.body_line,
            "units": [], "problems": [dataclasses.asdict(problem) for problem in model.problems]}


def _model(data: dict[str, Any]) -> SxsPage:
    fields = dict(data)
    fields["units"] = [TranslationUnit(**unit) for unit in data["units"]]
    fields["problems"] = [Problem(**problem) for problem in data["problems"]]
    return SxsPage(**fields)
