"""DocFX Markdown constructs of the conformance table (README, "DocFX Markdown"): code snippets, tabs,
zones, monikers, math, includes anywhere in the repository, CommonMark link destinations.

Each test transforms a small page of the fixture repository (`tests/fixtures/docfx_constructs/repo`,
docset `docs/`, samples and includes outside the docset folder) and asserts on the HTML that
Python-Markdown with the build's extensions makes of it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docfx_helpers import TU, render, transform, visible
from markdown_it import MarkdownIt
from mkdocs_sxs.core.docfx.docset import Docset
from mkdocs_sxs.core.docfx.repository import find_in_repository, repository_root
from mkdocs_sxs.core.linkcheck.checker import CheckOptions, check_path

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "docfx_constructs"
REPO = FIXTURE / "repo"


@pytest.fixture(scope="module")
def docset() -> Docset:
    return Docset.scan(REPO / "docs")


def _code(html: str) -> list[str]:
    return re.findall(r"<pre[^>]*><code[^>]*>(.*?)</code></pre>", html, re.S)


# --- code snippets ------------------------------------------------------------------------------------------


def test_code_link_region_is_read_from_the_repository_outside_the_docset(docset: Docset) -> None:
    html, result = render(docset, "# T\n\n[!code-csharp[Main](../samples/Sample.cs#Main \"Title\")]\n")
    assert '<code class="language-csharp">static void Main()\n{\n    Console.WriteLine("Hi");\n}</code>' in html
    assert "#region" not in html and "&lt;Inner&gt;" not in html  # marker lines of regions and tags are dropped
    assert "[!code" not in visible(html) and not result.problems


@pytest.mark.parametrize(("directive", "expected"), [
    ("[!code-csharp[](../samples/Sample.cs?name=Inner)]", 'Console.WriteLine("Hi");'),
    ("[!code-csharp[](../samples/Sample.cs#L3-L4)]", "namespace Demo\n{"),
    ("[!code-csharp[](../samples/Sample.cs#L1)]", "using System;"),
    ("[!code-csharp[](../samples/Sample.cs?range=1,3-4)]", "using System;\nnamespace Demo\n{"),
    ("[!code-csharp[](../samples/Sample.cs?start=3&end=4)]", "namespace Demo\n{"),
    (':::code language="csharp" source="../samples/Sample.cs" id="Inner":::', 'Console.WriteLine("Hi");'),
    (':::code language="csharp" source="../samples/Sample.cs" range="3-4":::', "namespace Demo\n{"),
    (':::code language="xml" source="../samples/app.xml" id="Props":::',
     "&lt;PropertyGroup&gt;\n  &lt;TargetFramework&gt;net8.0&lt;/TargetFramework&gt;\n&lt;/PropertyGroup&gt;"),
    ("[!code-vb[](../samples/Module.vb?name=Greet)]", 'Sub Greet()\n    Console.WriteLine("```")\nEnd Sub'),
    ("[!code-csharp[](~/../samples/Sample.cs?name=Inner)]", 'Console.WriteLine("Hi");'),
])
def test_code_snippet_selections(docset: Docset, directive: str, expected: str) -> None:
    html, result = render(docset, f"Text.\n\n{directive}\n\nAfter.\n")
    assert _code(html) == [expected]
    assert "After." in visible(html) and not result.problems


def test_code_snippet_highlight_and_language(docset: Docset) -> None:
    """Lines count from the snippet's first line (DocFX); `5-` runs to its end. Marked as Pygments marks them."""
    html, _ = render(docset, "[!code-CSharp[](../samples/Sample.cs?name=Main&highlight=2,4-)]\n")
    assert ('<code class="language-csharp" data-sxs-highlight="2 4-9999">static void Main()\n'
            '<span class="hll">{\n</span>    Console.WriteLine("Hi");\n<span class="hll">}\n</span></code>') in html
    assert "hl_lines" not in html
    html, _ = render(docset, ':::code language="csharp" source="../samples/Sample.cs" id="Main" highlight="1":::\n')
    assert _code(html) == ['<span class="hll">static void Main()\n</span>{\n    Console.WriteLine("Hi");\n}']


def test_interactive_code_is_plain_code(docset: Docset) -> None:
    html, result = render(docset, ':::code language="csharp" source="../samples/Sample.cs" id="Inner" '
                                  'interactive="try-dotnet-method":::\n')
    assert _code(html) == ['Console.WriteLine("Hi");'] and "interactive" not in html and "try-dotnet" not in html
    assert not result.problems


def test_code_snippet_inside_a_list_item_and_an_alert_stays_there(docset: Docset) -> None:
    page = ("1. Krok\n\n   :::code language=\"csharp\" source=\"../samples/Sample.cs\" id=\"Inner\":::\n\n2. Další\n\n"
            "> [!NOTE]\n> [!code-csharp[](../samples/Sample.cs?name=Inner)]\n")
    html, _ = render(docset, page)
    assert re.search(r"<li>\s*<p>Krok</p>\s*<pre[^>]*><code class=\"language-csharp\">Console", html)
    assert re.search(r'<div class="admonition note">\s*<p class="admonition-title">Poznámka</p>\s*<pre', html)
    assert "<li>\n<p>Další</p>" in html  # the list goes on after the snippet


def test_missing_snippet_is_a_quiet_note_and_a_finding(docset: Docset) -> None:
    html, result = render(docset, "# T\n\nText.\n\n[!code-csharp[Main](../samples/Nope.cs?name=Tx&highlight=3)]\n")
    note = re.search(r'<div class="sxs-snippet-missing" title="../samples/Nope.cs">.*?</div>', html, re.S)
    assert note is not None
    assert "Ukázka kódu (csharp)" in note.group(0) and "<code>Nope.cs</code>" in note.group(0)
    assert "Tx" in note.group(0) and "je v anglickém zdrojovém úložišti" in note.group(0)
    assert "[!code" not in visible(html)
    problem = next(p for p in result.problems if p.code == "snippet-missing")
    assert (problem.path, problem.line, problem.level) == ("page.md", 5, "warning")
    _, partial = render(docset, "[!code-csharp[](../samples/Nope.cs)]\n", missing_snippet_level="info")
    assert [p.level for p in partial.problems if p.code == "snippet-missing"] == ["info"]


def test_snippet_fallback_reads_the_english_repository(docset: Docset) -> None:
    page = "[!code-python[](../samples/fallback.py)]\n"
    html, result = render(docset, page, snippet_fallback=str(FIXTURE / "english" / "docs"))
    assert _code(html) == ['print("only in English")']
    assert [p.code for p in result.problems] == ["snippet-fallback"] and result.problems[0].level == "info"


@pytest.mark.parametrize("path", ["../samples/escape.cs", "../../outside/secret.cs", "/etc/passwd",
                                  "../../../../../../etc/passwd", "https://example.com/x.cs"])
def test_snippets_never_read_outside_the_repository(docset: Docset, path: str) -> None:
    html, result = render(docset, f"[!code-csharp[]({path})]\n")
    assert "TOPSECRET" not in html and "root:" not in html
    assert 'class="sxs-snippet-missing"' in html
    assert [p.code for p in result.problems] == ["snippet-missing"]


def test_snippet_in_code_is_left_alone(docset: Docset) -> None:
    html, _ = render(docset, "```md\n[!code-csharp[](../samples/Sample.cs)]\n```\n")
    assert "[!code-csharp[](../samples/Sample.cs)]" in html and "namespace" not in html


def test_repository_root_and_lookup() -> None:
    assert repository_root(str(REPO / "docs")) == REPO.resolve()
    assert find_in_repository(REPO / "docs", "../samples/sample.CS") == (REPO.resolve() / "samples" / "Sample.cs",
                                                                           True)
    assert find_in_repository(REPO / "docs", "../../outside/secret.cs") == (None, False)


# --- includes anywhere in the repository ---------------------------------------------------------------------


def test_include_outside_the_docset_folder_inside_the_repository(docset: Docset) -> None:
    html, result = render(docset, "# T\n\n[!INCLUDE [s](../includes/shared.md)]\n")
    assert "<p>Sdílený <em>obsah</em> z repozitáře.</p>" in html
    assert "sxs-include-missing" not in html and not result.problems
    html, result = render(docset, "[!INCLUDE [s](../../includes/SHARED.md)]\n", page="sub/page.md")
    assert "Sdílený" in visible(html)
    assert [p.code for p in result.problems] == ["include-case"]


def test_include_leaving_the_repository_is_missing(docset: Docset) -> None:
    html, result = render(docset, "[!INCLUDE [s](../../outside/secret.cs)]\n")
    assert "TOPSECRET" not in html
    assert [(p.code, p.level) for p in result.problems] == [("include-missing", "warning")]


# --- tabs ---------------------------------------------------------------------------------------------------


def test_tabs_become_material_content_tabs(docset: Docset) -> None:
    label = TU.format(n=1, cs="Verze 3", en="Version 3")
    page = (f"# T\n\n### <a name=\"v3\"></a>[{label}](#tab/v3)\n\nObsah 3.\n\n```cs\n# [x](#tab/no)\n```\n\n"
            "### [Verze 2](#tab/v2)\n\n- Obsah 2\n\n---\n\nPo.\n")
    html, _ = render(docset, page)
    assert '<div class="tabbed-set tabbed-alternate" data-tabs="1:2">' in html
    labels = re.findall(r"<label for=\"__tabbed_1_\d\">(.*?)</label>", html)
    assert len(labels) == 2 and 'data-sxs-id="p-1"' in labels[0] and labels[1] == "Verze 2"
    assert '<a name="v3"></a>' in labels[0]
    blocks = html.split('<div class="tabbed-block">')[1:]
    assert "<p>Obsah 3.</p>" in blocks[0] and "# [x](#tab/no)" in blocks[0]  # code keeps its text
    assert "<li>Obsah 2</li>" in blocks[1]
    assert "<hr" not in html and "#tab/" not in visible(re.sub(r"<pre.*?</pre>", "", html, flags=re.S))
    assert html.index("</div>\n</div>\n</div>") < html.index("<p>Po.</p>")  # `---` closed the group


def test_two_tab_groups_are_two_sets_and_a_heading_ends_a_group(docset: Docset) -> None:
    page = ("## [A](#tab/a)\n\nA1\n\n## [B](#tab/b)\n\nB1\n\n## Další\n\n"
            "## [A](#tab/a)\n\nA2\n\n## [B](#tab/b)\n\nB2\n\n---\n")
    html, _ = render(docset, page)
    assert html.count('class="tabbed-set') == 2
    assert '<h2 id="dalsi">Další</h2>' in html or re.search(r"<h2[^>]*>Další</h2>", html)


# --- zones and monikers ---------------------------------------------------------------------------------------


def test_zones_are_labelled_blocks_with_a_pivot_selector(docset: Docset) -> None:
    page = (':::zone pivot="windows"\n\nWindows text.\n\n:::zone-end\n\n'
            '::: zone pivot="macos"\n\nMac text.\n\n:::zone-end\n')
    html, _ = render(docset, page)
    assert re.search(r'<div class="sxs-variant-selector" data-sxs-selector="zone"[^>]*hidden>', html)
    assert 'data-sxs-zone-choice="windows">Visual Studio 2019</button>' in html
    assert 'data-sxs-zone-choice="macos">Visual Studio pro Mac</button>' in html
    assert re.search(r'<div class="sxs-zone" data-sxs-zone="windows">\s*<p class="sxs-zone-label">Visual Studio 2019'
                     r'</p>\s*<p>Windows text.</p>\s*</div>', html)
    assert ":::" not in visible(html) and "zone-end" not in html


def test_monikers_are_labelled_blocks_with_a_version_selector(docset: Docset) -> None:
    page = ('::: moniker range="vs-2017"\n\nStaré.\n\n::: moniker-end\n\n::: moniker range=">= vs-2019"\n\nNové.\n\n'
            "::: moniker-end\n\n1. Krok\n\n    ::: moniker range=\"vs-2022\"\n\n    Jen 2022.\n\n    ::: moniker-end\n")
    html, _ = render(docset, page)
    choices = re.findall(r'data-sxs-moniker-choice="([^"]+)"', html)
    assert choices == ["vs-2017", "vs-2019", "vs-2022"]
    assert '<div class="sxs-moniker" data-sxs-moniker="&gt;= vs-2019">' in html
    assert '<p class="sxs-moniker-label">Verze: <code>vs-2017</code></p>' in html
    # in a list item: a label carrying its range, an end mark after the block (sxs-docfx.js switches the run)
    assert re.search(r"<li>\s*<p>Krok</p>\s*<p><span class=\"sxs-moniker-label sxs-moniker-start\" "
                     r"data-sxs-moniker=\"vs-2022\">Verze: <code>vs-2022</code></span></p>\s*<p>Jen 2022.</p>\s*"
                     r"<p><span class=\"sxs-variant-end\"></span></p>\s*</li>", html)
    assert "moniker" not in visible(html).lower()


def test_a_page_whose_zones_are_all_in_lists_gets_its_selector_under_the_title(docset: Docset) -> None:
    page = ("---\ntitle: T\n---\n# Postup\n\nÚvod.\n\n1. Krok\n\n    :::zone pivot=\"windows\"\n\n    Windows.\n\n"
            "    :::zone-end\n\n    :::zone pivot=\"macos\"\n\n    Mac.\n\n    :::zone-end\n")
    html, _ = render(docset, page)
    assert re.search(r'<h1[^>]*>Postup</h1>\s*<div class="sxs-variant-selector" data-sxs-selector="zone"', html)
    assert html.count("sxs-zone-start") == 2 and html.count("sxs-variant-end") == 2
    assert ":::" not in visible(html)


# --- math ---------------------------------------------------------------------------------------------------


def test_math_inline_display_in_units_and_not_in_prose_or_code(docset: Docset) -> None:
    unit = TU.format(n=1, cs="Vzorec $a_1 + b^2$.", en="Formula $a_1 + b^2$.")
    page = (f"Suma $\\sum_i x_i$ stojí $5 a $10; $(OutDir)$(TargetName); `$x^2$`.\n\n$$\n\\frac{{a}}{{b}}\n$$\n\n"
            f"{unit}\n")
    html, _ = render(docset, page)
    assert '<math class="sxs-math" alttext="\\sum_i x_i"' in html
    assert re.search(r'<math class="sxs-math" alttext="\\frac\{a\}\{b\}"[^>]*display="block"><mrow><mfrac>', html)
    assert "$5 a $10; $(OutDir)$(TargetName);" in html and "<code>$x^2$</code>" in html
    target, source = re.search(r'<span class="sxs-t">(.*?)</span><span class="sxs-s"[^>]*>(.*?)</span>', html).groups()
    formula = '<math class="sxs-math" alttext="a_1 + b^2"'
    assert formula in target and formula in source
    assert "$" not in visible(html).replace("$5 a $10; $(OutDir)$(TargetName); $x^2$", "")


# --- Markdown the way markdig reads it ------------------------------------------------------------------------


def test_quote_inside_a_link_destination_in_a_unit_is_part_of_the_url(docset: Docset) -> None:
    unit = TU.format(n=1, cs='[Seznam](https://example.com/?q=%225.1")', en='[List](https://example.com/?q=%225.1")')
    other = TU.format(n=2, cs='Další [x](sub/a.md "t").', en="More.")
    html, _ = render(docset, f"{unit} {other}\n")
    expected = MarkdownIt("commonmark").render('[Seznam](https://example.com/?q=%225.1")')
    assert 'href="https://example.com/?q=%225.1%22"' in expected
    assert '<span class="sxs-t"><a href="https://example.com/?q=%225.1%22">Seznam</a></span>' in html
    assert '<a href="https://example.com/?q=%225.1%22">List</a>' in html
    assert 'title="t"' in html and "[List]" not in html


def test_tabs_inside_a_list_item_stay_in_the_item(docset: Docset) -> None:
    page = ("1. Krok\n\n   # [Mocha](#tab/mocha)\n\n   Obsah M.\n\n   # [Jest](#tab/jest)\n\n   Obsah J.\n\n"
            "   ---\n\n2. Další\n")
    html, _ = render(docset, page)
    assert re.search(r"<li>\s*<p>Krok</p>\s*<div class=\"tabbed-set tabbed-alternate\"", html)
    assert "<label for=\"__tabbed_1_2\">Jest</label>" in html and "<li>\n<p>Další</p>" in html
    assert "<h1" not in html


def test_fence_opened_one_space_in_and_closed_at_column_zero_is_code(docset: Docset) -> None:
    html, _ = render(docset, "Příklad.\n\n ```\n$(Build)\n```\n\n## Další\n")
    reference = MarkdownIt("commonmark").render("Příklad.\n\n ```\n$(Build)\n```\n\n## Další\n")
    assert "<pre><code>$(Build)\n</code></pre>" in reference and "<h2>Další</h2>" in reference
    assert re.search(r"<pre[^>]*><code>\$\(Build\)</code></pre>", html) and re.search(r"<h2[^>]*>Další</h2>", html)


def test_check_reports_the_snippets_the_build_reports(docset: Docset) -> None:
    page = REPO / "docs" / "snippets.md"
    _, built = render(docset, page.read_text(encoding="utf-8"), page="snippets.md")
    build_missing = sorted((p.line, p.code) for p in built.problems)
    findings = check_path(REPO / "docs").findings
    checked = sorted((f.line, f.category) for f in findings if f.path == "snippets.md")
    assert build_missing == checked == [(5, "snippet-missing"), (7, "snippet-missing")]
    assert all(f.level == "warning" for f in findings if f.category == "snippet-missing")
    with_fallback = check_path(REPO / "docs", CheckOptions(source_fallback=str(FIXTURE / "english" / "docs")))
    assert [(f.line, f.category) for f in with_fallback.findings if f.path == "snippets.md"] == [(5, "snippet-missing")]
    partial = check_path(REPO / "docs", CheckOptions(missing_target_level="info"))
    assert {f.level for f in partial.findings if f.category == "snippet-missing"} == {"info"}


def test_dependent_tabs_name_their_condition(docset: Docset) -> None:
    page = ("# [.NET](#tab/dotnet/linux)\n\nL\n\n# [.NET](#tab/dotnet/windows)\n\nW\n\n# [REST API](#tab/rest)\n\nR\n\n"
            "---\n")
    html, _ = render(docset, page)
    assert re.findall(r"<label for=\"__tabbed_1_\d\">(.*?)</label>", html) == [".NET (linux)", ".NET (windows)",
                                                                              "REST API"]


# --- the rest of the Learn Markdown reference, as Python-Markdown renders it after the transforms --------------


@pytest.mark.parametrize(("page", "expected"), [
    ("H<sub>2</sub>O a x<sup>2</sup>\n", "<p>H<sub>2</sub>O a x<sup>2</sup></p>"),
    ("Řádek<br/>další\n", "<p>Řádek<br/>další</p>"),
    ("**tučně** a *kurzíva*\n", "<p><strong>tučně</strong> a <em>kurzíva</em></p>"),
    ("> Citace\n", "<blockquote>\n<p>Citace</p>\n</blockquote>"),
    ("```mermaid\ngraph TD;\nA-->B;\n```\n", '<code class="language-mermaid">graph TD;\nA--&gt;B;</code>'),
    ("```azurecli-interactive\naz login\n```\n", '<code class="language-azurecli-interactive">az login</code>'),
    (':::image type="icon" source="media/present.png":::\n', '<img alt="" src="media/present.png" />'),
    ('> [!div class="checklist"]\n> * Krok jedna\n', '<div class="checklist">\n<ul>\n<li>Krok jedna</li>'),
    ('> [!div class="nextstepaction"]\n> [Další](sub/a.md)\n', '<div class="nextstepaction">\n<p><a href="sub/a.md">'),
    ('> [!div class="mx-tdBreakAll"]\n> |a|b|\n> |-|-|\n> |1|2|\n', '<div class="mx-tdBreakAll">\n<table>'),
    ('> [!div class="op_single_selector"]\n> - [C#](a.md)\n> - [VB](b.md)\n',
     '<div class="op_single_selector">\n<ul>\n<li><a href="a.md">C#</a></li>'),
])
def test_learn_reference_constructs(page: str, expected: str) -> None:
    docset = Docset.from_files(REPO / "docs", ["media/present.png", "sub/a.md", "a.md", "b.md"])
    html, _ = render(docset, page)
    assert expected in html, html


@pytest.mark.parametrize("prose", [
    "Použijte vzorec = AxTable1\\[Celkový požadavek\\]\\*$I$ 1 pro tento sloupec.",
    "ISEMPTY(model.Transactions.'$refs'.box1099), ISEMPTY(model.Transactions.'$refs'.country)",
    "Parametr **$select** a definice sloupců; **$expand** dotazu.",
    "Hodnota ${aadAppId} a ${aadAppSecret}.",
    "Výnos $15 000 bude mít poloviční ($7 500).",
    "Výraz `$` a $|`car\\r?$ v textu.",
    "Zkopírujte *$(SolutionDir)\\Debug\\NativeMath.dll* do složky *$(OutDir)*.",
    TU.format(n=1, cs="Filtr $filter=x", en="Filter $x"),
])
def test_dollars_in_real_prose_stay_text(docset: Docset, prose: str) -> None:
    html, _ = render(docset, prose + "\n")
    assert "<math" not in html


def test_check_and_build_agree_on_includes_outside_the_docset(tmp_path: Path) -> None:
    page = "[!INCLUDE [s](../includes/shared.md)]\n\n[!INCLUDE [x](../../outside/secret.cs)]\n"
    docs = tmp_path / "repo" / "docs"
    for folder, name, text in [(docs, "page.md", page), (tmp_path / "repo" / "includes", "shared.md", "Sdílený.\n"),
                               (tmp_path / "outside", "secret.cs", "TOPSECRET\n")]:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    (tmp_path / "repo" / ".openpublishing.publish.config.json").write_text("{}", encoding="utf-8")
    html, built = render(Docset.scan(docs), page)
    assert "Sdílený." in html and "TOPSECRET" not in html
    assert [(p.line, p.code) for p in built.problems] == [(3, "include-missing")]
    findings = check_path(docs).findings
    assert [(f.line, f.category) for f in findings] == [(3, "broken")]


def test_lines_after_snippets_and_tabs_map_back_to_the_file(docset: Docset) -> None:
    page = ("# T\n\n[!code-csharp[](../samples/Sample.cs)]\n\n# [A](#tab/a)\n\nx\n\n# [B](#tab/b)\n\ny\n\n---\n\n"
            "Cíl řádek 15\n")
    result = transform(docset, page)
    line = next(n for n, text in enumerate(result.text.split("\n"), 1) if "Cíl" in text)
    assert line > 15 and result.origins is not None and result.origins.where(line, 1) == "page.md:15:1"


def test_tab_group_closed_right_after_a_code_block(docset: Docset) -> None:
    html, _ = render(docset, "# [PowerShell](#tab/ps)\n\n```\nGet-Item\n```\n---\n\n## Další\n")
    assert 'class="tabbed-set' in html and "<hr" not in html
    assert html.index("Get-Item") < html.index("</div>\n</div>\n</div>") < html.index("Další")


def test_an_edited_pivot_file_is_read_again(tmp_path: Path) -> None:
    """Zone pivot titles are cached per process, but by the file's time and size (serve, review mode)."""
    import os

    from mkdocs_sxs.core.docfx.markdown import docset_pivots

    path = tmp_path / "zone-pivot-groups.yml"
    path.write_text("groups:\n- id: g\n  pivots:\n  - id: win\n    title: Windows\n", encoding="utf-8")
    assert docset_pivots(str(tmp_path)) == {"win": "Windows"}
    path.write_text("groups:\n- id: g\n  pivots:\n  - id: win\n    title: Okna 11\n", encoding="utf-8")
    os.utime(path, ns=(path.stat().st_mtime_ns + 10**9, path.stat().st_mtime_ns + 10**9))
    assert docset_pivots(str(tmp_path)) == {"win": "Okna 11"}
    path.unlink()
    assert docset_pivots(str(tmp_path)) == {}
