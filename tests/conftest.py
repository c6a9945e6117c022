"""Shared fixtures: the project root, the shared corpus, small page builders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mkdocs_sxs.mkdocs.persistent_plugins import forget_persistent_plugins

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = Path(os.environ.get("SXS_CORPUS", ROOT.parent / "shared" / "corpus")).resolve()
PARTNER_CENTER = CORPUS / "partner-center.cs-CZ"
DYNAMICS = CORPUS / "dynamics-365-operations.cs-CZ"


@pytest.fixture(autouse=True)
def fresh_persistent_plugins():
    """Each test starts with new instances of the plugins MkDocs keeps for the whole process.

    MkDocs' `plugins` option caches every plugin that has `on_startup` (Material's search among them)
    across `load_config` calls, since `serve` reuses them between rebuilds. In one pytest process that
    cache outlived its test: a test that started Material's search as `--dirty` left it merging the
    previous build's index into every later in-process build on that xdist worker. A CLI run is one
    process per build; so is each test now.
    """
    yield
    forget_persistent_plugins()


@pytest.fixture(scope="session")
def edited_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/edited_docset.py's docset with its catalogs, written once; tests copy it before editing it."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from edited_docset import write_docset

    root = tmp_path_factory.mktemp("edited-base")
    write_docset(root)
    return root


def require_corpus() -> Path:
    """The shared corpus; acceptance tests must not skip silently in CI."""
    if not CORPUS.is_dir():
        message = f"shared corpus not found at {CORPUS}"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI=true: acceptance tests must run)")
        pytest.skip(message)
    return CORPUS


@pytest.fixture(scope="session")
def corpus() -> Path:
    return require_corpus()


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site of tests/hostile_site.py (script in TUs and front matter), built once."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from hostile_site import build_site

    return build_site(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="session")
def zensical_partner_center(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Partner Center as a Zensical project (`mkdocs-sxs init --engine zensical`), built once; returns the site."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from support import build_zensical_project

    project = tmp_path_factory.mktemp("zensical-partner-center") / "project"
    return build_zensical_project(corpus / "partner-center.cs-CZ" / "partner-center", project,
                                  "--translations", str(project.parent / "no-translations"))
