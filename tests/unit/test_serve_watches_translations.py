"""`mkdocs serve` rebuilds when a catalog in the translations folder changes (the plugin's on_serve hook)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from mkdocs_sxs.cli import main
from review_fixture import write_project
from support import mkdocs_env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(url: str, needle: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if needle in fetch(url):
            return True
        time.sleep(0.2)
    return False


def test_a_post_edit_saved_into_translations_rebuilds_the_served_site(tmp_path: Path):
    config = write_project(tmp_path)
    translations = tmp_path / "translations"
    assert main(["extract", str(tmp_path / "docs"), "--format", "po", "--output", str(translations) + "/"]) == 0
    port = free_port()
    url = f"http://127.0.0.1:{port}/guide/"
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                              env=mkdocs_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(url, "Druhá věta.", 60), "mkdocs serve did not come up"
        catalog = translations / "cs-CZ" / "guide.po"
        catalog.write_text(catalog.read_text(encoding="utf-8").replace('msgstr "Druhá věta."',
                                                                       'msgstr "Druhá, uložená věta."'),
                           encoding="utf-8")
        assert wait_for(url, "Druhá, uložená věta.", 30), "the catalog change did not rebuild the site"
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(5)
