"""Plain `file:line:col: level: message [category]` lines, as compilers print them."""

from __future__ import annotations

from ..model import CheckResult


def render(result: CheckResult) -> str:
    lines = [finding.text() for finding in result.findings]
    lines.append(result.summary())
    return "\n".join(lines) + "\n"
