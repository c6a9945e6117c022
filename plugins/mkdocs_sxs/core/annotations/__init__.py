"""Guideline annotations ("Applies to", "Appropriate roles").

Found in a page's lead (`find`), indexed across the docset (`index`),
rendered as chips (`render`) and browse pages (`pages`), checked (`qa`).
"""
