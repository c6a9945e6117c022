"""Write a Zensical project for a docset: `zensical.toml` and a `docs/` folder the core made (core.site.project).

Zensical runs no plugins (it skips the `plugins:` it does not know) but runs
Python-Markdown extensions, so the project is the docset with all site-level work
done (`site_content`), our `sxs` extension listed under `markdown_extensions`, and
our CSS/JS under `docs/assets/sxs/`. `docs_dir` is `docs`, inside the project and
relative, as Zensical requires. Writing again refreshes the project: only changed
files are written (`zensical serve` rebuilds just those), files no longer produced
are removed from `docs/`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from ..core.files.atomicio import write_bytes_atomic
from ..core.files.safe_paths import UnsafePathError, resolve_output
from ..core.reader.i18n import language_of
from ..core.reader.model import LEVEL_WARNING, Problem
from ..core.site.nav import NavNode
from ..core.site.project import SiteContent, SiteSettings, site_content
from . import toml

CONFIG_NAME = "zensical.toml"
DOCS_DIR = "docs"
SITE_DIR = "site"
MARKER = "# Written by `mkdocs-sxs init --engine zensical`"
ASSETS_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "assets")
ASSET_URL = "assets/sxs"
ASSET_FILES = ("sxs.css", "sxs.js", "sxs-docfx.css", "sxs-docfx.js")  # sxs-docfx.js: zone and version selectors
ANNOTATION_ASSETS = ("sxs-annotations.css", "sxs-annotations.js")
# What the transformed Markdown relies on (as the MkDocs plugin and `init` set up for MkDocs).
MARKDOWN_EXTENSIONS: list[tuple[str, dict[str, Any]]] = [
    ("toc", {"permalink": True}),
    ("admonition", {}),
    ("attr_list", {}),
    ("md_in_html", {}),
    ("sane_lists", {}),
    ("tables", {}),
    ("pymdownx.highlight", {"use_pygments": False}),
    # DocFX's ```mermaid as a diagram: Material's documented custom fence (Zensical resolves the format's name)
    ("pymdownx.superfences", {"custom_fences": [{"name": "mermaid", "class": "mermaid",
                                                  "format": "pymdownx.superfences.fence_code_format"}]}),
]


class ProjectError(Exception):
    """The output folder cannot take the project (the message says why and what to do)."""


@dataclass
class WriteResult:
    content: SiteContent
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def is_our_project(folder: Path) -> bool:
    config = folder / CONFIG_NAME
    try:
        return config.is_file() and config.read_text(encoding="utf-8").startswith(MARKER)
    except (OSError, UnicodeDecodeError):
        return False


def check_output(docset: Path, out: Path, force: bool) -> None:
    """Refuse folders that are not ours (unless --force) and folders that overlap the docset."""
    source, target = docset.resolve(), out.resolve()
    if target == source or target.is_relative_to(source) or source.is_relative_to(target / DOCS_DIR):
        raise ProjectError(f"{out}: the project folder must be outside the docset {docset} (and not hold it in "
                           f"{DOCS_DIR}/); choose another --output")
    if out.exists() and not out.is_dir():
        raise ProjectError(f"{out} is a file; give a folder for the Zensical project")
    if out.is_dir() and any(out.iterdir()) and not is_our_project(out) and not force:
        raise ProjectError(f"{out} is not empty and holds no project written by mkdocs-sxs; use --force to write "
                           f"into it (its {DOCS_DIR}/ and {CONFIG_NAME} are replaced)")


def write_project(docset: str | os.PathLike[str], out: str | os.PathLike[str], settings: SiteSettings, *,
                  features: list[str] | None = None) -> WriteResult:
    """Make the project in `out` from `docset` (call `check_output` first)."""
    out_path = Path(out)
    content = site_content(docset, settings)
    result = WriteResult(content)
    docs = out_path / DOCS_DIR
    wanted: dict[str, tuple[str | None, str | None]] = {
        path: (file.text, file.source) for path, file in content.files.items()}
    assets = ASSET_FILES + (ANNOTATION_ASSETS if settings.annotations else ())
    for name in assets:
        wanted[f"{ASSET_URL}/{name}"] = (None, os.path.join(ASSETS_DIR, name))
    allowed = [os.path.realpath(content.root), os.path.realpath(ASSETS_DIR)] + [
        os.path.realpath(folder) for folder in (settings.media_fallback, settings.include_fallback)
        if folder and "://" not in folder]
    for path, (text, source) in sorted(wanted.items()):
        if text is not None:
            data = text.encode("utf-8")
        else:
            real = os.path.realpath(source or "")
            if not any(real == base or real.startswith(base + os.sep) for base in allowed):
                continue  # a symlink out of the docset: never copied into a site
            data = Path(real).read_bytes()
        try:
            target = resolve_output(docs, path)  # inside docs/, no symlink out (a redirect's `../../x`)
        except UnsafePathError as error:
            content.problems.append(Problem(path, 1, 1, "output-outside", f"{error}; not written", LEVEL_WARNING))
            continue
        try:
            if target.is_file() and target.read_bytes() == data:
                result.unchanged += 1
                continue
        except OSError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(target, data)
        result.written.append(path)
    if docs.is_dir():
        for folder, _dirs, names in os.walk(docs, topdown=False):
            for name in names:
                rel = os.path.relpath(os.path.join(folder, name), docs).replace(os.sep, "/")
                if rel not in wanted:
                    os.remove(os.path.join(folder, name))
                    result.removed.append(rel)
            if folder != str(docs) and not os.listdir(folder):
                os.rmdir(folder)
    config = render_config(content, settings, docset, features)
    config_path = out_path / CONFIG_NAME
    if not config_path.is_file() or config_path.read_text(encoding="utf-8") != config:
        write_bytes_atomic(config_path, config.encode("utf-8"))
        result.written.append(CONFIG_NAME)
    return result


def nav_list(content: SiteContent) -> list[Any]:
    """The TOC navigation in the `nav:` shape Zensical reads (MkDocs' shorthand), the annotation overviews last."""
    appendix = [{escape(title, quote=False): path} for title, path in content.appendix]
    if content.nav is None:  # a plain folder of pages: each page under its own title, home first
        listed = {path for _, path in content.appendix} | content.generated
        pages = sorted((path for path in content.pages if path not in listed), key=lambda p: (p != "index.md", p))
        return [*pages, *appendix]

    def item(node: NavNode) -> dict[str, Any]:
        # Zensical prints nav titles unescaped (as MkDocs' themes do); TOC text is untrusted: escape it
        title = escape(node.title, quote=False)
        if node.children:
            return {title: [item(child) for child in node.children]}
        return {title: node.url or node.link_to or node.src}

    return [item(node) for node in content.nav.items] + appendix


def render_config(content: SiteContent, settings: SiteSettings, docset: str | os.PathLike[str],
                  features: list[str] | None = None) -> str:
    assets = ASSET_FILES + (ANNOTATION_ASSETS if settings.annotations else ())
    project: dict[str, Any] = {
        "site_name": escape(content.title, quote=False),
        "docs_dir": DOCS_DIR,
        "site_dir": SITE_DIR,
        "use_directory_urls": settings.use_directory_urls,
        "extra_css": [f"{ASSET_URL}/{name}" for name in assets if name.endswith(".css")],
        "extra_javascript": [f"{ASSET_URL}/{name}" for name in assets if name.endswith(".js")],
    }
    nav = nav_list(content)
    if nav:
        project["nav"] = nav
    theme = {
        "language": language_of(content.locale),
        "features": features if features is not None else ["navigation.instant", "content.tooltips",
                                                            "navigation.top"],
        "font": False,  # no Google Fonts: the site loads nothing from a CDN
    }
    # Links are checked by Zensical; anchors not: it checks them against the Markdown before our extension gives
    # DocFX's heading ids, so it reports anchors that work. `mkdocs-sxs check DOCSET` checks both, DocFX's way.
    validation = {"invalid_links": True, "invalid_link_anchors": False}
    tables: list[tuple[tuple[str, ...], dict[str, Any]]] = [
        (("project",), project), (("project", "theme"), theme), (("project", "validation"), validation)]
    tables.append((("project", "markdown_extensions", "sxs"), {"source_lang": settings.source_lang}))
    tables += [(("project", "markdown_extensions", name), options) for name, options in MARKDOWN_EXTENSIONS]
    header = (f"{MARKER} from {Path(docset).resolve()}.\n"
              "# Run the same command again after changing the docset or its translations: it refreshes docs/ and\n"
              "# this file (edits here are overwritten). Build with `zensical build` in this folder.\n\n")
    return header + toml.dumps(tables)
