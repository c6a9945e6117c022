"""The MkDocs (and ProperDocs) adapter: the `sxs` plugin, its options, and each feature's build hooks."""
