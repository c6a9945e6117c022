"""`mkdocs serve` shows an edit in the page open in a browser before it rebuilds the site (mkdocs/serve_first.py).

MkDocs' own `serve` runs in a thread of the test, on tests/edited_docset.py's
docset. A browser is played by a livereload poll whose `Referer` is the open
page. The rebuild that follows the page-first step is held until the test has
checked what is served meanwhile, so "before the rebuild" is checked, not
timed. Each time:

- the open page is served with the edit while the rebuild waits, and its bytes
  are those of a clean build's page;
- once the rebuild has ended, every file of the served folder is the clean
  build's, and there was no second reload when the open page did not change.
"""

from __future__ import annotations

import copy
import re
import shutil
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from edited_docset import CONFIG, EDITS, site_files, write_config
from mkdocs.commands.build import build
from mkdocs.commands.serve import serve
from mkdocs.config import load_config
from mkdocs_sxs.mkdocs.persistent_plugins import forget_persistent_plugins
from mkdocs_sxs.mkdocs.serve_first import ServeFirst

TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Served:
    root: Path
    base: str
    first: ServeFirst | None = None
    gate: threading.Event = field(default_factory=threading.Event)  # set: the rebuild may run
    rebuilt: threading.Event = field(default_factory=threading.Event)
    installed: threading.Event = field(default_factory=threading.Event)

    def get(self, path: str, referer: str | None = None) -> str:
        headers = {"Referer": self.base + referer} if referer else {}
        with urllib.request.urlopen(urllib.request.Request(self.base + path, headers=headers),
                                    timeout=TIMEOUT) as response:
            return response.read().decode("utf-8")

    @property
    def server(self) -> Any:
        assert self.first is not None
        return self.first.server

    @property
    def site(self) -> Path:
        assert self.first is not None and self.first.last is not None
        return Path(self.first.last.config.site_dir)


class Poll(threading.Thread):
    """A browser showing `page`: MkDocs' livereload poll, answered when the server has a newer epoch."""

    def __init__(self, served: Served, page: str) -> None:
        super().__init__(daemon=True)
        html = served.get(page)
        self.epoch = int(re.search(r"livereload\((\d+),", html).group(1))
        self.served, self.page = served, page
        self.answer: int | None = None

    def run(self) -> None:
        self.answer = int(self.served.get(f"/livereload/{self.epoch}/1", referer=self.page))


@pytest.fixture
def served(edited_base: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Served]:
    root = tmp_path / "project"
    shutil.copytree(edited_base, root)
    config = copy.deepcopy(CONFIG)
    config["plugins"][1]["sxs"]["parallel"] = False  # no fork from a thread of the test
    write_config(root, config)
    port = free_port()
    state = Served(root, f"http://127.0.0.1:{port}")
    install = ServeFirst.install.__func__  # type: ignore[attr-defined]

    def installed(cls: type[ServeFirst], server: Any, plugin: Any, builder: Any) -> ServeFirst | None:
        first = install(cls, server, plugin, builder)
        assert first is not None
        rebuild = first.rebuild

        def held(*args: Any, **kwargs: Any) -> Any:
            assert state.gate.wait(TIMEOUT)
            try:
                return rebuild(*args, **kwargs)
            finally:
                state.rebuilt.set()

        first.rebuild = held
        state.first = first
        state.installed.set()
        return first

    monkeypatch.setattr(ServeFirst, "install", classmethod(installed))
    monkeypatch.setattr("mkdocs.livereload.LiveReloadServer.build_delay", 0.05, raising=False)
    forget_persistent_plugins()
    thread = threading.Thread(target=serve, kwargs={"config_file": str(root / "mkdocs.yml"),
                                                    "dev_addr": f"127.0.0.1:{port}"}, daemon=True)
    thread.start()
    try:
        assert state.installed.wait(TIMEOUT), "mkdocs serve did not start"
        deadline = time.monotonic() + TIMEOUT
        while True:  # on_serve runs before the server listens
            try:
                state.get("/")
                break
            except OSError:
                assert time.monotonic() < deadline, "mkdocs serve does not answer"
                time.sleep(0.05)
        yield state
    finally:
        state.gate.set()
        if state.first is not None:
            state.first.server.shutdown()
        thread.join(TIMEOUT)
        forget_persistent_plugins()


def clean_build(served: Served) -> dict[str, bytes]:
    """A clean `mkdocs build` of the sources as they are, at the served site's URL."""
    forget_persistent_plugins()
    site = served.root / "clean-site"
    shutil.rmtree(site, ignore_errors=True)
    config = load_config(str(served.root / "mkdocs.yml"), site_dir=str(site), site_url=served.base + "/")
    build(config, serve_url=served.base + "/")
    forget_persistent_plugins()
    return site_files(site)


def without_livereload(html: str) -> str:
    return re.sub(r"<script>\s*var livereload = .*?</script>", "", html, flags=re.S)


@pytest.mark.parametrize(("kind", "shows"), [("sentence", "NOVÁ věta"), ("include", "NOVÁ věta"),
                                             ("toc", "NOVÁ věta"), ("catalog", "NOVÁ věta")])
def test_an_edit_shows_in_the_open_page_before_the_site_is_rebuilt(served: Served, kind: str, shows: str):
    poll = Poll(served, "/a/")
    poll.start()
    EDITS[kind](served.root, "NOVÁ věta")
    poll.join(TIMEOUT)
    assert poll.answer is not None and poll.answer > poll.epoch  # the browser is told to reload
    assert not served.rebuilt.is_set()  # ... while the rebuild has not even started
    page = served.get("/a/")  # answered while the rebuild waits
    assert shows in page
    assert not served.rebuilt.is_set()
    clean = clean_build(served)
    assert without_livereload(page).encode("utf-8") == clean["a/index.html"]  # a clean build's page

    served.gate.set()
    assert served.rebuilt.wait(TIMEOUT)
    with served.server._epoch_cond:
        served.server._epoch_cond.wait_for(
            lambda: served.server._visible_epoch == served.server._wanted_epoch, timeout=TIMEOUT)
        assert served.server._visible_epoch == poll.answer  # the page did not change: no second reload
    mine = site_files(served.site)
    assert sorted(mine) == sorted(clean)
    assert [name for name in clean if mine[name] != clean[name]] == []


def test_an_edit_of_another_page_waits_for_the_rebuild(served: Served):
    """c.md is edited while only a.md is open: nothing to show first; the rebuild runs as MkDocs' does."""
    poll = Poll(served, "/a/")
    poll.start()
    EDITS["page"](served.root, "x")  # c.md removed: a file the page path does not know
    poll.join(1.0)
    assert poll.is_alive()  # no reload before the rebuild
    served.gate.set()
    poll.join(TIMEOUT)
    assert served.rebuilt.is_set() and poll.answer is not None and poll.answer > poll.epoch
    mine, clean = site_files(served.site), clean_build(served)
    assert sorted(mine) == sorted(clean)
    assert [name for name in clean if mine[name] != clean[name]] == []
    assert not (served.site / "c" / "index.html").exists()


def test_a_page_open_elsewhere_reloads_again_when_the_rebuild_changed_it(served: Served):
    """b.md's heading is edited while b and a are open: b is shown first; a links to b's old anchor, so the
    rebuild changes a (its link check), and the browsers reload once more."""
    polls = [Poll(served, "/b/"), Poll(served, "/a/")]
    for poll in polls:
        poll.start()
    before_a = served.get("/a/")
    EDITS["heading"](served.root, "NOVÝ nadpis")
    for poll in polls:
        poll.join(TIMEOUT)
    assert all(poll.answer is not None and poll.answer > poll.epoch for poll in polls)
    assert not served.rebuilt.is_set()
    assert "NOVÝ nadpis" in served.get("/b/")
    served.gate.set()
    assert served.rebuilt.wait(TIMEOUT)
    after_a = served.get("/a/")
    clean = clean_build(served)
    assert without_livereload(after_a).encode("utf-8") == clean["a/index.html"]
    with served.server._epoch_cond:
        served.server._epoch_cond.wait_for(
            lambda: served.server._visible_epoch == served.server._wanted_epoch, timeout=TIMEOUT)
        second = served.server._visible_epoch
    changed = without_livereload(after_a) != without_livereload(before_a)  # its link to b's old anchor
    assert changed and second > polls[0].answer
