"""YAML front matter of DocFX pages, split off without losing line numbers."""

from __future__ import annotations

import re
from typing import Any

import yaml

from .model import LEVEL_ERROR, LEVEL_WARNING, Problem

try:  # The C loader is several times faster on 3,000-page docsets.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)


def split_front_matter(text: str, path: str = "") -> tuple[dict[str, Any], int, list[Problem]]:
    """Return (metadata, offset where the body starts, problems).

    A broken front matter block is reported with its line and treated as
    body text, so that nothing on the page is lost.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, 0, []
    raw = match.group(1)
    try:
        data = yaml.load(raw, Loader=_Loader)  # noqa: S506 - safe loader
    except yaml.YAMLError as error:
        line = 2
        mark = getattr(error, "problem_mark", None)
        if mark is not None:
            line = mark.line + 2
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        return {}, 0, [
            Problem(
                path,
                line,
                1,
                "front-matter-yaml",
                f"front matter is not valid YAML ({reason}); fix the YAML between the '---' lines",
                LEVEL_ERROR,
            )
        ]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return {}, match.end(), [
            Problem(
                path,
                2,
                1,
                "front-matter-shape",
                "front matter is not a mapping of keys to values; write it as 'key: value' lines",
                LEVEL_WARNING,
            )
        ]
    return {str(key): value for key, value in data.items()}, match.end(), []
