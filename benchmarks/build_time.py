"""Build time of the `sxs` plugin against plain MkDocs + Material, in one run.

For each docset, two MkDocs configs that differ only by the `sxs` plugin
(same docs_dir, same automatic nav, same theme, features, search and
Markdown extensions) are built alternately in subprocesses; the ratio of
the best times is the result. CPU time (user + sys of the build process) is
the primary measure because the machine is shared; wall time is reported too.

    python3 benchmarks/build_time.py                      # both docsets, 3 rounds
    python3 benchmarks/build_time.py --docsets partner-center --rounds 5

The plugin runs with its defaults except `annotations: false`, `docfx:
false` and `docfx_markdown: false` (annotation pages are generated pages,
the DocFX adapter leaves out include files and builds the nav from TOC.yml,
DocFX Markdown expands includes: the two builds would not build the same
pages with the same nav; see "DocFX site build");
`--sxs-option key=value` changes options (repeatable; `--sxs-option` with
no value given keeps all defaults: `--sxs-option ""`).

Results are printed and written as JSON (default benchmarks/results/build_time.json).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support import mkdocs_build_command, mkdocs_config, mkdocs_env, timed_run  # noqa: E402

CORPUS = Path(os.environ.get("SXS_CORPUS", ROOT.parent / "shared" / "corpus")).resolve()
DOCSETS = {
    "partner-center": CORPUS / "partner-center.cs-CZ" / "partner-center",
    "dynamics-365": CORPUS / "dynamics-365-operations.cs-CZ" / "articles",
}
TARGET = 1.10


def write_config(workdir: Path, name: str, docs_dir: Path, with_sxs: bool, options: list[str]) -> Path:
    variant = "sxs" if with_sxs else "plain"
    path = workdir / f"{name}-{variant}.yml"
    pairs = dict((key.strip(), value.strip()) for key, value in (o.split("=", 1) for o in options if o.strip()))
    path.write_text(mkdocs_config(name, docs_dir, workdir / f"site-{name}-{variant}", sxs=pairs, with_sxs=with_sxs),
                    encoding="utf-8")
    return path


def timed_build(config: Path) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one `mkdocs build` in a subprocess."""
    run = timed_run(mkdocs_build_command(config, "-q"), mkdocs_env(),
                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if run.result.returncode != 0:
        raise SystemExit(f"build failed: {config}\n{run.result.stderr[-2000:]}")
    return run.cpu_seconds, run.wall_seconds


def count_pages(docs_dir: Path) -> int:
    return sum(1 for _ in docs_dir.rglob("*.md"))


def run(docsets: list[str], rounds: int, workdir: Path, options: list[str]) -> dict:
    results: dict = {"rounds": rounds, "python": platform.python_version(), "sxs_options": options, "docsets": {}}
    for name in docsets:
        docs_dir = DOCSETS[name]
        if not docs_dir.is_dir():
            raise SystemExit(f"corpus docset not found: {docs_dir} (set SXS_CORPUS)")
        configs = {with_sxs: write_config(workdir, name, docs_dir, with_sxs, options) for with_sxs in (False, True)}
        times: dict[str, list[tuple[float, float]]] = {"plain": [], "sxs": []}
        for number in range(rounds):
            # Alternate which variant goes first so drift in machine load hits both.
            order = (False, True) if number % 2 == 0 else (True, False)
            for with_sxs in order:
                cpu, wall = timed_build(configs[with_sxs])
                times["sxs" if with_sxs else "plain"].append((cpu, wall))
                print(f"  {name} {'sxs' if with_sxs else 'plain'} round {number + 1}: "
                      f"cpu {cpu:.1f} s, wall {wall:.1f} s", flush=True)
        best = {key: (min(c for c, _ in values), min(w for _, w in values)) for key, values in times.items()}
        entry = {
            "pages": count_pages(docs_dir),
            "plain_cpu_s": round(best["plain"][0], 2),
            "sxs_cpu_s": round(best["sxs"][0], 2),
            "plain_wall_s": round(best["plain"][1], 2),
            "sxs_wall_s": round(best["sxs"][1], 2),
            "ratio_cpu": round(best["sxs"][0] / best["plain"][0], 3),
            "ratio_wall": round(best["sxs"][1] / best["plain"][1], 3),
            "all_runs": {key: [[round(c, 2), round(w, 2)] for c, w in values] for key, values in times.items()},
        }
        results["docsets"][name] = entry
        verdict = "ok" if entry["ratio_cpu"] <= TARGET else f"OVER the {TARGET:.2f}x target"
        print(f"{name} ({entry['pages']} pages): plain {entry['plain_cpu_s']} s cpu, sxs {entry['sxs_cpu_s']} s cpu "
              f"-> ratio {entry['ratio_cpu']}x cpu, {entry['ratio_wall']}x wall ({verdict})", flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docsets", default=",".join(DOCSETS), help="comma-separated: " + ", ".join(DOCSETS))
    parser.add_argument("--rounds", type=int, default=3, help="builds per variant (best one counts)")
    parser.add_argument("--sxs-option", action="append", default=None, metavar="KEY=VALUE",
                        help="sxs plugin option (default: annotations=false docfx=false docfx_markdown=false)")
    parser.add_argument("--output", default=str(ROOT / "benchmarks" / "results" / "build_time.json"))
    args = parser.parse_args(argv)
    names = [name.strip() for name in args.docsets.split(",") if name.strip()]
    unknown = [name for name in names if name not in DOCSETS]
    if unknown:
        parser.error(f"unknown docset(s): {', '.join(unknown)}")
    with tempfile.TemporaryDirectory(prefix="sxs-bench-") as tmp:
        options = args.sxs_option if args.sxs_option is not None else [
            "annotations=false", "docfx=false", "docfx_markdown=false"]
        bad = [option for option in options if option.strip() and "=" not in option]
        if bad:
            parser.error(f"--sxs-option wants KEY=VALUE, got: {', '.join(bad)}")
        results = run(names, args.rounds, Path(tmp), options)
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
