"""On the Dynamics 365 docset: every unit of a page with includes maps back to a line of the file that holds it.

The DocFX transform expands includes and rewrites alerts; `LineOrigins` must send each line of the result
back to its file and line (problems are reported there). Checked on the pages that use `[!INCLUDE`
(transform only, no site build).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import require_corpus
from mkdocs_sxs.core.docfx.docset import Docset
from mkdocs_sxs.core.docfx.markdown import DocfxOptions, transform_docfx
from mkdocs_sxs.core.reader.frontmatter import split_front_matter
from mkdocs_sxs.core.reader.parser import parse_sxs

pytestmark = pytest.mark.acceptance
PAGES = 400  # pages with includes checked (of about 2,000), enough to hold several thousand included units


def test_units_of_pages_with_includes_map_to_their_own_file_and_line():
    root = require_corpus() / "dynamics-365-operations.cs-CZ" / "articles"
    docset = Docset.scan(str(root))
    files: dict[str, list[str]] = {}
    pages = [name for name in sorted(docset.files) if name.endswith(".md") and "includes/" not in name]
    checked = included = 0
    for name in pages:
        raw = (root / name).read_text(encoding="utf-8-sig")
        if "[!INCLUDE" not in raw.upper():
            continue
        _meta, body_start, _problems = split_front_matter(raw, name)
        offset = raw[:body_start].count("\n")
        result = transform_docfx(raw[body_start:], name, docset, DocfxOptions(locale="cs-CZ"), line_offset=offset)
        assert result.origins is not None
        for unit in parse_sxs(result.text, name, body_only=True).units:
            path, line, _column, via = result.origins.locate(unit.line, unit.column)
            if path not in files:
                files[path] = Path(root, path).read_text(encoding="utf-8-sig").split("\n")
            assert unit.id in files[path][line - 1], (name, unit.id, path, line, via)
            included += bool(via)
        checked += 1
        if checked == PAGES:
            break
    assert checked == PAGES and included > 1000, (checked, included)
