"""`build_cache` left unset is on for `mkdocs serve` and review mode, off for `mkdocs build`; the plugin
instance MkDocs keeps across serve's rebuilds (it has `on_startup`) starts every build afresh."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
from edited_docset import CONFIG, edit_sentence, site_files, write_config
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs_sxs.mkdocs.persistent_plugins import forget_persistent_plugins


def configured(root: Path, **options: object) -> Path:
    config = copy.deepcopy(CONFIG)
    sxs = config["plugins"][1]["sxs"]
    sxs.pop("build_cache")
    sxs.update({key: value for key, value in options.items() if value is not None})
    write_config(root, config)
    return root / "mkdocs.yml"


def built(config: Path, site: Path, command: str | None):
    loaded = load_config(str(config), site_dir=str(site))
    if command is not None:
        loaded.plugins.on_startup(command=command, dirty=False)
    build(loaded)
    return loaded.plugins["sxs"]


@pytest.mark.parametrize(("command", "option", "cached"), [
    ("serve", None, True), ("build", None, False), (None, None, False),  # no on_startup: a plain build() call
    ("serve", False, False), ("build", True, True)])
def test_the_cache_is_on_when_serving_unless_set(edited_base, tmp_path, command, option, cached):
    root = tmp_path / "project"
    shutil.copytree(edited_base, root)
    built(configured(root, build_cache=option), root / "site", command)
    assert (root / ".cache" / "mkdocs-sxs").is_dir() is cached


def test_the_instance_serve_keeps_starts_each_build_afresh(edited_base, tmp_path):
    """One plugin instance, a rebuild after the page and mkdocs.yml changed: the same site as a new instance's."""
    root = tmp_path / "project"
    shutil.copytree(edited_base, root)
    first = built(configured(root), root / "site", "serve")
    edit_sentence(root, "Upravená věta.")
    config = configured(root, annotations=False, link_check=False)
    again = built(config, root / "site", "serve")
    assert again is first  # MkDocs kept it, as serve does
    forget_persistent_plugins()
    fresh = built(config, root / "site-fresh", "serve")
    assert fresh is not first
    rebuilt, clean = site_files(root / "site"), site_files(root / "site-fresh")
    assert sorted(rebuilt) == sorted(clean)
    assert [name for name in clean if rebuilt[name] != clean[name]] == []
    assert "Upravená věta." in rebuilt["a/index.html"].decode("utf-8")
