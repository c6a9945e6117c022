"""`mkdocs-sxs apply` killed mid-run leaves every page either old or new (issue 7).

A docset of many pages (CRLF, BOM, trailing spaces, tabs) gets a post-edit
for every unit; `apply` runs in its own process and is stopped with SIGKILL
or SIGINT part-way. Each page must then be byte-identical to its old or to
its fully applied version, and a second run must finish the job.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mkdocs_sxs.core.translation.apply import apply_to_bytes
from mkdocs_sxs.core.translation.catalog import iter_units
from mkdocs_sxs.core.translation.formats import read_catalog, write_catalog

ROOT = Path(__file__).resolve().parents[2]
PAGES = 240
UNITS_PER_PAGE = 60


def page_bytes(number: int) -> bytes:
    newline = "\r\n" if number % 3 == 0 else "\n"
    lines = ["---", f"title: Stránka {number}", "ms.contentlocale: cs-cz", "---", "", f"# Nadpis {number}", ""]
    for unit in range(UNITS_PER_PAGE):
        uid = f"p{number:03d}-{unit:03d}"
        trailing = "   " if unit % 7 == 0 else ("\t" if unit % 11 == 0 else "")
        lines.append(f'- <span data-ttu-id="{uid}">Věta {unit} na stránce {number}.</span><span class="sxs-lookup">'
                     f'<span data-stu-id="{uid}">Sentence {unit} on page {number}.</span></span>{trailing}')
    data = newline.join(lines).encode("utf-8") + newline.encode()
    return b"\xef\xbb\xbf" + data if number % 4 == 0 else data


@pytest.fixture(scope="module")
def docset(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, bytes], dict[str, bytes]]:
    """(pristine docs, catalog, old bytes per page, expected new bytes per page)."""
    base = tmp_path_factory.mktemp("apply")
    docs = base / "docs"
    (docs / "sub").mkdir(parents=True)
    old = {}
    for number in range(PAGES):
        name = f"sub/page-{number:03d}.md" if number % 2 else f"page-{number:03d}.md"
        (docs / name).write_bytes(page_bytes(number))
        old[name] = page_bytes(number)
    units = list(iter_units(docs))
    assert len(units) == PAGES * UNITS_PER_PAGE
    for unit in units:
        unit.target = unit.target.replace("Věta", "Upravená věta")
    catalog = base / "edits.jsonl"
    catalog.write_bytes(write_catalog(units, "jsonl"))
    entries = read_catalog(catalog)
    new = {}
    for name, raw in old.items():
        new[name], result = apply_to_bytes(raw, name, [e for e in entries if e.page == name])
        assert len(result.applied) == UNITS_PER_PAGE and new[name] != raw
    return docs, catalog, old, new


def run_apply(docs: Path, catalog: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "plugins"), os.environ.get("PYTHONPATH", "")]))
    return subprocess.Popen([sys.executable, "-m", "mkdocs_sxs", "apply", str(catalog), "--docs", str(docs)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def copy_docs(source: Path, target: Path) -> Path:
    for path in source.rglob("*.md"):
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(path.read_bytes())
    return target


def states(docs: Path, old: dict[str, bytes], new: dict[str, bytes]) -> tuple[int, int, list[str]]:
    """(pages old, pages new, pages that are neither)."""
    counts = {"old": 0, "new": 0}
    broken = []
    for name in old:
        data = (docs / name).read_bytes()
        if data == old[name]:
            counts["old"] += 1
        elif data == new[name]:
            counts["new"] += 1
        else:
            broken.append(name)
    return counts["old"], counts["new"], broken


def interrupt_when_half_done(process: subprocess.Popen[bytes], docs: Path, old: dict[str, bytes], sig: int) -> None:
    """Send `sig` as soon as a quarter of the pages are written (apply goes in sorted page order)."""
    marker = docs / sorted(old)[len(old) // 4]
    before = marker.stat().st_mtime_ns
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if marker.stat().st_mtime_ns != before:
            process.send_signal(sig)
            break
        time.sleep(0.001)
    process.wait(timeout=120)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_interrupted_apply_leaves_every_page_old_or_new(docset, tmp_path, sig):
    pristine, catalog, old, new = docset
    docs = copy_docs(pristine, tmp_path / "docs")
    process = run_apply(docs, catalog)
    interrupt_when_half_done(process, docs, old, sig)
    stderr = process.stderr.read().decode() if process.stderr else ""
    n_old, n_new, broken = states(docs, old, new)
    assert broken == [], f"pages neither old nor new after {sig!r}: {broken[:5]}"
    assert process.returncode != 0, "the run finished before it could be interrupted; the test proves nothing"
    assert n_new > 0 and n_old > 0, (n_old, n_new)
    leftovers = [p.name for p in docs.rglob("*.tmp")]
    if sig == signal.SIGINT:
        assert process.returncode == 130 and "interrupted" in stderr and "Traceback" not in stderr
        assert leftovers == []  # the temp file of the page being written is removed
    else:
        assert len(leftovers) <= 1 and all(name.startswith(".") for name in leftovers)
    # A second run finishes the job; a third changes nothing.
    rerun = run_apply(docs, catalog)
    assert rerun.wait(timeout=300) == 0, rerun.stderr.read().decode() if rerun.stderr else ""
    assert states(docs, old, new) == (0, len(old), [])
    snapshot = {name: (docs / name).read_bytes() for name in old}
    assert run_apply(docs, catalog).wait(timeout=300) == 0
    assert {name: (docs / name).read_bytes() for name in old} == snapshot
