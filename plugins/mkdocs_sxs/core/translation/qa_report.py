"""QA findings as text, JSON or SARIF 2.1.0 (for code-scanning UIs).

Finding texts come from pages and catalogs (untrusted): JSON/SARIF escape
through the json module; nothing here builds HTML.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..reader.model import LEVEL_ERROR, LEVEL_INFO, LEVEL_WARNING
from ..reports.sarif import dumps, physical_location, sarif_level, sarif_log
from .qa import CHECKS, Finding, summarize

REPORT_FORMATS = ("text", "json", "sarif")
_LEVELS = (LEVEL_ERROR, LEVEL_WARNING, LEVEL_INFO)


def _one_line(text: str | None, limit: int = 200) -> str:
    if text is None:
        return "(none)"
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def text_report(findings: Sequence[Finding], *, with_texts: bool = True) -> str:
    lines = []
    for finding in findings:
        lines.append(str(finding))
        if with_texts:
            lines.append(f"    en: {_one_line(finding.source)}")
            lines.append(f"    tr: {_one_line(finding.target)}")
    counts = summarize(findings)
    lines.append(f"{counts[LEVEL_ERROR]} errors, {counts[LEVEL_WARNING]} warnings, {counts[LEVEL_INFO]} notes")
    return "\n".join(lines) + "\n"


def json_report(findings: Sequence[Finding]) -> str:
    data = {"summary": summarize(findings), "findings": [finding.to_dict() for finding in findings]}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def sarif_report(findings: Sequence[Finding], *, tool_version: str = "", base_uri: str | None = None) -> str:
    rules = [
        {"id": name, "shortDescription": {"text": description},
         "defaultConfiguration": {"level": sarif_level(level) if level in _LEVELS else "none"}}
        for name, (level, description) in CHECKS.items()
    ]
    rule_index = {name: number for number, name in enumerate(CHECKS)}
    base_id = "DOCS" if base_uri is not None else None
    results: list[dict[str, Any]] = []
    for finding in findings:
        result: dict[str, Any] = {
            "ruleId": finding.check,
            "level": sarif_level(finding.level),
            "message": {"text": f"unit {finding.unit_id}: {finding.message}"},
            "locations": [physical_location(finding.path, max(finding.line, 1), max(finding.column, 1), base_id)],
            "partialFingerprints": {"sxsUnit": f"{finding.path}#{finding.unit_id}/{finding.check}"},
            "properties": {"unit": finding.unit_id, "source": finding.source, "target": finding.target},
        }
        if finding.check in rule_index:
            result["ruleIndex"] = rule_index[finding.check]
        results.append(result)
    log = sarif_log(tool="mkdocs-sxs qa", version=tool_version, rules=rules, results=results,
                    base_uris={"DOCS": base_uri} if base_uri is not None else None)
    return dumps(log, indent=1)
