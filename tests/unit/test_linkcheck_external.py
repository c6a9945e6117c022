"""External URL checks against a local HTTP server on 127.0.0.1 only."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from mkdocs_sxs.core.linkcheck import CheckOptions, check_path
from mkdocs_sxs.core.linkcheck.external import ExternalChecker


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass

    def _answer(self, method: str) -> None:
        server = self.server
        with server.lock:
            server.active += 1
            server.peak = max(server.peak, server.active)
            server.log.append((method, self.path, time.monotonic()))
            server.hits[self.path] = server.hits.get(self.path, 0) + 1
            hits = server.hits[self.path]
        try:
            time.sleep(0.05)
            if self.path.startswith("/ok") or self.path == "/media/pic.png":
                status = 200
            elif self.path == "/flaky":
                status = 503 if hits == 1 else 200
            elif self.path == "/no-head":
                status = 405 if method == "HEAD" else 200
            elif self.path == "/slow":
                time.sleep(1.0)
                status = 200
            else:
                status = 404
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()
        finally:
            with server.lock:
                server.active -= 1

    def do_HEAD(self):  # noqa: N802
        self._answer("HEAD")

    def do_GET(self):  # noqa: N802
        self._answer("GET")


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.lock, httpd.active, httpd.peak, httpd.log, httpd.hits = threading.Lock(), 0, 0, [], {}
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def base(server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def test_statuses_retries_timeouts_head_fallback_and_cache(server, tmp_path):
    url = base(server)
    cache = tmp_path / "cache.json"
    checker = ExternalChecker(concurrency=3, per_host_interval=0.0, timeout=0.5, retries=1, backoff=0.05,
                              cache_file=cache)
    urls = [f"{url}/ok", f"{url}/missing", f"{url}/flaky", f"{url}/no-head", f"{url}/slow", f"{url}/ok#frag"]
    results = checker.check(urls)
    assert results[f"{url}/ok"] is None and results[f"{url}/ok#frag"] is None
    assert results[f"{url}/missing"] == "HTTP 404 Not Found"
    assert results[f"{url}/flaky"] is None            # 503 once, then retried
    assert results[f"{url}/no-head"] is None          # HEAD refused, GET works
    assert results[f"{url}/slow"].startswith("not reachable")   # timed out twice
    assert server.hits["/missing"] == 1               # a 404 is final, not retried
    assert server.hits["/flaky"] == 2 and server.hits["/slow"] == 2
    # A second run answers from the cache, except the transient failure.
    server.log.clear()
    again = ExternalChecker(timeout=0.5, retries=0, per_host_interval=0.0, cache_file=cache).check(urls)
    assert again[f"{url}/missing"] == "HTTP 404 Not Found"
    assert [path for _, path, _ in server.log] == ["/slow"]


def test_concurrency_is_bounded_and_each_host_is_paced(server, tmp_path):
    url = base(server)
    urls = [f"{url}/ok/{n}" for n in range(8)]
    checker = ExternalChecker(concurrency=4, per_host_interval=0.1, timeout=2, retries=0,
                              cache_file=tmp_path / "c.json")
    started = time.monotonic()
    assert all(problem is None for problem in checker.check(urls).values())
    # One request start per 0.1 s to 127.0.0.1: 8 requests cannot take less than 0.7 s.
    assert time.monotonic() - started >= 0.7
    assert len(server.log) == 8
    assert server.peak <= 4


def test_check_reports_external_and_media_fallback_url_findings(server, tmp_path):
    url = base(server)
    (tmp_path / "p.md").write_text(
        f"[ok]({url}/ok) [chybí]({url}/gone) <{url}/ok/auto>\n![obr](media/pic.png) ![chybí](media/none.png)\n",
        encoding="utf-8")
    offline = check_path(tmp_path, CheckOptions(media_fallback=url))
    assert offline.findings == []                     # URLs and the URL fallback are not checked offline
    online = check_path(tmp_path, CheckOptions(external=True, media_fallback=url,
                                               external_cache=str(tmp_path / "cache.json")))
    assert sorted((f.line, f.category, f.link) for f in online.findings) == [
        (1, "external", f"{url}/gone"), (2, "media-missing", "media/none.png")]
