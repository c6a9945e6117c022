"""`mkdocs-sxs init A B C`: one project for several locale exports of the same docset.

Writes, in the output folder, `locales.yml` (the manifest, core/locales/manifest.py)
and one `mkdocs.<locale>.yml` per locale, each the config `init` writes for
that docset plus `site_dir: site/<locale>/`, `locales: locales.yml` and a
JSON link report. `mkdocs-sxs build-locales` builds them all (side by side)
into one site: `site/cs-cz/…`, `site/fr-fr/…`, a root page and sitemap index.
"""

from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path

from ..core.docfx.config import inspect_docset, is_docset
from ..core.locales.manifest import MANIFEST_NAME, LocaleEntry, LocaleManifest, dump_manifest, url_segment
from .errors import UserError
from .init import _relative_to, mkdocs_config, render


def material_language(tag: str) -> str:
    """Material's theme language for a locale: `pt-BR`, `zh-TW` where Material has them, else the language."""
    # Material's language partials, looked up as files (the CLI imports no engine)
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.origin:
        return tag.split("-")[0].lower()
    folder = Path(spec.origin).parent / "templates" / "partials" / "languages"
    parts = tag.replace("_", "-").split("-")
    for candidate in (f"{parts[0].lower()}-{parts[-1].upper()}", parts[0].lower()):
        if (folder / f"{candidate}.html").is_file():
            return candidate
    return parts[0].lower()


def run_locales(args: argparse.Namespace) -> int:
    out = Path(args.output or ".")
    if out.suffix in (".yml", ".yaml"):
        raise UserError(f"--output {out}: with several docsets give a folder; it gets {MANIFEST_NAME} and "
                        "one mkdocs.<locale>.yml per locale")
    fallback = getattr(args, "include_fallback", None)
    if fallback and not Path(fallback).is_dir():
        raise UserError(f"--include-fallback {fallback} is not a folder; give the English repository's docset folder")
    site_url = args.site_url.rstrip("/") + "/" if getattr(args, "site_url", None) else None
    if site_url and not site_url.startswith(("http://", "https://")):
        raise UserError(f"--site-url {args.site_url}: give the site's public http(s) URL")
    out_abs = out.resolve()
    infos = []
    for name in args.docset:
        docset = Path(name)
        if not docset.is_dir():
            raise UserError(f"{docset} is not a folder; give the docset folder (the one with docfx.json or TOC.yml)")
        if not is_docset(docset):
            raise UserError(f"{docset} has neither docfx.json nor a TOC file at its top; is it a DocFX docset?")
        info = inspect_docset(docset)
        if not info.locale:
            raise UserError(f"{docset}: its pages have no ms.contentlocale and docfx.json names no locale; "
                            "cannot tell which locale it is")
        infos.append(info)
    entries: list[LocaleEntry] = []
    for info in infos:
        tag = str(info.locale)
        path = url_segment(tag)
        if any(entry.path == path for entry in entries):
            raise UserError(f"two docsets are locale {tag}: give each locale once")
        docs_dir = _relative_to(Path(info.root).resolve(), out_abs)
        entries.append(LocaleEntry(tag=tag, path=path, config=f"mkdocs.{path}.yml", docs_dir=docs_dir))
    default = entries[0].path
    if getattr(args, "default_locale", None):
        default = url_segment(args.default_locale)
        if default not in [entry.path for entry in entries]:
            raise UserError(f"--default-locale {args.default_locale} is none of the docsets' locales "
                            f"({', '.join(entry.tag for entry in entries)})")
    site_dir = args.site_dir or "site"
    manifest = LocaleManifest(out_abs / MANIFEST_NAME, entries, default, site_dir, site_url)
    targets = [out / MANIFEST_NAME] + [out / entry.config for entry in entries]
    existing = [str(path) for path in targets if path.exists()]
    if existing and not args.force:
        raise UserError(f"{', '.join(existing)} exist(s); use --force to overwrite")
    out.mkdir(parents=True, exist_ok=True)
    for info, entry in zip(infos, entries, strict=True):
        config = mkdocs_config(info, out_abs, f"{site_dir}/{entry.path}")
        config["theme"]["language"] = material_language(entry.tag)
        if site_url:
            config = {"site_url": f"{site_url}{entry.path}/", **config}
        sxs = config["plugins"][1]["sxs"]
        sxs["locales"] = MANIFEST_NAME
        sxs["link_report"] = f"reports/links.{entry.path}.json"
        if fallback:
            sxs["include_fallback"] = _relative_to(Path(fallback).resolve(), out_abs)
        if getattr(args, "partial_export", False):
            sxs["missing_targets"] = "info"
        (out / entry.config).write_text(render(config, info), encoding="utf-8")
    (out / MANIFEST_NAME).write_text(dump_manifest(manifest), encoding="utf-8")
    names = ", ".join(f"{entry.tag} ({info.page_count} pages)" for info, entry in zip(infos, entries, strict=True))
    where = out / MANIFEST_NAME
    print(f"wrote {where} and {len(entries)} configs for {names}; build all with: mkdocs-sxs build-locales {where}")
    return 0
