"""Reading and writing repository files.

Decoding with clear errors (`docfile`), atomic writes (`atomicio`), offsets
to lines (`lines`), folder options relative to the config (`config_paths`).
"""
