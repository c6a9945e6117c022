"""The link check in an MkDocs build: options from the plugin config, findings to the log.

Runs after every build (so `mkdocs serve` re-checks unchanged pages too) on
the files of docs_dir, the same way `mkdocs-sxs check` does.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from ..core.cache.store import PageCache
from ..core.files.config_paths import config_relative, config_relative_all
from ..core.linkcheck import CheckOptions, CheckResult, check_path
from ..core.linkcheck.checker import ScanStore
from ..core.linkcheck.model import CAT_BROKEN, LEVEL_ERROR, LEVEL_INFO, REF_INCLUDE, REF_TOC, REF_XREF
from ..core.linkcheck.yamlrefs import is_toc
from .build_log import BuildLog


def quiet_mkdocs_validation(config: Any) -> None:
    """Lower MkDocs' own link validation to debug: the link check reports each link once."""
    links = getattr(getattr(config, "validation", None), "links", None)
    if links is None:
        return
    for name in ("not_found", "anchors", "unrecognized_links", "absolute_links"):
        if hasattr(links, name):
            setattr(links, name, logging.DEBUG)


def quiet_missing_link_targets(config: Any) -> None:
    """A partial export: MkDocs' own "target not found" goes to debug (the build counts those links)."""
    links = getattr(getattr(config, "validation", None), "links", None)
    if links is not None and hasattr(links, "not_found"):
        links.not_found = logging.DEBUG


def link_check_options(plugin_config: Any, config_file: str | None = None) -> CheckOptions:
    return CheckOptions(
        levels=dict(plugin_config.link_levels or {}),
        url_prefixes=tuple(plugin_config.link_url_prefixes or ()),
        media_fallback=plugin_config.link_media_fallback,
        # the English docset of `include_fallback` is the source docset too (not-localized, not broken)
        source_fallback=plugin_config.link_source_fallback
        or config_relative(config_file, getattr(plugin_config, "include_fallback", None)),
        missing_target_level=LEVEL_INFO if getattr(plugin_config, "missing_targets", None) == LEVEL_INFO else None,
        xref_base_url=getattr(plugin_config, "xref_base_url", None),
        xref_maps=config_relative_all(config_file, getattr(plugin_config, "xref_maps", ())),
    )


class BackgroundCheck:
    """The link check started early, in another process, while the parent renders the templates.

    The check reads the docs (not the built site), so it can run beside the
    template phase instead of after it, on the core the page workers have left
    (Dynamics 365: about 7 s off the serial path). Its findings are logged
    only when the build asks for them (`on_post_build`), in the same order as
    a check run there. The process is a fresh interpreter (`spawn`), not a fork:
    it needs nothing of the build's memory, and a fork's garbage collector
    would touch, and so copy, all of it. Its result waits in a private
    temporary file, not in this process, until it is asked for: the templates
    hold the whole site, and the findings (visualstudio-docs: 20,000, ~36 MB
    as objects) would add to that peak. With the build cache on, the process
    opens the cache's scan stage itself and hands back its ledger (which
    entries it used), so that the parent prunes the stage as after a check of
    its own.
    """

    def __init__(self, docs_dir: str, options: CheckOptions, scans: PageCache | None = None) -> None:
        import multiprocessing

        handle, self._path = tempfile.mkstemp(prefix="sxs-link-check-", suffix=".pickle")  # mode 0600
        os.close(handle)
        try:
            self._pool = multiprocessing.get_context("spawn").Pool(1)
        except BaseException:
            os.unlink(self._path)
            raise
        self._scans = scans
        stage = None if scans is None or not scans.enabled else (str(scans.folder), scans.bucket, scans.environment)
        self._job = self._pool.apply_async(_check_into_file, (docs_dir, options, self._path, stage))
        self._pool.close()  # the process ends with the check: its memory goes then

    @classmethod
    def start(cls, config: Any, plugin_config: Any, scans: PageCache | None = None) -> BackgroundCheck | None:
        """`scans`: the build cache's scan stage (the process opens it; `result` adds its ledger to this one)."""
        try:
            return cls(config.docs_dir, link_check_options(plugin_config, getattr(config, "config_file_path", None)),
                       scans)
        except OSError:  # no process to spare: check in the parent
            return None

    def result(self) -> CheckResult | None:
        """The check's result (None if the process failed: the caller checks in the parent)."""
        try:
            self._job.get()
            with open(self._path, "rb") as handle:
                result, ledger = pickle.load(handle)  # written by our own check process, into our private file
            if not isinstance(result, CheckResult):
                return None
            if self._scans is not None and ledger is not None:
                self._scans.add_ledger(ledger)
            return result
        except Exception:  # noqa: BLE001 - any failure there: the parent runs the check itself
            return None
        finally:
            self.close()

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()
        with contextlib.suppress(OSError):
            os.unlink(self._path)


def _check_into_file(docs_dir: str, options: CheckOptions, path: str,
                     stage: tuple[str, str, str] | None = None) -> None:
    """The background check's process: check lean (it runs beside the templates) and leave the result at `path`,
    with the ledger of the build cache's scan stage (`stage`: its folder, bucket and environment) when it is on."""
    scans = PageCache(stage[0], stage[1], stage[2]) if stage is not None else None
    result = check_path(docs_dir, options, scans=scans if scans is not None and scans.enabled else None, lean=True)
    if scans is not None:
        scans.seal()  # (this process ends without Python's exit handlers)
    ledger = scans.take_ledger() if scans is not None and scans.enabled else None
    with open(path, "wb") as handle:
        pickle.dump((result, ledger), handle, protocol=pickle.HIGHEST_PROTOCOL)


def run_link_check(config: Any, plugin_config: Any, log: logging.Logger,
                   build_log: BuildLog | None = None, scans: ScanStore | None = None,
                   background: BackgroundCheck | None = None) -> CheckResult:
    """Check docs_dir and log each finding as `file:line:col: message [category]`.

    Error-level findings are logged as warnings (`--strict` fails on them);
    warning- and info-level ones as info with their level named after the
    category, so that `--strict` fails only on what the configured levels
    call errors. With a `build_log`, findings are summarized per category.
    """
    result = background.result() if background is not None else None
    if result is None:
        result = check_path(config.docs_dir,
                            link_check_options(plugin_config, getattr(config, "config_file_path", None)), scans=scans)
    for finding in result.findings:
        message = f"{finding.path}:{finding.line}:{finding.column}: {finding.message} [{finding.category}]"
        if finding.suggestion:
            message += f" (did you mean '{finding.suggestion}'?)"
        if finding.level == LEVEL_ERROR:
            level = logging.WARNING
        elif finding.category == CAT_BROKEN and getattr(plugin_config, "missing_targets", None) == LEVEL_INFO:
            level = logging.DEBUG  # a partial export: counted in the summary, -v lists them
            message = f"{finding.level}: {message}"
        else:
            level = logging.INFO
            message += f" ({finding.level} level)"
        if build_log is not None:
            build_log.emit(level, finding.category, message)
        else:
            log.log(level, "%s", message)
    log.info(result.summary())
    return result


def missing_link_count(result: CheckResult) -> int:
    """Links (not includes or TOC entries, which the build counts) whose target is missing."""
    return sum(1 for finding in result.findings
               if finding.category == CAT_BROKEN and finding.kind not in (REF_INCLUDE, REF_TOC)
               and not (finding.kind == REF_XREF and is_toc(finding.path)))  # a TOC entry by uid


def write_link_report(result: CheckResult, config: Any, report: str) -> None:
    """The check's JSON report (the schema of `mkdocs-sxs check --format json`), at `report` from mkdocs.yml."""
    from ..core.files.atomicio import write_bytes_atomic
    from ..core.linkcheck.reports import render

    path = config_relative(getattr(config, "config_file_path", None), report) or report
    write_bytes_atomic(Path(path), render(result, "json").encode("utf-8"))
