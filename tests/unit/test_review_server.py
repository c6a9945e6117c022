"""The review server over HTTP: serving with the editor injected, saving, and every write it must refuse."""

from __future__ import annotations

import http.client
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs_sxs.review import site as review_site
from mkdocs_sxs.review.server import MAX_BODY, ReviewServer, start, stop
from mkdocs_sxs.review.site import ReviewSite
from review_fixture import PAGE, write_project

KEY = f"{PAGE}#r1-102"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReviewServer]:
    root = tmp_path_factory.mktemp("review-server")
    config = write_project(root)
    running, thread = start(ReviewSite(config, root / "site"))
    try:
        yield running
    finally:
        stop(running, thread)


def request(server: ReviewServer, method: str, path: str, body: bytes | None = None,
            headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    host, port = server.server_address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=10)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def origin(server: ReviewServer) -> str:
    return server.url.rstrip("/")


def write_headers(server: ReviewServer, **extra: str) -> dict[str, str]:
    return {"Content-Type": "application/json", "X-Sxs-Token": server.token, "Origin": origin(server), **extra}


def revision(server: ReviewServer, key: str = KEY) -> str:
    status, body = request(server, "GET", f"/__sxs/api/page?page={PAGE}")
    assert status == 200
    return next(unit["revision"] for unit in json.loads(body)["units"] if unit["key"] == key)


def save_body(server: ReviewServer, target: str, key: str = KEY, page: str = PAGE) -> bytes:
    return json.dumps({"page": page, "key": key, "base": revision(server) if page == PAGE else "none",
                       "target": target}).encode()


def catalog(server: ReviewServer) -> Path:
    return server.edits.translations / "cs-CZ" / "guide.po"


def test_binds_loopback_and_injects_the_editor_into_docset_pages(server: ReviewServer):
    assert server.server_address[0] == "127.0.0.1"
    status, body = request(server, "GET", "/guide/")
    html = body.decode()
    assert status == 200
    assert f'<meta name="sxs-review-token" content="{server.token}">' in html
    assert '<meta name="sxs-review-page" content="guide.md">' in html
    assert request(server, "GET", "/__sxs/review.js")[0] == 200
    assert request(server, "GET", "/assets/")[0] == 404  # no folder listings


def test_a_save_shows_on_the_page_at_once(server: ReviewServer):
    """The saved page is rendered by the save itself, before the site settles (how long that takes is measured
    by benchmarks/preview.py, not here: a timed test fails on a busy machine)."""
    other_before = request(server, "GET", "/other/")[1]
    status, body = request(server, "POST", "/__sxs/api/save", save_body(server, "První *nová* věta."),
                           write_headers(server))
    assert status == 200, body
    html = request(server, "GET", "/guide/")[1].decode()
    assert "První <em>nová</em> věta." in html
    assert 'class="sxs-tu sxs-edited" data-sxs-id="r1-102"' in html
    assert request(server, "GET", "/other/")[1] == other_before  # only that page was rebuilt
    reply = json.loads(body)
    assert reply["counts"]["edited"] >= 1 and reply["catalog"] == "cs-CZ/guide.po"
    assert "První *nová* věta." in catalog(server).read_text(encoding="utf-8")


def test_the_rebuilt_page_equals_a_clean_build_of_the_same_sources(server: ReviewServer, tmp_path: Path):
    status, _ = request(server, "POST", "/__sxs/api/save", save_body(server, "Věta pro porovnání."),
                        write_headers(server))
    assert status == 200
    project = Path(server.site.config.config_file_path).parent
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(tmp_path / "clean")))
    served = request(server, "GET", "/guide/")[1].decode()
    clean = (tmp_path / "clean" / "guide" / "index.html").read_text(encoding="utf-8")
    head_end = served.index("</head>")
    injected = served[served.index('<meta name="sxs-review-token"'):head_end]
    assert served.replace(injected, "") == clean


@pytest.mark.parametrize("change", ["no token", "wrong token", "other origin", "no origin", "null origin"])
def test_writes_without_token_or_from_another_origin_are_refused(server: ReviewServer, change: str):
    before = catalog(server).read_bytes() if catalog(server).exists() else b""
    headers = write_headers(server)
    if change == "no token":
        del headers["X-Sxs-Token"]
    elif change == "wrong token":
        headers["X-Sxs-Token"] = server.token[:-1] + ("A" if server.token[-1] != "A" else "B")
    elif change == "other origin":
        headers["Origin"] = "http://evil.example"
    elif change == "no origin":
        del headers["Origin"]
    else:
        headers["Origin"] = "null"
    status, body = request(server, "POST", "/__sxs/api/save", save_body(server, "Útok."), headers)
    assert status == 403, body
    assert (catalog(server).read_bytes() if catalog(server).exists() else b"") == before
    assert request(server, "POST", "/__sxs/api/undo", b"{}", headers)[0] == 403


def test_another_host_header_is_refused_dns_rebinding(server: ReviewServer):
    port = server.server_address[1]
    assert request(server, "GET", "/guide/", headers={"Host": f"attacker.example:{port}"})[0] == 421
    headers = write_headers(server, Host=f"attacker.example:{port}", Origin=f"http://attacker.example:{port}")
    assert request(server, "POST", "/__sxs/api/save", save_body(server, "x"), headers)[0] == 421
    assert request(server, "GET", "/guide/", headers={"Host": f"localhost:{port}"})[0] == 200


def test_paths_outside_the_docset_or_translations_are_refused(server: ReviewServer):
    for page in ("../mkdocs.yml", "../translations/cs-CZ/guide.po", "/etc/passwd", "missing.md"):
        status, _ = request(server, "POST", "/__sxs/api/save", save_body(server, "x", f"{page}#r1-102", page),
                            write_headers(server))
        assert status == 404
    assert request(server, "GET", "/__sxs/api/page?page=../mkdocs.yml")[0] == 404
    project = Path(server.site.config.config_file_path).parent
    # (the build writes its report next to mkdocs.yml: sxs-build-report.txt, see the quiet log; and its
    # cache, on in review mode: .cache/mkdocs-sxs)
    assert {path.name for path in project.iterdir()} <= {"docs", "mkdocs.yml", "site", "translations",
                                                          "sxs-build-report.txt", ".cache"}
    translations = server.edits.translations
    written = []
    for folder, folders, names in os.walk(project):  # not into the folders a settling build may be writing
        folders[:] = [name for name in folders
                      if Path(folder, name) not in (project / "site", Path(translations), project / ".cache")]
        written += [Path(folder, name) for name in names]
    assert sorted(path.relative_to(project).as_posix() for path in written) == [
        "docs/guide.md", "docs/other.md", "mkdocs.yml", "sxs-build-report.txt"]


def test_request_size_and_type_are_limited(server: ReviewServer):
    big = json.dumps({"page": PAGE, "key": KEY, "base": "none", "target": "x" * (MAX_BODY + 1)}).encode()
    assert request(server, "POST", "/__sxs/api/save", big, write_headers(server))[0] == 413
    assert request(server, "POST", "/__sxs/api/save", b"page=guide.md",
                   write_headers(server, **{"Content-Type": "application/x-www-form-urlencoded"}))[0] == 415
    assert request(server, "POST", "/__sxs/api/save", b"[1]", write_headers(server))[0] == 400


def test_conflict_over_http(server: ReviewServer):
    base = revision(server)
    body = {"page": PAGE, "key": KEY, "base": base}
    first = request(server, "POST", "/__sxs/api/save", json.dumps({**body, "target": "Tab 1."}).encode(),
                    write_headers(server))
    second = request(server, "POST", "/__sxs/api/save", json.dumps({**body, "target": "Tab 2."}).encode(),
                     write_headers(server))
    assert first[0] == 200 and second[0] == 409
    reply = json.loads(second[1])
    assert reply["kind"] == "conflict" and reply["unit"]["post_edit"] == "Tab 1."


def test_a_catalog_or_page_changed_on_disk_is_rebuilt_on_the_next_request(server: ReviewServer):
    status, _ = request(server, "POST", "/__sxs/api/save", save_body(server, "Před úpravou v Poeditu."),
                        write_headers(server))
    assert status == 200
    path = catalog(server)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Před úpravou v Poeditu.", "Po úpravě v Poeditu."), encoding="utf-8")
    os.utime(path, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))
    assert "Po úpravě v Poeditu." in request(server, "GET", "/guide/")[1].decode()
    source = server.edits.docs / "other.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Jiná stránka", "Jiná stránka, změněná"),
                      encoding="utf-8")
    os.utime(source, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))
    assert "Jiná stránka, změněná" in request(server, "GET", "/other/")[1].decode()


def test_a_page_is_served_from_the_build_it_was_rendered_into(server: ReviewServer,
                                                              monkeypatch: pytest.MonkeyPatch):
    """A settling build installed after a request arrived, built before the page was edited: the page is
    rendered again into that build, and that build's copy is what the reply holds (it once read the file of
    the build served when the request arrived, and showed the old text)."""
    site = server.site
    assert site.wait_settled(120), site.settle_error
    config = review_site._fresh_config(site.config_file, site._next_dir())
    config.plugins["sxs"].config["parallel"] = False
    settled = site._full_build(config)  # from the sources before the edit
    source = server.edits.docs / "other.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Jiná stránka", "Jiná stránka, potřetí"),
                      encoding="utf-8")
    os.utime(source, ns=(time.time_ns() + 2 * 10**9, time.time_ns() + 2 * 10**9))
    find = site.page_for_url

    def installed_meanwhile(url_path: str) -> str | None:
        monkeypatch.setattr(site, "page_for_url", find)
        with site.lock:
            site._install(settled)
        return find(url_path)

    monkeypatch.setattr(site, "page_for_url", installed_meanwhile)
    assert "Jiná stránka, potřetí" in request(server, "GET", "/other/")[1].decode()
    assert site.config is config


def test_cli_review_needs_a_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    from mkdocs_sxs.cli import main

    assert main(["review", str(tmp_path)]) == 2
    assert "no mkdocs.yml here" in capsys.readouterr().err
    assert "review" in __import__("mkdocs_sxs.cli", fromlist=["build_parser"]).build_parser().format_help()


def test_a_title_edit_reaches_every_page_navigation_once_settled(server: ReviewServer):
    """other.md's title is its h1: the edited page shows a post-edit of it at once; guide.md's navigation
    shows it once the background build has settled (review/site.py)."""
    assert server.site.wait_settled(60)
    builds = server.site.builds
    key = "other.md#r1-201"
    status, body = request(server, "GET", "/__sxs/api/page?page=other.md")
    base = next(unit["revision"] for unit in json.loads(body)["units"] if unit["key"] == key)
    status, body = request(server, "POST", "/__sxs/api/save", json.dumps(
        {"page": "other.md", "key": key, "base": base, "target": "Přejmenovaná stránka"}).encode(),
        write_headers(server))
    assert status == 200, body
    assert "<title>Přejmenovaná stránka" in request(server, "GET", "/other/")[1].decode()
    assert server.site.wait_settled(60) and server.site.builds > builds
    guide = request(server, "GET", "/guide/")[1].decode()
    assert "Přejmenovaná stránka" in guide and "Jiná stránka" not in guide


def test_status_tells_whether_the_rest_of_the_site_is_still_being_rebuilt(server: ReviewServer):
    status, body = request(server, "POST", "/__sxs/api/save", save_body(server, "Věta pro stav."),
                           write_headers(server))
    assert status == 200
    assert json.loads(body)["settling"] is True  # the page is rebuilt; the site follows in the background
    assert server.site.wait_settled(60)
    status, body = request(server, "GET", "/__sxs/api/status")
    assert status == 200 and json.loads(body) == {"settling": False, "builds": server.site.builds, "error": None}
