"""Edit → updated page: how long a reviewer waits, on the corpus docsets, in one run.

For each docset (copied into a temp folder: the corpus is read-only) it measures

- `mkdocs build` with the `mkdocs-sxs init` config plus `build_cache: true`: cold (no cache yet), warm
  (unchanged sources) and warm with one page changed, as child processes (wall and CPU), and the cold
  build of the `init` config as it is (`build_cache` unset: off for `mkdocs build`);
- `mkdocs serve` with that config (the cache on): the time from writing an edit to the served page
  showing it, for a sentence edit, a TOC name edit, an include edit and a catalog (post-edit) edit;
- review mode (`mkdocs-sxs review`): a post-edit saved through its API until the page shows it;
- the baselines a user would pick, in the same run (unless `--no-plain`): plain Material
  (`theme: material`, nothing else) `mkdocs serve` (full rebuild) and `mkdocs serve --dirty`, for the
  sentence edit (plain Material knows no DocFX TOCs, includes or catalogs).

    SXS_CORPUS=/work/shared/corpus python3 benchmarks/preview.py [--docsets partner-center,dynamics] [--no-plain]
        [--builds-only] [--rounds N]

`--rounds N` makes every build N times, in rounds of the same order (a warm build varies by about half a
second from one run to the next on this machine): the tables give each build's median and every wall time.

Latency is measured by polling the page every 50 ms: it includes MkDocs' file-watch delay, as a user
sees it. Meanwhile a `Browser` keeps the page open as a real browser tab does (MkDocs' livereload poll,
with the page as its `Referer`): `mkdocs serve` with the plugin renders the pages open in a browser
first (mkdocs/serve_first.py). Results are printed as Markdown tables (BENCHMARKS.md "Preview latency").
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support import mkdocs_build_command, mkdocs_env, timed_run  # noqa: E402

# docset: (repository folder in the corpus, docset folder inside it)
DOCSETS = {
    "partner-center": ("partner-center.cs-CZ", "partner-center"),
    "dynamics": ("dynamics-365-operations.cs-CZ", "articles"),
}
_UNIT = re.compile(r'<span data-ttu-id="(?P<id>[^"]+)">(?P<target>[^<]{20,200})</span>')
_INCLUDE = re.compile(r"\[!INCLUDE\s*\[[^\]]*\]\((?P<path>[^)]+\.md)\)\]", re.I)
TIMEOUT = 900.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return ""


def wait_for(url: str, needle: str, timeout: float = TIMEOUT) -> float:
    """Seconds until the page at `url` contains `needle` (inf after `timeout`)."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if needle in fetch(url):
            return time.perf_counter() - started
        time.sleep(0.05)
    return float("inf")


class Browser(threading.Thread):
    """A browser tab on `base + path`: MkDocs' livereload script, polling with the page as `Referer`."""

    def __init__(self, base: str, path: str) -> None:
        super().__init__(daemon=True)
        self.base, self.path = base.rstrip("/"), "/" + path.lstrip("/")
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            found = re.search(r"livereload\((\d+),\s*(\d+)\)", fetch(self.base + self.path))
            if found is None:  # no livereload script (the review server): nothing to poll
                return
            request = urllib.request.Request(f"{self.base}/livereload/{found[1]}/{found[2]}",
                                             headers={"Referer": self.base + self.path})
            try:
                with urllib.request.urlopen(request, timeout=120) as response:
                    response.read()
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                time.sleep(0.2)

    def __enter__(self) -> Browser:
        self.start()
        time.sleep(0.3)  # its first poll is in
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()


def page_url(base: str, page: str) -> str:
    stem = page[:-3]
    stem = stem[: -len("index")] if stem.endswith("index") else stem + "/"
    return base + stem.lstrip("/")


class Subjects:
    """The page, include, TOC file and catalog that the edits go to."""

    def __init__(self, docset: Path) -> None:
        self.docset = docset
        toc_pages = []
        for toc in sorted(docset.rglob("TOC.yml")):
            for href in re.findall(r"href:\s*(\S+\.md)\s*$", toc.read_text(encoding="utf-8-sig"), re.M):
                path = (toc.parent / href).resolve()
                if path.is_file() and docset.resolve() in path.parents:
                    toc_pages.append((toc, href, path))
        self.page = self.toc = self.toc_href = self.include = self.include_page = None
        for toc, href, path in toc_pages:
            text = path.read_text(encoding="utf-8-sig")
            if self.page is None and len(_UNIT.findall(text)) >= 3:
                self.page, self.toc, self.toc_href = path, toc, href
            if self.include is None:
                for match in _INCLUDE.finditer(text):
                    include = (path.parent / match.group("path")).resolve()
                    if include.is_file() and docset.resolve() in include.parents:
                        self.include, self.include_page = include, path
                        break
            if self.page is not None and self.include is not None:
                break
        assert self.page is not None, f"no page with units in a TOC of {docset}"

    def rel(self, path: Path) -> str:
        return path.resolve().relative_to(self.docset.resolve()).as_posix()


def edit_sentence(subjects: Subjects, marker: str, unit_index: int = 1) -> None:
    text = subjects.page.read_text(encoding="utf-8-sig")
    match = list(_UNIT.finditer(text))[unit_index]
    subjects.page.write_text(text[: match.start("target")] + marker + text[match.end("target"):], encoding="utf-8")


def edit_toc(subjects: Subjects, marker: str) -> None:
    text = subjects.toc.read_text(encoding="utf-8-sig")
    pattern = re.compile(r"(-\s*name:\s*)(.*)(\n\s*href:\s*" + re.escape(subjects.toc_href) + r"\s*\n)")
    new, count = pattern.subn(lambda m: m.group(1) + marker + m.group(3), text, count=1)
    if not count:
        raise RuntimeError(f"no `name:` before `href: {subjects.toc_href}` in {subjects.toc}")
    subjects.toc.write_text(new, encoding="utf-8")


def edit_include(subjects: Subjects, marker: str) -> None:
    with open(subjects.include, "a", encoding="utf-8") as handle:
        handle.write(f"\n\n{marker}\n")


def edit_catalog(catalog: Path, marker: str, unit_index: int = 2) -> None:
    from translate.storage import po

    store = po.pofile(catalog.read_bytes())
    units = [unit for unit in store.units if not unit.isheader()]
    units[unit_index].target = marker
    catalog.write_bytes(bytes(store))


def save_through_api(base: str, page: str, url: str, marker: str) -> None:
    """A post-edit saved as the review editor saves it (token from the page, same Origin)."""
    html = fetch(base + url)
    token = re.search(r'name="sxs-review-token" content="([^"]+)"', html).group(1)
    state = json.loads(fetch(base + "__sxs/api/page?page=" + urllib.request.quote(page)))
    unit = state["units"][4]
    body = json.dumps({"page": page, "key": unit["key"], "base": unit["revision"], "target": marker}).encode()
    request = urllib.request.Request(base + "__sxs/api/save", data=body, method="POST", headers={
        "Content-Type": "application/json", "X-Sxs-Token": token, "Origin": base.rstrip("/")})
    with urllib.request.urlopen(request, timeout=120) as response:
        response.read()


def wait_settled(base: str, timeout: float = TIMEOUT) -> float:
    """Seconds until review mode's background build has caught up with every edit (`/__sxs/api/status`)."""
    started = time.perf_counter()
    time.sleep(0.3)  # the settling build starts after a short delay
    while time.perf_counter() - started < timeout:
        try:
            if json.loads(fetch(base + "__sxs/api/status") or "{}").get("settling") is False:
                return time.perf_counter() - started
        except ValueError:
            pass
        time.sleep(0.1)
    return float("inf")


def write_configs(repo: Path, docset: Path, work: Path, env: dict[str, str]) -> tuple[Path, Path]:
    ours = work / "mkdocs.yml"
    subprocess.run([sys.executable, "-m", "mkdocs_sxs", "init", str(docset), "--output", str(ours), "--site-dir",
                    str(work / "site"), "--force", "--partial-export"], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    config = yaml.safe_load(ours.read_text(encoding="utf-8"))
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "sxs" in plugin:
            plugin["sxs"]["build_cache"] = True
            plugin["sxs"]["translations_dir"] = str(work / "translations")
    ours.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    plain = work / "plain.yml"
    plain.write_text(f"site_name: plain\ndocs_dir: {docset}\nsite_dir: {work / 'site-plain'}\n"
                     "theme:\n  name: material\n", encoding="utf-8")
    return ours, plain


def timed_build(config: Path, env: dict[str, str]) -> tuple[float, float]:
    run = timed_run(mkdocs_build_command(config, "-q"), env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return run.wall_seconds, run.cpu_seconds


class _Skipped(Exception):
    """A measurement left out with --skip."""


class Served:
    """A `mkdocs serve` (or `mkdocs-sxs review`) child process on a free port."""

    def __init__(self, command: list[str], env: dict[str, str], probe: str) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen([*command, str(self.port)] if command[-1] == "--port" else
                                        [*command, "-a", f"127.0.0.1:{self.port}"], env=env,
                                        stdout=subprocess.DEVNULL, stderr=self.log)
        self.started = wait_for(self.base + probe, "<html", TIMEOUT)

    def rebuilds(self) -> int:
        """How many rebuilds `mkdocs serve` has ended so far (its log)."""
        self.log.seek(0)
        return self.log.read().count(b"Reloading browsers")

    def wait_rebuilt(self, count: int) -> None:
        """Until more than `count` rebuilds have ended: the next edit starts from a served, idle site."""
        deadline = time.monotonic() + TIMEOUT
        while self.rebuilds() <= count and time.monotonic() < deadline:
            time.sleep(0.2)

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
        self.log.close()


def measure(name: str, corpus: Path, work: Path, env: dict[str, str], plain: bool,
            builds_only: bool = False, skip: frozenset[str] = frozenset(), rounds: int = 1) -> dict[str, object]:
    repo_name, docset_name = DOCSETS[name]
    shutil.copytree(corpus / repo_name, work / repo_name, symlinks=True)
    docset = work / repo_name / docset_name
    ours, plain_config = write_configs(work / repo_name, docset, work, env)
    subjects = Subjects(docset)
    page = subjects.rel(subjects.page)
    results: dict[str, object] = {"page": page, "include": subjects.rel(subjects.include) if subjects.include else None}
    catalogs = work / "translations"
    subprocess.run([sys.executable, "-m", "mkdocs_sxs", "extract", str(docset), "--format", "po", "--output",
                    str(catalogs) + "/"], check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    catalog = next(catalogs.rglob(page[:-3] + ".po"))
    extracted = catalog.read_bytes()

    # Builds: cold, warm unchanged, warm with one page changed.
    shutil.rmtree(work / ".cache", ignore_errors=True)
    if "builds" not in skip:
        default = ours.with_name("mkdocs.nocache.yml")  # what `mkdocs build` does with init's config: no cache
        data = yaml.safe_load(ours.read_text(encoding="utf-8"))
        next(plugin for plugin in data["plugins"] if isinstance(plugin, dict) and "sxs" in plugin)["sxs"].pop(
            "build_cache", None)
        default.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        # A cold build starts from no site_dir: a site left by the build before is kept in place and its
        # unchanged files are not written again (core/files/kept_site.py), which is a warm build's gain.
        runs: dict[str, list[tuple[float, float]]] = {}
        for round_number in range(rounds):  # each round in the same order: the cold builds see the warm ones' load
            # A cold build starts from no site_dir: a site left by the build before is kept in place and its
            # unchanged files are not written again (core/files/kept_site.py), which is a warm build's gain.
            shutil.rmtree(work / "site", ignore_errors=True)
            runs.setdefault("cold_default", []).append(timed_build(default, env))
            shutil.rmtree(work / "site", ignore_errors=True)
            shutil.rmtree(work / ".cache", ignore_errors=True)
            runs.setdefault("cold", []).append(timed_build(ours, env))
            runs.setdefault("warm", []).append(timed_build(ours, env))
            edit_sentence(subjects, f"Věta změněná pro teplé sestavení {round_number}.", 0)
            runs.setdefault("warm_one_page", []).append(timed_build(ours, env))
            # CI restoring the cache alone: no site_dir from the build before
            edit_sentence(subjects, f"Věta změněná pro teplé sestavení v CI {round_number}.", 0)
            shutil.rmtree(work / "site", ignore_errors=True)
            runs.setdefault("warm_no_site", []).append(timed_build(ours, env))
        for key, measured in runs.items():  # the median round of each build, and every round's wall time
            results[key] = sorted(measured)[len(measured) // 2]
            results[key + "_walls"] = [wall for wall, _ in measured]
        print(f"  builds done: {results}", file=sys.stderr, flush=True)

    url = page_url("", page)
    latency: dict[str, dict[str, float]] = {}
    results["latency"] = latency
    if builds_only:
        return results
    served = None if "serve" in skip else Served([sys.executable, "-m", "mkdocs", "serve", "-f", str(ours)], env, url)
    try:
        if served is None:
            raise _Skipped
        results["serve_start"] = served.started
        row = latency.setdefault("ours: mkdocs serve + build cache", {})
        rebuilt = latency.setdefault("ours: mkdocs serve, site rebuilt", {})
        edits = [("sentence", lambda m: edit_sentence(subjects, m), url),
                 ("toc", lambda m: edit_toc(subjects, m), url),
                 ("include", (lambda m: edit_include(subjects, m)) if subjects.include else None,
                  page_url("", subjects.rel(subjects.include_page)) if subjects.include_page else None),
                 ("catalog", lambda m: edit_catalog(catalog, m), url)]
        for kind, action, target in edits:
            if action is None:
                row[kind] = float("nan")
                continue
            marker = f"Značka{kind}{int(time.time() * 1000)}"
            time.sleep(1.0)  # let the watcher settle after the previous rebuild
            rebuilds = served.rebuilds()
            with Browser(served.base, target):
                started = time.perf_counter()
                action(marker)
                row[kind] = wait_for(served.base + target, marker)
                served.wait_rebuilt(rebuilds)
                rebuilt[kind] = time.perf_counter() - started
            print(f"  serve {kind}: page {row[kind]:.2f} s, site rebuilt {rebuilt[kind]:.2f} s", file=sys.stderr,
                  flush=True)
    except _Skipped:
        pass
    finally:
        if served is not None:
            served.close()
        # review mode edits the page's units again: a post-edit left in the catalog would hide one
        catalog.write_bytes(extracted)

    review = Served([sys.executable, "-m", "mkdocs_sxs", "review", str(ours), "--port"], env, url)
    try:
        results["review_start"] = review.started
        wait_settled(review.base)
        row = latency.setdefault("ours: mkdocs-sxs review, page shown", {})
        settled = latency.setdefault("ours: mkdocs-sxs review, whole site settled", {})
        edits = [("sentence", lambda m: edit_sentence(subjects, m, 2), url),
                 ("toc", lambda m: edit_toc(subjects, m), url),
                 ("include", (lambda m: edit_include(subjects, m)) if subjects.include else None,
                  page_url("", subjects.rel(subjects.include_page)) if subjects.include_page else None),
                 ("catalog", lambda m: edit_catalog(catalog, m, 3), url),
                 ("save", lambda m: save_through_api(review.base, page, url, m), url)]
        for kind, action, target in edits:
            if action is None:
                row[kind] = settled[kind] = float("nan")
                continue
            marker = f"Značkareview{kind}{int(time.time() * 1000)}"
            started = time.perf_counter()
            action(marker)
            acting = time.perf_counter() - started if kind == "save" else 0.0  # the save's request: part of it
            row[kind] = acting + wait_for(review.base + target, marker, 120)
            settled[kind] = time.perf_counter() - started + wait_settled(review.base)
            print(f"  review {kind}: page {row[kind]:.2f} s, settled {settled[kind]:.2f} s", file=sys.stderr,
                  flush=True)
    finally:
        review.close()

    if plain:
        for label, extra in (("plain Material: mkdocs serve", []), ("plain Material: mkdocs serve --dirty",
                                                                     ["--dirty"])):
            served = Served([sys.executable, "-m", "mkdocs", "serve", *extra, "-f", str(plain_config)], env, url)
            try:
                marker = f"Značkaplain{int(time.time() * 1000)}"
                time.sleep(1.0)
                with Browser(served.base, url):
                    edit_sentence(subjects, marker, 1)
                    latency.setdefault(label, {})["sentence"] = wait_for(served.base + url, marker)
                print(f"  {label}: {latency[label]['sentence']:.2f} s", file=sys.stderr, flush=True)
            finally:
                served.close()
    results["latency"] = latency
    return results


def seconds(value: float) -> str:
    if value != value:  # nan
        return "n/a"
    return "timeout" if value == float("inf") else f"{value:.2f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docsets", default="partner-center,dynamics")
    parser.add_argument("--corpus", default=os.environ.get("SXS_CORPUS", str(ROOT.parent / "shared" / "corpus")))
    parser.add_argument("--no-plain", action="store_true", help="skip the plain Material baselines")
    parser.add_argument("--builds-only", action="store_true", help="only the cold/warm builds (no serve latency)")
    parser.add_argument("--rounds", type=int, default=1,
                        help="cold and warm builds this many times each (medians reported, every wall time listed)")
    parser.add_argument("--skip", default="", help="comma-separated: builds (cold/warm), serve (our mkdocs serve)")
    args = parser.parse_args()
    env = mkdocs_env()
    for name in args.docsets.split(","):
        with tempfile.TemporaryDirectory(prefix="sxs-preview-") as tmp:
            print(f"{name} …", file=sys.stderr, flush=True)
            r = measure(name, Path(args.corpus), Path(tmp), env, plain=not args.no_plain, builds_only=args.builds_only,
                        skip=frozenset(filter(None, args.skip.split(","))), rounds=max(1, args.rounds))
        print(f"\n### {name} (page `{r['page']}`, include `{r['include']}`)\n")
        if "cold" in r:
            cold_wall, cold_cpu = r["cold"]
            default_wall, default_cpu = r["cold_default"]
            print("| build | wall | CPU | ratio to the cold build with the cache (wall, CPU) "
                  "| ratio to the cold build without it (wall, CPU) |\n| --- | --- | --- | --- | --- |")
            for label, key in (("cold, `build_cache` unset (off for `mkdocs build`)", "cold_default"),
                               ("cold, `build_cache: true` (writes the cache)", "cold"),
                               ("warm, unchanged", "warm"), ("warm, one page changed", "warm_one_page"),
                               ("warm, one page changed, no site_dir left (CI restoring the cache alone)",
                                "warm_no_site")):
                wall, cpu = r[key]
                walls = r[key + "_walls"]
                each = f" ({', '.join(f'{w:.1f}' for w in walls)})" if len(walls) > 1 else ""
                print(f"| {label} | {wall:.1f} s{each} | {cpu:.1f} s | {wall / cold_wall:.2f}×, {cpu / cold_cpu:.2f}× "
                      f"| {wall / default_wall:.2f}×, {cpu / default_cpu:.2f}× |")
        print("\n| edit → page updated | sentence | TOC name | include | catalog file | save in the editor |\n"
              "| --- | --- | --- | --- | --- | --- |")
        for label, row in r["latency"].items():
            print(f"| {label} | " + " | ".join(seconds(row.get(kind, float("nan")))
                                               for kind in ("sentence", "toc", "include", "catalog", "save")) + " |")
        starts = [f"{label} first build {r[key]:.1f} s" for label, key in (("serve", "serve_start"),
                                                                          ("review mode", "review_start")) if key in r]
        if starts:
            print(f"\n({'; '.join(starts)})", flush=True)
        print(f"(load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
