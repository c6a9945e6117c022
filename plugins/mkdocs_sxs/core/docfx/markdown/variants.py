"""Content variants: tabs, zone pivots and monikers.

- `# [Label](#tab/id)` headings (any level, a `<a name>` anchor allowed
  before the link) open a tab group; the next tab heading of that level opens
  the next tab; a `---` line, a non-tab heading of the same or a higher level
  or the end of the page closes it. Output: pymdownx.tabbed (Material's content
  tabs, `alternate_style`), one set per group (`===!`), bodies indented by 4;
  Material's `content.tabs.link` selects the same label in every group (DocFX
  links tabs of the same id, which carry the same label). A dependent tab
  (`#tab/dotnet/linux`) is shown as its own tab labelled `.NET (linux)`.
- `:::zone pivot="a,b"` … `:::zone-end` become blocks labelled with the
  pivots' titles (`zone-pivot-groups.yml` of the docset); the page gets a pivot
  selector above the first zone (`sxs-docfx.js` shows the chosen pivot's zones;
  without JavaScript every zone stays visible under its label).
- `::: moniker range="…"` … `::: moniker-end` become blocks labelled with
  their version range and a version selector above the first one: one button
  per moniker the page names (`vs-2017`, `vs-2019` …, in version order); the
  script shows the blocks whose range holds the chosen one.

Inside list items (indented directives) Markdown cannot wrap part of a list
item in a block: the opening line becomes a label that carries the block's
values (`sxs-zone-start`) and the closing line an empty end mark
(`sxs-variant-end`); the script hides the label's paragraph and the siblings
up to the end mark. If a page's first zone (or moniker range) is in a list,
the selector goes under the page's title.
Runs on the whole page after lists and alerts (their output is indented as a
whole); code is left alone.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

import yaml

from ...files import bounded_yaml
from ...files.safe_paths import UnsafePathError, resolve_inside
from ...reader.frontmatter import front_matter_block
from ...reader.i18n import labels

_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})[^`]*$")  # ```` ```x``` ```` on one line is inline code
_TAB = re.compile(r"^(?P<indent>[ \t]*)(?P<hashes>#{1,6})[ \t]+(?P<anchor>(?:<a\s[^>]*>\s*</a>\s*)?)\[(?P<label>.*)\]"
                  r"\(#tab/(?P<id>[^)\s]+)\)[ \t]*#*[ \t]*$", re.I)
_HEADING = re.compile(r"^(?P<indent>[ \t]*)(?P<hashes>#{1,6})(?:[ \t]|$)")
_TAB_END = re.compile(r"^(?P<indent>[ \t]*)-{3,}[ \t]*$")
_ZONE = re.compile(r"^(?P<indent>[ \t]*):::[ \t]*zone[ \t]+(?P<attrs>[^:\n]*?)[ \t]*(?::::)?[ \t]*$", re.I)
_ZONE_END = re.compile(r"^(?P<indent>[ \t]*):::[ \t]*zone-end[ \t]*(?::::)?[ \t]*$", re.I)
# The range's quotes as machine translation leaves them too (`">=vs-2019&quot;`, a missing quote).
_MONIKER = re.compile(r"^(?P<indent>[ \t]*):::[ \t]*moniker[ \t]+range[ \t]*=[ \t]*(?:\"|'|&quot;)?"
                      r"(?P<v1>[^\"'\n]*?)(?:\"|'|&quot;)?[ \t]*(?::::)?[ \t]*$", re.I)
_MONIKER_END = re.compile(r"^(?P<indent>[ \t]*):::[ \t]*moniker-end[ \t]*(?::::)?[ \t]*$", re.I)
_PIVOT = re.compile(r"\b(?P<name>pivot|target)\s*=\s*(?:\"(?P<v1>[^\"]*)\"|'(?P<v2>[^']*)')", re.I)
MAX_PIVOT_FILE = 1_000_000


def convert_tabs(text: str) -> str:
    """Tab groups -> pymdownx.tabbed sets."""
    if "#tab/" not in text:
        return text
    return "\n".join(_tabs(text.split("\n")))


def _tabs(lines: list[str]) -> list[str]:
    out: list[str] = []
    index = 0
    fence: str | None = None
    while index < len(lines):
        line = lines[index]
        fence_match = _FENCE.match(line)
        if fence_match:
            marker = fence_match.group(1)
            fence = None if fence is not None and marker.startswith(fence) else (fence or marker)
        tab = _TAB.match(line) if fence is None and "#tab/" in line else None
        if tab is None:
            out.append(line)
            index += 1
            continue
        level = len(tab.group("hashes"))
        indent = tab.group("indent")  # a group inside a list item keeps the item's indentation
        first = True
        while tab is not None:
            body, index = _tab_body(lines, index + 1, level, len(indent))
            if out and out[-1].strip():
                out.append("")
            label = tab.group("anchor") + tab.group("label")
            condition = tab.group("id").partition("/")[2]
            if condition:  # a dependent tab (`#tab/dotnet/linux`): DocFX picks one by the other group's choice
                label += f" ({escape(condition)})"
            marker = "===!" if first else "==="
            out.append(f'{indent}{marker} "{label}"')
            out.append("")
            out.extend(f"{indent}    {b[len(indent):]}" if b.strip() else "" for b in _tabs(body))
            out.append("")
            first = False
            tab = _TAB.match(lines[index]) if index < len(lines) else None
            if tab is not None and (len(tab.group("hashes")) != level or tab.group("indent") != indent):
                tab = None
        end = _TAB_END.match(lines[index]) if index < len(lines) else None
        if end and len(end.group("indent")) <= len(indent) + 3:
            index += 1  # the `---` closing the group is not a thematic break
    return out


def _tab_body(lines: list[str], index: int, level: int, indent: int) -> tuple[list[str], int]:
    body: list[str] = []
    fence: str | None = None
    while index < len(lines):
        line = lines[index]
        lead = len(line) - len(line.lstrip(" \t"))
        if indent and line.strip() and lead < indent:
            break  # the list item holding the group ended
        fence_match = _FENCE.match(line)
        if fence_match:
            marker = fence_match.group(1)
            fence = None if fence is not None and marker.startswith(fence) else (fence or marker)
        elif fence is None:
            end = _TAB_END.match(line)
            # `---` under paragraph text is a setext heading; after a blank line or a code block it ends the group
            after_block = not body or not body[-1].strip() or bool(_FENCE.match(body[-1]))
            if end and lead <= indent + 3 and after_block:
                break
            heading = _HEADING.match(line)
            if heading and lead <= indent + 3 and len(heading.group("hashes")) <= level:
                break
        body.append(line)
        index += 1
    while body and not body[-1].strip():
        body.pop()
    return body, index


def pivot_titles(docset_root: str | Path) -> dict[str, str]:
    """Pivot id -> title, from the docset's `zone-pivot-groups.yml` (empty when it has none)."""
    try:
        path = resolve_inside(docset_root, "zone-pivot-groups.yml")  # no symlink out of the docset
        if path.stat().st_size > MAX_PIVOT_FILE:
            return {}
        data = bounded_yaml.load(path.read_text(encoding="utf-8-sig"))  # alias and size limits
    except (OSError, UnicodeDecodeError, UnsafePathError, yaml.YAMLError):
        return {}
    titles: dict[str, str] = {}
    groups = data.get("groups") if isinstance(data, dict) else None
    for group in groups if isinstance(groups, list) else []:
        pivots = group.get("pivots") if isinstance(group, dict) else None
        for pivot in pivots if isinstance(pivots, list) else []:
            if isinstance(pivot, dict) and pivot.get("id") is not None:
                titles.setdefault(str(pivot["id"]), str(pivot.get("title") or pivot["id"]))
    return titles



def convert_zones_and_monikers(text: str, locale: str | None, pivots: dict[str, str] | None = None) -> str:
    """Zones and moniker ranges -> labelled blocks with a selector above the first of each kind."""
    lowered = text.lower()
    if "zone" not in lowered and "moniker" not in lowered:
        return text
    names = labels(locale)
    pivots = pivots or {}
    lines = text.split("\n")
    zones = _collect(lines, _ZONE, lambda m: _pivot_ids(m.group("attrs")))
    versions = _versions(_collect(lines, _MONIKER, lambda m: [_range(m)]))
    if not zones and not versions:
        return text
    out: list[str] = []
    fence: str | None = None
    open_blocks: list[str | None] = []  # per open zone/moniker: None for a wrapper div, else its end-mark indent
    selectors_done: set[str] = set()
    title_at = _title_end(text, lines)   # where a selector goes when the first block sits in a list item
    title_out: int | None = None   # the same place in `out`
    for number, line in enumerate(lines):
        if number == title_at:
            title_out = len(out)
        fence_match = _FENCE.match(line)
        if fence_match:
            marker = fence_match.group(1)
            fence = None if fence is not None and marker.startswith(fence) else (fence or marker)
        if fence is not None or ":::" not in line:
            out.append(line)
            continue
        zone = _ZONE.match(line)
        moniker = None if zone else _MONIKER.match(line)
        if zone or moniker:
            match = zone or moniker
            assert match is not None
            kind = "zone" if zone else "moniker"
            values = _pivot_ids(match.group("attrs")) if zone else [_range(match)]
            indent = match.group("indent")
            if out and out[-1].strip():
                out.append("")
            if kind not in selectors_done:
                selectors_done.add(kind)
                selector = _selector(kind, zones if zone else versions, pivots, names)
                if not indent:
                    out.extend([selector, ""])
                else:   # under the title (a list item cannot hold it), else right here before the list
                    at = title_out if title_out is not None else len(out)
                    out[at:at] = ["", selector, ""]
            shown = ", ".join(pivots.get(v, v) for v in values) if zone else values[0]
            label_class = f"sxs-{kind}-label"
            data = escape(" ".join(values)) if zone else escape(values[0])
            if indent:
                out.append(f'{indent}<span class="{label_class} sxs-{kind}-start" data-sxs-{kind}="{data}">'
                           f"{_label(kind, shown, names)}</span>")
                out.append("")
                open_blocks.append(indent)
            else:
                out.append(f'<div class="sxs-{kind}" data-sxs-{kind}="{data}" markdown="1">')
                out.append(f'<p class="{label_class}">{_label(kind, shown, names)}</p>')
                out.append("")
                open_blocks.append(None)
            continue
        end = _ZONE_END.match(line) or _MONIKER_END.match(line)
        if end:
            opened = open_blocks.pop() if open_blocks else ""
            out.append("")
            if opened is None:
                out.append("</div>")
                out.append("")
            elif opened:
                out.append(f'{opened}<span class="sxs-variant-end"></span>')
                out.append("")
            continue
        out.append(line)
    while open_blocks:
        if open_blocks.pop() is None:
            out.extend(["", "</div>"])
    return "\n".join(out)


def _title_end(text: str, lines: list[str]) -> int:
    """The index of the line after the page's first `# ` title (after front matter), or where the body starts."""
    block = front_matter_block(text)
    start = text.count("\n", 0, block[1]) if block is not None else 0
    for index in range(start, len(lines)):
        if re.match(r"[ ]{0,3}#[ \t]", lines[index]):
            return index + 1
        if _FENCE.match(lines[index]):
            break
    return start


def _collect(lines: list[str], pattern: re.Pattern[str], values) -> list[str]:  # type: ignore[no-untyped-def]
    found: list[str] = []
    for line in lines:
        if ":::" in line:
            match = pattern.match(line)
            if match:
                for value in values(match):
                    if value not in found:
                        found.append(value)
    return found


def _versions(ranges: list[str]) -> list[str]:
    """The monikers named in the ranges, in version order (`vs-2017` < `vs-2019` < `vs-2022`)."""
    names = {name.lower() for value in ranges for name in re.findall(r"[A-Za-z][\w.]*(?:-[\w.]+)+", value)}

    def key(name: str) -> tuple[str, list[tuple[int, str]]]:
        prefix, _, version = name.rpartition("-")
        return prefix, [(int(p), "") if p.isdigit() else (0, p) for p in re.split(r"[.-]", version)]

    return sorted(names, key=key)


def _pivot_ids(attrs: str) -> list[str]:
    match = _PIVOT.search(attrs)
    if match is None:
        return []
    value = match.group("v1") if match.group("v1") is not None else (match.group("v2") or "")
    return [v.strip() for v in value.split(",") if v.strip()]


def _range(match: re.Match[str]) -> str:
    return " ".join((match.group("v1") or "").split())


def _label(kind: str, shown: str, names: dict[str, str]) -> str:
    if kind == "zone":
        return escape(shown)
    return f"{escape(names['version'])}: <code>{escape(shown)}</code>"


def _selector(kind: str, values: list[str], pivots: dict[str, str], names: dict[str, str]) -> str:
    """Buttons choosing one pivot (or version range) of the page; `sxs-docfx.js` makes them work."""
    title = names["pivot"] if kind == "zone" else names["version"]
    buttons = "".join(
        f'<button type="button" class="sxs-variant-choice" data-sxs-{kind}-choice="{escape(v)}">'
        f"{escape(pivots.get(v, v) if kind == 'zone' else v)}</button>"
        for v in values
    )
    return (f'<div class="sxs-variant-selector" data-sxs-selector="{kind}" role="group" '
            f'aria-label="{escape(title)}" hidden><span class="sxs-variant-title">{escape(title)}:</span> '
            f"{buttons}</div>")
