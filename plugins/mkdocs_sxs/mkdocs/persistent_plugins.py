"""New plugin instances for the next `load_config`, where MkDocs would hand back the ones it keeps.

MkDocs' `plugins` option keeps one instance of each plugin that has
`on_startup` (Material's search and ours among them) for the whole process,
so that `mkdocs serve` reuses them between rebuilds. A build that must not
share them (review mode's settling build beside the served one; each test,
like each CLI run) forgets them first. ProperDocs has its own copy of the
option.
"""

from __future__ import annotations

import importlib


def forget_persistent_plugins() -> None:
    """Empty the kept-instance cache of MkDocs' (and ProperDocs') `plugins` option."""
    for module in ("mkdocs.config.defaults", "properdocs.config.defaults"):
        try:
            defaults = importlib.import_module(module)
        except ImportError:
            continue
        for name, option in getattr(getattr(defaults, "MkDocsConfig", None), "_schema", ()):
            if name == "plugins":
                getattr(option, "plugin_cache", {}).clear()
