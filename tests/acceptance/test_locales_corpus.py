"""The three Partner Center exports (cs-CZ, fr-FR, ko-KR) as one site: `init A B C` + `build-locales`.

Built once for the module (the three builds run side by side). Checks the
alternates (every hreflang and sitemap target exists), the picker, each
locale's own search index and `<html lang>`, and the combined link report.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import require_corpus
from support import mkdocs_env

pytestmark = pytest.mark.acceptance

SITE_URL = "https://docs.example.com/partner-center/"
LOCALES = {"cs-cz": "cs-CZ", "fr-fr": "fr-FR", "ko-kr": "ko-KR"}
HANGUL = re.compile("[\uac00-\ud7af]")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = require_corpus()
    out = tmp_path_factory.mktemp("pc-locales") / "project"
    docsets = [corpus / f"partner-center.{tag}" / "partner-center" for tag in LOCALES.values()]
    init = subprocess.run([sys.executable, "-m", "mkdocs_sxs", "init", *map(str, docsets), "--output", str(out),
                           "--site-url", SITE_URL], env=mkdocs_env(), capture_output=True, text=True, check=False)
    assert init.returncode == 0, init.stderr
    build = subprocess.run([sys.executable, "-m", "mkdocs_sxs", "build-locales", str(out), "--format", "sarif"],
                           env=mkdocs_env(), capture_output=True, text=True, check=False)
    assert "built 3 of 3 locale(s)" in build.stderr, build.stderr[-3000:]
    return out


def _file_for(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    path = url[len(SITE_URL):].split("#", 1)[0]
    return site / path / "index.html" if path.endswith("/") or not path else site / path


def test_every_page_has_hreflang_to_existing_pages_x_default_og_locale_and_its_lang(project: Path) -> None:
    site = project / "site"
    pages = 0
    for path, tag in LOCALES.items():
        for page in (site / path).rglob("index.html"):
            html = page.read_text(encoding="utf-8")
            if 'http-equiv="refresh"' in html:
                continue  # DocFX redirect pages
            pages += 1
            head = html.split("</head>", 1)[0]
            links = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', head)
            langs = [lang for lang, _ in links]
            assert tag in langs and langs[-1] == "x-default", page
            for _, href in links:
                assert _file_for(site, href).is_file(), f"{page}: hreflang target {href} does not exist"
            assert f'<meta property="og:locale" content="{tag.replace("-", "_")}">' in head, page
            assert re.search(rf'<html[^>]* lang="{tag}"', html), page
    assert pages > 3 * 300


def test_sitemaps_list_alternates_that_exist(project: Path) -> None:
    site = project / "site"
    index = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert all(f"<loc>{SITE_URL}{path}/sitemap.xml</loc>" in index for path in LOCALES)
    for path in LOCALES:
        xml = (site / path / "sitemap.xml").read_text(encoding="utf-8")
        hrefs = re.findall(r'<xhtml:link rel="alternate" hreflang="[^"]+" href="([^"]+)"/>', xml)
        assert len(hrefs) >= 4 * 300, path
        for href in set(hrefs):
            assert _file_for(site, href).is_file(), href


def test_picker_on_every_locale_leads_to_the_same_page(project: Path) -> None:
    site = project / "site"
    html = (site / "fr-fr" / "customer-communication-from-microsoft" / "index.html").read_text(encoding="utf-8")
    picker = re.search(r'<nav class="sxs-locales" aria-label="Autres langues".*?</nav>', html).group(0)
    targets = dict(re.findall(r'<a href="([^"]+)" lang="([^"]+)"', picker))
    assert {lang: href for href, lang in targets.items()} == {
        tag: f"{SITE_URL}{path}/customer-communication-from-microsoft/" for path, tag in LOCALES.items()}
    assert ">Čeština</a>" in picker and ">Français</a>" in picker and ">한국어</a>" in picker
    for href in targets:
        assert _file_for(site, href).is_file()


def test_each_locale_has_its_own_search_in_its_language(project: Path) -> None:
    site = project / "site"
    for path in LOCALES:
        index = json.loads((site / path / "search" / "search_index.json").read_text(encoding="utf-8"))
        text = " ".join(doc["text"] for doc in index["docs"])
        assert all(not doc["location"].startswith(("cs-cz/", "fr-fr/", "ko-kr/")) for doc in index["docs"])
        hangul = len(HANGUL.findall(text))
        assert (hangul > 10_000) if path == "ko-kr" else (hangul < 50), (path, hangul)
        if path == "cs-cz":
            assert "zákazník" in text and " clients " not in text
        if path == "fr-fr":
            assert " clients " in text and "zákazník" not in text


def test_one_link_report_for_all_locales(project: Path) -> None:
    report = json.loads((project / "reports" / "links.sarif").read_text(encoding="utf-8"))
    uris = {result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for result in report["runs"][0]["results"]}
    for tag in LOCALES.values():
        assert any(uri.startswith(f"partner-center.{tag}/partner-center/") for uri in uris), tag
    for path in LOCALES:
        assert (project / "reports" / f"links.{path}.json").is_file()
