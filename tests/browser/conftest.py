"""A built demo site served on 127.0.0.1 and a Chromium driven by Playwright.

The demo site (`mkdocs.yml` + `docs/`) is built once per session into a temp
dir, plus one extra page written here with the layouts that break tooltips
(tables, admonitions, links inside the original, long units at the right
edge). A second build without `navigation.instant` checks the switch
without Material's instant navigation.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from support import CHROMIUM, build_zensical_project, launch_chromium, mkdocs_build_command, mkdocs_env, serve

ROOT = Path(__file__).resolve().parents[2]
SEED = "customer-communication-from-microsoft"
LAYOUT_PAGE = "sxs-layouts"


def _tu(tid: str, target: str, source: str) -> str:
    return (f'<span data-ttu-id="b7e11-{tid}">{target}</span>'
            f'<span class="sxs-lookup"><span data-stu-id="b7e11-{tid}">{source}</span></span>')


LONG_SOURCE = ("This sentence is deliberately long so that its English original, shown in a tooltip, is wider "
               "than the space left between the unit and the right edge of the window, which forces a flip.")
LAYOUT_MARKDOWN = f"""---
title: Rozvržení
ms.contentlocale: cs-CZ
ms.translationtype: MT
---
# <a name="layouts"></a>{_tu("101", "Rozvržení", "Layouts")}

{_tu("102", "Úvodní věta.", "An opening sentence.")} {_tu("103", "Viz [dokumentace](https://example.com/cs).",
                                                          "See the [documentation](https://example.com/en).")}

!!! note "Poznámka"
    {_tu("104", "Věta v poznámce.", "A sentence in a note. " + LONG_SOURCE)}

| {_tu("105", "Sloupec", "Column")} | {_tu("106", "Popis", "Description")} |
| --- | --- |
| {_tu("107", "Buňka", "Cell")} | {_tu("108", "Dlouhá buňka vpravo.", "A long cell on the right. " + LONG_SOURCE)} |

- {_tu("109", "Položka seznamu", "A list item")}
    - {_tu("110", "Vnořená položka", "A nested item")}

{_tu("113", '<span class="ui">Perf-review</span> – Kontrola výkonu prodejce.',
     '<span class="ui">Perf-review</span> – Review each salesperson’s job performance.')}

<div class="custom-html">{_tu("114", "Věta v surovém HTML.", "A sentence in raw HTML.")}</div>

## <a name="image-unit"></a>{_tu("111", "Obrázek", "Image")}

{_tu("112", "Obrázek ![logo](logo.svg) v textu.", "An image ![logo](logo.svg) in the text.")}
"""

GERMAN_PAGE = "sxs-deutsch"
GERMAN_MARKDOWN = f"""---
title: Kundenkommunikation
ms.contentlocale: de-DE
ms.translationtype: MT
ms.date: 07/10/2020
---
# <a name="customer-communication"></a>{_tu("201", "Kundenkommunikation", "Customer communication")}

{_tu("202", "Im Allgemeinen erwarten wir, dass der Partner kommuniziert.",
     "In general, we expect the partner to communicate.")}
"""

LOGO_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>'


def _demo_docs(tmp: Path, name: str) -> Path:
    docs = tmp / f"docs-{name}"
    shutil.copytree(ROOT / "docs", docs)
    (docs / f"{LAYOUT_PAGE}.md").write_text(LAYOUT_MARKDOWN, encoding="utf-8")
    (docs / f"{GERMAN_PAGE}.md").write_text(GERMAN_MARKDOWN, encoding="utf-8")
    (docs / "logo.svg").write_text(LOGO_SVG, encoding="utf-8")
    return docs


def _build(tmp: Path, name: str, *, instant: bool, search_source: bool = False, theme: str = "material") -> Path:
    docs = _demo_docs(tmp, name)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(docs)
    config["site_dir"] = str(tmp / f"site-{name}")
    config["nav"] = list(config.get("nav") or []) + [f"{LAYOUT_PAGE}.md", f"{GERMAN_PAGE}.md"]
    features = [f for f in config["theme"].get("features", []) if instant or f != "navigation.instant"]
    config["theme"]["features"] = features
    if theme != "material":
        config["theme"] = {"name": theme}
    if search_source:
        config["plugins"] = [{"sxs": {"search_source": True}} if p == "sxs" else p for p in config["plugins"]]
    config_file = tmp / f"mkdocs-{name}.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = subprocess.run(mkdocs_build_command(config_file, "--strict", "-q"),
                            env=mkdocs_env(), capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return Path(config["site_dir"])


@functools.cache
def _chromium_ok() -> bool:
    return os.path.exists(CHROMIUM)


def _serve(directory: Path) -> Iterator[str]:
    with serve(directory) as url:
        yield url


@pytest.fixture(scope="session")
def built_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("sxs-browser")
    return {"instant": _build(tmp, "instant", instant=True), "plain": _build(tmp, "plain", instant=False),
            "source": _build(tmp, "source", instant=True, search_source=True),
            "mkdocs": _build(tmp, "mkdocs-theme", instant=False, theme="mkdocs")}


@pytest.fixture(scope="session")
def zensical_demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same demo pages as a Zensical project (`mkdocs-sxs init --engine zensical`), built by Zensical."""
    tmp = tmp_path_factory.mktemp("sxs-zensical")
    return build_zensical_project(_demo_docs(tmp, "zensical"), tmp / "project", "--translations", str(tmp / "none"))


# The engines the reader tests run on: the demo built by MkDocs (or ProperDocs, SXS_ENGINE) with the
# sxs plugin, and the same pages as a Zensical project built by Zensical (no plugin).
READER_ENGINES = ("mkdocs", "zensical")


@pytest.fixture(scope="session", params=READER_ENGINES)
def reader_engine(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="session")
def site_url(reader_engine: str, request: pytest.FixtureRequest) -> Iterator[str]:
    """Base URL of the demo site built with the demo's own config (instant navigation on), on each engine."""
    if reader_engine == "zensical":
        yield from _serve(request.getfixturevalue("zensical_demo_site"))
    else:
        yield from _serve(request.getfixturevalue("built_sites")["instant"])


@pytest.fixture(scope="session")
def plain_site_url(built_sites: dict[str, Path]) -> Iterator[str]:
    """Base URL of the demo site built without instant navigation."""
    yield from _serve(built_sites["plain"])


@pytest.fixture(scope="session")
def source_site_url(built_sites: dict[str, Path]) -> Iterator[str]:
    """Base URL of the demo site built with `search_source: true`."""
    yield from _serve(built_sites["source"])


@pytest.fixture(scope="session")
def mkdocs_theme_url(built_sites: dict[str, Path]) -> Iterator[str]:
    """Base URL of the demo site built with MkDocs' own `mkdocs` theme (no Material)."""
    yield from _serve(built_sites["mkdocs"])


# Module scope, not session: a running sync Playwright owns an event loop, and a
# test module that starts its own `sync_playwright()` must not find one running.
@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not _chromium_ok():
        message = f"{CHROMIUM} not found (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch_chromium(p)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh context (empty localStorage), desktop size, mouse and keyboard."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})  # type: ignore[attr-defined]
    page = context.new_page()
    yield page
    context.close()
