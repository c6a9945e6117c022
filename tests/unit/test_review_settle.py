"""Review mode's two paths (review/site.py): the edited page at once, then the whole site exactly a clean build.

The docset of tests/edited_docset.py (TOC, include, cross-page anchors,
catalog, annotations) is served by a ReviewSite while it is edited on disk,
one input kind at a time. After each edit the page made of the edited file
is served with the edit before anything else is rebuilt; once the
background build has settled, every file of the served site equals a clean
`mkdocs build` of the same sources, byte for byte.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from edited_docset import EDITS, TEXT, site_files
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs_sxs.core.files.inputs import changed, snapshot
from mkdocs_sxs.review import site as review_site
from mkdocs_sxs.review.site import ReviewSite

SETTLE_TIMEOUT = 120.0


def clean_build(root: Path) -> Path:
    """`mkdocs build` of the same sources, without the build cache, in its own folder."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"][1]["sxs"]["build_cache"] = False
    config_file = root / "mkdocs.clean.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    site = root / "clean"
    shutil.rmtree(site, ignore_errors=True)
    build(review_site._fresh_config(str(config_file), str(site)))
    return site


def assert_settled_equals_clean(served: ReviewSite, root: Path) -> dict[str, bytes]:
    """Every file of the served site, once settled, is the clean build's; returns the clean build's files."""
    assert served.wait_settled(SETTLE_TIMEOUT), served.settle_error
    mine, clean = site_files(Path(served.config.site_dir)), site_files(clean_build(root))
    assert sorted(mine) == sorted(clean)
    assert [name for name in clean if mine[name] != clean[name]] == []
    return clean


def page_html(served: ReviewSite, url: str) -> str:
    return (Path(served.config.site_dir) / url / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def served(edited_base: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[ReviewSite, Path]]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the sitemap's gzip header, in both builds
    root = tmp_path / "project"
    shutil.copytree(edited_base, root)
    site = ReviewSite(root / "mkdocs.yml", tmp_path / "served")
    site.build()
    try:
        yield site, root
    finally:
        site.close()


def catalog(root: Path) -> Path:
    return root / "translations" / "cs-CZ" / "a.po"


@pytest.mark.parametrize(("kind", "page", "url"), [
    ("sentence", "a.md", "a"), ("include", "a.md", "a"), ("catalog", "a.md", "a"), ("heading", "b.md", "b")])
def test_the_page_made_of_an_edited_file_is_rendered_at_once(served: tuple[ReviewSite, Path], kind: str,
                                                            page: str, url: str):
    site, root = served
    other = page_html(site, "")
    EDITS[kind](root, "Úplně nový text")
    builds = site.builds
    assert site.refresh_page(page, catalog(root)) is True
    at_once = page_html(site, url)
    assert "Úplně nový text" in at_once
    assert site.builds == builds or site.settling  # the page alone; the full build runs in the background
    assert site.refresh_page(page, catalog(root)) is False  # rendered once per change
    assert page_html(site, "") == other or site.builds > builds  # index.md: not rendered again
    clean = assert_settled_equals_clean(site, root)
    assert at_once == clean[f"{url}/index.html"].decode()  # the page path gave the clean build's page


def test_an_edited_code_sample_shows_in_the_page_at_once(edited_base: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch):
    """The page path knows every file the DocFX transform read (DocfxResult.reads), not only includes."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = tmp_path / "project"
    shutil.copytree(edited_base, root)
    (root / ".openpublishing.publish.config.json").write_text("{}", encoding="utf-8")  # the repository root
    (root / "samples").mkdir()
    sample = root / "samples" / "Program.cs"
    sample.write_text("class Prvni {}\n", encoding="utf-8")
    page = root / "docs" / "a.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[!code-csharp[ukázka](../samples/Program.cs)]\n",
                    encoding="utf-8")
    site = ReviewSite(root / "mkdocs.yml", tmp_path / "served")
    site.build()
    try:
        assert "class Prvni" in page_html(site, "a")
        sample.write_text("class Druha {}\n", encoding="utf-8")
        assert site.refresh_page("a.md", catalog(root)) is True
        at_once = page_html(site, "a")
        assert "class Druha" in at_once
        assert at_once == assert_settled_equals_clean(site, root)["a/index.html"].decode()
    finally:
        site.close()


def test_a_toc_edit_shows_in_the_requested_page_at_once_and_everywhere_once_settled(
        served: tuple[ReviewSite, Path]):
    site, root = served
    EDITS["toc"](root, "Nový název v obsahu")
    assert site.refresh_page("b.md", catalog(root)) is True  # its navigation changed
    at_once = page_html(site, "b")
    assert "Nový název v obsahu" in at_once
    assert site.refresh_page("b.md", catalog(root)) is False
    assert at_once == assert_settled_equals_clean(site, root)["b/index.html"].decode()
    assert "Nový název v obsahu" in page_html(site, "a")


def test_a_redirect_edit_is_served_once_settled(served: tuple[ReviewSite, Path]):
    site, root = served
    before = set(site_files(Path(site.config.site_dir)))
    EDITS["redirect"](root, "")
    assert site.refresh_page("a.md", catalog(root)) is False  # no page is made of it
    assert site.settling
    after = set(assert_settled_equals_clean(site, root))
    assert [name for name in after - before if name.endswith(".html")] != []  # the redirect page


def test_one_edit_is_one_background_build_however_often_pages_are_requested(served: tuple[ReviewSite, Path]):
    site, root = served
    builds = site.builds
    EDITS["sentence"](root, "Jedna úprava")
    site.refresh_page("a.md", catalog(root))
    deadline = time.monotonic() + SETTLE_TIMEOUT
    while site.builds == builds and time.monotonic() < deadline:  # the background build has not started yet
        time.sleep(0.01)
    while site.settling:  # requests while it builds: still the same inputs
        for page in ("a.md", "b.md", "index.md"):
            site.refresh_page(page, catalog(root))
    assert site.wait_settled(SETTLE_TIMEOUT)
    assert site.builds == builds + 1


def test_an_unchanged_site_does_not_rebuild(served: tuple[ReviewSite, Path]):
    site, root = served
    builds = site.builds
    assert site.refresh_page("a.md", catalog(root)) is False
    assert not site.settling and site.builds == builds


def test_inputs_are_the_docs_translations_config_and_docfx_files_beside_them(tmp_path: Path):
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    (tmp_path / "docs" / "sub" / "page.md").write_text("x", encoding="utf-8")
    (tmp_path / "docs" / ".git").mkdir()
    (tmp_path / "docs" / ".git" / "HEAD").write_text("x", encoding="utf-8")
    for name in ("docfx.json", ".openpublishing.redirection.json", "sxs-build-report.txt", "mkdocs.yml"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = snapshot([str(tmp_path / "docs")], [str(tmp_path)], [str(tmp_path / "mkdocs.yml")])
    names = sorted(Path(path).relative_to(tmp_path).as_posix() for path in found)
    assert names == [".openpublishing.redirection.json", "docfx.json", "docs/sub/page.md", "mkdocs.yml"]
    (tmp_path / "docs" / "sub" / "page.md").write_text("xy", encoding="utf-8")
    (tmp_path / "sxs-build-report.txt").write_text("changed by the build", encoding="utf-8")
    after = snapshot([str(tmp_path / "docs")], [str(tmp_path)], [str(tmp_path / "mkdocs.yml")])
    assert changed(found, after) == {str(tmp_path / "docs" / "sub" / "page.md")}


@settings(max_examples=4, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=st.lists(st.tuples(st.sampled_from(sorted(EDITS)), TEXT), min_size=2, max_size=3))
def test_any_sequence_of_edits_settles_to_the_clean_build(edited_base: Path, tmp_path_factory: pytest.TempPathFactory,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         steps: list[tuple[str, str]]):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    folder = tmp_path_factory.mktemp("settle-seq")
    root = folder / "project"
    shutil.copytree(edited_base, root)
    site = ReviewSite(root / "mkdocs.yml", folder / "served")
    site.build()
    try:
        for kind, text in steps:
            EDITS[kind](root, text)
            site.refresh_page("a.md", catalog(root))  # the reviewer looks at a.md meanwhile
            assert_settled_equals_clean(site, root)
    finally:
        site.close()
