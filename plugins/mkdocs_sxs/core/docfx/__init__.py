"""DocFX docsets as they are: configuration, TOCs, YAML pages and redirects, as plain data."""
