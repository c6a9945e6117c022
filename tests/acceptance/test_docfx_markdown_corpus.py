"""DocFX Markdown on the real docsets: nothing DocFX-specific left visible.

One build per docset per session (a minimal mkdocs.yml, theme material),
then the built HTML is parsed: no literal alerts, includes, `:::image`,
rows, `[!div`, or raw translation-unit markup in visible text; every `.md`
link left in the output was reported by the build; no broken images.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT, require_corpus
from site_checks import SiteReport, scan_site
from support import ENGINE

pytestmark = pytest.mark.acceptance

CONFIG = """
site_name: {name}
docs_dir: {docs}
site_dir: {site}
theme:
  name: material
  features: [navigation.prune]
exclude_docs: |
  includes/
  **/includes/
plugins:
  - sxs:
      link_check: false  # the build's own reports are what this test checks
"""


@dataclass
class Built:
    docs: Path
    site: Path
    log: str
    report: SiteReport


def _build(tmp: Path, docs: Path, name: str) -> Built:
    site = tmp / f"site-{name}"
    config = tmp / f"mkdocs-{name}.yml"
    config.write_text(CONFIG.format(name=name, docs=docs, site=site), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "plugins"), NO_MKDOCS_2_WARNING="1")
    run = subprocess.run([sys.executable, "-m", ENGINE, "build", "-f", str(config)], capture_output=True,
                         text=True, env=env, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    # the log summarizes findings per category; every finding is in the build report next to the config
    report = tmp / "sxs-build-report.txt"
    log = run.stderr + (report.read_text(encoding="utf-8") if report.is_file() else "")
    return Built(docs, site, log, scan_site(site))


@pytest.fixture(scope="session")
def partner_center_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    corpus = require_corpus() / "partner-center.cs-CZ"
    tmp = tmp_path_factory.mktemp("docfx-pc")
    return {name: _build(tmp, corpus / name, name) for name in ("partner-center", "marketplace")}


@pytest.fixture(scope="session")
def dynamics_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    corpus = require_corpus() / "dynamics-365-operations.cs-CZ" / "articles"
    return _build(tmp_path_factory.mktemp("docfx-d365"), corpus, "articles")


def _page_sources(html_path: str) -> list[str]:
    """`a/b/index.html` comes from `a/b.md` or `a/b/index.md` (directory URLs)."""
    if html_path == "index.html":
        return ["index.md"]
    folder = re.sub(r"/index\.html$", "", html_path)
    return [folder + ".md", folder + "/index.md"]


def _assert_clean(built: Built) -> None:
    report = built.report
    assert report.pages > 10
    assert report.visible == {}, f"DocFX syntax or raw unit markup visible: {report.visible}"
    assert report.in_code == {}, f"raw markup inside code blocks: {report.in_code}"
    assert report.broken_images == {}, f"images that are not in the site: {report.broken_images}"
    assert report.broken_links == {}, f"relative links to nothing in the site: {report.broken_links}"
    unreported = []
    for page, hrefs in report.md_links.items():
        sources = _page_sources(page)
        for href in hrefs:
            if not any(re.search(re.escape(source) + r"[^\n]*" + re.escape(f"'{href}'"), built.log)
                       for source in sources):
                unreported.append((page, href))
    assert unreported == [], f".md links neither rewritten nor reported: {unreported}"


@pytest.mark.parametrize("name", ["partner-center", "marketplace"])
def test_partner_center_docsets_render_clean(partner_center_sites: dict[str, Built], name: str) -> None:
    _assert_clean(partner_center_sites[name])


def test_alerts_images_and_other_docset_links_on_a_real_page(partner_center_sites: dict[str, Built]) -> None:
    built = partner_center_sites["marketplace"]
    html = (built.site / "create-manage-private-azure-marketplace" / "index.html").read_text(encoding="utf-8")
    assert '<p class="admonition-title">Poznámka</p>' in html and '<p class="admonition-title">Důležité</p>' in html
    assert html.count('class="sxs-media-missing"') >= 10 and "<img " not in html.split('class="md-content"')[1]
    assert 'href="https://learn.microsoft.com/cs-cz/azure/' in html


def test_docset_absolute_links_become_local_pages(partner_center_sites: dict[str, Built]) -> None:
    built = partner_center_sites["partner-center"]
    sources = [p for p in built.docs.rglob("*.md") if "](/partner-center/" in p.read_text(encoding="utf-8-sig")
               and "includes" not in p.parts]
    assert sources, "the corpus has docset-absolute links"
    html = "".join((built.site / p.relative_to(built.docs).with_suffix("") / "index.html").read_text(encoding="utf-8")
                   for p in sources[:20] if p.name != "index.md")
    assert 'href="/partner-center/' not in html


def test_dynamics_articles_render_clean(dynamics_site: Built) -> None:
    _assert_clean(dynamics_site)
    # `[!include [rename-banner](~/includes/cc-data-platform-banner.md)]`: a docset-rooted include holding an
    # alert with a list of units.
    html = (dynamics_site.site / "human-resources" / "hr-setup-date-time-fields" / "index.html").read_text(
        encoding="utf-8")
    assert re.search(r'<div class="admonition note">\s*<p class="admonition-title">Poznámka</p>', html)
    assert 'data-sxs-id="258b9-102"' in html and "Dataverse" in html
    assert "included file" in dynamics_site.log  # localized docsets miss includes: reported, not fatal
