"""Annotations on the real Partner Center docset (cs-CZ), built once for this module.

The expected roles are counted here from the English spans with a plain
regex, independently of `core/annotations/find.py`.
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from html import escape, unescape
from pathlib import Path

import pytest

pytestmark = pytest.mark.acceptance

ENGLISH = re.compile(r'<span data-stu-id="[^"]*">([^<]*)</span>')
ROLES_LINE = re.compile(r"^\*\*Appropriate roles\s*:?\s*\*\*\s*:?\s*(.*)$")
LEAD_END = re.compile(r"^#{2,6} ", re.M)


def _name(text: str) -> str:
    return re.sub(r"\s+", " ", unescape(text)).strip().rstrip(".").strip()


def independent_role_pages(docs: Path) -> dict[str, set[str]]:
    """Role -> pages, from the English spans of each page's lead (before its first `##`)."""
    pages: dict[str, set[str]] = defaultdict(set)
    for path in docs.rglob("*.md"):
        page = path.relative_to(docs).as_posix()
        text = path.read_text(encoding="utf-8-sig")
        match = LEAD_END.search(text)
        lines = (text[: match.start()] if match else text).split("\n")
        for number, line in enumerate(lines):
            english = ENGLISH.findall(line)
            if len(english) != 1 or line.lstrip().startswith(("|", "-", "#")):
                continue
            found = ROLES_LINE.match(english[0].strip())
            if not found:
                continue
            values = [_name(part) for part in found.group(1).split("|") if _name(part)]
            if not values:  # the label alone: the list under it holds the roles
                for item in lines[number + 1 :]:
                    if item.startswith("- "):
                        values.extend(_name(value) for value in ENGLISH.findall(item))
                    elif item.strip():
                        break
            pages_roles = {value for value in values if value}
            for value in pages_roles:
                pages[value].add(page)
            break
    return pages


@pytest.fixture(scope="module")
def partner_center_site(corpus, tmp_path_factory) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    docs = corpus / "partner-center.cs-CZ" / "partner-center"
    site = tmp_path_factory.mktemp("pc-annotations") / "site"
    config_file = site.parent / "mkdocs.yml"
    config_file.write_text(
        f"site_name: Partner Center\ndocs_dir: {json.dumps(str(docs))}\nsite_dir: {json.dumps(str(site))}\n"
        "theme:\n  name: material\n  language: cs\nplugins:\n  - search\n  - sxs\n"
        "markdown_extensions:\n  - toc:\n      permalink: true\n  - admonition\n  - attr_list\n",
        encoding="utf-8",
    )
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    build(load_config(str(config_file)))
    return site


@pytest.fixture(scope="module")
def expected(corpus) -> dict[str, set[str]]:
    return independent_role_pages(corpus / "partner-center.cs-CZ" / "partner-center")


def page_dir(url_from: Path, href: str) -> str:
    """A relative href from a built page -> the page's folder relative to the site."""
    return os.path.normpath(os.path.join(url_from.parent.as_posix(), href))


def test_role_counts_match_an_independent_count(partner_center_site, expected):
    data = json.loads((partner_center_site / "annotations.json").read_text(encoding="utf-8"))
    built = {entry["name"]: set(entry["pages"]) for entry in data["index"]["roles"]}
    assert len(expected) > 30 and sum(len(pages) for pages in expected.values()) > 600
    assert {name: len(pages) for name, pages in built.items()} == {
        name: len(pages) for name, pages in expected.items()
    }
    assert built == expected
    seed = next(page for page in data["pages"] if page["page"] == "customer-communication-from-microsoft.md")
    assert seed["title"] == "Komunikace se zákazníkem ze strany Microsoftu" and seed["url"]
    without = next(page for page in data["pages"] if page["page"] == "software-assurance-satv.md")
    assert without["roles"] == [] and without["title"] and without["locale"] == "cs-CZ"
    with_roles = [page for page in data["pages"] if page["roles"]]
    assert len(with_roles) == len(set().union(*expected.values())) == 272


def test_role_index_lists_every_role_with_its_pages(partner_center_site, expected):
    overview = (partner_center_site / "roles" / "index.html").read_text(encoding="utf-8")
    chips = re.findall(
        r'<a class="sxs-ann-chip" href="([^"]+)" data-sxs-name="([^"]+)">.*?<span class="sxs-ann-count">(\d+)</span>',
        overview,
    )
    assert {unescape(name): int(count) for _, name, count in chips} == {
        name: len(pages) for name, pages in expected.items()
    }
    index_file = partner_center_site / "roles" / "index.html"
    for href, name, _ in chips:
        role_file = partner_center_site / page_dir(index_file.relative_to(partner_center_site), href) / "index.html"
        role_html = role_file.read_text(encoding="utf-8")
        listed = re.search(r'<ul class="sxs-ann-pages">(.*?)</ul>', role_html, re.S).group(1)
        hrefs = re.findall(r'<li [^>]*><a href="([^"]+)">', listed)
        dirs = {page_dir(role_file.relative_to(partner_center_site), href) for href in hrefs}
        assert dirs == {page[:-3] for page in expected[unescape(name)]}, name
    # the overview is in the nav, in Czech
    seed = (partner_center_site / "customer-communication-from-microsoft" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="\.\./roles/"[^>]*>\s*(<span[^>]*>)?\s*Všechny role', seed)


def test_seed_page_shows_helpdesk_agent_chip_linking_to_its_index(partner_center_site):
    seed = partner_center_site / "customer-communication-from-microsoft" / "index.html"
    html = seed.read_text(encoding="utf-8")
    block = re.search(r'<div class="sxs-annotations">.*?</ul></div></div>', html).group(0)
    chip = re.search(r'<a class="sxs-ann-chip" href="([^"]+)" data-sxs-name="Helpdesk agent">(.*?)</a>', block)
    assert chip is not None
    names = '<span class="sxs-t">Agent helpdesku</span> <span class="sxs-s" lang="en">Helpdesk agent</span>'
    assert names in chip.group(2)
    assert chip.group(1) == "../roles/helpdesk-agent/"
    target = (partner_center_site / "roles" / "helpdesk-agent" / "index.html").read_text(encoding="utf-8")
    assert "Agent helpdesku" in target
    # listed under its localized title
    title = "Komunikace se zákazníkem ze strany Microsoftu"
    assert f'href="../../customer-communication-from-microsoft/">{title}</a>' in target
    # the Applies to row and the two plain lines are gone
    assert '<span class="sxs-t">Platí pro</span>' in block
    assert "**Platí pro**" not in html and 'data-sxs-id="f277a-104"' in block
    assert html.count('data-sxs-id="f277a-105"') == 1


def test_role_and_product_names_are_searchable(partner_center_site):
    index = json.loads((partner_center_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    seed = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("customer-communication"))
    assert "Agent helpdesku" in seed and "Helpdesk agent" in seed
    assert "Partner Center for Microsoft Cloud for US Government" in seed


def test_names_are_separate_words_in_search_and_role_page_titles(partner_center_site):
    """Issue 14 §4: `Globální správceGlobal admin` was indexed (57 of 70 names); both languages stay
    findable, as separate words, in the page text and in the role pages' titles."""
    data = json.loads((partner_center_site / "annotations.json").read_text(encoding="utf-8"))
    raw = (partner_center_site / "search" / "search_index.json").read_text(encoding="utf-8")
    index = json.loads(raw)
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    texts = " ".join(doc["text"] for doc in index["docs"]) + " " + " ".join(titles.values())
    pairs = [(entry, kind) for kind in ("roles", "applies_to") for entry in data["index"][kind]]
    assert len(pairs) >= 46  # 40 of them have a localized name other than the English one
    assert sum(entry["localized"].casefold() != entry["name"].casefold() for entry, _ in pairs) >= 40
    for entry, kind in pairs:
        localized = entry["localized"][:1].upper() + entry["localized"][1:]
        assert localized + entry["name"] not in texts, f"glued: {localized}{entry['name']}"
        folder = "roles" if kind == "roles" else "applies-to"
        location = f"{folder}/{entry['slug']}/#{entry['slug']}"  # the page's <h1> section
        assert titles[location] == f"{escape(localized)} {escape(entry['name'])}", titles[location]
    seed = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("customer-communication"))
    assert "Agent helpdesku Helpdesk agent" in seed
    # the filter's options are not indexed as one run of names
    assert "všechny stránkyPartnerské" not in texts and ")Partnerské centrum" not in texts
