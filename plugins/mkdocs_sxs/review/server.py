"""The review server: the built site on 127.0.0.1, with an editor for every unit and a small JSON API.

Safe by construction:
- binds 127.0.0.1 unless told otherwise;
- answers only requests whose Host is the address it listens on (DNS rebinding);
- a write (POST) needs the session token (a header; a page served by us
  carries it in a meta tag, which other sites cannot read) and an Origin that
  is this server (cross-site posts), a JSON body of at most MAX_BODY bytes;
- writes go through `core.translation.review_edits`, which writes only inside
  the translations folder, only pages of the docset, only sanitized inline
  Markdown, and refuses a save made from an outdated revision (conflict).

API (JSON): `GET /__sxs/api/page?page=SRC` (units, states, QA findings,
counts), `GET /__sxs/api/status` (whether the rest of the site is still
being rebuilt after an edit), `POST /__sxs/api/save` {page, key, base,
target | keep_machine, confirm_source}, `POST /__sxs/api/undo`.
"""

from __future__ import annotations

import hmac
import http.server
import json
import logging
import os
import secrets
import threading
import time
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ..core.translation.review_edits import ReviewEdits, ReviewError
from .site import ReviewSite

log = logging.getLogger("mkdocs.plugins.sxs.review")

ASSETS_DIR = Path(__file__).resolve().parents[1] / "assets"
REVIEW_ASSETS = {"/__sxs/review.js": ("sxs-review-mode.js", "text/javascript; charset=utf-8"),
                 "/__sxs/review.css": ("sxs-review-mode.css", "text/css; charset=utf-8")}
MAX_BODY = 64 * 1024
TOKEN_HEADER = "X-Sxs-Token"
STATUS_OF = {"conflict": 409, "stale": 409, "refused": 422, "unknown": 404, "outside": 403}


class ReviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, site: ReviewSite, edits: ReviewEdits, host: str = "127.0.0.1", port: int = 0) -> None:
        self.site = site
        self.edits = edits
        self.token = secrets.token_urlsafe(32)
        super().__init__((host, port), ReviewHandler)
        bound_port = self.server_address[1]
        hosts = {host, "127.0.0.1", "localhost"} if host in ("127.0.0.1", "localhost") else {host}
        self.allowed_hosts = {f"{name}:{bound_port}" for name in hosts}
        if host in ("127.0.0.1", "localhost"):
            self.allowed_hosts.add(f"[::1]:{bound_port}")

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"


class ReviewHandler(http.server.SimpleHTTPRequestHandler):
    server: ReviewServer
    protocol_version = "HTTP/1.1"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, directory=None, **kwargs)

    def translate_path(self, path: str) -> str:
        self.directory = self.server.site.config.site_dir
        return super().translate_path(path)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        log.debug("%s - %s", self.address_string(), format % args)

    def end_headers(self) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    # Checks -----------------------------------------------------------------------------

    def _host_ok(self) -> bool:
        host = (self.headers.get("Host") or "").lower()
        if host in self.server.allowed_hosts:
            return True
        self._json(421, {"error": "wrong Host header (the review server answers only its own address)"})
        return False

    def _write_ok(self) -> bool:
        origin = self.headers.get("Origin")
        host = (self.headers.get("Host") or "").lower()
        if origin is None or origin.lower() != f"http://{host}":
            self._json(403, {"error": "cross-origin write refused (Origin must be this server)"})
            return False
        token = self.headers.get(TOKEN_HEADER) or ""
        if not hmac.compare_digest(token.encode(), self.server.token.encode()):
            self._json(403, {"error": "missing or wrong session token; reload the page"})
            return False
        return True

    def _body(self) -> dict[str, Any] | None:
        try:
            length = int(self.headers.get("Content-Length") or "-1")
        except ValueError:
            length = -1
        if length < 0:
            self._json(411, {"error": "Content-Length required"})
            return None
        if length > MAX_BODY:
            self.close_connection = True
            self._json(413, {"error": f"request larger than {MAX_BODY} bytes"})
            return None
        if (self.headers.get("Content-Type") or "").split(";")[0].strip() != "application/json":
            self.rfile.read(length)
            self._json(415, {"error": "send application/json"})
            return None
        try:
            data = json.loads(self.rfile.read(length) or b"{}")
        except (ValueError, UnicodeDecodeError):
            self._json(400, {"error": "not JSON"})
            return None
        if not isinstance(data, dict):
            self._json(400, {"error": "a JSON object expected"})
            return None
        return data

    # Responses --------------------------------------------------------------------------

    def _json(self, status: int, data: Any) -> None:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _bytes(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def list_directory(self, path: str | os.PathLike[str]) -> None:  # type: ignore[override]
        self.send_error(404, "Not found")
        return None

    # Methods ----------------------------------------------------------------------------

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib name
        self.do_GET()

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        if not self._host_ok():
            return
        url = urlsplit(self.path)
        if url.path in REVIEW_ASSETS:
            name, content_type = REVIEW_ASSETS[url.path]
            self._bytes((ASSETS_DIR / name).read_bytes(), content_type)
            return
        if url.path == "/__sxs/api/page":
            page = (parse_qs(url.query).get("page") or [""])[0]
            if page not in self.server.site.pages_by_url.values():
                self._json(404, {"error": f"{page!r}: not a page of this site"})
                return
            try:
                self._json(200, self.server.edits.page_state(page).to_dict())
            except ReviewError as error:
                self._json(STATUS_OF.get(error.kind, 400), {"error": str(error), "kind": error.kind})
            return
        if url.path == "/__sxs/api/status":  # the rest of the site: rebuilt in the background (site.py)
            site = self.server.site
            self._json(200, {"settling": site.settling, "builds": site.builds, "error": site.settle_error})
            return
        if url.path.startswith("/__sxs/"):
            self.send_error(404, "Not found")
            return
        local = self.translate_path(url.path)
        if os.path.isdir(local):
            if not url.path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", url.path + "/" + (f"?{url.query}" if url.query else ""))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            local = os.path.join(local, "index.html")
        if local.endswith(".html") and os.path.isfile(local):
            page = self.server.site.page_for_url(url.path)
            served: bytes | None = None
            if page is not None:
                try:
                    served = self.server.site.page_html(page, self.server.edits.page_catalog(page))
                except (ReviewError, OSError) as error:
                    log.warning("review: %s not rebuilt: %s", page, error)
            if served is None:
                with open(local, "rb") as handle:
                    served = handle.read()
            html = served.decode("utf-8", errors="replace")
            self._bytes(self._inject(html, page).encode("utf-8"), "text/html; charset=utf-8")
            return
        if self.command == "HEAD":
            super().do_HEAD()
        else:
            super().do_GET()

    def _inject(self, html: str, page: str | None) -> str:
        """The review editor on every page of the docset: token, page, script and style."""
        if page is None:
            return html
        tags = (f'<meta name="sxs-review-token" content="{escape(self.server.token)}">'
                f'<meta name="sxs-review-page" content="{escape(page)}">'
                '<link rel="stylesheet" href="/__sxs/review.css">'
                '<script src="/__sxs/review.js" defer></script>')
        index = html.find("</head>")
        return html[:index] + tags + html[index:] if index >= 0 else tags + html

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        if not self._host_ok() or not self._write_ok():
            return
        path = urlsplit(self.path).path
        if path not in ("/__sxs/api/save", "/__sxs/api/undo"):
            self._json(404, {"error": "no such endpoint"})
            return
        data = self._body()
        if data is None:
            return
        edits, site = self.server.edits, self.server.site
        started = time.perf_counter()
        try:
            if path == "/__sxs/api/undo":
                page, state = edits.undo()
            else:
                page = str(data.get("page") or "")
                if page not in site.pages_by_url.values():
                    self._json(404, {"error": f"{page!r}: not a page of this site"})
                    return
                target = data.get("target")
                state = edits.save(page, str(data.get("key") or ""), str(data.get("base") or ""),
                                   target if isinstance(target, str) else None,
                                   keep_machine=data.get("keep_machine") is True,
                                   confirm_source=data.get("confirm_source") if isinstance(
                                       data.get("confirm_source"), str) else None)
        except ReviewError as error:
            self._json(STATUS_OF.get(error.kind, 400), {"error": str(error), "kind": error.kind, "unit": error.unit})
            return
        page_state = edits.page_state(page)
        site.rebuild_page(page, edits.translations / page_state.catalog)
        self._json(200, {"page": page, "unit": state.to_dict(), "counts": page_state.counts(),
                         "catalog": page_state.catalog, "ms": round((time.perf_counter() - started) * 1000),
                         "settling": site.settling})


def start(site: ReviewSite, host: str = "127.0.0.1", port: int = 0,
          default_locale: str | None = None) -> tuple[ReviewServer, threading.Thread]:
    """Build the site, then serve it from a thread; returns the server (`.url`, `.token`) and the thread."""
    site.build()
    edits = ReviewEdits(site.docs_dir, site.translations_dir, default_locale or _plugin_locale(site))
    server = ReviewServer(site, edits, host, port)
    thread = threading.Thread(target=server.serve_forever, name="sxs-review", daemon=True)
    thread.start()
    return server, thread


def stop(server: ReviewServer, thread: threading.Thread) -> None:
    server.shutdown()
    server.server_close()
    thread.join(5)
    server.site.close()


def _plugin_locale(site: ReviewSite) -> str | None:
    plugin = site.plugin
    return plugin.config.locale if plugin is not None else None
