"""DocFX cross-references: the docset's uids, the xref syntaxes, and one resolver for build and check."""

from .maps import XrefMaps, load_xref_maps
from .resolve import XrefResolution, XrefResolver, docset_resolver
from .syntax import XrefUse, find_xrefs, parse_xref
from .uids import UidMap

__all__ = ["UidMap", "XrefMaps", "XrefResolution", "XrefResolver", "XrefUse", "docset_resolver", "find_xrefs",
           "load_xref_maps", "parse_xref"]
