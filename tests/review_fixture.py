"""A small review project (mkdocs.yml, docs/, translations/) written into a temp folder, for review-mode tests."""

from __future__ import annotations

from pathlib import Path


def tu(tid: str, target: str, source: str) -> str:
    return (f'<span data-ttu-id="r1-{tid}">{target}</span>'
            f'<span class="sxs-lookup"><span data-stu-id="r1-{tid}">{source}</span></span>')


PAGE = "guide.md"
PAGE_MARKDOWN = f"""---
title: Průvodce
ms.contentlocale: cs-CZ
---
# {tu("101", "Průvodce", "Guide")}

{tu("102", "První věta.", "The first sentence.")} {tu("103", "Druhá věta.", "The second sentence.")}

- {tu("104", "The untranslated item.", "The untranslated item.")}
- {tu("105", "Položka se 3 čísly.", "An item with 4 numbers.")}

{tu("106", "Poslední věta.", "The last sentence.")}
"""

OTHER_MARKDOWN = f"""---
ms.contentlocale: cs-CZ
---
# {tu("201", "Jiná stránka", "Another page")}
"""

CONFIG = """site_name: Review test
docs_dir: docs
theme:
  name: material
  language: cs
plugins:
  - search
  - sxs
nav:
  - guide.md
  - other.md
"""


def write_project(root: Path) -> Path:
    """The project's mkdocs.yml; docs/guide.md (6 units, QA findings on 104 and 105) and docs/other.md."""
    (root / "docs").mkdir(parents=True)
    (root / "docs" / PAGE).write_text(PAGE_MARKDOWN, encoding="utf-8")
    (root / "docs" / "other.md").write_text(OTHER_MARKDOWN, encoding="utf-8")
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return root / "mkdocs.yml"
