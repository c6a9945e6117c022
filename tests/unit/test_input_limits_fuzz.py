"""Fuzz tests (hypothesis) for the bounded YAML loader and the safe path resolver (issue 17).

Deterministic in CI (`derandomize=True`); SXS_FUZZ_EXAMPLES=N for a longer random run.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs_sxs.core.files import bounded_yaml
from mkdocs_sxs.core.files.safe_paths import UnsafePathError, is_inside, resolve_inside

FUZZ_EXAMPLES = int(os.environ.get("SXS_FUZZ_EXAMPLES", "0"))
FUZZ = settings(max_examples=FUZZ_EXAMPLES or 300, derandomize=not FUZZ_EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
LIMITS = bounded_yaml.YamlLimits(max_aliases=50, max_nodes=5_000, max_bytes=100_000)


# -- YAML: documents built from anchors, aliases, nesting and junk --------------------------------------

_NAMES = st.sampled_from(["a", "b", "c", "d"])
_SCALARS = st.one_of(st.sampled_from(["x", "1", "true", "~", "'q'", '"d"', "<img src=x>", ""]),
                     st.text(alphabet="ab:-[]{}&*!|>'\"#% \n", max_size=8))


@st.composite
def _yaml_documents(draw) -> str:
    """Lines of YAML with anchors and aliases that may refer to anything, including themselves."""
    lines = []
    for index in range(draw(st.integers(1, 12))):
        anchor = f"&{draw(_NAMES)} " if draw(st.booleans()) else ""
        items = draw(st.lists(st.one_of(_SCALARS, _NAMES.map(lambda n: "*" + n)), max_size=12))
        if draw(st.booleans()):
            value = "[" + ", ".join(items) + "]"
        else:
            value = items[0] if items else ""
        indent = "  " * draw(st.integers(0, 2))
        lines.append(f"{indent}k{index}: {anchor}{value}")
    return "\n".join(lines) + "\n"


def _expanded_size(value, depth: int = 0) -> int:
    if isinstance(value, dict):
        return 1 + sum(_expanded_size(k, depth + 1) + _expanded_size(v, depth + 1) for k, v in value.items())
    if isinstance(value, list):
        return 1 + sum(_expanded_size(v, depth + 1) for v in value)
    return 1


@FUZZ
@given(_yaml_documents())
def test_bounded_loader_either_loads_a_small_value_or_says_why(text: str) -> None:
    started = time.monotonic()
    try:
        value = bounded_yaml.load(text, LIMITS)
    except bounded_yaml.YamlLimitError as error:
        assert error.problem and error.problem_mark is not None
        assert str(error)  # a printable message with the line
    except yaml.YAMLError:
        pass  # invalid YAML: the callers' existing "not valid YAML" message
    else:
        # what it returns can be walked, printed and serialized without blowing up
        assert _expanded_size(value) <= LIMITS.max_nodes
        str(value)
    assert time.monotonic() - started < 2


@FUZZ
@given(st.integers(2, 30), st.integers(2, 12))
def test_any_alias_bomb_is_refused(levels: int, fan: int) -> None:
    lines = ["l0: &l0 [x]"]
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * fan)}]")
    text = "\n".join(lines) + "\n"
    sizes = [2]  # l0: the list and its scalar
    for _ in range(1, levels):
        sizes.append(1 + fan * sizes[-1])
    document = 1 + sum(1 + size for size in sizes)  # the mapping, each key and value
    if document <= LIMITS.max_nodes and (levels - 1) * fan <= LIMITS.max_aliases:
        assert len(bounded_yaml.load(text, LIMITS)) == levels
    else:
        with pytest.raises(bounded_yaml.YamlLimitError):
            bounded_yaml.load(text, LIMITS)


def test_deep_nesting_is_a_limit_error_not_a_recursion_error() -> None:
    with pytest.raises(yaml.YAMLError):
        bounded_yaml.load("[" * 20_000 + "]" * 20_000)


# -- Paths: random relative paths, `..`, absolute paths, symlinks in and out, other letter cases -------

_PARTS = st.sampled_from(["a", "A", "b", "..", ".", "in", "IN", "out", "x.md", "X.MD", "", "~", "C:", "\\..",
                          "link-in", "LINK-OUT", "link-out", "\x00"])


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("paths")
    root = base / "root"
    (root / "a" / "b").mkdir(parents=True)
    (root / "in").mkdir()
    (root / "x.md").write_text("x", encoding="utf-8")
    (root / "a" / "x.md").write_text("x", encoding="utf-8")
    (base / "outside").mkdir()
    (base / "outside" / "secret.md").write_text("secret", encoding="utf-8")
    (root / "link-in").symlink_to(root / "a")
    (root / "link-out").symlink_to(base / "outside")
    (root / "a" / "link-out").symlink_to(base / "outside" / "secret.md")
    return root


@FUZZ
@given(parts=st.lists(_PARTS, min_size=1, max_size=6), lead=st.sampled_from(["", "/", "\\", "~/"]),
       case_insensitive=st.booleans())
def test_resolved_paths_never_leave_the_root(tree: Path, parts: list[str], lead: str,
                                             case_insensitive: bool) -> None:
    path = lead + "/".join(parts)
    try:
        resolved = resolve_inside(tree, path, case_insensitive=case_insensitive)
    except UnsafePathError as error:
        assert str(error)
        return
    assert is_inside(resolved, tree)
    assert os.path.realpath(resolved).startswith(os.path.realpath(tree))


def test_symlinks_inside_are_followed_and_out_refused_in_any_case(tree: Path) -> None:
    assert resolve_inside(tree, "link-in/x.md").read_text(encoding="utf-8") == "x"
    for path in ("link-out/secret.md", "LINK-OUT/secret.md", "a/link-out", "A/LINK-OUT"):
        with pytest.raises(UnsafePathError):
            resolve_inside(tree, path, case_insensitive=True)
    assert resolve_inside(tree, "A/X.MD", case_insensitive=True).read_text(encoding="utf-8") == "x"
    assert resolve_inside(tree, "a/../x.md").name == "x.md"
    with pytest.raises(UnsafePathError):
        resolve_inside(tree, "a/../../root/x.md")
