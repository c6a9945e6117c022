"""Cross-references, uid TOCs and the build/check agreement on the corpus docsets of issue 12.

Entity Framework (cs-CZ, sxs, 195 pages, page uids and `xref:` links) is built whole;
visualstudio-docs (cs-CZ, 5,900 pages without sxs spans, ~11,000 API xrefs) is built as a
sample: `docs/` as the docs_dir (so links and includes resolve as in the whole docset, and
`check` runs on all of it) with `exclude_docs` keeping the pages of `msbuild/` (269 pages,
541 xrefs, its own toc.yml) and `toc: msbuild/toc.yml`. Why that sample: the whole docset
builds in minutes, over the CI budget; msbuild is the area richest in API xrefs for its size and
uses TOC features, includes from other areas and a breadcrumb. Redirect pages are off there (6,953
of them, none in the sample). The expected navigation is read from the TOC files with plain
PyYAML and the uids from the pages' front matter, not with the plugin's reader.
"""

from __future__ import annotations

import json
import posixpath
import re
import subprocess
import sys
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from support import mkdocs_build_command, mkdocs_env, timed_run

from tests.conftest import require_corpus

pytestmark = pytest.mark.acceptance

FINDING_LINE = re.compile(r"^(?:WARNING|INFO)\s+-\s+(?:(?:error|warning|info): )?"
                          r"(?P<path>[^\s:]+):(?P<line>\d+):(?P<col>\d+): .* \[(?P<cat>[\w-]+)\]")
HREF = re.compile(r'href="([^"]*)"')


def _init(docset: Path, out: Path, **changes: object) -> Path:
    config = out / "mkdocs.yml"
    subprocess.run([sys.executable, "-m", "mkdocs_sxs", "init", str(docset), "--output", str(config),
                    "--site-dir", str(out / "site"), "--force", "--no-partial-export"],  # every finding at its level
                   check=True, env=mkdocs_env(), capture_output=True)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    sxs = data["plugins"][1]["sxs"]
    for key, value in changes.items():
        if key in ("exclude_docs",):
            data[key] = value
        elif key == "features":
            data["theme"]["features"] = value
        else:
            sxs[key] = value
    config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config


def _build(config: Path) -> tuple[Path, str]:
    run = timed_run(mkdocs_build_command(config), capture_output=True, timeout=900)
    assert run.result.returncode == 0, run.result.stderr[-4000:]
    # the log summarizes findings per category; every finding is in the build report next to the config,
    # one `level: text` line each (read here as the log lines they were)
    report = config.parent / "sxs-build-report.txt"
    lines = report.read_text(encoding="utf-8").split("\n") if report.is_file() else []
    findings = [f"{'WARNING' if line.startswith(('warning: ', 'error: ')) else 'INFO'} -  {line}"
                for line in lines if line.startswith(("error: ", "warning: ", "info: "))]
    return config.parent / "site", run.result.stderr + "\n" + "\n".join(findings)


@pytest.fixture(scope="module")
def ef(tmp_path_factory):
    docs = require_corpus() / "entity-framework.cs-CZ" / "entity-framework"
    config = _init(docs, tmp_path_factory.mktemp("ef"))
    site, log = _build(config)
    return docs, config, site, log, "toc.yml"


@pytest.fixture(scope="module")
def vs_sample(tmp_path_factory):
    docs = require_corpus() / "visualstudio-docs.cs-CZ" / "docs"
    config = _init(docs, tmp_path_factory.mktemp("vs"), exclude_docs="/*\n!/msbuild/\n", toc="msbuild/toc.yml",
                   nav_mode="full", redirects=False, features=["content.tooltips"])
    site, log = _build(config)
    return docs, config, site, log, "msbuild/toc.yml"


@pytest.fixture(params=["ef", "vs_sample"])
def built(request):
    return request.getfixturevalue(request.param)


def _uids(docs: Path) -> dict[str, str]:
    found = {}
    for page in docs.rglob("*.md"):
        head = page.read_text(encoding="utf-8-sig", errors="replace")[:4000]
        match = re.search(r"\A---\s*\n(.*?)\n---", head, re.S)
        uid = re.search(r"^uid:\s*(\S.*?)\s*$", match.group(1), re.M) if match else None
        if uid:
            found[uid.group(1).strip("'\"")] = page.relative_to(docs).as_posix()
    return found


def _toc_pages(docs: Path, toc: str, uids: dict[str, str], seen: set[str] | None = None) -> set[str]:
    """Pages (docset-relative) the TOC names by href or uid that exist, nested TOCs followed."""
    seen = seen if seen is not None else set()
    if toc in seen:
        return set()
    seen.add(toc)
    data = yaml.safe_load((docs / toc).read_text(encoding="utf-8-sig"))
    files = {p.relative_to(docs).as_posix().lower(): p.relative_to(docs).as_posix() for p in docs.rglob("*")}
    pages: set[str] = set()

    def walk(items: object) -> None:
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, dict):
                continue
            keys = {str(k).lower(): v for k, v in item.items()}
            for key in ("href", "topichref", "tochref"):
                href = keys.get(key)
                if not isinstance(href, str) or "://" in href or href.startswith("/"):
                    continue
                path = posixpath.normpath(posixpath.join(posixpath.dirname(toc), href.split("?")[0].split("#")[0]))
                if path.lower().endswith(("toc.yml", "toc.md")) or href.endswith("/"):
                    nested = path if path.lower().endswith((".yml", ".md")) else path + "/toc.yml"
                    if nested.lower() in files:
                        pages.update(_toc_pages(docs, files[nested.lower()], uids, seen))
                elif path.lower() in files and path.lower().endswith((".md", ".yml")):
                    pages.add(files[path.lower()])
            for key in ("uid", "topicuid"):
                if isinstance(keys.get(key), str) and keys[key] in uids:
                    pages.add(uids[keys[key]])
            walk(keys.get("items"))

    walk(data)
    return pages


def _url(page: str) -> str:
    stem = page.rsplit(".", 1)[0]
    if posixpath.basename(stem).lower() == "index":
        return posixpath.dirname(stem) + "/" if posixpath.dirname(stem) else ""
    return stem + "/"


def test_every_toc_entry_whose_page_exists_is_in_the_navigation(built):
    docs, _, site, _, toc = built
    expected = _toc_pages(docs, toc, _uids(docs))
    assert len(expected) > 100
    home = (site / "index.html") if (site / "index.html").exists() else next(site.rglob("index.html"))
    html = home.read_text(encoding="utf-8")
    # the whole primary sidebar (Material nests the current page's own table of contents inside it)
    nav = html[html.index("md-nav--primary"):html.index("md-sidebar--secondary")]
    base = "http://site/" + home.parent.relative_to(site).as_posix().strip(".") + "/"
    linked = {urljoin(base.replace("//site//", "//site/"), unescape(h)).split("#")[0] for h in HREF.findall(nav)}
    missing = sorted(page for page in expected if "http://site/" + _url(page) not in linked)
    assert not missing, f"{len(missing)} TOC pages not in the navigation, e.g. {missing[:5]}"


def test_build_and_check_report_the_same_findings(built):
    docs, config, _, log, _ = built
    from_build = {(m["path"], int(m["line"]), int(m["col"]), m["cat"])
                  for m in map(FINDING_LINE.match, log.split("\n")) if m}
    run = subprocess.run([sys.executable, "-m", "mkdocs_sxs", "check", str(config), "--format", "json"],
                         env=mkdocs_env(), capture_output=True, text=True, timeout=600)
    report = json.loads(run.stdout)
    from_check = {(f["path"], f["line"], f["column"], f["category"]) for f in report["findings"]}
    assert from_build == from_check
    if "visualstudio" in str(docs):
        assert sum(1 for f in from_check if f[3] == "xref-external") > 10000


def test_no_cross_reference_syntax_in_reader_text(built):
    docs, _, site, _, _ = built
    uids = _uids(docs)
    pages = list(site.rglob("*.html"))
    assert pages
    bad: list[str] = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if "<article" not in html:
            continue
        article = html[html.index("<article"):html.index("</article>")]
        text = unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<pre.*?</pre>|<code.*?</code>", " ", article, flags=re.S)))
        for pattern in ("xref:", "<xref", "</xref>"):
            if pattern in text:
                bad.append(f"{page.relative_to(site)}: {pattern}")
        bad += [f"{page.relative_to(site)}: @{uid}" for uid in uids if f"@{uid}" in text or f'@"{uid}"' in text]
    assert not bad, bad[:10]


def test_ef_xrefs_link_to_the_page_with_its_localized_title(ef):
    _, _, site, _, _ = ef
    html = (site / "core" / "miscellaneous" / "cli" / "dbcontext-creation" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../../managing-schemas/migrations/">migrace</a>' in html   # [migrace][1], [1]: xref:…
    assert 'href="../../configuring-dbcontext/#constructor-argument"' in html


def test_vs_api_xrefs_link_to_the_learn_api_browser_in_the_page_locale(vs_sample):
    _, _, site, _, _ = vs_sample
    html = (site / "msbuild" / "task-writing" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="https://learn\.microsoft\.com/cs-cz/dotnet/api/microsoft\.build\.[a-z.]+">', html)
    assert 'class="sxs-breadcrumb"' in html and ">MSBuild</a>" in html
    assert "sxs-switch" not in html and "Tato stránka byla přeložena strojově.</p>" in html
