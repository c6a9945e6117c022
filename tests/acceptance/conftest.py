"""Sites built once per test session from the real corpus, for every acceptance test.

`built_partner_center` and `built_dynamics` run `mkdocs build` (Material,
the `search` and `sxs` plugins) on a corpus docset in a subprocess and return
a `BuiltSite`: unpack it as `site_dir, docs_dir = built_partner_center`, or
read `.site_dir`, `.docs_dir`, `.stderr`, `.cpu_seconds`, `.wall_seconds`.
The DocFX adapter and DocFX Markdown are off (`docfx: false`,
`docfx_markdown: false`): these sites are the docsets as
plain MkDocs docs_dirs, one page per Markdown file, so that each built page
can be compared with its own file (with DocFX on, `[!INCLUDE]` pulls other
files' units into a page). The Dynamics 365 docset (2,781 pages) is the expensive one: it is built at
most once per session, with `navigation.prune` so that each page carries only
its part of the nav.
"""

from __future__ import annotations

import importlib.util
import os
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
_ROOT_CONFTEST = ROOT / "tests" / "conftest.py"


def _root_conftest() -> ModuleType:
    module = sys.modules.get("conftest")
    if module is not None and Path(getattr(module, "__file__", "")).resolve() == _ROOT_CONFTEST:
        return module
    spec = importlib.util.spec_from_file_location("_sxs_tests_conftest", _ROOT_CONFTEST)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


# Test modules here write `from conftest import …`, and this file shadows
# tests/conftest.py under that name: re-export its helpers (not its fixtures).
for _name, _value in vars(_root_conftest()).items():
    if _name.startswith("_") or _name in globals() or isinstance(_value, ModuleType):
        continue
    if hasattr(_value, "_pytestfixturefunction") or type(_value).__name__ == "FixtureFunctionDefinition":
        continue
    globals()[_name] = _value

CONFIG = """\
site_name: {site_name}
docs_dir: {docs_dir}
site_dir: {site_dir}
theme:
  name: material
  features:
    - navigation.prune
plugins:
  - search
  - sxs:
      docfx: false
      docfx_markdown: false
{sxs_options}markdown_extensions:
  - toc:
      permalink: true
  - admonition
  - attr_list
"""


@dataclass(frozen=True)
class BuiltSite:
    site_dir: Path
    docs_dir: Path
    config: Path
    stderr: str
    cpu_seconds: float
    wall_seconds: float

    def __iter__(self) -> Iterator[Path]:
        return iter((self.site_dir, self.docs_dir))

    def html_path(self, page: Path) -> Path:
        """The built file of a Markdown page (use_directory_urls)."""
        relative = page.relative_to(self.docs_dir).with_suffix("")
        if relative.name in ("index", "README"):
            return self.site_dir / relative.parent / "index.html"
        return self.site_dir / relative / "index.html"


BUILD_TIMES: dict[str, BuiltSite] = {}


def build_site(name: str, docs_dir: Path, workdir: Path, sxs_options: str = "") -> BuiltSite:
    """`sxs_options`: more lines of the sxs plugin's config (6-space indented)."""
    config = workdir / "mkdocs.yml"
    site_dir = workdir / "site"
    config.write_text(CONFIG.format(site_name=name, docs_dir=docs_dir, site_dir=site_dir, sxs_options=sxs_options),
                      encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "plugins"), env.get("PYTHONPATH")]))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config)],
        capture_output=True,
        text=True,
        env=env,
        timeout=1800,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert result.returncode == 0, f"mkdocs build of {name} failed:\n{result.stderr[-5000:]}"
    built = BuiltSite(site_dir, docs_dir, config, result.stderr, cpu, wall)
    BUILD_TIMES[name] = built
    return built


@pytest.fixture(scope="session")
def built_partner_center(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """`corpus` (tests/conftest.py) is `require_corpus()`: never a silent skip under CI."""
    docs = corpus / "partner-center.cs-CZ" / "partner-center"
    return build_site("partner-center", docs, tmp_path_factory.mktemp("partner-center"))


@pytest.fixture(scope="session")
def built_dynamics(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    docs = corpus / "dynamics-365-operations.cs-CZ" / "articles"
    return build_site("dynamics-365", docs, tmp_path_factory.mktemp("dynamics-365"))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for name, built in BUILD_TIMES.items():
        terminalreporter.write_line(
            f"sxs acceptance build {name}: {built.cpu_seconds:.1f} s cpu, {built.wall_seconds:.1f} s wall"
        )
