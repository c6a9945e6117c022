"""Options of the `sxs` MkDocs plugin, validated by MkDocs' own config options."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SxsConfig(Config):
    enabled = c.Type(bool, default=True)
    # Language tag of the English originals (the `lang` of their spans).
    source_lang = c.Type(str, default="en")
    # Locale for pages whose front matter has no `ms.contentlocale`.
    locale = c.Optional(c.Type(str))
    # The view a first-time reader gets: target language, English, or both.
    default_mode = c.Choice(("target", "source", "both"), default="target")
    # Put the English originals into the search index too.
    search_source = c.Type(bool, default=False)
    # Index accent-free spellings so `zakaznik` finds `zákazník`.
    search_fold_diacritics = c.Type(bool, default=True)
    # Index terms inside Hangul/Han/Kana/Thai words, so `니케` finds `커뮤니케이션` (core/search/segments.py).
    search_segment_words = c.Type(bool, default=True)
    # Split pages into search sections with our scanner (core/search/sections.py): the entries
    # Material's search parser makes, in a fraction of its time.
    search_fast_index = c.Type(bool, default=True)
    # Show the language bar (switch, machine-translation notice, date).
    page_bar = c.Type(bool, default=True)
    # Report malformed translation units as warnings (fail under --strict).
    report_malformed = c.Choice(("warning", "info", "ignore"), default="warning")
    # Populate pages (parse, DocFX transform, Markdown → HTML, search sections) in worker processes
    # on every core: `auto` with 2+ CPUs and 100+ pages; the site is byte-identical to a serial build.
    parallel = c.Choice(("auto", True, False), default="auto")
    # Render each navigation item off the page's active path once and reuse it on every page
    # (Material's nav-item.html; byte-identical to rendering it per page; nav_fragments.py).
    nav_fragments = c.Type(bool, default=True)
    # Every finding of a build (malformed units, DocFX, TOC and link problems), grouped by category;
    # relative to mkdocs.yml (in site_dir when that falls inside docs_dir); empty: no file. The log
    # shows one line per category with more than 3 findings; `-v` lists every finding.
    build_report = c.Type(str, default="sxs-build-report.txt")

    # Translation units
    # Catalogs with translators' post-edits (translations/<locale>/<page>.po), relative to
    # mkdocs.yml; a missing folder means no post-edits.
    translations_dir = c.Type(str, default="translations")
    # Add a translation report page and on-demand TU ids / QA flags (for the team, not the public site).
    translation_report = c.Type(bool, default=False)
    # Turn "Applies to" / "Appropriate roles" lines into chips, index pages and annotations.json.
    annotations = c.Type(bool, default=True)

    # Link checks
    # Check every link, anchor, include, image and TOC entry of docs_dir after each build
    # (also under `mkdocs serve`, unchanged pages included); error-level findings are
    # logged as warnings, so `mkdocs build --strict` fails on them.
    link_check = c.Type(bool, default=True)
    # Levels per category, e.g. {media-missing: ignore, case-mismatch: error}.
    link_levels = c.Type(dict, default={})
    # Site paths the docset is published under, for docset-absolute links (`/partner-center`).
    link_url_prefixes = c.Type(list, default=[])
    # Where media missing from the repository come from: a folder or an http(s) URL.
    link_media_fallback = c.Optional(c.Type(str))
    # The English source docset: pages missing here but present there are "not-localized".
    link_source_fallback = c.Optional(c.Type(str))
    # Silence MkDocs' own link validation, which reports every link inside a translation
    # unit twice (translation and English original) and knows no TOC.yml, includes or redirects.
    link_check_replaces_validation = c.Type(bool, default=True)

    # DocFX docsets (docs_dir is a DocFX docset: docfx.json, TOC.yml, YAML pages, redirects).
    # `auto`: on when docs_dir has docfx.json or a TOC file at its top.
    docfx = c.Choice((True, False, "auto"), default="auto")
    # TOC file(s) to build the navigation from, relative to docs_dir; default: every top-level TOC.
    toc = c.Optional(c.Type((str, list)))
    # Redirection file (path relative to docs_dir); true: find .openpublishing.redirection.json up the tree.
    redirects = c.Type((bool, str), default=True)
    # `area`: each page renders only its own TOC's navigation (big docsets); `full`: one navigation; `auto`.
    nav_mode = c.Choice(("auto", "full", "area"), default="auto")
    # The docset's URL path on the published site (`partner-center`); default from docfx.json `dest`.
    url_base = c.Optional(c.Type(str))
    # Where TOC entries and redirects to other docsets (`/azure/…`) point; `{locale}` is the page locale.
    learn_base_url = c.Type(str, default="https://learn.microsoft.com/{locale}")

    # DocFX Markdown: includes, alerts, :::image:::, rows/columns, DocFX links, media.
    docfx_markdown = c.Type(bool, default=True)
    # Where links to other docsets (`/azure/…`) go; `{locale}` is the page locale, lowercased.
    # Default: learn_base_url (https://learn.microsoft.com/{locale}).
    external_base_url = c.Optional(c.Type(str))
    # A folder (the English docset checkout) or base URL that missing media are taken from.
    media_fallback = c.Optional(c.Type(str))
    # The English repository's docset folder: includes missing here are taken from it (shown as untranslated).
    include_fallback = c.Optional(c.Type(str))
    # The English repository's docset folder: code snippet files missing here are read from it
    # (default: include_fallback).
    snippet_fallback = c.Optional(c.Type(str))
    # A partial export: `info` reports TOC entries and includes whose target is missing at info level
    # (one count line at the end of the build, the list with -v), so `--strict` passes.
    missing_targets = c.Choice(("warning", "info"), default="warning")
    # Where cross-references to uids the docset does not define (.NET API names) link to: `{locale}`
    # is the page locale, lowercased; the uid (lowercased, `.`-separated) is appended.
    xref_base_url = c.Type(str, default="https://learn.microsoft.com/{locale}/dotnet/api/")
    # Xref map files (`xrefmap.yml` of other docsets: uid, name, href) read besides those docfx.json's
    # `build.xref` names; relative to the config file. Local files only: nothing is downloaded.
    xref_maps = c.ListOfItems(c.Type(str), default=[])
    # URL prefixes the docset is published under (`/partner-center/`); default: url_base,
    # link_url_prefixes, else `dest` of docfx.json.
    docset_url_prefixes = c.ListOfItems(c.Type(str), default=[])

    # Limits for hostile or broken repositories (README "Hostile and broken input"); raise them
    # for a trusted docset that really needs more.
    # Alias uses (`*name`) in one YAML document (front matter, TOC, Landing/FAQ).
    yaml_max_aliases = c.Type(int, default=1_000)
    # Values one YAML document may expand to through its aliases.
    yaml_max_nodes = c.Type(int, default=1_000_000)
    # Nesting of lists and mappings in one YAML document.
    yaml_max_depth = c.Type(int, default=100)
    # Includes nest at most this deep.
    include_max_depth = c.Type(int, default=10)
    # The included files of one page add up to at most this many bytes.
    include_max_bytes = c.Type(int, default=5 * 1024 * 1024)
    # TOC nesting kept in the navigation; deeper entries are listed flat under the last kept level.
    toc_max_depth = c.Type(int, default=9)
    # A multi-locale site: the `locales.yml` manifest (relative to mkdocs.yml) that lists every locale;
    # this build adds the picker, hreflang links and sitemap alternates (core/locales/).
    locales = c.Optional(c.Type(str))
    # Write the build's link check as a JSON report to this file (relative to mkdocs.yml);
    # `mkdocs-sxs build-locales` combines the locales' reports into one.
    link_report = c.Optional(c.Type(str))
    # Build cache (mkdocs/build_cache.py, core/cache/): reuse each page's Markdown conversion from
    # `.cache/mkdocs-sxs/` (next to mkdocs.yml) while its inputs are unchanged; output identical.
    # Unset: on for `mkdocs serve` and review mode (every rebuild after the first is warm), off for
    # `mkdocs build` (writing the cache makes a cold build slower). true/false: always/never.
    build_cache = c.Optional(c.Type(bool))
    # Where the cache lives, relative to mkdocs.yml.
    build_cache_dir = c.Type(str, default=".cache/mkdocs-sxs")
    # `mkdocs serve`: the pages open in a browser show an edit before the site is rebuilt (serve_first.py)
    serve_first = c.Type(bool, default=True)
