"""Partner Center built by Zensical from the project `mkdocs-sxs init --engine zensical` writes.

Zensical runs no plugin: what the reader gets must come from the project (the core's
site-level work) and from the `sxs` Markdown extension. One build per session
(`zensical_partner_center`, tests/conftest.py), shared with the browser tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from lxml import html as lxml_html
from site_checks import scan_site

pytestmark = pytest.mark.acceptance

SEED = "customer-communication-from-microsoft"


def _docset(corpus: Path) -> Path:
    return corpus / "partner-center.cs-CZ" / "partner-center"


def test_no_docfx_or_sxs_syntax_in_the_visible_text(zensical_partner_center: Path) -> None:
    report = scan_site(zensical_partner_center)
    assert report.pages > 300
    assert report.visible == {}, f"DocFX syntax or raw unit markup visible: {report.visible}"
    assert report.in_code == {}, f"raw markup inside code blocks: {report.in_code}"
    assert report.md_links == {}, f"links left pointing at .md files: {dict(list(report.md_links.items())[:5])}"
    # One link to nothing, from the page text, not from us: `[…](permissions-overview or assign.md)` is no link
    # for DocFX (CommonMark: a space in the destination), but Python-Markdown makes one (MkDocs too).
    known = {"mpn-skills-report/index.html": ["../permissions-overview or assign/"] * 2}
    ours = {page: hrefs for page, hrefs in report.broken_links.items() if known.get(page) != hrefs}
    assert ours == {}, f"relative links to nothing: {dict(list(ours.items())[:5])}"


def test_reader_markup_page_bar_and_titles(zensical_partner_center: Path) -> None:
    page = lxml_html.parse(str(zensical_partner_center / SEED / "index.html")).getroot()
    units = page.xpath("//article//span[contains(concat(' ', @class, ' '), ' sxs-tu ')]")
    # sentences are no Tab stops (the originals key reaches them: README "Accessibility")
    assert len(units) > 5 and not any(unit.get("tabindex") for unit in units)
    assert [b.text_content() for b in page.xpath("//article//button[@data-sxs-mode]")] == [
        "Čeština", "Angličtina", "Obojí"]
    title = page.findtext(".//title")
    assert "Microsoft" in title and "Guidelines" not in title  # the translated heading, not both languages
    css = page.xpath("//link[@rel='stylesheet']/@href")
    assert any(href.endswith("assets/sxs/sxs.css") for href in css)
    assert not any("fonts.googleapis" in href for href in css)  # nothing from a CDN
    assert (zensical_partner_center / "assets" / "sxs" / "sxs.js").is_file()


def test_alerts_includes_yaml_pages_redirects_and_annotations(zensical_partner_center: Path, corpus: Path) -> None:
    site = zensical_partner_center
    alerts = [path for path in site.rglob("index.html") if 'class="admonition' in path.read_text(encoding="utf-8")]
    assert len(alerts) > 20  # > [!NOTE] and friends became admonitions
    faq = (site / "benefits-faq" / "index.html").read_text(encoding="utf-8")  # from benefits-faq.yml
    assert "<h2" in faq and "YamlMime" not in faq
    redirects = json.loads((_docset(corpus).parent / ".openpublishing.redirection.json").read_text(encoding="utf-8"))
    sources = [r["source_path"] for r in redirects["redirections"] if r["source_path"].startswith("partner-center/")]
    written = [s for s in sources if (site / s.removeprefix("partner-center/")[:-3] / "index.html").is_file()]
    assert len(written) > 50
    sample = (site / written[0].removeprefix("partner-center/")[:-3] / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' in sample
    seed = lxml_html.parse(str(site / SEED / "index.html")).getroot()
    chips = seed.xpath("//article//div[@class='sxs-annotations']//a[contains(@class, 'sxs-ann-chip')]/@href")
    assert "../roles/helpdesk-agent/" in chips  # the annotation block, its chips to the role pages (as URLs)
    for href in chips:
        assert (site / SEED / href / "index.html").resolve().is_file(), href
    roles = (site / "roles" / "index.html").read_text(encoding="utf-8")
    assert "Helpdesk" in roles or "helpdesk" in roles.lower()
    assert json.loads((site / "annotations.json").read_text(encoding="utf-8"))["pages"]


def _toc_names(entries: list, docset: Path, folder: str = "") -> list[str]:
    """Names of TOC.yml entries in order, read with PyYAML (entries to missing pages left out, as the build does)."""
    names: list[str] = []
    for entry in entries or []:
        href = entry.get("href")
        children = entry.get("items")
        nested = href and href.lower().endswith(("toc.md", "toc.yml"))
        exists = href and (href.startswith("http") or (docset / folder / href).is_file())
        if children or nested or exists:
            names.append(str(entry["name"]))
        names += _toc_names(children, docset, folder)
    return names


def _nav_titles(page: Path) -> tuple[list[str], list[str]]:
    """(top-level titles, all titles in order) of the primary navigation of a built page."""
    tree = lxml_html.parse(str(page)).getroot()
    nav = tree.xpath("//nav[contains(@class, 'md-nav--primary')]")[0]
    root_list = nav.xpath("./ul")[0]

    def title(li) -> str:
        link = li.xpath("./a[contains(@class,'md-nav__link')] | ./label[contains(@class,'md-nav__link')] | "
                        "./div/a[contains(@class,'md-nav__link')]")
        return " ".join(link[0].text_content().split()) if link else ""

    top = [title(li) for li in root_list.xpath("./li")]
    every = [" ".join(e.text_content().split()) for e in nav.xpath(
        ".//a[contains(@class,'md-nav__link')] | .//label[contains(@class,'md-nav__link')]")]
    return top, every


def test_navigation_follows_toc_yml(zensical_partner_center: Path, corpus: Path) -> None:
    docset = _docset(corpus)
    toc = yaml.safe_load((docset / "TOC.yml").read_text(encoding="utf-8"))
    expected_top = [str(e["name"]) for e in toc if e.get("items") or e.get("href")]
    top, every = _nav_titles(zensical_partner_center / SEED / "index.html")
    assert top[: len(expected_top)] == expected_top
    expected = _toc_names(toc, docset)
    position = 0  # TOC.yml's entries appear in the navigation in the same order (nested TOCs add theirs)
    for name in expected:
        try:
            position = every.index(name, position) + 1
        except ValueError:
            pytest.fail(f"TOC entry {name!r} not in the navigation after position {position}")
    assert len(expected) > 250
