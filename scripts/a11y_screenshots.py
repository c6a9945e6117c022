#!/usr/bin/env python3
"""The right-to-left keyboard view for the README (the seed page's keyboard view: scripts/screenshots.py).

    PYTHONPATH=$PWD/plugins python3 scripts/a11y_screenshots.py [--out screenshots]

Builds the Arabic and Czech pages of tests/browser/test_a11y.py into a temp dir,
serves them on 127.0.0.1 and drives Debian's chromium through Playwright: a
sentence reached with Alt+Shift+O and the arrow keys, its original open.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from support import launch_chromium, mkdocs_build_command, mkdocs_env, serve  # noqa: E402

from tests.browser.test_a11y import ARABIC_PAGE, CZECH_PAGE  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        docs = work / "docs"
        docs.mkdir()
        (docs / "index.md").write_text(ARABIC_PAGE, encoding="utf-8")
        (docs / "links.md").write_text(CZECH_PAGE, encoding="utf-8")
        config = work / "mkdocs.yml"
        config.write_text(
            f"site_name: sxs RTL\ndocs_dir: {json.dumps(str(docs))}\nsite_dir: {json.dumps(str(work / 'site'))}\n"
            "theme:\n  name: material\nplugins:\n  - search\n  - sxs\n", encoding="utf-8")
        subprocess.run(mkdocs_build_command(config, "-q"), env=mkdocs_env(), check=True, cwd=ROOT)
        path = args.out / "keyboard-rtl.png"
        with serve(work / "site") as url, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page(viewport={"width": 1100, "height": 360})
            page.goto(url)
            page.wait_for_function("document.documentElement.classList.contains('sxs-js')")
            page.locator("article h1").first.click()
            page.keyboard.press("Alt+Shift+O")
            page.keyboard.press("ArrowDown")
            page.wait_for_timeout(300)
            page.screenshot(path=str(path))
            browser.close()
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
