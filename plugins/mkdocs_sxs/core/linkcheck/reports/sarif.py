"""SARIF 2.1.0 log: one rule per category, artifact URIs relative to the checked PATH."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from ..model import CATEGORY_HELP, DEFAULT_LEVELS, LEVEL_ERROR, LEVEL_WARNING, CheckResult

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {LEVEL_ERROR: "error", LEVEL_WARNING: "warning"}


def _level(level: str) -> str:
    return _LEVEL.get(level, "note")


def to_data(result: CheckResult, version: str = "0") -> dict:
    categories = list(DEFAULT_LEVELS)
    rules = [
        {
            "id": category,
            "name": "".join(part.capitalize() for part in category.split("-")),
            "shortDescription": {"text": CATEGORY_HELP[category]},
            "defaultConfiguration": {"level": _level(DEFAULT_LEVELS[category]),
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
            "level": _level(finding.level),
            "message": {"text": message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": quote(finding.path, safe="/"), "uriBaseId": "SRCROOT"},
                    "region": {"startLine": finding.line, "startColumn": finding.column},
                },
            }],
            "properties": {key: value for key, value in (
                ("link", finding.link), ("target", finding.target), ("where", finding.where),
                ("kind", finding.kind), ("unitId", finding.unit_id), ("suggestion", finding.suggestion),
            ) if value is not None},
        }
        results.append(item)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "mkdocs-sxs", "version": version, "rules": rules,
                                "informationUri": "https://github.com/mkdocs-sxs/mkdocs-sxs"}},
            "originalUriBaseIds": {"SRCROOT": {"uri": Path(result.root).resolve().as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def render(result: CheckResult) -> str:
    from .... import __version__
    return json.dumps(to_data(result, __version__), ensure_ascii=False, indent=2) + "\n"
