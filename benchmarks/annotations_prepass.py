"""Cost of the annotation pre-pass, as a ratio to parsing the same pages fully.

    PYTHONPATH=plugins python3 benchmarks/annotations_prepass.py [DOCS_DIR ...]

The plugin reads every page's lead once before the build (to generate the
role and product pages); the baseline is one full `parse_sxs` of every page,
which the build does anyway. The pre-pass is the build's (`skip_unlabelled`:
pages without an English label in their lead are not parsed). Both run in this process on the same texts.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from mkdocs_sxs.core.annotations.find import annotations_of_text
from mkdocs_sxs.core.reader.parser import parse_sxs

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("SXS_CORPUS", ROOT.parent / "shared" / "corpus"))
DEFAULT = [CORPUS / "partner-center.cs-CZ" / "partner-center", CORPUS / "dynamics-365-operations.cs-CZ"]


def best_of(runs: int, work) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str]) -> int:
    for docs in [Path(arg) for arg in argv] or DEFAULT:
        texts = [(str(path), path.read_text(encoding="utf-8-sig")) for path in sorted(docs.rglob("*.md"))]
        baseline = best_of(3, lambda texts=texts: [parse_sxs(text, name) for name, text in texts])
        prepass = best_of(
            3, lambda texts=texts: [annotations_of_text(text, name, skip_unlabelled=True) for name, text in texts]
        )
        print(f"{docs.name}: {len(texts)} pages, full parse {baseline:.2f}s, annotation pre-pass {prepass:.2f}s, "
              f"ratio {prepass / baseline:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
