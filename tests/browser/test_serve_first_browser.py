"""`mkdocs serve` in Chromium: an edit shows in the open tab through the page-first step (mkdocs/serve_first.py).

The unit tests play the browser with a livereload poll; here a real tab does:
its livereload script's poll must name the page (`Referer`) for the step to
know which page is open. The command is the real `mkdocs serve` (or `properdocs serve`:
`SXS_ENGINE`), a child process, on tests/edited_docset.py's docset.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from edited_docset import EDITS
from support import ENGINE, mkdocs_env

pytestmark = pytest.mark.browser
TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("kind", ["sentence", "toc"])
def test_an_edit_shows_in_the_open_tab_through_the_page_first_step(browser: object, edited_base: Path,
                                                                  tmp_path: Path, kind: str):
    root = tmp_path / "project"
    shutil.copytree(edited_base, root)
    port = free_port()
    log = root / "serve.log"
    with log.open("wb") as stream:
        server = subprocess.Popen([sys.executable, "-m", ENGINE, "serve", "-f", str(root / "mkdocs.yml"),
                                   "-a", f"127.0.0.1:{port}"], env=mkdocs_env(), stdout=stream, stderr=stream)
    try:
        context = browser.new_context()  # type: ignore[attr-defined]
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                tab.goto(f"http://127.0.0.1:{port}/a/")
                break
            except Exception:  # noqa: BLE001 - not listening yet
                assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
                time.sleep(0.2)
        while "Browser connected" not in log.read_text(encoding="utf-8"):  # its livereload poll is in
            assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
            time.sleep(0.1)
        EDITS[kind](root, "Věta z prohlížeče")
        tab.wait_for_function("() => !!document.body && document.body.textContent.includes('Věta z prohlížeče')",
                               timeout=TIMEOUT * 1000)  # mid-reload the new document has no body yet
        text = log.read_text(encoding="utf-8")
        assert "a.md shown in" in text, text  # the tab's poll named the page: it was rendered first
        if kind == "toc":  # the TOC name, in the navigation of the page shown
            assert "Věta z prohlížeče" in tab.locator("nav.md-nav--primary").first.text_content()
        assert errors == []
        context.close()
    finally:
        server.terminate()
        server.wait(15)
