"""A quiet build log: findings are kept per category, summarized at the end, and written to a report file.

Without `-v` a category with more than a few findings is one log line (count,
level, an example); with `-v` (the `mkdocs` logger at debug) every finding is
logged as it happens, as before. Either way the report file lists them all.
The level of a summary line is the highest level in its category, so
`mkdocs build --strict` fails exactly when it failed with one line per finding.
"""

from __future__ import annotations

import logging
import os

from ..core.files.atomicio import write_bytes_atomic
from ..core.reports.build_findings import LEVEL_ERROR, LEVEL_INFO, LEVEL_WARNING, BuildFindings

_NAMES = {logging.ERROR: LEVEL_ERROR, logging.WARNING: LEVEL_WARNING, logging.INFO: LEVEL_INFO}
_LEVELS = {name: level for level, name in _NAMES.items()}


class BuildLog:
    """The findings of one build of one site."""

    def __init__(self, log: logging.Logger) -> None:
        self.log = log
        self.findings = BuildFindings()
        self.flushed = False

    @property
    def verbose(self) -> bool:
        return self.log.isEnabledFor(logging.DEBUG)

    def emit(self, level: int, category: str, text: str) -> None:
        """Log a finding now (debug level, or `-v`) or keep it for the summary."""
        if level < logging.INFO:
            self.log.log(level, "%s", text)
            return
        level = min(level, logging.ERROR)
        self.findings.add(category, _NAMES.get(level, LEVEL_WARNING), text)
        if self.verbose:
            self.log.log(level, "%s", text)

    def reset(self) -> None:
        self.findings.clear()
        self.flushed = False

    def flush(self, report_path: str | None, site_name: str = "") -> None:
        """Log the per-category summary and write the report file (when a path is set), once a build."""
        if self.flushed and not len(self.findings):
            return
        self.flushed = True
        written = None
        if report_path:
            try:
                write_bytes_atomic(report_path, self.findings.report(f"Build report: {site_name}".strip()).encode())
                written = report_path
            except OSError as error:
                self.log.warning("sxs: cannot write the build report %s: %s", report_path, error)
        if not self.verbose:
            name = os.path.relpath(written) if written and not os.path.relpath(written).startswith("..") else written
            for level, line in self.findings.log_lines(name):
                self.log.log(_LEVELS[level], "%s", line)
        if written and len(self.findings):
            self.log.info("sxs: %d finding(s) listed in %s", len(self.findings), written)
        self.findings.clear()


def report_path(setting: str | None, config_file: str | None, docs_dir: str, site_dir: str) -> str | None:
    """Where the report goes: `build_report` relative to mkdocs.yml; in site_dir when that is inside docs_dir."""
    if not setting:
        return None
    base = os.path.dirname(os.path.abspath(config_file)) if config_file else os.getcwd()
    path = os.path.normpath(os.path.join(base, setting))
    docs = os.path.abspath(docs_dir)
    if path == docs or path.startswith(docs + os.sep):  # never into the docs: MkDocs would publish it, serve rebuild
        path = os.path.join(os.path.abspath(site_dir), os.path.basename(path))
    return path
