"""A DocFX docset as the files of a plain docs folder: (docset, settings) → files, navigation, problems.

For engines that run no plugin (Zensical): everything the MkDocs plugin does in its
build events is done here beforehand, with the same core functions: post-edits from
the translation catalogs written into the units' targets, DocFX Markdown transformed
(includes, alerts, images, links; `core.docfx.markdown`), YAML landing and FAQ pages
converted to Markdown pages, the page bar put above each page, a title taken from
the translated heading, the navigation of the TOC files (`nav.py`), the annotation
browse pages and `annotations.json`, and the redirect pages. Translation units stay
sxs markup: the `sxs` Python-Markdown extension renders them in the engine.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from html import escape, unescape
from pathlib import Path

import yaml

from ..annotations.find import KINDS, PageAnnotations, annotations_of_text
from ..annotations.index import AnnotationIndex, build_index, report
from ..annotations.pages import generated_pages, index_path, index_title
from ..annotations.render import annotation_block
from ..docfx import yamlpages
from ..docfx.config import inspect_docset, is_docset
from ..docfx.docset import Docset
from ..docfx.markdown import transform_docfx
from ..docfx.markdown.context import DEFAULT_EXTERNAL_BASE_URL
from ..docfx.redirects import find_redirection_file, read_redirects
from ..docfx.toc import index_files, read_toc, toc_docset, top_level_tocs
from ..files.docfile import DocsetFileError, read_text
from ..reader.chrome import page_bar, page_locale
from ..reader.frontmatter import split_front_matter
from ..reader.model import LEVEL_INFO, LEVEL_WARNING, Problem, TranslationUnit
from ..reader.parser import parse_sxs
from ..reader.render import render_page
from ..reader.sanitize import TEMPLATE_META_KEYS, escape_template_meta
from ..translation.postedits import load_translations, page_post_edits
from ..xref import UidMap, XrefResolver, docset_resolver
from .nav import TocNav, areas_index, docset_title, toc_nav
from .pages import (
    docfx_options,
    exclude_patterns,
    file_relative,
    is_published,
    landing_link_mapper,
    redirect_dest,
    redirect_html,
    url_from,
)
from .urls import PAGE_SUFFIXES, page_url

ANNOTATIONS_JSON = "annotations.json"
_H1 = re.compile(r"^ {0,3}#[ \t]+(?P<text>.+?)[ \t#]*$", re.M)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


@dataclass
class SiteSettings:
    """The `sxs` plugin options that matter without a plugin, under the same names."""

    locale: str | None = None
    source_lang: str = "en"
    url_base: str | None = None
    learn_base_url: str = DEFAULT_EXTERNAL_BASE_URL
    external_base_url: str | None = None
    media_fallback: str | None = None
    include_fallback: str | None = None  # a folder: absolute, or relative to the current folder
    translations_dir: str | None = None  # catalogs with post-edits (`translations/<locale>/<page>.po`)
    annotations: bool = True
    page_bar: bool = True
    redirects: bool | str = True
    toc: str | list[str] | None = None
    use_directory_urls: bool = True
    missing_include_level: str = LEVEL_WARNING
    xref_base_url: str | None = None  # where uids the docset does not define link to (core.xref)
    xref_maps: tuple[str, ...] = ()   # more xref map files (besides docfx.json's `build.xref`)
    snippet_fallback: str | None = None  # code samples' folder when the repository lacks them


@dataclass
class SiteFile:
    """One file of the docs folder: `text` to write, or `source` (an absolute path) to copy as is."""

    path: str
    text: str | None = None
    source: str | None = None


@dataclass
class SiteContent:
    root: str
    title: str
    locale: str | None
    files: dict[str, SiteFile] = field(default_factory=dict)
    nav: TocNav | None = None  # None: not a DocFX docset, the engine builds the navigation from the files
    appendix: list[tuple[str, str]] = field(default_factory=list)  # (title, page) after the TOC entries
    yaml_pages: dict[str, str] = field(default_factory=dict)  # x.yml → x.md
    problems: list[Problem] = field(default_factory=list)
    redirects: int = 0
    post_edits: int = 0
    generated: set[str] = field(default_factory=set)  # annotation browse pages (reached from the overview pages)

    @property
    def pages(self) -> list[str]:
        return sorted(path for path in self.files if path.lower().endswith(PAGE_SUFFIXES))


def site_content(docset_dir: str | os.PathLike[str], settings: SiteSettings | None = None) -> SiteContent:
    """Every file of a buildable docs folder made from the docset (or plain folder of sxs pages) at `docset_dir`."""
    settings = settings or SiteSettings()
    root = os.fspath(Path(docset_dir).resolve())
    docfx = is_docset(root)
    info = inspect_docset(root)
    url_base = settings.url_base or info.dest
    locale = settings.locale or info.locale
    external_base = settings.learn_base_url.format(locale=(locale or "en-us").lower())
    content = SiteContent(root, docset_title(info.title_suffix, root), locale)
    files_on_disk = index_files(root)
    docset = Docset.scan(root, [url_base] if url_base else [])
    excludes = exclude_patterns(root) if docfx else []
    published = sorted(rel for rel in docset.files if not docfx or is_published(rel, excludes))
    # the docset's uids: `xref:` links and `uid:` TOC entries (the same resolver as the MkDocs build)
    xrefs = docset_resolver(root, docset.pages(), settings.xref_base_url, settings.xref_maps) if docfx else None

    # YAML pages first: Markdown pages link to them under their new names.
    yaml_markdown: dict[str, str] = {}
    if docfx:
        for rel in published:
            if not rel.lower().endswith(".yml"):
                continue
            text = Path(root, rel).read_text(encoding="utf-8-sig", errors="replace")
            converted = yamlpages.convert(text, rel, settings.locale, landing_link_mapper(
                rel, files_on_disk, url_base, external_base, settings.use_directory_urls, to_files=True))
            content.problems += converted.problems
            if converted.mime not in yamlpages.SUPPORTED:
                continue
            target = yamlpages.markdown_name(rel)
            if target in docset.files:
                content.problems.append(Problem(rel, 1, 1, "yaml-page-shadowed", f"a Markdown page '{target}' "
                                                "exists too; the YAML page is left out", LEVEL_WARNING))
                continue
            content.yaml_pages[rel] = target
            yaml_markdown[target] = converted.markdown

    translations, problems = load_translations(settings.translations_dir) if settings.translations_dir else ({}, [])
    content.problems += problems
    annotations: dict[str, PageAnnotations] = {}
    texts: dict[str, str] = {}
    for rel in published:
        if rel in content.yaml_pages:
            continue
        if not rel.lower().endswith(".md"):
            content.files[rel] = SiteFile(rel, source=os.path.join(root, *rel.split("/")))
            continue
        try:
            text = read_text(os.path.join(root, *rel.split("/")), rel).text
        except DocsetFileError as error:
            content.problems.append(Problem(rel, error.line or 1, error.column or 1, "page-unreadable", str(error),
                                            LEVEL_WARNING))
            continue
        if settings.annotations and "data-ttu-id" in text:
            annotations[rel] = annotations_of_text(text, rel, skip_unlabelled=True)
        texts[rel] = _with_post_edits(text, rel, translations.get(rel), locale, content)
    index = build_index([page for page in annotations.values() if page]) if settings.annotations else None
    for rel, text in texts.items():
        block = ""
        if index is not None and annotations.get(rel):  # found again: the post-edits show in the chips
            found = annotations_of_text(text, rel, skip_unlabelled=True)
            text, block = with_annotation_block(text, rel, found, index, settings, content.locale)
        markdown = _page_markdown(text, rel, docset, settings, content, generated=False, xrefs=xrefs)
        if block:  # after the DocFX transform, as the plugin adds it after rendering: its links are final
            markdown = markdown.replace(_BLOCK_MARK, block, 1)
        content.files[rel] = SiteFile(rel, markdown)
    for target, markdown in yaml_markdown.items():
        content.files[target] = SiteFile(target, _page_markdown(markdown, target, docset, settings, content,
                                                                generated=True, xrefs=xrefs))

    if docfx:
        tocs = _tocs(root, settings, files_on_disk, url_base, external_base, xrefs.uids if xrefs else None)
        for toc in tocs:
            content.problems += toc.problems
        if "index.md" not in content.files and len(tocs) > 1:
            content.files["index.md"] = SiteFile("index.md", generated_markdown(
                areas_index(tocs, content.title, content.yaml_pages), "index.md"))
        if index is not None:
            _annotation_pages(annotations, index, content, settings)
        pages = set(content.pages)
        content.nav = toc_nav(tocs, pages.__contains__, content.yaml_pages)
        content.problems += content.nav.problems
        if settings.redirects is not False:
            _redirect_pages(root, settings, files_on_disk, url_base, external_base, content)
    elif index is not None:
        _annotation_pages(annotations, index, content, settings)
    return content


def _tocs(root: str, settings: SiteSettings, files_on_disk: dict[str, str], url_base: str | None,
          external_base: str, uids: UidMap | None = None) -> list:
    if settings.toc:
        paths = [settings.toc] if isinstance(settings.toc, str) else list(settings.toc)
        docset = toc_docset(root, files_on_disk, url_base)
        return [read_toc(root, path, files_on_disk, url_base, external_base, docset, uids) for path in paths]
    return top_level_tocs(root, files_on_disk, url_base, external_base, uids)


def _with_post_edits(text: str, rel: str, entries: list | None, default_locale: str | None,
                     content: SiteContent) -> str:
    """The translators' post-edits in place of the machine translation (stale and refused ones reported)."""
    if not entries:
        return text
    model = parse_sxs(text, rel)
    locale = page_locale(split_front_matter(text, rel)[0], default_locale)
    edits = page_post_edits(model, entries, locale)
    for stale in edits.stale:
        content.problems.append(Problem(rel, 1, 1, "post-edit-stale", stale.message(), LEVEL_WARNING))
    content.problems += edits.problems
    if not edits.overrides:
        return text
    out, position = [], 0
    for unit in sorted(model.units, key=lambda u: u.target_start):
        markup = edits.overrides.get(unit.id)
        if markup is None or unit.target_start < position:
            continue
        out += [text[position : unit.target_start], markup]
        position = unit.target_end
        content.post_edits += 1
    return "".join(out) + text[position:]


def _page_markdown(text: str, rel: str, docset: Docset, settings: SiteSettings, content: SiteContent, *,
                   generated: bool, xrefs: XrefResolver | None = None) -> str:
    """A page as the engine gets it: front matter (with a translated title), page bar, DocFX Markdown applied."""
    meta, body_start, problems = split_front_matter(text, rel)
    content.problems += problems
    head, body = _escaped_front_matter(text[:body_start], meta), text[body_start:]
    locale = page_locale(meta, settings.locale or content.locale)
    if rel in docset.files or generated:
        options = docfx_options(settings, locale=locale, use_directory_urls=settings.use_directory_urls,
                                config_file=None, generated=generated, page_aliases=content.yaml_pages,
                                missing_include_level=settings.missing_include_level, html_links_to_files=True,
                                xref_resolver=xrefs, missing_snippet_level=settings.missing_include_level)
        result = transform_docfx(body, rel, docset, options, line_offset=head.count("\n"))
        content.problems += result.problems
        body = result.text
        for copy in result.media:
            content.files.setdefault(copy.dest, SiteFile(copy.dest, source=copy.source))
    if "title" not in meta:
        title = heading_title(body)
        if title:  # HTML-escaped: Zensical prints titles as they are (so does Material)
            line = f"title: {json.dumps(escape(unescape(title), quote=True), ensure_ascii=False)}\n"
            head = head.replace("\n", "\n" + line, 1) if head else f"---\n{line}---\n"
    if settings.page_bar:
        bar = page_bar(meta, locale=locale, has_units="data-ttu-id" in body)
        if bar:
            body = bar + "\n" + body.lstrip("\n")
    return head + body


def _escaped_front_matter(head: str, meta: dict) -> str:
    """The front matter with `title`, `description`, `author` HTML-escaped, as the MkDocs plugin does in the build:
    themes (Zensical's too) print them unescaped. Unchanged when there is nothing to escape."""
    if not any(isinstance(meta.get(key), str) and escape(meta[key], quote=True) != meta[key]
               for key in TEMPLATE_META_KEYS):
        return head
    escaped = dict(meta)
    escape_template_meta(escaped)
    return "---\n" + yaml.safe_dump(escaped, allow_unicode=True, sort_keys=False, width=1_000_000) + "---\n"


def generated_markdown(text: str, rel: str) -> str:
    """A page we generate (annotation indexes, the areas index): its front matter escaped like any page's."""
    meta, body_start, _ = split_front_matter(text, rel)
    return _escaped_front_matter(text[:body_start], meta) + text[body_start:]


def heading_title(markdown: str) -> str | None:
    """The target-language text of the first `# heading` holding translation units (the page title)."""
    match = _H1.search(markdown)
    if match is None or "data-ttu-id" not in match.group("text"):
        return None
    page = parse_sxs(match.group("text"), body_only=True)
    target = render_page(page, render_unit=lambda unit, target, source: target)
    text = _SPACE.sub(" ", _TAG.sub("", target)).strip()
    return text.replace("**", "").replace("`", "") or None


_BLOCK_MARK = "SXS-ANNOTATIONS-BLOCK-7f3a"  # plain text: the DocFX transform leaves it alone
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])?\s*$")


def with_annotation_block(text: str, rel: str, found: PageAnnotations, index: AnnotationIndex,
                          settings: SiteSettings, default_locale: str | None) -> tuple[str, str]:
    """The page with a marker line where its annotation block goes, and the block (core.annotations.render).

    What the MkDocs plugin does on the rendered HTML, done on the Markdown: the first annotation
    unit's line becomes the block's line (a raw HTML block once the marker is replaced), the other
    annotation units are removed, and lines left with nothing but a list marker go too.
    """
    model = parse_sxs(text, rel)
    wanted = set(found.unit_ids)
    first: dict[str, TranslationUnit] = {}
    for unit in model.units:
        if unit.id in wanted and unit.id not in first:
            first[unit.id] = unit
    lead = found.unit_ids[0] if found.unit_ids else None
    if lead not in first:
        return text, ""
    locale = page_locale(split_front_matter(text, rel)[0], settings.locale or default_locale)
    def href_for(kind: str, name: str) -> str | None:  # to the file: Zensical rewrites links in HTML too
        path = index.path_of(kind, name)
        return file_relative(path, rel) if path else None

    block = annotation_block(found, locale=locale, href_for=href_for, source_lang=settings.source_lang)
    if not block:
        return text, ""
    out: list[str] = []
    position, line, touched = 0, 0, set()
    for unit in sorted(first.values(), key=lambda u: u.start):
        before = text[position : unit.start]
        line += before.count("\n")
        touched.add(line)  # the line of the output the unit was on
        out += [before, _BLOCK_MARK if unit.id == lead else ""]
        position = unit.end
    lines = ("".join(out) + text[position:]).split("\n")
    kept: list[str] = []
    for number, text_line in enumerate(lines):
        if _BLOCK_MARK in text_line:
            rest = text_line.replace(_BLOCK_MARK, "")
            kept += ["", _BLOCK_MARK, ""] + ([] if _LIST_MARKER.match(rest) else [rest])
        elif number in touched and _LIST_MARKER.match(text_line):
            continue  # a line that held only annotation units
        else:
            kept.append(text_line)
    return "\n".join(kept), block


def _annotation_pages(found: dict[str, PageAnnotations], index: AnnotationIndex, content: SiteContent,
                      settings: SiteSettings) -> None:
    """Role and product browse pages, their overview pages in the navigation, and annotations.json."""
    locales: dict[str, int] = {}
    for page in found.values():
        if page.locale:
            locales[page.locale] = locales.get(page.locale, 0) + 1
    locale = settings.locale or (max(locales, key=lambda name: locales[name]) if locales else None)
    directory = settings.use_directory_urls

    def url_for(here: str, target: str) -> str:  # to the file: Zensical rewrites links in HTML too
        return file_relative(target, here)

    for path, markdown in generated_pages(index, locale=locale, url_for=url_for).items():
        if path in content.files:
            content.problems.append(Problem(path, 1, 1, "annotation-page-exists", f"{path} exists in the docs; the "
                                            "generated annotation index page of that name is not added", LEVEL_WARNING))
            continue
        content.files[path] = SiteFile(path, generated_markdown(markdown, path))
        content.generated.add(path)
    content.appendix = [(index_title(kind, locale), index_path(kind)) for kind in KINDS
                        if index_path(kind) in content.files]
    data = report(list(found.values()))
    for record in data["pages"]:
        record["url"] = page_url(record["page"], directory)
    content.files[ANNOTATIONS_JSON] = SiteFile(ANNOTATIONS_JSON, json.dumps(data, ensure_ascii=False, indent=1))


def _redirect_pages(root: str, settings: SiteSettings, files_on_disk: dict[str, str], url_base: str | None,
                    external_base: str, content: SiteContent) -> None:
    """A small HTML page at each old URL of `.openpublishing.redirection.json` (old pages still there win)."""
    setting = settings.redirects
    path = Path(root, setting) if isinstance(setting, str) and setting else find_redirection_file(root)
    if path is None or not path.is_file():
        return
    redirects, problems = read_redirects(path, root, files_on_disk, url_base, external_base)
    content.problems += problems
    pages = set(content.pages)
    for redirect in redirects:
        if redirect.source in content.files:
            continue
        if redirect.external:
            url = redirect.target
        else:
            target = content.yaml_pages.get(redirect.target, redirect.target)
            if target not in pages:
                moved_include = "includes" in redirect.target.lower().split("/")[:-1]
                kind = "an include file, not a page: no redirect page written" if moved_include else \
                    "which is not a page of the site"
                content.problems.append(Problem(str(path), redirect.line, 1, "redirect-not-a-page",
                                                f"redirect of '{redirect.source}' points to '{redirect.target}', "
                                                f"{kind}", LEVEL_INFO if moved_include else LEVEL_WARNING))
                continue
            url = page_url(target, settings.use_directory_urls) + (f"#{redirect.fragment}" if redirect.fragment else "")
        dest = redirect_dest(redirect.source, settings.use_directory_urls)
        if dest in content.files:
            continue
        content.files[dest] = SiteFile(dest, redirect_html(url_from(dest, url), url if "://" in url else None))
        content.redirects += 1
