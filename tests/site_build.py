"""Build a site in a separate process and compare built sites byte by byte."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from support import ENGINE

ROOT = Path(__file__).resolve().parents[1]


def build(config: Path, site_dir: Path, *, hash_seed: str, extra_env: dict[str, str] | None = None) -> None:
    """`mkdocs build` in a fresh interpreter (its own PYTHONHASHSEED, so set order can differ)."""
    env = dict(os.environ, PYTHONHASHSEED=hash_seed, NO_MKDOCS_2_WARNING="1",
               PYTHONPATH=os.pathsep.join([str(ROOT / "plugins"), os.environ.get("PYTHONPATH", "")]))
    env.pop("SOURCE_DATE_EPOCH", None)
    env.update(extra_env or {})
    result = subprocess.run([sys.executable, "-m", ENGINE, "build", "-q", "-f", str(config), "-d", str(site_dir)],
                            env=env, capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stderr[-3000:]


def tree(site: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file of a built site."""
    return {
        str(path.relative_to(site)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*")) if path.is_file()
    }


def differences(first: Path, second: Path) -> list[str]:
    a, b = tree(first), tree(second)
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))
