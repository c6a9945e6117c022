"""Interface labels in the page's language, and locale-aware formatting.

Our UI strings are written once in English (`ENGLISH`) and translated in
gettext catalogs shipped in the package, one per locale:
`mkdocs_sxs/locales/<catalog>/LC_MESSAGES/sxs.po` (msgctxt = the label's
key, msgid = its English text), so a translator fixes a string in one file
with any PO editor. Catalogs are read at first use (no compile step). An entry
whose msgid no longer matches the English (the English changed) or that is
marked fuzzy is not used: that label falls back to English, key by key, so
a partial translation still works. Language names, text direction and dates
come from Babel (CLDR data), not from tables here.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator, Mapping
from functools import cache, lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.pofile import read_po

CATALOG_DIR = Path(__file__).resolve().parents[2] / "locales"
DOMAIN = "sxs"
# Locale tags whose catalog is not named by their language: region or script decides.
_CATALOG_ALIASES = {
    "pt": "pt_BR", "pt_br": "pt_BR", "pt_pt": "pt_PT", "pt_ao": "pt_PT", "pt_mz": "pt_PT",
    "zh": "zh_CN", "zh_cn": "zh_CN", "zh_sg": "zh_CN", "zh_hans": "zh_CN",
    "zh_tw": "zh_TW", "zh_hk": "zh_TW", "zh_mo": "zh_TW", "zh_hant": "zh_TW",
    "no": "nb", "nn": "nb",
}

ENGLISH: dict[str, str] = {
    "switch": "Language",
    "mode_target": "{target}",
    "mode_source": "English",
    "mode_both": "Both",
    "mt_notice": "This page was machine translated. Hover over, tap or focus a sentence to see the English "
    "original.",
    "updated": "Updated",
    "original": "English original",
    "note": "Note",
    "tip": "Tip",
    "important": "Important",
    "warning": "Warning",
    "caution": "Caution",
    "applies_to": "Applies to",
    "roles": "Appropriate roles",
    "media_missing": "Image not available",
    "include_missing": "Included content not found",
    "include_untranslated": "Not translated (English original)",
    "snippet": "Code sample",
    "snippet_missing": "is in the English source repository",
    "version": "Version",
    "pivot": "Choose",
    "hover": "Originals on hover",
    "original_key": "original of a sentence",
    "on_this_page": "On this page",
    "all_roles": "All roles",
    "all_products": "All products",
    "pages": "pages",
    "filter": "Filter",
    "pages_heading": "Pages",
    "filter_any": "all pages",
    "other_languages": "Other languages",
    "locale_missing": "The page you were reading is not available in this language. This is the home page.",
    # link list types of DocFX landing pages (shown as small headings over a card's links)
    "link_list.get-started": "Get started",
    "link_list.concept": "Concept",
    "link_list.how-to-guide": "How-to guide",
    "link_list.tutorial": "Tutorial",
    "link_list.overview": "Overview",
    "link_list.quickstart": "Quickstart",
    "link_list.reference": "Reference",
    "link_list.download": "Download",
    "link_list.deploy": "Deploy",
    "link_list.architecture": "Architecture",
    "link_list.learn": "Training",
    "link_list.sample": "Sample",
    "link_list.video": "Video",
    "link_list.whats-new": "What's new",
    "link_list.training": "Training",
}
"""Our UI strings in English: the msgids of the gettext catalogs (`mode_target` is the page's language name)."""


_DATE_FORMATS = ("%m/%d/%Y", "%Y-%m-%d", "%m/%d/%y", "%d.%m.%Y")


def language_of(locale: str | None) -> str:
    """`cs-CZ` -> `cs`; None or empty -> `en`."""
    if not locale:
        return "en"
    return re.split(r"[-_]", str(locale).strip(), maxsplit=1)[0].lower() or "en"


def catalog_name(locale: str | None) -> str | None:
    """The catalog a locale reads: `cs-CZ` -> `cs`, `pt-PT` -> `pt_PT`, `zh-Hant-HK` -> `zh_TW`; None: English."""
    if not locale:
        return None
    parts = [part.lower() for part in re.split(r"[-_]", str(locale).strip()) if part]
    if not parts or parts[0] == "en":
        return None
    for size in (3, 2, 1):  # zh-hant-tw, zh-tw / zh-hant, zh
        key = "_".join(parts[:size])
        if len(parts) >= size and key in _CATALOG_ALIASES:
            return _CATALOG_ALIASES[key]
    return parts[0] if (CATALOG_DIR / parts[0]).is_dir() else None


def available_catalogs() -> list[str]:
    """The catalogs shipped in the package (`cs`, `pt_BR`, …)."""
    return sorted(path.parents[1].name for path in CATALOG_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def catalog_path(name: str) -> Path:
    return CATALOG_DIR / name / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache  # a handful of small files, read once per process
def catalog_labels(name: str) -> dict[str, str]:
    """The translated labels of one catalog: key -> text, current entries only."""
    path = catalog_path(name)
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=None, domain=DOMAIN)
    found: dict[str, str] = {}
    for message in catalog:
        key = message.context
        if not key or not message.id or message.fuzzy or not isinstance(message.string, str):
            continue
        if ENGLISH.get(key) == message.id and message.string.strip():
            found[key] = message.string
    return found


class _Labels(Mapping[str, dict[str, str]]):
    """`LABELS["cs"]`, `LABELS["pt-BR"]`: a locale's own labels (no English fallback); `LABELS["en"]`: English."""

    def __getitem__(self, locale: str) -> dict[str, str]:
        if language_of(locale) == "en":
            return ENGLISH
        name = catalog_name(locale)
        if name is None:
            raise KeyError(locale)
        return catalog_labels(name)

    def __iter__(self) -> Iterator[str]:
        return iter(["en", *available_catalogs()])

    def __len__(self) -> int:
        return 1 + len(available_catalogs())


LABELS: Mapping[str, dict[str, str]] = _Labels()


def has_label(locale: str | None, key: str) -> bool:
    """Whether the locale's catalog translates `key` (else `labels()` gives the English)."""
    return key in LABELS.get(locale or "en", {})


def text_direction(locale: str | None) -> str:
    """`rtl` for right-to-left scripts (Arabic, Hebrew, … from CLDR), else `ltr`."""
    babel_locale = _babel_locale(locale)
    if babel_locale is not None and babel_locale.character_order == "right-to-left":
        return "rtl"
    return "ltr"


def labels(locale: str | None) -> dict[str, str]:
    """All labels for a locale, English where no translation exists."""
    return dict(_labels(locale))  # a copy: callers may change it


@lru_cache(maxsize=64)  # asked for on every page (page bar, alerts, placeholders)
def _labels(locale: str | None) -> dict[str, str]:
    merged = dict(ENGLISH)
    merged.update(LABELS.get(locale or "en", {}))
    merged["mode_target"] = merged["mode_target"].format(target=language_name(locale, locale))
    return merged


@lru_cache(maxsize=64)
def _babel_locale(locale: str | None) -> Locale | None:
    if not locale:
        return None
    try:
        return Locale.parse(str(locale).replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        try:
            return Locale.parse(language_of(locale))
        except (UnknownLocaleError, ValueError):
            return None


def language_name(locale: str | None, display_locale: str | None = None) -> str:
    """The name of a locale's language, in `display_locale` (capitalized)."""
    language = _babel_locale(language_of(locale))
    if language is None:
        return str(locale or "English")
    display = _babel_locale(display_locale) or language
    name = language.get_display_name(display) or language.language
    return name[:1].upper() + name[1:]


def parse_date(value: object) -> _dt.date | None:
    """`ms.date` as written in DocFX front matter (usually MM/DD/YYYY)."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if not isinstance(value, str | int | float):
        return None  # a list or mapping is no date (and str() of an alias bomb never ends)
    return _parse_date_text(str(value).strip())


@lru_cache(maxsize=4096)  # a docset has few distinct dates; strptime is slow
def _parse_date_text(text: str) -> _dt.date | None:
    for pattern in _DATE_FORMATS:
        try:
            return _dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def format_updated(value: object, locale: str | None) -> str | None:
    """A date in the page's language, or None when it cannot be read."""
    date = parse_date(value)
    if date is None:
        return None
    return _long_date(date, locale)


@lru_cache(maxsize=4096)
def _long_date(date: _dt.date, locale: str | None) -> str:
    babel_locale = _babel_locale(locale) or Locale.parse("en")
    return format_date(date, "long", locale=babel_locale)
