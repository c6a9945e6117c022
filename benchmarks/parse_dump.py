"""Dump every parse result of the corpus docsets, to prove a parser change changes no result.

    PYTHONPATH=/work/main/plugins python3 benchmarks/parse_dump.py /tmp/base.pickle   # before
    PYTHONPATH=plugins python3 benchmarks/parse_dump.py /tmp/new.pickle --compare /tmp/base.pickle

Parses every .md page of both corpus docsets (partner-center and Dynamics
365) with `parse_sxs` as extract reads them, plus derived shapes for every
7th page (body only, one long line, that line inside `<div>`, and three
seeded random damages to the span markup) that exercise the careful paths,
and pickles every field: units, problems, front matter, body_start,
body_line. With `--compare`, reports the first differences against an
earlier dump and exits 1 if there are any."""

from __future__ import annotations

import argparse
import os
import pickle
import random
import re
import sys
from dataclasses import astuple
from pathlib import Path

from mkdocs_sxs.core.reader.parser import parse_sxs
from mkdocs_sxs.core.translation.catalog import markdown_pages, read_page

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("SXS_CORPUS", ROOT.parent / "shared" / "corpus"))
DOCSETS = ("partner-center.cs-CZ", "dynamics-365-operations.cs-CZ")


def page_record(page) -> tuple:
    return (
        page.path,
        pickle.dumps(page.meta),  # keeps value types (dates, ints) and key order
        page.body_start,
        page.body_line,
        [astuple(unit) for unit in page.units],
        [astuple(problem) for problem in page.problems],
    )


_TAG_OR_QUOTE = re.compile(r'</?span\b[^>]*>|"|sxs-lookup|data-stu-id="[^"]*"')


def damaged(text: str, rng: random.Random) -> str:
    """The page with a few span tags, quotes or ids broken the ways CAT tools and editors break them."""
    for _ in range(rng.randint(1, 4)):
        marks = list(_TAG_OR_QUOTE.finditer(text))
        if not marks:
            break
        mark = rng.choice(marks)
        start, end, piece = mark.start(), mark.end(), mark.group(0)
        edit = rng.choice(("drop", "upper", "quote", "id", "blank", "close"))
        if edit == "drop":
            piece = ""
        elif edit == "upper":
            piece = piece.upper()
        elif edit == "quote":
            piece = piece.replace('"', rng.choice(["'", "&quot;", ""]), 1)
        elif edit == "id":
            piece = piece.replace('"', '"x', 1) if piece.startswith("data-stu-id") else piece + " "
        elif edit == "blank":
            piece += "\n\n"
        else:
            piece += "</span>"
        text = text[:start] + piece + text[end:]
    return text


def dump() -> dict[str, tuple]:
    records: dict[str, tuple] = {}
    for docset in DOCSETS:
        root = CORPUS / docset
        for name in markdown_pages(root):
            text, _raw = read_page(root, name)
            key = f"{docset}/{name}"
            records[key] = page_record(parse_sxs(text, key))
            if len(records) % 7 == 0:  # derived shapes on a sample: careful paths, other line layouts
                records[key + "#body"] = page_record(parse_sxs(text, key, body_only=True))
                one_line = text.replace("\r", " ").replace("\n", " ")
                records[key + "#line"] = page_record(parse_sxs(one_line, key))
                records[key + "#div"] = page_record(parse_sxs("<div>" + one_line, key))
                rng = random.Random(key)
                for number in range(3):
                    records[key + f"#damaged{number}"] = page_record(parse_sxs(damaged(text, rng), key))
    return records


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--compare")
    args = parser.parse_args()
    records = dump()
    with open(args.out, "wb") as handle:
        pickle.dump(records, handle)
    print(f"{len(records)} parse results, {sum(len(r[4]) for r in records.values())} units -> {args.out}")
    if not args.compare:
        return 0
    with open(args.compare, "rb") as handle:
        base = pickle.load(handle)
    differences = [key for key in sorted(set(base) | set(records)) if base.get(key) != records.get(key)]
    for key in differences[:10]:
        old, new = base.get(key), records.get(key)
        print(f"DIFFERS: {key}")
        if old and new:
            fields = ("path", "meta", "body_start", "body_line", "units", "problems")
            for label, a, b in zip(fields, old, new, strict=True):
                if a != b:
                    if isinstance(a, list):
                        pairs = [(x, y) for x, y in zip(a, b, strict=False) if x != y] or [(len(a), len(b))]
                        print(f"  {label}: {pairs[0][0]!r}\n  {'':{len(label)}}  {pairs[0][1]!r}")
                    else:
                        print(f"  {label}: {a!r} -> {b!r}")
    print("identical" if not differences else f"{len(differences)} results differ")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
