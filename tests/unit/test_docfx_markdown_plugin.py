"""The plugin applies DocFX Markdown in a real (temporary) MkDocs build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from docfx_helpers import DOCSET, FIXTURE
from support import ENGINE

CONFIG = """
site_name: DocFX fixture
docs_dir: {docs}
site_dir: {site}
theme:
  name: material
exclude_docs: |
  includes/
plugins:
  - sxs:
      link_check: false
      {extra}
"""


def build(tmp_path: Path, extra: str = "page_bar: true") -> tuple[Path, str]:
    site = tmp_path / "site"
    config = tmp_path / "mkdocs.yml"
    config.write_text(CONFIG.format(docs=DOCSET, site=site, extra=extra), encoding="utf-8")
    env_path = str(Path(__file__).resolve().parents[2] / "plugins")
    run = subprocess.run([sys.executable, "-m", ENGINE, "build", "-f", str(config)], capture_output=True, text=True,
                         env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
                         check=False)
    assert run.returncode == 0, run.stderr
    return site, run.stderr


def test_build_renders_docfx_constructs_and_placeholders(tmp_path: Path) -> None:
    site, log = build(tmp_path)
    html = (site / "page" / "index.html").read_text(encoding="utf-8")
    assert '<div class="admonition note">' in html and '<p class="admonition-title">Poznámka</p>' in html
    assert '<p class="admonition-title">Upozornění</p>' in html
    assert "Tento obsah je vložený." in html and "Vnořený obsah." in html
    assert 'href="../sub/child/"' in html  # from the include and from ~/sub/child in the note
    assert 'href="../Folder/Target-Page/"' in html
    assert 'href="https://learn.microsoft.com/cs-cz/azure/marketplace/"' in html
    assert '<a href="../guide/">Průvodce</a>' in html
    assert "Pozor na &lt;your tenant&gt;." in html
    assert 'class="sxs-media-missing"' in html and "Snímek portálu Partner Center" in html
    assert 'src="../media/present.png"' in html and "absent.png" not in html
    assert "assets/sxs/sxs-docfx.css" in html and (site / "assets/sxs/sxs-docfx.css").is_file()
    assert "link-case" in log and "[!NOTE]" not in html and ":::image" not in html


def test_media_fallback_folder_is_copied_into_the_site(tmp_path: Path) -> None:
    site, _ = build(tmp_path, f"media_fallback: {FIXTURE / 'fallback'}")
    html = (site / "page" / "index.html").read_text(encoding="utf-8")
    assert 'src="../media/absent.png"' in html and 'class="sxs-media-missing"' not in html
    assert (site / "media" / "absent.png").read_bytes() == (FIXTURE / "fallback/media/absent.png").read_bytes()


def test_docfx_markdown_can_be_turned_off(tmp_path: Path) -> None:
    site, _ = build(tmp_path, "docfx_markdown: false")
    html = (site / "page" / "index.html").read_text(encoding="utf-8")
    assert "[!NOTE]" in html and "sxs-media-missing" not in html




def test_mermaid_fences_become_material_diagrams_and_stay_readable_source(tmp_path: Path) -> None:
    """DocFX draws ```mermaid; with superfences (init's config) the plugin adds Material's documented fence."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "docfx.json").write_text('{"build": {"content": [{"files": ["**/*.md"]}]}}', encoding="utf-8")
    (docs / "index.md").write_text(
        "# Diagram\n\n```mermaid\ngraph TD;\n  A-->B;\n```\n\n1. Krok\n\n   ```mermaid\n   sequenceDiagram\n"
        "   A->>B: Ahoj\n   ```\n\n```csharp\nvar a = 1;\n```\n", encoding="utf-8")
    site = tmp_path / "site"
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: M\ndocs_dir: {docs}\nsite_dir: {site}\ntheme:\n  name: material\n"
                      "markdown_extensions:\n  - pymdownx.superfences\nplugins:\n  - sxs:\n      link_check: false\n",
                      encoding="utf-8")
    env_path = str(Path(__file__).resolve().parents[2] / "plugins")
    run = subprocess.run([sys.executable, "-m", ENGINE, "build", "-f", str(config)], capture_output=True, text=True,
                         env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
                         check=False)
    assert run.returncode == 0, run.stderr
    html = (site / "index.html").read_text(encoding="utf-8")
    assert '<pre class="mermaid"><code>graph TD;\n  A--&gt;B;</code></pre>' in html
    assert '<pre class="mermaid"><code>sequenceDiagram\nA-&gt;&gt;B: Ahoj</code></pre>' in html  # in a list item
    assert html.count('class="mermaid"') == 2 and '<span class="kt">var</span>' in html  # other code: code
