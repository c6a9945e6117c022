"""Helpers shared by the tests, the benchmarks and the screenshot scripts.

Writing a mkdocs.yml for a docset, running `mkdocs build` on this
checkout's plugin in a subprocess (timed in CPU and wall time), serving a
built site on 127.0.0.1 and opening Debian's chromium were written again in
each of them. Plain functions, no pytest: tests find this module because
tests/ is on sys.path under pytest; scripts and benchmarks put tests/ on
sys.path themselves (`sys.path.insert(0, str(ROOT / "tests"))`).
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking"]

# The engine the build tests run on: `mkdocs` (default) or `properdocs` (MkDocs 1.x's continuation, which
# runs our plugin through its `mkdocs.*` import aliases). One variable for the whole suite: SXS_ENGINE.
ENGINES = ("mkdocs", "properdocs")
ENGINE = os.environ.get("SXS_ENGINE", "mkdocs").strip().lower() or "mkdocs"
if ENGINE not in ENGINES:
    raise RuntimeError(f"SXS_ENGINE={ENGINE!r}: use one of {', '.join(ENGINES)}")


def mkdocs_env(**extra: str) -> dict[str, str]:
    """The environment of a `mkdocs` subprocess that loads this checkout's plugin (plugins/ first)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "plugins"), env.get("PYTHONPATH")]))
    env.update(extra)
    return env


def mkdocs_config(site_name: str, docs_dir: Path | str, site_dir: Path | str, *,
                  sxs: Mapping[str, str] | None = None, with_sxs: bool = True,
                  features: Iterable[str] = ("navigation.prune",), language: str | None = None) -> str:
    """A Material site with `search`, `toc` permalinks, `admonition` and `attr_list`, as the benchmarks build it.

    `sxs` holds plugin options as YAML scalars (`{"docfx": "false"}`);
    `with_sxs=False` leaves the plugin out (plain MkDocs + Material).
    """
    theme = "theme:\n  name: material\n" + (f"  language: {language}\n" if language else "")
    feature_lines = "".join(f"    - {feature}\n" for feature in features)
    if feature_lines:
        theme += "  features:\n" + feature_lines
    plugins = "plugins:\n  - search\n"
    if with_sxs and sxs:
        plugins += "  - sxs:\n" + "".join(f"      {key}: {value}\n" for key, value in sxs.items())
    elif with_sxs:
        plugins += "  - sxs\n"
    return (f"site_name: {site_name}\ndocs_dir: {docs_dir}\nsite_dir: {site_dir}\n{theme}{plugins}"
            "markdown_extensions:\n  - toc:\n      permalink: true\n  - admonition\n  - attr_list\n")


@dataclass(frozen=True)
class TimedRun:
    result: subprocess.CompletedProcess[str]
    cpu_seconds: float      # user + sys of the child: the measure on a shared machine
    wall_seconds: float


def timed_run(command: list[str], env: Mapping[str, str] | None = None, **run_options: Any) -> TimedRun:
    """`subprocess.run(command)` with the child's CPU time (RUSAGE_CHILDREN) and wall time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, env=dict(env) if env is not None else mkdocs_env(), text=True, **run_options)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return TimedRun(result, cpu, wall)


def mkdocs_build_command(config: Path | str, *options: str, engine: str | None = None) -> list[str]:
    """`python -m ENGINE build [options] -f config` with this interpreter (ENGINE: `SXS_ENGINE`, default mkdocs)."""
    return [sys.executable, "-m", engine or ENGINE, "build", *options, "-f", str(config)]


def zensical_build_command() -> list[str]:
    """`python -m zensical build` with this interpreter: run it in the project folder (cwd)."""
    return [sys.executable, "-m", "zensical", "build"]


def build_zensical_project(docs: Path | str, project: Path | str, *init_options: str) -> Path:
    """`mkdocs-sxs init DOCS --engine zensical --output PROJECT`, then `zensical build` in it; returns the site."""
    init = subprocess.run([sys.executable, "-m", "mkdocs_sxs", "init", str(docs), "--engine", "zensical", "--output",
                           str(project), *init_options], env=mkdocs_env(), capture_output=True, text=True,
                          timeout=900)
    if init.returncode != 0:
        raise RuntimeError(f"mkdocs-sxs init --engine zensical failed:\n{init.stderr[-4000:]}")
    run = subprocess.run(zensical_build_command(), cwd=str(project), env=mkdocs_env(), capture_output=True, text=True,
                         timeout=1800)
    if run.returncode != 0:
        raise RuntimeError(f"zensical build failed:\n{run.stdout[-2000:]}\n{run.stderr[-4000:]}")
    return Path(project) / "site"


def generator_free(html: str) -> str:
    """A built page without its `<meta name="generator">` tag, the one line where the engines differ."""
    return _GENERATOR.sub("", html)


_GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser dropped a request it no longer needed (a page left while a file still loaded)


@contextmanager
def serve(directory: Path | str, *, quiet: bool = True) -> Iterator[str]:
    """Serve a built site on a free 127.0.0.1 port; yields its base URL (`http://127.0.0.1:PORT/`)."""
    handler_class = QuietHandler if quiet else http.server.SimpleHTTPRequestHandler
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def launch_chromium(playwright: Any) -> Any:
    """Debian's chromium through Playwright (never a downloaded browser)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
