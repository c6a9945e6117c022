"""MkDocs' writes checked against the previous build's output (core/files/kept_site.py).

MkDocs writes every page with `utils.write_file` and copies every media and
theme file with `utils.copy_file`, looked up on its `utils` module at each
call. For one build, both are wrapped: a file whose old copy holds the same
bytes is not written again; anything else is written as MkDocs would, after
an old file or folder in its way is removed.

Only with writers known to write their files afresh: MkDocs itself, this
plugin, and the search plugins (MkDocs' and Material's), which write their
index with `open(…, "w")`. A plugin or hook we do not know might skip a
file that exists, which the sweep would then delete: with one, site_dir is
emptied as before (`background.BackgroundClean`).

Under `mkdocs serve` with the page-first step (`serve_first.py`) the old
tree stays where it is (`KeptSite.start(in_place=True)`) because the server
answers requests while the build runs: MkDocs' clean of `site_dir` is
skipped for that build (`skip_clean`), and each file is written whole
(`atomic`: into a temporary file beside it, then renamed over it).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import mkdocs.commands.build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig

from ..core.files.atomicio import replaced
from ..core.files.kept_site import KeptSite

# The modules of the plugins whose writes are known: each writes its files afresh, skipping none.
KNOWN_WRITERS = frozenset({"mkdocs.contrib.search", "properdocs.contrib.search", "material.plugins.search.plugin"})


def keep_possible(config: MkDocsConfig, plugin: Any) -> bool:
    """Whether every plugin (and hook) of the build is one whose writes are known."""
    return all(item is plugin or type(item).__module__ in KNOWN_WRITERS for item in config.plugins.values())


class KeptOutput:
    """`utils.write_file` and `utils.copy_file` of the engine's build, checked against `kept` while installed."""

    def __init__(self, kept: KeptSite, atomic: bool = False) -> None:
        self.kept = kept
        self.atomic = atomic  # files replaced in one step: the folder is served while the build writes
        self._utils: Any = None
        self._originals: tuple[Callable[..., Any], Callable[..., Any]] | None = None

    @staticmethod
    def skip_clean(folder: str) -> Callable[[], None]:
        """Until the returned function is called, MkDocs' `utils.clean_directory` leaves `folder` as it is (the
        old tree kept in place, swept at the build's end); other folders are cleaned as before."""
        utils = mkdocs_build.utils
        clean = utils.clean_directory
        target = os.path.abspath(folder)

        def clean_directory(directory: str) -> None:
            if os.path.abspath(directory) != target:
                clean(directory)

        utils.clean_directory = clean_directory

        def undo() -> None:
            if utils.clean_directory is clean_directory:
                utils.clean_directory = clean

        return undo

    def install(self) -> None:
        utils = mkdocs_build.utils  # the module the build and `File.copy_file` call through
        write, copy = utils.write_file, utils.copy_file
        kept = self.kept
        if self.atomic:
            write = _write_whole

        def write_file(content: bytes, output_path: str) -> None:
            if kept.same(output_path, content):
                return
            kept.clear_way(output_path)
            write(content, output_path)
            kept.wrote(output_path, content)

        def copy_file(source_path: str, output_path: str) -> None:
            if kept.same_copy(source_path, output_path):
                return
            kept.clear_way(output_path)  # an old folder there goes, unless this build wrote into it
            if os.path.isdir(output_path):  # MkDocs' copy_file copies into a folder it is given
                output_path = os.path.join(output_path, os.path.basename(source_path))
            copy(source_path, output_path)
            kept.wrote(output_path)

        self._utils, self._originals = utils, (write, copy)
        utils.write_file, utils.copy_file = write_file, copy_file

    def remove(self) -> None:
        if self._originals is not None:
            self._utils.write_file, self._utils.copy_file = self._originals
            self._originals = None


def _write_whole(content: bytes, output_path: str) -> None:
    """MkDocs' `write_file`, replacing the file in one step (a reader sees the old bytes or the new ones)."""
    with replaced(output_path) as stream:
        stream.write(content)
