"""The plugin's logger, under the running engine's plugin logger.

MkDocs counts warnings for `--strict` (and prints them) on the `mkdocs`
logger, ProperDocs on `properdocs`. ProperDocs runs MkDocs plugins by
aliasing every `mkdocs.*` import to `properdocs.*`, so the name of the
imported `mkdocs.plugins` module tells which engine loaded us:
`mkdocs.plugins.sxs` under MkDocs, `properdocs.plugins.sxs` under ProperDocs.
Messages keep their text (no prefix), only the logger changes.
"""

from __future__ import annotations

import logging

from mkdocs import plugins as _engine_plugins

ENGINE = _engine_plugins.__name__.split(".", 1)[0]  # "mkdocs" or "properdocs"
LOGGER_NAME = f"{_engine_plugins.__name__}.sxs"
log = logging.getLogger(LOGGER_NAME)
