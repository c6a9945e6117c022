"""A persistent build cache: per-page results keyed by content hashes, configuration and versions."""
