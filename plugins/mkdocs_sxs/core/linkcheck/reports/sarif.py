"""SARIF 2.1.0 log: one rule per category, artifact URIs relative to the checked PATH."""

from __future__ import annotations

from pathlib import Path

from ...reports.sarif import dumps, physical_location, sarif_level, sarif_log
from ..model import CATEGORY_HELP, DEFAULT_LEVELS, CheckResult


def to_data(result: CheckResult, version: str = "0") -> dict:
    categories = list(DEFAULT_LEVELS)
    rules = [
        {
            "id": category,
            "name": "".join(part.capitalize() for part in category.split("-")),
            "shortDescription": {"text": CATEGORY_HELP[category]},
            "defaultConfiguration": {"level": sarif_level(DEFAULT_LEVELS[category]),
                                     "enabled": DEFAULT_LEVELS[category] != "ignore"},
        }
        for category in categories
    ]
    results = []
    for finding in result.findings:
        message = finding.message
        if finding.suggestion:
            message += f" (did you mean '{finding.suggestion}'?)"
        item = {
            "ruleId": finding.category,
            "ruleIndex": categories.index(finding.category),
            "level": sarif_level(finding.level),
            "message": {"text": message},
            "locations": [physical_location(finding.path, finding.line, finding.column, "SRCROOT")],
            "properties": {key: value for key, value in (
                ("link", finding.link), ("target", finding.target), ("where", finding.where),
                ("kind", finding.kind), ("unitId", finding.unit_id), ("suggestion", finding.suggestion),
            ) if value is not None},
        }
        results.append(item)
    return sarif_log(tool="mkdocs-sxs", version=version, rules=rules, results=results,
                     base_uris={"SRCROOT": Path(result.root).resolve().as_uri() + "/"},
                     information_uri="https://github.com/mkdocs-sxs/mkdocs-sxs",
                     column_kind="unicodeCodePoints")


def render(result: CheckResult) -> str:
    from .... import __version__
    return dumps(to_data(result, __version__), indent=2)
