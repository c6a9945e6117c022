"""Three Partner Center locales as one site: `mkdocs-sxs build-locales` against building them one by one.

Both sides build the same project (`mkdocs-sxs init cs-CZ fr-FR ko-KR`):
"one by one" runs `mkdocs build -f mkdocs.<locale>.yml` for each locale in
turn (what a user without build-locales would script); "build-locales" runs
them side by side (`--jobs`, default the CPU count) and adds the root page,
sitemap index and combined link report. Rounds alternate the order; the
result is the ratio of median wall time (the user's wait) and of CPU time.

    python3 benchmarks/build_locales.py [--rounds 3] [--jobs N] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support import mkdocs_build_command, mkdocs_env, timed_run  # noqa: E402

LOCALES = ("cs-CZ", "fr-FR", "ko-KR")


def one_by_one(project: Path, env: dict[str, str]) -> tuple[float, float]:
    wall = cpu = 0.0
    for tag in LOCALES:
        run = timed_run(mkdocs_build_command(project / f"mkdocs.{tag.lower()}.yml", "-q"), env, cwd=project,
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall, cpu = wall + run.wall_seconds, cpu + run.cpu_seconds
    return wall, cpu


def side_by_side(project: Path, env: dict[str, str], jobs: int) -> tuple[float, float]:
    command = [sys.executable, "-m", "mkdocs_sxs", "build-locales", str(project / "locales.yml")]
    if jobs:
        command += ["--jobs", str(jobs)]
    run = timed_run(command, env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return run.wall_seconds, run.cpu_seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--corpus", default=os.environ.get("SXS_CORPUS", str(ROOT.parent / "shared" / "corpus")))
    args = parser.parse_args()
    env = mkdocs_env()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        docsets = [str(Path(args.corpus) / f"partner-center.{tag}" / "partner-center") for tag in LOCALES]
        subprocess.run([sys.executable, "-m", "mkdocs_sxs", "init", *docsets, "--output", str(project)],
                       env=env, check=True, stdout=subprocess.DEVNULL)
        results: dict[str, list[tuple[float, float]]] = {"one by one": [], "build-locales": []}
        for round_number in range(args.rounds):
            order = ["one by one", "build-locales"] if round_number % 2 == 0 else ["build-locales", "one by one"]
            for name in order:
                measured = one_by_one(project, env) if name == "one by one" else side_by_side(project, env, args.jobs)
                results[name].append(measured)
                print(f"round {round_number + 1}: {name}: {measured[0]:.1f} s wall, {measured[1]:.1f} s CPU",
                      flush=True)
    medians = {name: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
               for name, runs in results.items()}
    (seq_wall, seq_cpu), (par_wall, par_cpu) = medians["one by one"], medians["build-locales"]
    print(f"\nCPUs: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.1f}")
    print("| | wall (median) | CPU (median) |\n| --- | --- | --- |")
    print(f"| one by one (3 x mkdocs build) | {seq_wall:.1f} s | {seq_cpu:.1f} s |")
    print(f"| mkdocs-sxs build-locales | {par_wall:.1f} s | {par_cpu:.1f} s |")
    print(f"| ratio | {par_wall / seq_wall:.2f}x | {par_cpu / seq_cpu:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
