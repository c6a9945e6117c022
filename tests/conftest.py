"""Shared fixtures: the project root, the shared corpus, small page builders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = Path(os.environ.get("SXS_CORPUS", ROOT.parent / "shared" / "corpus")).resolve()
PARTNER_CENTER = CORPUS / "partner-center.cs-CZ"
DYNAMICS = CORPUS / "dynamics-365-operations.cs-CZ"


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
