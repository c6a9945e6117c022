"""The build cache (core/cache/, mkdocs/build_cache.py, mkdocs/page_cache.py): exactly a clean build, after any
sequence of edits (both stages: the Markdown conversion and the template render).

A small DocFX docset (TOC.yml, an include, cross-page anchors, a catalog of
post-edits, an annotation lead) is built with the cache kept on disk between
builds and, after every edit, compared byte for byte with a clean build
without cache (every file of the site, and the warnings). Hypothesis draws
the edit sequences (derandomized, so CI runs the same examples); unit tests
name each input kind and check what it invalidates.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from edited_docset import EDITS, TEXT, replace_in, site_files, write_config
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs_sxs.core.cache.store import MANIFEST, PageCache, pack_index


class Messages(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append((record.levelno, record.getMessage()))


@contextmanager
def captured() -> Iterator[Messages]:
    handler = Messages()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    old = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old)


def run_build(root: Path, site: str, *, cache: bool, keep: bool = False, workers: bool = False
              ) -> list[tuple[int, str]]:
    """`build` into `root/site`: emptied first, or with `keep` over the last build's site as `mkdocs build`
    does it (on_startup says: not --dirty; the plugin keeps the old files and sweeps what it did not make).
    `workers`: with the page workers (parallel.py), and so the cache's page stage (populate_cache.py)."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "sxs" in plugin:
            plugin["sxs"]["build_cache"] = cache
            if workers:
                plugin["sxs"]["parallel"] = True
    config_file = root / ("mkdocs.cache.yml" if cache else "mkdocs.clean.yml")
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    if not keep:
        shutil.rmtree(root / site, ignore_errors=True)
    loaded = load_config(config_file=str(config_file), site_dir=str(root / site))
    if keep:
        loaded.plugins.on_startup(command="build", dirty=False)
    with captured() as messages:
        build(loaded)
    return messages.lines


def cache_summary(lines: list[tuple[int, str]]) -> str:
    return next(message for _, message in lines if message.startswith("build cache:") and "hit(s)" in message)


def assert_same_as_clean(root: Path, workers: bool = False) -> list[tuple[int, str]]:
    with_cache = run_build(root, "site-cache", cache=True, keep=True, workers=workers)  # over its last site too
    clean = run_build(root, "site-clean", cache=False)
    cached, fresh = site_files(root / "site-cache"), site_files(root / "site-clean")
    assert sorted(cached) == sorted(fresh)
    different = [name for name in fresh if cached[name] != fresh[name]]
    assert not different, f"differs from a clean build: {different}"
    warnings = sorted(message for level, message in with_cache if level >= logging.WARNING)
    assert warnings == sorted(message for level, message in clean if level >= logging.WARNING)
    return with_cache


def converted(lines: list[tuple[int, str]]) -> set[str]:
    """The pages the build converted (cache misses)."""
    prefix, suffix = "build cache: converting ", " (not in the cache)"
    return {message[len(prefix):-len(suffix)] for _, message in lines if message.startswith(prefix)}


@pytest.fixture(scope="module", autouse=True)
def compiled_templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Material's templates compiled once for this module's many builds (Jinja's bytecode cache: same output)."""
    import jinja2
    from mkdocs.theme import Theme

    folder = tmp_path_factory.mktemp("jinja")
    original = Theme.get_env

    def get_env(self: Theme) -> jinja2.Environment:
        env = original(self)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
        return env

    Theme.get_env = get_env  # type: ignore[method-assign]
    try:
        yield
    finally:
        Theme.get_env = original  # type: ignore[method-assign]


@pytest.fixture
def project(edited_base: Path, tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(edited_base, root)
    return root


ALL = {"index.md", "a.md", "b.md", "c.md", "applies-to/index.md", "applies-to/partner-center.md"}  # + annotation pages
# (two pages open with "Applies to": the docset uses annotations, core/annotations/usage.py)


def test_a_second_build_hits_and_equals_a_clean_build(project: Path):
    first = assert_same_as_clean(project)
    assert converted(first) == ALL
    assert cache_summary(first) == "build cache: 0 hit(s), 6 miss(es)"
    second = assert_same_as_clean(project)
    assert converted(second) == set()
    assert cache_summary(second) == "build cache: 6 hit(s), 0 miss(es)"


@pytest.mark.parametrize(("kind", "misses"), [
    ("sentence", {"a.md"}),
    ("heading", {"b.md"}),
    ("include", {"a.md"}),
    ("toc", set()),  # the navigation is not part of the conversion: templates render it anew
    ("catalog", {"a.md"}),
    ("config", ALL),
    ("page", {"index.md", "a.md", "b.md"}),  # the file list changed: the pages that link or are linked reconvert
    ("redirect", set()),  # a redirect page is written after the pages
])
def test_each_input_kind_invalidates_what_it_affects(project: Path, kind: str, misses: set[str]):
    assert_same_as_clean(project)
    EDITS[kind](project, "Nový text")
    assert converted(assert_same_as_clean(project)) == misses


def transformed(lines: list[tuple[int, str]]) -> set[str]:
    """The pages whose DocFX transform ran (the DocFX stage's misses)."""
    prefix = "build cache, DocFX stage: transformed "
    return {page for _, message in lines if message.startswith(prefix) for page in message[len(prefix):].split(", ")}


DOCSET_PAGES = {"index.md", "a.md", "b.md", "c.md"}  # what the DocFX transform sees (annotation pages are generated)


@pytest.mark.parametrize(("kind", "again"), [
    ("sentence", {"a.md"}),
    ("heading", {"b.md"}),
    ("include", {"a.md"}),  # the include is a file a.md's transform read
    ("toc", set()),
    ("catalog", set()),  # post-edits apply after the transform
    ("config", DOCSET_PAGES),
    ("page", {"index.md", "a.md", "b.md"}),  # the docset's file list changed (links resolve against it)
    ("redirect", set()),
])
def test_the_docfx_stage_transforms_again_what_an_edit_affects(project: Path, kind: str, again: set[str]):
    assert transformed(assert_same_as_clean(project)) == DOCSET_PAGES
    assert transformed(assert_same_as_clean(project)) == set()
    EDITS[kind](project, "Nový text")
    assert transformed(assert_same_as_clean(project)) == again


def test_a_missing_include_or_snippet_is_stored_until_it_appears(project: Path):
    """A partial export: a page whose include and code sample are missing is not transformed again, until
    one of them appears in the repository around the docset (in any letter case, as DocFX finds it)."""
    (project / ".openpublishing.publish.config.json").write_text("{}", encoding="utf-8")  # the repository root
    replace_in(project / "docs" / "a.md", "(includes/note.md)]", "(../shared/note.md)]\n\n"
               "[!code-csharp[ukázka](../samples/Program.cs)]")
    assert "a.md" in transformed(assert_same_as_clean(project))
    assert transformed(assert_same_as_clean(project)) == set()  # stored with the lookups that found nothing
    (project / "shared").mkdir()
    (project / "shared" / "Note.md").write_text("Sdílená poznámka.\n", encoding="utf-8")
    assert transformed(assert_same_as_clean(project)) == {"a.md"}
    site = (project / "site-cache" / "a" / "index.html").read_text(encoding="utf-8")
    assert "Sdílená poznámka." in site and "sxs-snippet-missing" in site
    assert transformed(assert_same_as_clean(project)) == set()
    (project / "samples").mkdir()
    (project / "samples" / "Program.cs").write_text("class Ukazka {}\n", encoding="utf-8")
    assert transformed(assert_same_as_clean(project)) == {"a.md"}
    assert "class Ukazka" in (project / "site-cache" / "a" / "index.html").read_text(encoding="utf-8")


def test_a_page_over_the_include_size_limit_is_not_stored(project: Path):
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"][1]["sxs"]["include_max_bytes"] = 10  # note.md is longer: its second include is not expanded
    write_config(project, config)
    replace_in(project / "docs" / "a.md", "(includes/note.md)]",
               "(includes/note.md)]\n\n[!INCLUDE [znovu](includes/note.md)]")
    assert_same_as_clean(project)
    assert "a.md" in transformed(assert_same_as_clean(project))


@settings(max_examples=6, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=st.lists(st.tuples(st.sampled_from(sorted(EDITS)), TEXT), min_size=2, max_size=3))
def test_any_sequence_of_edits_gives_the_clean_build(edited_base: Path, tmp_path_factory: pytest.TempPathFactory,
                                                    steps: list[tuple[str, str]]):
    root = tmp_path_factory.mktemp("cache-seq") / "project"
    shutil.copytree(edited_base, root)
    assert_same_as_clean(root)
    for kind, text in steps:
        EDITS[kind](root, text)
        assert_same_as_clean(root)


def populated(lines: list[tuple[int, str]]) -> set[str]:
    """The pages the page stage did not serve whole (populate_cache.py: keyed, not reused)."""
    prefix = "build cache, page stage: populating "
    return {message[len(prefix):] for _, message in lines if message.startswith(prefix)}


def reused_whole(lines: list[tuple[int, str]]) -> int:
    found = [message for _, message in lines if message.startswith("build cache, page stage:") and "whole" in message]
    assert len(found) == 1, found
    return int(found[0].split(": ")[1].split()[0])


@pytest.mark.parametrize("kind, again", [
    ("sentence", {"a.md"}), ("include", {"a.md"}), ("catalog", {"a.md"}), ("heading", {"b.md"}),
    ("toc", {"a.md"}),  # its navigation title
    ("redirect", set()), ("config", set()), ("page", set())])
def test_the_page_stage_populates_again_exactly_what_an_edit_affects(project: Path, kind: str, again: set[str]):
    """With the page workers, an unchanged page is served whole from the cache; each input kind sends exactly
    the pages it affects to the workers again, and the site is a clean build's."""
    first = assert_same_as_clean(project, workers=True)
    assert populated(first) >= ALL and reused_whole(first) == 0
    second = assert_same_as_clean(project, workers=True)
    pages = len(populated(first))
    assert populated(second) == set() and reused_whole(second) == pages
    EDITS[kind](project, "Nový text")
    third = assert_same_as_clean(project, workers=True)
    changed = populated(third)
    if kind in ("config", "page"):  # every page's key changed: the environment, the file list
        assert changed and reused_whole(third) == 0
    else:
        assert changed == again
        assert reused_whole(third) == pages - len(again)


def test_a_new_version_of_a_library_the_pages_use_populates_every_page(project: Path,
                                                                       monkeypatch: pytest.MonkeyPatch):
    """Babel formats the page bar's dates, PyYAML types the front matter: a new version of either is a new key."""
    from mkdocs_sxs.mkdocs import populate_cache

    assert_same_as_clean(project, workers=True)
    pages = reused_whole(assert_same_as_clean(project, workers=True))
    assert pages >= len(ALL)
    monkeypatch.setattr(populate_cache, "_versions", lambda: ["babel 99.0"])
    assert reused_whole(assert_same_as_clean(project, workers=True)) == 0
    assert reused_whole(assert_same_as_clean(project, workers=True)) == pages


@settings(max_examples=6, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=st.lists(st.tuples(st.sampled_from(sorted(EDITS)), TEXT), min_size=2, max_size=3))
def test_any_sequence_of_edits_gives_the_clean_build_with_the_page_stage(
        edited_base: Path, tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[str, str]]):
    """As above, with the page workers: pages served whole from the page stage among them."""
    root = tmp_path_factory.mktemp("page-seq") / "project"
    shutil.copytree(edited_base, root)
    assert_same_as_clean(root, workers=True)
    for kind, text in steps:
        EDITS[kind](root, text)
        assert_same_as_clean(root, workers=True)


def damage(place: tuple[str, int, int], change: bytes | tuple[bytes, bytes]) -> None:
    """Change a record inside its pack, in place: its last bytes overwritten (`change`: the new bytes), or
    (old, new) replaced once, of the same length (a record changed without its checksum)."""
    path, offset, length = place
    with open(path, "r+b") as handle:
        handle.seek(offset)
        record = handle.read(length)
        if isinstance(change, tuple):
            assert len(change[0]) == len(change[1]) and change[0] in record
            record = record.replace(change[0], change[1], 1)
        else:
            record = record[: length - len(change)] + change
        handle.seek(offset)
        handle.write(record)


def test_corrupt_stale_and_foreign_caches_are_detected(project: Path):
    assert_same_as_clean(project)
    folder = project / ".cache" / "mkdocs-sxs"
    entries = sorted(pack_index(folder / "render").values())
    assert len(entries) == 6
    damage(entries[0], b" " * 20)  # torn
    damage(entries[1], (b"<p", b"<q"))  # changed without its checksum
    summary = cache_summary(assert_same_as_clean(project))
    assert summary.startswith("build cache: 4 hit(s), 2 miss(es), 2 corrupt")
    # another version / configuration: the manifest differs, the cache is emptied and rebuilt
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    manifest["environment"] = "0" * 64
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    assert cache_summary(assert_same_as_clean(project)) == "build cache: 0 hit(s), 6 miss(es)"
    # a folder that is not ours is left alone and not used
    shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / "notes.txt").write_text("someone else's", encoding="utf-8")
    cache = PageCache(folder, "render", "x")
    assert not cache.enabled and "not mkdocs-sxs's build cache" in cache.stats.notes[0]
    with_cache = run_build(project, "site-cache", cache=True)
    assert not any("hit(s)" in message for _, message in with_cache)
    assert sorted(path.name for path in folder.iterdir()) == ["notes.txt"]


def test_an_extension_that_reads_files_turns_the_cache_off(project: Path):
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["markdown_extensions"].append("pymdownx.snippets")
    write_config(project, config)
    lines = run_build(project, "site-cache", cache=True)
    assert any("build cache off: the Markdown extension(s) pymdownx.snippets" in message for _, message in lines)
    assert not (project / ".cache").exists()


def test_warnings_are_replayed_from_the_cache(project: Path):
    replace_in(project / "docs" / "a.md", "b.md#podrobnosti", "b.md#nikde")
    first = run_build(project, "site-cache", cache=True)
    second = run_build(project, "site-cache", cache=True)
    assert cache_summary(second) == "build cache: 6 hit(s), 0 miss(es)"
    warnings = [message for level, message in first if level >= logging.WARNING]
    assert any("nikde" in message for message in warnings)
    assert warnings == [message for level, message in second if level >= logging.WARNING]


# Second stage: template renders (mkdocs/page_cache.py) ------------------------------------------


def rendered(lines: list[tuple[int, str]]) -> set[str]:
    """The pages whose template the build rendered (cache misses of the second stage)."""
    prefix, suffix = "build cache: rendering the template of ", " (not in the cache)"
    return {message[len(prefix):-len(suffix)] for _, message in lines if message.startswith(prefix)}


def theme_renders(lines: list[tuple[int, str]]) -> set[str]:
    """The theme's own templates (no page: 404.html, sitemap.xml) the build rendered."""
    prefix, suffix = "build cache: rendering the theme's ", " (not in the cache)"
    return {message[len(prefix):-len(suffix)] for _, message in lines if message.startswith(prefix)}


@pytest.mark.parametrize(("kind", "renders"), [
    ("sentence", {"a.md"}),
    ("heading", ALL),  # b's h1 is its title: every page's navigation shows it
    ("include", {"a.md"}),
    ("toc", ALL),  # the navigation every page renders
    ("catalog", {"a.md"}),
    ("config", ALL),
    ("page", {"index.md", "a.md", "b.md"}),  # c.md gone: out of the navigation (annotation pages have their own)
    ("redirect", set()),
])
def test_each_input_kind_rerenders_the_templates_it_affects(project: Path, kind: str, renders: set[str]):
    """A page's template is rendered again exactly when something it shows changed; the site equals a clean build."""
    first = assert_same_as_clean(project)
    assert rendered(first) == ALL
    assert rendered(assert_same_as_clean(project)) == set()
    EDITS[kind](project, "Nový text")
    assert rendered(assert_same_as_clean(project)) == renders


def test_a_theme_override_rerenders_every_page(project: Path):
    """A `custom_dir` template is part of every page's key (the theme's files are hashed)."""
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = "overrides"
    (project / "overrides").mkdir()
    write_config(project, config)
    assert rendered(assert_same_as_clean(project)) == ALL
    assert rendered(assert_same_as_clean(project)) == set()
    (project / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}{% block footer %}<p>vlastní patička</p>{% endblock %}', encoding="utf-8")
    assert rendered(assert_same_as_clean(project)) == ALL
    assert "vlastní patička" in (project / "site-cache" / "a" / "index.html").read_text(encoding="utf-8")


def test_the_theme_digest_sees_every_file_of_the_theme_folders(tmp_path: Path):
    """Any file added, removed or changed in a theme folder (nested ones too, and in folders it links to, as
    Jinja reads templates through links) changes the digest; a template naming build_date_utc makes renders
    dated; a link back up the tree is walked once."""
    import os
    import types

    from mkdocs_sxs.mkdocs.page_cache import _theme_digest

    theme, outside = tmp_path / "theme", tmp_path / "outside"
    (theme / "partials" / "deep").mkdir(parents=True)
    outside.mkdir()
    (theme / "main.html").write_text("{{ page.title }}", encoding="utf-8")
    (theme / "partials" / "deep" / "icon.svg").write_text("<svg/>", encoding="utf-8")
    (outside / "far.html").write_text("{{ build_date_utc }}", encoding="utf-8")
    config = types.SimpleNamespace(theme=types.SimpleNamespace(dirs=[str(theme)]))
    first, dated = _theme_digest(config)
    assert not dated and _theme_digest(config) == (first, False)
    (theme / "partials" / "deep" / "icon.svg").write_text("<svg></svg>", encoding="utf-8")
    second = _theme_digest(config)[0]
    assert second != first
    os.symlink(outside, theme / "linked")
    third, dated = _theme_digest(config)
    assert third != second and dated  # through the link: far.html
    (outside / "far.html").write_text("{{ page.title }}", encoding="utf-8")
    fourth, dated = _theme_digest(config)
    assert fourth != third and not dated
    (theme / "partials" / "new.html").write_text("{{ build_date_utc }}", encoding="utf-8")
    fifth, dated = _theme_digest(config)
    assert fifth != fourth and dated
    (theme / "partials" / "new.html").unlink()
    assert _theme_digest(config) == (fourth, False)
    os.symlink(theme, theme / "partials" / "up")  # a cycle: ends
    assert _theme_digest(config)[0] != fourth


def test_the_theme_s_own_templates_come_from_the_cache_until_what_they_show_changes(project: Path):
    """404.html and sitemap.xml (no page: the whole navigation, every page's URL and date) are rendered once,
    then read from the cache; a navigation title or a page date renders them again, as a clean build shows."""
    assert theme_renders(assert_same_as_clean(project)) == {"404.html", "sitemap.xml"}
    assert theme_renders(assert_same_as_clean(project)) == set()
    EDITS["toc"](project, "Jiný název")
    assert "404.html" in theme_renders(assert_same_as_clean(project))
    replace_in(project / "docs" / "b.md", "ms.contentlocale: cs-CZ", "ms.contentlocale: cs-CZ\nms.date: 2024-01-31")
    assert "sitemap.xml" in theme_renders(assert_same_as_clean(project))  # (the same bytes as a clean build's)


def test_corrupt_template_entries_are_rendered_again(project: Path):
    assert_same_as_clean(project)
    entries = sorted(pack_index(project / ".cache" / "mkdocs-sxs" / "templates" / "page").values())
    assert len(entries) == len(ALL) + 2  # and the theme's 404.html and sitemap.xml
    def record(place: tuple[str, int, int]) -> bytes:
        with open(place[0], "rb") as handle:
            handle.seek(place[1])
            return handle.read(place[2])

    html = [place for place in entries if b"</body" in record(place)]  # (not sitemap.xml)
    damage(html[0], (b"</body", b"</bodx"))  # changed without its checksum
    lines = assert_same_as_clean(project)
    assert len(rendered(lines)) + len(theme_renders(lines)) == 1
    assert not any(b"</bodx" in path.read_bytes() for path in (project / "site-cache").rglob("*.html"))


def test_a_config_value_or_package_version_change_rerenders_every_page(project: Path,
                                                                       monkeypatch: pytest.MonkeyPatch):
    """The site name is printed by the theme only (no conversion reads it); a new package version is new code."""
    assert rendered(assert_same_as_clean(project)) == ALL
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["site_name"] = "Přejmenovaný web"
    write_config(project, config)
    assert rendered(assert_same_as_clean(project)) == ALL
    assert "Přejmenovaný web" in (project / "site-cache" / "b" / "index.html").read_text(encoding="utf-8")
    assert rendered(assert_same_as_clean(project)) == set()
    from mkdocs_sxs.mkdocs import build_cache

    monkeypatch.setattr(build_cache, "__version__", "999.0")
    lines = assert_same_as_clean(project)
    assert rendered(lines) == ALL and converted(lines) == ALL


def test_entries_are_packed_and_leftovers_of_a_killed_build_go(tmp_path: Path):
    """What a process stores is one pack, readable once sealed (index and trailer written, renamed into
    place); a newer record of a key wins; a torn record is a miss; the half-written pack a killed build left
    is removed by the next complete build's prune once it is old."""
    import os
    import time

    cache = PageCache(tmp_path / "cache", "render", "env")
    cache.put("a" * 64, {"n": 1})
    cache.put("a" * 64, {"n": 2})
    cache.put("b" * 64, {"n": 3})
    assert cache.get("a" * 64) == {"n": 2}  # (its own, before the pack is sealed)
    bucket = tmp_path / "cache" / "render"
    assert PageCache(tmp_path / "cache", "render", "env").get("a" * 64) is None  # not sealed yet: not seen
    cache.seal()
    assert [path.name.endswith(".pack") for path in bucket.iterdir()] == [True]  # one file, no temporary left
    assert PageCache(tmp_path / "cache", "render", "env").get("a" * 64) == {"n": 2}
    later = PageCache(tmp_path / "cache", "render", "env")
    later.put("a" * 64, {"n": 4})
    later.seal()
    assert PageCache(tmp_path / "cache", "render", "env").get("a" * 64) == {"n": 4}  # the newer pack first
    damage(pack_index(bucket)["b" * 64], b"xx")
    reader = PageCache(tmp_path / "cache", "render", "env")
    assert reader.get("b" * 64) is None and reader.stats.corrupt == 1  # detected, a miss
    old, fresh = bucket / ".pack-12-0000abcd.tmp", bucket / ".pack-56-0000abcd.tmp"
    old.write_bytes(b"partial")
    fresh.write_bytes(b"partial")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    cache = PageCache(tmp_path / "cache", "render", "env")
    cache.prune()
    assert not old.exists() and fresh.exists()  # a pack a build writes now is left alone


def test_prune_drops_unused_packs_and_rewrites_mostly_unused_ones(tmp_path: Path):
    """A pack nothing was used of goes; packs mostly unused are rewritten into one of the used records."""
    folder = tmp_path / "cache"
    keys = [f"{number:064x}" for number in range(6)]
    for group in (keys[:2], keys[2:4], keys[4:]):
        writer = PageCache(folder, "render", "env")
        for key in group:
            writer.put_text(key, f"text of {key[-1]}" * 100)
        writer.seal()
    bucket = folder / "render"
    assert len(list(bucket.iterdir())) == 3
    build = PageCache(folder, "render", "env")
    assert build.get_text(keys[0]) == "text of 0" * 100  # used: keys 0 and 5 (the third pack: kept unread)
    build.keep(keys[5])
    build.prune()
    packs = list(bucket.iterdir())
    assert len(packs) == 1 and packs[0].name.endswith(".pack")  # 2 of 6 used: rewritten into one
    assert sorted(pack_index(bucket)) == [keys[0], keys[5]]
    assert build.stats.removed == 4
    again = PageCache(folder, "render", "env")
    assert [again.get_text(key) for key in keys] == ["text of 0" * 100, None, None, None, None, "text of 5" * 100]


def test_packs_that_are_not_ours_are_not_read(tmp_path: Path):
    """The cache folder sits in an untrusted checkout: a pack whose trailer, index or records do not check out,
    or that is a link or no file, is left out (and a broken one of our name goes at the next prune)."""
    import os

    folder = tmp_path / "cache"
    good = PageCache(folder, "render", "env")
    good.put("a" * 64, {"n": 1})
    good.seal()
    bucket = folder / "render"
    (path,) = bucket.iterdir()
    data = path.read_bytes()
    (bucket / "pack-1-00000001.pack").write_bytes(data[:-5] + b"0000\n")  # index checksum wrong
    (bucket / "pack-1-00000002.pack").write_bytes(b"{}")  # no trailer
    secret = tmp_path / "secret.txt"
    secret.write_bytes(data)
    os.symlink(secret, bucket / "pack-1-00000003.pack")  # a link to a file elsewhere
    os.mkdir(bucket / "pack-1-00000004.pack")
    index_at = data.rindex(b"[[")
    forged = data[:index_at] + data[index_at:].replace(b'",0,', b'",9,', 1)  # a record's offset moved
    (bucket / "pack-1-00000005.pack").write_bytes(forged)
    reader = PageCache(folder, "render", "env")
    assert reader.get("a" * 64) == {"n": 1}
    reader.prune()
    # the broken packs and the link went (the link only: its target stays), a folder is left alone
    assert sorted(item.name for item in bucket.iterdir()) == sorted([path.name, "pack-1-00000004.pack"])
    assert secret.read_bytes() == data


def test_a_forked_worker_writes_a_pack_of_its_own(tmp_path: Path):
    """Page workers are forks of the build: each writes its own pack, never into the parent's."""
    import multiprocessing

    folder = tmp_path / "cache"
    parent = PageCache(folder, "render", "env")
    parent.put("a" * 64, {"by": "parent"})  # the parent's pack is being written when the worker forks
    process = multiprocessing.get_context("fork").Process(target=_store_in_worker, args=(parent,))
    process.start()
    process.join(60)
    assert process.exitcode == 0
    parent.put("c" * 64, {"by": "parent"})
    parent.seal()
    assert len(list((folder / "render").iterdir())) == 2
    reader = PageCache(folder, "render", "env")
    assert [reader.get(key * 64) for key in "abc"] == [{"by": "parent"}, {"by": "worker"}, {"by": "parent"}]
    assert reader.stats.corrupt == 0


def _store_in_worker(cache: PageCache) -> None:
    from mkdocs_sxs.core.cache.store import seal_all

    cache.put("b" * 64, {"by": "worker"})
    seal_all()


def test_the_page_workers_setting_does_not_empty_the_cache(project: Path):
    """Review mode's settling build runs serially (`parallel: false`, set in memory) over the cache a build
    with workers filled: the same entries, not an emptied cache (the option is not in the key)."""
    run_build(project, "site-cache", cache=True)
    loaded = load_config(config_file=str(project / "mkdocs.cache.yml"), site_dir=str(project / "site-serial"))
    loaded.plugins["sxs"].config["parallel"] = False
    with captured() as messages:
        build(loaded)
    assert " 0 miss(es)" in cache_summary(messages.lines)
    assert site_files(project / "site-serial") == site_files(project / "site-cache")


def test_post_edits_are_matched_again_only_when_the_page_or_catalog_changes(project: Path,
                                                                            monkeypatch: pytest.MonkeyPatch):
    """The post-edit stage: a warm build parses no page to match its catalog entries, and still warns."""
    from mkdocs_sxs.mkdocs import translation
    from translate.storage import po

    EDITS["catalog"](project, "Upravená věta.")
    path = project / "translations" / "cs-CZ" / "a.po"
    store = po.pofile(path.read_bytes())
    unit = store.addsourceunit("A sentence that is gone.")
    unit.setcontext("a.md#gone-1")
    unit.target = "Věta, která zmizela."
    path.write_bytes(bytes(store))
    parsed: list[str] = []
    original = translation.parse_sxs

    def counting(text: str, path: str, **options: object):
        parsed.append(path)
        return original(text, path, **options)

    monkeypatch.setattr(translation, "parse_sxs", counting)
    first = run_build(project, "site-cache", cache=True)
    assert "a.md" in parsed
    warnings = [message for level, message in first if level >= logging.WARNING]
    assert any("gone-1" in message for message in warnings)
    assert_same_as_clean(project)  # (its clean build parses again)
    parsed.clear()
    third = run_build(project, "site-cache", cache=True)
    assert parsed == []
    assert [message for level, message in third if level >= logging.WARNING] == warnings
    assert "Upravená věta." in (project / "site-cache" / "a" / "index.html").read_text(encoding="utf-8")
    EDITS["catalog"](project, "Znovu upravená věta.")
    run_build(project, "site-cache", cache=True)
    assert parsed == ["a.md"]
    assert "Znovu upravená věta." in (project / "site-cache" / "a" / "index.html").read_text(encoding="utf-8")


def test_a_warm_build_does_not_fold_the_search_index_again(project: Path, monkeypatch: pytest.MonkeyPatch):
    """Entries' folded fields are kept with their page's search sections; the index equals a clean build's."""
    from mkdocs_sxs.core.search import index
    from mkdocs_sxs.mkdocs import page_cache

    folded: list[str] = []
    original = index.folded_terms

    def counting(markup: str, *args: object, **options: object) -> str:
        folded.append(markup)
        return original(markup, *args, **options)

    monkeypatch.setattr(index, "folded_terms", counting)
    monkeypatch.setattr(page_cache, "folded_terms", counting)  # (folds a new page's sections)
    shutil.rmtree(project / ".cache", ignore_errors=True)  # (the base docset may hold another test's)
    run_build(project, "site-cache", cache=True)
    cold = len(folded)
    folded.clear()
    assert_same_as_clean(project)  # its clean build folds everything, at write time
    folded.clear()
    run_build(project, "site-cache", cache=True)
    data = json.loads((project / "site-cache" / "search" / "search_index.json").read_text(encoding="utf-8"))
    titled = sum(1 for doc in data["docs"] if doc["location"].count("#"))  # sections under a heading
    assert cold >= 2 * len(data["docs"]) and len(folded) <= 2 * (len(data["docs"]) - titled)
    assert any(index.FOLDED_TITLE in doc for doc in data["docs"])


def test_text_entries_are_checked_like_the_others(tmp_path: Path):
    """PageCache.put_text/get_text (rendered pages, stored as they are): key and checksum checked, a torn or
    edited record is a miss."""
    store = PageCache(tmp_path / "cache", "page", "env")
    key = "ab" * 32
    text = "<html>Věta \"s uvozovkami\" \\ a \ud800 náhradou</html>"  # (a lone surrogate survives, as with put)
    store.put_text(key, text)
    assert store.get_text(key) == text
    store.seal()
    place = store.where(key)
    assert place is not None
    path, offset, length = place
    assert Path(path).read_bytes()[offset:offset + length].endswith(b"</html>")  # not JSON: no escapes to decode
    damage(place, b"xx")  # torn
    reader = PageCache(tmp_path / "cache", "page", "env")
    assert reader.get_text(key) is None and reader.stats.corrupt == 1
    reader.put_text(key, text)
    assert reader.get(key) is None and reader.stats.corrupt == 2  # a text is no JSON payload
    reader.put(key, "<html></html>")
    assert reader.get_text(key) is None and reader.stats.corrupt == 3
    assert reader.get(key) == "<html></html>"  # the newest record of the key


def test_threads_storing_at_once_write_whole_records(tmp_path: Path):
    """Review mode stores from request threads while a build runs: every record stays whole and findable."""
    import threading

    cache = PageCache(tmp_path / "cache", "render", "env")
    keys = [[f"{thread:02x}{number:062x}" for number in range(200)] for thread in range(4)]

    def store(mine: list[str]) -> None:
        for key in mine:
            cache.put_text(key, key * 50)

    threads = [threading.Thread(target=store, args=(mine,)) for mine in keys]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cache.seal()
    reader = PageCache(tmp_path / "cache", "render", "env")
    assert all(reader.get_text(key) == key * 50 for mine in keys for key in mine)
    assert reader.stats.corrupt == 0
