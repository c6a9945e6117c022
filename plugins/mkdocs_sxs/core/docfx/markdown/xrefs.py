"""Cross-references (`xref:`, `<xref:…>`, `@uid` …) turned into ordinary Markdown links.

Runs per file before the link rewrite: a uid of this docset becomes a
relative link to its page (so MkDocs and the link rewrite treat it like any
other page link), an API name a link to the reference site, an unresolved
uid its text. Where the source gives no link text the page's title is used:
the translated title in the translation, the English one inside an English
original (`sxs-lookup`). The resolver is `core.xref`'s, shared with the link check.
"""

from __future__ import annotations

from ...reader.model import LEVEL_WARNING
from ...xref.resolve import KIND_PAGE, KIND_TEXT, KIND_UNRESOLVED, XrefResolution
from ...xref.syntax import DESTINATION_FORMS, FORM_LINK, find_xrefs
from ..docset import relative_url
from .context import DocfxContext, SourceText
from .links import _source_ranges
from .regions import CodeRegions

_MD_ESCAPES = str.maketrans({"\\": "\\\\", "[": "\\[", "]": "\\]", "*": "\\*", "_": "\\_", "`": "\\`",
                             "<": "&lt;", ">": "&gt;", "&": "&amp;"})


def convert_xrefs(ctx: DocfxContext, source: SourceText) -> str:
    """The file's text with every cross-reference written as a Markdown link (or text)."""
    resolver = ctx.options.xref_resolver
    text = source.text
    if resolver is None or ("xref" not in text.lower() and "@" not in text):
        return text
    code = CodeRegions(text)
    uses = find_xrefs(text, code.contains)
    if not uses:
        return text
    english: tuple[tuple[int, int], ...] | None = None
    out: list[str] = []
    position = 0
    for use in uses:
        resolution = resolver.resolve(use, ctx.locale)
        if resolution.kind == KIND_TEXT:
            continue
        if resolution.kind == KIND_PAGE and resolution.path is not None:
            ctx.reads.append(str(ctx.docset.root / resolution.path))  # the link text is that page's title
        if english is None:
            english = _source_ranges(text) if "sxs-lookup" in text else ()
        in_english = any(start <= use.start < end for start, end in english)
        replacement = _replacement(ctx, source, resolution, in_english)
        if use.form in DESTINATION_FORMS:   # `[label]: xref:uid`, `<a href="xref:uid">`: the destination only
            if resolution.kind != KIND_UNRESOLVED:
                out.append(text[position:use.dest_start])
                out.append(_destination(source, resolution))
                position = use.dest_end
            else:
                _report_unresolved(ctx, source, resolution)
            continue
        if use.form == FORM_LINK and use.text and text[use.start + 1:use.start + 1 + len(use.text)] == use.text \
                and resolution.kind != KIND_UNRESOLVED:
            # `[text](xref:uid)`: only the destination changes, the text (units and all) stays as written
            out.append(text[position:use.dest_start])
            out.append(_destination(source, resolution))
            position = use.dest_end
            continue
        out.append(text[position:use.start])
        out.append(replacement)
        position = use.end
        if resolution.kind == KIND_UNRESOLVED:
            _report_unresolved(ctx, source, resolution)
    out.append(text[position:])
    return "".join(out)


def _report_unresolved(ctx: DocfxContext, source: SourceText, resolution: XrefResolution) -> None:
    use = resolution.use
    ctx.report(source, use.start, "xref-unresolved",
               f"cross-reference '{use.raw}': no page of the docset has uid '{use.uid}'; "
               "give the page that uid or fix the reference", LEVEL_WARNING)


def _destination(source: SourceText, resolution: XrefResolution) -> str:
    if resolution.kind == KIND_PAGE and resolution.path is not None:
        dest = relative_url(source.path, resolution.path)
        if resolution.anchor:
            dest += "#" + resolution.anchor
    else:
        dest = resolution.url or ""
    return f"<{dest}>" if any(c in dest for c in " ()<>") else dest


def _replacement(ctx: DocfxContext, source: SourceText, resolution: XrefResolution, in_english: bool) -> str:
    use = resolution.use
    if use.text is not None and use.text.strip():
        label = use.text if use.form == FORM_LINK else markdown_text(use.text)
    else:
        label = markdown_text((resolution.source_text if in_english else resolution.text) or use.uid)
    if resolution.kind == KIND_UNRESOLVED:
        return label
    return f"[{label}]({_destination(source, resolution)})"


def markdown_text(value: str) -> str:
    """Plain text safe as Markdown link text (no emphasis, code, HTML or brackets read into it)."""
    return value.translate(_MD_ESCAPES)

