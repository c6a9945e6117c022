"""The language bar and its labels in every corpus locale (core.chrome, core.i18n)."""

from __future__ import annotations

import pytest
from mkdocs_sxs.core.reader.chrome import EARLY_MODE_SCRIPT, add_early_mode_script, page_bar
from mkdocs_sxs.core.reader.i18n import LABELS, labels

CORPUS_LOCALES = ["cs-CZ", "de-DE", "hu-HU", "it-IT", "nl-NL", "pl-PL", "ru-RU", "sv-SE", "tr-TR"]
BAR_KEYS = ["switch", "mode_source", "mode_both", "mt_notice", "updated", "original"]


@pytest.mark.parametrize("locale", CORPUS_LOCALES)
def test_every_corpus_locale_has_its_own_bar_labels(locale: str) -> None:
    own = LABELS[locale.split("-")[0]]
    for key in BAR_KEYS:
        assert own.get(key), f"{locale}: {key} missing"
        assert own[key] != LABELS["en"][key] or key in ("tip",), f"{locale}: {key} is still English"
    assert labels(locale)["mode_target"] != "English"


def test_unknown_locale_falls_back_to_english() -> None:
    assert labels("xx-YY")["mode_source"] == "English"
    assert labels(None)["switch"] == "Language"


def test_bar_is_localized_escaped_and_excluded_from_search_without_nested_aside() -> None:
    meta = {"ms.translationtype": "MT", "ms.date": "07/10/2020"}
    bar = page_bar(meta, locale="de-DE", has_units=True)
    assert bar.startswith('<aside class="sxs-bar" data-search-exclude>')
    assert bar.count("<aside") == 1  # Material's search parser un-excludes at a nested same-name tag
    assert ">Deutsch</button>" in bar and ">Englisch</button>" in bar and ">Beides</button>" in bar
    assert "maschinell übersetzt" in bar
    assert '<time datetime="2020-07-10">10. Juli 2020</time>' in bar
    assert page_bar({}, locale="cs-CZ", has_units=False) == ""


def test_early_mode_script_goes_into_head_once() -> None:
    html = "<html><head><title>x</title></head><body></body></html>"
    once = add_early_mode_script(html)
    assert once.index(EARLY_MODE_SCRIPT) < once.index("</head>")
    assert add_early_mode_script(once) == once
