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
from ..core.docfx.markdown import DocfxOptions, DocfxResult, transform_docfx
from ..core.docfx.markdown.context import DEFAULT_EXTERNAL_BASE_URL
from ..core.docfx.missing_targets import INCLUDE_MISSING, LINK_MISSING, MissingTargetTally
from ..core.files.config_paths import config_relative
from ..core.reader.model import LEVEL_ERROR, LEVEL_INFO, LEVEL_WARNING
from .build_log import BuildLog

log = logging.getLogger("mkdocs.plugins.sxs")

# Problems the link check (option `link_check`) reports too; then they are logged at debug level here.
LINK_CHECK_CODES = frozenset({"link-not-found", "link-case", "link-outside-docset", "include-missing", "media-missing"})

# Material/Python-Markdown extensions the transformed Markdown relies on.
# sane_lists: ordered lists keep their `start` and do not merge with bullet lists (as in CommonMark).
REQUIRED_EXTENSIONS = ("admonition", "attr_list", "md_in_html", "sane_lists")


def ensure_extensions(config: MkDocsConfig) -> None:
    names = [e if isinstance(e, str) else "" for e in config.markdown_extensions]
    for name in REQUIRED_EXTENSIONS:
        if name not in names and f"markdown.extensions.{name}" not in names:
            config.markdown_extensions.append(name)


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


def transform_page(markdown: str, src_uri: str, docset: Docset, plugin_config: Any, config: MkDocsConfig,
                   files: Files, locale: str | None, line_offset: int, *, generated: bool = False,
                   page_aliases: dict[str, str] | None = None, tally: MissingTargetTally | None = None,
                   build_log: BuildLog | None = None) -> tuple[str, LineOrigins | None]:
    """Transform one page; `generated`: a page made from a YAML page (its HTML links are final).

    Returns the Markdown and where its lines come from (for file:line of the page's problems).
    """
    options = DocfxOptions(
        rewrite_html_links=not generated,
        page_aliases=dict(page_aliases or {}),
        locale=locale,
        external_base_url=(plugin_config.external_base_url or getattr(plugin_config, "learn_base_url", None)
                           or DEFAULT_EXTERNAL_BASE_URL),
        media_fallback=plugin_config.media_fallback or getattr(plugin_config, "link_media_fallback", None),
        use_directory_urls=config.use_directory_urls,
        include_fallback=config_relative(config.config_file_path, getattr(plugin_config, "include_fallback", None)),
        missing_include_level=tally.level_of(INCLUDE_MISSING, LEVEL_WARNING) if tally else LEVEL_WARNING,
    )
    result: DocfxResult = transform_docfx(markdown, src_uri, docset, options, line_offset=line_offset)
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
    return result.text, result.origins

