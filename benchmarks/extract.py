"""Extract throughput against a single compiled-regex pass over the same files, in the same run.

    PYTHONPATH=plugins python3 benchmarks/extract.py [DOCSET] [--repeat N]

DOCSET defaults to the Dynamics 365 docset of the shared corpus. Both passes
read every .md file from disk; the baseline runs one compiled regex over
each file and counts TU openings, the extract pass produces the JSONL
catalog (into memory, so disk speed is not measured). Prints MB/s, TUs/s and
the ratio extract/regex (target: at most 5x). Best of N runs each.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
import time
from pathlib import Path

from mkdocs_sxs.core.translation.catalog import iter_pages, markdown_pages
from mkdocs_sxs.core.translation.formats import page_jsonl

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = Path(os.environ.get("SXS_CORPUS", ROOT.parent / "shared" / "corpus")) / "dynamics-365-operations.cs-CZ"
TU_REGEX = re.compile(r'<span data-ttu-id="([^"]*)">(.*?)</span><span class="sxs-lookup">'
                      r'<span data-stu-id="[^"]*">(.*?)</span></span>', re.S)


def regex_pass(root: Path, pages: list[str]) -> int:
    count = 0
    for page in pages:
        with open(root / page, encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
        count += sum(1 for _ in TU_REGEX.finditer(text))
    return count


def extract_pass(root: Path) -> int:
    """What `mkdocs-sxs extract --format jsonl` does, into memory."""
    sink = io.StringIO()
    count = 0
    for page, raw in iter_pages(root):
        sink.write(page_jsonl(page, raw))
        count += len(page.units)
    return count


def best(function, *args) -> tuple[float, float, int]:
    """Best wall time and best CPU time of REPEAT runs (CPU time is steadier on a shared machine)."""
    walls, cpus, result = [], [], 0
    for _ in range(REPEAT):
        wall, cpu = time.perf_counter(), time.process_time()
        result = function(*args)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus), result


def main() -> int:
    global REPEAT
    parser = argparse.ArgumentParser()
    parser.add_argument("docset", nargs="?", default=str(DEFAULT))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    REPEAT = args.repeat
    root = Path(args.docset)
    if not root.is_dir():
        print(f"no docset at {root} (set SXS_CORPUS)", file=sys.stderr)
        return 2
    pages = markdown_pages(root)
    size = sum((root / page).stat().st_size for page in pages) / 1e6
    regex_wall, regex_cpu, regex_units = best(regex_pass, root, pages)
    extract_wall, extract_cpu, units = best(extract_pass, root)
    print(f"docset: {root.name}: {len(pages)} pages, {size:.1f} MB, best of {REPEAT}")
    for name, wall, cpu, count in (("regex pass", regex_wall, regex_cpu, regex_units),
                                   ("extract jsonl", extract_wall, extract_cpu, units)):
        print(f"{name:14} wall {wall:6.3f} s  cpu {cpu:6.3f} s  {size / cpu:6.1f} MB/s  {count / cpu:8.0f} TUs/s"
              f"  ({count} TUs)")
    print(f"ratio extract/regex: cpu {extract_cpu / regex_cpu:.2f}x, wall {extract_wall / regex_wall:.2f}x "
          "(target <= 5x)")
    return 0


REPEAT = 3

if __name__ == "__main__":
    sys.exit(main())
