"""`mkdocs-sxs extract PATH --format po|xliff|xliff12|tmx|jsonl [--output DIR_OR_FILE]`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..core.files.atomicio import write_bytes_atomic
from ..core.files.safe_paths import UnsafePathError, resolve_output
from ..core.translation.catalog import CatalogUnit, docs_root, iter_pages, iter_units, page_catalog_path
from ..core.translation.formats import (
    EXTENSIONS,
    FORMAT_OF_SUFFIX,
    FORMATS,
    CatalogError,
    page_jsonl,
    read_catalog,
    write_catalog,
)
from ..core.translation.postedits import keep_post_edits
from .errors import UserError
from .progress import Progress, print_summary


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="write the translation units of a docset as PO, XLIFF 2.0 or 1.2, TMX or JSONL",
        description="One unit per TU, keyed by page#id, with source, target, page:line, context and locale. "
        "--output FILE writes one catalog; --output DIR (an existing folder or a path ending in '/') writes "
        "one catalog per page and locale (DIR/<locale>/<page>.<ext>); without --output, stdout.",
    )
    parser.add_argument("path", help="a docs folder, or a project folder / mkdocs.yml (its docs_dir)")
    parser.add_argument("--format", choices=FORMATS, default=None,
                        help="po, xliff (XLIFF 2.0), xliff12 (XLIFF 1.2: Weblate, CAT tools), tmx, jsonl "
                        "(default: from the --output file's extension, else po)")
    parser.add_argument("--output", "-o", help="catalog file or folder (default: stdout)")
    parser.add_argument("--locale", help="locale for pages without ms.contentlocale")
    parser.add_argument("--force", action="store_true",
                        help="overwrite catalogs even where post-edits in them would be lost (stale or gone)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        root = docs_root(args.path)
    except FileNotFoundError as error:
        raise UserError(str(error)) from error
    progress = Progress("extract")
    counted = [0]
    try:
        return _run(args, root, progress, counted)
    finally:
        where = f" to {args.output}" if args.output else ""
        print_summary(f"extract: {counted[0]} units from {progress.pages} pages ({args.format}){where}",
                      to_file=bool(args.output))


def _count(units: Iterable[CatalogUnit], counted: list[int]) -> Iterator[CatalogUnit]:
    for unit in units:
        counted[0] += 1
        yield unit


def _jsonl_chunks(root: Path, progress: Progress, locale: str | None, counted: list[int]) -> Iterator[str]:
    for page, raw in iter_pages(root, progress):
        counted[0] += len(page.units)
        yield page_jsonl(page, raw, locale)


def _run(args: argparse.Namespace, root: Path, progress: Progress, counted: list[int]) -> int:
    output = args.output
    target = Path(output) if output is not None else None
    per_page = target is not None and (target.is_dir() or output.endswith(("/", "\\")))
    args.format = _format(args.format, None if per_page else target)
    if target is not None and not per_page:
        _check_file_output(target)
    if per_page:
        units = _count(iter_units(root, progress, default_locale=args.locale), counted)
        written, kept_back = write_per_page(units, target, args.format, force=args.force)
        print(f"extract: wrote {written} catalogs under {target}", file=sys.stderr)
        return 1 if kept_back else 0
    if target is not None and target.exists():
        units = list(_count(iter_units(root, progress, default_locale=args.locale), counted))
        return 0 if write_merged(target, units, args.format, force=args.force) else 1
    if args.format == "jsonl":
        # The lean path: JSONL straight from each parsed page, streamed.
        chunks = _jsonl_chunks(root, progress, args.locale, counted)
        if target is None:
            for chunk in chunks:
                sys.stdout.write(chunk)
            sys.stdout.flush()
        else:
            write_bytes_atomic(target, "".join(chunks).encode("utf-8"))
        return 0
    data = write_catalog(_count(iter_units(root, progress, default_locale=args.locale), counted), args.format)
    if target is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_bytes_atomic(target, data)
    return 0


def _format(requested: str | None, target: Path | None) -> str:
    """The catalog format: as requested, else from the output file's extension; a mismatch is refused."""
    implied = FORMAT_OF_SUFFIX.get(target.suffix.lower()) if target is not None else None
    if requested is None:
        return implied or "po"
    if implied is not None and EXTENSIONS[implied] != EXTENSIONS[requested]:  # .xlf holds XLIFF 1.2 or 2.0
        raise UserError(f"--output {target} is a {implied} file name but --format is {requested}; name the file "
                        f"*{EXTENSIONS[requested]} or leave --format out to write {implied}")
    return requested


def _check_file_output(target: Path) -> None:
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise UserError(f"--output {target}: the folder {parent} does not exist; create it first, or end the "
                        "path with '/' to write one catalog per page there")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise UserError(f"--output {target}: the folder {parent} is not writable")


def write_merged(path: Path, units: list[CatalogUnit], fmt: str, *, force: bool = False) -> bool:
    """Write a catalog, carrying the post-edits of the file it replaces; False when it was kept back."""
    if path.exists():
        try:
            existing = read_catalog(path)
        except CatalogError as error:
            raise UserError(f"{error}; move the file away or fix it before extracting over it") from error
        units, lost = keep_post_edits(units, existing)
        if lost:
            for entry in lost:
                print(f"{entry.origin}: post-edit of unit {entry.id} would be lost (the English source changed or "
                      "the unit is gone)", file=sys.stderr)
            if not force:
                print(f"extract: {path} not rewritten: it holds post-edits that would be lost; apply or move them, "
                      "or use --force", file=sys.stderr)
                return False
    write_bytes_atomic(path, write_catalog(units, fmt))
    return True


def write_per_page(units: Iterable[CatalogUnit], folder: Path, fmt: str, *, force: bool = False) -> tuple[int, int]:
    """One catalog per page and locale (pages without units get none); (written, kept back)."""
    by_page: dict[tuple[str, str | None], list[CatalogUnit]] = {}
    for unit in units:
        by_page.setdefault((unit.page, unit.locale), []).append(unit)
    written = kept_back = 0
    for (page, locale), page_units in by_page.items():
        try:  # `ms.contentlocale: ../../x` or an absolute path must not leave the output folder
            path = resolve_output(folder, page_catalog_path(Path(), locale, page, EXTENSIONS[fmt]).as_posix())
        except UnsafePathError as error:
            print(f"extract: {page}: catalog path {error}; not written (fix ms.contentlocale)", file=sys.stderr)
            kept_back += 1
            continue
        if write_merged(path, page_units, fmt, force=force):
            written += 1
        else:
            kept_back += 1
    return written, kept_back
