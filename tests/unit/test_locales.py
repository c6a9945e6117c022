"""One site for many locales (core/locales, mkdocs/locales.py, `init A B C`, `build-locales`).

Small docsets written here: Czech has a page French lacks, Arabic reads right
to left, French has a broken link; each locale is a real MkDocs build.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs_sxs.cli import main
from mkdocs_sxs.core.linkcheck.model import CheckResult, Finding
from mkdocs_sxs.core.locales.alternates import LocaleSite, page_key, scan_pages
from mkdocs_sxs.core.locales.linkreports import combine
from mkdocs_sxs.core.locales.manifest import LocaleEntry, LocaleManifest, ManifestError, load_manifest
from mkdocs_sxs.core.locales.markup import (
    head_html,
    og_locale,
    picker_html,
    root_index_html,
    sitemap_with_alternates,
)
from support import mkdocs_env


def _tu(tid: str, target: str, source: str) -> str:
    return (f'<span data-ttu-id="a1-{tid}">{target}</span>'
            f'<span class="sxs-lookup"><span data-stu-id="a1-{tid}">{source}</span></span>')


def _page(locale: str, title: str, body: str) -> str:
    return (f"---\ntitle: {title}\nms.contentlocale: {locale}\nms.translationtype: MT\nms.date: 07/10/2020\n---\n"
            f"# {title}\n\n{_tu('1', body, 'An English sentence.')}\n")


DOCSETS = {
    "cs-CZ": {"index.md": ("Domů", "Vítejte zákazníci."), "guide/setup.md": ("Nastavení", "Nastavte účet."),
              "only-czech.md": ("Jen česky", "Tato stránka existuje jen česky.")},
    "fr-FR": {"index.md": ("Accueil", "Bienvenue aux clients."),
              "guide/setup.md": ("Configuration", "Configurez le compte. Voir [page](missing.md).")},
    "ar-SA": {"index.md": ("الصفحة الرئيسية", "مرحبا بالعملاء."), "guide/setup.md": ("الإعداد", "قم بإعداد الحساب.")},
}


def _docsets(root: Path) -> list[Path]:
    folders = []
    for locale, pages in DOCSETS.items():
        folder = root / f"docs.{locale}" / "docset"
        for path, (title, body) in pages.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_text(_page(locale, title, body), encoding="utf-8")
        toc = "".join(f"- name: {title}\n  href: {path}\n" for path, (title, _) in pages.items())
        (folder / "TOC.yml").write_text(toc, encoding="utf-8")
        folders.append(folder)
    return folders


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("locales")
    project = root / "project"
    assert main(["init", *map(str, _docsets(root)), "--output", str(project)]) == 0
    result = subprocess.run([sys.executable, "-m", "mkdocs_sxs", "build-locales", str(project / "locales.yml")],
                            env=mkdocs_env(), capture_output=True, text=True, check=False)
    assert result.returncode == 1, result.stderr  # the French broken link is an error of the combined check
    assert "built 3 of 3 locale(s)" in result.stderr, result.stderr
    return project


def _html(project: Path, path: str) -> str:
    return (project / "site" / path).read_text(encoding="utf-8")


def test_each_locale_is_its_own_tree_with_its_lang_and_direction(built: Path) -> None:
    assert sorted(p.name for p in (built / "site").iterdir() if p.is_dir()) == ["ar-sa", "cs-cz", "fr-fr"]
    assert 'lang="cs-CZ"' in re.search(r"<html[^>]*>", _html(built, "cs-cz/guide/setup/index.html")).group(0)
    html_tag = re.search(r"<html[^>]*>", _html(built, "ar-sa/guide/setup/index.html")).group(0)
    assert 'lang="ar-SA"' in html_tag and 'dir="rtl"' in html_tag
    assert 'dir="rtl"' not in re.search(r"<html[^>]*>", _html(built, "fr-fr/index.html")).group(0)
    assert "Configurez le compte." in _html(built, "fr-fr/guide/setup/index.html")


def test_every_hreflang_target_exists_and_x_default_is_the_default_locale(built: Path) -> None:
    for page in (built / "site").glob("*/**/index.html"):
        html = page.read_text(encoding="utf-8")
        links = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
        assert links, page
        own = {"cs-cz": "cs-CZ", "fr-fr": "fr-FR", "ar-sa": "ar-SA"}[page.relative_to(built / "site").parts[0]]
        assert [lang for lang, _ in links][-1] == "x-default" and own in [lang for lang, _ in links], page
        for _, href in links:
            target = (page.parent / href).resolve()
            assert (target / "index.html").is_file(), f"{page}: {href}"
    setup = _html(built, "fr-fr/guide/setup/index.html")
    assert '<link rel="alternate" hreflang="x-default" href="../../../cs-cz/guide/setup/">' in setup
    assert '<meta property="og:locale" content="fr_FR">' in setup
    assert '<meta property="og:locale:alternate" content="ar_SA">' in setup
    only = _html(built, "cs-cz/only-czech/index.html")
    assert re.findall(r'hreflang="([^"]+)" href', only.split("</head>")[0]) == ["cs-CZ", "x-default"]


def test_picker_stays_on_the_page_or_goes_home_with_a_notice(built: Path) -> None:
    picker = re.search(r'<nav class="sxs-locales".*?</nav>', _html(built, "cs-cz/guide/setup/index.html")).group(0)
    assert 'aria-label="Další jazyky"' in picker
    assert '<a href="../../../fr-fr/guide/setup/" lang="fr-FR" hreflang="fr-FR" target="_self">Français</a>' in picker
    assert 'dir="rtl">العربية</a>' in picker and 'aria-current="page">Čeština</a>' in picker
    only = re.search(r'<nav class="sxs-locales".*?</nav>', _html(built, "cs-cz/only-czech/index.html")).group(0)
    assert ('<a href="../../fr-fr/#sxs-locale-missing" lang="fr-FR" hreflang="fr-FR" target="_self" '
            'data-sxs-missing') in only
    home = _html(built, "fr-fr/index.html")
    assert ('<p id="sxs-locale-missing" class="sxs-locale-missing" role="note" data-search-exclude>'
            "La page que vous lisiez n’est pas disponible dans cette langue.") in home
    assert "sxs-locale-missing" not in _html(built, "fr-fr/guide/setup/index.html").split("</head>")[1]
    assert (built / "site" / "fr-fr" / "assets" / "sxs" / "sxs-locales.css").is_file()


def test_each_locale_has_its_own_search(built: Path) -> None:
    for path, own, others in (("cs-cz", "Nastavte", ("Configurez", "بإعداد")),
                              ("fr-fr", "Configurez", ("Nastavte", "بإعداد")),
                              ("ar-sa", "بإعداد", ("Nastavte", "Configurez"))):
        index = json.loads((built / "site" / path / "search" / "search_index.json").read_text(encoding="utf-8"))
        text = json.dumps(index["docs"], ensure_ascii=False)
        assert own in text and not any(other in text for other in others), path
        assert "picker" not in text and "Další jazyky" not in text and "Autres langues" not in text


def test_root_page_and_combined_link_report(built: Path) -> None:
    root = _html(built, "index.html")
    assert '<a href="cs-cz/" lang="cs-CZ" hreflang="cs-CZ">Čeština</a>' in root
    assert 'hreflang="x-default"' in root and "location.replace" in root
    report = json.loads((built / "reports" / "links.json").read_text(encoding="utf-8"))
    broken = [item for item in report["findings"] if item["category"] == "broken"]
    assert [item["path"] for item in broken] == ["docs.fr-FR/docset/guide/setup.md"]
    assert report["summary"]["files"] >= 7  # every locale's files


def test_manifest_errors_name_the_file_and_what_to_fix(tmp_path: Path) -> None:
    manifest = tmp_path / "locales.yml"
    for text, expected in (
        ("locales: []\n", "needs a `locales:` list"),
        ("locales:\n- {tag: 'c s', path: cs, config: a.yml, docs_dir: d}\n", "is not a language tag"),
        ("locales:\n- {tag: cs-CZ, path: x, config: a.yml, docs_dir: d}\n"
         "- {tag: fr-FR, path: x, config: b.yml, docs_dir: e}\n", "two locales share a path"),
        ("default: de\nlocales:\n- {tag: cs-CZ, config: a.yml, docs_dir: d}\n", "default 'de' is none"),
        ("locales: [\n", "locales.yml:"),
    ):
        manifest.write_text(text, encoding="utf-8")
        with pytest.raises(ManifestError, match=re.escape(expected)):
            load_manifest(manifest)
    manifest.write_text("locales:\n- {tag: pt-BR, config: a.yml, docs_dir: d}\n", encoding="utf-8")
    assert load_manifest(manifest).locales[0].path == "pt-br"


def test_versions_urls_names_and_markup_without_a_build(tmp_path: Path) -> None:
    entries = [LocaleEntry("pt-BR", "pt-br", "a.yml", "a"), LocaleEntry("pt-PT", "pt-pt", "b.yml", "b"),
               LocaleEntry("he-IL", "he-il", "c.yml", "c")]
    manifest = LocaleManifest(tmp_path / "locales.yml", entries, "pt-br", site_url="https://x.test/docs/")
    pages = {"pt-br": frozenset({"a/b.md", "index.md"}), "pt-pt": frozenset({"a/b.md"}), "he-il": frozenset()}
    site = LocaleSite(manifest, entries[1], pages)
    assert site.display_names() == {"pt-br": "Português (Brasil)", "pt-pt": "Português (Portugal)", "he-il": "עברית"}
    versions = site.versions("A/B.yml", "a/b/")
    assert [(v.entry.path, v.href, v.exists) for v in versions] == [
        ("pt-br", "https://x.test/docs/pt-br/a/b/", True), ("pt-pt", "https://x.test/docs/pt-pt/a/b/", True),
        ("he-il", "https://x.test/docs/he-il/#sxs-locale-missing", False)]
    head = head_html(site, versions)
    assert 'hreflang="x-default" href="https://x.test/docs/pt-br/a/b/"' in head and "he-IL" not in head
    assert 'dir="rtl"' in picker_html(site, versions) and og_locale("zh-Hant-TW") == "zh_Hant_TW"
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
           "    <url>\n         <loc>https://x.test/docs/pt-pt/a/b/</loc>\n    </url>\n</urlset>")
    out = sitemap_with_alternates(xml, {"https://x.test/docs/pt-pt/a/b/": [("pt-BR", "https://x.test/&<")]})
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in out
    assert '<xhtml:link rel="alternate" hreflang="pt-BR" href="https://x.test/&amp;&lt;"/>' in out
    assert '"</script><script>' not in root_index_html(manifest, {e.path: "</script><script>" for e in entries})
    assert page_key("Guide\\Setup.YML") == "guide/setup.md"


def test_scan_pages_and_combined_report_paths(tmp_path: Path) -> None:
    (tmp_path / "a" / ".git").mkdir(parents=True)
    (tmp_path / "a" / "x.md").write_text("x", encoding="utf-8")
    (tmp_path / "a" / "index.yml").write_text("x", encoding="utf-8")
    (tmp_path / "a" / ".git" / "y.md").write_text("x", encoding="utf-8")
    assert scan_pages(tmp_path / "a") == {"x.md", "index.md"}
    entries = [LocaleEntry("cs-CZ", "cs-cz", "a.yml", "r/cs/docset"), LocaleEntry("fr-FR", "fr-fr", "b.yml", "r/fr/d")]
    manifest = LocaleManifest(tmp_path / "locales.yml", entries, "cs-cz")

    def finding(path: str) -> Finding:
        return Finding(path, 1, 1, "broken", "error", "x.md", None, "text", "missing")

    combined = combine(manifest, {"cs-cz": CheckResult(str(tmp_path / "r/cs/docset"), [finding("a.md")], 2, 3),
                                  "fr-fr": CheckResult(str(tmp_path / "r/fr/d"), [finding("b.md")], 1, 1)})
    assert [f.path for f in combined.findings] == ["cs/docset/a.md", "fr/d/b.md"]
    assert combined.root == str(tmp_path / "r") and combined.pages == 3 and combined.has_errors


def test_init_with_several_docsets_refuses_what_cannot_work(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    cs, fr, _ = _docsets(tmp_path)
    assert main(["init", str(cs), str(fr), "--output", str(tmp_path / "x.yml")]) == 2
    assert "give a folder" in capsys.readouterr().err
    assert main(["init", str(cs), str(cs), "--output", str(tmp_path / "p")]) == 2
    assert "locale cs-CZ" in capsys.readouterr().err
    assert main(["init", str(cs), str(fr), "--output", str(tmp_path / "p"), "--default-locale", "de-DE"]) == 2
    assert main(["init", str(cs), str(fr), "--output", str(tmp_path / "p"), "--default-locale", "fr-FR"]) == 0
    assert load_manifest(tmp_path / "p" / "locales.yml").default == "fr-fr"
    assert main(["init", str(cs), str(fr), "--output", str(tmp_path / "p")]) == 2  # exists: --force
    assert "--force" in capsys.readouterr().err
