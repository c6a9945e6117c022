"""A persistent on-disk cache of per-page build results, never trusted blindly.

Layout (`.cache/mkdocs-sxs/` next to mkdocs.yml by default)::

    MANIFEST.json              {"tool": "mkdocs-sxs", "format": N, "environment": "<hash>"}
    <bucket>/pack-<id>.pack    records, one after another, then their index and a trailer
    <bucket>/.pack-<id>.tmp    a pack being written (renamed once whole; a killed build's goes later)

A record is `{"key": "<hash>", "sum": "<sha256 of payload>", "payload": …}`, or for a text (put_text)
`mkdocs-sxs text <hash> <sha256 of text>` + newline + the text. The index is JSON (`[[key, offset,
length], …]`), the trailer one fixed-size line with the index's place and SHA-256.

Packs, not a file per entry: a cold build of Dynamics 365 stores about 30,000 entries, and creating
that many files cost it 10 s (file creation waits on the file system's journal while the build
writes the site). Each process appends what it stores to a pack of its own (`_Writer`), which is
sealed (index written, renamed into place) at the end of the process's share of a build:
`seal_all()` in a page worker after each chunk of pages, `prune()`/`seal_all()` in the parent. A
reader lists the packs once and reads a record with one `pread`. What a build did not use goes at
its end (`prune`): a pack nothing in it was used by is deleted, and the packs are rewritten into
one when more than half their bytes are unused or there are too many of them.

An entry is found by the SHA-256 of everything its result depends on (the caller's key material:
content hashes, configuration, package versions). It is JSON, not pickle: the cache folder sits in
an untrusted repository checkout, and loading it must never run code. Every read checks the
record's own key and checksum, and every pack's index is checked (its SHA-256, each record's place
inside the pack) before it is used: a corrupt or truncated record or pack is a miss. A cache written by
another format or environment (the MANIFEST differs) is emptied before use; a folder that holds
files that are not ours (no MANIFEST of ours) is left alone and the cache is off for that build,
with a message saying where.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
import stat
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..files.atomicio import write_bytes_atomic

FORMAT = 3  # 2: text entries (put_text); 3: packs
TOOL = "mkdocs-sxs"
MANIFEST = "MANIFEST.json"
_ENTRY = re.compile(r"^[0-9a-f]{64}\.json$")  # format 2's file per entry (removed with the old cache)
_TEMPORARY = re.compile(r"^\.[0-9a-f]{64}\.json\.[0-9]+-[0-9]+\.tmp$")  # (format 2's, likewise)
_PACK = re.compile(r"^pack-[0-9]+-[0-9a-f]{8}\.pack$")
_PACK_TEMPORARY = re.compile(r"^\.pack-[0-9]+-[0-9a-f]{8}\.tmp$")  # a pack being written
_KEY = re.compile(r"^[0-9a-f]{64}$")
_TRAILER = re.compile(rb"\nmkdocs-sxs pack ([0-9]{20}) ([0-9]{20}) ([0-9a-f]{64})\n\Z")
_TRAILER_SIZE = len(b"\nmkdocs-sxs pack ") + 20 + 1 + 20 + 1 + 64 + 1
MOST_PACKS = 256  # more packs in a bucket than this: they are rewritten into one at the next prune
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
        self._root = os.path.join(self.folder, bucket)
        self._packs: list[_Pack] | None = None  # listed at the first read
        self._writer: _Writer | None = None
        self._writer_lock, self._lock_pid = threading.Lock(), os.getpid()
        self.enabled = enabled and self._open()  # off: nothing is read or written, the folder not even made

    def _lock(self) -> threading.Lock:
        """The lock of this process's pack writer (review mode saves from request threads while a build runs);
        a forked worker makes its own (one held by another thread at the fork would never be released)."""
        if self._lock_pid != os.getpid():
            self._writer_lock, self._lock_pid = threading.Lock(), os.getpid()
        return self._writer_lock

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
        """Remove our buckets (packs, and format 2's entry files in entry-named folders), nothing else."""
        for bucket in self.folder.iterdir():
            if not bucket.is_dir() or bucket.is_symlink() or not _BUCKET.match(bucket.name):
                continue
            for item in bucket.iterdir():
                if item.is_file() and (_PACK.match(item.name) or _PACK_TEMPORARY.match(item.name)):
                    item.unlink(missing_ok=True)
                elif item.is_dir() and not item.is_symlink() and re.fullmatch(r"[0-9a-f]{2}", item.name):
                    for entry in item.iterdir():
                        if _ENTRY.match(entry.name) or _TEMPORARY.match(entry.name):
                            entry.unlink(missing_ok=True)
                    with contextlib.suppress(OSError):
                        item.rmdir()
            with contextlib.suppress(OSError):
                bucket.rmdir()

    # Entries ---------------------------------------------------------------------------------

    def get(self, key: str) -> Any | None:
        """The payload stored under `key`, or None (a miss; a corrupt record counts as one)."""
        return self._get(key, text=False)

    def get_text(self, key: str) -> str | None:
        """The text stored under `key` by `put_text`, or None (as `get`)."""
        return self._get(key, text=True)

    def _get(self, key: str, *, text: bool) -> Any | None:
        if not self.enabled:
            return None
        found = False
        for data in self._records(key):
            found = True
            payload = _decoded(key, data, text)
            if payload is not _CORRUPT:
                self.stats.hits += 1
                self.used.add(key)
                return payload
        if found:
            self.stats.corrupt += 1
        self.stats.misses += 1
        return None

    def _records(self, key: str) -> Iterable[bytes]:
        """The records stored under `key`: this process's newest first, then the packs'."""
        writer = self._writer
        if writer is not None and writer.pid == os.getpid():
            place = writer.index.get(key)
            if place is not None:
                yield _pread(writer.fd, place[1], place[0])
        if self._packs is None:
            self._packs = _list_packs(self._root, self.stats)
        for pack in self._packs:
            place = pack.index.get(key)
            if place is not None:
                try:
                    yield _pread(pack.fd, place[1], place[0])
                except OSError:
                    continue

    def where(self, key: str) -> tuple[str, int, int] | None:
        """The pack file, offset and length of the sealed record a read of `key` finds first (tests, debugging)."""
        return pack_index(self._root).get(key)

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
        if not _KEY.match(key):
            raise ValueError(f"bad cache key {key!r}")
        try:
            with self._lock():
                writer = self._writer
                if writer is None or writer.pid != os.getpid():  # (a forked worker never writes to its parent's)
                    writer = self._writer = _Writer(self._root)
                    _WRITING.add(self)
                writer.append(key, record)
        except OSError as error:
            self.stats.notes.append(f"{self._root}: not written ({error.strerror})")
            return
        self.stats.written += 1
        self.used.add(key)

    def seal(self) -> None:
        """Make what this process stored a pack of the bucket (index written, renamed into place)."""
        with self._lock():
            writer, self._writer = self._writer, None
            _WRITING.discard(self)
            if writer is None or writer.pid != os.getpid():
                return
            try:
                path = writer.seal()
            except OSError as error:
                writer.discard()
                self.stats.notes.append(f"{self._root}: not written ({error.strerror})")
                return
        if path is not None and self._packs is not None:  # what this process stored stays readable here
            pack = _open_pack(path)
            if pack is not None:
                self._packs.insert(0, pack)

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
        """After a complete build: this bucket's entries the build did not use go.

        A pack holding nothing used is deleted; all packs are rewritten into one when more than half
        their bytes are unused or there are more than MOST_PACKS of them. Also removes the packs a
        killed build left half written (after ten minutes: another build may be writing one now).
        """
        if not self.enabled:
            return
        self.seal()
        if not os.path.isdir(self._root):
            return
        for name in os.listdir(self._root):
            if _PACK_TEMPORARY.match(name) and _older_than(os.path.join(self._root, name), 600):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(self._root, name))
        if self._packs is not None:
            for pack in self._packs:
                pack.close()
        packs = _list_packs(self._root, self.stats, broken_go=True)
        self._packs = None
        try:
            live, total, unused = [], 0, 0
            for pack in packs:
                sizes = [(key in self.used, length) for key, (_, length) in pack.index.items()]
                total += sum(length for _, length in sizes)
                unused += sum(length for used, length in sizes if not used)
                if any(used for used, _ in sizes):
                    live.append(pack)
                else:
                    self.stats.removed += len(sizes)
                    with contextlib.suppress(OSError):
                        os.unlink(pack.path)
            if live and (len(live) > MOST_PACKS or unused * 2 > total):
                self._rewrite(live)
        finally:
            for pack in packs:
                pack.close()

    def _rewrite(self, packs: list[_Pack]) -> None:
        """One pack of the used entries of `packs` (each once, its first valid record), then the old ones go."""
        writer = _Writer(self._root)
        try:
            for pack in packs:
                for key, (offset, length) in pack.index.items():
                    if key not in self.used or key in writer.index:
                        continue
                    record = _pread(pack.fd, length, offset)
                    if _decoded(key, record, record.startswith(b"mkdocs-sxs text ")) is _CORRUPT:
                        continue
                    writer.append(key, record)
            writer.seal()
        except OSError as error:
            writer.discard()
            self.stats.notes.append(f"{self._root}: not rewritten ({error.strerror})")
            return
        for pack in packs:
            self.stats.removed += sum(1 for key in pack.index if key not in self.used)
            with contextlib.suppress(OSError):
                os.unlink(pack.path)

    def wipe(self) -> None:
        """Remove this cache folder entirely (only when it is ours)."""
        if self.enabled and (self.folder / MANIFEST).is_file():
            shutil.rmtree(self.folder, ignore_errors=True)


def pack_index(root: str | os.PathLike[str]) -> dict[str, tuple[str, int, int]]:
    """Where each record of a bucket folder's sealed packs is (pack file, offset, length): the one a read
    finds first. For tests and debugging."""
    found: dict[str, tuple[str, int, int]] = {}
    for pack in _list_packs(os.fspath(root), CacheStats()):
        for key, (offset, length) in pack.index.items():
            found.setdefault(key, (pack.path, offset, length))
        pack.close()
    return found


# Caches with a pack being written by this process: held until `seal_all` (at the latest when Python exits),
# so that a build that failed before its end still leaves what it stored.
_WRITING: set[PageCache] = set()


def seal_all() -> None:
    """Seal every pack this process is writing: at the end of its share of a build (a page worker's chunk,
    the link check's process, the build in the parent)."""
    for cache in list(_WRITING):
        cache.seal()


atexit.register(seal_all)


class _Writer:
    """A pack this process appends records to (unbuffered, at offsets it keeps: a fork shares nothing).

    Not flushed to disk (no fsync, unlike the site's and the catalogs' atomic writes): a record a crash
    leaves torn fails its checksum and is a miss, and a pack without its trailer is never read.
    """

    def __init__(self, root: str) -> None:
        os.makedirs(root, exist_ok=True)
        self.pid = os.getpid()
        self.name = f"{self.pid}-{secrets.token_hex(4)}"
        self.root = root
        self.path = os.path.join(root, f".pack-{self.name}.tmp")
        flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        self.fd = os.open(self.path, flags, 0o666)
        self.offset = 0
        self.index: dict[str, tuple[int, int]] = {}

    def append(self, key: str, record: bytes) -> None:
        _write_all(self.fd, record, self.offset)
        self.index[key] = (self.offset, len(record))
        self.offset += len(record)

    def seal(self) -> str | None:
        """Index and trailer written, renamed into place: the pack's path (None when it held nothing)."""
        if not self.index:
            self.discard()
            return None
        index = json.dumps([[key, offset, length] for key, (offset, length) in self.index.items()],
                           separators=(",", ":")).encode("ascii")
        trailer = b"\nmkdocs-sxs pack %020d %020d %s\n" % (self.offset, len(index),
                                                            hashlib.sha256(index).hexdigest().encode("ascii"))
        _write_all(self.fd, index + trailer, self.offset)
        os.close(self.fd)
        final = os.path.join(self.root, f"pack-{self.name}.pack")
        os.replace(self.path, final)
        return final

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.fd)
        with contextlib.suppress(OSError):
            os.unlink(self.path)


def _pread(fd: int, length: int, offset: int) -> bytes:
    """`os.pread` (one call, no shared file position), or seek and read where there is none (Windows)."""
    if hasattr(os, "pread"):
        return os.pread(fd, length, offset)
    os.lseek(fd, offset, os.SEEK_SET)
    return os.read(fd, length)


def _pwrite(fd: int, data: memoryview, offset: int) -> int:
    if hasattr(os, "pwrite"):
        return os.pwrite(fd, data, offset)
    os.lseek(fd, offset, os.SEEK_SET)
    return os.write(fd, data)


def _write_all(fd: int, data: bytes, offset: int) -> None:
    view = memoryview(data)
    while view:
        written = _pwrite(fd, view, offset)
        view, offset = view[written:], offset + written


@dataclass
class _Pack:
    path: str
    fd: int
    index: dict[str, tuple[int, int]]

    def close(self) -> None:
        if self.fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = -1

    def __del__(self) -> None:  # a build's caches are dropped with it (`mkdocs serve` makes new ones each time)
        self.close()


def _list_packs(root: str, stats: CacheStats, broken_go: bool = False) -> list[_Pack]:
    """The bucket's packs, newest first; a pack that fails its checks is left out (deleted with `broken_go`)."""
    try:
        names = [name for name in os.listdir(root) if _PACK.match(name)]
    except OSError:
        return []
    found = []
    for name in names:
        path = os.path.join(root, name)
        pack = _open_pack(path)
        if pack is None:
            stats.corrupt += 1
            if broken_go:
                with contextlib.suppress(OSError):
                    os.unlink(path)
            continue
        with contextlib.suppress(OSError):
            found.append((os.fstat(pack.fd).st_mtime_ns, name, pack))
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [pack for _, _, pack in found]


def _open_pack(path: str) -> _Pack | None:
    """A pack's index, checked (its place, its SHA-256, every record's place inside the pack), or None."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size < _TRAILER_SIZE:
            raise ValueError("not a pack")
        match = _TRAILER.match(_pread(fd, _TRAILER_SIZE, info.st_size - _TRAILER_SIZE))
        if match is None:
            raise ValueError("no trailer")
        start, length = int(match.group(1)), int(match.group(2))
        if start + length + _TRAILER_SIZE != info.st_size:
            raise ValueError("misplaced index")
        data = _pread(fd, length, start)
        if hashlib.sha256(data).hexdigest().encode("ascii") != match.group(3):
            raise ValueError("index checksum")
        index: dict[str, tuple[int, int]] = {}
        for item in json.loads(data):
            key, offset, size = item
            if not (isinstance(key, str) and _KEY.match(key) and type(offset) is int and type(size) is int
                    and 0 <= offset and 0 < size and offset + size <= start):
                raise ValueError("bad index entry")
            index[key] = (offset, size)
        return _Pack(path, fd, index)
    except (OSError, ValueError, TypeError, UnicodeDecodeError):
        os.close(fd)
        return None


_CORRUPT = object()


def _decoded(key: str, data: bytes, text: bool) -> Any:
    """A record's payload (or text), or _CORRUPT when its key or checksum does not match."""
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
    if not valid:
        return _CORRUPT
    try:
        return body.decode("utf-8", "surrogatepass") if text else json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return _CORRUPT


def _head(key: str, checksum: str) -> bytes:
    return f'{{"key": "{key}", "sum": "{checksum}", "payload": '.encode()


_HEAD_SIZE = len(_head("0" * 64, "0" * 64))


def _text_head(key: str, checksum: str) -> bytes:
    return f"mkdocs-sxs text {key} {checksum}\n".encode()


_TEXT_HEAD_SIZE = len(_text_head("0" * 64, "0" * 64))


def _older_than(path: str, seconds: float) -> bool:
    try:
        return time.time() - os.stat(path).st_mtime > seconds
    except OSError:
        return False


def _canonical(payload: Any) -> bytes:
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
