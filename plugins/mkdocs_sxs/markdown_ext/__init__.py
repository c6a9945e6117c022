"""The `sxs` Python-Markdown extension: what any Python-Markdown engine runs (MkDocs, ProperDocs, Zensical).

`mkdocs_sxs.markdown_ext` is the name users write under `markdown_extensions:`
and the `markdown.extensions` entry point's target, so it stays importable
here: the extension itself is in `extension.py`, the inline-pattern speed-up
in `inline.py`.
"""

from .extension import SxsExtension, makeExtension

__all__ = ["SxsExtension", "makeExtension"]
