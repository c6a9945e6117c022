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
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from support import mkdocs_build_command, mkdocs_config, timed_run

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

# The corpus docsets as plain MkDocs docs_dirs (no DocFX adapter, no DocFX Markdown).
SXS_OPTIONS = {"docfx": "false", "docfx_markdown": "false"}


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


def build_site(name: str, docs_dir: Path, workdir: Path, sxs_options: Mapping[str, str] | None = None) -> BuiltSite:
    """`sxs_options`: more options of the sxs plugin, as YAML scalars (`{"search_fast_index": "false"}`)."""
    config = workdir / "mkdocs.yml"
    site_dir = workdir / "site"
    options = {**SXS_OPTIONS, **(sxs_options or {})}
    config.write_text(mkdocs_config(name, docs_dir, site_dir, sxs=options), encoding="utf-8")
    run = timed_run(mkdocs_build_command(config), capture_output=True, timeout=1800)
    assert run.result.returncode == 0, f"mkdocs build of {name} failed:\n{run.result.stderr[-5000:]}"
    built = BuiltSite(site_dir, docs_dir, config, run.result.stderr, run.cpu_seconds, run.wall_seconds)
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
