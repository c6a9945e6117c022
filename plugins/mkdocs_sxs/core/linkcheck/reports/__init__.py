"""Link-check reports in the formats people and CI systems read."""

from __future__ import annotations

from ..model import CheckResult
from . import github, json_report, junit, sarif, text

FORMATS = {
    "text": text.render,
    "json": json_report.render,
    "junit": junit.render,
    "sarif": sarif.render,
    "github": github.render,
}


def render(result: CheckResult, fmt: str) -> str:
    """The report of `result` in format `fmt` (one of FORMATS)."""
    return FORMATS[fmt](result)
