"""`mkdocs-sxs init --engine zensical`: the project the core writes for Zensical, and its refresh.

Fixture docsets: tests/fixtures/docfx (TOCs, YAML pages, redirects, includes, a
breadcrumb TOC) and the demo pages with their catalog of post-edits.
"""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from pathlib import Path

import polib
import pytest
from mkdocs_sxs.cli import main
from mkdocs_sxs.core.site.nav import NavNode
from mkdocs_sxs.core.site.project import SiteSettings, heading_title, site_content
from mkdocs_sxs.core.site.urls import page_url, relative_url
from mkdocs_sxs.zensical import toml
from support import mkdocs_env, zensical_build_command

ROOT = Path(__file__).resolve().parents[2]
DOCSET = ROOT / "tests" / "fixtures" / "docfx" / "repo" / "docs"
SEED = "customer-communication-from-microsoft"


def _init(docset: Path, out: Path, *options: str) -> int:
    return main(["init", str(docset), "--engine", "zensical", "--output", str(out), *options])


def _config(out: Path) -> dict:
    return tomllib.loads((out / "zensical.toml").read_text(encoding="utf-8"))["project"]


def _titles(items: list) -> list[str]:
    return [title for item in items for title, value in item.items()
            for title in [title, *(_titles(value) if isinstance(value, list) else [])]]


def test_project_config_docs_and_navigation_from_the_tocs(tmp_path: Path) -> None:
    out = tmp_path / "project"
    assert _init(DOCSET, out, "--translations", str(tmp_path / "none")) == 0
    config = _config(out)
    assert config["docs_dir"] == "docs" and config["site_dir"] == "site"  # inside the project, relative
    assert list(config["markdown_extensions"])[0] == "sxs"
    assert {"toc", "admonition", "attr_list", "md_in_html", "sane_lists"} <= set(config["markdown_extensions"])
    assert "assets/sxs/sxs.css" in config["extra_css"] and "assets/sxs/sxs.js" in config["extra_javascript"]
    assert config["theme"]["font"] is False
    for asset in ("sxs.css", "sxs.js", "sxs-docfx.css"):
        assert (out / "docs" / "assets" / "sxs" / asset).read_bytes() == (
            ROOT / "plugins" / "mkdocs_sxs" / "assets" / asset).read_bytes()
    docs = out / "docs"
    assert (docs / "faq.md").is_file() and not (docs / "faq.yml").exists()  # YAML page as Markdown
    assert (docs / "index.md").is_file() and not (docs / "index.yml").exists()
    assert not (docs / "TOC.yml").exists() and not (docs / "sub" / "TOC.md").exists()
    assert not (docs / "includes").exists() and not (docs / "breadcrumb").exists()
    # The nav: the TOC's names, in its order, its sections, its external links; missing pages left out.
    nav = config["nav"]
    assert list(nav[0]) == ["Home"] and nav[0]["Home"] == "index.md"
    getting_started = nav[1]["Getting &lt;started&gt;"]  # Zensical prints nav titles raw: escaped here
    assert [list(item)[0] for item in getting_started] == [
        "Overview", "Frequently asked", "Extension-less", "Case differs", "With a toc query"]
    assert getting_started[1] == {"Frequently asked": "faq.md"}
    assert {"External": "https://example.com/docs"} in nav
    titles = _titles(nav)
    assert "Missing page" not in titles and "Level 9" in titles
    # Redirect pages at the old URLs.
    redirect = (docs / "old-overview" / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' in redirect and "../overview/" in redirect
    assert not (docs / "overview" / "index.html").exists()  # the old page is still there: no redirect


def test_the_docfx_transform_is_the_plugins(tmp_path: Path) -> None:
    """Includes, alerts and links go through the same core transform the MkDocs plugin calls."""
    docset = tmp_path / "docset"
    (docset / "includes").mkdir(parents=True)
    (docset / "docfx.json").write_text('{"build": {"dest": "demo"}}', encoding="utf-8")
    (docset / "TOC.yml").write_text("- name: Stránka\n  href: page.md\n", encoding="utf-8")
    (docset / "includes" / "shared.md").write_text("Sdílený text z include.\n", encoding="utf-8")
    (docset / "page.md").write_text(
        "---\nms.contentlocale: cs-CZ\n---\n"
        '# <a name="top"></a><span data-ttu-id="p-1">Nadpis</span><span class="sxs-lookup">'
        '<span data-stu-id="p-1">Heading</span></span>\n\n'
        "[!INCLUDE [shared](includes/shared.md)]\n\n> [!NOTE]\n> Poznámka k textu.\n\n[Odkaz](/demo/page)\n",
        encoding="utf-8")
    content = site_content(docset, SiteSettings())
    page = content.files["page.md"].text or ""
    assert "Sdílený text z include." in page and "[!INCLUDE" not in page
    assert '!!! note "Poznámka"' in page and "[!NOTE]" not in page
    assert "(page.md)" in page or "(<page.md>)" in page  # the docset-absolute link, to the file
    assert page.startswith('---\ntitle: "Nadpis"\nms.contentlocale: cs-CZ\n---\n<aside class="sxs-bar"')
    assert "data-ttu-id" in page  # units stay sxs markup: the `sxs` extension renders them


def test_post_edits_from_translations_and_stale_ones_reported(tmp_path: Path, capsys) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    translations = tmp_path / "translations" / "cs-CZ"
    translations.mkdir(parents=True)
    catalog = polib.pofile(str(ROOT / "translations" / "cs-CZ" / f"{SEED}.po"))
    entries = {entry.msgctxt.split("#")[1]: entry for entry in catalog}
    entries["f277a-108"].msgstr = "Obecně platí: se zákazníkem komunikuje partner (upraveno)."
    entries["f277a-109"].msgid = "An English sentence that has since changed"
    entries["f277a-109"].msgstr = "Zastaralá úprava"
    entries["f277a-105"].msgstr = "**Odpovídající role:** Agent helpdesku (upraveno)"  # shows in the chips
    catalog.save(str(translations / f"{SEED}.po"))
    out = tmp_path / "project"
    assert _init(docs, out, "--translations", str(tmp_path / "translations")) == 0
    page = (out / "docs" / f"{SEED}.md").read_text(encoding="utf-8")
    assert "Obecně platí: se zákazníkem komunikuje partner (upraveno)." in page
    assert "Zastaralá úprava" not in page
    assert "Agent helpdesku (upraveno)" in page  # the annotation block is built from the post-edited unit
    err = capsys.readouterr().err
    assert "2 post-edit(s)" in err and "post-edit-stale" in err and "An English sentence that has since changed" in err


def test_rerunning_refreshes_only_what_changed(tmp_path: Path, capsys) -> None:
    docset = tmp_path / "docset"
    shutil.copytree(DOCSET, docset)
    out = tmp_path / "project"
    assert _init(docset, out) == 0
    capsys.readouterr()
    assert _init(docset, out) == 0  # no --force needed for our own project
    assert " 0 file(s) written, 0 removed" in capsys.readouterr().err
    (docset / "overview.md").write_text("---\ntitle: changed\n---\n# Changed\n", encoding="utf-8")
    (docset / "not-in-toc.md").unlink()
    assert _init(docset, out) == 0
    assert "1 file(s) written, 1 removed" in capsys.readouterr().err
    assert "# Changed" in (out / "docs" / "overview.md").read_text(encoding="utf-8")
    assert not (out / "docs" / "not-in-toc.md").exists()


def test_refuses_a_foreign_folder_and_a_project_inside_the_docset(tmp_path: Path, capsys) -> None:
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine", encoding="utf-8")
    assert _init(DOCSET, foreign) == 2
    assert "--force" in capsys.readouterr().err and (foreign / "notes.txt").is_file()
    docset = tmp_path / "docset"
    shutil.copytree(DOCSET, docset)
    assert _init(docset, docset / "site-project") == 2
    assert "outside the docset" in capsys.readouterr().err


def test_zensical_build_writes_the_site_into_the_project(tmp_path: Path) -> None:
    out = tmp_path / "project"
    assert _init(DOCSET, out, "--translations", str(tmp_path / "none")) == 0
    landing = (out / "docs" / "index.md").read_text(encoding="utf-8")
    assert 'href="overview.md"' in landing  # landing-page HTML links to files: Zensical makes them URLs
    run = subprocess.run(zensical_build_command(), cwd=out, env=mkdocs_env(), capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert (out / "site" / "index.html").is_file() and (out / "site" / "faq" / "index.html").is_file()
    assert (out / "site" / "assets" / "sxs" / "sxs.js").is_file()
    assert (out / "site" / "old-overview" / "index.html").read_bytes() == (
        out / "docs" / "old-overview" / "index.html").read_bytes()  # redirect pages are served as written
    home = (out / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="overview/"' in home and 'href="overview.md"' not in home


def test_toml_round_trips_through_the_standard_reader() -> None:
    tricky = 'quote " backslash \\ tab \t newline \n ünïcode \u0001'
    text = toml.dumps([(("project",), {"name": tricky, "nav": [{"a b": "x.md"}, {"c.d": [{"e": "f.md"}]}],
                                       "flag": False}),
                       (("project", "markdown_extensions", "pymdownx.highlight"), {"use_pygments": False})])
    data = tomllib.loads(text)["project"]
    assert data["name"] == tricky and data["flag"] is False
    assert data["nav"] == [{"a b": "x.md"}, {"c.d": [{"e": "f.md"}]}]
    assert data["markdown_extensions"]["pymdownx.highlight"] == {"use_pygments": False}


@pytest.mark.parametrize(("src", "directory", "url"), [
    ("index.md", True, "./"), ("a/b.md", True, "a/b/"), ("a/index.md", True, "a/"), ("a/README.md", True, "a/"),
    ("a/b.md", False, "a/b.html"), ("img/x y.png", True, "img/x%20y.png")])
def test_page_urls_are_mkdocs_urls(src: str, directory: bool, url: str) -> None:
    from mkdocs.structure.files import File

    assert page_url(src, directory) == url == File(src, "", "", directory).url


def test_relative_urls_are_mkdocs_relative_urls() -> None:
    from mkdocs.utils import get_relative_url

    for url, other in [("a/b/", "a/c/"), ("x/", "a/b/c/"), ("./", "a/"), ("a/b.html", "c/d.html"), ("a/", "a/")]:
        assert relative_url(url, other) == get_relative_url(url, other)


def test_heading_title_is_the_target_text() -> None:
    markdown = ('# <a name="x"></a><span data-ttu-id="t-1">**Pokyny** pro `partnery`</span>'
                '<span class="sxs-lookup"><span data-stu-id="t-1">Guidelines</span></span>\n')
    assert heading_title(markdown) == "Pokyny pro partnery"
    assert heading_title("# Plain heading\n") is None  # Zensical takes it from the heading itself
    assert NavNode("t", children=[NavNode("c", src="c.md")]).is_section


def test_hostile_titles_are_escaped_in_the_zensical_site(tmp_path: Path) -> None:
    """Zensical prints front matter titles, descriptions and nav titles as they are: the project escapes them."""
    docset = tmp_path / "docset"
    docset.mkdir()
    (docset / "docfx.json").write_text('{"build": {"globalMetadata": {"titleSuffix": "<b>Site</b>"}}}',
                                       encoding="utf-8")
    (docset / "TOC.yml").write_text("- name: <script>alert('toc')</script>Stránka\n  href: page.md\n"
                                    "- name: Druhá\n  href: second.md\n", encoding="utf-8")
    (docset / "page.md").write_text('---\ntitle: "<script>alert(1)</script> Titulek"\n'
                                    'description: "<img src=x onerror=alert(2)>"\n---\n# Nadpis\n', encoding="utf-8")
    (docset / "second.md").write_text(
        '# <span data-ttu-id="x-1">A &lt;tag&gt; &amp; <img src=x onerror=alert(3)></span><span class="sxs-lookup">'
        '<span data-stu-id="x-1">Heading</span></span>\n', encoding="utf-8")
    out = tmp_path / "project"
    assert _init(docset, out, "--translations", str(tmp_path / "none")) == 0
    run = subprocess.run(zensical_build_command(), cwd=out, env=mkdocs_env(), capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    for page in ("page", "second"):
        html = (out / "site" / page / "index.html").read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>Site</b>" not in html, page
    page = (out / "site" / "page" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Titulek" in page
    second = (out / "site" / "second" / "index.html").read_text(encoding="utf-8")
    assert "<title>A &lt;tag&gt; &amp;" in second  # the translated heading as title, shown as written


def test_watch_refreshes_the_project_after_a_change(tmp_path: Path) -> None:
    import signal
    import sys
    import time

    docset = tmp_path / "docset"
    shutil.copytree(DOCSET, docset)
    out = tmp_path / "project"
    watcher = subprocess.Popen([sys.executable, "-m", "mkdocs_sxs", "init", str(docset), "--engine", "zensical",
                                "--output", str(out), "--watch"], env=mkdocs_env(), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        page = out / "docs" / "overview.md"
        deadline = time.monotonic() + 60
        while not page.is_file() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert page.is_file()
        time.sleep(1.5)  # past the first poll
        (docset / "overview.md").write_text("---\ntitle: watched\n---\n# Watched change\n", encoding="utf-8")
        while "Watched change" not in page.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "Watched change" in page.read_text(encoding="utf-8")
        time.sleep(2)  # the refresh reports itself right after writing the page: let it, before the interrupt
    finally:
        watcher.send_signal(signal.SIGINT)
        _, err = watcher.communicate(timeout=30)
    assert watcher.returncode == 0, err
    assert err.count("wrote ") >= 2


def test_annotation_block_and_plain_folder_navigation(tmp_path: Path) -> None:
    """The seed page's "Applies to" / "Appropriate roles" units become the chips block, as in the MkDocs build."""
    out = tmp_path / "project"
    assert _init(ROOT / "docs", out, "--translations", str(tmp_path / "none")) == 0
    page = (out / "docs" / f"{SEED}.md").read_text(encoding="utf-8")
    assert page.count('<div class="sxs-annotations">') == 1
    block = next(line for line in page.splitlines() if line.startswith('<div class="sxs-annotations">'))
    # links to the files, relative to the page's file: Zensical rewrites relative links in raw HTML too
    assert 'href="roles/helpdesk-agent.md"' in block and 'data-sxs-id="f277a-104"' in block
    assert 'data-ttu-id="f277a-104"' not in page and 'data-ttu-id="f277a-105"' not in page  # consumed units
    assert 'data-ttu-id="f277a-106"' in page  # the sentences after them stay
    assert (out / "docs" / "roles" / "helpdesk-agent.md").is_file()
    nav = _config(out)["nav"]
    assert nav[0] == "index.md" and f"{SEED}.md" in nav
    assert not any(isinstance(item, str) and item.startswith("roles/") for item in nav)  # role pages: via overview
    assert [list(item.values())[0] for item in nav if isinstance(item, dict)] == ["applies-to/index.md",
                                                                                   "roles/index.md"]


def test_mermaid_fence_is_a_diagram_on_zensical_too(tmp_path: Path) -> None:
    from support import build_zensical_project

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Diagram\n\n```mermaid\ngraph TD;\n  A-->B;\n```\n", encoding="utf-8")
    site = build_zensical_project(docs, tmp_path / "project")
    assert '<pre class="mermaid"><code>graph TD;\n  A--&gt;B;</code></pre>' in (site / "index.html").read_text("utf-8")
