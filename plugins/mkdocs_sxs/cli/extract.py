"""`mkdocs-sxs extract PATH --format po|xliff|tmx|jsonl [--output DIR_OR_FILE]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.atomicio import write_bytes_atomic
from ..core.catalog import CatalogUnit, docs_root, iter_units, page_catalog_path
from ..core.formats import EXTENSIONS, FORMATS, jsonl_line, write_catalog
from .errors import UserError
from .progress import Progress


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="write the translation units of a docset as PO, XLIFF 2.0, TMX or JSONL",
        description="One unit per TU, keyed by page#id, with source, target, page:line, context and locale. "
        "--output FILE writes one catalog; --output DIR (an existing folder or a path ending in '/') writes "
        "one catalog per page and locale (DIR/<locale>/<page>.<ext>); without --output, stdout.",
    )
    parser.add_argument("path", help="a docs folder, or a project folder / mkdocs.yml (its docs_dir)")
    parser.add_argument("--format", choices=FORMATS, default="po")
    parser.add_argument("--output", "-o", help="catalog file or folder (default: stdout)")
    parser.add_argument("--locale", help="locale for pages without ms.contentlocale")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        root = docs_root(args.path)
    except FileNotFoundError as error:
        raise UserError(str(error)) from error
    units = iter_units(root, Progress("extract"), default_locale=args.locale)
    output = args.output
    if output is None:
        if args.format == "jsonl":
            for unit in units:
                sys.stdout.write(jsonl_line(unit))
        else:
            sys.stdout.buffer.write(write_catalog(units, args.format))
        sys.stdout.flush()
        return 0
    target = Path(output)
    if target.is_dir() or output.endswith(("/", "\\")):
        written = write_per_page(units, target, args.format)
        print(f"extract: wrote {written} catalogs under {target}", file=sys.stderr)
        return 0
    write_bytes_atomic(target, write_catalog(units, args.format))
    return 0


def write_per_page(units: object, folder: Path, fmt: str) -> int:
    """One catalog per page and locale; pages without units get none."""
    by_page: dict[tuple[str, str | None], list[CatalogUnit]] = {}
    for unit in units:  # type: ignore[attr-defined]
        by_page.setdefault((unit.page, unit.locale), []).append(unit)
    for (page, locale), page_units in by_page.items():
        write_bytes_atomic(page_catalog_path(folder, locale, page, EXTENSIONS[fmt]), write_catalog(page_units, fmt))
    return len(by_page)
