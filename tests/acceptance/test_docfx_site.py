"""`mkdocs-sxs init` + `mkdocs build` on the real DocFX docsets of the shared corpus.

The expected navigation comes from an independent reading of the TOC files
(plain PyYAML and a few lines of path handling), not from the plugin's reader.
Each docset is built once per session; Dynamics 365 (2,781 pages) only once.
"""

from __future__ import annotations

import html
import json
import logging
import os
import posixpath
import re
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs_sxs.cli import main
from mkdocs_sxs.mkdocs.log import LOGGER_NAME as PLUGIN_LOGGER  # the engine's plugin logger

from tests.conftest import DYNAMICS, PARTNER_CENTER, require_corpus

pytestmark = pytest.mark.acceptance

NAV_ITEM = re.compile(r'<(a|label) (?:href="([^"]*)" )?class="md-nav__link[^"]*"[^>]*>\s*<span class="md-ellipsis">'
                      r'\s*(.*?)\s*</span>', re.S)


# -- an independent reading of the TOCs ------------------------------------------------------

def _disk(root: Path) -> dict[str, str]:
    found = {}
    for folder, _, names in os.walk(root):
        for name in names:
            rel = os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/")
            found[rel.lower()] = rel
    return found


def _target(href: str, toc_dir: str, disk: dict[str, str], url_base: str | None) -> str | None:
    if re.match(r"^[a-z]+:", href, re.I):
        return None
    path = href.split("#")[0].split("?")[0].replace("\\", "/")
    if path.startswith("/"):
        if not url_base or not path.startswith(f"/{url_base}/"):
            return None
        rel = posixpath.normpath(path[len(url_base) + 2:])
    elif path.startswith("~/"):
        rel = posixpath.normpath(path[2:])
    else:
        rel = posixpath.normpath(posixpath.join(toc_dir, path or "."))
    for candidate in (rel, rel + ".md", rel + "/toc.yml", rel + "/toc.md"):
        if candidate.lower() in disk:
            return disk[candidate.lower()]
    return None


def _toc_entries(root: Path, rel: str, disk: dict[str, str], url_base: str | None) -> list[dict]:
    """[{title, target, children}] for one TOC file, nested TOCs expanded."""
    text = (root / rel).read_text(encoding="utf-8-sig")
    toc_dir = posixpath.dirname(rel)
    if rel.lower().endswith(".md"):
        out: list[dict] = []
        for line in text.splitlines():
            match = re.match(r"^#+\s*\[(.*)\]\((.*)\)\s*$", line.strip())
            if match:  # all TOC.md files of the corpus list pages at one or two levels
                target = _target(match.group(2), toc_dir, disk, url_base)
                out.append({"title": " ".join(match.group(1).split()), "target": target, "children": []})
        return out

    def walk(items: list) -> list[dict]:
        result = []
        for item in items or []:
            keys = {str(k).lower(): v for k, v in item.items()}
            href = keys.get("href")
            title = " ".join(str(keys.get("name") or keys.get("displayname") or href).split())  # as HTML shows it
            target = _target(str(href), toc_dir, disk, url_base) if href else None
            children = walk(keys.get("items"))
            if target and target.lower().endswith(("toc.yml", "toc.md")):
                children += _toc_entries(root, target, disk, url_base)
                target = None
            result.append({"title": title, "target": target, "children": children})
        return result

    return walk(yaml.safe_load(text))


def _expected_pages(entries: list[dict], ancestors: tuple[str, ...] = ()) -> list[tuple[str, str, tuple]]:
    """(title, target page, ancestor section titles) of entries whose target exists, in TOC order."""
    out = []
    for entry in entries:
        target = entry["target"]
        if target and not target.lower().endswith(("toc.yml", "toc.md")):
            out.append((entry["title"], target, ancestors))
        inner = ancestors + (entry["title"],) if entry["children"] else ancestors
        out += _expected_pages(entry["children"], inner)
    return out


def _url(target: str) -> str:
    stem = posixpath.splitext(target)[0]
    if posixpath.basename(stem).lower() == "index":
        stem = posixpath.dirname(stem)
    return stem + "/" if stem else ""


def _nav(page_html: str) -> list[tuple[str, str | None, str]]:
    """(kind, href, title) of the primary navigation of a built page, in document order."""
    primary = page_html[page_html.index("md-nav--primary"):page_html.index("md-nav--secondary")]
    return [(kind, href or None, " ".join(html.unescape(re.sub(r"<[^>]+>", "", title)).split()))
            for kind, href, title in NAV_ITEM.findall(primary)]


# -- builds ------------------------------------------------------------------------------------

def _init_and_build(docset: Path, out: Path, *init_options: str) -> tuple[Path, dict, list[logging.LogRecord]]:
    """Records: the sxs plugin's, debug ones included (what `mkdocs build -v` lists)."""
    config_path = out / "mkdocs.yml"
    assert main(["init", str(docset), "--output", str(config_path), *init_options]) == 0
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.name.startswith(PLUGIN_LOGGER):
                records.append(record)

    handler = Keep()
    logger = logging.getLogger(PLUGIN_LOGGER.split(".")[0])
    sxs_logger = logging.getLogger(PLUGIN_LOGGER)
    sxs_level = sxs_logger.level
    logger.addHandler(handler)
    sxs_logger.setLevel(logging.DEBUG)
    try:
        build(load_config(str(config_path)))
    finally:
        logger.removeHandler(handler)
        sxs_logger.setLevel(sxs_level)
    return out / "site", yaml.safe_load(config_path.read_text(encoding="utf-8")), records


@pytest.fixture(scope="session")
def partner_center(tmp_path_factory):
    require_corpus()
    return _init_and_build(PARTNER_CENTER / "partner-center", tmp_path_factory.mktemp("pc"))


@pytest.fixture(scope="session")
def marketplace(tmp_path_factory):
    require_corpus()
    return _init_and_build(PARTNER_CENTER / "marketplace", tmp_path_factory.mktemp("mp"))


@pytest.fixture(scope="session")
def dynamics(tmp_path_factory):
    require_corpus()
    # a partial export (about 2,300 missing includes and TOC targets): built once, with the option init writes
    return _init_and_build(DYNAMICS / "articles", tmp_path_factory.mktemp("dyn"), "--partial-export")


# -- small docsets: the whole navigation on every page -------------------------------------------

@pytest.mark.parametrize("name", ["partner-center", "marketplace"])
def test_full_nav_holds_every_toc_entry_in_order(name, request):
    site, config, _ = request.getfixturevalue(name.replace("-", "_"))
    root = PARTNER_CENTER / name
    assert config["site_name"] == json.loads((root / "docfx.json").read_text())["build"]["globalMetadata"][
        "titleSuffix"]
    disk = _disk(root)
    expected = _expected_pages(_toc_entries(root, "TOC.yml", disk, name))
    assert len(expected) > 10
    nav = [(href, title) for kind, href, title in _nav((site / "index.html").read_text(encoding="utf-8"))
           if kind == "a"]
    wanted = [(_url(target), title) for title, target, _ in expected]
    # Every TOC entry with an existing page is a nav link to it, in TOC order (relative to the home page).
    got = [(href if href != "." and href != "./" else "", title) for href, title in nav]
    position = 0
    for item in wanted:
        assert item in got[position:], f"{item} missing from the navigation (or out of order)"
        position = got.index(item, position) + 1
    for href, _ in got:
        if href and "://" not in href:
            assert (site / href / "index.html").is_file(), href


def test_partner_center_yaml_pages_are_real_pages(partner_center):
    site, _, _ = partner_center
    root = PARTNER_CENTER / "partner-center"
    faqs = [p for p in root.glob("*.yml") if p.read_text(encoding="utf-8-sig").startswith("### YamlMime:FAQ")]
    assert len(faqs) == 9
    for faq in faqs:
        data = yaml.safe_load(faq.read_text(encoding="utf-8-sig"))
        page = (site / faq.stem / "index.html").read_text(encoding="utf-8")
        headings = [html.unescape(re.sub(r"<[^>]+>", "", h)).rstrip("¶").strip()
                    for h in re.findall(r"<h[23] id=\"[^\"]+\">(.*?)</h[23]>", page, re.S)]
        questions = [q for s in data["sections"] for q in s.get("questions", [])]
        assert questions
        for question in questions:
            text = " ".join(str(question["question"]).split())
            assert text in headings, (faq.name, text)
        assert "YamlMime" not in page
    landing = (site / "index.html").read_text(encoding="utf-8")
    data = yaml.safe_load((root / "index.yml").read_text(encoding="utf-8-sig"))
    links = [link for block in data["landingContent"] for group in block["linkLists"] for link in group["links"]]
    assert len(links) > 20
    for link in links:
        match = re.search(r'<a href="([^"]*)">' + re.escape(html.escape(link["text"], quote=False)) + "</a>", landing)
        assert match, link
        href = match.group(1)
        if "://" not in href:
            assert (site / href / "index.html").is_file(), (link, href)
        elif link["url"].startswith("/"):
            assert href == "https://learn.microsoft.com/cs-cz" + link["url"]


def test_redirect_pages_work(partner_center):
    site, _, _ = partner_center
    data = json.loads((PARTNER_CENTER / ".openpublishing.redirection.json").read_text(encoding="utf-8-sig"))
    ours = [r for r in data["redirections"] if r["source_path"].startswith("partner-center/")]
    assert len(ours) == 75
    for redirect in ours:
        old = _url(redirect["source_path"][len("partner-center/"):])
        page = site / old / "index.html"
        assert page.is_file(), old
        text = page.read_text(encoding="utf-8")
        target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', text).group(1)
        url = redirect["redirect_url"]
        if url.startswith("/partner-center/"):
            assert (page.parent / html.unescape(target).split("#")[0] / "index.html").resolve().is_file(), target
        elif url.startswith("/"):
            assert target == "https://learn.microsoft.com/cs-cz" + url
        else:
            assert target == url


# -- Dynamics 365: per-area pruned navigation ------------------------------------------------------

def test_dynamics_every_toc_page_has_its_place_in_its_area_nav(dynamics):
    site, config, records = dynamics
    root = DYNAMICS / "articles"
    assert config["plugins"][1]["sxs"]["nav_mode"] == "area"
    assert "navigation.prune" in config["theme"]["features"]
    disk = _disk(root)
    tocs = sorted((rel for key, rel in disk.items() if posixpath.basename(key) == "toc.yml"
                   and "ops-bc" not in key), key=lambda rel: (rel.count("/"), rel.lower()))
    assert len(tocs) == 6
    checked = 0
    homes: dict[str, tuple[int, int]] = {}
    per_toc = {}
    for order, rel in enumerate(tocs):
        per_toc[rel] = _expected_pages(_toc_entries(root, rel, disk, "dynamics365"))
        folder = posixpath.dirname(rel)
        for _, target, _ in per_toc[rel]:
            rank = -folder.count("/") - 1 if target.startswith(folder + "/") else 1
            homes[target] = min(homes.get(target, (9, 9)), (rank, order))
    for order, rel in enumerate(tocs):
        seen = set()
        for title, target, ancestors in per_toc[rel]:
            if homes[target][1] != order or target in seen:
                continue  # the page has its place in another TOC (there it is checked)
            seen.add(target)
            page = site / _url(target) / "index.html"
            nav = _nav(page.read_text(encoding="utf-8"))
            titles = [t for _, _, t in nav]
            active = [t for kind, href, t in nav if kind == "a" and href in ("./", ".")]
            assert title in active, (rel, target, title, active)
            position = 0
            for ancestor in ancestors:  # the section path down to the page, in order
                assert ancestor in titles[position:], (rel, target, ancestor)
                position = titles.index(ancestor, position) + 1
            checked += 1
    assert checked > 2000
    # Missing TOC targets name the TOC file and line, never fatal (debug: a partial export, see below).
    missing = [r.getMessage() for r in records if "is not in the docset" in r.getMessage()
               and "TOC entry" in r.getMessage()]
    assert missing and all(re.match(r"^[\w/.-]+\.yml:\d+: TOC entry", m) for m in missing)


def test_dynamics_partial_export_reports_missing_targets_once_at_info(dynamics):
    """`init --partial-export`: missing includes, TOC targets and linked pages are no warnings, one count line."""
    _, config, records = dynamics
    assert config["plugins"][1]["sxs"]["missing_targets"] == "info"
    warnings = [r.getMessage() for r in records if r.levelno >= logging.WARNING]
    about_missing = [w for w in warnings
                     if re.search(r"\[(broken|include-missing)\]|TOC entry|includes missing files", w)]
    assert about_missing == []
    # What is left fails --strict for other reasons: malformed units (`report_malformed`) and anchors
    # misspelled on pages that have all their includes. Redirects of moved include files are info (no pages).
    others = [w for w in warnings if "attribute quotes are written as '&quot;'" not in w
              and not re.search(r"\[anchor-missing\] \(did you mean '#[^']+'\?\)$", w)]
    assert others == []
    moved_include = re.compile(r"redirect of '[^']*' points to '[^']*/includes/[^']*', an include file")
    moved_includes = [r.getMessage() for r in records
                      if r.levelno == logging.INFO and moved_include.search(r.getMessage())]
    assert len(moved_includes) >= 8
    summary = [r.getMessage() for r in records if r.getMessage().startswith("missing targets:")]
    assert len(summary) == 1  # once, at the end: only the build log's own lines (report file) follow it
    at = max(i for i, r in enumerate(records) if r.getMessage() == summary[0])
    assert all(r.getMessage().startswith("sxs: ") for r in records[at + 1:]), [r.getMessage() for r in records[at:]]
    assert summary[0].endswith("(partial export: reported at info level; run with -v to list them)")
    counts = {what: int(n) for n, what in re.findall(r"(\d+) (missing include|TOC|link)", summary[0])}
    debug = [r.getMessage() for r in records if r.levelno == logging.DEBUG]
    assert counts["missing include"] == sum(1 for m in debug if m.endswith("[include-missing]")) > 1000
    assert counts["TOC"] == sum(1 for m in debug if "TOC entry" in m and "is not in the docset" in m) > 2000
    broken = [m for m in debug if m.startswith("info: ")  # the link check's, with or without a suggestion
              and re.search(r"\[broken\]( \(did you mean '.*'\?\))?$", m)]
    assert counts["link"] == sum(1 for m in broken if ": include '" not in m and ": TOC entry '" not in m) > 500


def test_a_dynamics_area_builds_strict_as_a_partial_export(tmp_path):
    """One area as its own docset: its includes, sibling areas and TOC targets are outside it."""
    area = require_corpus() / "dynamics-365-operations.cs-CZ" / "articles" / "talent"
    plain, partial = tmp_path / "plain.yml", tmp_path / "partial.yml"
    # (without a flag `init` detects the partial export itself: --no-partial-export gives the strict default)
    assert main(["init", str(area), "--output", str(plain), "--site-dir", str(tmp_path / "a"),
                 "--no-partial-export"]) == 0
    assert main(["init", str(area), "--output", str(partial), "--site-dir", str(tmp_path / "b"),
                 "--partial-export"]) == 0
    with pytest.raises(Abort):
        build(load_config(str(plain), strict=True))
    build(load_config(str(partial), strict=True))
    assert (tmp_path / "b" / "index.html").is_file()


def test_dynamics_site_is_small(dynamics):
    site, _, _ = dynamics
    size = sum(f.stat().st_size for f in site.rglob("*.html"))
    pages = sum(1 for _ in site.rglob("index.html"))
    assert pages > 2700
    assert size / pages < 150_000, "per-page HTML should not carry the whole navigation"
