"""Code snippets, tabs, zones, monikers, math and repository includes on the real docsets.

- entity-framework.cs-CZ (sxs; `[!code-csharp]` whose samples live in the English repository, tabs) is
  built with `mkdocs build` once: no DocFX syntax in the reader-visible text, every snippet a quiet note
  naming its file, tabs as Material content tabs;
- visualstudio-docs.cs-CZ (`:::code`, monikers, zones; 5,900 pages, too many for one CI build): every
  page that uses one of these constructs (about 1,200) goes through the build's pipeline (DocFX
  transforms, Python-Markdown with the plugin's extensions) in-process, and the same check is made.

Both: no placeholder for an include whose file exists in the repository.
"""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from conftest import ROOT, require_corpus
from mkdocs_sxs.core.docfx.docset import Docset
from mkdocs_sxs.core.docfx.markdown import DocfxOptions, transform_docfx
from mkdocs_sxs.core.docfx.repository import find_in_repository
from mkdocs_sxs.markdown_ext.extension import SxsExtension
from mkdocs_sxs.markdown_ext.math import MathExtension
from site_checks import FORBIDDEN, _PageScan

pytestmark = pytest.mark.acceptance

SYNTAX = (*FORBIDDEN, "[!code", ":::code", ":::zone", "::: zone", "zone-end", "::: moniker", ":::moniker",
          "moniker-end", "#tab/", "$$")
# Alerts DocFX shows literally too: inside a table cell (`<br/> [!NOTE]`), or damaged (`>![!TIP]`).
KNOWN_SOURCE_ERRORS = {"ef6/modeling/designer/advanced/edmx/csdl-spec.md": {"[!NOTE]"},
                       "javascript/compile-typescript-code-nuget.md": {"[!NOTE]"},
                       "install/create-a-network-installation-of-visual-studio.md": {"[!TIP]"}}
EXTENSIONS = ["toc", "tables", "fenced_code", "admonition", "attr_list", "md_in_html", "sane_lists",
              "pymdownx.highlight", "pymdownx.superfences", "pymdownx.tabbed"]
CONFIGS = {"pymdownx.highlight": {"use_pygments": False}, "pymdownx.tabbed": {"alternate_style": True}}
CONSTRUCTS = re.compile(r":::\s*code|\[!code|moniker|zone|#tab/|\$\$|\[!include", re.I)
_INCLUDE = re.compile(r"\[!INCLUDE\s*\[[^\]\n]*\]\((?P<path>[^)\n]*)\)\s*\]", re.I)

CONFIG = """
site_name: ef
docs_dir: {docs}
site_dir: {site}
theme:
  name: material
exclude_docs: |
  includes/
  **/includes/
plugins:
  - sxs:
      link_check: false
"""


def _visible(html: str) -> str:
    scan = _PageScan()
    scan.feed(html)
    return "".join(scan.text)


def _shown_syntax(page: str, text: str) -> list[str]:
    return [s for s in SYNTAX if s.lower() in text.lower() and s not in KNOWN_SOURCE_ERRORS.get(page, set())]


def _existing_include_placeholders(root: Path, page: str, source: str, html: str) -> list[str]:
    """Includes of the page whose file exists in the repository but show the missing placeholder."""
    wrong = []
    for match in _INCLUDE.finditer(source):
        href = match.group("path").strip()
        path = href[2:] if href.startswith("~/") else posixpath.join(posixpath.dirname(page), href)
        found, _ = find_in_repository(root, posixpath.normpath(path))
        if found is not None and f'class="sxs-include-missing" title="{href}"' in html:
            wrong.append(href)
    return wrong


@pytest.fixture(scope="module")
def ef_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    docs = require_corpus() / "entity-framework.cs-CZ" / "entity-framework"
    tmp = tmp_path_factory.mktemp("docfx-ef")
    site = tmp / "site"
    config = tmp / "mkdocs.yml"
    config.write_text(CONFIG.format(docs=docs, site=site), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "plugins"), NO_MKDOCS_2_WARNING="1")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config)], capture_output=True,
                         text=True, env=env, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    return docs, site, run.stderr


def test_entity_framework_shows_no_docfx_syntax(ef_site: tuple[Path, Path, str]) -> None:
    docs, site, log = ef_site
    shown, placeholders, notes, tabs = {}, {}, 0, 0
    for source in sorted(docs.rglob("*.md")):
        page = source.relative_to(docs).as_posix()
        if "includes" in source.relative_to(docs).parts:
            continue
        built = site / (page[:-3] + "/index.html" if source.name != "index.md" else page[:-8] + "index.html")
        html = built.read_text(encoding="utf-8")
        content = html.split('class="md-content"', 1)[-1]
        found = _shown_syntax(page, _visible(content))
        if found:
            shown[page] = found
        wrong = _existing_include_placeholders(docs, page, source.read_text(encoding="utf-8-sig"), content)
        if wrong:
            placeholders[page] = wrong
        notes += content.count('class="sxs-snippet-missing"')
        tabs += content.count('class="tabbed-set tabbed-alternate"')
    assert shown == {} and placeholders == {}
    assert notes >= 200 and tabs >= 10  # the samples are in the English repository; tab groups render
    assert "snippet-missing" in log and "assets/sxs/sxs-docfx.js" in (site / "index.html").read_text(encoding="utf-8")


def test_entity_framework_snippet_note_names_the_file(ef_site: tuple[Path, Path, str]) -> None:
    _, site, _ = ef_site
    html = (site / "core" / "saving" / "transactions" / "index.html").read_text(encoding="utf-8")
    note = re.search(r'<div class="sxs-snippet-missing" title="[^"]*ControllingTransaction/Sample.cs">.*?</div>',
                     html, re.S)
    assert note is not None and "<code>Sample.cs</code>" in note.group(0) and "Ukázka kódu" in note.group(0)


def test_visualstudio_pages_with_constructs_show_no_docfx_syntax() -> None:
    root = require_corpus() / "visualstudio-docs.cs-CZ" / "docs"
    docset = Docset.scan(root)
    md = markdown.Markdown(extensions=[SxsExtension(), *EXTENSIONS, MathExtension()], extension_configs=CONFIGS)
    shown, placeholders, counts = {}, {}, {"code": 0, "moniker": 0, "zone": 0}
    pages = 0
    for source in sorted(root.rglob("*.md")):
        page = source.relative_to(root).as_posix()
        text = source.read_text(encoding="utf-8-sig")
        if "includes" in source.relative_to(root).parts or not CONSTRUCTS.search(text):
            continue
        pages += 1
        body = text[text.find("\n", text.find("\n---", 3) + 1) + 1:] if text.startswith("---") else text
        md.reset()
        html = md.convert(transform_docfx(body, page, docset, DocfxOptions(locale="cs-CZ")).text)
        found = _shown_syntax(page, _visible(html))
        if found:
            shown[page] = found
        wrong = _existing_include_placeholders(root, page, body, html)
        if wrong:
            placeholders[page] = wrong
        counts["code"] += html.count('class="sxs-snippet-missing"') + html.count('<code class="language-')
        counts["moniker"] += html.count('class="sxs-moniker')
        counts["zone"] += html.count('class="sxs-zone')
    assert pages > 1000
    assert shown == {} and placeholders == {}
    assert counts["code"] > 500 and counts["moniker"] > 500, counts
