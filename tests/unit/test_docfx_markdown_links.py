"""DocFX links and media, rewritten for a static site (fixture docset)."""

from __future__ import annotations

import re

import pytest
from docfx_helpers import DOCSET, FIXTURE, TU, render, transform, visible
from mkdocs_sxs.core.docfx.docset import Docset


@pytest.fixture(scope="module")
def docset() -> Docset:
    return Docset.scan(DOCSET, ["/pc"])


@pytest.mark.parametrize(("href", "expected"), [
    ("~/sub/child.md", "../sub/child.md"),
    ("..\\sub\\child.md", "../sub/child.md"),
    ("../sub/child", "../sub/child.md"),
    ("../guide/", "index.md"), ("../guide", "index.md"),
    ("/pc/sub/child", "../sub/child.md"),
    ("/pc/sub/child.md?toc=/pc/toc.json#part", "../sub/child.md#part"),
    ("../sub/child.md#anchor", "../sub/child.md#anchor"),
])
def test_docfx_links_become_relative_md_links(docset: Docset, href: str, expected: str) -> None:
    html, result = render(docset, f"[Odkaz]({href})\n", page="guide/page.md")
    assert f'<a href="{expected}">Odkaz</a>' in html
    assert not result.problems


def test_case_mismatch_is_rewritten_to_the_spelling_on_disk_and_reported(docset: Docset) -> None:
    html, result = render(docset, "Text\n\n[Cíl](folder/target-page.md)\n")
    assert '<a href="Folder/Target-Page.md">Cíl</a>' in html
    [problem] = result.problems
    assert (problem.code, problem.level, problem.line) == ("link-case", "info", 3)


def test_other_docsets_and_unknown_docset_pages_go_to_the_published_site(docset: Docset) -> None:
    page = "[A](/azure/marketplace/overview.md#x) [B](/pc/develop/api?tabs=a) [C](/legal/terms)\n"
    html, result = render(docset, page)
    assert '<a href="https://learn.microsoft.com/cs-cz/azure/marketplace/overview#x">A</a>' in html
    assert '<a href="https://learn.microsoft.com/cs-cz/pc/develop/api?tabs=a">B</a>' in html
    assert '<a href="https://learn.microsoft.com/cs-cz/legal/terms">C</a>' in html
    assert not result.problems


def test_external_base_url_is_configurable(docset: Docset) -> None:
    html, _ = render(docset, "[A](/azure/x)\n", locale="de-DE", external_base_url="https://docs.example/{locale}/")
    assert '<a href="https://docs.example/de-de/azure/x">A</a>' in html


def test_missing_page_link_is_reported_with_line(docset: Docset) -> None:
    html, result = render(docset, "a\n\n[Chybí](nope.md)\n")
    assert '<a href="nope.md">Chybí</a>' in html
    [problem] = result.problems
    assert (problem.code, problem.level, problem.line, problem.column) == ("link-not-found", "warning", 3, 9)


@pytest.mark.parametrize(("directory_urls", "expected"), [(True, "../sub/child/#x"), (False, "sub/child.html#x")])
def test_raw_html_links_get_final_urls(docset: Docset, directory_urls: bool, expected: str) -> None:
    html, _ = render(docset, '<a href="sub/child.md#x">Dítě</a> a <a href="/azure/y">Azure</a>\n',
                     use_directory_urls=directory_urls)
    assert f'<a href="{expected}">Dítě</a>' in html
    assert '<a href="https://learn.microsoft.com/cs-cz/azure/y">Azure</a>' in html


def test_links_in_units_and_in_code(docset: Docset) -> None:
    page = TU.format(n=1, cs="Viz [dítě](~/sub/child.md).", en="See [child](~/sub/child.md).") + "\n\n"
    page += "`[x](~/sub/child.md)`\n"
    html, _ = render(docset, page)
    assert html.count('href="sub/child.md"') == 2  # target and English original
    assert "<code>[x](~/sub/child.md)</code>" in html


# --- media ------------------------------------------------------------------------------------------------------


def test_present_image_is_kept(docset: Docset) -> None:
    html, result = render(docset, "![Ikona](../media/present.png)\n", page="guide/page.md")
    assert '<img alt="Ikona" src="../media/present.png"' in html and not result.problems


def test_missing_images_become_placeholders_never_broken_images(docset: Docset) -> None:
    page = ("![Snímek obrazovky](media/absent.png)\n\n"
            '<img src="media/absent.png" alt="HTML obrázek">\n\n'
            "[![Náhled](media/absent.png)](media/absent-large.png)\n")
    html, result = render(docset, page)
    assert "<img" not in html
    assert html.count('class="sxs-media-missing"') == 3
    for alt in ("Snímek obrazovky", "HTML obrázek", "Náhled"):
        assert f'<span class="sxs-media-missing-alt">{alt}</span>' in html
    assert "Obrázek není k dispozici" in visible(html)
    assert {p.code for p in result.problems} == {"media-missing"}


def test_image_inside_a_unit_placeholder_in_target_alt_text_in_source(docset: Docset) -> None:
    page = TU.format(n=2, cs="![Nabídka](media/absent.png)", en="![Menu](media/absent.png)") + "\n"
    html, _ = render(docset, page)
    assert "<img" not in html
    assert re.search(r'<span class="sxs-t"><span class="sxs-media-missing"[^>]*>.*Nabídka', html)
    assert '<span class="sxs-img-alt">Menu</span>' in html


def test_media_fallback_folder_serves_the_english_file(docset: Docset) -> None:
    fallback = FIXTURE / "fallback"
    result = transform(docset, "![Obrázek](../media/absent.png)\n", page="guide/page.md",
                       media_fallback=str(fallback))
    assert "![Obrázek](../media/absent.png)" in result.text
    assert [(m.source, m.dest) for m in result.media] == [(str(fallback.resolve() / "media/absent.png"),
                                                          "media/absent.png")]
    assert not result.problems


def test_media_fallback_url(docset: Docset) -> None:
    html, result = render(docset, ':::image type="content" source="media/absent.png" alt-text="A":::\n'
                          '<img src="media/absent.png" alt="B">\n',
                          media_fallback="https://learn.microsoft.com/en-us/pc/")
    assert '<img alt="A" src="https://learn.microsoft.com/en-us/pc/media/absent.png"' in html
    assert '<img src="https://learn.microsoft.com/en-us/pc/media/absent.png" alt="B">' in html
    assert not result.problems


def test_links_to_yaml_pages_go_to_the_page_generated_from_them(docset: Docset) -> None:
    html, result = render(docset, "[FAQ](guide/faq.yml#q) a <a href=\"guide/faq.yml\">FAQ</a>\n",
                          page_aliases={"guide/faq.yml": "guide/faq.md"})
    assert '<a href="guide/faq.md#q">FAQ</a>' in html and '<a href="../guide/faq/">FAQ</a>' in html
    assert not result.problems
