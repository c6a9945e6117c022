"""Full build of each DocFX docset: our `mkdocs-sxs init` config against plain Material, in the same run.

Plain Material = the docset as docs_dir, theme material, nothing else (MkDocs'
own navigation of every page, the default search plugin). Ours = the mkdocs.yml
that `mkdocs-sxs init` writes. Both builds run one after the other as child
processes; the result is the ratio of wall time, of CPU time (user+sys, less
sensitive to other load on a shared machine) and of the output size.

    python3 benchmarks/docfx_site.py [--docsets partner-center,marketplace,dynamics] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support import mkdocs_build_command, mkdocs_env, timed_run  # noqa: E402

DOCSETS = {
    "partner-center": "partner-center.cs-CZ/partner-center",
    "marketplace": "partner-center.cs-CZ/marketplace",
    "dynamics": "dynamics-365-operations.cs-CZ/articles",
}


def _tree_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _build(config: Path, env: dict[str, str]) -> tuple[float, float]:
    run = timed_run(mkdocs_build_command(config, "-q"), env, check=True,
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return run.wall_seconds, run.cpu_seconds


def run(name: str, docset: Path, work: Path, env: dict[str, str]) -> dict[str, float]:
    plain = work / f"{name}-plain.yml"
    plain.write_text(
        f"site_name: {name}\ndocs_dir: {docset}\nsite_dir: {work / (name + '-plain')}\ntheme:\n  name: material\n",
        encoding="utf-8")
    ours = work / f"{name}-sxs.yml"
    subprocess.run([sys.executable, "-m", "mkdocs_sxs", "init", str(docset), "--output", str(ours), "--site-dir",
                    str(work / (name + "-sxs")), "--force"], check=True, env=env, stdout=subprocess.DEVNULL)
    plain_wall, plain_cpu = _build(plain, env)
    plain_size = _tree_size(work / f"{name}-plain")
    shutil.rmtree(work / f"{name}-plain")
    ours_wall, ours_cpu = _build(ours, env)
    ours_size = _tree_size(work / f"{name}-sxs")
    shutil.rmtree(work / f"{name}-sxs")
    return {
        "plain_wall": plain_wall, "plain_cpu": plain_cpu, "plain_mb": plain_size / 1e6,
        "ours_wall": ours_wall, "ours_cpu": ours_cpu, "ours_mb": ours_size / 1e6,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docsets", default="partner-center,marketplace,dynamics")
    parser.add_argument("--corpus", default=os.environ.get("SXS_CORPUS", str(ROOT.parent / "shared" / "corpus")))
    args = parser.parse_args()
    env = mkdocs_env()
    print("| docset | plain Material: wall / CPU / size | ours: wall / CPU / size | time ratio (wall, CPU) "
          "| size ratio |")
    print("| --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory(prefix="sxs-bench-") as tmp:
        for name in args.docsets.split(","):
            r = run(name, Path(args.corpus, DOCSETS[name]), Path(tmp), env)
            print(f"| {name} | {r['plain_wall']:.1f} s / {r['plain_cpu']:.1f} s / {r['plain_mb']:.0f} MB "
                  f"| {r['ours_wall']:.1f} s / {r['ours_cpu']:.1f} s / {r['ours_mb']:.0f} MB "
                  f"| {r['ours_wall'] / r['plain_wall']:.2f}×, {r['ours_cpu'] / r['plain_cpu']:.2f}× "
                  f"| {r['ours_mb'] / r['plain_mb']:.3f}× |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
