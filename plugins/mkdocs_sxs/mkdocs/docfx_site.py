"""MkDocs side of DocFX docsets: files, navigation from the TOCs, per-area navs, redirect pages.

The facts come from `core.docfx` (plain data); this module only maps them onto
MkDocs' `Files`, `Navigation`, `Page`, `Section` and `Link` objects.
"""

from __future__ import annotations

import json
import logging
import posixpath
import re
import threading
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from ..core.docfx import yamlpages
from ..core.docfx.breadcrumb import Crumb, breadcrumb_html, find_breadcrumb_toc, read_breadcrumb_file, trail
from ..core.docfx.config import inspect_docset, is_docset, read_docfx_json
from ..core.docfx.docset import Docset, resolve_link
from ..core.docfx.markdown.context import page_url as docset_page_url
from ..core.docfx.missing_targets import MissingTargetTally
from ..core.docfx.redirects import Redirect, find_redirection_file, read_redirects
from ..core.docfx.toc import Toc, TocEntry, index_files, read_toc, toc_docset, top_level_tocs
from ..core.files.docfile import DocsetFileError
from ..core.files.kept_site import KeptSite
from ..core.files.safe_paths import OutputFolder, UnsafePathError
from ..core.reader.model import LEVEL_INFO, Problem
from ..core.site.nav import NavNode, areas_index, docset_title, page_owners, toc_nav
from ..core.site.pages import (
    exclude_patterns,
    is_published,
    landing_link_mapper,
    redirect_dest,
    redirect_html,
    url_from,
)
from ..core.site.urls import page_url, relative_url
from ..core.xref.uids import UidMap
from .build_log import BuildLog
from .log import log

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
EXPANDED_MARKER = '<span class="sxs-nav-expanded" hidden></span>'
NAV_FULL = "full"
NAV_AREA = "area"


class DocfxSite:
    """State of one build of a DocFX docset."""

    def __init__(self, options: object, config: MkDocsConfig) -> None:
        self.options = options
        self.root = config.docs_dir
        try:
            self.info = inspect_docset(self.root)
        except DocsetFileError as error:  # invalid docfx.json: one message, no traceback
            raise PluginError(f"sxs: {error}") from None
        self.url_base = getattr(options, "url_base", None) or self.info.dest
        locale = (getattr(options, "locale", None) or self.info.locale or "en-us").lower()
        self.external_base = str(getattr(options, "learn_base_url", "https://learn.microsoft.com/{locale}")).format(
            locale=locale)
        self.files_on_disk: dict[str, str] = {}
        self.tocs: list[Toc] = []
        self.area_navs: dict[int, Navigation] = {}
        self.page_area: dict[str, Navigation] = {}
        self.yaml_pages: dict[str, str] = {}  # x.yml → x.md
        self.nav_mode = NAV_FULL
        self.owners: dict[str, str] = {}
        self.current_toc = ""
        self.tally: MissingTargetTally | None = None  # set per build by the plugin
        self._crumbs: list[Crumb] | None = None  # the breadcrumb TOC, read on first use
        self._crumb_docset: Docset | None = None
        self._files: Files | None = None
        self._crumb_base = ""
        self.uids: UidMap | None = None  # the docset's uids (set per build by the plugin), for `uid:` TOC entries
        self.build_log: BuildLog | None = None  # set per build by the plugin

    # -- files ------------------------------------------------------------------------------

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Drop what DocFX does not publish; add YAML landing and FAQ pages as generated Markdown pages."""
        self._files = files
        self.files_on_disk = index_files(self.root)
        excludes = exclude_patterns(self.root)
        for file in list(files):
            rel = file.src_uri
            if not is_published(rel, excludes):
                files.remove(file)
                continue
            if not rel.lower().endswith(".yml") or file.generated_by or file.inclusion.is_excluded():
                continue   # (an `exclude_docs` YAML page stays out, as a Markdown page would)
            text = Path(file.abs_src_path or "").read_text(encoding="utf-8-sig", errors="replace")
            converted = yamlpages.convert(text, rel, getattr(self.options, "locale", None),
                                          self._landing_links(rel, config))
            self._report(converted.problems)
            if converted.mime not in yamlpages.SUPPORTED:
                continue
            target = yamlpages.markdown_name(rel)
            if files.get_file_from_path(target) is not None:
                log.warning("%s: a Markdown page '%s' exists too; the YAML page is left out", rel, target)
                continue
            files.remove(file)
            files.append(File.generated(config, target, content=converted.markdown))
            self.yaml_pages[rel] = target
        if files.get_file_from_path("index.md") is None:
            # No home page (no index.md/index.yml): a landing page made from the TOC(s), never MkDocs' file list.
            self.tocs = self._read_tocs()
            if len(self.tocs) > 1 and getattr(self.options, "nav_mode", "auto") != NAV_FULL:
                files.append(File.generated(config, "index.md", content=self._areas_index()))
            elif self.tocs:
                files.append(File.generated(config, "index.md", content=self._toc_landing(config.site_name)))
        return files

    def _toc_landing(self, site_name: str) -> str:
        """A home page listing the TOC: each top-level entry, with its own entries under it."""
        title = site_name or self.info.site_name
        lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", "sxs_generated: home", "---", "",
                 f"# {yamlpages.escape_text(title)}", ""]
        for toc in self.tocs:
            for entry in toc.entries:
                link = self._landing_link(entry)
                if entry.children:
                    lines += ["", f"## {link or yamlpages.escape_text(entry.title)}", ""]
                    lines += [f"- {child}" for child in map(self._landing_link, entry.children) if child]
                elif link:
                    lines.append(f"- {link}")
        return "\n".join(lines) + "\n"

    def _landing_link(self, entry: TocEntry) -> str | None:
        """`[title](page)` of an entry: its page, else its first page below."""
        target = next((e for e in entry.walk() if e.href), None)
        if target is None or not target.href:
            return None
        href = target.href if target.external else self.yaml_pages.get(target.href, target.href)
        return f"[{yamlpages.escape_text(entry.title)}](<{href}>)"

    def _landing_links(self, page_src: str, config: MkDocsConfig):
        """Landing page links (written as HTML) → URLs relative to the generated page (core.site.pages)."""
        return landing_link_mapper(page_src, self.files_on_disk, self.url_base, self.external_base,
                                   bool(config.use_directory_urls))

    # -- navigation -------------------------------------------------------------------------

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files, appendix: list[str] | None = None
               ) -> Navigation:
        """The site navigation exactly as the TOC files say; pages outside every TOC still build.

        `appendix`: generated pages (annotation indexes) that no TOC names but
        every reader must reach; they follow the TOC entries in every nav.
        """
        if not self.tocs:
            self.tocs = self._read_tocs()
        for toc in self.tocs:
            self._report(toc.problems)
        for file in files.documentation_pages():
            if file.page is not None:
                file.page.parent = None
                file.page.previous_page = file.page.next_page = None
        claimed: dict[str, Page] = {}
        self.owners = page_owners(self.tocs)

        def is_page(src: str) -> bool:
            file = files.get_file_from_path(src)
            return file is not None and file.is_documentation_page()

        toc_items = toc_nav(self.tocs, is_page, self.yaml_pages)  # the plain navigation (core.site.nav)
        self._report(toc_items.problems)
        areas: list[tuple[Toc, list]] = [
            (toc, [self._nav_object(node, files, config, claimed) for node in nodes]) for toc, nodes in toc_items.areas]
        extra = [f.page for f in (files.get_file_from_path(src) for src in appendix or ())
                 if f is not None and f.page is not None and f.src_uri not in claimed]
        for page in extra:
            claimed[page.file.src_uri] = page
        items = [item for _, area_items in areas for item in area_items] + extra
        pages = [page for page in claimed.values()]
        pages.sort(key=_order_of(items))
        _link_pages(pages)
        _set_parents(items, None)
        unlisted = [f.src_uri for f in files.documentation_pages() if f.page is not None and f.src_uri not in claimed
                    and f.src_uri != "index.md"]
        if unlisted:
            log.info("%d page(s) are in no TOC and build without a place in the navigation: %s%s", len(unlisted),
                     ", ".join(unlisted[:10]), " …" if len(unlisted) > 10 else "")
        site_nav = Navigation(items, pages)
        home = files.get_file_from_path("index.md")
        if home is not None and home.page is not None:
            site_nav.homepage = home.page
        self.nav_mode = self._nav_mode(len(areas))
        if self.nav_mode == NAV_AREA:
            for toc, area_items in areas:
                tops = {id(item) for item in area_items}
                area_pages = [page for page in pages if id(_top_item(page)) in tops]
                area_nav = Navigation(area_items + extra, area_pages + extra)
                area_nav.homepage = site_nav.homepage
                for page in area_pages:
                    self.page_area[page.file.src_uri] = area_nav
                toc_dir = posixpath.dirname(toc.path)
                for src in unlisted:
                    if src not in self.page_area and toc_dir and src.startswith(toc_dir + "/"):
                        self.page_area[src] = area_nav
        return site_nav

    def nav_for(self, page: Page, nav: Navigation) -> Navigation:
        """Per-area navigation: a page renders the navigation of its own TOC only."""
        return self.page_area.get(page.file.src_uri, nav)

    def _nav_mode(self, area_count: int) -> str:
        mode = getattr(self.options, "nav_mode", "auto")
        if mode in (NAV_FULL, NAV_AREA):
            return mode
        return NAV_AREA if area_count > 1 and self.info.large else NAV_FULL

    def _read_tocs(self) -> list[Toc]:
        configured = getattr(self.options, "toc", None)
        files = self.files_on_disk or index_files(self.root)
        if configured:
            paths = [configured] if isinstance(configured, str) else list(configured)
            docset = toc_docset(self.root, files, self.url_base)
            return [read_toc(self.root, path, files, self.url_base, self.external_base, docset, self.uids)
                    for path in paths]
        return top_level_tocs(self.root, files, self.url_base, self.external_base, self.uids)

    def _nav_object(self, node: NavNode, files: Files, config: MkDocsConfig, claimed: dict[str, Page]):
        """A core nav node as MkDocs' Page, Link or Section."""
        # Themes print nav titles unescaped (MkDocs' Jinja has no autoescape); TOC text is untrusted.
        title = escape(node.title, quote=False)
        if node.children:
            # `expanded: true`: Material has no per-section open state; a hidden marker in the title
            # lets sxs.js open the section's toggle (`.sxs-nav-expanded`).
            label = title + EXPANDED_MARKER if node.expanded else title
            return Section(label, [self._nav_object(child, files, config, claimed) for child in node.children])
        if node.url is not None:
            return Link(title, node.url)
        file = files.get_file_from_path(node.link_to or node.src or "")
        assert file is not None  # toc_nav placed only pages of the site
        if node.link_to is not None:
            return Link(title, file.url or "./")
        page = file.page if isinstance(file.page, Page) else Page(title, file, config)
        page.title = title
        claimed[file.src_uri] = page
        return page

    def _areas_index(self) -> str:
        return areas_index(self.tocs, docset_title(self.info.title_suffix, self.root), self.yaml_pages)

    # -- breadcrumb -------------------------------------------------------------------------

    def breadcrumb(self, page: Page, config: MkDocsConfig) -> str:
        """The trail of the docset's breadcrumb TOC above the page (as Learn shows it), or ''."""
        if self._crumbs is None:
            files = self.files_on_disk or index_files(self.root)
            self._crumb_docset = toc_docset(self.root, files, self.url_base)
            meta = read_docfx_json(self.root).get("globalMetadata")
            path = meta.get("breadcrumb_path") if isinstance(meta, dict) else None
            path = path if isinstance(path, str) else None
            # The breadcrumb's hrefs are published site paths: `/visualstudio/…` even where docfx.json's
            # dest says `vsdocsdocs`; `breadcrumb_path` (`/visualstudio/_breadcrumb/toc.json`) names that base.
            named = path.strip("/").split("/")[0] if path and path.strip("/").count("/") >= 1 else None
            self._crumb_base = named or (self.url_base or "").strip("/")
            if self._crumb_base:
                self._crumb_docset = toc_docset(self.root, files, self._crumb_base)
            found = find_breadcrumb_toc(self._crumb_docset, path)
            self._crumbs = read_breadcrumb_file(self.root, found) if found else []
        if not self._crumbs:
            return ""
        src = next((yml for yml, md in self.yaml_pages.items() if md == page.file.src_uri), page.file.src_uri)
        base = "/" + self._crumb_base if self._crumb_base else ""
        chain = trail(self._crumbs, f"{base}/{docset_page_url(src, True)}")
        urls = {crumb.topic_href: self._crumb_url(crumb.topic_href, page, config) for crumb in chain}
        return breadcrumb_html(chain, urls)

    def _crumb_url(self, href: str, page: Page, config: MkDocsConfig) -> str:
        if _SCHEME.match(href) or href.startswith("//"):
            return href
        docset = self._crumb_docset
        if docset is not None and href.startswith("/"):
            target = resolve_link(docset, "", href, folder_pages=("index.md", "index.yml"))
            if target.exists and target.path and target.kind != "other-docset":
                file = self.yaml_pages.get(target.path, target.path)
                return relative_url(page_url(file, config.use_directory_urls), page.url or "./") or "./"
            base = "/" + self._crumb_base if self._crumb_base else None
            if base and (href.lower() + "/").startswith(base.lower() + "/") and self._files is not None:
                rest = href[len(base):].strip("/")   # a generated page (the home page made from the TOC)
                rest = "" if rest.lower() == "index" else rest
                for candidate in (f"{rest}.md", f"{rest}/index.md") if rest else ("index.md",):
                    file = self._files.get_file_from_path(candidate)
                    if file is not None:
                        return relative_url(file.url, page.url or "./") or "./"
        return self.external_base.rstrip("/") + (href if href.startswith("/") else "/" + href)

    # -- redirects --------------------------------------------------------------------------

    def plan_redirects(self, config: MkDocsConfig, files: Files, kept: KeptSite | None = None) -> RedirectPages:
        """The redirect pages of this build, to be written while the pages are (`RedirectPages`); `kept`: the
        last build's output left in site_dir (core/files/kept_site.py)."""
        plan = RedirectPages(config.site_dir, self._report, kept)
        setting = getattr(self.options, "redirects", True)
        if setting is False:
            return plan
        path = Path(self.root, setting) if isinstance(setting, str) and setting else find_redirection_file(self.root)
        if path is None or not path.is_file():
            return plan
        redirects, plan.problems = read_redirects(path, self.root, self.files_on_disk or index_files(self.root),
                                                  self.url_base, self.external_base)
        # Where MkDocs writes (pages, media, the theme's templates), a redirect page never goes: written after
        # MkDocs' own files, as before, so a file there keeps it out.
        taken = {file.dest_uri.lower() for file in files}
        taken.update(name.lower() for name in (*config.theme.static_templates, *config.extra_templates))
        for redirect in redirects:
            if files.get_file_from_path(redirect.source) is not None:
                continue  # the old page is still there: never hide it
            url = self._redirect_url(redirect, files, config)
            if url is None:
                # An include file moved (DocFX repositories redirect them too): it never was a page, so
                # there is no old URL to keep working. Any other target that is not a page is a broken redirect.
                moved_include = "includes" in redirect.target.lower().split("/")[:-1]
                level = logging.INFO if moved_include else logging.WARNING
                kind = "an include file, not a page: no redirect page written" if moved_include else \
                    "which is not a page of the site"
                plan.steps.append((level, f"{path}:{redirect.line}: redirect of '{redirect.source}' points to "
                                          f"'{redirect.target}', {kind}"))
                continue
            dest = redirect_dest(redirect.source, config.use_directory_urls)
            page = (dest, redirect_html(url_from(dest, url), url if "://" in url else None), f"{path}:{redirect.line}")
            (plan.later if dest.lower() in taken else plan.pages).append(page)
            plan.steps.append(page)
        return plan

    def _redirect_url(self, redirect: Redirect, files: Files, config: MkDocsConfig) -> str | None:
        if redirect.external:
            return redirect.target
        file = files.get_file_from_path(self.yaml_pages.get(redirect.target, redirect.target))
        if file is None:
            return None
        fragment = f"#{redirect.fragment}" if redirect.fragment else ""
        return (file.url or "./") + fragment

    def _report(self, problems: list[Problem]) -> None:
        for problem in problems:
            level = logging.INFO if problem.level == LEVEL_INFO else logging.WARNING
            if problem.code == "toc-missing" and getattr(self.options, "link_check", False):
                level = logging.DEBUG  # the link check reports the entry (once, at its href/uid line)
            if self.tally is not None:
                self.tally.add(problem.code)
                if self.tally.level_of(problem.code, problem.level) != problem.level:
                    level = logging.DEBUG  # a partial export: counted, listed with -v
            text = f"{problem.path}:{problem.line}: {problem.message}"
            if self.build_log is not None:
                self.build_log.emit(level, problem.code, text)
            else:
                log.log(level, "%s", text)


class RedirectPages:
    """One build's redirect pages: most written by a thread while MkDocs writes the pages, the rest after.

    Creating thousands of folders and files is mostly waiting on the disk (3,398 redirect pages of
    Dynamics 365: 2-4 s), which the page loop's Python work can overlap. A redirect page whose path is
    one MkDocs writes (a page, a media file, a theme template) is only written at the end, when it is
    there already, so it never goes in: the result is what writing them all at the end gave. Messages
    are logged at the end, in the redirection file's order.
    """

    def __init__(self, site_dir: str, report: Callable[[list[Problem]], None], kept: KeptSite | None = None) -> None:
        self.site = OutputFolder(site_dir, kept)
        self.report = report
        self.problems: list[Problem] = []
        self.pages: list[tuple[str, str, str]] = []  # (path in site_dir, HTML, file:line), written early
        self.later: list[tuple[str, str, str]] = []  # the same, at a path MkDocs may write
        self.steps: list[tuple[Any, ...]] = []  # messages (level, text) and pages, in the file's order
        self.outcome: dict[int, bool | UnsafePathError] = {}  # by id() of the page's tuple
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None

    def _write(self, pages: list[tuple[str, str, str]]) -> None:
        for page in pages:
            try:  # inside site_dir, no symlink out; a page or file already there stays
                self.outcome[id(page)] = self.site.write_new(page[0], page[1])
            except UnsafePathError as error:
                self.outcome[id(page)] = error

    def _run(self) -> None:
        try:
            self._write(self.pages)
        except BaseException as error:  # noqa: BLE001 - raised again in finish(), in the build's thread
            self.error = error

    def start(self) -> None:
        if self.pages:
            self.thread = threading.Thread(target=self._run, name="sxs-redirect-pages", daemon=True)
            self.thread.start()

    def finish(self) -> int:
        """Wait for the early pages, write the others, log; the number of pages written."""
        if self.thread is not None:
            self.thread.join()
            self.thread = None
        if self.error is not None:
            raise self.error
        self._write(self.later)
        self.report(self.problems)
        written = 0
        for step in self.steps:
            if isinstance(step[0], int):
                log.log(step[0], "%s", step[1])
                continue
            outcome = self.outcome.get(id(step))
            if isinstance(outcome, UnsafePathError):
                log.warning("%s: redirect page %s; not written", step[2], outcome)
            elif outcome:
                written += 1
        return written


def _order_of(items: list):
    order: dict[int, int] = {}

    def walk(nodes: list) -> None:
        for node in nodes:
            order.setdefault(id(node), len(order))
            if isinstance(node, Section):
                walk(node.children)

    walk(items)
    return lambda page: order.get(id(page), len(order))


def _link_pages(pages: list[Page]) -> None:
    if not pages:  # a docset without TOC entries (zip(strict=True) below needs one page)
        return
    for previous, following in zip([None, *pages[:-1]], pages, strict=True):
        following.previous_page = previous
        if previous is not None:
            previous.next_page = following


def _set_parents(items: list, parent: Section | None) -> None:
    for item in items:
        item.parent = parent
        if isinstance(item, Section):
            _set_parents(item.children, item)


def _top_item(page: Page):
    item = page
    while item.parent is not None:
        item = item.parent
    return item


def docfx_enabled(setting: object, docs_dir: str) -> bool:
    """`docfx: auto` turns on when docs_dir is a DocFX docset."""
    if isinstance(setting, bool):
        return setting
    return is_docset(docs_dir)
