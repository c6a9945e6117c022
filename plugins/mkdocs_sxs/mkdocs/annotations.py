"""Guideline annotations in a MkDocs build: the adapter between MkDocs and the core.

Before pages are read, every page's lead is parsed once to collect its
annotations (cheap: only the text before the first `##` heading), the
browse pages are generated as `File.generated` and linked from the nav.
During the build each page gets a `render_unit` callable that puts the
annotation block in place of the annotation lines; after the build the
same data is written to `annotations.json`.
"""

from __future__ import annotations

import json
import os
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..core.annotations.find import KINDS, PageAnnotations, annotations_of_text, page_lead
from ..core.annotations.index import AnnotationIndex, build_index, report
from ..core.annotations.pages import generated_pages, index_path, index_title
from ..core.annotations.render import AnnotationUnitRenderer
from ..core.annotations.usage import annotation_usage
from ..core.files.docfile import universal_newlines
from ..core.reader.model import SxsPage
from .log import log

JSON_FILE = "annotations.json"

# src_uri -> (the file's path, its lead as MkDocs reads the file, or None when the page has no unit)
PageLeads = dict[str, tuple[str, "str | None"]]


def page_lead_of(text: str) -> str | None:
    """What the annotation pass needs of a page's decoded text (line endings kept, as `docfile.decode`
    gives it): its lead with line endings as MkDocs reads them (`File.content_string`), or None when
    the page holds no translation unit."""
    if "data-ttu-id" not in text:
        return None
    text = universal_newlines(text)  # (as a file opened as text reads it)
    return page_lead(text)


class AnnotationSite:
    """Annotations of one build; one instance per plugin."""

    def __init__(self, locale: str | None = None, source_lang: str = "en") -> None:
        self.default_locale = locale
        self.source_lang = source_lang
        self.pages: dict[str, PageAnnotations] = {}
        self.index: AnnotationIndex | None = None
        self.locale: str | None = locale
        self.urls: dict[str, str] = {}
        self.renderers: dict[str, AnnotationUnitRenderer] = {}
        self.generated: set[str] = set()

    def on_files(self, files: Files, config: MkDocsConfig, leads: PageLeads | None = None) -> Files:
        """`leads`: the pages' leads as read before (`plugin.check_pages_readable`), so that no page is read
        twice."""
        self.pages, self.renderers, self.generated = {}, {}, set()
        locales: dict[str, int] = {}
        for file in files.documentation_pages():
            if getattr(file, "generated_by", None):
                continue
            known = leads.get(file.src_uri) if leads is not None else None
            if known is not None and known[0] == file.abs_src_path:
                text = known[1]
            else:
                try:
                    text = file.content_string
                except (OSError, UnicodeDecodeError) as error:
                    log.warning("%s: cannot read for annotations: %s", file.src_uri, error)
                    continue
            if text is None or "data-ttu-id" not in text:
                continue
            annotations = annotations_of_text(text, file.src_uri, skip_unlabelled=True)
            if annotations.locale:
                locales[annotations.locale] = locales.get(annotations.locale, 0) + 1
            self.pages[file.src_uri] = annotations
        if self.default_locale is None and locales:
            self.locale = max(locales, key=lambda name: locales[name])
        usage = annotation_usage(self.pages.values(), len(self.pages))
        if not usage.used:
            if usage.roles_pages or usage.applies_pages:
                log.info("annotations: left as text in this docset, not guideline metadata (%s)", usage.reason())
            self.pages = {}
        annotated = [page for page in self.pages.values() if page]
        self.index = build_index(annotated)
        self.urls = {file.src_uri: file.url for file in files.documentation_pages()}
        contents = generated_pages(self.index, locale=self.locale, url_for=self._url_for)
        for path, content in contents.items():
            if files.get_file_from_path(path) is not None:
                log.warning("%s exists in the docs; the generated annotation index page of that name is not "
                            "added (rename the file or set `annotations: false`)", path)
                continue
            overview = path in (index_path(kind) for kind in KINDS)
            inclusion = InclusionLevel.INCLUDED if overview else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, path, content=content, inclusion=inclusion))
            self.generated.add(path)
        if isinstance(config.nav, list):
            listed = json.dumps(config.nav)
            for kind in KINDS:
                path = index_path(kind)
                if path in contents and f'"{path}"' not in listed:
                    config.nav.append({index_title(kind, self.locale): path})
        return files

    def _url_for(self, here: str, target: str) -> str:
        """URL of docs path `target` relative to the generated page `here`."""
        url = self.urls.get(target) or _guess_url(target, self.use_directory_urls)
        return get_relative_url(url, _guess_url(here, self.use_directory_urls))

    use_directory_urls = True

    def on_config(self, config: MkDocsConfig) -> None:
        self.use_directory_urls = bool(config.use_directory_urls)

    def overview_paths(self) -> list[str]:
        """The generated overview pages (all roles, all products) that belong in the nav."""
        return [index_path(kind) for kind in KINDS if index_path(kind) in self.generated]

    def on_nav(self, nav: Navigation) -> None:
        """Show each kind as its overview page only, not 40 role pages in the sidebar.

        The value pages stay built and are reached from the overview and from
        every chip; an auto-built nav would otherwise list them by file name.
        """
        overviews = {index_path(kind) for kind in KINDS}
        generated = {path for path in self.generated if path not in overviews}

        def walk(items: list[Any]) -> list[Any]:
            kept = []
            for item in items:
                if isinstance(item, Section):
                    overview = next((child for child in item.children if isinstance(child, Page)
                                     and child.file.src_uri in overviews), None)
                    if overview is not None:
                        overview.parent = item.parent
                        kept.append(overview)
                        continue
                    item.children = walk(item.children)
                elif isinstance(item, Page) and item.file.src_uri in generated:
                    continue
                kept.append(item)
            return kept

        nav.items = walk(nav.items)
        removed = [page for page in nav.pages if page.file.src_uri in generated]
        nav.pages = [page for page in nav.pages if page.file.src_uri not in generated]
        for page in removed:
            page.previous_page = page.next_page = None
            page.parent = None
        for number, page in enumerate(nav.pages):
            page.previous_page = nav.pages[number - 1] if number else None
            page.next_page = nav.pages[number + 1] if number + 1 < len(nav.pages) else None

    def renderer(self, src_uri: str) -> AnnotationUnitRenderer | None:
        annotations = self.pages.get(src_uri)
        if not annotations:
            return None
        renderer = AnnotationUnitRenderer(annotations.unit_ids)
        self.renderers[src_uri] = renderer
        return renderer

    def finish(self, html: str, page: Page, model: SxsPage | None, locale: str | None) -> str:
        known = self.pages.get(page.file.src_uri)
        if known is not None:
            # the pre-pass skips pages without annotations: take their title and locale from the build
            known.title = known.title or (str(page.title) if page.title else None)
            known.locale = known.locale or locale
        renderer = self.renderers.pop(page.file.src_uri, None)
        if renderer is None or self.index is None:
            return html
        index = self.index
        page_url = page.file.url

        def href_for(kind: str, name: str) -> str | None:
            path = index.path_of(kind, name)
            if path is None:
                return None
            return get_relative_url(self.urls.get(path) or _guess_url(path, self.use_directory_urls), page_url)

        title = self.pages[page.file.src_uri].title if page.file.src_uri in self.pages else None
        html, _ = renderer.finish(html, model, locale=locale, href_for=href_for, source_lang=self.source_lang,
                                  title=title)
        return html

    def write_json(self, site_dir: str) -> None:
        data = report([page for page in self.pages.values()])
        for record in data["pages"]:
            record["url"] = self.urls.get(record["page"])
        os.makedirs(site_dir, exist_ok=True)
        with open(os.path.join(site_dir, JSON_FILE), "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=1)


def _guess_url(path: str, directory_urls: bool) -> str:
    stem = path[:-3] if path.endswith(".md") else path
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"
