"""`mkdocs-sxs init DOCSET --engine zensical --output DIR`: a Zensical project made from the docset.

Zensical runs no plugins, so the core does the site-level work here and the
project holds its result (see zensical/project.py). Run the command again to
refresh the project after the docset or its translations change, or keep it
running with `--watch`.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

from ..core.reader.model import LEVEL_INFO, LEVEL_WARNING
from ..core.site.project import SiteSettings
from ..zensical.project import ProjectError, check_output, write_project
from .errors import UserError

ENGINES = ("mkdocs", "zensical")
DEFAULT_OUTPUT = "zensical-site"


def add_engine_arguments(parser: Any) -> None:
    parser.add_argument("--engine", choices=ENGINES, default="mkdocs",
                        help="mkdocs (default; also ProperDocs): write a mkdocs.yml that runs the sxs plugin; "
                        "zensical: write a Zensical project folder (zensical.toml + docs/) with the site-level work "
                        "done; `zensical build` in it writes DIR/site")
    parser.add_argument("--translations", metavar="DIR", default="translations",
                        help="with --engine zensical: catalogs with post-edits (default: ./translations, if present)")
    parser.add_argument("--watch", action="store_true",
                        help="with --engine zensical: keep running and refresh the project when the docset or the "
                        "translations change (Ctrl+C stops)")


def settings_from(args: argparse.Namespace) -> SiteSettings:
    fallback = getattr(args, "include_fallback", None)
    if fallback and not Path(fallback).is_dir():
        raise UserError(f"--include-fallback {fallback} is not a folder; give the English repository's docset folder")
    translations = getattr(args, "translations", None)
    return SiteSettings(
        include_fallback=str(Path(fallback).resolve()) if fallback else None,
        translations_dir=str(Path(translations).resolve()) if translations and Path(translations).is_dir() else None,
        missing_include_level=LEVEL_INFO if getattr(args, "partial_export", False) else LEVEL_WARNING,
    )


def run_zensical(args: argparse.Namespace) -> int:
    docset = Path(args.docset)
    if not docset.is_dir():
        raise UserError(f"{docset} is not a folder; give the docset folder (the one with docfx.json or TOC.yml)")
    out = Path(args.output or DEFAULT_OUTPUT)
    settings = settings_from(args)
    try:
        check_output(docset, out, args.force)
    except ProjectError as error:
        raise UserError(str(error)) from None
    _write(docset, out, settings, partial=getattr(args, "partial_export", False))
    print(f"build with: cd {out} && zensical build   (the site goes to {out / 'site'})", file=sys.stderr)
    if getattr(args, "watch", False):
        return _watch(docset, out, settings, partial=getattr(args, "partial_export", False))
    return 0


def _write(docset: Path, out: Path, settings: SiteSettings, *, partial: bool) -> None:
    result = write_project(docset, out, settings)
    content = result.content
    shown = 0
    for problem in content.problems:
        if problem.level == LEVEL_INFO or (partial and problem.code in ("include-missing", "toc-not-a-page")):
            continue
        print(f"WARNING: {problem.path}:{problem.line}:{problem.column}: {problem.message} [{problem.code}]",
              file=sys.stderr)
        shown += 1
    quiet = len(content.problems) - shown
    print(f"wrote {out}: {len(content.pages)} pages, {content.redirects} redirect page(s), {content.post_edits} "
          f"post-edit(s); {len(result.written)} file(s) written, {len(result.removed)} removed, {result.unchanged} "
          f"unchanged; {shown} warning(s)" + (f", {quiet} info" if quiet else ""), file=sys.stderr)


def _signature(*folders: str | None) -> tuple:
    stamps = []
    for folder in folders:
        if not folder or not os.path.isdir(folder):
            continue
        for path, dirs, names in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            stamps += [(os.path.join(path, n), os.stat(os.path.join(path, n)).st_mtime_ns) for n in sorted(names)]
    return tuple(stamps)


def _watch(docset: Path, out: Path, settings: SiteSettings, *, partial: bool, interval: float = 1.0) -> int:
    """Poll the docset and the translations; refresh the project after a change (run `zensical serve` beside)."""
    folders = (str(docset), settings.translations_dir, settings.include_fallback)
    last = _signature(*folders)
    print(f"watching {docset} for changes (Ctrl+C stops)", file=sys.stderr)
    try:
        while True:
            time.sleep(interval)
            now = _signature(*folders)
            if now != last:
                last = now
                _write(docset, out, settings, partial=partial)
    except KeyboardInterrupt:
        return 0
