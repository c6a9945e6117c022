"""Check every reference of one or more docsets and turn problems into findings."""

from __future__ import annotations

import difflib
import hashlib
import os
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qs, quote, unquote

from ..docfx.docset import (
    KIND_ANCHOR,
    KIND_EMPTY,
    KIND_EXTERNAL,
    KIND_MAILTO,
    KIND_MEDIA,
    KIND_OTHER_DOCSET,
    KIND_OUTSIDE,
    MEDIA_EXTENSIONS,
    PAGE_EXTENSIONS,
    Docset,
    LinkTarget,
    relative_url,
    resolve_link,
)
from ..docfx.markdown.snippets import snippet_path
from ..docfx.redirects import find_redirection_file, redirect_urls
from ..docfx.repository import find_in_repository
from ..docfx.toc import is_breadcrumb_toc
from ..files.docfile import DocsetFileError, read_text_lenient
from ..files.lines import LineIndex
from ..xref import XrefResolver, docset_resolver, parse_xref
from ..xref.resolve import KIND_API as XREF_API
from ..xref.resolve import KIND_PAGE as XREF_PAGE
from ..xref.resolve import KIND_UNRESOLVED as XREF_UNRESOLVED
from ..xref.resolve import api_path
from .model import (
    CAT_ANCHOR_MISSING,
    CAT_BROKEN,
    CAT_CASE_MISMATCH,
    CAT_EMPTY,
    CAT_EXTERNAL,
    CAT_LINK_DIFFERS,
    CAT_MEDIA_MISSING,
    CAT_NOT_LOCALIZED,
    CAT_OTHER_DOCSET,
    CAT_REDIRECTED,
    CAT_SNIPPET_MISSING,
    CAT_XREF_DUPLICATE,
    CAT_XREF_EXTERNAL,
    DEFAULT_LEVELS,
    IN_TRANSLATION,
    LEVEL_IGNORE,
    REF_HTML,
    REF_INCLUDE,
    REF_SNIPPET,
    REF_TOC,
    REF_TOC_QUERY,
    REF_XREF,
    CheckResult,
    Finding,
    Reference,
)
from .project import DocsetSpec, discover_docsets
from .scan import PageScan, scan_markdown
from .yamlrefs import is_toc, yaml_references

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
_MAX_INCLUDE_DEPTH = 8


@dataclass
class CheckOptions:
    """How to check: levels per category and where missing things may come from."""

    levels: dict[str, str] = field(default_factory=dict)
    url_prefixes: tuple[str, ...] = ()
    external: bool = False
    media_fallback: str | None = None     # a folder (media paths docset-relative) or an http(s) URL
    source_fallback: str | None = None    # the English source docset folder
    # `info` for a partial export: links, includes and TOC entries whose target is missing (`broken`) are info.
    missing_target_level: str | None = None
    external_checker: Callable[[list[str]], dict[str, str | None]] | None = None
    external_cache: str | None = None     # the on-disk cache file of external results
    xref_base_url: str | None = None      # where uids the docset does not define link to (core.xref)
    xref_maps: tuple[str, ...] = ()       # more xref map files (besides docfx.json's `build.xref`)

    def level(self, category: str) -> str:
        return self.levels.get(category, DEFAULT_LEVELS.get(category, "warning"))


@dataclass
class _Context:
    """One docset being checked: its files, scans and place in the repository."""

    spec: DocsetSpec
    docset: Docset
    repo_prefix: str
    scans: dict[str, PageScan] = field(default_factory=dict)
    includers: dict[str, set[str]] = field(default_factory=dict)
    full_anchors: dict[str, set[str]] = field(default_factory=dict)
    top_folders: set[str] | None = None                       # lower-cased first path segments
    suggestions: dict[str, str | None] = field(default_factory=dict)
    pages_by_folder: dict[str, list[tuple[str, str]]] | None = None  # (file name, path) per folder
    candidates: dict[str, list[tuple[str, set[str], str]]] = field(default_factory=dict)  # with trigrams
    pages_by_name: dict[str, list[str]] = field(default_factory=dict)
    pages_key: str | None = None                               # the hash of the page list (stored suggestions)
    xrefs: XrefResolver | None = None                          # the docset's uids, read when first needed


def _trigrams(name: str) -> set[str]:
    padded = f"  {name.lower()} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def _closest(name: str, candidates: list[tuple[str, set[str], str]], cutoff: float = 0.75) -> str | None:
    """The candidate most like `name`: trigram overlap picks a few, difflib's ratio decides.

    difflib over a folder of hundreds of pages per broken link costs seconds
    on a large docset; the trigram prefilter keeps the answer and not the cost.
    """
    wanted = _trigrams(name)
    scored = sorted(((len(wanted & grams) / len(wanted | grams), base, path) for base, grams, path in candidates),
                    reverse=True)[:3]
    best, best_ratio = None, cutoff
    for _, base, path in scored:
        matcher = difflib.SequenceMatcher(None, name.lower(), base.lower())
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio >= best_ratio:
            best, best_ratio = path, ratio
    return best


class ScanStore(Protocol):
    """Where page scans can be kept between runs (the build cache): plain data by key."""

    def get(self, key: str) -> Any | None: ...

    def put(self, key: str, payload: Any) -> None: ...


def check_path(path: str | os.PathLike[str], options: CheckOptions | None = None,
               specs: list[DocsetSpec] | None = None, scans: ScanStore | None = None,
               lean: bool = False) -> CheckResult:
    """Check the docset(s) at `path`; finding paths are relative to `path`. `scans`: a page's scan is a function
    of its path and text, so a store keyed by them saves scanning unchanged pages again. `lean`: every page's
    anchors are read as it is scanned and its text let go (Dynamics 365: 66 instead of 178 MB, +0.6 s),
    instead of keeping each text until another page links into it."""
    return LinkChecker(path, options or CheckOptions(), specs, scans, lean).run()


class LinkChecker:
    def __init__(self, path: str | os.PathLike[str], options: CheckOptions,
                 specs: list[DocsetSpec] | None = None, scans: ScanStore | None = None, lean: bool = False) -> None:
        self.root = Path(path).resolve()
        self.options = options
        self.scan_store = scans
        self.lean = lean
        specs = specs or discover_docsets(self.root, options.url_prefixes)
        redirection = find_redirection_file(self.root)
        repository = redirection.parent if redirection is not None else self.root
        self.redirects = redirect_urls(redirection) if redirection is not None else {}
        self.contexts = []
        for spec in specs:
            docset = Docset.scan(spec.root, spec.url_prefixes)
            relative = os.path.relpath(spec.root, repository).replace(os.sep, "/")
            prefix = "" if relative == "." or relative.startswith("..") else relative + "/"
            self.contexts.append(_Context(spec, docset, prefix))
        self.findings: list[Finding] = []
        self.current: _Context | None = None
        self.reference_count = 0
        self.external_refs: dict[str, list[tuple[_Context, Reference]]] = {}
        self.media_urls: dict[str, list[tuple[_Context, Reference, str]]] = {}
        fallback = options.source_fallback
        self.source_docset = Docset.scan(fallback) if fallback and os.path.isdir(fallback) else None

    # -- reading pages ---------------------------------------------------------------------------
    def scan(self, ctx: _Context, page: str) -> PageScan:
        cached = ctx.scans.get(page)
        if cached is not None:
            return cached
        try:  # invalid UTF-8 bytes become U+FFFD: the page's links are still checked
            text = read_text_lenient(ctx.docset.root / page, page)[0].text
        except DocsetFileError:
            text = ""
        key = None
        if self.scan_store is not None:
            key = hashlib.sha256(f"{page}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()
            payload = self.scan_store.get(key)
            if payload is not None:
                try:
                    ctx.scans[page] = result = PageScan.from_payload(payload)
                    return result
                except (KeyError, TypeError, ValueError):
                    pass
        result = self._scan_text(page, text)
        if self.lean:
            result.anchors  # noqa: B018 - read now: the page's texts are let go
        if self.scan_store is not None and key is not None:
            self.scan_store.put(key, result.to_payload())
        ctx.scans[page] = result
        return result

    @staticmethod
    def _scan_text(page: str, text: str) -> PageScan:
        index = LineIndex(text)
        if page.lower().endswith(".md"):
            result = scan_markdown(text, page, None, index)
        else:
            # A breadcrumb TOC's tocHref/topicHref are published site paths for the breadcrumb bar, not page links.
            breadcrumb = is_toc(page) and is_breadcrumb_toc(text)
            result = PageScan(references=[] if breadcrumb else yaml_references(text, page, index))
            if not is_toc(page) and "](" in text:     # Markdown in FAQ answers and landing-page text
                markdown = scan_markdown(text, page, None, index)
                result.references = sorted(result.references + markdown.references, key=lambda r: r.offset)
        return result

    def anchors(self, ctx: _Context, page: str, depth: int = 0) -> set[str]:
        """A page's anchors, with those of the files it includes."""
        cached = ctx.full_anchors.get(page)
        if cached is not None:
            return cached
        scanned = self.scan(ctx, page)
        anchors = set(scanned.anchors)
        if depth < _MAX_INCLUDE_DEPTH:
            for href in scanned.includes:
                target = resolve_link(ctx.docset, page, href)
                if target.exists and target.path:
                    anchors |= self.anchors(ctx, target.path, depth + 1)
        ctx.full_anchors[page] = anchors
        return anchors

    # -- the run ---------------------------------------------------------------------------------
    def run(self) -> CheckResult:
        pages = 0
        files: list[str] = []
        for ctx in self.contexts:
            for page in ctx.docset.pages():
                if page.lower().endswith(".md") or page.lower().endswith((".yml", ".yaml")):
                    scanned = self.scan(ctx, page)
                    for reference in scanned.references:
                        if reference.kind == REF_INCLUDE:
                            target = resolve_link(ctx.docset, page, reference.href)
                            if target.path:
                                ctx.includers.setdefault(target.path, set()).add(page)
            for page in ctx.docset.pages():
                pages += 1
                files.append(os.path.relpath(ctx.docset.root / page, self.root).replace(os.sep, "/"))
                for reference in self.scan(ctx, page).references:
                    self.reference_count += 1
                    self.check_reference(ctx, reference)
            self.check_duplicate_uids(ctx)
        if self.external_refs or self.media_urls:
            self.check_external()
        self.findings.sort(key=lambda f: (f.path, f.line, f.column, f.category))
        return CheckResult(str(self.root), self.findings, pages, self.reference_count, sorted(files))

    # -- one reference ---------------------------------------------------------------------------
    def report(self, ctx: _Context, reference: Reference, category: str, message: str,
               target: str | None = None, suggestion: str | None = None, column: int | None = None,
               *, partial_export: bool = False) -> None:
        """`partial_export`: a finding a missing file may explain (an anchor on a page with missing includes)."""
        level = self.options.level(category)
        if self.options.missing_target_level and (category == CAT_BROKEN or partial_export):
            level = self.options.missing_target_level
        if level == LEVEL_IGNORE:
            return
        origin = self.current or ctx    # the docset the link is written in (ctx may be the linked one)
        path = os.path.relpath(origin.docset.root / reference.page, self.root).replace(os.sep, "/")
        self.findings.append(Finding(
            path, reference.line, column or reference.column, category, level, reference.href, target,
            reference.where, message, suggestion, reference.unit_id, reference.kind,
        ))

    def check_reference(self, ctx: _Context, reference: Reference) -> None:
        self.current = ctx
        href = reference.href.strip()
        if reference.kind == REF_XREF or href[:5].lower() == "xref:":
            self.check_xref(ctx, reference)
            return
        if reference.kind == REF_SNIPPET:
            self.check_snippet(ctx, reference)
            return
        if _SCHEME.match(href) and not re.match(r"^[a-z]:[\\/]", href, re.I):
            if href.lower().startswith(("http://", "https://")) and self.options.external:
                self.external_refs.setdefault(href, []).append((ctx, reference))
            return
        if href.startswith("//"):
            return
        target = resolve_link(ctx.docset, reference.page, href)
        if reference.kind == REF_TOC and target.kind != KIND_EXTERNAL and not target.exists:
            folder_toc = self.toc_of_folder(ctx, reference.page, href)
            if folder_toc is not None:
                target = folder_toc
        self.classify(ctx, reference, target)
        if target.query and "toc=" in target.query.lower():
            self.check_toc_query(ctx, reference, target.query)
        if reference.where == IN_TRANSLATION and reference.source_href is not None \
                and reference.source_href.strip() != href:
            source = resolve_link(ctx.docset, reference.page, reference.source_href.strip())
            if (source.path or source.wanted, source.anchor) != (target.path or target.wanted, target.anchor) \
                    or source.kind != target.kind:
                self.report(ctx, reference, CAT_LINK_DIFFERS,
                            f"the translation links to '{href}' but the English original to "
                            f"'{reference.source_href.strip()}'", reference.source_href.strip())

    def xref_resolver(self, ctx: _Context) -> XrefResolver:
        """The docset's uids (the same resolver the build uses), read once per check."""
        if ctx.xrefs is None:
            ctx.xrefs = docset_resolver(ctx.docset.root, ctx.docset.pages(), self.options.xref_base_url,
                                        self.options.xref_maps)
        return ctx.xrefs

    def check_duplicate_uids(self, ctx: _Context) -> None:
        """A uid defined on two pages: reported at the later page's `uid:` line (the build keeps the first)."""
        self.current = ctx
        for kept, other in self.xref_resolver(ctx).uids.duplicates:
            where = Reference(other.path, other.uid, 0, other.line, 1, REF_XREF)
            self.report(ctx, where, CAT_XREF_DUPLICATE,
                        f"uid '{other.uid}' is also defined in {kept.path}:{kept.line}; cross-references to it "
                        f"link to {kept.path} (the path that sorts first). Give one of the pages another uid",
                        kept.path)

    def check_xref(self, ctx: _Context, reference: Reference) -> None:
        """A cross-reference: a page of this docset (its anchor checked), an API name, or unresolved."""
        use = parse_xref(reference.href)
        if use is None:
            return
        resolution = self.xref_resolver(ctx).resolve(use)
        if resolution.kind == XREF_PAGE and resolution.path:
            if use.anchor and resolution.path.lower().endswith(".md"):
                self.check_anchor(ctx, reference, resolution.path, use.anchor)
        elif resolution.kind == XREF_API:
            self.report(ctx, reference, CAT_XREF_EXTERNAL,
                        f"cross-reference '{use.uid}' is not a uid of this docset; it links to the API "
                        f"reference (xref_base_url + '{api_path(use.uid)}')", use.uid)
        elif resolution.kind == XREF_UNRESOLVED:
            what = "TOC entry uid" if is_toc(reference.page) else "cross-reference"
            left_out = "; it is left out of the navigation" if is_toc(reference.page) else ""
            self.report(ctx, reference, CAT_BROKEN,
                        f"{what} '{use.uid}' is not a uid of any page of this docset (give the page that uid "
                        f"or fix the reference){left_out}", use.uid)
    def check_snippet(self, ctx: _Context, reference: Reference) -> None:
        """A code snippet's file, looked up as the build reads it (core/docfx/markdown/snippets.py)."""
        relative = snippet_path(reference.page, reference.href)
        if relative is not None and find_in_repository(ctx.docset.root, relative)[0] is not None:
            return
        fallback = self.options.source_fallback
        if relative is not None and fallback and os.path.isdir(fallback) \
                and find_in_repository(fallback, relative)[0] is not None:
            return    # the build reads it from the fallback (snippet_fallback defaults to the same folder)
        level = self.options.missing_target_level
        self.report(ctx, reference, CAT_SNIPPET_MISSING,
                    f"code snippet file '{reference.href.partition('?')[0].partition('#')[0]}' is not in the repository"
                    + (f" (looked for '{relative}')" if relative else ""), relative,
                    partial_export=bool(level))

    def toc_of_folder(self, ctx: _Context, page: str, href: str) -> LinkTarget | None:
        """A TOC entry pointing at a folder means that folder's TOC.yml."""
        if not href.rstrip().endswith("/"):
            return None
        for name in ("toc.yml", "toc.md"):
            target = resolve_link(ctx.docset, page, href.rstrip() + name)
            if target.exists and target.path and target.wanted:
                # `TOC.yml`/`toc.md`: DocFX finds either spelling; only the folder's case can mismatch
                target.case_mismatch = posixpath.dirname(target.path) != posixpath.dirname(target.wanted)
                return target
        return None

    def classify(self, ctx: _Context, reference: Reference, target: LinkTarget, sibling: bool = False) -> None:
        kind = target.kind
        if kind in (KIND_EXTERNAL, KIND_MAILTO):
            return
        if kind == KIND_EMPTY:
            if reference.kind != REF_HTML:    # `<a href="" id="x">` is an anchor, not a link
                self.report(ctx, reference, CAT_EMPTY, "the link has no destination; write the page or URL")
            return
        if kind == KIND_OTHER_DOCSET:
            self.classify_other_docset(ctx, reference, target)
            return
        if kind == KIND_ANCHOR:
            if target.anchor and target.anchor.startswith("tab/"):
                return    # `# [Title](#tab/id)`: a DocFX tab definition, not a link
            self.check_anchor(ctx, reference, reference.page, target.anchor, same_page=True)
            return
        if kind == KIND_OUTSIDE:
            if reference.kind == REF_INCLUDE and target.exists and target.wanted \
                    and find_in_repository(ctx.docset.root, target.wanted)[0] is None:
                self.report(ctx, reference, CAT_BROKEN,
                            f"include '{reference.href}' points outside the repository at '{target.wanted}'; "
                            "the build never reads files outside it", target.wanted)
                return
            if not target.exists:
                self.report(ctx, reference, CAT_BROKEN,
                            f"'{reference.href}' points outside the docset at '{target.wanted}', which does not exist",
                            target.wanted)
            return
        if target.exists and target.path:
            if target.case_mismatch:
                spelled = relative_url(reference.page, target.path)
                self.report(ctx, reference, CAT_CASE_MISMATCH,
                            f"'{reference.href}' differs in letter case from the file '{target.path}'; "
                            "it breaks on case-sensitive servers", target.path, spelled)
            if target.anchor and target.path.lower().endswith(".md"):
                self.check_anchor(ctx, reference, target.path, target.anchor)
            return
        self.classify_missing(ctx, reference, target)

    def classify_missing(self, ctx: _Context, reference: Reference, target: LinkTarget) -> None:
        wanted = target.wanted or ""
        redirect = self.redirect_for(ctx, wanted)
        if redirect is not None:
            local = self.local_page(ctx, redirect)
            suggestion = relative_url(reference.page, local) if local else redirect
            self.report(ctx, reference, CAT_REDIRECTED,
                        f"'{reference.href}' is redirected to '{redirect}'; link to the final target",
                        local or redirect, suggestion)
            return
        if "docset-absolute" in target.notes and self.is_foreign(ctx, wanted):
            self.report(ctx, reference, CAT_OTHER_DOCSET,
                        f"'{reference.href}' is in another docset published under the same path; not checked",
                        wanted)
            return
        is_media = target.kind == KIND_MEDIA or wanted.lower().endswith(MEDIA_EXTENSIONS)
        if is_media:
            if self.media_in_fallback(ctx, wanted, reference):
                return
            self.report(ctx, reference, CAT_MEDIA_MISSING,
                        f"media file '{wanted}' is not in this repository; add it or set a media fallback", wanted)
            return
        if self.source_docset is not None:
            found, _ = self.source_docset.find(ctx.repo_prefix + wanted)
            found = found or self.source_docset.find(wanted)[0]
            if found is not None:
                self.report(ctx, reference, CAT_NOT_LOCALIZED,
                            f"'{reference.href}' is not localized: '{wanted}' exists only in the source docset",
                            wanted)
                return
        what = {REF_INCLUDE: "include", REF_TOC: "TOC entry"}.get(reference.kind, "link")
        left_out = "; it is left out of the navigation" if reference.kind == REF_TOC else ""
        self.report(ctx, reference, CAT_BROKEN,
                    f"{what} '{reference.href}' points at '{wanted}', which does not exist{left_out}", wanted,
                    self.suggest_page(ctx, reference.page, wanted))

    def classify_other_docset(self, ctx: _Context, reference: Reference, target: LinkTarget) -> None:
        path = target.url_path or ""
        for other in self.contexts:
            if other is ctx:
                continue
            if any(path.lower().startswith(prefix.lower()) for prefix in other.docset.url_prefixes):
                resolved = resolve_link(other.docset, "", path + (f"#{target.anchor}" if target.anchor else ""))
                if resolved.exists and resolved.path:
                    if resolved.case_mismatch:
                        self.report(ctx, reference, CAT_CASE_MISMATCH,
                                    f"'{reference.href}' differs in letter case from '{resolved.path}'",
                                    resolved.path)
                    if resolved.anchor and resolved.path.lower().endswith(".md") \
                            and resolved.anchor not in self.anchors(other, resolved.path):
                        self.report(ctx, reference, CAT_ANCHOR_MISSING,
                                    f"'{reference.href}': '{resolved.path}' has no anchor '#{resolved.anchor}'",
                                    resolved.path)
                    return
                self.classify_missing(other, reference, resolved)
                return
        self.report(ctx, reference, CAT_OTHER_DOCSET, f"'{reference.href}' is in another docset; not checked", path)

    def is_foreign(self, ctx: _Context, wanted: str) -> bool:
        """A docset-absolute path into a folder this docset does not have: another docset's."""
        if "/" not in wanted:
            return False
        if ctx.top_folders is None:
            ctx.top_folders = {name.split("/", 1)[0].lower() for name in ctx.docset.files if "/" in name}
        return wanted.split("/", 1)[0].lower() not in ctx.top_folders

    def redirect_for(self, ctx: _Context, wanted: str) -> str | None:
        """The final target of a redirected path (docset-relative), if redirected."""
        if not self.redirects or not wanted:
            return None
        base = wanted.rstrip("/")
        keys = [base]
        if not posixpath.splitext(base)[1]:
            keys += [base + ".md", base + "/index.md", base + ".yml", base + "/index.yml"]
        for key in keys:
            url = self.redirects.get((ctx.repo_prefix + key).lower())
            if url is not None:
                return self.follow_redirect(url)
        return None

    def follow_redirect(self, url: str) -> str:
        seen = {url}
        for _ in range(10):
            nxt = None
            for ctx in self.contexts:
                for prefix in ctx.docset.url_prefixes:
                    if url.lower().startswith(prefix.lower()):
                        rest = url[len(prefix):].split("#", 1)[0].split("?", 1)[0]
                        for key in (rest, rest + ".md", rest.rstrip("/") + "/index.md", rest + ".yml"):
                            nxt = nxt or self.redirects.get((ctx.repo_prefix + key).lower())
            if nxt is None or nxt in seen:
                return url
            seen.add(nxt)
            url = nxt
        return url

    def local_page(self, ctx: _Context, url: str) -> str | None:
        """The page of this docset that a docset-absolute URL names, if any."""
        if not url.startswith("/"):
            return None
        target = resolve_link(ctx.docset, "", url)
        return target.path if target.exists and target.kind != KIND_OTHER_DOCSET else None

    def media_in_fallback(self, ctx: _Context, wanted: str, reference: Reference | None = None) -> bool:
        """Whether the media fallback has it; a URL fallback is checked online only with `external`."""
        fallback = self.options.media_fallback
        if not fallback:
            return False
        if fallback.lower().startswith(("http://", "https://")):
            if self.options.external and reference is not None:
                url = fallback.rstrip("/") + "/" + quote(ctx.repo_prefix + wanted)
                self.media_urls.setdefault(url, []).append((ctx, reference, wanted))
            return True
        base = Path(fallback)
        return any((base / candidate).is_file() for candidate in (ctx.repo_prefix + wanted, wanted))

    def check_anchor(self, ctx: _Context, reference: Reference, page: str, anchor: str | None,
                     same_page: bool = False) -> None:
        if not anchor:
            return
        anchor = unquote(anchor)
        if not page.lower().endswith(".md"):
            return
        available = set(self.anchors(ctx, page))
        if same_page:
            for includer in ctx.includers.get(page, ()):
                available |= self.anchors(ctx, includer)
        if anchor in available or anchor.lower() in {a.lower() for a in available}:
            return    # DocFX ids are lower case; browsers match `#X` to `x` only case-sensitively, but DocFX lowercases
        close = difflib.get_close_matches(anchor, sorted(available), n=1, cutoff=0.6)
        where = "this page" if same_page else f"'{page}'"
        missing = [href for href in self.scan(ctx, page).includes
                   if not resolve_link(ctx.docset, page, href).exists]
        note = f" (it includes missing files, e.g. '{missing[0]}', which may hold it)" if missing else ""
        self.report(ctx, reference, CAT_ANCHOR_MISSING,
                    f"'{reference.href}': {where} has no heading or anchor '#{anchor}'{note}",
                    f"{page}#{anchor}", f"#{close[0]}" if close else None, partial_export=bool(missing))

    def check_toc_query(self, ctx: _Context, reference: Reference, query: str) -> None:
        values = parse_qs(query).get("toc") or [v.split("=", 1)[1] for v in query.split("&")
                                                    if v.lower().startswith("toc=")]
        if not values:
            return
        toc = unquote(values[0]).strip()
        if not toc.startswith("/"):
            return
        markdown_toc = None
        if toc.lower().endswith(".json"):   # the published toc.json of a TOC.yml or a TOC.md
            toc, markdown_toc = toc[:-5] + ".yml", toc[:-5] + ".md"
        column = reference.column + max(reference.href.lower().find("toc="), 0)
        probe = Reference(reference.page, reference.href, reference.offset, reference.line, column,
                          REF_TOC_QUERY, reference.where, reference.unit_id)
        target = resolve_link(ctx.docset, reference.page, toc)
        if markdown_toc is not None and not target.exists:
            as_markdown = resolve_link(ctx.docset, reference.page, markdown_toc)
            if as_markdown.exists or as_markdown.kind == KIND_OTHER_DOCSET:
                target = as_markdown
        if target.kind == KIND_OTHER_DOCSET:
            self.classify_other_docset(ctx, probe, target)
        elif not target.exists:
            self.classify_missing(ctx, probe, target)

    def suggest_page(self, ctx: _Context, page: str, wanted: str) -> str | None:
        """The nearest existing page: a close name in the same folder, else the same name elsewhere."""
        if wanted not in ctx.suggestions:
            ctx.suggestions[wanted] = self._stored_suggestion(ctx, wanted)
        found = ctx.suggestions[wanted]
        if found and self.current is not None and ctx is not self.current and ctx.docset.url_prefixes:
            return ctx.docset.url_prefixes[0] + found      # in another docset: its site path
        return relative_url(page, found) if found else None

    def _stored_suggestion(self, ctx: _Context, wanted: str) -> str | None:
        """`_nearest_page`, kept in the scan store: it is a function of the docset's page list and the name
        only, and a partial export asks it for thousands of missing pages in every build (Dynamics 365: 0.4 s
        of a warm build's link check). A stored answer that is not a page of the list is not used."""
        if self.scan_store is None:
            return self._nearest_page(ctx, wanted)
        if ctx.pages_key is None:
            ctx.pages_key = hashlib.sha256("\0".join(ctx.docset.pages()).encode("utf-8", "surrogatepass")).hexdigest()
        key = hashlib.sha256(f"suggestion\0{ctx.pages_key}\0{wanted}".encode("utf-8", "surrogatepass")).hexdigest()
        stored = self.scan_store.get(key)
        if isinstance(stored, dict) and "page" in stored:
            page = stored["page"]
            if page is None or (isinstance(page, str) and page in ctx.docset.files
                                and page.lower().endswith(PAGE_EXTENSIONS)):
                return page
        found = self._nearest_page(ctx, wanted)
        self.scan_store.put(key, {"page": found})
        return found

    def _nearest_page(self, ctx: _Context, wanted: str) -> str | None:
        if ctx.pages_by_folder is None:
            ctx.pages_by_folder = {}
            for name in ctx.docset.pages():
                folder, base = posixpath.split(name)
                ctx.pages_by_folder.setdefault(folder, []).append((base, name))
                ctx.pages_by_name.setdefault(base.lower(), []).append(name)
        folder, base = posixpath.split(wanted)
        candidates = ctx.candidates.get(folder)
        if candidates is None:  # trigrams only of the folders a broken link points into (all: 22 MB on 5,900 pages)
            candidates = ctx.candidates[folder] = [(name, _trigrams(name), path)
                                                   for name, path in ctx.pages_by_folder.get(folder, [])]
        close = _closest(base, candidates)
        if close:
            return close
        same_name = ctx.pages_by_name.get(base.lower())
        return same_name[0] if same_name else None

    # -- external URLs ---------------------------------------------------------------------------
    def check_external(self) -> None:
        checker = self.options.external_checker
        if checker is None:
            from .external import ExternalChecker
            checker = ExternalChecker(cache_file=self.options.external_cache).check
            self.options.external_checker = checker
        results = checker(sorted(set(self.external_refs) | set(self.media_urls)))
        for url, problem in results.items():
            if problem is None:
                continue
            for ctx, reference in self.external_refs.get(url, []):
                self.report(ctx, reference, CAT_EXTERNAL, f"'{url}': {problem}", url)
            for ctx, reference, wanted in self.media_urls.get(url, []):
                self.report(ctx, reference, CAT_MEDIA_MISSING,
                            f"media file '{wanted}' is neither in this repository nor at '{url}' ({problem})", url)
