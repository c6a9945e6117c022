"""The build cache's page stage: a page's whole population reused when nothing it read has changed.

With the other stages warm, populating a page (MkDocs' `_populate_page`: read
the file and its front matter, `on_page_markdown` with the DocFX transform,
the Markdown conversion, `on_page_content`) still parses the front matter,
reads and decodes the DocFX and render entries and sends the result from a
page worker to the parent: two of the seven seconds of a warm Dynamics 365
build. The page workers (parallel.py) already reduce a population to what it
changed (`PageResult`: the page's attributes, log records, counters,
findings, media copies, annotation facts); this stage keeps that result as
plain data under a key of everything the population reads:

- the page: its bytes, path, navigation title, whether it is the home page;
- what every page reads: the render stage's environment (configuration file,
  plugin options, Markdown extensions, versions and code of the packages, and
  of PyYAML, Babel and translate-toolkit),
  the site's file list, the DocFX stage's docset key (files, uids, xref maps,
  pivots), the fallback folders' file lists, the YAML page aliases, the
  annotation index, the docs folder, the log level;
- what the plugin puts into this page from elsewhere, as it would now: the
  keys of its catalogs (post-edits), its QA flags, its annotations, its
  breadcrumb trail and its language picker;
- checked on every hit, as the DocFX stage does: the files the transform read
  (includes, code snippets, pages whose titles became xref link text) and the
  lookups that found nothing.

A hit hands the parent the stored result; it is applied exactly as a
worker's (`PagePool.prepare`), so the site is the same bytes (tests compare
random edit sequences with clean builds). A result holding anything JSON does
not give back exactly (a front matter date) is not stored, nor one whose
page changed while it was built (dates and times from YAML are kept). Only with the page workers: a serial build
(a small site, `parallel: false`) does not use this stage.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import importlib.metadata
import json
import logging
import os
from collections import Counter
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.toc import TableOfContents

from ..core.cache.store import PageCache, digest
from ..core.reports.build_findings import BuildFinding
from .build_cache import RenderCache, _toc_item, _toc_link
from .log import log
from .parallel import PAGE_LINKS, PageResult

FORMAT = 1
# Page attributes stored in a form of their own; every other one must come back from JSON as it was.
_TOC, _ANCHOR_IDS, _SOURCES = "toc", "present_anchor_ids", "sxs_sources"


def _stable(value: Any) -> str:
    """JSON of plugin facts for a key, the same in every process: sets sorted (their order changes per
    process), dicts as sorted pairs (their keys may be tuples), dataclasses by their fields."""
    def plain(item: Any) -> Any:
        if isinstance(item, (str, int, float, bool)) or item is None:
            return item
        if isinstance(item, dict):
            return ["dict", sorted(([plain(key), plain(entry)] for key, entry in item.items()), key=json.dumps)]
        if isinstance(item, (set, frozenset)):
            return ["set", sorted((plain(entry) for entry in item), key=json.dumps)]
        if isinstance(item, (list, tuple)):
            return [plain(entry) for entry in item]
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            return [type(item).__name__, {field.name: plain(getattr(item, field.name))
                                          for field in dataclasses.fields(item)}]
        return ["repr", repr(item)]
    return json.dumps(plain(value), ensure_ascii=False)


def _same_through_json(value: Any) -> bool:
    try:
        return json.loads(json.dumps(value, ensure_ascii=False)) == value
    except (TypeError, ValueError, RecursionError):
        return False


# YAML gives dates and times (`ms.date: 2024-01-31`, unquoted): kept as one-key objects with this prefix.
_TAG = "\x00sxs:"


class _NotPlain(Exception):
    """A value this stage cannot keep exactly."""


def _encoded(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return {_TAG + "datetime": value.isoformat()}
    if isinstance(value, datetime.date):
        return {_TAG + "date": value.isoformat()}
    if isinstance(value, dict):
        if any(isinstance(key, str) and key.startswith(_TAG) for key in value):
            raise _NotPlain
        return {key: _encoded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_encoded(item) for item in value]
    return value


def _decoded(value: Any) -> Any:
    if isinstance(value, dict):
        if len(value) == 1:
            ((key, item),) = value.items()
            if key == _TAG + "datetime":
                return datetime.datetime.fromisoformat(item)
            if key == _TAG + "date":
                return datetime.date.fromisoformat(item)
        return {key: _decoded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_decoded(item) for item in value]
    return value


def _plain(value: Any) -> Any:
    """`value` as JSON data that `_decoded` turns back into the same value, of the same types (their reprs are
    compared: a tuple, a key that is not a string or a set would come back otherwise); else _NotPlain."""
    if isinstance(value, str):
        return value  # (most of a page: its HTML)
    try:
        data = _encoded(value)
        if repr(_decoded(json.loads(json.dumps(data, ensure_ascii=False)))) != repr(value):
            raise _NotPlain
    except (TypeError, ValueError, RecursionError) as error:
        raise _NotPlain from error
    return data


class PopulateCache:
    """One build's use of the page stage (made new for each build, next to the render stage)."""

    def __init__(self, render_cache: RenderCache, transform_cache: Any) -> None:
        self.store: PageCache = render_cache.stage("populate")
        self.render_cache = render_cache
        self.transform_cache = transform_cache
        self.keys: dict[str, str] = {}  # page -> key, for every page the plan could key
        self.stamps: dict[str, tuple[int, int]] = {}  # page -> (mtime, size) of the file when it was hashed
        self.hits: dict[str, str] = {}  # page -> key of a stored result whose reads still hold
        self.served = 0

    @property
    def enabled(self) -> bool:
        return self.store.enabled

    # The parent, before the workers start ------------------------------------------------------

    def plan(self, plugin: Any, config: MkDocsConfig, pages: list[File], digests: dict[str, tuple[str, int, int]]
             ) -> set[str]:
        """Key every page and find the stored results that still hold; returns those pages (served from here,
        the workers populate the others). `digests`: page -> (SHA-256, mtime, size) of its file as read."""
        if not self.enabled:
            return set()
        common = self._common(plugin, config)
        for file in pages:
            key = self._key(plugin, config, file, common, digests)
            if key is not None:
                self.keys[file.src_uri] = key
        for src_uri, key in self.keys.items():
            deps = self.store.get(_deps_key(key))
            if isinstance(deps, dict) and self._reads_hold(deps):
                self.hits[src_uri] = key
            else:
                log.debug("build cache, page stage: populating %s", src_uri)
        return set(self.hits)

    def _common(self, plugin: Any, config: MkDocsConfig) -> str:
        transform = self.transform_cache
        docfx = plugin.docfx
        annotations = plugin.annotations
        fallbacks = None
        if transform is not None and plugin.docset is not None:
            from .docfx_markdown import docfx_options
            from .transform_cache import _fallback_lists
            fallbacks = _fallback_lists(docfx_options(plugin.config, locale=None,
                                                      use_directory_urls=config.use_directory_urls,
                                                      config_file=config.config_file_path))
        return digest([
            f"populate {FORMAT}", self.render_cache.store.environment, self.render_cache.files_key,
            transform.build_key if transform is not None else None, fallbacks,
            sorted(docfx.yaml_pages.items()) if docfx is not None else None,
            None if annotations is None else [bool(annotations.pages), _stable(annotations.index),
                                              annotations.locale, annotations.use_directory_urls],
            bool(plugin.drop_markdown), logging.getLogger("mkdocs").getEffectiveLevel(),
            config.docs_dir, config.config_file_path or "-",
            None if plugin.tus is None else bool(plugin.tus.report), _versions(),
        ])

    def _key(self, plugin: Any, config: MkDocsConfig, file: File, common: str,
             digests: dict[str, tuple[str, int, int]]) -> str | None:
        page = file.page
        if page is None:
            return None
        src_uri = file.src_uri
        if file.abs_src_path:
            found = digests.get(src_uri)
            if found is None:
                return None
            text_digest = found[0]
            self.stamps[src_uri] = (found[1], found[2])
        else:  # generated (annotation index, QA report): its content is in memory
            try:
                text_digest = digest([file.content_bytes.decode("utf-8", "surrogateescape")])
            except (OSError, TypeError, ValueError):
                return None
        catalogs = None
        tus = plugin.tus
        if tus is not None and src_uri in tus.entries:
            catalogs = tus.entries.sources.get(src_uri)
            if catalogs is None:  # its entries were set in memory (review mode): not by catalog keys
                return None
        flags = None
        if tus is not None and tus.report:
            review = tus.reviews.get(src_uri)
            flags = None if review is None else sorted((unit, sorted(checks)) for unit, checks in review.flags.items())
        annotations = plugin.annotations
        try:
            breadcrumb = plugin.docfx.breadcrumb(page, config) if plugin.docfx is not None else ""
            picker = plugin.locales.page_content("", page) if plugin.locales is not None else ""
        except Exception as error:  # noqa: BLE001 - the population says it in its own words
            log.debug("build cache: %s: not keyed for the page stage (%s)", src_uri, error)
            return None
        return digest([
            common, src_uri, text_digest, page.__dict__.get("title"), page.is_homepage, catalogs, flags,
            None if annotations is None else _stable(annotations.pages.get(src_uri)), breadcrumb, picker,
        ])

    def _reads_hold(self, deps: dict[str, Any]) -> bool:
        transform = self.transform_cache
        try:
            if transform is None:  # (no DocFX transform: nothing read beside the page)
                return not deps["reads"] and not deps["absent"]
            return transform.reads_hold(deps["reads"], deps["absent"])
        except (KeyError, TypeError, ValueError, OSError):
            return False

    def load(self, src_uri: str) -> Any | None:
        """The stored result of a planned hit, as a `PageResult` (None: populate the page as usual)."""
        key = self.hits.pop(src_uri, None)
        payload = self.store.get(key) if key is not None else None
        if not isinstance(payload, dict):
            return None
        try:
            state = {name: value if isinstance(value, str) else _decoded(value)
                     for name, value in payload["state"].items()}
            content_digest = payload.get("content")
            if content_digest is not None:
                content = self.store.get_text(_content_key(key))
                if content is None or not isinstance(content_digest, str):
                    return None
                state["content"] = content
            if any(not isinstance(name, str) or name.startswith("__") or name in PAGE_LINKS for name in state):
                raise ValueError("an attribute that links the page into the site")  # never set from the cache
            if _TOC in state:
                state[_TOC] = TableOfContents([_toc_link(item) for item in state[_TOC]])
            if _ANCHOR_IDS in state:
                state[_ANCHOR_IDS] = set(state[_ANCHOR_IDS])
            if _SOURCES in state:
                state[_SOURCES] = tuple(state[_SOURCES])
            records = []
            for name, level, message, exc_text in payload["records"]:
                record = logging.LogRecord(str(name), int(level), "", 0, str(message), None, None)
                record.exc_text = exc_text
                records.append(record)
            annotation = payload["annotation"]
            result = PageResult(
                state=state, records=records,
                new_files=[(str(src), None if path is None else str(path)) for src, path in payload["new_files"]],
                problem_count=int(payload["problem_count"]),
                missing_counts=Counter({str(name): int(count) for name, count in payload["missing_counts"].items()}),
                findings=[BuildFinding(*item) for item in payload["findings"]],
                annotation=None if annotation is None else (annotation[0], annotation[1]),
                anchors=payload["anchors"], caches=_hit_ledgers(src_uri, payload["ledgers"]),
                content_digest=content_digest)
        except (KeyError, TypeError, ValueError) as error:
            log.debug("build cache: %s: page stage entry not usable (%s)", src_uri, error)
            return None
        self.served += 1
        return result

    # A worker, after populating a page ---------------------------------------------------------

    def save(self, src_uri: str, file: File, result: Any,
             deps: tuple[list[Any], list[Any], list[Any]] | None) -> None:
        """Store a worker's result under the page's key (when it is plain data and the page did not change)."""
        key = self.keys.get(src_uri)
        if key is None or deps is None or not self.enabled:
            return
        stamp = self.stamps.get(src_uri)
        if stamp is not None:
            try:
                info = os.stat(file.abs_src_path or "")
            except OSError:
                return
            if (info.st_mtime_ns, info.st_size) != stamp:
                return  # changed while it was built: its key is of other bytes
        payload = _payload(result, deps)
        if payload is not None:
            content = payload["state"].pop("content", None)
            if isinstance(content, str):  # (a text record: read back without JSON's unescaping)
                payload["content"] = hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()
                self.store.put_text(_content_key(key), content)
            self.store.put(key, payload)
            self.store.put(_deps_key(key), {"reads": deps[0], "absent": deps[1]})

    # Ledgers (parallel.py) and the end of a build ----------------------------------------------

    def take_ledger(self) -> dict[str, Any]:
        """A worker's writes, for the parent's prune (pages are served whole in the parent only)."""
        return self.store.take_ledger()

    def add_ledger(self, ledger: dict[str, Any]) -> None:
        self.store.add_ledger(ledger)

    def finish(self, documentation_pages: int) -> None:
        """After a build that keyed every page: entries no page used go."""
        if not self.enabled:
            return
        if len(self.keys) >= documentation_pages:
            self.store.prune()
        # (debug: a build with the page workers logs what a serial build logs, tests/unit/test_parallel_build.py)
        log.debug("build cache, page stage: %d page(s) reused whole", self.served)


# Libraries the population uses beyond the render stage's (its environment holds MkDocs', Markdown's, Material's):
# front matter types (PyYAML), dates and labels on the page (Babel), catalogs (translate-toolkit).
_LIBRARIES = ("pyyaml", "babel", "translate-toolkit")


def _versions() -> list[str]:
    found = []
    for name in _LIBRARIES:
        try:
            found.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name} -")
    return found


def _deps_key(key: str) -> str:
    return digest([key, "reads"])


def _content_key(key: str) -> str:
    return digest([key, "content"])


def _payload(result: Any, deps: tuple[list[Any], list[Any], list[Any]]) -> dict[str, Any] | None:
    """The result as plain data, or None when a part of it would not come back the same."""
    state: dict[str, Any] = {}
    for name, value in result.state.items():
        if name == _TOC and isinstance(value, TableOfContents):
            state[name] = [_toc_item(item) for item in value]
        elif name == _ANCHOR_IDS and isinstance(value, set) and all(isinstance(item, str) for item in value):
            state[name] = sorted(value)
        elif name == _SOURCES and isinstance(value, tuple) and all(isinstance(item, str) for item in value):
            state[name] = list(value)
        else:
            try:
                state[name] = _plain(value)
            except _NotPlain:
                return None
    caches = result.caches or {}
    payload = {
        "state": state,
        # (the lower stages' own notes, "build cache: converting …", are not told again when the page is reused)
        "records": [[record.name, record.levelno, record.getMessage(), record.exc_text] for record in result.records
                    if not (record.levelno < logging.INFO and record.getMessage().startswith("build cache"))],
        # every file the page adds: its media copies (in a worker, a copy an earlier page added is not new)
        "new_files": [list(item) for item in dict.fromkeys([*((str(src), path) for src, path in result.new_files),
                                                            *((str(dest), str(src)) for dest, src in deps[2])])],
        "problem_count": result.problem_count,
        "missing_counts": dict(result.missing_counts),
        "findings": [[finding.category, finding.level, finding.text] for finding in result.findings],
        "annotation": None if result.annotation is None else list(result.annotation),
        "anchors": result.anchors,
        "ledgers": {
            "pages": caches.get("build_cache", {}).get("pages", 0),
            # a conversion the render stage could not keep is a miss in every build: counted as one on a hit
            "render_misses": caches.get("build_cache", {}).get("store", {}).get("misses", 0)
            if not caches.get("build_cache", {}).get("store", {}).get("used") else 0,
            "render": caches.get("build_cache", {}).get("store", {}).get("used", []),
            "transform": caches.get("transform_cache", {}).get("store", {}).get("used", []),
            "transformed": bool(caches.get("transform_cache", {}).get("hits")
                                or caches.get("transform_cache", {}).get("misses")),
            "postedits": caches.get("postedit_cache", {}).get("used", []),
        },
    }
    return payload if _same_through_json(payload) else None


def _hit_ledgers(src_uri: str, stored: dict[str, Any]) -> dict[str, Any]:
    """The lower stages' ledgers of a page served whole: their entries it stands on count as used (kept by
    their prune), and as hits."""
    def store(used: list[str], misses: int = 0) -> dict[str, Any]:
        return {"used": [str(key) for key in used], "hits": len(used), "misses": misses, "corrupt": 0, "written": 0}

    return {
        "build_cache": {"pages": int(stored["pages"]), "store": store(stored["render"], int(stored["render_misses"]))},
        "transform_cache": {"hits": [src_uri] if stored["transformed"] else [], "misses": [],
                            "store": store(stored["transform"])},
        "postedit_cache": store(stored["postedits"]),
    }
