"""`mkdocs-sxs annotations PATH`: who and what each guideline page is for.

Lists every page with its localized title, its roles and its "Applies to"
products (canonical English and localized names) as JSON or CSV; `--qa`
adds the info-level annotation findings (on stderr when the data goes to
stdout, so the data stays machine-readable).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys

from ..core.annotations.find import PageAnnotations, annotations_of_text
from ..core.annotations.index import CSV_FIELDS, csv_rows, report
from ..core.annotations.qa import annotation_problems
from ..core.files.config_paths import project_config
from ..core.files.docfile import DocsetFileError, read_text
from ..core.translation.catalog import docs_root
from .errors import UserError
from .output import checked_output, terminal_safe, write_output


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "annotations",
        help="list the 'Applies to' and 'Appropriate roles' annotations of a docset",
        description="List page, localized title, roles and applies-to (canonical English and localized) "
        "for every page of a docset.",
    )
    parser.add_argument("path", metavar="PATH", help="a docs folder, one Markdown file, or a project folder / "
                        "mkdocs.yml / properdocs.yml (its docs_dir)")
    parser.add_argument("--format", choices=("json", "csv"), default="json", help="output format (default: json)")
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    parser.add_argument("--force", action="store_true", help="overwrite an existing --output file")
    parser.add_argument("--qa", action="store_true", help="also report near-duplicate names, value count "
                        "mismatches and pages without roles (info level)")
    parser.set_defaults(run=run)


def markdown_files(path: str) -> list[tuple[str, str]]:
    """(absolute path, path shown in reports) of the Markdown files under `path`."""
    if path.lower().endswith((".yml", ".yaml")) and os.path.isfile(path) or \
            os.path.isdir(path) and project_config(path) is not None:
        path = str(docs_root(path))  # a project: its docs_dir
    if os.path.isfile(path):
        return [(path, os.path.basename(path))]
    if not os.path.isdir(path):
        raise UserError(f"{path}: no such file or folder; give a docs folder or a Markdown file")
    found = []
    for folder, dirs, names in os.walk(path):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(names):
            if name.lower().endswith(".md"):
                full = os.path.join(folder, name)
                found.append((full, os.path.relpath(full, path).replace(os.sep, "/")))
    return found


def read_annotations(path: str) -> list[PageAnnotations]:
    pages = []
    for full, shown in markdown_files(path):
        try:
            text = read_text(full, shown).text
        except DocsetFileError as error:  # names the file, line and column, and the fix
            raise UserError(str(error)) from error
        pages.append(annotations_of_text(text, shown))
    return pages


def render(pages: list[PageAnnotations], fmt: str) -> str:
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(csv_rows(pages))
        return buffer.getvalue()
    return json.dumps(report(pages), ensure_ascii=False, indent=1) + "\n"


def run(args: argparse.Namespace) -> int:
    output = checked_output(args.output, force=args.force) if args.output else None
    pages = read_annotations(args.path)
    data = render(pages, args.format)
    if output is not None:
        write_output(output, data)
    else:
        sys.stdout.write(data)
    if args.qa:
        stream = sys.stdout if args.output else sys.stderr
        problems = annotation_problems(pages)
        for problem in problems:
            print(terminal_safe(str(problem)), file=stream)
        print(f"{len(problems)} annotation finding(s) (info) in {len(pages)} page(s)", file=stream)
    return 0
