"""`mkdocs-sxs qa PATH [--format text|json|sarif] [--output FILE] [--level CHECK=LEVEL]`."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from .. import __version__
from ..core.annotations.find import find_annotations
from ..core.annotations.qa import annotation_findings
from ..core.reader.model import LEVEL_ERROR, LEVEL_INFO, LEVEL_WARNING
from ..core.translation.catalog import docs_root, iter_pages
from ..core.translation.postedits import load_translations, page_post_edits, with_targets
from ..core.translation.qa import CHECKS, LEVELS, QaChecker, parse_levels
from ..core.translation.qa_report import REPORT_FORMATS, json_report, sarif_report, text_report
from ..core.translation.ui_catalogs import check_ui_catalogs, ui_catalog_paths
from .errors import UserError
from .output import checked_output, terminal_safe, write_output
from .progress import Progress, print_summary


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    checks = ", ".join(f"{name} ({level})" for name, (level, _) in CHECKS.items())
    parser = subparsers.add_parser(
        "qa",
        help="check every translation unit pair (exit 1 on error-level findings)",
        description=f"Checks and their default levels: {checks}.",
    )
    parser.add_argument("path", help="a docs folder, or a project folder / mkdocs.yml (its docs_dir); "
                        "or a .po file / a folder of .po catalogs of UI strings")
    parser.add_argument("--format", choices=REPORT_FORMATS, default="text")
    parser.add_argument("--output", "-o", help="write the report to FILE (default: stdout)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing --output file")
    parser.add_argument("--translations", metavar="DIR",
                        help="check pages with the post-edits of the catalogs in DIR in place (stale ones reported)")
    parser.add_argument("--level", action="append", default=[], metavar="CHECK=LEVEL",
                        help=f"set a check's level ({', '.join(LEVELS)}); 'all=LEVEL' for every check; repeatable")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        levels = parse_levels(args.level)
    except ValueError as error:
        raise UserError(f"--level {error}") from error
    output = checked_output(args.output, force=args.force) if args.output else None
    ui_catalogs = ui_catalog_paths(args.path)
    if ui_catalogs is not None:  # gettext catalogs of UI strings (ours: mkdocs_sxs/locales)
        root = Path(args.path).resolve() if Path(args.path).is_dir() else Path(args.path).resolve().parent
        return _report(args, check_ui_catalogs([path.resolve() for path in ui_catalogs], root, levels), root,
                       output)
    try:
        root = docs_root(args.path)
    except FileNotFoundError as error:
        raise UserError(str(error)) from error
    checker = QaChecker(levels)
    entries: dict = {}
    if args.translations:
        if not Path(args.translations).is_dir():
            raise UserError(f"--translations {args.translations}: no such folder")
        entries, problems = load_translations(args.translations)
        for problem in problems:
            print(terminal_safe(problem.message), file=sys.stderr)
    findings = []
    annotated = []
    progress = Progress("qa")
    units = 0
    for page, _raw in iter_pages(root, progress):
        units += len(page.units)
        edits = page_post_edits(page, entries.get(page.path, []), page.locale) if entries else None
        if edits is not None:
            for stale in edits.stale:
                print(terminal_safe(stale.message()), file=sys.stderr)
            for problem in edits.problems:
                print(terminal_safe(f"{page.path}: {problem.message}"), file=sys.stderr)
            page = with_targets(page, edits.overrides)
        findings.extend(checker.check_page(page))
        annotated.append(find_annotations(page))
    findings.extend(annotation_findings(annotated, levels))
    return _report(args, findings, root, output, pages=progress.pages, units=units)


def _report(args: argparse.Namespace, findings: list, root: Path, output: Path | None, *, pages: int = 0,
            units: int = 0) -> int:
    if args.format == "json":
        report = json_report(findings)
    elif args.format == "sarif":
        report = sarif_report(findings, tool_version=__version__, base_uri=root.as_uri() + "/")
    else:
        report = terminal_safe(text_report(findings))
    if output is not None:
        write_output(output, report)
    else:
        sys.stdout.write(report)
        sys.stdout.flush()
    counts = Counter(finding.level for finding in findings)
    where = f"; report in {args.output}" if args.output else ""
    print_summary(f"qa: {pages} pages, {units} units: {counts[LEVEL_ERROR]} errors, "
                  f"{counts[LEVEL_WARNING]} warnings, {counts[LEVEL_INFO]} info{where}", to_file=bool(args.output))
    return 1 if any(finding.level == LEVEL_ERROR for finding in findings) else 0
