"""Cross-process locks for writers of repository files (`apply`), without creating files.

The lock is an advisory `flock` on the folder itself: two `mkdocs-sxs apply`
runs on one docs folder take turns instead of both reading the same page and
the second write silently undoing the first. Editors do not take it, so the
writers also compare the page with what they read just before replacing it
(compare-and-swap, in `core/translation/apply.py`).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no cross-process lock, compare-and-swap still applies
    fcntl = None  # type: ignore[assignment]


class LockTimeout(Exception):
    """Another process held the lock for longer than the wait allowed."""


@contextmanager
def folder_lock(folder: str | os.PathLike[str], timeout: float = 60.0) -> Iterator[None]:
    """Hold an exclusive lock on `folder` (a directory) for the block; LockTimeout after `timeout` seconds."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(f"{os.fspath(folder)} is locked by another mkdocs-sxs run "
                                      f"(waited {timeout:.0f} s); try again when it has finished") from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        os.close(handle)
