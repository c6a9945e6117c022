"""The MkDocs side of a multi-locale site (`locales:` option, see core/locales/).

Each locale is its own MkDocs build; this adapter reads the manifest, finds
the locale this build is, and adds to its pages what ties the locales
together: the picker in the page, hreflang/og:locale in `<head>`, the notice
on the home page, and xhtml:link alternates in `sitemap.xml`.
"""

from __future__ import annotations

import os
import shutil
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from ..core.files.config_paths import config_relative
from ..core.locales.alternates import LocaleSite, Version
from ..core.locales.manifest import ManifestError, load_manifest
from ..core.locales.markup import (
    add_to_head,
    alternate_links,
    head_html,
    missing_notice_html,
    picker_html,
    sitemap_with_alternates,
)

ASSET = "sxs-locales.css"


class LocalesAdapter:
    def __init__(self, manifest_option: str, config: Any, assets_dir: str, asset_url: str) -> None:
        path = config_relative(getattr(config, "config_file_path", None), manifest_option) or manifest_option
        try:
            manifest = load_manifest(path)
        except ManifestError as error:
            raise PluginError(f"sxs: locales: {error}") from None
        current = manifest.entry_for_config(getattr(config, "config_file_path", None))
        if current is None:
            raise PluginError(f"sxs: locales: {path} lists no locale with config "
                              f"{getattr(config, 'config_file_path', None)}; add it or fix `config:` there")
        self.site = LocaleSite(manifest, current)
        self.assets_dir = assets_dir
        self.asset_url = asset_url
        self._versions: dict[str, list[Version]] = {}
        url = f"{asset_url}/{ASSET}"
        if url not in [str(item) for item in config.extra_css]:
            config.extra_css.append(url)

    def _page_versions(self, page: Page) -> list[Version]:
        versions = self._versions.get(page.file.src_uri)
        if versions is None:
            on_disk = bool(page.file.abs_src_path) and not page.meta.get("sxs_generated")
            src = page.file.src_uri
            if not on_disk and self.site.has_page(self.site.current, src):
                on_disk = True  # a YAML page (index.yml -> index.md) is generated but has its file
            versions = self._versions[src] = self.site.versions(src, page.url, on_disk=on_disk)
        return versions

    def page_content(self, html: str, page: Page) -> str:
        """The picker before the page's content; on the home page, the notice for missing pages."""
        versions = self._page_versions(page)
        notice = missing_notice_html(self.site.current.tag) if page.url in ("", "index.html") else ""
        return picker_html(self.site, versions) + notice + html

    def post_page(self, output: str, page: Page) -> str:
        return add_to_head(output, head_html(self.site, self._page_versions(page)))

    def post_build(self, config: Any) -> None:
        target = os.path.join(config.site_dir, *self.asset_url.split("/"))
        os.makedirs(target, exist_ok=True)
        shutil.copyfile(os.path.join(self.assets_dir, ASSET), os.path.join(target, ASSET))
        self._sitemap(config)

    def _sitemap(self, config: Any) -> None:
        """xhtml:link alternates in this locale's sitemap (MkDocs writes one only with `site_url`)."""
        path = os.path.join(config.site_dir, "sitemap.xml")
        if not self.site.manifest.site_url or not os.path.isfile(path):
            return
        # with site_url every href is absolute, and the page's own href is its sitemap <loc>
        alternates = {_own_href(versions): alternate_links(self.site, versions)
                      for versions in self._versions.values()}
        with open(path, encoding="utf-8") as handle:
            xml = handle.read()
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(sitemap_with_alternates(xml, alternates))


def _own_href(versions: list[Version]) -> str:
    return next(version.href for version in versions if version.current)
