"""A persistent on-disk cache of per-page build results, never trusted blindly.

Layout (`.cache/mkdocs-sxs/` next to mkdocs.yml by default)::

    MANIFEST.json            {"tool": "mkdocs-sxs", "format": N, "environment": "<hash>"}
    <bucket>/ab/<hash>.json  {"key": "<hash>", "sum": "<sha256 of payload>", "payload": …}
                             or, for a text (put_text): `mkdocs-sxs text <hash> <sha256 of text>` + newline + the text

An entry is found by the SHA-256 of everything its result depends on (the
caller's key material: content hashes, configuration, package versions).
It is JSON, not pickle: the cache folder sits in an untrusted repository
checkout, and loading it must never run code. Every read checks the entry's
own key and checksum: a corrupt or truncated entry is a miss (and removed).
A cache written by another format or environment (the MANIFEST differs) is
emptied before use; a folder that holds files that are not ours (no
MANIFEST of ours) is left alone and the cache is off for that build, with a
message saying where. Writes are atomic (temp file + rename).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..files.atomicio import write_bytes_atomic

FORMAT = 2  # 2: text entries (put_text)
TOOL = "mkdocs-sxs"
MANIFEST = "MANIFEST.json"
_ENTRY = re.compile(r"^[0-9a-f]{64}\.json$")
_TEMPORARY = re.compile(r"^\.[0-9a-f]{64}\.json\.[0-9]+-[0-9]+\.tmp$")  # _write_entry's, before its rename
_BUCKET = re.compile(r"^[a-z][a-z0-9-]{0,31}$")


def digest(parts: Iterable[Any]) -> str:
    """SHA-256 of key material (strings, numbers, lists, dicts; anything else by repr)."""
    hasher = hashlib.sha256()
    for part in parts:
        text = part if isinstance(part, str) else json.dumps(part, sort_keys=True, ensure_ascii=False, default=repr)
        data = text.encode("utf-8", "surrogatepass")
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def file_digest(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file's bytes ('-' when it cannot be read: then it is a different input)."""
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return "-"


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    corrupt: int = 0
    written: int = 0
    removed: int = 0
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = f"build cache: {self.hits} hit(s), {self.misses} miss(es)"
        if self.corrupt:
            text += f", {self.corrupt} corrupt entr(y/ies) rebuilt"
        if self.removed:
            text += f", {self.removed} unused entr(y/ies) removed"
        return text


class PageCache:
    """One bucket of cache entries (e.g. `render`) under a cache folder, for one environment."""

    def __init__(self, folder: str | os.PathLike[str], bucket: str, environment: str, *, enabled: bool = True) -> None:
        if not _BUCKET.match(bucket):
            raise ValueError(f"bad bucket name {bucket!r}")
        self.folder = Path(folder)
        self.bucket = bucket
        self.environment = environment
        self.stats = CacheStats()
        self.used: set[str] = set()
        self._shards: set[str] = set()  # shard folders made by this process
        self._root = os.path.join(self.folder, bucket, "")
        self.enabled = enabled and self._open()  # off: nothing is read or written, the folder not even made

    # Opening: manifest checks ---------------------------------------------------------------

    def _open(self) -> bool:
        manifest_path = self.folder / MANIFEST
        wanted = {"tool": TOOL, "format": FORMAT, "environment": self.environment}
        if self.folder.exists() and not self.folder.is_dir():
            self.stats.notes.append(f"{self.folder} is not a folder: build cache off")
            return False
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.is_file() else None
        except (OSError, ValueError, UnicodeDecodeError):
            manifest = {"tool": TOOL, "format": "unreadable"}
        if manifest == wanted:
            return True
        ours = isinstance(manifest, dict) and manifest.get("tool") == TOOL
        if not ours and self.folder.is_dir() and any(self.folder.iterdir()):
            self.stats.notes.append(f"{self.folder} holds files that are not mkdocs-sxs's build cache: left alone, "
                                    "build cache off (remove the folder or set another one)")
            return False
        if ours:
            self.stats.notes.append(f"{self.folder}: cache of another version or configuration: rebuilt")
            self._clear()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_bytes_atomic(manifest_path, json.dumps(wanted, sort_keys=True).encode("utf-8"))
        except OSError as error:
            self.stats.notes.append(f"{self.folder}: cannot write the build cache ({error.strerror}): off")
            return False
        return True

    def _clear(self) -> None:
        """Remove our buckets (entry files only in entry-named folders), nothing else."""
        for bucket in self.folder.iterdir():
            if not bucket.is_dir() or not _BUCKET.match(bucket.name):
                continue
            for shard in bucket.iterdir():
                if shard.is_dir() and re.fullmatch(r"[0-9a-f]{2}", shard.name):
                    for entry in shard.iterdir():
                        if _ENTRY.match(entry.name) or entry.name.startswith(".tmp"):
                            entry.unlink(missing_ok=True)
                    try:
                        shard.rmdir()
                    except OSError:
                        pass
            try:
                bucket.rmdir()
            except OSError:
                pass

    # Entries ---------------------------------------------------------------------------------

    def _path(self, key: str) -> str:
        # a string, not a Path: a warm build reads ~19,000 entries, and pathlib's joins cost more than the reads
        return f"{self._root}{key[:2]}{os.sep}{key}.json"

    def get(self, key: str) -> Any | None:
        """The payload stored under `key`, or None (a miss; a corrupt entry is removed)."""
        return self._get(key, text=False)

    def get_text(self, key: str) -> str | None:
        """The text stored under `key` by `put_text`, or None (as `get`)."""
        return self._get(key, text=True)

    def _get(self, key: str, *, text: bool) -> Any | None:
        if not self.enabled:
            return None
        path = self._path(key)
        try:
            data = _read(path)
        except OSError:
            self.stats.misses += 1
            return None
        # The record is `_head(key, sum) + payload + "}"` (put) or `_text_head(key, sum) + text` (put_text):
        # check the key and the payload's bytes against the stored sum before parsing, without serializing
        # the payload again.
        if text:
            body = data[_TEXT_HEAD_SIZE:]
            valid = len(data) >= _TEXT_HEAD_SIZE and \
                data[:_TEXT_HEAD_SIZE] == _text_head(key, hashlib.sha256(body).hexdigest())
        else:
            body = data[_HEAD_SIZE:-1]
            valid = (len(data) > _HEAD_SIZE and data.endswith(b"}")
                     and data[:_HEAD_SIZE] == _head(key, hashlib.sha256(body).hexdigest()))
        payload = None
        if valid:
            try:
                payload = body.decode("utf-8", "surrogatepass") if text else json.loads(body)
            except (ValueError, UnicodeDecodeError):
                valid = False
        if not valid:
            self.stats.corrupt += 1
            self.stats.misses += 1
            with contextlib.suppress(OSError):
                os.unlink(path)
            return None
        self.stats.hits += 1
        self.used.add(key)
        return payload

    def put(self, key: str, payload: Any) -> None:
        if not self.enabled:
            return
        body = _canonical(payload)
        self._put(key, _head(key, hashlib.sha256(body).hexdigest()) + body + b"}")

    def put_text(self, key: str, text: str) -> None:
        """Store a text as it is (a rendered page: decoding it from JSON cost 7 times reading it)."""
        if not self.enabled:
            return
        body = text.encode("utf-8", "surrogatepass")
        self._put(key, _text_head(key, hashlib.sha256(body).hexdigest()) + body)

    def _put(self, key: str, record: bytes) -> None:
        path = self._path(key)
        try:
            shard = os.path.dirname(path)
            if shard not in self._shards:
                os.makedirs(shard, exist_ok=True)
                self._shards.add(shard)
            _write_entry(path, record)
        except OSError as error:
            self.stats.notes.append(f"{path}: not written ({error.strerror})")
            return
        self.stats.written += 1
        self.used.add(key)

    def keep(self, key: str) -> None:
        """Count the entry under `key` as used by this build without reading it (it is not pruned)."""
        if self.enabled:
            self.used.add(key)

    def take_ledger(self) -> dict[str, Any]:
        """What this process did with the bucket since the last call (counts, keys used), then forgotten: a
        forked page worker hands it to the parent (`add_ledger`), whose prune and summary then count it."""
        stats = self.stats
        ledger = {"used": sorted(self.used), "hits": stats.hits, "misses": stats.misses, "corrupt": stats.corrupt,
                  "written": stats.written}
        self.used = set()
        stats.hits = stats.misses = stats.corrupt = stats.written = 0
        return ledger

    def add_ledger(self, ledger: dict[str, Any]) -> None:
        self.used.update(ledger["used"])
        for name in ("hits", "misses", "corrupt", "written"):
            setattr(self.stats, name, getattr(self.stats, name) + ledger[name])

    def prune(self) -> None:
        """After a complete build: remove this bucket's entries the build did not use."""
        root = self.folder / self.bucket
        if not self.enabled or not root.is_dir():
            return
        for shard in root.iterdir():
            if not shard.is_dir():
                continue
            for entry in shard.iterdir():
                if _ENTRY.match(entry.name) and entry.name[:-5] not in self.used:
                    entry.unlink(missing_ok=True)
                    self.stats.removed += 1
                elif _TEMPORARY.match(entry.name) and _older_than(entry, 600):  # left by a killed build
                    entry.unlink(missing_ok=True)

    def wipe(self) -> None:
        """Remove this cache folder entirely (only when it is ours)."""
        if self.enabled and (self.folder / MANIFEST).is_file():
            shutil.rmtree(self.folder, ignore_errors=True)


def _head(key: str, checksum: str) -> bytes:
    return f'{{"key": "{key}", "sum": "{checksum}", "payload": '.encode()


_HEAD_SIZE = len(_head("0" * 64, "0" * 64))


def _text_head(key: str, checksum: str) -> bytes:
    return f"mkdocs-sxs text {key} {checksum}\n".encode()


_TEXT_HEAD_SIZE = len(_text_head("0" * 64, "0" * 64))


def _read(path: str) -> bytes:
    """The file's bytes (unbuffered: an entry is read whole, once)."""
    with open(path, "rb", buffering=0) as stream:
        return stream.readall()


def _write_entry(path: str, record: bytes) -> None:
    """Written beside the entry, then renamed over it: a reader sees the old record or the new one.

    Not flushed to disk (no fsync, unlike the site's and the catalogs' atomic writes): a record a
    crash leaves truncated fails its checksum and is a miss, so a flush per entry (~11,000 on a cold
    Dynamics 365 build, most of what the cache added to it) would buy nothing.
    """
    folder, name = os.path.split(path)
    temporary = os.path.join(folder, f".{name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        with open(temporary, "wb") as stream:
            stream.write(record)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _older_than(path: Path, seconds: float) -> bool:
    try:
        return time.time() - path.stat().st_mtime > seconds
    except OSError:
        return False


def _canonical(payload: Any) -> bytes:
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
