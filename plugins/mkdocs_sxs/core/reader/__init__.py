"""The sxs page: read (parser, blocks, front matter), model, render, sanitize, page chrome, labels."""
