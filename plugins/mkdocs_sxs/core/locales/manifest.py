"""`locales.yml`: the locales of one multi-locale site, written by `mkdocs-sxs init` with several docsets.

One entry per locale: its language tag (`cs-CZ`), the URL folder it is
published under (`cs-cz`), its project config and its docs folder (both
relative to the manifest). Every locale is built on its own (its own search
index, link check, `<html lang>`); the manifest is what each build reads to
link to the same page in the other locales.

```yaml
default: cs-cz
site_dir: site
site_url: https://docs.example.com/partner-center/   # optional; absolute hreflang/sitemap URLs
locales:
  - {tag: cs-CZ, path: cs-cz, config: mkdocs.cs-cz.yml, docs_dir: ../corpus/partner-center.cs-CZ/partner-center}
```
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..files import bounded_yaml

MANIFEST_NAME = "locales.yml"
MAX_MANIFEST_BYTES = 1_000_000
_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
_PATH = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


class ManifestError(ValueError):
    """A locales.yml that cannot be used; the message names the file and what to fix."""


@dataclass(frozen=True)
class LocaleEntry:
    tag: str          # BCP 47 as published (`cs-CZ`): hreflang, <html lang>
    path: str         # URL folder under the site (`cs-cz`)
    config: str       # project config, relative to the manifest
    docs_dir: str     # docs folder, relative to the manifest (or absolute)


@dataclass
class LocaleManifest:
    file: Path
    locales: list[LocaleEntry]
    default: str
    site_dir: str = "site"
    site_url: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def folder(self) -> Path:
        return self.file.parent

    def docs_dir(self, entry: LocaleEntry) -> Path:
        return (self.folder / entry.docs_dir).resolve()

    def config_file(self, entry: LocaleEntry) -> Path:
        return (self.folder / entry.config).resolve()

    def by_path(self, path: str) -> LocaleEntry | None:
        return next((entry for entry in self.locales if entry.path == path), None)

    def entry_for_config(self, config_file: str | Path | None) -> LocaleEntry | None:
        """The locale built by this project config (matched by resolved file)."""
        if not config_file:
            return None
        wanted = Path(config_file).resolve()
        return next((entry for entry in self.locales if self.config_file(entry) == wanted), None)

    @property
    def default_entry(self) -> LocaleEntry:
        return self.by_path(self.default) or self.locales[0]


def url_segment(tag: str) -> str:
    """`cs-CZ` -> `cs-cz`, `zh_Hant_TW` -> `zh-hant-tw` (Learn's URL style)."""
    return tag.replace("_", "-").lower()


def load_manifest(file: str | Path) -> LocaleManifest:
    path = Path(file)
    try:
        data_bytes = path.read_bytes()
    except OSError as error:
        raise ManifestError(f"{path}: cannot read the locales manifest ({error.strerror or error})") from None
    if len(data_bytes) > MAX_MANIFEST_BYTES:
        raise ManifestError(f"{path}: larger than {MAX_MANIFEST_BYTES} bytes; is it a locales manifest?")
    try:
        data = bounded_yaml.load(data_bytes.decode("utf-8"))  # alias and size limits
    except (UnicodeDecodeError, yaml.YAMLError) as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise ManifestError(f"{where}: not valid UTF-8 YAML ({getattr(error, 'problem', None) or error}); "
                            "fix the file or rewrite it with `mkdocs-sxs init`") from None
    if not isinstance(data, dict) or not isinstance(data.get("locales"), list) or not data["locales"]:
        raise ManifestError(f"{path}: needs a `locales:` list (tag, path, config, docs_dir for each locale)")
    entries: list[LocaleEntry] = []
    for number, item in enumerate(data["locales"], 1):
        if not isinstance(item, dict):
            raise ManifestError(f"{path}: locale {number} is not a mapping (tag, path, config, docs_dir)")
        values = {key: str(item.get(key) or "") for key in ("tag", "path", "config", "docs_dir")}
        values["path"] = values["path"] or url_segment(values["tag"])
        if not _TAG.match(values["tag"]):
            raise ManifestError(f"{path}: locale {number}: tag '{values['tag']}' is not a language tag (cs-CZ)")
        if not _PATH.match(values["path"]):
            raise ManifestError(f"{path}: locale {number}: path '{values['path']}' must be one lowercase URL "
                                "folder name (cs-cz)")
        if not values["config"] or not values["docs_dir"]:
            raise ManifestError(f"{path}: locale {number} ({values['tag']}) needs `config` and `docs_dir`")
        entries.append(LocaleEntry(**values))
    paths = [entry.path for entry in entries]
    if len(set(paths)) != len(paths):
        raise ManifestError(f"{path}: two locales share a path ({', '.join(sorted(paths))})")
    default = str(data.get("default") or entries[0].path)
    if default not in paths:
        raise ManifestError(f"{path}: default '{default}' is none of the locales' paths ({', '.join(paths)})")
    site_url = data.get("site_url")
    if site_url is not None and not re.match(r"^https?://[^\s]+$", str(site_url)):
        raise ManifestError(f"{path}: site_url '{site_url}' must be an http(s) URL")
    return LocaleManifest(path.resolve(), entries, default, str(data.get("site_dir") or "site"),
                          str(site_url).rstrip("/") + "/" if site_url else None)


def dump_manifest(manifest: LocaleManifest) -> str:
    data: dict[str, Any] = {"default": manifest.default, "site_dir": manifest.site_dir}
    if manifest.site_url:
        data["site_url"] = manifest.site_url
    data["locales"] = [{"tag": e.tag, "path": e.path, "config": e.config, "docs_dir": e.docs_dir}
                       for e in manifest.locales]
    header = ("# The locales of one site, written by `mkdocs-sxs init`. Build all of them with\n"
              "# `mkdocs-sxs build-locales` (or one with `mkdocs build -f <config>`).\n")
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
