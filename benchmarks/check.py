"""Link check speed as a ratio against baselines measured in the same run.

Baselines over the same files (already read into memory): a bare
markdown-it-py parse (`MarkdownIt("commonmark").parse`) and a single-pass
regex scan for `](…)` destinations. The check is timed as `mkdocs-sxs check`
does it (reading the files, scanning, resolving, anchors, redirects).

    python3 benchmarks/check.py [--corpus DIR] [--only partner-center|dynamics] [--repeat N]
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from markdown_it import MarkdownIt  # noqa: E402
from mkdocs_sxs.core.linkcheck import CheckOptions, check_path  # noqa: E402

DOCSETS = {
    "partner-center": ("partner-center.cs-CZ", ()),
    "dynamics": ("dynamics-365-operations.cs-CZ", ("/dynamics365",)),
}
_DESTINATION = re.compile(r"\]\(([^)\s]*)")


def files_of(root: Path) -> list[str]:
    texts = []
    for folder, _, names in os.walk(root):
        for name in names:
            if name.lower().endswith((".md", ".yml")):
                with open(os.path.join(folder, name), encoding="utf-8-sig") as handle:
                    texts.append((name, handle.read()))
    return texts


def best(function, repeat: int) -> tuple[float, object]:
    """Least CPU time of `repeat` runs: on a shared machine wall time mostly measures the neighbours."""
    times, value = [], None
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        value = function()
        times.append(time.process_time() - start)
    return min(times), value


def main() -> int:
    parser = argparse.ArgumentParser()
    default = Path(os.environ.get("SXS_CORPUS", Path(__file__).resolve().parents[1].parent / "shared" / "corpus"))
    parser.add_argument("--corpus", type=Path, default=default)
    parser.add_argument("--only", choices=sorted(DOCSETS))
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    print("| docset | files | references | check CPU s | markdown-it-py parse CPU s | regex scan CPU s "
          "| check / parse | check / regex |")
    print("|---|---|---|---|---|---|---|---|")
    for key, (folder, prefixes) in DOCSETS.items():
        if args.only and key != args.only:
            continue
        root = args.corpus / folder
        texts = files_of(root)
        markdown = [text for name, text in texts if name.lower().endswith(".md")]
        md = MarkdownIt("commonmark")
        parse_time, _ = best(lambda: [md.parse(text) for text in markdown], args.repeat)  # noqa: B023
        regex_time, _ = best(lambda: sum(len(_DESTINATION.findall(t)) for _, t in texts), args.repeat)  # noqa: B023
        options = CheckOptions(url_prefixes=prefixes)
        check_time, result = best(lambda: check_path(root, options), args.repeat)  # noqa: B023
        print(f"| {key} | {result.pages} | {result.references} | {check_time:.2f} | {parse_time:.2f} "
              f"| {regex_time:.3f} | {check_time / parse_time:.2f} | {check_time / regex_time:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
