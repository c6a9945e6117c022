"""The Zensical adapter: a Zensical project (zensical.toml + docs/) written from a docset by the core."""
