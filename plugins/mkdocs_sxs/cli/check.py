"""`mkdocs-sxs check PATH`: link check of a docset folder or an MkDocs project, no site build."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

import yaml

from ..core.files import bounded_yaml
from ..core.files.config_paths import config_relative, config_relative_all, project_config
from ..core.linkcheck import CheckOptions, check_path
from ..core.linkcheck.model import DEFAULT_LEVELS, LEVELS
from ..core.linkcheck.reports import FORMATS, render
from .errors import UserError
from .output import checked_output, terminal_safe, write_output
from .progress import print_summary

EXIT_OK = 0
EXIT_FINDINGS = 1


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check", help="check links, anchors, includes, images and TOC entries",
        description="Check every cross-link of a docset (or of an MkDocs project's docs_dir). "
        "Exit 0 when clean, 1 when an error-level finding exists, 2 for bad usage.",
    )
    parser.add_argument("path", metavar="PATH", help="a docset folder, or a project folder with mkdocs.yml")
    parser.add_argument("--format", choices=sorted(FORMATS), default="text", help="report format (default: text)")
    parser.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    parser.add_argument("--force", action="store_true", help="overwrite an existing --output file")
    parser.add_argument("--level", action="append", default=[], metavar="CATEGORY=LEVEL",
                        help=f"set a category's level ({', '.join(LEVELS)}); categories: "
                        f"{', '.join(DEFAULT_LEVELS)}")
    parser.add_argument("--external", action="store_true", help="also check external http(s) URLs online")
    parser.add_argument("--external-cache", metavar="FILE",
                        help="cache file of external results (default: ~/.cache/mkdocs-sxs/external-links.json)")
    parser.add_argument("--media-fallback", metavar="DIR_OR_URL",
                        help="where media missing from the repository come from (folder or URL)")
    parser.add_argument("--source-fallback", metavar="DIR",
                        help="the English source docset: pages missing here but present there are 'not-localized'")
    parser.add_argument("--url-prefix", action="append", default=[], metavar="PREFIX",
                        help="site path the docset is published under, e.g. /partner-center (repeatable)")
    parser.set_defaults(run=run)


def parse_levels(items: list[str]) -> dict[str, str]:
    levels: dict[str, str] = {}
    for item in items:
        category, sep, level = item.partition("=")
        category, level = category.strip(), level.strip().lower()
        if not sep or category not in DEFAULT_LEVELS or level not in LEVELS:
            raise UserError(f"--level {item!r}: write CATEGORY=LEVEL with CATEGORY one of "
                            f"{', '.join(DEFAULT_LEVELS)} and LEVEL one of {', '.join(LEVELS)}")
        levels[category] = level
    return levels


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing its `!ENV`/`!!python` tags."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def project_settings(config_file: Path) -> tuple[Path, dict[str, Any]]:
    """(docs_dir, the sxs plugin's options) of an MkDocs project."""
    try:
        with open(config_file, encoding="utf-8") as handle:
            config = bounded_yaml.load(handle.read(), loader_class=_LenientLoader) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise UserError(f"{config_file}: cannot read it as YAML ({error}); fix the file") from error
    if not isinstance(config, dict):
        raise UserError(f"{config_file}: not a mapping of MkDocs settings")
    docs_dir = config_file.parent / str(config.get("docs_dir") or "docs")
    options: dict[str, Any] = {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("sxs"), dict):
            options = plugin["sxs"]
    if options.get("include_fallback"):  # relative to mkdocs.yml, as in the build
        options = {**options, "include_fallback": config_relative(config_file, str(options["include_fallback"]))}
    if options.get("xref_maps"):  # relative to mkdocs.yml, as in the build
        options = {**options, "xref_maps": list(config_relative_all(config_file, options["xref_maps"]))}
    return docs_dir, options


def options_from(args: argparse.Namespace, plugin: dict[str, Any]) -> CheckOptions:
    levels = dict(plugin.get("link_levels") or {})
    levels.update(parse_levels(args.level))
    prefixes = tuple(args.url_prefix or plugin.get("link_url_prefixes") or ())
    return CheckOptions(
        levels=levels,
        url_prefixes=prefixes,
        external=bool(args.external),
        external_cache=args.external_cache,
        media_fallback=args.media_fallback or plugin.get("link_media_fallback"),
        source_fallback=args.source_fallback or plugin.get("link_source_fallback") or plugin.get("include_fallback"),
        # a partial export (`missing_targets: info`): missing targets are info, as in the build
        missing_target_level="info" if plugin.get("missing_targets") == "info" else None,
        xref_base_url=plugin.get("xref_base_url"),
        xref_maps=tuple(str(value) for value in plugin.get("xref_maps") or () if value),
    )


def run(args: argparse.Namespace) -> int:
    path = Path(args.path)
    if not path.exists():
        raise UserError(f"{path}: no such file or folder; give a docset folder or a project with mkdocs.yml "
                        "or properdocs.yml")
    plugin: dict[str, Any] = {}
    if path.is_file() and path.suffix in (".yml", ".yaml"):
        path, plugin = project_settings(path)
    elif path.is_dir() and (config_file := project_config(path)) is not None:
        path, plugin = project_settings(Path(config_file))
    if not path.is_dir():
        raise UserError(f"{path}: not a folder; give a docset folder or a project with mkdocs.yml or properdocs.yml")
    output = checked_output(args.output, force=args.force) if args.output else None
    options = options_from(args, plugin)
    if options.source_fallback and not os.path.isdir(options.source_fallback):
        raise UserError(f"--source-fallback {options.source_fallback}: no such folder")
    result = check_path(path, options)
    report = render(result, args.format)
    if args.format in ("text", "github"):  # read in a terminal or a CI log: no control characters
        report = terminal_safe(report)
    if output is not None:
        write_output(output, report)
    else:
        sys.stdout.write(report)
        sys.stdout.flush()
    print_summary(result.summary(), to_file=bool(args.output))
    return EXIT_FINDINGS if result.has_errors else EXIT_OK
