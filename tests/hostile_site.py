"""A small MkDocs site whose translation units and front matter attack the page.

Shared by the unit test that inspects the built HTML and the browser test
that loads it. Every injected payload calls `alert("…")` with a tag naming
where it was put, so a dialog or a console error tells which one ran.
"""

from __future__ import annotations

from pathlib import Path

# (name, payload). Each is put into a target and (with another tag) into a source.
PAYLOADS = [
    ("script", '<script>alert("{tag}-script")</script>'),
    ("img-onerror", '<img src=x onerror=alert("{tag}-img")>'),
    ("span-break", '</span><img src=x onerror=alert("{tag}-break")>'),
    ("span-break2", '</span></span><script>alert("{tag}-break2")</script>'),
    ("js-href", "<a href=\"javascript:alert('{tag}-href')\">odkaz</a>"),
    ("js-href-entity", '<a href="jav&#x09;ascript&#58;alert(\'{tag}-href2\')">odkaz</a>'),
    ("md-link", '[odkaz](javascript:alert("{tag}-md"))'),
    ("md-image", '![obr](javascript:alert("{tag}-mdimg"))'),
    ("quote-break", '<a href="x" title="a"><img src=x onerror=alert("{tag}-quote")>">q</a>'),
    ("attr-list", '*x*{{onclick=alert("{tag}-attr")}}'),
    ("svg", '<svg/onload=alert("{tag}-svg")>'),
    ("iframe", '<iframe src="javascript:alert(\'{tag}-iframe\')"></iframe>'),
    ("style", '<b style="background:url(javascript:alert(\'{tag}-style\'))" onmouseover=alert("{tag}-over")>b</b>'),
]

FRONT_MATTER = """---
title: 'Titulek </title><script>alert("fm-title")</script> " onload="alert(1)'
description: 'Popis "><script>alert("fm-description")</script>'
author: '<img src=x onerror=alert("fm-author")>'
ms.contentlocale: cs-cz
ms.translationtype: MT
ms.date: 01/02/2020
---
"""

AUTHOR_HTML = """
<div class="author-raw"><b>autor</b> <script>window.sxsAuthorScriptRan = true;</script></div>
"""


def unit(uid: str, target: str, source: str) -> str:
    return (f'<span data-ttu-id="{uid}">{target}</span><span class="sxs-lookup">'
            f'<span data-stu-id="{uid}">{source}</span></span>')


ANNOTATIONS = [
    unit("an-1", '**Platí pro**: Centrum <img src=x onerror=alert("ann-t")> | Druhé "><script>alert("ann-t2")</script>',
         '**Applies to**: Center <img src=x onerror=alert("ann-s")> | Second "><script>alert("ann-s2")</script>'),
    unit("an-2", '**Odpovídající role:** Agent </span><svg onload=alert("ann-role")>',
         '**Appropriate roles**: Agent </span><svg onload=alert("ann-role-s")>'),
]
# Post-edits written into translations/ (catalog msgstr), keyed by unit id.
POST_EDITS = {
    "u-0": 'Upraveno <script>alert("pe-script")</script>',
    "u-1": 'Upraveno <img src=x onerror=alert("pe-img")> "\'><b onmouseover=alert("pe-over")>b</b>',
    "u-6": '[odkaz](javascript:alert("pe-md"))',
}


def page_text(with_front_matter: bool) -> str:
    lines = [FRONT_MATTER] if with_front_matter else []
    lines.append("\n\n".join(ANNOTATIONS) + "\n")
    lines.append("# " + unit("h-1", 'Nadpis </title><script>alert("heading-t")</script>',
                             'Heading <img src=x onerror=alert("heading-s")>'))
    lines.append(AUTHOR_HTML)
    for number, (name, payload) in enumerate(PAYLOADS):
        target = f"Cíl {name} " + payload.format(tag=f"t-{name}") + " konec"
        source = f"Source {name} " + payload.format(tag=f"s-{name}") + " end"
        lines.append(unit(f"u-{number}", target, source) + "\n")
    lines.append("<table><tr><td>" + unit("tbl-1", PAYLOADS[1][1].format(tag="t-table"),
                                         PAYLOADS[0][1].format(tag="s-table")) + "</td></tr></table>\n")
    lines.append("- " + unit("li-1", PAYLOADS[6][1].format(tag="t-list"), "list item") + "\n")
    return "\n".join(lines)


def write_site(root: Path) -> Path:
    """Write the site under `root`; return the mkdocs.yml path."""
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text(page_text(True), encoding="utf-8")
    (docs / "bez-titulku.md").write_text(page_text(False), encoding="utf-8")
    write_post_edits(root)
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: Hostile\nuse_directory_urls: false\ntheme:\n  name: material\n  language: cs\n"
        "nav:\n  - index.md\n  - bez-titulku.md\nplugins:\n  - search\n  - sxs:\n      translation_report: true\n"
        "markdown_extensions:\n  - toc:\n      permalink: true\n  - attr_list\n  - admonition\n",
        encoding="utf-8",
    )
    return config


def write_post_edits(root: Path) -> None:
    """translations/: catalogs extracted from the pages, with hostile post-edits."""
    import polib
    from mkdocs_sxs.cli import main

    translations = root / "translations"
    translations.mkdir(exist_ok=True)
    assert main(["extract", str(root / "docs"), "--format", "po", "--output", str(translations) + "/"]) == 0
    for path in translations.rglob("*.po"):
        catalog = polib.pofile(str(path))
        for entry in catalog:
            edit = POST_EDITS.get(entry.msgctxt.rsplit("#", 1)[-1])
            if edit is not None:
                entry.msgstr = edit
        catalog.save()


def build_site(root: Path) -> Path:
    """Build the site with MkDocs (in process); return the site folder."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(write_site(root)), site_dir=str(root / "site"))
    build(config)
    return root / "site"
