"""Big docsets, cold build: our `mkdocs-sxs init` config against Material + `navigation.prune`, same pages.

The baseline is what a Material user with a big site would build: the docset
as docs_dir (DocFX's default excludes: `includes/`, `obj/`), theme material
with `navigation.prune`, the `search` plugin. Ours is the mkdocs.yml that
`mkdocs-sxs init` writes (partial-export defaults when detected, workers on
both cores). Runs alternate (baseline, ours, baseline, ours, …) so both see
the same load on a shared machine; each child is measured for

- wall and CPU time (user+sys of the process tree),
- peak memory of the process tree, sampled every 0.1 s from /proc: the sum of
  PSS (shared pages of forked workers counted once, split between them) and
  the sum of RSS (shared pages counted in every process: an upper bound),
- WARNING lines in its log.

The load average is printed before each child: the machine may be shared.

    python3 benchmarks/big_docsets.py [--docsets dynamics,visualstudio] [--repeat 2] [--corpus DIR]
    python3 benchmarks/big_docsets.py --growth       # both engines, side by side, ~300 to 5,900 pages
    python3 benchmarks/big_docsets.py --verify-nav   # our site with and without nav fragments: same bytes

`--growth` builds areas of visualstudio-docs of growing size (each area a
docs_dir of its own, then the whole docset), so that the pages are of one
kind and only the count changes; both engines get `navigation.prune` at every
size (`init` writes it only from 1,000 pages on), so the navigation has the
same shape throughout.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import yaml  # noqa: E402
from support import mkdocs_build_command, mkdocs_env  # noqa: E402

DOCSETS = {
    "partner-center": "partner-center.cs-CZ/partner-center",
    "entity-framework": "entity-framework.cs-CZ/entity-framework",
    "dynamics": "dynamics-365-operations.cs-CZ/articles",
    "visualstudio": "visualstudio-docs.cs-CZ/docs",
}
# Pages both engines leave out, because Material + prune stops on them: Python 3.11's html.parser raises
# AssertionError on `<![, ]]>` in MkDocs' raw-HTML preprocessor (ours writes it as text); Material's search parser
# raises ValueError ('<li>' is not in list) on the second (ours indexes it).
EXCLUDED = {"visualstudio-docs.cs-CZ/docs": ["ide/reference/fonts-and-colors-environment-options-dialog-box.md",
                                             "modeling/walkthrough-debugging-a-text-template-that-accesses-a-model.md"]}

# visualstudio-docs areas of growing size, then the whole docset (pages as init counts them)
GROWTH = {
    "vs/profiling": "visualstudio-docs.cs-CZ/docs/profiling",            # 375
    "vs/debugger": "visualstudio-docs.cs-CZ/docs/debugger",              # 975
    "vs/extensibility": "visualstudio-docs.cs-CZ/docs/extensibility",    # 1,698
    "vs (whole)": "visualstudio-docs.cs-CZ/docs",                        # 5,815
}


@dataclass
class Run:
    wall: float
    cpu: float
    peak_pss_mib: float
    peak_rss_mib: float
    warnings: int
    pages: int


def _tree(pid: int) -> list[int]:
    """pid and its descendants (from /proc/*/stat parent ids)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        todo += children.get(current, [])
    return out


def _memory(pids: list[int]) -> tuple[int, int]:
    """(sum of PSS, sum of RSS) in KiB."""
    pss = rss = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1])
                    elif line.startswith("Rss:"):
                        rss += int(line.split()[1])
        except OSError:
            pass
    return pss, rss


def load() -> str:
    return "load average " + " ".join(f"{value:.1f}" for value in os.getloadavg())


def measure(command: list[str], env: dict[str, str], log: Path) -> Run:
    print(f"    {time.strftime('%H:%M:%S', time.gmtime())} UTC {load()}: {' '.join(command[-2:])}", flush=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with open(log, "w", encoding="utf-8") as out:
        child = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        peak_pss = peak_rss = 0
        while child.poll() is None:
            pss, rss = _memory(_tree(child.pid))
            peak_pss, peak_rss = max(peak_pss, pss), max(peak_rss, rss)
            time.sleep(0.1)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({child.returncode}); see {log}")
    text = log.read_text(encoding="utf-8", errors="replace")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu, peak_pss / 1024, peak_rss / 1024, sum(1 for line in text.splitlines()
                                                                  if line.startswith("WARNING")), 0)


def excluded(docset: Path) -> list[str]:
    return next((pages for key, pages in EXCLUDED.items() if docset.as_posix().endswith(key)), [])


def material_config(name: str, docset: Path, site: Path, path: Path) -> None:
    extra = "".join(f"  /{page}\n" for page in excluded(docset))
    path.write_text(
        f"site_name: {name}\ndocs_dir: {docset}\nsite_dir: {site}\n"
        f"exclude_docs: |\n  includes/\n  obj/\n{extra}"
        "theme:\n  name: material\n  features:\n    - navigation.prune\nplugins:\n  - search\n"
        "validation:\n  links:\n    absolute_links: info\n    unrecognized_links: info\n"
        "  nav:\n    omitted_files: info\n", encoding="utf-8")


def our_config(docset: Path, site: Path, path: Path, env: dict[str, str], *, prune: bool = False,
               sxs: dict | None = None) -> None:
    subprocess.run([sys.executable, "-m", "mkdocs_sxs", "init", str(docset), "--output", str(path), "--site-dir",
                    str(site), "--force"], check=True, env=env, stdout=subprocess.DEVNULL)
    if prune or sxs or excluded(docset):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if prune and "navigation.prune" not in data["theme"]["features"]:
            data["theme"]["features"].append("navigation.prune")
        data["plugins"][1]["sxs"].update(sxs or {})
        if excluded(docset):
            data["exclude_docs"] = "".join(f"/{page}\n" for page in excluded(docset))
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def pages_of(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


def compare(name: str, docset: Path, work: Path, env: dict[str, str], repeat: int) -> None:
    material, ours = work / f"{name}-material.yml", work / f"{name}-sxs.yml"
    material_config(name, docset, work / f"{name}-material", material)
    our_config(docset, work / f"{name}-sxs", ours, env)
    runs: dict[str, list[Run]] = {"material": [], "ours": []}
    for round_ in range(repeat):
        for label, config in (("material", material), ("ours", ours)):
            run = measure(mkdocs_build_command(config), env, work / f"{name}-{label}-{round_}.log")
            run.pages = pages_of(work / f"{name}-{'material' if label == 'material' else 'sxs'}")
            shutil.rmtree(work / f"{name}-{'material' if label == 'material' else 'sxs'}", ignore_errors=True)
            runs[label].append(run)
            print(f"  {name} round {round_ + 1} {label}: wall {run.wall:.1f} s, cpu {run.cpu:.1f} s, "
                  f"peak PSS {run.peak_pss_mib:.0f} MiB, peak RSS sum {run.peak_rss_mib:.0f} MiB, "
                  f"{run.warnings} WARNING lines, {run.pages} pages", flush=True)
    for round_ in range(repeat):
        m, o = runs["material"][round_], runs["ours"][round_]
        print(f"| {name} round {round_ + 1} | {m.wall:.1f} s / {m.cpu:.1f} s / {m.peak_pss_mib:.0f} MiB "
              f"| {o.wall:.1f} s / {o.cpu:.1f} s / {o.peak_pss_mib:.0f} MiB ({o.peak_rss_mib:.0f} RSS sum) "
              f"/ {o.warnings} | {o.wall / m.wall:.2f}× | {o.cpu / m.cpu:.2f}× "
              f"| {o.peak_pss_mib / m.peak_pss_mib:.2f}× |", flush=True)


def growth(corpus: Path, work: Path, env: dict[str, str], names: list[str]) -> None:
    """Both engines on docsets of growing size, side by side: time per page should stay flat."""
    rows = []
    for name in names:
        slug = name.replace("/", "-").replace(" ", "").replace("(", "").replace(")", "")
        docset = corpus / GROWTH[name]
        material, ours = work / f"{slug}-material.yml", work / f"{slug}-sxs.yml"
        material_config(slug, docset, work / f"{slug}-material", material)
        our_config(docset, work / f"{slug}-sxs", ours, env, prune=True)
        runs = {}
        for label, config in (("material", material), ("sxs", ours)):
            runs[label] = measure(mkdocs_build_command(config), env, work / f"{slug}-{label}.log")
            runs[label].pages = pages_of(work / f"{slug}-{label}")
            shutil.rmtree(work / f"{slug}-{label}", ignore_errors=True)
        m, o = runs["material"], runs["sxs"]
        rows.append(f"| {name} | {m.pages:,} | {m.wall:.1f} / {m.cpu:.1f} | {1000 * m.cpu / m.pages:.1f} "
                    f"| {o.wall:.1f} / {o.cpu:.1f} | {1000 * o.cpu / m.pages:.1f} | {o.wall / m.wall:.2f}× "
                    f"| {o.cpu / m.cpu:.2f}× | {m.peak_pss_mib:.0f} / {o.peak_pss_mib:.0f} "
                    f"({o.peak_pss_mib / m.peak_pss_mib:.2f}×) |")
        print(rows[-1], flush=True)
    print("| docset | pages (Material) | Material wall / CPU s | Material ms CPU / page | ours wall / CPU s "
          "| ours ms CPU / page | wall ratio | CPU ratio | peak PSS MiB Material / ours |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    print("\n".join(rows))


def verify_nav(name: str, docset: Path, work: Path, env: dict[str, str]) -> bool:
    """Our site built with Material's per-page nav and with nav fragments: every file the same."""
    sites = []
    for enabled in (False, True):
        config, site = work / f"{name}-nav-{enabled}.yml", work / f"{name}-nav-{enabled}"
        our_config(docset, site, config, env, sxs={"nav_fragments": enabled})
        run = measure(mkdocs_build_command(config), dict(env, SOURCE_DATE_EPOCH="1700000000"),
                      work / f"{name}-nav-{enabled}.log")
        print(f"  {name} nav_fragments: {enabled}: wall {run.wall:.1f} s, cpu {run.cpu:.1f} s", flush=True)
        sites.append(site)
    files = sorted(str(p.relative_to(sites[0])) for p in sites[0].rglob("*") if p.is_file())
    others = sorted(str(p.relative_to(sites[1])) for p in sites[1].rglob("*") if p.is_file())
    differing = [f for f in files if (sites[0] / f).read_bytes() != (sites[1] / f).read_bytes()] \
        if files == others else sorted(set(files) ^ set(others))
    print(f"  {name}: {len(files):,} files, {len(differing)} differ {differing[:5]}", flush=True)
    for site in sites:
        shutil.rmtree(site, ignore_errors=True)
    return not differing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docsets", help="comma-separated (default: dynamics,visualstudio; with --growth: "
                        f"{','.join(GROWTH)}; with --verify-nav: partner-center,dynamics)")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--growth", action="store_true")
    parser.add_argument("--verify-nav", action="store_true")
    parser.add_argument("--corpus", default=os.environ.get("SXS_CORPUS", str(ROOT.parent / "shared" / "corpus")))
    parser.add_argument("--keep", metavar="DIR", help="keep configs and logs in DIR")
    args = parser.parse_args()
    env = mkdocs_env()
    with tempfile.TemporaryDirectory(prefix="sxs-big-") as tmp:
        work = Path(args.keep or tmp)
        work.mkdir(parents=True, exist_ok=True)
        print(f"{time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime())} UTC, {load()}", flush=True)
        if args.growth:
            growth(Path(args.corpus), work, env, args.docsets.split(",") if args.docsets else list(GROWTH))
            return 0
        if args.verify_nav:
            names = (args.docsets or "partner-center,dynamics").split(",")
            return 0 if all([verify_nav(n, Path(args.corpus, DOCSETS[n]), work, env) for n in names]) else 1
        print("| docset | Material + prune: wall / CPU / peak PSS | ours: wall / CPU / peak PSS / WARNING lines "
              "| wall ratio | CPU ratio | memory ratio |")
        print("| --- | --- | --- | --- | --- | --- |")
        for name in (args.docsets or "dynamics,visualstudio").split(","):
            compare(name, Path(args.corpus, DOCSETS[name]), work, env, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
