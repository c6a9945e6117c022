"""MkDocs side of DocFX Markdown: options, docset scan, media files, logging.

The transforms themselves are in :mod:`..core.docfx.markdown`; this module
only turns MkDocs objects into their plain inputs and back.
"""

from __future__ import annotations

import json
import logging
import os
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ..core.docfx.docset import Docset
from ..core.docfx.line_origins import LineOrigins
from ..core.docfx.markdown import DocfxResult, transform_docfx
from ..core.docfx.missing_targets import INCLUDE_MISSING, LINK_MISSING, SNIPPET_MISSING, MissingTargetTally
from ..core.files.config_paths import config_relative_all
from ..core.reader.model import LEVEL_ERROR, LEVEL_INFO, LEVEL_WARNING
from ..core.site.pages import docfx_options
from ..core.xref import XrefResolver, docset_resolver
from ..markdown_ext.math import MathExtension
from .build_log import BuildLog
from .log import log
from .transform_cache import TransformCache

# Problems the link check (option `link_check`) reports too; then they are logged at debug level here.
LINK_CHECK_CODES = frozenset({"link-not-found", "link-case", "link-outside-docset", "include-missing", "media-missing",
                              "xref-unresolved", "snippet-missing"})

# Material/Python-Markdown extensions the transformed Markdown relies on.
# sane_lists: ordered lists keep their `start` and do not merge with bullet lists (as in CommonMark).
# pymdownx.tabbed (alternate style, the one Material styles): DocFX tabs (core/docfx/markdown/variants.py).
REQUIRED_EXTENSIONS = ("admonition", "attr_list", "md_in_html", "sane_lists", "pymdownx.tabbed")
EXTENSION_DEFAULTS = {"pymdownx.tabbed": {"alternate_style": True}}


def ensure_extensions(config: MkDocsConfig) -> None:
    names = [e if isinstance(e, str) else "" for e in config.markdown_extensions]
    for name in REQUIRED_EXTENSIONS:
        if name not in names and f"markdown.extensions.{name}" not in names:
            config.markdown_extensions.append(name)
            if name in EXTENSION_DEFAULTS:
                config.mdx_configs.setdefault(name, dict(EXTENSION_DEFAULTS[name]))
    if not any(isinstance(e, MathExtension) for e in config.markdown_extensions):
        config.markdown_extensions.append(MathExtension())  # type: ignore[arg-type]  # $…$ as MathML
    add_mermaid_fence(config)


def add_mermaid_fence(config: MkDocsConfig) -> None:
    """```` ```mermaid ```` as a diagram, as DocFX draws it: Material's documented custom fence.

    pymdownx.superfences writes `<pre class="mermaid"><code>…</code></pre>`; Material's JavaScript draws it
    with mermaid.js (from unpkg.com, when the reader's browser is online; offline the source stays readable).
    Only with superfences (which `mkdocs-sxs init` configures) and unless the site defines its own.
    """
    names = [e for e in config.markdown_extensions if isinstance(e, str)]
    if "pymdownx.superfences" not in names:
        return
    from pymdownx.superfences import fence_code_format

    options = config.mdx_configs.setdefault("pymdownx.superfences", {})
    fences = options.setdefault("custom_fences", [])
    if not any(isinstance(f, dict) and f.get("name") == "mermaid" for f in fences):
        fences.append({"name": "mermaid", "class": "mermaid", "format": fence_code_format})


def docfx_dest(docs_dir: str) -> str | None:
    """`build.dest` of the docset's `docfx.json`: the URL prefix it is published under."""
    path = os.path.join(docs_dir, "docfx.json")
    try:
        with open(path, encoding="utf-8-sig") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return None
    dest = data.get("build", {}).get("dest") if isinstance(data, dict) else None
    return str(dest) if dest else None


def scan_docset(config: MkDocsConfig, prefixes: list[str]) -> Docset:
    """The docs_dir's files; URL prefixes as given, else `dest` of docfx.json."""
    if not prefixes:
        dest = docfx_dest(config.docs_dir)
        prefixes = [dest] if dest else []
    return Docset.scan(config.docs_dir, prefixes)


def xref_resolver(docset: Docset, plugin_config: Any, config_file: str | None = None) -> XrefResolver:
    """The docset's uids (read once per build) and where other uids link: shared with the link check."""
    resolver = docset_resolver(docset.root, docset.pages(), getattr(plugin_config, "xref_base_url", None),
                               config_relative_all(config_file, getattr(plugin_config, "xref_maps", ())))
    for note in resolver.maps.notes:
        log.info("%s", note)
    return resolver


def transform_page(markdown: str, src_uri: str, docset: Docset, plugin_config: Any, config: MkDocsConfig,
                   files: Files, locale: str | None, line_offset: int, *, generated: bool = False,
                   page_aliases: dict[str, str] | None = None, tally: MissingTargetTally | None = None,
                   xrefs: XrefResolver | None = None, build_log: BuildLog | None = None,
                   cache: TransformCache | None = None) -> tuple[str, LineOrigins | None, tuple[str, ...]]:
    """Transform one page; `generated`: a page made from a YAML page (its HTML links are final).

    Returns the Markdown, where its lines come from (for file:line of the page's problems) and the
    files the transform read besides the page (includes, code snippet files, pages whose titles became
    xref link text), absolute.
    """
    options = docfx_options(  # the same options the Zensical project gets (core.site.pages)
        plugin_config, locale=locale, use_directory_urls=config.use_directory_urls,
        config_file=config.config_file_path, generated=generated, page_aliases=page_aliases,
        missing_include_level=tally.level_of(INCLUDE_MISSING, LEVEL_WARNING) if tally else LEVEL_WARNING,
        xref_resolver=xrefs,
        missing_snippet_level=tally.level_of(SNIPPET_MISSING, LEVEL_WARNING) if tally else LEVEL_WARNING)
    key = cache.key(markdown, src_uri, line_offset, options) if cache is not None and cache.enabled else None
    result: DocfxResult | None = cache.get(key, src_uri) if cache is not None and key is not None else None
    if result is None:
        result = transform_docfx(markdown, src_uri, docset, options, line_offset=line_offset)
        if cache is not None and key is not None:
            cache.put(key, result, src_uri)
    link_check = bool(getattr(plugin_config, "link_check", False))
    for problem in result.problems:
        level = {LEVEL_ERROR: logging.ERROR, LEVEL_INFO: logging.DEBUG}.get(problem.level, logging.WARNING)
        if tally is not None:
            tally.add(LINK_MISSING if problem.code == "link-not-found" and not link_check else problem.code)
            if tally.level_of(problem.code, problem.level) != problem.level:
                level = logging.DEBUG  # a partial export: counted, listed with -v
        if problem.code == "link-case":
            level = logging.INFO
        if link_check and problem.code in LINK_CHECK_CODES:
            level = logging.DEBUG
        where = problem.path if problem.path == src_uri else f"{problem.path} (included in {src_uri})"
        text = f"{where}:{problem.line}:{problem.column}: {problem.message} [{problem.code}]"
        if build_log is not None:
            build_log.emit(level, problem.code, text)
        else:
            log.log(level, "%s", text)
    for copy in result.media:
        if files.get_file_from_path(copy.dest) is None:
            files.append(File.generated(config, copy.dest, abs_src_path=copy.source))
    return result.text, result.origins, tuple(sorted(set(result.reads)))

