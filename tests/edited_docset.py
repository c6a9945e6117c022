"""A small DocFX docset to edit: TOC.yml, an include, cross-page anchors, a catalog of post-edits, an annotation lead.

Shared by the tests that must give exactly a clean build after any sequence of
edits (the build cache, review mode's settling). One edit per input kind; Hypothesis
draws the texts from TEXT.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from hypothesis import strategies as st
from mkdocs_sxs.cli import main


def tu(tid: str, target: str, source: str) -> str:
    return (f'<span data-ttu-id="c1-{tid}">{target}</span>'
            f'<span class="sxs-lookup"><span data-stu-id="c1-{tid}">{source}</span></span>')


FILES = {
    "TOC.yml": "- name: Domů\n  href: index.md\n- name: Úvod\n  href: a.md\n- name: Podrobnosti\n  href: b.md\n"
               "- name: Další\n  href: c.md\n",
    "index.md": f"""---
ms.contentlocale: cs-CZ
---
# {tu("001", "Domů", "Home")}
""",
    "a.md": f"""---
title: Úvod
ms.contentlocale: cs-CZ
---
# {tu("101", "Úvod", "Introduction")}

{tu("102", "**Platí pro**: Partnerské centrum", "**Applies to**: Partner Center")}

{tu("103", "První věta s [odkazem](b.md#podrobnosti).", "A first sentence with a [link](b.md#details).")}

[!INCLUDE [poznámka](includes/note.md)]

## {tu("104", "Druhá část", "Second part")}

{tu("105", "Věta o 3 věcech.", "A sentence about 3 things.")}
""",
    "b.md": f"""---
ms.contentlocale: cs-CZ
---
# {tu("201", "Podrobnosti", "Details")}

{tu("202", "Text stránky b.", "Text of page b.")} [zpět](a.md#druhá-část)
""",
    "c.md": f"""---
ms.contentlocale: cs-CZ
---
# {tu("301", "Další", "More")}

{tu("303", "**Platí pro**: Partnerské centrum", "**Applies to**: Partner Center")}

> [!NOTE]
> {tu("302", "Poznámka na stránce c.", "A note on page c.")}
""",
    "includes/note.md": f"{tu('401', 'Vložený text.', 'Included text.')}\n",
}
CONFIG = {
    "site_name": "Cache test",
    "docs_dir": "docs",
    "theme": {"name": "material", "language": "cs", "features": ["navigation.prune"]},
    "plugins": ["search", {"sxs": {"build_cache": True, "link_check": True}}],
    "markdown_extensions": [{"toc": {"permalink": True}}, "admonition", "attr_list"],
}
WORDS = st.sampled_from(["věta", "*důraz*", "`kód`", "[x](c.md)", "<b>", "3", "&amp;", "Podrobnosti", "—", "ž"])
TEXT = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)


def write_docset(root: Path) -> None:
    for name, text in FILES.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    write_config(root, CONFIG)
    assert main(["extract", str(root / "docs"), "--format", "po", "--output", str(root / "translations") + "/"]) == 0


def write_config(root: Path, config: dict) -> None:
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")


# Edits, one per input kind -----------------------------------------------------------------------


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_sentence(root: Path, text: str) -> None:
    page = root / "docs" / "a.md"
    content = page.read_text(encoding="utf-8")
    start = content.index('data-ttu-id="c1-105">') + len('data-ttu-id="c1-105">')
    page.write_text(content[:start] + text + content[content.index("</span>", start):], encoding="utf-8")


def edit_heading(root: Path, text: str) -> None:
    """b's h1 (its id is the target of a's link, and its title is in the TOC of the page)."""
    page = root / "docs" / "b.md"
    content = page.read_text(encoding="utf-8")
    start = content.index('data-ttu-id="c1-201">') + len('data-ttu-id="c1-201">')
    page.write_text(content[:start] + text + content[content.index("</span>", start):], encoding="utf-8")


def edit_include(root: Path, text: str) -> None:
    path = root / "docs" / "includes" / "note.md"
    path.write_text(tu("401", text, "Included text.") + "\n", encoding="utf-8")


def edit_toc(root: Path, text: str) -> None:
    path = root / "docs" / "TOC.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = f"- name: {json.dumps(text, ensure_ascii=False)}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def edit_catalog(root: Path, text: str) -> None:
    from translate.storage import po

    path = root / "translations" / "cs-CZ" / "a.po"
    store = po.pofile(path.read_bytes())
    for unit in store.units:
        if unit.getcontext() == "a.md#c1-103":
            unit.target = text
    path.write_bytes(bytes(store))


def edit_config(root: Path, text: str) -> None:
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    toc = config["markdown_extensions"][0]["toc"]
    toc["permalink"] = not toc.get("permalink", False)
    write_config(root, config)


def toggle_page(root: Path, text: str) -> None:
    """Remove c.md, or bring it back (with new text): a link target and a TOC entry appear or vanish."""
    path = root / "docs" / "c.md"
    if path.exists():
        path.unlink()
    else:
        path.write_text(FILES["c.md"].replace("Další", text.replace("\n", " ") or "x", 1), encoding="utf-8")


def edit_redirect(root: Path, text: str) -> None:
    """The repository's redirection file (beside the docs): one more redirect each time (a redirect page)."""
    path = root / ".openpublishing.redirection.json"
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"redirections": []}
    number = len(data["redirections"])
    data["redirections"].append({"source_path": f"docs/old-{number}.md", "redirect_url": "/docs/a",
                                 "redirect_document_id": False})
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


EDITS = {"sentence": edit_sentence, "heading": edit_heading, "include": edit_include, "toc": edit_toc,
         "catalog": edit_catalog, "config": edit_config, "page": toggle_page, "redirect": edit_redirect}


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by its path in the site."""
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}
