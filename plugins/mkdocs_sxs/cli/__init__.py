"""`mkdocs-sxs`: the core's commands for people and CI, without a site build.

Each command lives in its own module with `add_parser(subparsers)` and
`run(args) -> int`; this module only dispatches and turns user errors into
one clear message and a non-zero exit (a traceback only with --debug).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from .. import __version__
from ..core.files.bounded_yaml import DEFAULT_LIMITS, YamlLimits, set_default_limits
from ..core.files.docfile import DocsetFileError
from ..core.files.safe_paths import UnsafePathError
from .errors import UserError
from .output import terminal_safe

# Command modules, in the order `--help` lists them.
COMMANDS = ("init", "build_locales", "check", "extract", "qa", "apply", "annotations", "review")

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mkdocs-sxs",
        description="Side-by-side (sxs) machine-translated docsets: check links, extract and apply "
        "translation units, report quality problems.",
    )
    parser.add_argument("--version", action="version", version=f"mkdocs-sxs {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    parser.add_argument("--yaml-max-aliases", type=int, default=DEFAULT_LIMITS.max_aliases, metavar="N",
                        help="alias uses allowed in one YAML document (default: %(default)s)")
    parser.add_argument("--yaml-max-nodes", type=int, default=DEFAULT_LIMITS.max_nodes, metavar="N",
                        help="values one YAML document may expand to through aliases (default: %(default)s)")
    parser.add_argument("--yaml-max-depth", type=int, default=DEFAULT_LIMITS.max_depth, metavar="N",
                        help="nesting of lists and mappings in one YAML document (default: %(default)s)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f".{name}", __name__)
        except ModuleNotFoundError as error:
            if error.name != f"{__name__}.{name}":
                raise
            continue
        module.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    set_default_limits(YamlLimits(max_aliases=args.yaml_max_aliases, max_nodes=args.yaml_max_nodes,
                                  max_depth=args.yaml_max_depth))
    try:
        return int(args.run(args))
    except UserError as error:
        if args.debug:
            raise
        print(terminal_safe(f"mkdocs-sxs {args.command}: error: {error}"), file=sys.stderr)
        return error.exit_code
    except (DocsetFileError, UnsafePathError) as error:
        if args.debug:
            raise
        print(terminal_safe(f"mkdocs-sxs {args.command}: error: {error}"), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("mkdocs-sxs: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
