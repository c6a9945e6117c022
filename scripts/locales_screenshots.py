"""Screenshots of a multi-locale Partner Center site: a Korean page, the picker, a Korean search, the notice.

    PYTHONPATH=$PWD/plugins python3 scripts/locales_screenshots.py [SITE_DIR]

Without SITE_DIR, builds `mkdocs-sxs init` of the cs-CZ, fr-FR and ko-KR
exports (../shared/corpus) with `build-locales` into a temp folder first.
Writes screenshots/locales-*.png.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support import launch_chromium, mkdocs_env, serve  # noqa: E402

SEED = "customer-communication-from-microsoft/"
OUT = ROOT / "screenshots"


def build(work: Path) -> Path:
    corpus = Path(os.environ.get("SXS_CORPUS", ROOT.parent / "shared" / "corpus"))
    docsets = [str(corpus / f"partner-center.{tag}" / "partner-center") for tag in ("cs-CZ", "fr-FR", "ko-KR")]
    subprocess.run([sys.executable, "-m", "mkdocs_sxs", "init", *docsets, "--output", str(work)],
                   env=mkdocs_env(), check=True)
    subprocess.run([sys.executable, "-m", "mkdocs_sxs", "build-locales", str(work)], env=mkdocs_env(), check=False)
    return work / "site"


def shoot(site: Path) -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(exist_ok=True)
    with serve(site) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(url + "ko-kr/" + SEED)
        page.wait_for_timeout(500)
        page.screenshot(path=str(OUT / "locales-korean-page.png"))
        page.goto(url + "fr-fr/" + SEED)
        page.locator("nav.sxs-locales summary").click()
        page.locator("nav.sxs-locales a[hreflang='ko-KR']").hover()
        page.wait_for_timeout(300)
        page.screenshot(path=str(OUT / "locales-picker.png"), clip={"x": 0, "y": 0, "width": 1280, "height": 520})
        page.goto(url + "ko-kr/" + SEED)
        box = page.locator("input.md-search__input")
        box.click()
        box.fill("통신")
        page.wait_for_function("/\\d/.test(document.querySelector('.md-search-result__meta').innerText)",
                               timeout=120_000)
        page.wait_for_timeout(500)
        page.screenshot(path=str(OUT / "locales-korean-search.png"))
        page.goto(url + "cs-cz/roles/")
        page.locator("nav.sxs-locales summary").click()
        page.locator("nav.sxs-locales a[hreflang='ko-KR']").click()
        page.wait_for_url("**/ko-kr/#sxs-locale-missing")
        page.evaluate("window.scrollTo(0, 0)")
        page.wait_for_timeout(300)
        clip = {"x": 0, "y": 0, "width": 1280, "height": 520}
        page.screenshot(path=str(OUT / "locales-missing-notice.png"), clip=clip)
        browser.close()
    print(f"wrote {OUT}/locales-*.png")


def main() -> int:
    if len(sys.argv) > 1:
        shoot(Path(sys.argv[1]))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        shoot(build(Path(tmp) / "project"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
