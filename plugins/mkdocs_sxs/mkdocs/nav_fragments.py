"""Navigation rendered once per item and reused on every page, instead of through Jinja on each page.

Material renders the primary navigation into every page with the recursive
`render` macro of `partials/nav-item.html`. For a big docset that is most of
the template time (Dynamics 365: the navigation partials were ~15% of the
build), and nearly all of it is repeated work: on any page, every navigation
item that is *not* on the page's active path renders the same HTML as on every
other page, except for its links, which are relative to the page.

So we render each such item once, with its links written as position-
independent placeholders (the `url` filter, while we render a fragment, writes
`\\x00<url>\\x01` instead of the page-relative URL), keep the fragment, and on
every page that shows the item again we only replace the placeholders with the
page-relative URL (MkDocs' own `url` filter, so the result is the same string).
Items on the active path (the page itself, its sections; their markup holds
`checked`, `--active`, the page's table of contents) are rendered by the theme's
macro as before, and their inactive children again come from the fragments.
The theme's own template stays the only description of the markup: we load its
`partials/nav-item.html`, rename its `render` macro, and put in front of it a
`render` macro that asks us; so the output is byte-identical to the theme's
(tests/unit/test_nav_fragments.py compares whole pages, and the corpus test a
docset).

What a fragment depends on, and is its key: the item, the macro's `path`
(the toggle ids) and `level`, and whether the parent is active (Material reads
that with `navigation.tabs` + `navigation.sections`). Everything else it reads
is the same for every page of a build (config, features, titles and meta of
pages, which are all read before the first page renders). Items that may
depend on the page are never cached: the active ones, the page itself, and
anything with `pages` (Material's blog views test `page in nav_item.pages`).

Used only when the theme's `nav-item.html` has the macro we know (Material 9);
any other theme renders as before.
"""

from __future__ import annotations

import re
from typing import Any

import jinja2
from jinja2 import pass_context

TEMPLATE = "partials/nav-item.html"
_MACRO = "{% macro render(nav_item, path, level, parent) %}"
_RENAMED = "{% macro sxs_theme_render(nav_item, path, level, parent) %}"
_WRAPPER = ("\n{% macro render(nav_item, path, level, parent) -%}\n"
            "{{ sxs_nav_item(sxs_theme_render, nav_item, path, level, parent) }}\n"
            "{%- endmacro %}\n")
_PLACEHOLDER = re.compile("\x00([^\x00\x01]*)\x01")


class _Unplaceable(Exception):
    """A URL that cannot be written as a placeholder (holds the marker characters)."""


class NavFragments:
    """One build's navigation fragments (made new in every on_env: serve rebuilds start empty)."""

    def __init__(self) -> None:
        self.fragments: dict[tuple, tuple[Any, str]] = {}  # key -> (item, kept alive so id() stays its, html)
        self.placeholders = False  # True while a fragment renders
        self.hits = 0
        self.misses = 0

    def install(self, env: jinja2.Environment) -> bool:
        """Route the theme's nav-item macro through us; False (and nothing changed) if the theme differs."""
        loader = env.loader
        if loader is None or "url" not in env.filters:
            return False
        try:
            source, filename, _ = loader.get_source(env, TEMPLATE)
        except jinja2.TemplateNotFound:
            return False
        if source.count(_MACRO) != 1 or "sxs_theme_render" in source:
            return False
        patched = source.replace(_MACRO, _RENAMED) + _WRAPPER
        original_url = env.filters["url"]

        @pass_context
        def url(context: Any, value: Any) -> str:
            if self.placeholders:
                text = str(value)
                if "\x00" in text or "\x01" in text:
                    raise _Unplaceable(text)
                return f"\x00{text}\x01"
            return original_url(context, value)

        def load(name: str) -> tuple[str, str | None, Any] | None:
            return (patched, filename, lambda: True) if name == TEMPLATE else None

        env.loader = jinja2.ChoiceLoader([jinja2.FunctionLoader(load), loader])
        env.filters["url"] = url
        self._original_url = original_url
        @pass_context
        def nav_item(context: Any, macro: Any, item: Any, path: Any, level: Any, parent: Any) -> str:
            return self.item(context, macro, item, path, level, parent)

        env.globals["sxs_nav_item"] = nav_item
        return True

    def item(self, context: Any, macro: Any, nav_item: Any, path: Any, level: Any, parent: Any) -> str:
        """One navigation item's HTML for the page being rendered (the theme's `render` macro)."""
        page = context.get("page")
        if nav_item is page or getattr(nav_item, "active", True) or hasattr(nav_item, "pages"):
            return macro(nav_item, path, level, parent)  # on the page's active path: the theme renders it
        parent_active = False if isinstance(parent, jinja2.Undefined) else bool(getattr(parent, "active", False))
        key = (id(nav_item), str(path), level, parent_active)
        kept = self.fragments.get(key)
        if kept is None:
            outer = self.placeholders
            self.placeholders = True
            try:
                html = str(macro(nav_item, path, level, parent))
            except _Unplaceable:
                if outer:
                    raise
                self.placeholders = False
                return macro(nav_item, path, level, parent)
            finally:
                self.placeholders = outer
            kept = self.fragments[key] = (nav_item, html)
            self.misses += 1
        else:
            self.hits += 1
        if self.placeholders:
            return kept[1]  # inside a fragment being made: it keeps the placeholders
        return self.specialize(kept[1], context)

    def specialize(self, html: str, context: Any) -> str:
        """A fragment with its placeholders replaced by the URLs relative to this page."""
        original_url = self._original_url
        return _PLACEHOLDER.sub(lambda match: original_url(context, match.group(1)), html)
