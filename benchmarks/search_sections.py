"""Build CPU time with our search-section scanner against Material's own parser, in the same run.

For each docset: the mkdocs.yml that `mkdocs-sxs init` writes, built as a child
process with `search_fast_index: false` (Material's html.parser pass: the
baseline) and with `search_fast_index: true` (core/search/sections.py),
alternating, `--rounds` times each. The best CPU time (user+sys) of each
variant counts, wall time is shown too. Both builds must write the same
`search/search_index.json` (checked, byte for byte).

With `--pages`, the splitting alone instead (steadier on a busy machine): one
build in this process records each page's HTML as Material's search plugin
gets it, then Material's parser and `split_sections` split all of them,
alternating, `--rounds` times; the best CPU time of each counts.

    python3 benchmarks/search_sections.py [--docsets partner-center,dynamics-hr] [--rounds 2] [--corpus DIR] [--pages]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DOCSETS = {
    "partner-center": "partner-center.cs-CZ/partner-center",
    "dynamics-hr": "dynamics-365-operations.cs-CZ/articles/human-resources",
    "dynamics-commerce": "dynamics-365-operations.cs-CZ/articles/commerce",
    "dynamics": "dynamics-365-operations.cs-CZ/articles",
}


def _build(config: Path, env: dict[str, str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], check=True, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _variant(config: Path, fast: bool, site_dir: Path) -> Path:
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["site_dir"] = str(site_dir)
    for entry in data["plugins"]:
        if isinstance(entry, dict) and "sxs" in entry:
            entry["sxs"] = dict(entry["sxs"] or {}, search_fast_index=fast)
    path = config.with_name(f"{config.stem}-{'fast' if fast else 'material'}.yml")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def run(name: str, docset: Path, work: Path, env: dict[str, str], rounds: int) -> dict[str, float | bool]:
    config = work / f"{name}.yml"
    subprocess.run([sys.executable, "-m", "mkdocs_sxs", "init", str(docset), "--output", str(config), "--force"],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    sites = {fast: work / f"{name}-{'fast' if fast else 'material'}" for fast in (False, True)}
    configs = {fast: _variant(config, fast, sites[fast]) for fast in (False, True)}
    best: dict[bool, tuple[float, float]] = {}
    for _ in range(rounds):
        for fast in (False, True):
            wall, cpu = _build(configs[fast], env)
            if fast not in best or cpu < best[fast][1]:
                best[fast] = (wall, cpu)
    same = all((sites[fast] / "search" / "search_index.json").read_bytes()
               == (sites[False] / "search" / "search_index.json").read_bytes() for fast in (True,))
    return {"material_wall": best[False][0], "material_cpu": best[False][1],
            "fast_wall": best[True][0], "fast_cpu": best[True][1], "same_index": same}


def split_pages(name: str, docset: Path, work: Path, env: dict[str, str], rounds: int) -> dict[str, float]:
    """CPU seconds Material's parser and split_sections take over the same pages (no build around them)."""
    from material.plugins.search import plugin as material_search
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs_sxs.core.search.sections import split_sections

    config = work / f"{name}.yml"
    subprocess.run([sys.executable, "-m", "mkdocs_sxs", "init", str(docset), "--output", str(config), "--force"],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    pages: list[str] = []
    original = material_search.SearchIndex.add_entry_from_context

    def record(index: object, page: object) -> None:
        pages.append(page.content)  # type: ignore[attr-defined]
        original(index, page)  # type: ignore[arg-type]

    material_search.SearchIndex.add_entry_from_context = record  # type: ignore[method-assign]
    try:
        build(load_config(str(_variant(config, False, work / f"{name}-pages"))))
    finally:
        material_search.SearchIndex.add_entry_from_context = original  # type: ignore[method-assign]

    def material() -> None:
        for html in pages:
            parser = material_search.Parser()
            parser.feed(html)
            parser.close()

    def ours() -> None:
        for html in pages:
            split_sections(html)

    best = {"material": float("inf"), "ours": float("inf")}
    for _ in range(rounds):
        for label, run_once in (("material", material), ("ours", ours)):
            start = time.process_time()
            run_once()
            best[label] = min(best[label], time.process_time() - start)
    covered = sum(split_sections(html) is not None for html in pages)
    return {"pages": len(pages), "covered": covered, **best}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docsets", default="partner-center,dynamics-hr")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--corpus", default=os.environ.get("SXS_CORPUS", str(ROOT.parent / "shared" / "corpus")))
    parser.add_argument("--pages", action="store_true", help="time the splitting alone, in this process")
    args = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "plugins"), NO_MKDOCS_2_WARNING="1")
    if args.pages:
        sys.path.insert(0, str(ROOT / "plugins"))
        os.environ["NO_MKDOCS_2_WARNING"] = "1"
        print("| docset | pages (fast path) | Material's parser CPU | split_sections CPU | ratio |")
        print("| --- | --- | --- | --- | --- |")
        with tempfile.TemporaryDirectory(prefix="sxs-search-bench-") as tmp:
            for name in args.docsets.split(","):
                r = split_pages(name, Path(args.corpus, DOCSETS[name]), Path(tmp), env, args.rounds)
                print(f"| {name} | {r['pages']:.0f} ({r['covered']:.0f}) | {r['material']:.2f} s | {r['ours']:.2f} s "
                      f"| {r['ours'] / r['material']:.3f}× |", flush=True)
        return 0
    print("| docset | Material's parser: wall / CPU | search_sections: wall / CPU | CPU saved | CPU ratio "
          "| same search_index.json |")
    print("| --- | --- | --- | --- | --- | --- |")
    failed = False
    with tempfile.TemporaryDirectory(prefix="sxs-search-bench-") as tmp:
        for name in args.docsets.split(","):
            r = run(name, Path(args.corpus, DOCSETS[name]), Path(tmp), env, args.rounds)
            failed |= not r["same_index"]
            print(f"| {name} | {r['material_wall']:.1f} s / {r['material_cpu']:.1f} s "
                  f"| {r['fast_wall']:.1f} s / {r['fast_cpu']:.1f} s "
                  f"| {r['material_cpu'] - r['fast_cpu']:.1f} s "
                  f"| {r['fast_cpu'] / r['material_cpu']:.3f}× | {'yes' if r['same_index'] else 'NO'} |", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
