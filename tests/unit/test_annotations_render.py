"""The annotation block, its place in a converted page, and the browse pages."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
from mkdocs_sxs.core.annotations.find import AnnotationValue, annotations_of_text, find_annotations
from mkdocs_sxs.core.annotations.index import build_index, report
from mkdocs_sxs.core.annotations.pages import generated_pages
from mkdocs_sxs.core.annotations.render import AnnotationUnitRenderer, annotation_block
from mkdocs_sxs.core.reader.parser import parse_file
from mkdocs_sxs.markdown_ext.extension import SxsExtension

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "annotations"


def convert(name: str, overrides=None) -> tuple[str, str]:
    """Convert a fixture page like the plugin does; return (html, finished html)."""
    text = (PAGES / name).read_text(encoding="utf-8")
    body = text.split("---\n", 2)[2]
    annotations = annotations_of_text(text, name)
    renderer = AnnotationUnitRenderer(annotations.unit_ids)
    extension = SxsExtension()
    md = markdown.Markdown(extensions=[extension])
    extension.set_page(name, overrides=overrides, render_unit=renderer)
    html = md.convert(body)

    def href_for(kind: str, value: str) -> str:
        return f"../{kind}/{value.lower().replace(' ', '-')}/"

    finished, _ = renderer.finish(html, extension.page, locale=annotations.locale, href_for=href_for)
    return html, finished


def test_one_block_at_the_top_replaces_both_lines():
    _, html = convert("cs-line.md")
    assert html.count('class="sxs-annotations"') == 1
    block_at = html.index('class="sxs-annotations"')
    assert block_at < html.index('data-sxs-id="a-4"')
    assert 'data-sxs-id="a-1"' in html[:block_at]  # after the title
    assert "sxs-ann-consumed" not in html and "placeholder" not in html
    assert "**Platí pro**" not in html and "Platí pro</span>" in html
    roles = re.search(r'<div class="sxs-ann-row sxs-ann-roles".*?</div>', html).group(0)
    assert (
        '<a class="sxs-ann-chip" href="../roles/helpdesk-agent/" data-sxs-name="Helpdesk agent">'
        '<span class="sxs-ann-name"><span class="sxs-t">Agent helpdesku</span> '
        '<span class="sxs-s" lang="en">Helpdesk agent</span></span></a>'
    ) in roles
    # the English label of the unit stays reachable (tooltip / English view)
    # ... and the label is not a Tab stop (sentences are text, not controls)
    assert '<span class="sxs-tu sxs-ann-label" data-sxs-id="a-3">' in roles
    assert '<span class="sxs-t">Odpovídající role</span>' in roles and ">Appropriate roles</span>" in roles


def test_list_shape_leaves_no_empty_lists_or_paragraphs():
    _, html = convert("de-list.md")
    assert "<li></li>" not in html and "<p></p>" not in html
    assert "sxs-ann-consumed" not in html
    assert html.count("<ul>") == 1  # only the ordinary list after the first paragraph
    assert 'data-sxs-units="b-5 b-6 b-7"' in html
    assert html.index("sxs-annotations") < html.index('data-sxs-id="b-8"')
    assert '<span class="sxs-t">Gilt für</span>' in html and '<span class="sxs-t">Geeignete Rollen</span>' in html


def test_annotation_units_are_still_units_of_the_page():
    # rendering replaces their markup, not the units: extraction and post-edits still see them
    page = parse_file(str(PAGES / "de-list.md"), "de-list.md")
    annotations = find_annotations(page)
    assert [page.unit(unit_id).source for unit_id in annotations.unit_ids] == [
        "**Applies to**", "Partner Center", "Partner Center for Microsoft Cloud Germany",
        "**Appropriate roles**:", "Global admin", "Admin agent",
    ]


def test_post_edits_reach_the_chips():
    _, html = convert("cs-line.md", overrides={"a-3": "**Odpovídající role:** Agent podpory"})
    assert '<span class="sxs-t">Agent podpory</span> <span class="sxs-s" lang="en">Helpdesk agent</span>' in html
    assert '<span class="sxs-tu sxs-ann-label sxs-edited" data-sxs-id="a-3"' in html
    assert '<span class="sxs-tu sxs-ann-label" data-sxs-id="a-2"' in html  # not edited


def test_pages_without_annotations_are_unchanged():
    plain, finished = convert("cs-missing.md")
    assert plain == finished and "sxs-annotations" not in finished


def test_names_are_escaped():
    page = find_annotations(parse_file(str(PAGES / "cs-line.md"), "cs-line.md"))
    page.roles.values = [AnnotationValue('<script>"x"</script>', "<img src=x onerror=alert(1)>")]
    html = annotation_block(page, locale="cs-CZ", href_for=lambda kind, name: f'"{name}"')
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;&quot;x&quot;&lt;/script&gt;" in html


def test_block_labels_follow_the_page_language():
    page = find_annotations(parse_file(str(PAGES / "ru-list.md"), "ru-list.md"))
    assert "Соответствующие роли" in annotation_block(page, locale="ru-RU")
    # a language we have no label for keeps the translator's label
    page.roles.label = "Κατάλληλοι ρόλοι"
    assert '<span class="sxs-t">Κατάλληλοι ρόλοι</span>' in annotation_block(page, locale="el-GR")
    assert '<span class="sxs-t">Lämpliga roller</span>' in annotation_block(page, locale="sv-SE")  # our catalog
    assert '<span class="sxs-t">Appropriate roles</span>' in annotation_block(page, locale="en-US")


def all_fixture_pages():
    return [annotations_of_text(path.read_text(encoding="utf-8"), path.name) for path in sorted(PAGES.glob("*.md"))]


def test_index_groups_pages_by_english_name():
    index = build_index(all_fixture_pages())
    global_admin = index.entry("roles", "Global admin")
    assert sorted(page.path for page in global_admin.pages) == ["de-list.md", "pl-spacing.md", "ru-list.md"]
    assert index.path_of("roles", "Helpdesk agent") == "roles/helpdesk-agent.md"
    assert index.entry("roles", "Global Admin") is not None  # spelled differently: its own entry (QA reports it)
    data = report(all_fixture_pages())
    assert {row["page"] for row in data["pages"]} == {path.name for path in PAGES.glob("*.md")}
    counts = {entry["name"]: (entry["count"], entry["slug"]) for entry in data["index"]["roles"]}
    assert counts["Global admin"] == (3, "global-admin") and counts["Global Admin"] == (1, "global-admin-2")


def test_browse_pages_list_roles_with_counts_and_pages_with_titles():
    index = build_index(all_fixture_pages())
    pages = generated_pages(index, locale="cs-CZ", url_for=lambda here, target: f"URL({here}|{target})")
    assert "roles/index.md" in pages and "applies-to/index.md" in pages
    assert "roles/helpdesk-agent.md" in pages and "applies-to/partner-center.md" in pages
    overview = pages["roles/index.md"]
    assert overview.startswith('---\ntitle: "Všechny role"\nms.contentlocale: "cs-CZ"\n')
    assert "# Všechny role" in overview
    assert 'href="URL(roles/index.md|roles/global-admin.md)"' in overview
    assert '<span class="sxs-ann-count">3</span>' in overview
    helpdesk = pages["roles/helpdesk-agent.md"]
    assert '<a href="URL(roles/helpdesk-agent.md|cs-line.md)">Komunikace se zákazníkem</a>' in helpdesk
    assert '<a href="URL(roles/helpdesk-agent.md|ru-list.md)">Партнерский центр</a>' in helpdesk
    assert 'data-sxs-roles="Global admin|Helpdesk agent"' in helpdesk
    # the second-value filter offers the other roles and products of these pages
    assert '<option value="roles:Global admin">' in helpdesk
    assert '<option value="applies_to:Partner Center">' in helpdesk


def test_browse_pages_escape_titles_and_names():
    pages = all_fixture_pages()
    pages[0].title = "<b>x</b> & y"
    pages[0].roles.values[0].localized = "[x](javascript:alert(1))"
    generated = generated_pages(build_index(pages), locale="cs", url_for=lambda here, target: target)
    html = "".join(markdown.markdown(text.split("---\n", 2)[2]) for text in generated.values())
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt; &amp; y" in html
    assert "javascript:" in html and 'href="javascript' not in html
