#!/usr/bin/env python3
"""Regenerate the README screenshots of the seed page (three views + tooltips).

    PYTHONPATH=$PWD/plugins python3 scripts/screenshots.py [--out screenshots]

Builds the demo site (mkdocs.yml + docs/) into a temp dir, serves it on
127.0.0.1 (random port) and drives Debian's chromium through Playwright.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support import launch_chromium, mkdocs_build_command, mkdocs_env, serve  # noqa: E402

SEED = "customer-communication-from-microsoft/"
HOVER_UNIT = "f277a-107"


# The demo's config plus Material's light/dark palette following the reader's
# `prefers-color-scheme`, so one build gives both the light and the dark shots.
PALETTE = [
    {"media": "(prefers-color-scheme: light)", "scheme": "default"},
    {"media": "(prefers-color-scheme: dark)", "scheme": "slate"},
]


def build(site: Path) -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(ROOT / config.get("docs_dir", "docs"))
    config["site_dir"] = str(site)
    config["theme"]["palette"] = PALETTE
    config_file = site.parent / "mkdocs-screenshots.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    subprocess.run(mkdocs_build_command(config_file, "--strict", "-q"), cwd=ROOT, env=mkdocs_env(), check=True)


def to_original_by_keyboard(page, unit_id: str) -> None:
    """Put the caret in a sentence and press the originals key, as a keyboard reader does."""
    page.evaluate("""tid => {
        const unit = document.querySelector(`.sxs-tu[data-sxs-id="${tid}"] > .sxs-t`);
        const range = document.createRange(); range.setStart(unit.firstChild, 0); range.collapse(true);
        const selection = getSelection(); selection.removeAllRanges(); selection.addRange(range);
        unit.scrollIntoView({block: "center"});
    }""", unit_id)
    page.keyboard.press("Alt+Shift+O")
    page.wait_for_timeout(300)


def shoot(base: str, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    shots: list[Path] = []
    with sync_playwright() as p:
        browser = launch_chromium(p)
        page = browser.new_page(viewport={"width": 1280, "height": 860}, color_scheme="light")
        page.goto(base + SEED)
        page.wait_for_function("document.documentElement.classList.contains('sxs-js')")
        for mode in ("target", "source", "both"):
            page.locator(f".sxs-mode[data-sxs-mode={mode}]").click()
            page.mouse.move(1270, 850)
            page.wait_for_timeout(300)
            path = out / f"seed-{mode}.png"
            page.screenshot(path=str(path), full_page=True)
            shots.append(path)
        page.locator(".sxs-mode[data-sxs-mode=target]").click()
        unit = page.locator(f'.sxs-tu[data-sxs-id="{HOVER_UNIT}"]')
        unit.hover()
        page.wait_for_timeout(200)
        path = out / "seed-hover.png"
        page.screenshot(path=str(path))
        shots.append(path)
        # A reader who prefers dark: Material's slate scheme; keyboard focus on a unit.
        dark = browser.new_page(viewport={"width": 1280, "height": 860}, color_scheme="dark")
        dark.goto(base + SEED)
        dark.wait_for_function("document.documentElement.classList.contains('sxs-js')")
        to_original_by_keyboard(dark, HOVER_UNIT)
        path = out / "seed-focus-dark.png"
        dark.screenshot(path=str(path))
        shots.append(path)
        # The keyboard view: the page bar (switch, hover toggle, the originals key) and a sentence
        # reached with Alt+Shift+O, its focus ring and its original open.
        page.reload()
        page.wait_for_function("document.documentElement.classList.contains('sxs-js')")
        to_original_by_keyboard(page, HOVER_UNIT)
        path = out / "keyboard-original.png"
        page.screenshot(path=str(path), clip={"x": 0, "y": 0, "width": 1280, "height": 620})
        shots.append(path)
        browser.close()
    return shots


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site)
        with serve(site) as base:
            shots = shoot(base, args.out)
    for path in shots:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
