"""Per-page pieces every engine needs: what DocFX publishes, landing-page links, DocFX Markdown options,
redirect pages. Plain data in and out; the MkDocs adapter and the Zensical project writer both call these."""

from __future__ import annotations

import json
import os
import posixpath
import re
from collections.abc import Callable, Mapping
from html import escape
from typing import Any

from ..docfx import yamlpages
from ..docfx.config import is_excluded, read_docfx_json
from ..docfx.markdown import DocfxOptions
from ..docfx.markdown.context import DEFAULT_EXTERNAL_BASE_URL
from ..docfx.redirects import redirect_page_path
from ..docfx.toc import TOC_NAMES
from ..files.config_paths import config_relative
from ..reader.model import LEVEL_WARNING
from .urls import page_url, relative_url

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
# DocFX's own configuration: never copied into the site.
DOCFX_CONFIG_FILES = frozenset({"docfx.json", "filterconfig.yml", "docfx.console.json", "xrefmap.yml"})
DEFAULT_EXCLUDES = ["**/includes/**", "**/obj/**", "README.md", "LICENSE", "LICENSE-CODE", "ThirdPartyNotices"]


def exclude_patterns(root: str | os.PathLike[str]) -> list[str]:
    """The `exclude` globs of docfx.json's content groups (DocFX's defaults when it names none)."""
    build = read_docfx_json(root)
    patterns: list[str] = []
    for group in build.get("content", []) if isinstance(build.get("content"), list) else []:
        if isinstance(group, dict) and isinstance(group.get("exclude"), list):
            patterns += [str(p).strip() for p in group["exclude"]]
    return patterns or list(DEFAULT_EXCLUDES)


def is_published(rel: str, excludes: list[str]) -> bool:
    """A docset file DocFX publishes: not excluded, not a TOC, not DocFX's configuration, not a breadcrumb file."""
    name = posixpath.basename(rel).lower()
    return not (is_excluded(rel, excludes) or name in TOC_NAMES or name in DOCFX_CONFIG_FILES
                or rel.lower().startswith(("breadcrumb/", "_breadcrumb/")))


def landing_link_mapper(page_src: str, files_on_disk: Mapping[str, str], url_base: str | None, external_base: str,
                        use_directory_urls: bool, *, to_files: bool = False) -> Callable[[str], str]:
    """Landing page links (written as HTML) → URLs relative to the page generated from `page_src`.

    `to_files`: the target's Markdown file relative to the generated page's file instead, for engines
    that rewrite relative links in HTML themselves (Zensical).
    """
    here = page_url(yamlpages.markdown_name(page_src), use_directory_urls)

    def link(url: str) -> str:
        url = url.strip()
        if _SCHEME.match(url) or url.startswith(("#", "//")):
            return url
        path, sep, rest = url.partition("#")
        path = path.split("?")[0].replace("\\", "/")
        if path.startswith("/"):
            base = "/" + url_base.strip("/") if url_base else None
            if not base or not (path == base or path.startswith(base + "/")):
                return external_base.rstrip("/") + url
            rel = posixpath.normpath(path[len(base) + 1 :] or ".")
        else:
            rel = posixpath.normpath(posixpath.join(posixpath.dirname(page_src), path or "."))
        folder = "" if rel == "." else rel + "/"
        for candidate in (rel, rel + ".md", rel + ".yml", folder + "index.md", folder + "index.yml"):
            actual = files_on_disk.get(candidate.lower())
            if actual is not None and actual.lower().endswith((".md", ".yml")):
                if to_files:
                    return file_relative(yamlpages.markdown_name(actual), page_src) + sep + rest
                target = page_url(yamlpages.markdown_name(actual), use_directory_urls)
                return relative_url(target, here) + sep + rest
        return url

    return link


def file_relative(target: str, page_src: str) -> str:
    """Docs file `target` as a link written in the docs file `page_src` (`../roles/x.md`)."""
    return posixpath.relpath(target, posixpath.dirname(page_src) or ".")


def docfx_options(settings: Any, *, locale: str | None, use_directory_urls: bool, config_file: str | None,
                  generated: bool = False, page_aliases: Mapping[str, str] | None = None,
                  missing_include_level: str = LEVEL_WARNING, html_links_to_files: bool = False,
                  xref_resolver: Any = None, missing_snippet_level: str = LEVEL_WARNING) -> DocfxOptions:
    """The DocFX Markdown options of one page from the `sxs` settings (plugin config or any object with them)."""
    return DocfxOptions(
        rewrite_html_links=not generated,
        page_aliases=dict(page_aliases or {}),
        locale=locale,
        external_base_url=(getattr(settings, "external_base_url", None) or getattr(settings, "learn_base_url", None)
                           or DEFAULT_EXTERNAL_BASE_URL),
        media_fallback=getattr(settings, "media_fallback", None) or getattr(settings, "link_media_fallback", None),
        use_directory_urls=use_directory_urls,
        include_fallback=config_relative(config_file, getattr(settings, "include_fallback", None)),
        missing_include_level=missing_include_level,
        html_links_to_files=html_links_to_files,
        xref_resolver=xref_resolver,
        # code samples: their own fallback folder, else the include fallback (the English repository)
        snippet_fallback=config_relative(config_file, getattr(settings, "snippet_fallback", None)
                                         or getattr(settings, "include_fallback", None)),
        missing_snippet_level=missing_snippet_level,
        max_include_depth=getattr(settings, "include_max_depth", None) or 10,
        max_include_bytes=getattr(settings, "include_max_bytes", None) or 5 * 1024 * 1024,
    )


# -- redirects -------------------------------------------------------------------------------------

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
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def redirect_dest(source: str, use_directory_urls: bool) -> str:
    """Where the redirect page of old page `source` is written in the site."""
    if use_directory_urls:
        return redirect_page_path(source)
    stem, _ = posixpath.splitext(source)
    return stem + ".html"


def url_from(dest: str, url: str) -> str:
    """Site-root URL of a page as seen from the redirect page at `dest`."""
    if "://" in url or url.startswith("//"):
        return url
    path, sep, fragment = url.partition("#")
    rel = posixpath.relpath(path or ".", posixpath.dirname(dest) or ".")
    if path.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel + sep + fragment
