"""Translation units as catalogs: extract, formats, post-edits, apply, QA and the reports on them."""
