"""The SARIF 2.1.0 envelope shared by the QA and link-check reports.

One writer so both reports agree on levels, artifact URIs (percent-encoded,
relative to a base id) and the log/run layout; each report only supplies its
rules and results. Texts are escaped by the json module; nothing here builds HTML.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from ..reader.model import LEVEL_ERROR, LEVEL_WARNING

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
_LEVEL = {LEVEL_ERROR: "error", LEVEL_WARNING: "warning"}


def sarif_level(level: str, default: str = "note") -> str:
    """Our level as a SARIF level ("info" and anything else become `default`)."""
    return _LEVEL.get(level, default)


def physical_location(path: str, line: int, column: int, base_id: str | None = None) -> dict[str, Any]:
    """A location in `path` (relative, `/`-separated), percent-encoded as a URI reference."""
    artifact: dict[str, Any] = {"uri": quote(path, safe="/")}
    if base_id is not None:
        artifact["uriBaseId"] = base_id
    return {"physicalLocation": {"artifactLocation": artifact,
                                 "region": {"startLine": line, "startColumn": column}}}


def sarif_log(*, tool: str, version: str, rules: Sequence[dict[str, Any]], results: Sequence[dict[str, Any]],
              base_uris: dict[str, str] | None = None, information_uri: str | None = None,
              column_kind: str | None = None) -> dict[str, Any]:
    """A one-run SARIF log; `base_uris` maps uriBaseId names to absolute (file:) URIs."""
    driver: dict[str, Any] = {"name": tool, "version": version, "rules": list(rules)}
    if information_uri is not None:
        driver["informationUri"] = information_uri
    run: dict[str, Any] = {"tool": {"driver": driver}}
    if base_uris:
        run["originalUriBaseIds"] = {name: {"uri": uri} for name, uri in base_uris.items()}
    if column_kind is not None:
        run["columnKind"] = column_kind
    run["results"] = list(results)
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def dumps(log: dict[str, Any], indent: int = 1) -> str:
    """The log as UTF-8-ready JSON text ending in a newline."""
    return json.dumps(log, ensure_ascii=False, indent=indent) + "\n"
