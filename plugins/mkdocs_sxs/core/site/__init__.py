"""The site-level work on a DocFX docset, engine-free: (docset, settings) → the files of a site.

What an engine with a plugin API (MkDocs, ProperDocs) does in build events and an
engine without one (Zensical) needs done beforehand: page URLs, the navigation the
TOC files describe, the options of the DocFX Markdown transform, redirect pages,
and (`project.py`) every file of a buildable docs folder.
"""
