#!/usr/bin/env python3
"""Screenshot a built partner-center page with alerts and images (DocFX Markdown).

Usage (from the repository root, after building the marketplace docset into SITE):

    PYTHONPATH=$PWD/plugins python3 scripts/screenshot_docfx_markdown.py SITE PAGE OUT.png [SELECTOR]

SITE is a built site folder, PAGE a page path in it (e.g.
`create-manage-private-azure-marketplace/`), OUT the PNG to write. The site is
served on a random 127.0.0.1 port for the time of the screenshot; the view is
scrolled to the first element matching SELECTOR (default: the first alert).
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from support import launch_chromium, serve  # noqa: E402


def main(argv: list[str]) -> int:
    if len(argv) not in (4, 5):
        print(__doc__, file=sys.stderr)
        return 2
    site, page, out = Path(argv[1]), argv[2].lstrip("/"), Path(argv[3])
    selector = argv[4] if len(argv) == 5 else ".admonition"
    with serve(site) as base, sync_playwright() as p:
        browser = launch_chromium(p)
        view = browser.new_page(viewport={"width": 1280, "height": 1400})
        view.goto(base + page, wait_until="load")
        target = view.locator(selector).first
        if target.count():
            target.scroll_into_view_if_needed()
            view.evaluate("window.scrollBy(0, -200)")
        out.parent.mkdir(parents=True, exist_ok=True)
        view.screenshot(path=str(out))
        browser.close()
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
