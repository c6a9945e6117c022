"""`mkdocs-sxs init` + `mkdocs build` on the fixture DocFX docset: nav, YAML pages, redirects, per-area navs."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs_sxs.cli import main

DOCSET = Path(__file__).resolve().parents[1] / "fixtures" / "docfx" / "repo" / "docs"
NAV_TITLE = re.compile(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', re.S)


def _build(tmp_path: Path, caplog: pytest.LogCaptureFixture, **sxs: object) -> Path:
    config_path = tmp_path / "mkdocs.yml"
    assert main(["init", str(DOCSET), "--output", str(config_path)]) == 0
    if sxs:
        data = yaml.safe_load(config_path.read_text(encoding="utf-8"))
        data["plugins"][1]["sxs"].update(sxs)
        config_path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with caplog.at_level(logging.INFO):
        build(load_config(str(config_path)))
    return tmp_path / "site"


def _nav_titles(page: Path) -> list[str]:
    html = page.read_text(encoding="utf-8")
    primary = html[html.index('md-nav--primary'):html.index('md-nav--secondary')]
    return [re.sub(r"<[^>]+>", "", title).strip() for title in NAV_TITLE.findall(primary)]


def test_init_writes_config_and_refuses_to_overwrite(tmp_path, capsys):
    out = tmp_path / "mkdocs.yml"
    assert main(["init", str(DOCSET), "--output", str(out)]) == 0
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["site_name"] == "Fixture Docs"
    assert data["theme"]["language"] == "cs"
    assert data["plugins"][1] == {"sxs": {"docfx": True, "locale": "cs-CZ", "url_base": "fixture-docs",
                                           "link_url_prefixes": ["/fixture-docs"]}}
    assert Path(data["docs_dir"]).resolve() == DOCSET.resolve()
    assert main(["init", str(DOCSET), "--output", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["init", str(DOCSET), "--output", str(out), "--force"]) == 0
    assert main(["init", str(tmp_path), "--output", str(tmp_path / "x.yml")]) == 2  # not a docset


def test_build_nav_yaml_pages_and_redirects(tmp_path, caplog):
    site = _build(tmp_path, caplog)
    # Navigation: TOC titles in TOC order; the nested TOC.md; a duplicate page becomes a link.
    titles = _nav_titles(site / "overview" / "index.html")
    assert titles[:10] == ["Home", "Getting &lt;started&gt;", "Overview", "Frequently asked", "Extension-less",
                           "Case differs", "With a toc query", "Sub area", "Sub overview",
                           "Sub overview"]  # a TOC entry with a page and children: section + its page
    assert titles.index("Only a display name") < titles.index("External") < titles.index("Level 9")
    assert "Missing page" not in titles and "B one" in titles and "Overview again" in titles
    # YAML pages are real pages, text escaped, links resolved.
    faq = (site / "faq" / "index.html").read_text(encoding="utf-8")
    assert "What is <em>this</em>" not in faq and "&lt;script&gt;alert(1)&lt;/script&gt;" in faq
    assert "<script>alert(1)" not in faq
    assert re.search(r'<h3 id="[^"]+">Second question', faq)
    assert 'href="../overview/"' in faq and 'href="./"' in faq  # answer link faq.yml → the FAQ page itself
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'class="grid cards sxs-landing"' in home
    assert '<a href="overview/">Overview [one]</a>' in home and '<a href="faq/">The FAQ</a>' in home
    assert 'href="https://learn.microsoft.com/cs-cz/azure/overview"' in home
    # Non-pages stay out: includes, breadcrumb, TOC files.
    assert not (site / "includes").exists() and not (site / "breadcrumb").exists()
    assert not (site / "sub" / "TOC").exists() and not (site / "TOC.yml").exists()
    # Redirect pages at the old URLs; a page still on disk is never replaced by a redirect.
    old = (site / "old-overview" / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh" content="0; url=../overview/"' in old and 'rel="canonical"' in old
    assert 'url=../page-a/#part' in (site / "sub" / "old-a" / "index.html").read_text(encoding="utf-8")
    assert "url=https://example.com/new" in (site / "gone" / "index.html").read_text(encoding="utf-8")
    assert "url=../faq/" in (site / "old-faq" / "index.html").read_text(encoding="utf-8")
    assert "Redirecting" not in (site / "overview" / "index.html").read_text(encoding="utf-8")
    # Reports: the missing TOC entry names file and line; the page outside the TOC is info.
    assert not any("'sub/'" in m for m in caplog.messages)  # a folder with a TOC.md is a TOC entry
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    # once (the link check's finding at the href line; the TOC reader's own report goes to debug)
    missing = [m for m in warnings if "not-there.md" in m or "Missing page" in m]
    assert len(missing) == 1 and missing[0].startswith("TOC.yml:27:") and "left out of the navigation" in missing[0]
    infos = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert any("in no TOC" in m and "not-in-toc.md" in m for m in infos)
    # A moved include file is not a broken redirect (it never was a page): info, no page; a missing target warns.
    assert any(":10: redirect of 'includes/old-snippet.md' points to 'includes/snippet.md', an include file, not a page"
               in m for m in infos)
    assert not any("old-snippet" in m for m in warnings) and not (site / "includes").exists()
    assert any(":11: redirect of 'old-crumb.md' points to 'breadcrumb/toc.yml', which is not a page" in m
               for m in warnings)
    assert (site / "not-in-toc" / "index.html").is_file()


def test_area_nav_mode_gives_each_page_its_own_toc(tmp_path, caplog):
    site = _build(tmp_path, caplog, nav_mode="area")
    area_b = _nav_titles(site / "area-b" / "b-one" / "index.html")
    assert area_b == ["Area B", "B one", "Overview again"]
    main_area = _nav_titles(site / "overview" / "index.html")
    assert "Home" in main_area and "B one" not in main_area
