"""Screenshots of a DocFX landing page and FAQ page from the partner-center docset (for the README).

Builds the docset with the config `mkdocs-sxs init` writes, serves it on a random
127.0.0.1 port and photographs the pages with Playwright + Debian's chromium.

    PYTHONPATH=plugins python3 scripts/docfx_screenshots.py [--corpus DIR] [--out screenshots]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support import launch_chromium, mkdocs_build_command, mkdocs_env, serve  # noqa: E402

PAGES = {"docfx-landing.png": "", "docfx-faq.png": "benefits-faq/"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=os.environ.get("SXS_CORPUS", str(ROOT.parent / "shared" / "corpus")))
    parser.add_argument("--out", default=str(ROOT / "screenshots"))
    args = parser.parse_args()
    docset = Path(args.corpus, "partner-center.cs-CZ", "partner-center")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    env = mkdocs_env()
    with tempfile.TemporaryDirectory(prefix="sxs-shots-") as tmp:
        config = Path(tmp, "mkdocs.yml")
        subprocess.run([sys.executable, "-m", "mkdocs_sxs", "init", str(docset), "--output", str(config)],
                       check=True, env=env)
        subprocess.run(mkdocs_build_command(config, "-q"), check=True, env=env)
        with serve(Path(tmp, "site"), quiet=False) as base, sync_playwright() as p:
            browser = launch_chromium(p)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            for name, path in PAGES.items():
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(out / name))
                print(f"wrote {out / name}")
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
