"""`mkdocs-sxs init DOCSET_DIR`: a ready mkdocs.yml for an existing DocFX docset, nothing converted."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

import yaml

from ..core.docfx.config import DocsetInfo, inspect_docset, is_docset
from ..core.linkcheck.partial_export import export_completeness
from ..core.reader.i18n import language_of
from ..core.reader.meta_text import meta_html
from .errors import UserError
from .init_zensical import add_engine_arguments, run_zensical


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "init", help="write a mkdocs.yml for a DocFX docset",
        description="Write a ready mkdocs.yml for an existing DocFX docset (docfx.json, TOC.yml, YAML pages, "
        "redirects); then run `mkdocs build -f` on it.",
    )
    parser.add_argument("docset", metavar="DOCSET_DIR", nargs="+",
                        help="the docset folder (with docfx.json or TOC.yml); several exports of the same docset "
                        "in other locales make one multi-locale project (see init_locales.py)")
    parser.add_argument("--output", "-o", default=None,
                        help="where to write (default: ./mkdocs.yml; with several docsets a folder, default: .; "
                        "with --engine zensical: the project folder, default ./zensical-site)")
    parser.add_argument("--site-url", help="several docsets: the site's public URL (absolute hreflang and sitemap)")
    parser.add_argument("--default-locale", metavar="TAG", help="several docsets: the x-default locale "
                        "(default: the first)")
    parser.add_argument("--site-dir", help="output folder of the build (default: site/ next to mkdocs.yml)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    parser.add_argument("--include-fallback", metavar="DIR",
                        help="the English repository's docset folder: missing includes are taken from it")
    parser.add_argument("--partial-export", action=argparse.BooleanOptionalAction, default=None,
                        help="the docset is a partial export: missing includes and TOC targets are info, "
                        "so `mkdocs build --strict` passes (writes missing_targets: info); default: detected "
                        "(many includes and TOC targets missing)")
    add_engine_arguments(parser)  # --engine zensical and its options (init_zensical.py)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if getattr(args, "engine", "mkdocs") == "zensical":
        if len(args.docset) > 1:
            raise UserError("--engine zensical takes one docset; a multi-locale site is built with MkDocs "
                            "(give several docsets without --engine)")
        args.docset = args.docset[0]
        return run_zensical(args)
    if len(args.docset) > 1:
        from .init_locales import run_locales

        return run_locales(args)
    args.output = args.output or "mkdocs.yml"
    docset = Path(args.docset[0])
    if not docset.is_dir():
        raise UserError(f"{docset} is not a folder; give the docset folder (the one with docfx.json or TOC.yml)")
    if not is_docset(docset):
        raise UserError(f"{docset} has neither docfx.json nor a TOC file at its top; is it a DocFX docset?")
    output = Path(args.output)
    if output.exists() and not args.force:
        raise UserError(f"{output} exists; use --force to overwrite it")
    fallback = getattr(args, "include_fallback", None)
    if fallback and not Path(fallback).is_dir():
        raise UserError(f"--include-fallback {fallback} is not a folder; give the English repository's docset folder")
    info = inspect_docset(docset)
    config = mkdocs_config(info, output.resolve().parent, args.site_dir)
    sxs = config["plugins"][1]["sxs"]
    if fallback:
        sxs["include_fallback"] = _relative_to(Path(fallback).resolve(), output.resolve().parent)
    partial = getattr(args, "partial_export", None)
    if partial is None:  # detect it: many includes and TOC entries whose files are not in the docset
        found = export_completeness(docset, (f"/{info.dest}",) if info.dest else (), fallback)
        partial = found.partial
        if partial:
            print(f"partial export: {found.missing_includes:,} include(s) and {found.missing_toc_targets:,} TOC "
                  "entr(y/ies) point at files not in the docset; they are counted, listed in the build report "
                  "and do not fail --strict (missing_targets: info; --no-partial-export turns this off)")
    if partial:
        sxs["missing_targets"] = "info"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render(config, info), encoding="utf-8")
    size = "large docset: pruned per-area navigation" if info.large else "full navigation"
    print(f"wrote {output} for {info.page_count} pages ({size}); build with: mkdocs build -f {output}")
    return 0


def mkdocs_config(info: DocsetInfo, config_dir: Path, site_dir: str | None = None) -> dict[str, Any]:
    """The mkdocs.yml content for a docset, as data."""
    root = Path(info.root).resolve()
    docs_dir = os.path.relpath(root, config_dir) if root.is_relative_to(config_dir) else str(root)
    # Themes print site_name unescaped: the repository's title (docfx.json, TOC) is text, escaped like front matter.
    name = meta_html(info.site_name)
    # content.tabs.link: DocFX tab groups of a page switch together (tabs of one id share a label)
    features = ["navigation.instant", "content.tooltips", "navigation.top", "content.tabs.link"]
    if info.large:
        # Each page carries only its active path through the navigation, not all pages' links.
        features += ["navigation.prune"]
    sxs: dict[str, Any] = {"docfx": True}
    if info.locale:
        sxs["locale"] = info.locale
    if info.dest:
        sxs["url_base"] = info.dest
        sxs["link_url_prefixes"] = [f"/{info.dest}"]  # the link checker's view of docset-absolute links
    if info.large and len(info.tocs) > 1:
        sxs["nav_mode"] = "area"
    if info.bilingual_type and "hover" not in info.bilingual_type.lower():
        sxs["default_mode"] = "both"
    config: dict[str, Any] = {
        "site_name": name,
        "docs_dir": docs_dir,
        "site_dir": site_dir or "site",
        "use_directory_urls": True,
        "theme": {"name": "material", "language": language_of(info.locale), "features": features},
        "plugins": ["search", {"sxs": sxs}],
        "markdown_extensions": [{"toc": {"permalink": True}}, "admonition", "attr_list", "tables",
                                # fenced code inside list items (as CommonMark reads it); no Pygments: cheap
                                {"pymdownx.highlight": {"use_pygments": False}}, "pymdownx.superfences"],
        # DocFX docsets link to other docsets with site-absolute URLs; those are expected.
        "validation": {"links": {"absolute_links": "info", "unrecognized_links": "info"},
                       "nav": {"omitted_files": "info"}},
    }
    return config


def _relative_to(path: Path, config_dir: Path) -> str:
    """A folder as mkdocs.yml should name it: relative when it is below the config's folder."""
    return os.path.relpath(path, config_dir) if path.is_relative_to(config_dir) else str(path)


def render(config: dict[str, Any], info: DocsetInfo) -> str:
    header = (
        f"# Written by `mkdocs-sxs init` for the DocFX docset {info.root}\n"
        f"# ({info.page_count} pages, TOCs: {', '.join(info.tocs) or 'none'}). Edit freely.\n"
    )
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
