"""Parse time against input size, 1 to 50 MB, built from real corpus pages.

The parser must stay linear: the cost per MB at each size is compared with
the cost per MB at the smallest size, measured in the same run (the
baseline). Two shapes of input: a page of ordinary lines (corpus pages
concatenated), and a page of one single line (the same text with newlines
replaced by spaces), and that line inside a `<div>` (every unit in an HTML
block: the scan for the enclosing td/li/heading, quadratic before it was
made incremental).

    PYTHONPATH=plugins python3 benchmarks/parse_scaling.py [--corpus DIR] [--sizes 1,2,5,10,20,50]
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from mkdocs_sxs.core.reader.parser import parse_sxs  # noqa: E402

MB = 1_000_000


def corpus_text(corpus: Path, size: int) -> str:
    parts: list[str] = []
    total = 0
    paths = sorted((corpus / "partner-center.cs-CZ").rglob("*.md"))
    paths += sorted((corpus / "dynamics-365-operations.cs-CZ").rglob("*.md"))
    for path in paths:
        body = path.read_text(encoding="utf-8-sig").split("\n---\n", 1)[-1]
        parts.append(body)
        total += len(body) + 1
        if total >= size:
            break
    text = "\n".join(parts)
    while len(text) < size:
        text += "\n" + text
    return text[:size]


def best_time(text: str, repeats: int) -> tuple[float, int]:
    best = float("inf")  # CPU time of this process: less disturbed by other jobs on a shared machine
    units = 0
    for _ in range(repeats):
        gc.collect()
        gc.disable()  # the parser's own cost; the cyclic GC's passes over all objects add noise
        start = time.process_time()
        page = parse_sxs(text, "bench.md")
        best = min(best, time.process_time() - start)
        gc.enable()
        units = len(page.units)
        del page
    return best, units


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_corpus = os.environ.get("SXS_CORPUS", str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--corpus", default=default_corpus)
    parser.add_argument("--sizes", default="1,2,5,10,20,50", help="sizes in MB")
    args = parser.parse_args()
    sizes = [int(float(s) * MB) for s in args.sizes.split(",")]
    full = corpus_text(Path(args.corpus), max(sizes))
    one_line = full.replace("\r", " ").replace("\n", " ")
    shapes = {"lines": full, "one-line": one_line, "one-line-html": "<div>" + one_line}
    for shape, source in shapes.items():
        print(f"\n{shape}: size MB | units | CPU seconds | s/MB | us/unit | cost/MB vs {sizes[0] / MB:g} MB")
        baseline = None
        rows = []
        for size in sizes:
            text = source[:size]
            repeats = 3 if size <= 20 * MB else 2
            seconds, units = best_time(text, repeats)
            per_mb = seconds / (size / MB)
            baseline = baseline or per_mb
            rows.append(per_mb)
            per_unit = seconds / max(units, 1) * 1e6
            print(f"  {size / MB:6g} | {units:7d} | {seconds:7.3f} | {per_mb:.4f} | {per_unit:5.2f} | "
                  f"{per_mb / baseline:.2f}")
        print(f"  ratio largest/smallest per-MB cost: {rows[-1] / rows[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
