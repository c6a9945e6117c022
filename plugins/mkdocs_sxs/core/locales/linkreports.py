"""One link-check report for all locales of a site, from each locale build's JSON report.

Each build checks its own docs folder (`link_report:` writes its JSON
report); here the findings are put under one root, the folder holding every
locale's docs folder, so a finding's path names the locale's file
(`partner-center.fr-FR/partner-center/x.md`) and SARIF/GitHub annotations
point at real files. Then any report format renders the combined result.
"""

from __future__ import annotations

import json
import os
from dataclasses import fields
from pathlib import Path

from ..linkcheck.model import CheckResult, Finding
from .manifest import LocaleEntry, LocaleManifest

_FINDING_FIELDS = {item.name for item in fields(Finding)} - {"extra"}


class ReportError(ValueError):
    """A locale's link report is missing or unreadable."""


def read_report(path: Path) -> CheckResult:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ReportError(f"{path}: cannot read the link report ({error})") from None
    findings = [Finding(**{key: value for key, value in item.items() if key in _FINDING_FIELDS})
                for item in data.get("findings", [])]
    summary = data.get("summary", {})
    return CheckResult(str(data.get("root", "")), findings, int(summary.get("files", 0)),
                       int(summary.get("references", 0)))


def combine(manifest: LocaleManifest, reports: dict[str, CheckResult]) -> CheckResult:
    """The findings of every locale (in manifest order) under the common folder of their docs folders."""
    entries: list[LocaleEntry] = [entry for entry in manifest.locales if entry.path in reports]
    roots = [Path(reports[entry.path].root or manifest.docs_dir(entry)).resolve() for entry in entries]
    common = Path(os.path.commonpath([str(root) for root in roots])) if roots else manifest.folder
    combined = CheckResult(str(common), [])
    for entry, root in zip(entries, roots, strict=True):
        result = reports[entry.path]
        prefix = root.relative_to(common).as_posix()
        for finding in result.findings:
            finding.path = f"{prefix}/{finding.path}" if prefix != "." else finding.path
            combined.findings.append(finding)
        combined.pages += result.pages
        combined.references += result.references
    return combined
