"""The plugin's translation-unit features: post-edits from `translations/` and the team's review preview.

A thin adapter between MkDocs' events and the core (catalogs, post-edits,
QA, report): `plugin.py` calls it at a few points and holds no logic of it.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
from html import escape
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..core.cache.store import PageCache, digest
from ..core.reader.parser import parse_sxs
from ..core.translation.catalog import CatalogUnit
from ..core.translation.catalog_index import CatalogEntries, index_translations
from ..core.translation.formats import CatalogStore
from ..core.translation.postedits import PagePostEdits, page_post_edits, with_targets
from ..core.translation.qa import QaChecker
from ..core.translation.review_report import PageReview, report_markdown, review_page
from .log import log

# The browser side (CSS/JS) is shared by every engine: it sits at the package root.
ASSETS_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "assets")
REVIEW_ASSETS = ("sxs-review.css", "sxs-review.js")
ASSET_URL = "assets/sxs"
REPORT_URI = "sxs-translation-report.md"
_ENTRY_FIELDS = tuple(field.name for field in dataclasses.fields(CatalogUnit))  # what a post-edit's outcome reads
_TU_TAG = re.compile(r'<span class="sxs-tu[^"]*" data-sxs-id="(?P<id>[^"]*)"')


class TranslationUnits:
    def __init__(self, translations_dir: str, report: bool) -> None:
        self.translations_option = translations_dir
        self.report = report
        self.folder = ""
        self.entries = CatalogEntries()  # page -> catalog entries, read when asked for
        self.reviews: dict[str, PageReview] = {}
        self.checker: QaChecker | None = None
        self.store: PageCache | None = None  # the build cache's post-edit stage (overrides_for)

    def on_config(self, config: MkDocsConfig) -> None:
        base = os.path.dirname(config.config_file_path or "") or os.getcwd()
        self.folder = os.path.normpath(os.path.join(base, self.translations_option))
        if self.report:
            for name in REVIEW_ASSETS:
                url = f"{ASSET_URL}/{name}"
                target = config.extra_css if name.endswith(".css") else config.extra_javascript
                if url not in [str(item) for item in target]:
                    target.append(url)  # type: ignore[arg-type]

    def watch(self, server: Any) -> None:
        """`mkdocs serve`: a catalog saved into the translations folder rebuilds the site.

        MkDocs watches docs_dir and mkdocs.yml only; the folder is outside docs_dir by default.
        A folder that does not exist yet cannot be watched (watchdog needs it): say so.
        """
        if os.path.isdir(self.folder):
            server.watch(self.folder)
        else:
            log.info("sxs: %s does not exist: post-edits saved there later need a restart of mkdocs serve",
                     self.folder)

    def on_pre_build(self, store: CatalogStore | None = None, edits: PageCache | None = None) -> None:
        """Read every catalog (through the build cache's catalog stage when it is on). `edits`: the
        cache's stage of each page's post-edits (`overrides_for`)."""
        self.store = edits
        self.entries, problems = index_translations(self.folder, store)
        for problem in problems:
            log.warning("%s", problem.message)
        self.reviews = {}

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """With the report on: review every page now, and add the report page."""
        if not self.report:
            return files
        self.checker = self.checker or QaChecker()
        report_file = File.generated(config, REPORT_URI, content="")
        for file in files.documentation_pages():
            try:
                text = file.content_string
            except (OSError, UnicodeDecodeError):
                continue
            page = parse_sxs(text, file.src_uri)
            edits = page_post_edits(page, self.entries.get(file.src_uri, []), page.locale)
            findings = self.checker.check_page(with_targets(page, edits.overrides))
            self.reviews[file.src_uri] = review_page(page, edits, findings, file.url_relative_to(report_file))
        report_file.content_string = report_markdown(list(self.reviews.values()))
        files.append(report_file)
        return files

    def overrides_for(self, page: Page, markdown: str, full: str | None) -> dict[str, str] | None:
        """Post-edits for this page (warnings for stale and refused ones), or None. `full`: the page's file.

        With the build cache on (`store`), looked up by the page's text and its catalog entries first:
        matching them needs the page parsed, a sixth of a warm build's page work."""
        if page.file.src_uri not in self.entries:
            return None
        # the whole file (`full`, None if unreadable), so that the lines in messages are the file's lines
        text, body_only = (full, False) if full is not None else (markdown, True)
        meta_locale = page.meta.get("ms.contentlocale")
        locale = str(meta_locale) if meta_locale else None
        key = None
        catalogs = self.entries.sources.get(page.file.src_uri)  # (none once review mode set the entries)
        if self.store is not None:  # by the catalogs' hashes: their entries are read only on a miss
            entries = None if catalogs is not None else self.entries.get(page.file.src_uri) or []
            key = digest([page.file.src_uri, text, body_only, locale or "",
                          catalogs if entries is None else
                          [[getattr(entry, name) for name in _ENTRY_FIELDS] for entry in entries]])
            stored = self.store.get(key)
            if isinstance(stored, dict) and isinstance(stored.get("overrides"), dict) and \
                    isinstance(stored.get("warnings"), list):
                for message in stored["warnings"]:
                    log.warning("%s", message)
                return stored["overrides"] or None
        entries = self.entries.get(page.file.src_uri)
        if not entries:
            return None
        edits: PagePostEdits = page_post_edits(parse_sxs(text, page.file.src_uri, body_only=body_only), entries,
                                               locale)
        warnings = [stale.message() for stale in edits.stale]
        warnings += [f"{page.file.src_uri}: {problem.message}" for problem in edits.problems]
        for message in warnings:
            log.warning("%s", message)
        if self.store is not None and key is not None:
            self.store.put(key, {"overrides": edits.overrides, "warnings": warnings})
        return edits.overrides or None

    def on_page_content(self, html: str, page: Page) -> str:
        """QA flags on the units (shown on demand by sxs-review.js)."""
        review = self.reviews.get(page.file.src_uri) if self.report else None
        if review is None or not review.flags:
            return html

        def flag(match: re.Match[str]) -> str:
            checks = review.flags.get(match.group("id"))
            if not checks:
                return match.group(0)
            return match.group(0) + f' data-sxs-qa="{escape(" ".join(sorted(checks)))}"'

        return _TU_TAG.sub(flag, html)

    def on_post_build(self, config: MkDocsConfig) -> None:
        if not self.report:
            return
        target = os.path.join(config.site_dir, *ASSET_URL.split("/"))
        os.makedirs(target, exist_ok=True)
        for name in REVIEW_ASSETS:
            shutil.copyfile(os.path.join(ASSETS_DIR, name), os.path.join(target, name))
