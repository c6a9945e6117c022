"""mkdocs-sxs: side-by-side machine-translated docsets as clean localized sites."""

__version__ = "0.1.0"
