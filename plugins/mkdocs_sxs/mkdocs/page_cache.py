"""The build cache's second stage: a page's rendered template reused when its whole context is unchanged.

After the Markdown conversion (build_cache.py) most of a warm build is the
theme's Jinja render: Material prints the navigation into every page, which
is O(pages × navigation) and dominates large docsets. The render is a
function of its template context and the theme; this module keys it by a
hash of that context and the theme's files:

- the page as the template sees it: its final HTML (after every
  `on_page_content` and `on_page_context` hook), TOC, meta, title, URLs,
  previous/next page, and which navigation items are active for it;
- the navigation it renders (the whole site's, or its DocFX area's): every
  item's kind, title, URL, meta and position, hashed once per build;
- the site's page list (`pages`), the base URL and asset URLs, the
  configuration (mkdocs.yml, the plugin options, package versions: the
  build cache's environment, plus the plain configuration values), and
  every file of the theme's folders (a `custom_dir` override included).

A context holding anything else (a plugin added a variable) is rendered as
usual. On a hit the stored text is what `template.render` would return, so
every `on_post_page` hook and the write run as in any build and the output
is byte-identical to a clean build's (tested with random edit sequences).
The hook is `Environment.get_template`, public Jinja API, wrapped from the
`on_env` event: MkDocs fetches a page's template, runs `on_page_context`,
then calls `render(context)`; the wrapper's render sees the final context.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Link, Section
from mkdocs.structure.pages import Page

from ..core.cache.store import PageCache, digest
from ..core.search.index import KnownFolds, folded_terms, separator_pattern, strip_excluded_sources
from ..core.search.sections import SearchSection, split_sections
from .build_cache import RenderCache, _stable
from .log import log

# What MkDocs' get_context puts in a page's context (mkdocs/commands/build.py).
_KNOWN = {"nav", "pages", "base_url", "extra_css", "extra_javascript", "mkdocs_version", "build_date_utc",
          "config", "page"}
_CONFIG_SKIP = {"plugins", "markdown_extensions", "mdx_configs", "theme", "nav", "hooks", "watch"}


_TEMPLATE_SUFFIXES = (".html", ".xml", ".j2", ".jinja")


def _theme_digest(config: MkDocsConfig) -> tuple[str, bool]:
    """Every file of the theme's folders (path, size, mtime), and whether a template names build_date_utc.

    Folders the theme links to are walked too (Jinja's loader reads templates through links), each real folder
    once. `os.scandir` gives each entry's type without a call per file, and paths are joined as they are
    walked: Material's folders hold 14,500 files (its icons), which `os.walk` and `relpath` took 0.18 s to list.
    """
    entries: list[Any] = []
    dated = False
    seen: set[str] = set()

    def walk(folder: str, prefix: str) -> None:
        nonlocal dated
        real = os.path.realpath(folder)
        if real in seen:  # a link back up the tree, or a folder reached twice
            entries.append(["seen", prefix])
            return
        seen.add(real)
        try:
            with os.scandir(folder) as listing:
                found = sorted(listing, key=lambda entry: entry.name)
        except OSError:
            return
        folders = []
        for entry in found:
            try:
                if entry.is_dir():
                    folders.append(entry)
                    continue
                stat = entry.stat()
            except OSError:
                continue
            entries.append([prefix + entry.name, stat.st_size, stat.st_mtime_ns])
            if not dated and entry.name.endswith(_TEMPLATE_SUFFIXES) and stat.st_size < 1_000_000:
                try:
                    with open(entry.path, encoding="utf-8", errors="replace") as template:
                        dated = "build_date_utc" in template.read()
                except OSError:
                    pass
        for entry in folders:
            walk(entry.path, prefix + entry.name + "/")

    for folder in config.theme.dirs:
        walk(folder, "")
        entries.append(["dir", folder])
    return digest(entries), dated


def _config_digest(config: MkDocsConfig) -> str:
    plain = {key: value for key, value in config.items() if key not in _CONFIG_SKIP}
    theme = {key: value for key, value in config.theme.items()}
    return digest([json.dumps(plain, sort_keys=True, default=_stable),
                   json.dumps(theme, sort_keys=True, default=_stable), config.theme.name or "-"])


def _meta(meta: Any) -> str:
    return json.dumps(meta, sort_keys=True, ensure_ascii=False, default=repr)


class _NavFacts:
    """A navigation's structure hashed once per build, and each item's position in it."""

    def __init__(self, nav: Any, meta: Any) -> None:
        self.nav = nav  # held: its id stays unique while memoized
        self._meta = meta  # a page's meta as JSON (PageOutputCache._page_meta)
        self.positions: dict[int, str] = {}
        items = getattr(nav, "items", nav)
        tree = [self._item(item, str(index)) for index, item in enumerate(items)]
        homepage = getattr(nav, "homepage", None)
        self.digest = digest([tree, None if homepage is None else homepage.url])

    def _item(self, item: Any, position: str) -> Any:
        self.positions[id(item)] = position
        if isinstance(item, Page):
            return ["page", item.title, item.url, item.file.src_uri, item.is_index, self._meta(item)]
        if isinstance(item, Section):
            return ["section", item.title,
                    [self._item(child, f"{position}.{index}") for index, child in enumerate(item.children)]]
        if isinstance(item, Link):
            return ["link", item.title, item.url]
        raise TypeError(type(item).__name__)


class PageOutputCache:
    """One build's cache of template renders (made next to a RenderCache, in the same folder)."""

    def __init__(self, render_cache: RenderCache, config: MkDocsConfig) -> None:
        theme, self.dated = _theme_digest(config)
        environment = digest([render_cache.store.environment, theme, _config_digest(config)])
        self.store = PageCache(render_cache.folder / "templates", "page", environment, enabled=render_cache.enabled)
        # search sections: a function of the page's final HTML and this package's code only
        self.sections = PageCache(render_cache.folder / "search", "sections", render_cache.store.environment,
                                  enabled=render_cache.enabled)
        self.known_folds: KnownFolds | None = None  # set by the plugin when the search index is folded
        self.navs: dict[int, _NavFacts] = {}
        self.pages_key: str | None = None
        self.rendered = 0
        self._last_text: tuple[str, str] | None = None  # (a page's HTML, its hash): see text_digest
        self._known: dict[int, tuple[str, str]] = {}  # id -> (HTML, hash) given by the page stage, until its key
        self._metas: dict[int, tuple[Page, str]] = {}  # a page's meta as JSON, for the navigations and the site
        self._static_pages: str | None = None  # every page's facts the theme's own templates show (static_key)

    @property
    def enabled(self) -> bool:
        return self.store.enabled

    def on_env(self, env: Any) -> Any:
        """Wrap `env.get_template` so a page template's render goes through the cache."""
        if not self.enabled:
            return env
        original = env.get_template
        cache = self

        def get_template(name: Any, parent: Any = None, globals: Any = None) -> Any:  # noqa: A002
            template = original(name, parent, globals)
            return template if parent is not None else _CachedTemplate(template, cache)

        env.get_template = get_template
        return env

    def _nav(self, nav: Any) -> _NavFacts:
        facts = self.navs.get(id(nav))
        if facts is None or facts.nav is not nav:
            facts = self.navs[id(nav)] = _NavFacts(nav, self._page_meta)
        return facts

    def key(self, context: Any) -> str | None:
        """The hash of everything a page's render reads, or None (not cacheable)."""
        page = context.get("page") if hasattr(context, "get") else None
        if not isinstance(page, Page) or set(context.keys()) - _KNOWN:
            return None
        try:
            facts = self._nav(context["nav"])
            active, item = [], page
            while item is not None:  # the page and its ancestors (breadcrumbs, active items), in or out of this nav
                active.append([facts.positions.get(id(item)), item.title])
                item = item.parent
            if self.pages_key is None:
                self.pages_key = digest([[(p.file.src_uri, p.url, p.title) for p in
                                          (file.page for file in context["pages"]) if p is not None]])
            neighbours = [None if other is None else [other.title, other.url]
                          for other in (page.previous_page, page.next_page)]
            return digest([
                facts.digest, active, self.pages_key, neighbours,
                page.file.src_uri, page.file.dest_uri, page.url, page.canonical_url, page.abs_url, page.edit_url,
                page.update_date, page.title, page.is_homepage, _meta(page.meta),
                self.text_digest(page.content or "", last_use=True),
                [_toc(entry) for entry in page.toc], *self._site_parts(context),
            ])
        except (TypeError, ValueError, KeyError, AttributeError) as error:
            log.debug("build cache: %s: page render not cacheable (%s)", page.file.src_uri, error)
            return None

    def _site_parts(self, context: Any) -> list[Any]:
        """What every template's context holds besides the page and the navigation (both kinds of key)."""
        return [context["base_url"], list(context["extra_css"]),
                [str(script) for script in context["extra_javascript"]], context["mkdocs_version"],
                str(context["build_date_utc"]) if self.dated else "-"]

    def know_digest(self, text: Any, found: str) -> None:
        """The hash of a page's HTML, known already (the page stage stored it with the HTML): not computed again.
        Held until the page's template key takes it."""
        if isinstance(text, str):
            self._known[id(text)] = (text, found)

    def text_digest(self, text: str, last_use: bool = False) -> str:
        """The hash of a page's HTML. The search sections' lookup and the template's key hash the same HTML
        object (the page's content, set aside and put back around Material's search): hashed once."""
        known = self._known.pop(id(text), None) if last_use else self._known.get(id(text))
        if known is not None and known[0] is text:
            self._last_text = known
            return known[1]
        last = self._last_text
        if last is not None and last[0] is text:
            return last[1]
        found = _text_digest(text)
        self._last_text = (text, found)
        return found

    def _page_meta(self, page: Page) -> str:
        """`_meta(page.meta)`, once per page for the navigations and the theme's own templates (each page is in
        an area's navigation, the whole navigation and the page list: three times the same JSON)."""
        found = self._metas.get(id(page))
        if found is None or found[0] is not page:
            found = self._metas[id(page)] = (page, _meta(page.meta))
        return found[1]

    def static_key(self, context: Any) -> str | None:
        """The hash of everything a theme template without a page reads (404.html, sitemap.xml: the whole
        site's navigation and every page's URLs, dates and titles), or None (not cacheable). On Dynamics 365,
        rendering these two took as long as reading every page's template from the cache."""
        if not hasattr(context, "get") or context.get("page") is not None or set(context.keys()) - _KNOWN:
            return None
        try:
            if self._static_pages is None:  # (404.html and sitemap.xml: the same pages, before any page is built)
                self._static_pages = digest([[
                    [file.src_uri, page.url, page.canonical_url, page.abs_url, page.edit_url, page.update_date,
                     page.title, page.is_homepage, self._page_meta(page)]
                    for file in context["pages"] for page in [file.page] if page is not None]])
            return digest(["static", self._nav(context["nav"]).digest, self._static_pages,
                           *self._site_parts(context)])
        except (TypeError, ValueError, KeyError, AttributeError) as error:
            log.debug("build cache: a theme template's render not cacheable (%s)", error)
            return None

    def split_sections(self, html: str, strip: bool = False) -> list[SearchSection] | None:
        """`core.search.sections.split_sections` (of the HTML without its English originals, with `strip`),
        looked up by the HTML's hash first."""
        separator = self.known_folds.separator if self.known_folds is not None else None
        key = digest([self.text_digest(html), "stripped" if strip else "as is", self.known_folds is not None,
                      separator or ""])
        stored = self.sections.get(key)
        if isinstance(stored, list):
            try:
                return [SearchSection(item[0], item[1], item[2], tuple(item[3]) if len(item) > 3 else None)
                        for item in stored]
            except (TypeError, IndexError):
                pass
        sections = split_sections(strip_excluded_sources(html) if strip else html)
        if sections is not None:
            if self.known_folds is not None:  # folded now, kept with the sections (the index's fold skips them)
                pattern = separator_pattern(separator)
                words = self.known_folds.words  # one folding per distinct word for the whole build
                sections = [SearchSection(item.anchor, item.title, item.text,
                                          (folded_terms(item.title.strip(), pattern, words),
                                           folded_terms(item.text.strip(), pattern, words))) for item in sections]
            self.sections.put(key, [[item.anchor, item.title, item.text, *([list(item.folded)] if item.folded
                                                                          else [])] for item in sections])
        return sections

    def finish(self, documentation_pages: int) -> None:
        if not self.enabled:
            return
        if self.rendered >= documentation_pages:
            self.store.prune()
            self.sections.prune()
        stats = self.store.stats
        log.info("build cache: page templates: %d hit(s), %d miss(es)", stats.hits, stats.misses)


def _text_digest(text: str) -> str:
    """A long text's hash, put in a key in its place (as JSON, escaping it cost more than hashing it)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _toc(entry: Any) -> Any:
    return [entry.title, entry.id, entry.level, [_toc(child) for child in entry.children]]


class _CachedTemplate:
    """A page template whose render is looked up first (everything else: the real template)."""

    def __init__(self, template: Any, cache: PageOutputCache) -> None:
        self._template = template
        self._cache = cache

    def __getattr__(self, name: str) -> Any:
        return getattr(self._template, name)

    def render(self, *args: Any, **kwargs: Any) -> str:
        context = args[0] if len(args) == 1 and not kwargs else None
        page = context.get("page") if hasattr(context, "get") else None
        if context is None:
            key = None
        elif page is None:
            key = self._cache.static_key(context)
        else:
            key = self._cache.key(context)
            self._cache.rendered += 1 if key is not None else 0
        if key is None:
            return self._template.render(*args, **kwargs)
        key = digest([key, self._template.name or "-"])
        stored = self._cache.store.get_text(key)
        if stored is not None:
            return stored
        if isinstance(page, Page):
            log.debug("build cache: rendering the template of %s (not in the cache)", page.file.src_uri)
        else:
            log.debug("build cache: rendering the theme's %s (not in the cache)", self._template.name or "-")
        output = self._template.render(*args, **kwargs)
        self._cache.store.put_text(key, output)
        return output
