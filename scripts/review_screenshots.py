#!/usr/bin/env python3
"""Regenerate the README screenshots of review mode (`mkdocs-sxs review`) on the demo's seed page.

    PYTHONPATH=$PWD/plugins python3 scripts/review_screenshots.py [--out screenshots]

Copies the demo project (mkdocs.yml, docs/, translations/) into a temp dir (the
repository's catalogs are not touched), starts the review server on 127.0.0.1
(random port) and drives Debian's chromium through Playwright.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "plugins"))

from mkdocs_sxs.review.server import start, stop  # noqa: E402
from mkdocs_sxs.review.site import ReviewSite  # noqa: E402
from support import launch_chromium  # noqa: E402

SEED = "customer-communication-from-microsoft"


def wait_status(page: object, prefix: str) -> None:
    page.wait_for_function(  # type: ignore[attr-defined]
        f"document.querySelector('.sxs-r-status').textContent.startsWith({prefix!r})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(ROOT / "screenshots"))
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="sxs-review-shots-") as tmp:
        project = Path(tmp)
        for name in ("docs", "translations"):
            shutil.copytree(ROOT / name, project / name)
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        page_file = project / "docs" / f"{SEED}.md"
        # one untranslated unit, so the page has a QA finding to show
        page_file.write_text(page_file.read_text(encoding="utf-8").replace(
            "Microsoft může o incidentech služeb nebo jiných provozních informacích komunikovat přímo se zákazníky.",
            "Microsoft may communicate directly with customers about service incidents or other operational "
            "information.", 1), encoding="utf-8")
        server, thread = start(ReviewSite(project / "mkdocs.yml", project / "site"))
        try:
            with sync_playwright() as p:
                browser = launch_chromium(p)
                context = browser.new_context(viewport={"width": 1280, "height": 860})
                page = context.new_page()
                page.goto(f"{server.url}{SEED}/")
                page.wait_for_selector("html[data-sxs-review=ready]")
                page.locator('article .sxs-tu[data-sxs-id="f277a-106"]').click()
                page.keyboard.press("Alt+q")  # the next unit with a QA finding
                page.mouse.move(5, 5)
                page.screenshot(path=str(out / "review-panel-qa.png"))

                page.locator('article .sxs-tu[data-sxs-id="f277a-106"]').click()
                page.keyboard.press("Control+a")
                page.keyboard.type("Obecně očekáváme, že **veškerou** komunikaci se zákazníkem vede partner "
                                   "programu Cloud Solution Provider.")
                page.keyboard.press("Control+Enter")
                wait_status(page, "saved")
                page.mouse.move(5, 5)
                page.screenshot(path=str(out / "review-saved.png"))

                other = context.new_page()
                other.goto(f"{server.url}{SEED}/")
                other.wait_for_selector("html[data-sxs-review=ready]")
                page.keyboard.press("Alt+ArrowDown")  # 106 -> 107
                other.locator('article .sxs-tu[data-sxs-id="f277a-107"]').click()
                other.locator(".sxs-r-edit textarea").fill("Protože fakturační vztah se zákazníkem máte vy, …")
                page.locator(".sxs-r-edit textarea").fill("Vzhledem k tomu, že fakturační vztah máte vy, …")
                page.keyboard.press("Control+Enter")
                wait_status(page, "saved")
                other.keyboard.press("Control+Enter")
                wait_status(other, "Conflict")
                other.mouse.move(5, 5)
                other.screenshot(path=str(out / "review-conflict.png"))

                page_file.write_text(page_file.read_text(encoding="utf-8").replace(
                    "In general, we expect all communications with the customer to come from the Cloud Solution "
                    "Provider partner.", "In general, all communications with the customer come from the "
                    "Cloud Solution Provider partner.", 1), encoding="utf-8")
                page.reload()
                page.wait_for_selector("html[data-sxs-review=ready]")
                page.locator('article .sxs-tu[data-sxs-id="f277a-106"]').click()
                page.mouse.move(5, 5)
                page.screenshot(path=str(out / "review-stale.png"))
                browser.close()
        finally:
            stop(server, thread)
    print(f"wrote review-*.png to {out}")


if __name__ == "__main__":
    main()
