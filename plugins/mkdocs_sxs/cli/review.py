"""`mkdocs-sxs review PATH [--port N] [--bind ADDR]`: review and post-edit units on the served site."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from .errors import UserError

LOOPBACK = ("127.0.0.1", "localhost")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "review",
        help="serve the site with an editor on every unit; post-edits go into translations/<locale>/<page>.po",
        description="Builds the project once, then serves it on 127.0.0.1 with review mode: open a unit (click, "
        "or Enter on a focused unit) to see the English source, the machine translation, the current post-edit "
        "and its QA findings; Ctrl+Enter saves into the catalogs extract/qa/apply/build use, and the page shows "
        "the edit at once. Stop with Ctrl+C.",
    )
    parser.add_argument("path", nargs="?", default=".", help="a project folder or its mkdocs.yml (default: .)")
    parser.add_argument("--port", "-p", type=int, default=8000, help="port (default 8000; 0: any free port)")
    parser.add_argument("--bind", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1; anything else exposes the editor)")
    parser.add_argument("--locale", help="locale for pages without ms.contentlocale")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    config = Path(args.path)
    if config.is_dir():
        config = config / "mkdocs.yml"
    if not config.is_file():
        raise UserError(f"{args.path}: no mkdocs.yml here (give a project folder or its mkdocs.yml)")
    if args.bind not in LOOPBACK:
        print(f"review: warning: listening on {args.bind}: anyone who can reach it and load a page can edit "
              "the catalogs", file=sys.stderr)
    from ..review.server import start, stop
    from ..review.site import ReviewSite

    with tempfile.TemporaryDirectory(prefix="sxs-review-") as site_dir:
        site = ReviewSite(config, site_dir)
        print("review: building the site …", file=sys.stderr)
        try:
            server, thread = start(site, args.bind, args.port, args.locale)
        except OSError as error:
            raise UserError(f"cannot listen on {args.bind}:{args.port} ({error.strerror}); try --port 0") from error
        print(f"review: serving {server.url} (catalogs in {server.edits.translations}); Ctrl+C stops",
              file=sys.stderr)
        try:
            thread.join()
        except KeyboardInterrupt:
            print("review: stopped", file=sys.stderr)
        finally:
            stop(server, thread)
    return 0
