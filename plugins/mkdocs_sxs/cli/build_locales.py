"""`mkdocs-sxs build-locales [locales.yml]`: build every locale of a multi-locale site, side by side.

Each locale is an ordinary `mkdocs build` of its own config (own search
index, link check, `<html lang>`), run as separate processes at once (up to
`--jobs`, default: the number of CPUs), so three locales take about as long
as the slowest one on a machine with three cores, and never longer than
building them one by one. Then the site gets what belongs to no single
locale: the root page (x-default: the reader's browser language, else the
default locale), the sitemap index, and one link-check report of all locales.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..core.files.atomicio import write_bytes_atomic
from ..core.linkcheck.reports import FORMATS, render
from ..core.locales.alternates import LocaleSite
from ..core.locales.linkreports import ReportError, combine, read_report
from ..core.locales.manifest import MANIFEST_NAME, LocaleEntry, LocaleManifest, ManifestError, load_manifest
from ..core.locales.markup import root_index_html, sitemap_index
from .errors import UserError


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "build-locales", help="build every locale of a multi-locale site (written by `init A B C`)",
        description=__doc__.splitlines()[0].split(": ", 1)[1] if __doc__ else None)
    parser.add_argument("manifest", nargs="?", default=MANIFEST_NAME,
                        help=f"the {MANIFEST_NAME} (or its folder) that `mkdocs-sxs init` wrote "
                        f"(default: ./{MANIFEST_NAME})")
    parser.add_argument("--jobs", "-j", type=int, default=0, help="builds at once (default: number of CPUs)")
    parser.add_argument("--strict", action="store_true", help="pass --strict to each mkdocs build")
    parser.add_argument("--only", action="append", default=[], metavar="LOCALE",
                        help="build only this locale (its path or tag; repeatable); the others keep their last build")
    parser.add_argument("--link-report", metavar="FILE",
                        help="write the combined link check of all locales here (default: reports/links.<ext>)")
    parser.add_argument("--format", choices=sorted(FORMATS), default="json", help="format of --link-report")
    parser.set_defaults(run=run)


def _manifest(path: str) -> LocaleManifest:
    candidate = Path(path)
    if candidate.is_dir():
        candidate = candidate / MANIFEST_NAME
    try:
        return load_manifest(candidate)
    except ManifestError as error:
        raise UserError(str(error)) from None


def _report_path(manifest: LocaleManifest, entry: LocaleEntry) -> Path:
    return manifest.folder / "reports" / f"links.{entry.path}.json"


def build_one(manifest: LocaleManifest, entry: LocaleEntry, strict: bool) -> tuple[LocaleEntry, int, str, float]:
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(manifest.config_file(entry))]
    if strict:
        command.append("--strict")
    started = time.perf_counter()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(command, cwd=manifest.folder, env=env, text=True, capture_output=True, check=False)
    return entry, result.returncode, result.stdout + result.stderr, time.perf_counter() - started


def run(args: argparse.Namespace) -> int:
    manifest = _manifest(args.manifest)
    for entry in manifest.locales:
        if not manifest.config_file(entry).is_file():
            raise UserError(f"{manifest.file}: locale {entry.tag}: config {entry.config} does not exist; "
                            "rewrite the project with `mkdocs-sxs init … --force`")
    chosen = [entry for entry in manifest.locales
              if not args.only or entry.path in args.only or entry.tag in args.only]
    if not chosen:
        raise UserError(f"--only {', '.join(args.only)}: no such locale ({', '.join(e.tag for e in manifest.locales)})")
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    for entry in chosen:  # a failed build must not leave last run's report behind
        _report_path(manifest, entry).unlink(missing_ok=True)
    failed = []
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(chosen)))) as pool:
        for entry, code, output, seconds in pool.map(lambda e: build_one(manifest, e, args.strict), chosen):
            for line in output.splitlines():
                print(f"[{entry.tag}] {line}", file=sys.stderr)
            print(f"[{entry.tag}] {'built' if code == 0 else 'FAILED'} in {seconds:.1f} s", file=sys.stderr)
            if code != 0:
                failed.append(entry.tag)
    site_dir = manifest.folder / manifest.site_dir
    site_dir.mkdir(parents=True, exist_ok=True)
    names = LocaleSite(manifest, manifest.default_entry, pages={}).display_names()
    write_bytes_atomic(site_dir / "index.html", root_index_html(manifest, names).encode("utf-8"))
    if manifest.site_url:
        write_bytes_atomic(site_dir / "sitemap.xml", sitemap_index(manifest).encode("utf-8"))
    code = _link_report(manifest, args)
    print(f"built {len(chosen) - len(failed)} of {len(chosen)} locale(s) in {time.perf_counter() - started:.1f} s "
          f"into {site_dir}", file=sys.stderr)
    if failed:
        print(f"build-locales: failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return code


def _link_report(manifest: LocaleManifest, args: argparse.Namespace) -> int:
    """One report of every locale's link check (each build wrote its own JSON report)."""
    reports = {}
    for entry in manifest.locales:
        path = _report_path(manifest, entry)
        if path.is_file():
            try:
                reports[entry.path] = read_report(path)
            except ReportError as error:
                print(f"build-locales: {error}", file=sys.stderr)
    if not reports:
        return 0
    combined = combine(manifest, reports)
    extension = {"json": "json", "sarif": "sarif", "junit": "xml", "text": "txt", "github": "txt"}[args.format]
    output = Path(args.link_report) if args.link_report else manifest.folder / "reports" / f"links.{extension}"
    write_bytes_atomic(output, render(combined, args.format).encode("utf-8"))
    print(f"{combined.summary()} (all locales; report: {output})", file=sys.stderr)
    return 1 if combined.has_errors else 0
