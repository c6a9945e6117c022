"""`mkdocs-sxs extract PATH --format po|xliff|tmx|jsonl [--output DIR_OR_FILE]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.atomicio import write_bytes_atomic
from ..core.catalog import CatalogUnit, docs_root, iter_pages, iter_units, page_catalog_path
from ..core.formats import EXTENSIONS, FORMATS, page_jsonl, write_catalog
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
    progress = Progress("extract")
    output = args.output
    target = Path(output) if output is not None else None
    if target is not None and (target.is_dir() or output.endswith(("/", "\\"))):
        units = iter_units(root, progress, default_locale=args.locale)
        written = write_per_page(units, target, args.format)
        print(f"extract: wrote {written} catalogs under {target}", file=sys.stderr)
        return 0
    if args.format == "jsonl":
        # The lean path: JSONL straight from each parsed page, streamed.
        chunks = (page_jsonl(page, raw, args.locale) for page, raw in iter_pages(root, progress))
        if target is None:
            for chunk in chunks:
                sys.stdout.write(chunk)
            sys.stdout.flush()
        else:
            write_bytes_atomic(target, "".join(chunks).encode("utf-8"))
        return 0
    data = write_catalog(iter_units(root, progress, default_locale=args.locale), args.format)
    if target is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_bytes_atomic(target, data)
    return 0


def write_per_page(units: object, folder: Path, fmt: str) -> int:
    """One catalog per page and locale; pages without units get none."""
    by_page: dict[tuple[str, str | None], list[CatalogUnit]] = {}
    for unit in units:  # type: ignore[attr-defined]
        by_page.setdefault((unit.page, unit.locale), []).append(unit)
    for (page, locale), page_units in by_page.items():
        write_bytes_atomic(page_catalog_path(folder, locale, page, EXTENSIONS[fmt]), write_catalog(page_units, fmt))
    return len(by_page)
