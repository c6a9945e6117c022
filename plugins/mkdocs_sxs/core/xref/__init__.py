"""DocFX cross-references: the docset's uids, the xref syntaxes, and one resolver for build and check."""

from .resolve import XrefResolution, XrefResolver
from .syntax import XrefUse, find_xrefs, parse_xref
from .uids import UidMap

__all__ = ["UidMap", "XrefResolution", "XrefResolver", "XrefUse", "find_xrefs", "parse_xref"]
