"""Screenshots of the guideline annotations: the seed page's block and one role index.

    PYTHONPATH=plugins python3 scripts/annotation_screenshots.py [--docs DIR] [--out screenshots]

(`--docs` defaults to $SXS_CORPUS or ../shared/corpus, then partner-center.cs-CZ/partner-center.)

Builds the Partner Center docset (cs-CZ) into a temporary folder, serves it
on 127.0.0.1 (random port) and drives Debian's chromium through Playwright.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support import launch_chromium, mkdocs_config, serve  # noqa: E402

CORPUS = Path(os.environ.get("SXS_CORPUS", ROOT.parent / "shared" / "corpus"))
DEFAULT_DOCS = CORPUS / "partner-center.cs-CZ" / "partner-center"


def build(docs: Path, workdir: Path) -> Path:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    site = workdir / "site"
    config = workdir / "mkdocs.yml"
    config.write_text(mkdocs_config("Partnerské centrum", docs, site, features=["navigation.instant"], language="cs"),
                      encoding="utf-8")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    mkdocs_build(load_config(str(config)))
    return site


def shoot(site: Path, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    shots = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base + "customer-communication-from-microsoft/")
        page.wait_for_selector(".sxs-annotations")
        article = page.locator("article")
        box = article.bounding_box()
        block = page.locator(".sxs-annotations").bounding_box()
        assert box and block
        clip = {"x": box["x"], "y": box["y"], "width": box["width"],
                "height": block["y"] + block["height"] - box["y"] + 80}
        shots.append(out / "annotations-seed-page.png")
        page.screenshot(path=str(shots[-1]), clip=clip)
        # the same block in the English view
        page.click('.sxs-mode[data-sxs-mode="source"]')
        shots.append(out / "annotations-seed-page-english.png")
        page.screenshot(path=str(shots[-1]), clip=clip)
        page.click('.sxs-mode[data-sxs-mode="target"]')
        page.goto(base + "roles/helpdesk-agent/")
        page.wait_for_selector(".sxs-ann-pages")
        page.select_option(".sxs-ann-filter select", "roles:Billing admin")
        shots.append(out / "annotations-role-index.png")
        page.screenshot(path=str(shots[-1]), full_page=False)
        page.goto(base + "roles/")
        page.wait_for_selector(".sxs-ann-all")
        shots.append(out / "annotations-all-roles.png")
        page.screenshot(path=str(shots[-1]), full_page=False)
        browser.close()
    return shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS)
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--site", type=Path, help="an already built site to photograph (skips the build)")
    args = parser.parse_args(argv)
    if args.site:
        for shot in shoot(args.site, args.out):
            print(shot)
        return 0
    if not args.docs.is_dir():
        print(f"{args.docs}: no such folder; pass --docs with the partner-center docs folder", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as workdir:
        site = build(args.docs.resolve(), Path(workdir))
        for shot in shoot(site, args.out):
            print(shot.relative_to(ROOT) if shot.is_relative_to(ROOT) else shot)
    return 0


if __name__ == "__main__":
    sys.exit(main())
