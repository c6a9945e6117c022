"""The one URL policy for every link the site emits.

Unit text, TOC `href`s, Landing page `url`s, redirect `redirect_url`s and
YAML page links all come from the repository, which is untrusted. Every
emitter asks `is_safe_url` (or `safe_href`) before writing a URL into a
page: http, https, mailto, tel and scheme-less (relative, fragment) URLs
are kept; `data:` only for raster images in `<img src>` (png, gif, jpeg,
webp, avif, bmp), which cannot run script. Every other scheme
(`javascript:`, `vbscript:`, `data:text/html`, `file:` …) is unsafe. The
scheme is read after decoding entities and removing whitespace and control
characters, as browsers do (`jav&#x09;ascript:`, `JaVaScRiPt:`).
"""

from __future__ import annotations

import re
from html import unescape

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_IMAGE_DATA = re.compile(r"data:image/(?:png|gif|jpe?g|webp|avif|bmp)[;,]", re.I)
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]+")


def is_safe_url(value: str, *, image: bool = False) -> bool:
    """Whether a URL, as a browser would read it, has a scheme we allow."""
    url = _INVISIBLE.sub("", unescape(value))
    match = _SCHEME.match(url)
    if match is None:
        return True
    scheme = match.group(1).lower()
    if scheme in SAFE_SCHEMES:
        return True
    return image and bool(_IMAGE_DATA.match(url))


def safe_href(value: str, *, image: bool = False) -> str | None:
    """`value` when it may be emitted as a link, None when it must not (the caller reports it)."""
    return value if is_safe_url(value, image=image) else None


def unsafe_url_message(value: str) -> str:
    """The one wording for a refused URL, so reports read alike wherever it was written."""
    shown = value if len(value) <= 60 else value[:57] + "…"
    return (f"URL {shown!r} has a scheme that can run script (only http, https, mailto, tel and relative "
            "links are published); the link is left out")
