"""GitHub Actions workflow commands (`::error file=…,line=…::message`) for inline annotations."""

from __future__ import annotations

from ..model import LEVEL_ERROR, LEVEL_WARNING, CheckResult

_COMMAND = {LEVEL_ERROR: "error", LEVEL_WARNING: "warning"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render(result: CheckResult) -> str:
    lines = []
    for finding in result.findings:
        command = _COMMAND.get(finding.level, "notice")
        message = finding.message + (f" (did you mean '{finding.suggestion}'?)" if finding.suggestion else "")
        lines.append(f"::{command} file={_property(finding.path)},line={finding.line},col={finding.column},"
                     f"title={_property(finding.category)}::{_data(message)}")
    lines.append(result.summary())
    return "\n".join(lines) + "\n"
