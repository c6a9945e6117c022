"""The previous build's output kept in place: a file written again with the same bytes is not written at all.

A warm build of Dynamics 365 writes 245 MB (2,741 pages, 3,398 redirect
pages), nearly all of it the same bytes as the build before. Writing them
again was a third of the build (1-2 s, and the most variable part), beside
deleting the old tree. Instead:

1. `start` (before MkDocs empties `site_dir`): the old entries are renamed
   into a sibling folder, as `background.move_aside` does, and the build's
   start time `t0` is read from the file system's own clock (the new folder's
   time stamp), so that it compares with the files' times.
2. `restore` (after MkDocs' clean): they are renamed back, and a thread lists
   the old tree. A symbolic link or special file in it is removed at once (a
   write would follow it out of the site).
3. `ready` (before anything is written): that list is complete.
4. While the build writes, `same` says whether the old file at a path holds
   the very bytes about to be written (the writer then skips the write and
   the file counts as made by this build); `clear_way` removes an old file
   that stands where a folder is needed, or an old folder where a file goes.
5. `sweep` (after every writer): an old file that this build neither wrote
   (its time is not before `t0`) nor kept as the same is deleted, and old
   folders left empty go.

Reading every old file to compare it cost more than half of what the writes
did, so, given a place for it (the build cache's folder), the files written
or kept through `same` are recorded: size, time, inode and SHA-256 of each.
An old file whose size, time and inode are the recorded ones is compared by
its recorded hash; any other is read (a file changed since, by anyone, has
another time or inode). A record that does not parse, or is of another
folder, is ignored.

The result is the folder a clean build makes: every file this build writes,
with its bytes, and nothing else. It holds when every writer writes its files
afresh (a writer that skips an existing file would lose it in the sweep), so
the adapter uses this only with writers it knows (`mkdocs/kept_output.py`),
and when the file system's clock is finer than a second.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import stat
import tempfile
import threading

from .atomicio import write_bytes_atomic
from .background import MARK, move_aside

_CHUNK = 1 << 20
_RECORD_FORMAT = 1
_RECORD_LIMIT = 256 * 1024 * 1024  # bytes: a larger record is not read
Stamp = tuple[int, int, int]  # size, mtime in ns, inode


class KeptSite:
    """One build's use of the output folder left by the build before."""

    def __init__(self, folder: str, trash: str | None, t0: int, record: str | None = None) -> None:
        self.folder = folder
        self.trash: str | None = trash
        self.t0 = t0  # ns, the file system's time when the build began
        self.record_path = record  # where what this build wrote is recorded (None: nowhere, all compared by reading)
        self.recorded: dict[str, list] = {}  # relative path -> [size, mtime_ns, inode, sha256] (last build)
        self.stamps: dict[str, Stamp] = {}  # old file -> its stamp, as listed
        self.digests: dict[str, str] = {}  # file written or kept by this build -> SHA-256 of its bytes
        self._pending: dict[str, str] = {}  # hashed by `same`, to be written (recorded once it is: `wrote`)
        self.files: set[str] = set()  # old files (absolute paths)
        self.dirs: set[str] = set()  # old folders
        self.made: set[str] = set()  # old files this build kept as the same, or wrote
        self.written: set[str] = set()  # every file this build wrote through `wrote`
        self.restored = False
        self._walk: threading.Thread | None = None
        self.kept = 0  # writes skipped

    @classmethod
    def start(cls, folder: str, record: str | None = None, in_place: bool = False) -> KeptSite | None:
        """Move the folder's entries (but dot-named ones) aside (an empty or missing folder: nothing to keep, but
        what this build writes is recorded for the next); None (nothing moved) when the folder is a symbolic
        link or the file system's clock is too coarse to tell this build's files from the last one's.

        `in_place`: nothing is moved, the old tree is listed where it is (the caller keeps the engine's clean
        from emptying it): a folder still being served (`mkdocs serve` after the page-first step,
        `mkdocs/serve_first.py`) never goes empty, and each file in it is whole."""
        folder = os.path.abspath(folder)
        if os.path.islink(folder) or (os.path.lexists(folder) and not os.path.isdir(folder)):
            return None
        parent, name = os.path.split(folder.rstrip(os.sep))
        try:
            trash: str | None = tempfile.mkdtemp(prefix=f".{name}{MARK}", dir=parent)
            t0 = os.lstat(trash).st_mtime_ns
        except OSError:
            return None
        if t0 % 1_000_000_000 == 0:  # whole seconds: FAT, ext3, some network file systems
            shutil.rmtree(trash, ignore_errors=True)
            return None
        if in_place:
            shutil.rmtree(trash, ignore_errors=True)
            names = [name for name in os.listdir(folder) if not name.startswith(".")] if os.path.isdir(folder) \
                else []
            if not names and record is None:
                return None
            kept = cls(folder, None, t0, record)
            kept.recorded = kept._read_record() if names else {}
            kept.restored = True  # nothing to move back: listed where it is
            kept._start_listing(names)
            return kept
        if move_aside(folder, trash) is None:
            shutil.rmtree(trash, ignore_errors=True)
            if record is None:
                return None  # nothing to keep, nothing to record
            trash = None
        kept = cls(folder, trash, t0, record)
        if trash is not None:
            kept.recorded = kept._read_record()
        return kept

    def _read_record(self) -> dict[str, list]:
        if self.record_path is None:
            return {}
        try:
            if os.path.getsize(self.record_path) > _RECORD_LIMIT:
                return {}
            with open(self.record_path, "rb") as handle:
                data = json.loads(handle.read())
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("format") != _RECORD_FORMAT or data.get("folder") != self.folder:
            return {}
        files = data.get("files")
        return files if isinstance(files, dict) else {}

    def restore(self) -> None:
        """Move the old entries back into the (now empty) folder and start listing them."""
        if self.restored:
            return
        self.restored = True
        if self.trash is None:
            return
        names = []
        for name in os.listdir(self.trash):
            target = os.path.join(self.folder, name)
            if os.path.lexists(target):  # made meanwhile: the old one is deleted with the rest
                continue
            try:
                os.rename(os.path.join(self.trash, name), target)
            except OSError:
                continue
            names.append(name)
        self._start_listing(names)

    def _start_listing(self, names: list[str]) -> None:
        self._walk = threading.Thread(target=self._list, args=(names,), name="sxs-kept-site", daemon=True)
        self._walk.start()

    def _list(self, names: list[str]) -> None:
        pending = [os.path.join(self.folder, name) for name in names]
        while pending:
            path = pending.pop()
            try:
                info = os.lstat(path)
            except OSError:
                continue
            if stat.S_ISDIR(info.st_mode):
                self.dirs.add(path)
                try:
                    pending.extend(os.path.join(path, name) for name in os.listdir(path))
                except OSError:
                    pass
            elif stat.S_ISREG(info.st_mode):
                self.files.add(path)
                self.stamps[path] = (info.st_size, info.st_mtime_ns, info.st_ino)
            else:  # a symbolic link or a special file: never written through
                try:
                    os.unlink(path)
                except OSError:
                    pass
        if self.trash is not None:
            shutil.rmtree(self.trash, ignore_errors=True)
            self.trash = None

    def ready(self) -> None:
        """Wait until the old tree is listed (before the first write)."""
        if self._walk is not None:
            self._walk.join()
            self._walk = None

    # While the build writes ----------------------------------------------------------------

    def same(self, path: str, content: bytes) -> bool:
        """True when the old file at `path` holds `content` (then it counts as made by this build)."""
        path = os.path.normpath(path)
        digest = self._digest(content)
        if path not in self.files or path in self.made:
            self._pending[path] = digest
            return False
        stamp = self.stamps.get(path)
        if stamp is not None and stamp[0] != len(content):
            self._pending[path] = digest
            return False
        entry = self.recorded.get(self._relative(path))
        if digest and isinstance(entry, list) and len(entry) == 4 and stamp is not None and \
                tuple(entry[:3]) == stamp:
            equal = entry[3] == digest  # unchanged since the last build wrote it: its recorded hash
        else:
            equal = self._holds(path, content)
        if not equal:
            self._pending[path] = digest
            return False
        self.digests[path] = digest
        self.made.add(path)
        self.kept += 1
        return True

    def _digest(self, content: bytes) -> str:
        """SHA-256 of bytes to be written, when there is a record to keep it in ('' otherwise)."""
        return hashlib.sha256(content).hexdigest() if self.record_path is not None else ""

    @staticmethod
    def _holds(path: str, content: bytes) -> bool:
        try:
            descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
        except OSError:
            return False
        with os.fdopen(descriptor, "rb") as handle:
            return os.fstat(handle.fileno()).st_size == len(content) and handle.read() == content

    def same_copy(self, source: str, path: str) -> bool:
        """True when the old file at `path` has the bytes of the file `source` (a media file copied again)."""
        path = os.path.normpath(path)
        if path not in self.files or path in self.made:
            return False
        try:
            with open(source, "rb") as one, open(path, "rb") as other:
                if os.fstat(one.fileno()).st_size != os.fstat(other.fileno()).st_size:
                    return False
                while True:
                    chunk = one.read(_CHUNK)
                    if chunk != other.read(_CHUNK):
                        return False
                    if not chunk:
                        break
        except OSError:
            return False
        self.made.add(path)
        self.kept += 1
        return True

    def wrote(self, path: str, content: bytes | None = None) -> None:
        """`path` was written by this build (an old file there is not stale); with `content`, it is recorded."""
        path = os.path.normpath(path)
        self.written.add(path)
        if path in self.files:
            self.made.add(path)
        digest = self._pending.pop(path, None)
        if content is None or self.record_path is None:
            self.digests.pop(path, None)  # copied: compared by its bytes next time
        else:
            self.digests[path] = digest or self._digest(content)

    def claim(self, path: str, content: bytes) -> bool | None:
        """For a writer that must not replace a file this build made (redirect pages): True when the old file at
        `path` holds `content` (kept), False when this build made the file there, None when `path` is free
        to write (an old, different file there is removed)."""
        path = os.path.normpath(path)
        if path in self.made:
            return False
        if path not in self.files:
            return None
        try:
            if os.lstat(path).st_mtime_ns >= self.t0:
                return False  # written by this build, not through us
        except OSError:
            return None
        if self.same(path, content):
            return True
        try:
            os.unlink(path)
        except OSError:
            pass
        self.files.discard(path)
        return None

    def clear_way(self, path: str) -> None:
        """Before a file is written at `path`: an old folder there, or an old file where one of its folders
        goes, is removed (a clean build has neither)."""
        path = os.path.normpath(path)
        if path in self.dirs and not any(_within(item, path) for item in self.made | self.written):
            shutil.rmtree(path, ignore_errors=True)
            self.dirs = {item for item in self.dirs if not _within(item, path)}
            self.files = {item for item in self.files if not _within(item, path)}
        parent = os.path.dirname(path)
        while len(parent) > len(self.folder) and parent not in self.dirs:
            if parent in self.files:
                try:
                    os.unlink(parent)
                except OSError:
                    pass
                self.files.discard(parent)
                break
            parent = os.path.dirname(parent)

    # At the end ---------------------------------------------------------------------------------

    def sweep(self) -> int:
        """Delete what of the old tree this build did not make; the number of files deleted."""
        self.ready()
        removed = 0
        for path in self.files - self.made:
            try:
                if os.lstat(path).st_mtime_ns >= self.t0:
                    continue  # written again by this build
                os.unlink(path)
                removed += 1
            except OSError:
                continue
        for folder in sorted(self.dirs, key=len, reverse=True):  # the deepest first
            try:
                os.rmdir(folder)  # only when empty
            except OSError:
                pass
        self.files, self.dirs, self.made = set(), set(), set()
        return removed

    def _relative(self, path: str) -> str:
        """`path` (normalized) relative to the site folder, with `/`: cut off the folder when it starts with it
        (`os.path.relpath` cost more than the rest of the comparison, for each of 6,000 files)."""
        prefix = self.folder + os.sep
        relative = path[len(prefix):] if path.startswith(prefix) else os.path.relpath(path, self.folder)
        return relative.replace(os.sep, "/")

    def _write_record(self) -> None:
        """What this build wrote or kept through `same`/`wrote`, with each file's stamp as it is now."""
        if self.record_path is None:
            return
        files: dict[str, list] = {}
        for path, digest in self.digests.items():
            try:
                info = os.lstat(path)
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode):
                files[self._relative(path)] = [
                    info.st_size, info.st_mtime_ns, info.st_ino, digest]
        try:
            write_bytes_atomic(self.record_path, json.dumps(
                {"format": _RECORD_FORMAT, "folder": self.folder, "files": files}, separators=(",", ":")).encode())
        except OSError:
            pass

    def finish(self, failed: bool = False) -> None:
        """The build ended: sweep, and record what it wrote (not when it failed: a file may be half written)."""
        self.ready()
        if self.restored:
            self.sweep()
            if not failed:
                self._write_record()
            elif self.record_path is not None:
                with contextlib.suppress(OSError):
                    os.unlink(self.record_path)
        if self.trash is not None:
            shutil.rmtree(self.trash, ignore_errors=True)
            self.trash = None


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder + os.sep)
