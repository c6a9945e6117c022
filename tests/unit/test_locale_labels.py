"""UI labels in every Learn locale: gettext catalogs in the package, CLDR names/dates, RTL, qa on the catalogs."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

import pytest
from babel import Locale
from babel.dates import format_date
from babel.messages.pofile import read_po
from mkdocs_sxs.cli import main as cli_main
from mkdocs_sxs.core.docfx.yamlpages import convert
from mkdocs_sxs.core.reader import i18n
from mkdocs_sxs.core.reader.chrome import page_bar
from mkdocs_sxs.core.reader.i18n import (
    CATALOG_DIR,
    ENGLISH,
    LABELS,
    available_catalogs,
    catalog_name,
    catalog_path,
    format_updated,
    has_label,
    labels,
    text_direction,
)

# The locales Microsoft published sxs exports in (issue 14), as Learn writes them.
LEARN_LOCALES = ["cs-CZ", "da-DK", "de-DE", "es-ES", "fi-FI", "fr-FR", "hu-HU", "id-ID", "it-IT", "ja-JP", "ko-KR",
                 "nb-NO", "nl-NL", "pl-PL", "pt-BR", "pt-PT", "ru-RU", "sv-SE", "th-TH", "tr-TR", "zh-CN", "zh-TW",
                 "ar-SA", "he-IL"]
TRANSLATABLE = [key for key in ENGLISH if key != "mode_target"]
# Short UI strings that are the same word in English and in some languages (Tip, Video, Concept, …).
SAME_AS_ENGLISH_OK = {"tip", "important", "pages", "pages_heading", "filter", "version"} | {
    key for key in ENGLISH if key.startswith("link_list.")}


@pytest.mark.parametrize("locale", LEARN_LOCALES)
def test_every_learn_locale_has_every_label_in_its_own_language(locale: str) -> None:
    own = LABELS[locale]
    missing = [key for key in TRANSLATABLE if not own.get(key)]
    assert not missing, f"{locale}: no translation for {missing}"
    for key in TRANSLATABLE:
        if key not in SAME_AS_ENGLISH_OK:
            assert own[key] != ENGLISH[key], f"{locale}: {key} is still English"
    text = labels(locale)
    # the button of the page's own language is its CLDR name, in that language
    name = Locale.parse(locale.split("-")[0]).get_display_name(Locale.parse(locale.replace("-", "_")))
    assert text["mode_target"] == name[:1].upper() + name[1:]
    bar = page_bar({"ms.translationtype": "MT", "ms.date": "07/10/2020"}, locale=locale, has_units=True)
    assert ENGLISH["mt_notice"] not in bar and "English" not in bar and escape(own["mt_notice"]) in bar
    # dates come from CLDR in the page's language
    assert format_updated("07/10/2020", locale) == format_date(
        __import__("datetime").date(2020, 7, 10), "long", locale=Locale.parse(locale.replace("-", "_")))


def test_dates_and_names_are_cldr_not_english() -> None:
    assert format_updated("07/10/2020", "ja-JP") == "2020年7月10日"
    assert format_updated("07/10/2020", "fr-FR") == "10 juillet 2020"
    assert labels("ko-KR")["mode_target"] == "한국어"
    assert labels("ar-SA")["mode_target"] == "العربية"


def test_regional_catalogs_are_chosen_by_region_and_script() -> None:
    assert catalog_name("pt-BR") == "pt_BR" and catalog_name("pt-PT") == "pt_PT" and catalog_name("pt") == "pt_BR"
    assert catalog_name("zh-CN") == "zh_CN" and catalog_name("zh-TW") == "zh_TW"
    assert catalog_name("zh-Hant-HK") == "zh_TW" and catalog_name("zh-hans") == "zh_CN"
    assert catalog_name("nb-NO") == "nb" and catalog_name("no") == "nb" and catalog_name("cs-cz") == "cs"
    assert catalog_name("en-US") is None and catalog_name("xx-YY") is None and catalog_name(None) is None
    assert labels("pt-BR")["mt_notice"] != labels("pt-PT")["mt_notice"]
    assert labels("zh-CN")["mt_notice"] != labels("zh-TW")["mt_notice"]
    assert labels("pt-PT")["note"] == "Nota" and labels("pt-BR")["note"] == "Observação"


def test_unknown_locales_and_english_fall_back_to_english() -> None:
    assert labels("xx-YY") == {**ENGLISH, "mode_target": "xx-YY"}
    assert labels("en-US")["mt_notice"] == ENGLISH["mt_notice"]
    assert not has_label("el-GR", "roles") and has_label("he-IL", "roles")


@pytest.mark.parametrize("locale,direction", [("ar-SA", "rtl"), ("he-IL", "rtl"), ("ar", "rtl"), ("fa-IR", "rtl"),
                                              ("ko-KR", "ltr"), ("cs-CZ", "ltr"), (None, "ltr")])
def test_text_direction_comes_from_cldr(locale: str | None, direction: str) -> None:
    assert text_direction(locale) == direction


def test_landing_page_link_list_labels_are_localized() -> None:
    yml = ("### YamlMime:Landing\ntitle: T\nlandingContent:\n- title: Card\n  linkLists:\n"
           "  - linkListType: get-started\n    links:\n    - text: A\n      url: a.md\n"
           "  - linkListType: how-to-guide\n    links:\n    - text: B\n      url: b.md\n")
    for locale, first, second in (("ko-KR", "시작하기", "방법 가이드"), ("fr-FR", "Prise en main", "Guide pratique"),
                                  ("ar-SA", "البدء", "دليل إرشادي"), ("en-US", "Get started", "How-to guide")):
        markdown = convert(yml, "index.yml", locale).markdown
        assert f"<em>{first}</em>" in markdown and f"<em>{second}</em>" in markdown, locale


def test_catalogs_are_current_with_the_english() -> None:
    """Every catalog has every key, with today's English as msgid (else run scripts/update_ui_catalogs.py)."""
    shipped = available_catalogs()
    for locale in LEARN_LOCALES:
        assert catalog_name(locale) in shipped
    for name in shipped:
        with catalog_path(name).open("rb") as handle:
            catalog = read_po(handle)
        entries = {message.context: message.id for message in catalog if message.id}
        assert entries == {key: ENGLISH[key] for key in TRANSLATABLE}, name


def test_stale_and_fuzzy_entries_are_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "xx" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "sxs.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: xx\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgctxt "switch"\nmsgid "Language"\nmsgstr "Kieli-xx"\n\n'
        'msgctxt "updated"\nmsgid "Last updated"\nmsgstr "stale"\n\n'
        '#, fuzzy\nmsgctxt "note"\nmsgid "Note"\nmsgstr "fuzzy"\n\n'
        'msgctxt "tip"\nmsgid "Tip"\nmsgstr ""\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "CATALOG_DIR", tmp_path)
    i18n.catalog_labels.cache_clear()
    i18n._labels.cache_clear()
    try:
        assert i18n.catalog_labels("xx") == {"switch": "Kieli-xx"}
        text = labels("xx-XX")
        assert text["switch"] == "Kieli-xx" and text["updated"] == "Updated" and text["note"] == "Note"
    finally:
        i18n.catalog_labels.cache_clear()
        i18n._labels.cache_clear()


def test_our_qa_passes_on_our_catalogs(tmp_path: Path) -> None:
    report = tmp_path / "qa.json"
    assert cli_main(["qa", str(CATALOG_DIR), "--format", "json", "--output", str(report)]) == 0
    findings = json.loads(report.read_text(encoding="utf-8"))["findings"]
    assert findings, "qa read no catalog entry"
    assert not [item for item in findings if item["level"] == "error"]
    # what remains: words that are the same in both languages, and CJK full-width brackets
    for item in findings:
        assert item["check"] in ("untranslated", "brackets", "endpunc"), item
        if item["check"] == "untranslated":
            assert item["unit"] in SAME_AS_ENGLISH_OK and item["source"] == item["target"], item
        if item["check"] == "brackets":
            assert item["path"].startswith("zh_") and "（" in item["target"], item


def test_qa_on_a_catalog_finds_real_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    po = tmp_path / "sxs.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgctxt "a"\nmsgid "See [the guide](guide.md)."\nmsgstr "Siehe [die Anleitung] (guide.md)."\n\n'
        'msgctxt "b"\nmsgid "Use `mkdocs build`."\nmsgstr "Verwenden Sie mkdocs build."\n\n'
        'msgctxt "c"\nmsgid "Pages"\nmsgstr ""\n', encoding="utf-8")
    assert cli_main(["qa", str(po)]) == 1
    out = capsys.readouterr().out
    assert "sxs.po:7:1: error:" in out and "[broken-link]" in out
    assert "[inline-code]" in out and "sxs.po:15:1: warning:" in out and "not translated yet" in out
