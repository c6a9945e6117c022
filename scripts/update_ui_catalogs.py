"""Write `locales/sxs.pot` from our English UI strings and merge it into every catalog.

Run after changing `ENGLISH` in `core/reader/i18n.py`:

    PYTHONPATH=plugins python3 scripts/update_ui_catalogs.py [--new LOCALE ...]

New keys appear untranslated in each `sxs.po`, removed ones become obsolete
(`#~`), and an entry whose English text changed keeps its old translation
marked fuzzy (not used until a translator checks it and removes the flag),
as `msgmerge` does. `--new pt_BR` starts a catalog for another locale.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import sys
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))
from mkdocs_sxs.core.reader.i18n import CATALOG_DIR, DOMAIN, ENGLISH, available_catalogs, catalog_path  # noqa: E402

# What a translator needs to know about a string (shown as `#.` comments).
NOTES = {
    "switch": "Label of the group of buttons that switch the page between its language, English and both.",
    "mode_source": "Button: show the English original text.",
    "mode_both": "Button: show the translation and the English original together.",
    "mt_notice": "Notice at the top of a machine-translated page.",
    "updated": "Followed by a date: when the page was last updated.",
    "original": "Heading of the popup that shows a sentence's English original.",
    "note": "Title of a note box.", "tip": "Title of a tip box.", "important": "Title of an important box.",
    "warning": "Title of a warning box.", "caution": "Title of a caution box.",
    "applies_to": "Label before the products a page applies to.",
    "roles": "Label before the user roles that can do what the page describes.",
    "media_missing": "Shown instead of an image that is missing from the site.",
    "include_missing": "Shown instead of included content that is missing.",
    "include_untranslated": "Label over included content shown in English.",
    "on_this_page": "Heading of the page's table of contents.",
    "all_roles": "Title of the page that lists every user role.",
    "all_products": "Title of the page that lists every product.",
    "pages": "After a number: how many pages.",
    "filter": "Label of a list that filters pages by a second role or product.",
    "pages_heading": "Heading of a list of pages.",
    "filter_any": "First choice of the filter list: no filter.",
    "other_languages": "Label of the list of links to this page in other languages.",
    "locale_missing": "Shown on the home page after the reader switched language on a page that this language "
    "does not have.",
}
SKIP = {"mode_target"}  # the page's language name, from CLDR
HEADER = "# {language} UI strings of mkdocs-sxs (the page bar, alerts, landing pages, annotations).\n" \
    "# Edit msgstr only; keep msgctxt and msgid. Regenerate with scripts/update_ui_catalogs.py.\n#"
# Reproducible files: the date comes from SOURCE_DATE_EPOCH, not the clock.
DATE = dt.datetime.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH", "1767225600")), dt.UTC)


def template() -> Catalog:
    catalog = Catalog(domain=DOMAIN, project="mkdocs-sxs", fuzzy=False, charset="utf-8", creation_date=DATE,
                      version="1", revision_date=DATE, header_comment=HEADER.format(language="Template for the"))
    for key, text in ENGLISH.items():
        if key in SKIP:
            continue
        note = NOTES.get(key) or (f"A type of link list on a landing page: {key.split('.', 1)[1]}."
                                  if key.startswith("link_list.") else "")
        catalog.add(text, context=key, auto_comments=[note] if note else [])
    return catalog


def _write(catalog: Catalog, path: Path) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, sort_output=False, include_previous=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def merge(name: str, pot: Catalog) -> Catalog:
    path = catalog_path(name)
    if path.is_file():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=name, domain=DOMAIN)
    else:
        catalog = Catalog(locale=Locale.parse(name), domain=DOMAIN, project="mkdocs-sxs", charset="utf-8")
    catalog.update(pot, no_fuzzy_matching=True)
    catalog.creation_date = catalog.revision_date = DATE
    catalog.header_comment = HEADER.format(language=Locale.parse(name).english_name)
    catalog.version = "1"
    return catalog


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--new", action="append", default=[], metavar="LOCALE", help="start a catalog (pt_BR, ja)")
    args = parser.parse_args(argv)
    pot = template()
    _write(pot, CATALOG_DIR / f"{DOMAIN}.pot")
    for name in sorted(set(available_catalogs()) | set(args.new)):
        _write(merge(name, pot), catalog_path(name))
        print(f"updated {catalog_path(name)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
