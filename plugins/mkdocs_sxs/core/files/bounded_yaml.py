"""The one YAML loader for repository YAML: front matter, TOC, Landing/FAQ pages.

Repository YAML is untrusted. PyYAML's safe loader builds no objects, but
aliases let a few hundred bytes stand for billions of nodes ("billion
laughs"), and a recursive alias (`&a [*a]`) builds a value that contains
itself; every consumer that walks such a value (str(), json, a template)
then runs out of memory or recursion. This loader composes the node graph
(C loader when available: cheap, aliases stay shared), then checks it
before anything is built or walked:

- `max_aliases`: alias uses (`*name`) in one document;
- `max_nodes`: nodes the document would have with every alias expanded;
- `max_bytes`: the YAML text's size;
- `max_depth`: nesting of lists and mappings;
- a recursive alias is refused;
- nesting deeper than the parser can take is refused (no RecursionError).

A refusal is a `YamlLimitError`, a `yaml.MarkedYAMLError` with the line of
the offending alias, so every caller's existing "not valid YAML" handling
reports it as `file:line` with the limit and how to raise it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

try:  # The C loader is several times faster on 3,000-page docsets.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader


@dataclass(frozen=True)
class YamlLimits:
    """Limits for one YAML document; raise them with the plugin option `yaml_limits` or `--yaml-max-*`."""

    max_aliases: int = 1_000
    max_nodes: int = 1_000_000
    max_bytes: int = 20 * 1024 * 1024
    # Nesting of lists and mappings; deeper values would overflow the recursion of whoever walks them.
    max_depth: int = 100


DEFAULT_LIMITS = YamlLimits()
_limits = DEFAULT_LIMITS


def set_default_limits(limits: YamlLimits) -> None:
    """Set the limits used when a caller passes none (the plugin and the CLI set them once per run)."""
    global _limits
    _limits = limits


def default_limits() -> YamlLimits:
    return _limits


class YamlLimitError(yaml.MarkedYAMLError):
    """A YAML document refused by a limit; `problem` says which, `problem_mark` where."""

    def __init__(self, problem: str, mark: yaml.Mark | None) -> None:
        super().__init__(problem=problem, problem_mark=mark)


def _mark(line: int = 0) -> yaml.Mark:
    return yaml.Mark("<yaml>", 0, line, 0, None, None)


def check_node(node: yaml.Node | None, limits: YamlLimits | None = None) -> None:
    """Raise YamlLimitError if the composed graph has too many aliases, nodes, or a cycle."""
    if node is None:
        return
    limits = limits or _limits
    sizes: dict[int, int] = {}  # id(node) -> expanded size, for nodes already done
    on_path: set[int] = set()
    aliases = 0
    # Iterative post-order walk: no recursion however deep the document.
    stack: list[tuple[yaml.Node, bool, int]] = [(node, False, 1)]
    while stack:
        current, done, depth = stack.pop()
        key = id(current)
        if done:
            on_path.discard(key)
            total = 1
            for child in _children(current):
                total += sizes[id(child)]
            if total > limits.max_nodes:
                raise YamlLimitError(
                    f"expands to more than {limits.max_nodes:,} values through aliases (limit max_nodes); "
                    "write the values out, or raise the limit", current.start_mark)
            sizes[key] = total
            continue
        if key in sizes:
            aliases += 1
            if aliases > limits.max_aliases:
                raise YamlLimitError(
                    f"uses more than {limits.max_aliases:,} aliases (limit max_aliases); "
                    "write the values out, or raise the limit", current.start_mark)
            continue
        if key in on_path:
            raise YamlLimitError("recursive alias: a value contains itself; remove the alias", current.start_mark)
        if depth > limits.max_depth:
            raise YamlLimitError(f"nests lists and mappings deeper than {limits.max_depth} levels (limit "
                                 "max_depth); flatten it", current.start_mark)
        on_path.add(key)
        stack.append((current, True, depth))
        for child in _children(current):
            child_key = id(child)
            if child_key in on_path:
                raise YamlLimitError("recursive alias: a value contains itself; remove the alias",
                                     current.start_mark)
            stack.append((child, False, depth + 1))


def value_size(value: Any, limit: int) -> int | None:
    """Values in `value` with shared parts counted each time (as a walker meets them), or None if over `limit`.

    For data another YAML loader already built (MkDocs reads front matter
    itself): an alias bomb is cheap to hold but not to walk. A value that
    contains itself is over any limit.
    """
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[Any, bool]] = [(value, False)]
    while stack:
        current, done = stack.pop()
        children = (list(current.keys()) + list(current.values()) if isinstance(current, dict)
                    else current if isinstance(current, list | tuple) else None)
        if children is None:
            continue
        key = id(current)
        if done:
            on_path.discard(key)
            total = 1 + sum(sizes.get(id(child), 1) for child in children)
            if total > limit:
                return None
            sizes[key] = total
            continue
        if key in sizes:
            continue
        if key in on_path:
            return None
        on_path.add(key)
        stack.append((current, True))
        for child in children:
            if id(child) in on_path:
                return None
            stack.append((child, False))
    return sizes.get(id(value), 1)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [item for pair in node.value for item in pair]
    return []


def _check_size(text: str, limits: YamlLimits) -> None:
    if len(text) > limits.max_bytes:
        raise YamlLimitError(f"is larger than {limits.max_bytes:,} bytes (limit max_bytes); split it, or raise "
                             "the limit", _mark())


def _checked_node(loader: Any, text: str, limits: YamlLimits) -> yaml.Node | None:
    """The loader's one document node, its size, depth and aliases checked before anything builds it."""
    _check_size(text, limits)
    try:
        node = loader.get_single_node()
    except (RecursionError, MemoryError):
        raise YamlLimitError("nests too deeply to read; flatten it", _mark()) from None
    check_node(node, limits)
    return node


def compose(text: str, limits: YamlLimits | None = None) -> yaml.Node | None:
    """The checked node graph of one YAML document (for readers that need line numbers)."""
    loader = _Loader(text)
    try:
        return _checked_node(loader, text, limits or _limits)
    finally:
        loader.dispose()


def load(text: str, limits: YamlLimits | None = None, loader_class: type | None = None) -> Any:
    """The value of one YAML document, safe types only, after the limits are checked.

    `loader_class`: a SafeLoader subclass (mkdocs.yml readers that ignore `!ENV` tags).
    """
    loader = (loader_class or _Loader)(text)
    try:
        node = _checked_node(loader, text, limits or _limits)
        if node is None:
            return None
        try:
            return loader.construct_document(node)
        except (RecursionError, MemoryError):
            raise YamlLimitError("nests too deeply to read; flatten it", node.start_mark) from None
    finally:
        loader.dispose()
