"""`mkdocs-sxs apply CATALOG_OR_DIR [--docs PATH] [--force] [--dry-run]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.translation.apply import apply_catalog
from ..core.translation.catalog import CatalogUnit, docs_root
from ..core.translation.formats import FORMAT_OF_SUFFIX, CatalogError, read_catalog
from .errors import UserError
from .output import terminal_safe


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "apply",
        help="write translators' post-edits from catalogs back into the sxs Markdown pages",
        description="Replaces only the translated text of each post-edited unit; every other byte of a page "
        "stays. Stale post-edits (English source changed) are never applied; pages changed since the "
        "catalog was extracted are skipped unless --force. Exit 1 when something was not applied.",
    )
    parser.add_argument("catalog", help="a catalog (.po, .xlf, .tmx, .jsonl) or a folder of them")
    parser.add_argument("--docs", default=".", help="docs folder, or project folder / mkdocs.yml (default: .)")
    parser.add_argument("--force", action="store_true", help="write into pages changed since extraction")
    parser.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
    parser.set_defaults(run=run)


def _catalog_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if path.is_dir():
        return sorted(item for item in path.rglob("*")
                      if item.is_file() and item.suffix.lower() in FORMAT_OF_SUFFIX and not item.name.startswith("."))
    raise UserError(f"{path}: no such catalog file or folder")


def run(args: argparse.Namespace) -> int:
    try:
        docs = docs_root(args.docs)
    except FileNotFoundError as error:
        raise UserError(str(error)) from error
    entries: list[CatalogUnit] = []
    for path in _catalog_files(Path(args.catalog)):
        try:
            entries.extend(read_catalog(path))
        except CatalogError as error:
            raise UserError(str(error)) from error
    results = apply_catalog(entries, docs, force=args.force, dry_run=args.dry_run)
    incomplete = False
    for result in results:
        for message in result.messages:
            print(terminal_safe(message), file=sys.stderr)
        if result.applied:
            verb = "would write" if args.dry_run else "wrote"
            print(terminal_safe(f"{result.page}: {verb} {len(result.applied)} post-edits"), file=sys.stderr)
        incomplete = incomplete or bool(result.stale or result.refused)
    applied = sum(len(result.applied) for result in results)
    print(f"apply: {applied} post-edits applied, {sum(result.written for result in results)} pages written",
          file=sys.stderr)
    return 1 if incomplete else 0
