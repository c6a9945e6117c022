"""The package's layers: the core imports no engine, and nothing imports upward.

Reads every module's imports with `ast` (absolute and relative, at any
depth in the file, so a lazy import inside a function counts too) and checks
them against the layout the README's Layout table describes.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "plugins" / "mkdocs_sxs"

# Site engines and what only an engine brings: the core must work without any of them.
ENGINES = {"mkdocs", "material", "properdocs", "zensical", "markdown", "pymdownx", "jinja2", "mkdocs_material"}

# Which parts of the package each layer may import (besides itself and the package's __version__).
ALLOWED_INTERNAL = {
    "core": {"core"},
    "markdown_ext": {"core", "markdown_ext"},
    "cli": {"core", "cli", "zensical", "review"},
    "mkdocs": {"core", "markdown_ext", "mkdocs"},
    "zensical": {"core", "zensical"},  # writes a Zensical project; Zensical itself is never imported
    # the review server: an adapter over MkDocs (it builds and rebuilds pages) and the core
    "review": {"core", "markdown_ext", "mkdocs", "review"},
}
# Which third-party engines each layer may import.
ALLOWED_ENGINES = {
    "core": set(),
    "markdown_ext": {"markdown"},
    "cli": set(),
    "mkdocs": ENGINES,
    "zensical": set(),
    "review": ENGINES,
}


def _module_name(path: Path) -> list[str]:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, absolute dotted module) for every import in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = _module_name(path)
    if path.name != "__init__.py":
        package = package[:-1]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                found.append((node.lineno, node.module or ""))
                continue
            base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
            target = ["mkdocs_sxs", *base, *(node.module.split(".") if node.module else [])]
            found.append((node.lineno, ".".join(target)))
    return found


def _layer(path: Path) -> str | None:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if parts[0] in ALLOWED_INTERNAL else None


LAYERED = sorted(p for p in PACKAGE.rglob("*.py") if _layer(p))


def test_every_layer_has_modules() -> None:
    """A renamed folder must not make this test vacuous."""
    layers = {_layer(p) for p in LAYERED}
    assert layers == set(ALLOWED_INTERNAL)
    assert len([p for p in LAYERED if _layer(p) == "core"]) > 30


@pytest.mark.parametrize("path", LAYERED, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_respect_the_layers(path: Path) -> None:
    layer = _layer(path)
    assert layer is not None
    wrong = []
    for line, module in imports_of(path):
        top = module.split(".")[0]
        if top == "mkdocs_sxs":
            parts = module.split(".")
            if len(parts) == 1:
                continue  # `from mkdocs_sxs import __version__`
            if parts[1] not in ALLOWED_INTERNAL[layer]:
                wrong.append(f"{line}: {module} (the {layer} layer must not import {parts[1]})")
        elif top in ENGINES and top not in ALLOWED_ENGINES[layer]:
            wrong.append(f"{line}: {module} (engine import in {layer})")
    assert not wrong, f"{path.relative_to(PACKAGE)}:\n" + "\n".join(wrong)


def test_the_checker_sees_relative_and_lazy_imports(tmp_path: Path) -> None:
    """The import reader resolves relative imports and finds imports inside functions."""
    probe = PACKAGE / "core" / "reader" / "parser.py"
    found = {module for _, module in imports_of(probe)}
    assert "mkdocs_sxs.core.reader.model" in found
    assert "mkdocs_sxs.core.files.docfile" in found
    sarif = PACKAGE / "core" / "linkcheck" / "reports" / "sarif.py"
    assert "mkdocs_sxs" in {module for _, module in imports_of(sarif)}  # `from .... import __version__` in a function
