"""JSON report; its schema is `mkdocs_sxs/schemas/linkcheck-report.schema.json`."""

from __future__ import annotations

import json

from ..model import LEVEL_ERROR, LEVEL_INFO, LEVEL_WARNING, CheckResult

SCHEMA_ID = "https://mkdocs-sxs.invalid/schemas/linkcheck-report.schema.json"


def to_data(result: CheckResult) -> dict:
    return {
        "$schema": SCHEMA_ID,
        "tool": "mkdocs-sxs check",
        "root": result.root,
        "summary": {
            "files": result.pages,
            "references": result.references,
            "errors": result.count(LEVEL_ERROR),
            "warnings": result.count(LEVEL_WARNING),
            "info": result.count(LEVEL_INFO),
        },
        "findings": [finding.to_dict() for finding in result.findings],
    }


def render(result: CheckResult) -> str:
    return json.dumps(to_data(result), ensure_ascii=False, indent=2) + "\n"
