"""MkDocs side of DocFX docsets: files, navigation from the TOCs, per-area navs, redirect pages.

The facts come from `core.docfx` (plain data); this module only maps them onto
MkDocs' `Files`, `Navigation`, `Page`, `Section` and `Link` objects.
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
from html import escape
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..core.docfx import yamlpages
from ..core.docfx.config import inspect_docset, is_docset, is_excluded, read_docfx_json
from ..core.docfx.missing_targets import MissingTargetTally
from ..core.docfx.redirects import Redirect, find_redirection_file, read_redirects, redirect_page_path
from ..core.docfx.toc import TOC_NAMES, Toc, TocEntry, index_files, read_toc, toc_docset, top_level_tocs
from ..core.reader.model import LEVEL_INFO, Problem
from .build_log import BuildLog

log = logging.getLogger("mkdocs.plugins.sxs")

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
NAV_FULL = "full"
NAV_AREA = "area"


class DocfxSite:
    """State of one build of a DocFX docset."""

    def __init__(self, options: object, config: MkDocsConfig) -> None:
        self.options = options
        self.root = config.docs_dir
        self.info = inspect_docset(self.root)
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
        self.build_log: BuildLog | None = None  # set per build by the plugin

    # -- files ------------------------------------------------------------------------------

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Drop what DocFX does not publish; add YAML landing and FAQ pages as generated Markdown pages."""
        self.files_on_disk = index_files(self.root)
        excludes = _exclude_patterns(self.root)
        for file in list(files):
            rel = file.src_uri
            name = posixpath.basename(rel).lower()
            if is_excluded(rel, excludes) or name in TOC_NAMES or rel.lower().startswith("breadcrumb/"):
                files.remove(file)
                continue
            if not rel.lower().endswith(".yml") or file.generated_by:
                continue
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
        if files.get_file_from_path("index.md") is None and getattr(self.options, "nav_mode", "auto") != NAV_FULL:
            self.tocs = self._read_tocs()
            if len(self.tocs) > 1:
                files.append(File.generated(config, "index.md", content=self._areas_index()))
        return files

    def _landing_links(self, page_src: str, config: MkDocsConfig):
        """Landing page links (written as HTML) → URLs relative to the generated page."""
        page_url = _url_of(yamlpages.markdown_name(page_src), config.use_directory_urls)

        def link(url: str) -> str:
            url = url.strip()
            if _SCHEME.match(url) or url.startswith(("#", "//")):
                return url
            path, sep, rest = url.partition("#")
            path = path.split("?")[0].replace("\\", "/")
            if path.startswith("/"):
                base = "/" + self.url_base.strip("/") if self.url_base else None
                if not base or not (path == base or path.startswith(base + "/")):
                    return self.external_base.rstrip("/") + url
                rel = posixpath.normpath(path[len(base) + 1 :] or ".")
            else:
                rel = posixpath.normpath(posixpath.join(posixpath.dirname(page_src), path or "."))
            folder = "" if rel == "." else rel + "/"
            for candidate in (rel, rel + ".md", rel + ".yml", folder + "index.md", folder + "index.yml"):
                actual = self.files_on_disk.get(candidate.lower())
                if actual is not None and actual.lower().endswith((".md", ".yml")):
                    target = _url_of(yamlpages.markdown_name(actual), config.use_directory_urls)
                    return get_relative_url(target, page_url) + sep + rest
            return url

        return link

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
        areas: list[tuple[Toc, list]] = []
        self.owners = page_owners(self.tocs)
        for toc in self.tocs:
            self.current_toc = toc.path
            items = [item for entry in toc.entries for item in self._nav_items(entry, files, config, claimed)]
            areas.append((toc, items))
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
            return [read_toc(self.root, path, files, self.url_base, self.external_base, docset) for path in paths]
        return top_level_tocs(self.root, files, self.url_base)

    def _nav_items(self, entry: TocEntry, files: Files, config: MkDocsConfig, claimed: dict[str, Page]) -> list:
        # Themes print nav titles unescaped (MkDocs' Jinja has no autoescape); TOC text is untrusted.
        title = escape(entry.title, quote=False)
        item = None
        if entry.external and entry.href:
            item = Link(title, entry.href)
        elif entry.href:
            src = self.yaml_pages.get(entry.href, entry.href)
            file = files.get_file_from_path(src)
            if file is None or not file.is_documentation_page():
                self._report([Problem(entry.source, entry.line, 1, "toc-not-a-page",
                                      f"TOC entry '{entry.title}' points to '{entry.href}', which is not a page of "
                                      "the site; it is left out of the navigation")])
            elif src in claimed or self.owners.get(entry.href, self.current_toc) != self.current_toc:
                # The page has its place in another TOC (or earlier in this one): link to it.
                item = Link(title, file.url or "./")
            else:
                page = file.page if isinstance(file.page, Page) else Page(title, file, config)
                page.title = title
                claimed[src] = page
                item = page
        children = [child for sub in entry.children for child in self._nav_items(sub, files, config, claimed)]
        if children:
            return [Section(title, ([item] if item is not None else []) + children)]
        return [item] if item is not None else []

    def _areas_index(self) -> str:
        title = self.info.title_suffix or posixpath.basename(os.path.abspath(self.root))
        lines = ["---", f"title: {_yaml_str(title)}", "---", "", f"# {yamlpages.escape_text(title)}", ""]
        for toc in self.tocs:
            first = next((e for e in toc.walk() if e.href and not e.external), None)
            name = toc.entries[0].title if len(toc.entries) == 1 else posixpath.dirname(toc.path) or toc.path
            if first is not None:
                lines.append(f"- [{yamlpages.escape_text(name)}](<{self.yaml_pages.get(first.href, first.href)}>)")
        return "\n".join(lines) + "\n"

    # -- redirects --------------------------------------------------------------------------

    def write_redirects(self, config: MkDocsConfig, files: Files) -> int:
        """Small HTML pages at the old URLs that send readers (and search engines) to the new ones."""
        setting = getattr(self.options, "redirects", True)
        if setting is False:
            return 0
        path = Path(self.root, setting) if isinstance(setting, str) and setting else find_redirection_file(self.root)
        if path is None or not path.is_file():
            return 0
        redirects, problems = read_redirects(path, self.root, self.files_on_disk or index_files(self.root),
                                             self.url_base, self.external_base)
        self._report(problems)
        written = 0
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
                log.log(level, "%s:%d: redirect of '%s' points to '%s', %s", path, redirect.line, redirect.source,
                        redirect.target, kind)
                continue
            dest = _dest_path(redirect.source, config.use_directory_urls)
            out = Path(config.site_dir, dest)
            if out.exists():
                continue
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(redirect_html(_relative_url(dest, url), url if "://" in url else None), encoding="utf-8")
            written += 1
        return written

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
            if self.tally is not None:
                self.tally.add(problem.code)
                if self.tally.level_of(problem.code, problem.level) != problem.level:
                    level = logging.DEBUG  # a partial export: counted, listed with -v
            text = f"{problem.path}:{problem.line}: {problem.message}"
            if self.build_log is not None:
                self.build_log.emit(level, problem.code, text)
            else:
                log.log(level, "%s", text)


def page_owners(tocs: list[Toc]) -> dict[str, str]:
    """Which TOC a page belongs to: the nearest one up its folder (as DocFX picks), else the first naming it."""
    owners: dict[str, tuple[int, str]] = {}
    for order, toc in enumerate(tocs):
        folder = posixpath.dirname(toc.path)
        for entry in toc.walk():
            if not entry.href or entry.external:
                continue
            inside = not folder or entry.href.startswith(folder + "/")
            rank = -(folder.count("/") + 1) if inside and folder else (0 if inside else 1)
            best = owners.get(entry.href)
            if best is None or (rank, order) < best:
                owners[entry.href] = (rank, order)
    return {href: tocs[order].path for href, (_, order) in owners.items()}


def redirect_html(url: str, canonical: str | None = None) -> str:
    """A redirect page like mkdocs-redirects writes: meta refresh, canonical link, script, visible link."""
    href = escape(url, quote=True)
    canonical_link = f'<link rel="canonical" href="{escape(canonical or url, quote=True)}">'
    return (
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Redirecting…</title>"
        f"{canonical_link}"
        f'<meta http-equiv="refresh" content="0; url={href}">'
        f'<meta name="robots" content="noindex">'
        f"<script>var anchor=window.location.hash.substr(1);"
        f"location.href={_js_string(url)}+(anchor&&{_js_string(url)}.indexOf('#')<0?'#'+anchor:'');</script>"
        f'</head><body>Redirecting to <a href="{href}">{href}</a>…</body></html>\n'
    )


def _js_string(value: str) -> str:
    import json

    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _dest_path(source: str, use_directory_urls: bool) -> str:
    if use_directory_urls:
        return redirect_page_path(source)
    stem, _ = posixpath.splitext(source)
    return stem + ".html"


def _relative_url(dest: str, url: str) -> str:
    """Site-root URL of a page as seen from the redirect page at `dest`."""
    if "://" in url or url.startswith("//"):
        return url
    path, sep, fragment = url.partition("#")
    rel = posixpath.relpath(path or ".", posixpath.dirname(dest) or ".")
    if path.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel + sep + fragment


def _url_of(src: str, use_directory_urls: bool) -> str:
    return File(src, "", "", use_directory_urls).url


def _exclude_patterns(root: str) -> list[str]:
    build = read_docfx_json(root)
    patterns: list[str] = []
    for group in build.get("content", []) if isinstance(build.get("content"), list) else []:
        if isinstance(group, dict) and isinstance(group.get("exclude"), list):
            patterns += [str(p).strip() for p in group["exclude"]]
    return patterns or ["**/includes/**", "**/obj/**", "README.md", "LICENSE", "LICENSE-CODE", "ThirdPartyNotices"]


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


def _yaml_str(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def docfx_enabled(setting: object, docs_dir: str) -> bool:
    """`docfx: auto` turns on when docs_dir is a DocFX docset."""
    if isinstance(setting, bool):
        return setting
    return is_docset(docs_dir)
