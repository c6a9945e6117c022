"""Interface labels in the page's language, and locale-aware formatting.

Labels are looked up by the language part of a locale (`cs-CZ` -> `cs`) and
fall back to English key by key, so a partial translation still works.
Language names and dates come from Babel (CLDR data), not from tables here.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date

LABELS: dict[str, dict[str, str]] = {
    "en": {
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
        "on_this_page": "On this page",
        "all_roles": "All roles",
        "all_products": "All products",
        "pages": "pages",
        "filter": "Filter",
        "pages_heading": "Pages",
        "filter_any": "all pages",
    },
    "cs": {
        "switch": "Jazyk",
        "mode_target": "{target}",
        "mode_source": "Angličtina",
        "mode_both": "Obojí",
        "mt_notice": "Tato stránka byla přeložena strojově. Anglický originál věty zobrazíte najetím myší, "
        "klepnutím nebo přechodem na větu klávesnicí.",
        "updated": "Aktualizováno",
        "original": "Anglický originál",
        "note": "Poznámka",
        "tip": "Tip",
        "important": "Důležité",
        "warning": "Upozornění",
        "caution": "Pozor",
        "applies_to": "Platí pro",
        "roles": "Odpovídající role",
        "media_missing": "Obrázek není k dispozici",
        "include_missing": "Vložený obsah nebyl nalezen",
        "include_untranslated": "Nepřeloženo (anglický originál)",
        "snippet": "Ukázka kódu",
        "snippet_missing": "je v anglickém zdrojovém úložišti",
        "version": "Verze",
        "pivot": "Zvolte",
        "on_this_page": "Na této stránce",
        "all_roles": "Všechny role",
        "all_products": "Všechny produkty",
        "pages": "stránek",
        "filter": "Filtrovat",
        "pages_heading": "Stránky",
        "filter_any": "všechny stránky",
    },
    "de": {
        "switch": "Sprache",
        "mode_source": "Englisch",
        "mode_both": "Beides",
        "mt_notice": "Diese Seite wurde maschinell übersetzt. Zeigen Sie auf einen Satz, tippen Sie ihn an "
        "oder wählen Sie ihn mit der Tastatur aus, um das englische Original zu sehen.",
        "updated": "Aktualisiert",
        "original": "Englisches Original",
        "note": "Hinweis",
        "important": "Wichtig",
        "warning": "Warnung",
        "caution": "Vorsicht",
        "applies_to": "Gilt für",
        "roles": "Geeignete Rollen",
        "all_roles": "Alle Rollen",
        "all_products": "Alle Produkte",
        "pages_heading": "Seiten",
        "filter": "Filtern",
        "filter_any": "alle Seiten",
    },
    "pl": {
        "switch": "Język",
        "mode_source": "Angielski",
        "mode_both": "Oba",
        "mt_notice": "Ta strona została przetłumaczona maszynowo. Wskaż, dotknij lub zaznacz klawiaturą zdanie, "
        "aby zobaczyć angielski oryginał.",
        "updated": "Zaktualizowano",
        "original": "Angielski oryginał",
        "note": "Uwaga",
        "tip": "Porada",
        "important": "Ważne",
        "warning": "Ostrzeżenie",
        "caution": "Przestroga",
        "applies_to": "Dotyczy",
        "roles": "Odpowiednie role",
        "all_roles": "Wszystkie role",
        "all_products": "Wszystkie produkty",
        "pages_heading": "Strony",
        "filter": "Filtruj",
        "filter_any": "wszystkie strony",
    },
    "ru": {
        "switch": "Язык",
        "mode_source": "Английский",
        "mode_both": "Оба",
        "mt_notice": "Эта страница переведена автоматически. Наведите указатель на предложение, коснитесь его "
        "или выберите его с клавиатуры, чтобы увидеть английский оригинал.",
        "updated": "Обновлено",
        "original": "Английский оригинал",
        "note": "Примечание",
        "tip": "Совет",
        "important": "Важно",
        "warning": "Предупреждение",
        "caution": "Внимание",
        "applies_to": "Область применения",
        "roles": "Соответствующие роли",
        "all_roles": "Все роли",
        "all_products": "Все продукты",
        "pages_heading": "Страницы",
        "filter": "Фильтр",
        "filter_any": "все страницы",
    },
    "hu": {
        "switch": "Nyelv",
        "mode_source": "Angol",
        "mode_both": "Mindkettő",
        "mt_notice": "Ezt az oldalt gépi fordítással fordítottuk le. Az angol eredetit egy mondatra mutatva, "
        "koppintva vagy a billentyűzettel kijelölve láthatja.",
        "updated": "Frissítve",
        "original": "Angol eredeti",
        "note": "Megjegyzés",
        "tip": "Tipp",
        "important": "Fontos",
        "warning": "Figyelmeztetés",
        "caution": "Vigyázat",
    },
    "it": {
        "switch": "Lingua",
        "mode_source": "Inglese",
        "mode_both": "Entrambe",
        "mt_notice": "Questa pagina è stata tradotta automaticamente. Passa il mouse su una frase, toccala "
        "o selezionala con la tastiera per vedere l'originale inglese.",
        "updated": "Aggiornato",
        "original": "Originale inglese",
        "note": "Nota",
        "tip": "Suggerimento",
        "important": "Importante",
        "warning": "Avviso",
        "caution": "Attenzione",
    },
    "nl": {
        "switch": "Taal",
        "mode_source": "Engels",
        "mode_both": "Beide",
        "mt_notice": "Deze pagina is automatisch vertaald. Wijs een zin aan, tik erop of selecteer hem met het "
        "toetsenbord om het Engelse origineel te zien.",
        "updated": "Bijgewerkt",
        "original": "Engels origineel",
        "note": "Opmerking",
        "tip": "Tip",
        "important": "Belangrijk",
        "warning": "Waarschuwing",
        "caution": "Let op",
    },
    "sv": {
        "switch": "Språk",
        "mode_source": "Engelska",
        "mode_both": "Båda",
        "mt_notice": "Den här sidan har maskinöversatts. Peka på en mening, tryck på den eller välj den med "
        "tangentbordet för att se det engelska originalet.",
        "updated": "Uppdaterad",
        "original": "Engelskt original",
        "note": "Obs!",
        "tip": "Tips",
        "important": "Viktigt",
        "warning": "Varning",
        "caution": "Försiktighet",
    },
    "tr": {
        "switch": "Dil",
        "mode_source": "İngilizce",
        "mode_both": "Her ikisi",
        "mt_notice": "Bu sayfa makine çevirisiyle çevrilmiştir. İngilizce aslını görmek için bir cümlenin "
        "üzerine gelin, dokunun veya klavyeyle seçin.",
        "updated": "Güncelleştirildi",
        "original": "İngilizce asıl metin",
        "note": "Not",
        "tip": "İpucu",
        "important": "Önemli",
        "warning": "Uyarı",
        "caution": "Dikkat",
    },
}

_DATE_FORMATS = ("%m/%d/%Y", "%Y-%m-%d", "%m/%d/%y", "%d.%m.%Y")


def language_of(locale: str | None) -> str:
    """`cs-CZ` -> `cs`; None or empty -> `en`."""
    if not locale:
        return "en"
    return re.split(r"[-_]", str(locale).strip(), maxsplit=1)[0].lower() or "en"


def labels(locale: str | None) -> dict[str, str]:
    """All labels for a locale, English where no translation exists."""
    return dict(_labels(locale))  # a copy: callers may change it


@lru_cache(maxsize=64)  # asked for on every page (page bar, alerts, placeholders)
def _labels(locale: str | None) -> dict[str, str]:
    merged = dict(LABELS["en"])
    merged.update(LABELS.get(language_of(locale), {}))
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
