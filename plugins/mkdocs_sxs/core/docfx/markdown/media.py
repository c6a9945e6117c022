"""Images: resolve against the docset, then the fallback, else a placeholder.

Localized DocFX repositories carry no media (their builds take them from the
English repository), so most images are missing. A reader gets the image
from `media_fallback` when one is configured, otherwise a tidy placeholder
with the alt text, never a broken-image icon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from ...files.safe_paths import is_inside
from ...reader.i18n import labels
from ...reader.model import LEVEL_INFO
from ..docset import KIND_EXTERNAL, KIND_OTHER_DOCSET, Docset, relative_url, resolve_link
from .context import DocfxContext, MediaCopy, SourceText, html_relative, is_url

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
# `![[text](media/x.png)](media/x.png)`: a link inside alt text (its target is missing too).
_LINK_IN_ALT = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\([^()\s]*\)")


@dataclass
class ResolvedMedia:
    """Where an image is served from; `url` is None when it is missing."""

    url: str | None          # relative to the page source (Markdown) or absolute
    html_url: str | None     # the same, relative to the served page (raw HTML)
    file: str | None = None  # docset-relative path, when served from the site


def resolve_media(ctx: DocfxContext, from_file: str, src: str) -> ResolvedMedia:
    """Resolve an image `src` written in `from_file` for the page being built."""
    target = resolve_link(ctx.docset, from_file, src)
    if target.kind == KIND_EXTERNAL:
        return ResolvedMedia(src, src)
    if target.kind == KIND_OTHER_DOCSET:
        url = ctx.base_url() + (target.url_path or "")
        return ResolvedMedia(url, url)
    suffix = ("?" + target.query if target.query else "") + ("#" + target.anchor if target.anchor else "")
    if target.exists and target.path:
        return ResolvedMedia(relative_url(ctx.page_path, target.path) + suffix,
                             html_relative(ctx.page_path, target.path, ctx.options.use_directory_urls) + suffix,
                             target.path)
    wanted = target.wanted
    if not wanted or wanted.startswith("../"):
        return ResolvedMedia(None, None)
    fallback = ctx.options.media_fallback
    if fallback and is_url(fallback):
        url = fallback.rstrip("/") + "/" + wanted
        return ResolvedMedia(url, url)
    found = _find_fallback(ctx.fallback_docset(), wanted)
    if found is not None and not is_inside(ctx.fallback_docset().root / found, ctx.fallback_docset().root):  # type: ignore[union-attr]
        found = None  # a symlink out of the fallback folder is not published
    if found is not None:
        ctx.media.append(MediaCopy(str(ctx.fallback_docset().root / found), found))  # type: ignore[union-attr]
        return ResolvedMedia(relative_url(ctx.page_path, found) + suffix,
                             html_relative(ctx.page_path, found, ctx.options.use_directory_urls) + suffix, found)
    return ResolvedMedia(None, None)


def _find_fallback(fallback: Docset | None, wanted: str) -> str | None:
    if fallback is None:
        return None
    found, _ = fallback.find(wanted)
    return found


def plain_text(markup: str) -> str:
    """Alt text as plain text: Markdown escapes undone; with units, tags and English originals dropped."""
    if "data-ttu-id" not in markup:
        return _SPACE.sub(" ", re.sub(r"\\(.)", r"\1", markup)).strip()
    markup = re.sub(r'<span class="sxs-lookup">.*?</span></span>', "", markup, flags=re.S)
    return _SPACE.sub(" ", _TAG.sub("", markup)).strip()


def placeholder(ctx: DocfxContext, alt_markup: str, *, alt_is_markdown: bool) -> str:
    """Inline HTML shown instead of a missing image (alt text kept readable).

    Markdown alt text (which may hold translation units) stays Markdown so the
    units still render; attribute alt text is escaped.
    """
    label = _label(ctx.locale)
    alt = _LINK_IN_ALT.sub(r"\1", alt_markup.strip()) if "](" in alt_markup else alt_markup.strip()
    shown = alt if alt_is_markdown and "data-ttu-id" in alt else escape(plain_text(alt) if alt_is_markdown else alt)
    described = escape(plain_text(alt) if alt_is_markdown else alt)
    title = f"{label}: {described}" if described else label
    alt_html = f' <span class="sxs-media-missing-alt">{shown}</span>' if shown else ""
    return (f'<span class="sxs-media-missing" role="img" aria-label="{title}">'
            f'<span class="sxs-media-missing-label">{label}</span>{alt_html}</span>')


@lru_cache(maxsize=64)
def _label(locale: str) -> str:
    return escape(labels(locale)["media_missing"])


def report_missing(ctx: DocfxContext, source: SourceText, offset: int, src: str) -> None:
    ctx.report(source, offset, "media-missing",
               f"image '{src}' is not in the docset; it is shown as a placeholder "
               "(set the sxs option media_fallback to the English repository to show it)",
               LEVEL_INFO)
