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
