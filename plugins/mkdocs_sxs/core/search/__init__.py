"""The search index: pages split into Material's search sections, accent-folded terms."""
