"""`mkdocs-sxs qa` on gettext catalogs of UI strings (ours in `mkdocs_sxs/locales/`, or a theme's).

Each PO entry is checked like a translation unit: msgid is the English
source, msgstr the translation, msgctxt (else msgid) names it. In gettext an
empty or fuzzy msgstr means "not translated yet" (the English is shown), so
it is reported as `untranslated`, not as an empty translation.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po

from ..reader.model import TranslationUnit
from .qa import CHECKS, Finding, QaChecker, level_of

CATALOG_SUFFIXES = (".po",)


def ui_catalog_paths(path: str | Path) -> list[Path] | None:
    """The PO catalogs PATH means: the file itself, or every `.po` below a folder of catalogs only.

    None when PATH is not a catalog or holds pages (`.md`): then it is a docs folder.
    """
    candidate = Path(path)
    if candidate.is_file():
        return [candidate] if candidate.suffix in CATALOG_SUFFIXES else None
    if not candidate.is_dir():
        return None
    catalogs = sorted(item for item in candidate.rglob("*.po") if item.is_file())
    if not catalogs or next(candidate.rglob("*.md"), None) is not None:
        return None
    return catalogs


def catalog_language(path: Path) -> str:
    """The catalog's `Language` header (`pt_BR`), else its `<lang>/LC_MESSAGES/` folder name."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    if catalog.locale is not None:
        return str(catalog.locale)
    return path.parent.parent.name if path.parent.name == "LC_MESSAGES" else "en"


def catalog_units(path: Path, display: str) -> tuple[list[TranslationUnit], list[TranslationUnit]]:
    """(translated units, untranslated units) of one PO file, with their lines in it."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    translated: list[TranslationUnit] = []
    untranslated: list[TranslationUnit] = []
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue  # the header (plural entries are not used by our catalogs)
        target = message.string if isinstance(message.string, str) else ""
        line = int(message.lineno or 1)
        unit = TranslationUnit(id=message.context or message.id, target=target, source=message.id, path=display,
                               line=line, column=1, end_line=line, start=0, end=0, target_start=0, target_end=0)
        (untranslated if message.fuzzy or not target else translated).append(unit)
    return translated, untranslated


def check_ui_catalogs(paths: list[Path], root: Path, levels: dict[str, str] | None = None) -> list[Finding]:
    """QA findings of every entry of the catalogs; paths shown relative to `root`."""
    findings: list[Finding] = []
    checkers: dict[str, QaChecker] = {}
    untranslated_level = level_of("untranslated", levels)
    for path in paths:
        display = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        language = catalog_language(path)
        checker = checkers.get(language)
        if checker is None:
            checker = checkers[language] = QaChecker(levels, target_language=language.split("_")[0])
        translated, untranslated = catalog_units(path, display)
        for unit in translated:
            findings.extend(checker.check_unit(unit))
        if untranslated_level != "off":
            findings.extend(
                Finding(unit.path, unit.line, 1, unit.id, "untranslated", untranslated_level,
                        f"{CHECKS['untranslated'][1]}: the entry is not translated yet (empty or fuzzy)",
                        unit.source, unit.target)
                for unit in untranslated
            )
    findings.sort(key=lambda finding: (finding.path, finding.line, finding.check))
    return findings
