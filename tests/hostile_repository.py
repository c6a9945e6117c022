"""A DocFX docset where the whole repository attacks the site (issue 17), not only the units.

Front matter of every YAML type, docfx.json `titleSuffix`, TOC.yml hrefs,
Landing and FAQ pages, the redirection file, and units whose link
destinations hold a quote (finding 21) with hostile text on both sides.
Shared by the unit tests that inspect the built HTML and the browser test
that loads it. Every payload calls `alert("…")` with a tag naming where it
was put.
"""

from __future__ import annotations

import json
from pathlib import Path

IMG = '<img src=x onerror=alert("{tag}")>'


def unit(uid: str, target: str, source: str) -> str:
    return (f'<span data-ttu-id="{uid}">{target}</span><span class="sxs-lookup">'
            f'<span data-stu-id="{uid}">{source}</span></span>')


# Finding 21: a `"` inside a link destination; the next unit's `")` would close a title across our tags.
# Hostile text before, between and after, in target and source.
QUOTE_UNITS = [
    unit("q-1", '**[Seznam](https://example.com/?q=%225.1")**', '**[List](https://example.com/?q=%225.1")**'),
    unit("q-2", 'Před " onmouseover=alert("q2-t") x=" [odkaz](https://e.example/?a="1) ' + IMG.format(tag="q2-ti"),
         'Before [link](https://e.example/?a=") onmouseover=alert("q2-s") "x)'),
    unit("q-3", "A [x](y \"", "B\") onfocus=alert('q3') autofocus x=\""),
    unit("q-4", "[a](b 'c", "d') onmouseover=alert('q4') '"),
    unit("q-5", '![obr](x.png "t) " onerror=alert("q5-t") ")', '![img](x.png "t) " onerror=alert("q5-s") ")'),
]

PAGES = {
    # Finding 1: title/description/author as a list or a mapping.
    "list-title.md": (
        "---\n"
        'title: ["<img src=x onerror=alert(\'fm-list-title\')>"]\n'
        "description:\n  - '<script>alert(\"fm-list-desc\")</script>'\n"
        "author: {name: '<img src=x onerror=alert(\"fm-map-author\")>'}\n"
        "ms.contentlocale: cs-cz\n---\n"
        "# " + unit("h-1", "Nadpis", "Heading") + "\n\n" + "\n\n".join(QUOTE_UNITS) + "\n"
    ),
    "map-title.md": (
        "---\n"
        "title:\n  a: '<svg onload=alert(\"fm-map-title\")>'\n  b: [1, '<img src=x onerror=alert(\"fm-nested\")>']\n"
        "ms.contentlocale: cs-cz\n---\n"
        "# " + unit("h-2", "Druhá", "Second") + "\n"
    ),
}

TOC = """- name: Seznam
  href: list-title.md
- name: Mapa
  href: map-title.md
- name: Přistání
  href: index.yml
- name: FAQ
  href: faq.yml
- name: JS
  href: "javascript:alert('toc-js')"
- name: JS mixed case
  href: "JaVaScRiPt:alert('toc-js2')"
- name: VB
  href: "vbscript:msgbox('toc-vb')"
- name: Data
  href: "data:text/html,<script>alert('toc-data')</script>"
"""

LANDING = """### YamlMime:Landing
title: Přistání
summary: Shrnutí
metadata:
  title: Přistání
  description: ['<img src=x onerror=alert("landing-desc")>']
  ms.contentlocale: cs-cz
landingContent:
  - title: Karta
    linkLists:
      - linkListType: overview
        links:
          - text: Zlý odkaz
            url: "javascript:alert('landing-js')"
          - text: Zlý odkaz 2
            url: "  JAVASCRIPT:alert('landing-js2')"
          - text: Dobrý odkaz
            url: list-title.md
"""

FAQ = """### YamlMime:FAQ
metadata:
  title: FAQ
  description: {a: '<script>alert("faq-desc")</script>'}
  ms.contentlocale: cs-cz
title: Časté dotazy
sections:
  - name: Sekce
    questions:
      - question: Otázka?
        answer: "Odpověď s [odkazem](javascript:alert('faq-md'))."
"""

DOCFX = {"build": {"globalMetadata": {"titleSuffix": 'Docs <img src=x onerror=alert("titlesuffix")>'}}}

REDIRECTS = {"redirections": [
    {"source_path": "docs/old-js.md", "redirect_url": "javascript:alert('redirect-js')"},
    {"source_path": "docs/old-ok.md", "redirect_url": "/docs/list-title"},
]}


def write_repository(root: Path) -> Path:
    """Write the repository under `root`; return the docset folder."""
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for name, text in PAGES.items():
        (docs / name).write_text(text, encoding="utf-8")
    (docs / "TOC.yml").write_text(TOC, encoding="utf-8")
    (docs / "index.yml").write_text(LANDING, encoding="utf-8")
    (docs / "faq.yml").write_text(FAQ, encoding="utf-8")
    (docs / "docfx.json").write_text(json.dumps(DOCFX), encoding="utf-8")
    (root / ".openpublishing.redirection.json").write_text(json.dumps(REDIRECTS), encoding="utf-8")
    return docs


def build_repository(root: Path) -> Path:
    """`mkdocs-sxs init` and an in-process MkDocs build; return the site folder."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs_sxs.cli import main

    docs = write_repository(root)
    config_path = root / "mkdocs.yml"
    assert main(["init", str(docs), "--output", str(config_path), "--site-dir", str(root / "site")]) == 0
    config = load_config(str(config_path))
    build(config)
    return root / "site"
