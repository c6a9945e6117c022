"""The engine-independent core of mkdocs-sxs: no MkDocs import below here."""
