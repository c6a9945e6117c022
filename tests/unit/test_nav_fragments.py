"""Navigation fragments (mkdocs/nav_fragments.py): the same site as Material rendering the nav per page.

Each site is built twice, `nav_fragments: false` (Material's nav-item macro on
every page, the oracle) and `true`, and every file must be byte-identical. The
fixture has three levels of sections, a page active at each level, sections
with index pages (`navigation.indexes`), an external link, a page outside the
nav, a right-to-left page and a page whose title needs escaping; the feature
sets are those that change the macro's output (prune, indexes, tabs +
sections, expand). The fragments must really be reused (counted), or the
comparison would prove nothing.
"""

from __future__ import annotations

import filecmp
from pathlib import Path

import jinja2
import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs_sxs.cli import main
from mkdocs_sxs.mkdocs import nav_fragments
from mkdocs_sxs.mkdocs.nav_fragments import NavFragments

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

PAGES = {
    "index.md": "# Home\n\nText.\n",
    "outside.md": "# Not in the nav\n\nText.\n",
    "rtl.md": "---\nlocale: ar-SA\n---\n# صفحة\n\nنص.\n",
    "a/index.md": "# Area A\n\n## A heading\n\nText.\n",
    "a/one.md": "# A one\n\n## Part\n\n### Sub part\n\nText.\n",
    "a/b/index.md": "# Section B\n\nText.\n",
    "a/b/two.md": "# B two <&>\n\nText.\n",
    "a/b/c/deep.md": "# Deep\n\n## Deep part\n\nText.\n",
    "a/b/c/deeper.md": "# Deeper\n\nText.\n",
    "z/one.md": "# Z one\n\nText.\n",
    "z/two.md": "# Z two\n\nText.\n",
}
NAV = [
    {"Home": "index.md"},
    {"Area A": ["a/index.md", "a/one.md",
                {"Section B": ["a/b/index.md", "a/b/two.md",
                               {"Level C": ["a/b/c/deep.md", "a/b/c/deeper.md"]}]}]},
    {"Z": ["z/one.md", "z/two.md", {"External": "https://example.org/x?a=1&b=2"}]},
    {"Right to left": "rtl.md"},
]
FEATURES = {
    "plain": [],
    "prune": ["navigation.prune"],
    "prune-indexes": ["navigation.prune", "navigation.indexes"],
    "tabs-sections": ["navigation.tabs", "navigation.sections", "navigation.indexes"],
    "expand": ["navigation.expand"],
}


def tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def differing(left: Path, right: Path) -> list[str]:
    files = tree(left)
    assert files == tree(right)
    _match, mismatch, errors = filecmp.cmpfiles(left, right, files, shallow=False)
    return mismatch + errors


@pytest.fixture
def counted(monkeypatch):
    """How often a kept fragment was reused (specialized for a page)."""
    calls = {"n": 0}
    original = NavFragments.specialize

    def spy(self, html, context):
        calls["n"] += 1
        return original(self, html, context)

    monkeypatch.setattr(nav_fragments.NavFragments, "specialize", spy)
    return calls


def build_twice(tmp_path: Path, data: dict) -> tuple[Path, Path]:
    sites = []
    for enabled in (False, True):
        config = tmp_path / f"fragments-{enabled}.yml"
        data = {**data, "site_dir": str(tmp_path / f"site-{enabled}")}
        data["plugins"] = [p if not isinstance(p, dict) else {"sxs": {**p["sxs"], "nav_fragments": enabled}}
                           for p in data["plugins"]]
        config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        build(load_config(str(config)))
        sites.append(Path(data["site_dir"]))
    return sites[0], sites[1]


@pytest.mark.parametrize("features", sorted(FEATURES))
def test_fragments_are_byte_identical_to_the_theme_per_page(features, tmp_path, counted, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    docs = tmp_path / "docs"
    for name, text in PAGES.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    data = {"site_name": "Fragments", "docs_dir": str(docs), "nav": NAV,
            "theme": {"name": "material", "features": FEATURES[features]},
            "markdown_extensions": [{"toc": {"permalink": True}}],
            "validation": {"nav": {"omitted_files": "info"}},
            "plugins": ["search", {"sxs": {}}]}
    per_page, fragments = build_twice(tmp_path, data)
    assert not differing(per_page, fragments)
    assert counted["n"] > len(PAGES)  # fragments were reused, on several pages
    deep = (fragments / "a" / "b" / "c" / "deep" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../../../z/one/"' in deep or "md-nav__item--pruned" in deep  # relative to the page


def test_docfx_area_navigation_is_byte_identical(tmp_path, counted, monkeypatch):
    """A DocFX docset (TOC.yml navigation, several TOCs as areas) as `mkdocs-sxs init` configures it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    config = tmp_path / "init.yml"
    assert main(["init", str(FIXTURES / "docfx" / "repo" / "docs"), "--output", str(config),
                 "--no-partial-export"]) == 0
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["theme"]["features"] = sorted(set(data["theme"]["features"]) | {"navigation.prune"})
    data["plugins"][1]["sxs"]["nav_mode"] = "area"
    per_page, fragments = build_twice(tmp_path, data)
    assert not differing(per_page, fragments)
    assert counted["n"] > 0


def test_a_theme_without_materials_macro_is_left_alone():
    other_theme = {"partials/nav-item.html": "{% macro render(x) %}{% endmacro %}"}
    env = jinja2.Environment(loader=jinja2.DictLoader(other_theme))
    env.filters["url"] = lambda value: value
    assert NavFragments().install(env) is False
    assert "sxs_nav_item" not in env.globals
    assert isinstance(env.loader, jinja2.DictLoader)
