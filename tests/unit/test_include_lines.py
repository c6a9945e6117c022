"""Problems of a page with `[!INCLUDE]`s name the file and line a translator edits (issue #3 follow-up).

Fixture `tests/fixtures/include_lines/docs/page.md`: a multi-line include (with front matter) before a
malformed unit, an include with a malformed unit of its own inside an alert, a nested include, and alerts
(which the transform rewrites, adding lines) before the last malformed units.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs_sxs.core.docfx.docset import Docset
from mkdocs_sxs.core.docfx.line_origins import LineOrigins, Segment, problem_place
from mkdocs_sxs.core.docfx.markdown import DocfxOptions, transform_docfx
from mkdocs_sxs.core.reader.frontmatter import split_front_matter
from mkdocs_sxs.core.reader.parser import parse_sxs
from mkdocs_sxs.mkdocs.log import LOGGER_NAME as PLUGIN_LOGGER  # the engine's plugin logger

DOCS = Path(__file__).resolve().parents[1] / "fixtures" / "include_lines" / "docs"
EXPECTED = {
    "p-2": "page.md:9:1",
    "b-2": "includes/bad.md:3:1 (included in page.md:12)",
    "i-2": "includes/inner.md:2:1 (included in page.md:14 via includes/outer.md:3)",
    "o-2": "includes/outer.md:5:1 (included in page.md:14)",
    "p-4": "page.md:18:6",
    "p-5": "page.md:20:1",
}


def malformed_places() -> dict[str, str]:
    raw = (DOCS / "page.md").read_text(encoding="utf-8")
    _meta, body_start, _problems = split_front_matter(raw, "page.md")
    offset = raw[:body_start].count("\n")
    result = transform_docfx(raw[body_start:], "page.md", Docset.scan(str(DOCS)), DocfxOptions(locale="cs-CZ"),
                             line_offset=offset)
    assert result.origins is not None and result.origins.final is not None  # the alerts changed lines
    page = parse_sxs(result.text, "page.md", body_only=True)
    places = {}
    for problem in page.problems:
        unit_id = re.match(r"unit (\S+):", problem.message).group(1)
        places[unit_id] = problem_place("page.md", problem.line, problem.column, offset, result.origins)
    return places


def test_transformed_page_problems_map_back_to_files_and_lines():
    assert malformed_places() == EXPECTED


def test_line_origins_without_rewrites_and_with_inserted_lines():
    origins = LineOrigins("a\nb\nc", [Segment(1, "p.md", 5), Segment(2, "inc.md", 1, (("p.md", 6),)),
                                      Segment(3, "p.md", 7)])
    assert [origins.where(line, 1) for line in (1, 2, 3)] == \
        ["p.md:5:1", "inc.md:1:1 (included in p.md:6)", "p.md:7:1"]
    rewritten = LineOrigins("> a\nb\nc", origins.segments, "!!! note\n    a\n\nb\nc")
    assert [rewritten.origin(line)[:2] for line in range(1, 6)] == \
        [("p.md", 5), ("p.md", 5), ("p.md", 5), ("inc.md", 1), ("p.md", 7)]
    assert problem_place("p.md", 3, 2, 4, None) == "p.md:7:2"


def test_build_reports_problems_at_their_file_and_line(tmp_path: Path, caplog):
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: t\ndocs_dir: {DOCS}\nsite_dir: {tmp_path / 'site'}\nexclude_docs: |\n"
                      "  includes/\nplugins:\n  - sxs:\n      link_check: false\n", encoding="utf-8")
    with caplog.at_level(logging.DEBUG, logger=PLUGIN_LOGGER):  # -v: each finding on its own line
        build(load_config(config_file=str(config)))
    messages = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    report = (tmp_path / "sxs-build-report.txt").read_text(encoding="utf-8")
    for unit, place in malformed_places().items():
        assert any(message.startswith(f"{place}: unit {unit}:") for message in messages), (unit, place, messages)
        assert f"warning: {place}: unit {unit}:" in report
    assert set(malformed_places()) == set(EXPECTED)
