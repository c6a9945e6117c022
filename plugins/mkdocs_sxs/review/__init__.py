"""Review mode: the site served on 127.0.0.1 with an editor for every translation unit (`mkdocs-sxs review`)."""
