"""Just enough TOML writing for zensical.toml (the standard library reads TOML, it does not write it)."""

from __future__ import annotations

import json
from typing import Any


def value(item: Any) -> str:
    """A TOML value: strings as basic strings (JSON's escapes are TOML's), inline arrays and tables."""
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, int | float):
        return repr(item)
    if isinstance(item, str):
        return json.dumps(item, ensure_ascii=False)
    if isinstance(item, list | tuple):
        return "[" + ", ".join(value(element) for element in item) + "]"
    if isinstance(item, dict):
        return "{ " + ", ".join(f"{key_name(k)} = {value(v)}" for k, v in item.items()) + " }"
    raise TypeError(f"no TOML value for {type(item).__name__}")


def key_name(key: str) -> str:
    return key if key and all(c.isalnum() or c in "-_" for c in key) and key.isascii() else json.dumps(key)


def dumps(tables: list[tuple[tuple[str, ...], dict[str, Any]]]) -> str:
    """`[(("project",), {...}), (("project", "theme"), {...})]` → TOML text; dicts in a table are inline tables."""
    out: list[str] = []
    for name, table in tables:
        out.append(f"[{'.'.join(key_name(part) for part in name)}]")
        for key, item in table.items():
            if isinstance(item, list) and item and all(isinstance(e, dict) for e in item) and len(item) > 1:
                out.append(f"{key_name(key)} = [")
                out += [f"  {value(e)}," for e in item]
                out.append("]")
            else:
                out.append(f"{key_name(key)} = {value(item)}")
        out.append("")
    return "\n".join(out)
