"""Online check of external http(s) URLs: bounded, polite, cached.

Opt-in (`--external`): a few workers at once, at most one request per host
per interval, timeouts, retries with backoff for 429/5xx and network errors,
and an on-disk cache so CI reruns do not hit the same sites again.
"""

from __future__ import annotations

import json
import os
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

USER_AGENT = "mkdocs-sxs-linkcheck/1 (+https://github.com/mkdocs-sxs)"
_RETRY_STATUS = {429, 500, 502, 503, 504}


def default_cache_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "mkdocs-sxs" / "external-links.json"


class _HostPacer:
    """At most one request start per host per `interval` seconds."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.lock = threading.Lock()
        self.next_start: dict[str, float] = {}

    def wait(self, host: str) -> None:
        with self.lock:
            now = time.monotonic()
            start = max(now, self.next_start.get(host, 0.0))
            self.next_start[host] = start + self.interval
        if start > now:
            time.sleep(start - now)


class ExternalChecker:
    """Checks URLs; `check` returns url → None when fine, else what went wrong."""

    def __init__(self, *, concurrency: int = 8, per_host_interval: float = 0.5, timeout: float = 10.0,
                 retries: int = 2, backoff: float = 1.0, cache_file: str | os.PathLike[str] | None = None,
                 cache_ttl: float = 24 * 3600.0) -> None:
        self.concurrency = max(1, concurrency)
        self.pacer = _HostPacer(per_host_interval)
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = backoff
        self.cache_file = Path(cache_file) if cache_file else default_cache_file()
        self.cache_ttl = cache_ttl
        self.requests = 0

    def check(self, urls: list[str]) -> dict[str, str | None]:
        cache = self._load_cache()
        now = time.time()
        results: dict[str, str | None] = {}
        todo = []
        for url in dict.fromkeys(urls):
            entry = cache.get(url)
            if entry and now - entry.get("time", 0) < self.cache_ttl:
                results[url] = entry.get("problem")
            else:
                todo.append(url)
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            for url, problem in zip(todo, pool.map(self._check_one, todo), strict=True):
                results[url] = problem
                if problem is None or problem.startswith("HTTP 4"):
                    cache[url] = {"problem": problem, "time": now}   # transient failures are not cached
        self._save_cache(cache)
        return results

    def _check_one(self, url: str) -> str | None:
        host = urlsplit(url).netloc.lower()
        problem: str | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * (2 ** (attempt - 1)))
            status, problem = self._request(url, host, "HEAD")
            if status in (405, 501, 403):
                status, problem = self._request(url, host, "GET")
            if status is not None and status < 400:
                return None
            if status is not None and status not in _RETRY_STATUS:
                return problem
        return problem

    def _request(self, url: str, host: str, method: str) -> tuple[int | None, str | None]:
        self.pacer.wait(host)
        self.requests += 1
        request = urllib.request.Request(url.split("#", 1)[0], method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, None
        except urllib.error.HTTPError as error:
            return error.code, f"HTTP {error.code} {error.reason}"
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            return None, f"not reachable ({reason})"

    def _load_cache(self) -> dict[str, dict]:
        try:
            with open(self.cache_file, encoding="utf-8") as handle:
                data = json.load(handle)
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def _save_cache(self, cache: dict[str, dict]) -> None:
        try:
            self.cache_file.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.cache_file.with_suffix(".tmp")
            with open(temporary, "w", encoding="utf-8") as handle:
                json.dump(cache, handle, ensure_ascii=False)
            os.replace(temporary, self.cache_file)
        except OSError:
            pass
