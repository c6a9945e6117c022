"""Write files so that a reader never sees half of one: temp file in the same folder, then os.replace."""

from __future__ import annotations

import glob
import os
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

_DEFERRED = {signal.SIGINT, signal.SIGTERM}


def _umask() -> int:
    mask = os.umask(0)  # read once, at import: os.umask has no read-only form
    os.umask(mask)
    return mask


NEW_FILE_MODE = 0o666 & ~_umask()  # what open(…, "w") gives a new file


@contextmanager
def replaced(path: str | os.PathLike[str], mode: str = "wb", **options: Any) -> Iterator[IO[Any]]:
    """Build output written beside `path`, then renamed over it: a reader (a server answering while the site
    is rebuilt) sees the old file or the new one, never half of one. Not flushed to disk (a build's output is
    made again by the next build); for files that must survive a crash, `write_bytes_atomic`."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with _temp_beside(path, ".sxs-", mode, NEW_FILE_MODE, **options) as handle:
        yield handle


@contextmanager
def _temp_beside(path: str | os.PathLike[str], prefix: str, mode: str, file_mode: int | None,
                 fsync: bool = False, **options: Any) -> Iterator[IO[Any]]:
    """A temp file in `path`'s folder, opened with `mode`; once written (and flushed to disk with `fsync`), given
    `file_mode` and renamed over `path`. If the writer fails, the temp file goes and `path` stays as it was."""
    descriptor, temp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=os.path.dirname(os.path.abspath(path)))
    try:
        with os.fdopen(descriptor, mode, **options) as handle:
            yield handle
            if fsync:
                handle.flush()
                os.fsync(handle.fileno())
        if file_mode is not None:
            os.chmod(temp, file_mode)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold Ctrl-C (SIGINT) and SIGTERM until the file in hand is complete.

    Without this a Ctrl-C landing inside `mkstemp`, before the cleanup below
    can know the temp file's name, leaves that file behind.
    """
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not POSIX
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _DEFERRED)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _writer_alive(leftover: Path, target: Path) -> bool:
    """Whether the process that named this temp file (`.<name>.<pid>-….tmp`) is still running.

    A concurrent writer's live temp file must not be removed under it; files
    without a pid (older versions) or of a dead process are leftovers.
    """
    middle = leftover.name[len(target.name) + 2 : -len(".tmp")]
    pid_text, dash, _ = middle.partition("-")
    if not dash or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False  # ours: a temp file of this process is never live between two writes
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _remove_leftovers(target: Path) -> None:
    """Temp files of this target left by a run that was killed (SIGKILL cannot be held)."""
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        if _writer_alive(leftover, target):
            continue
        try:
            leftover.unlink()
        except OSError:
            pass


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace `path` with `data` in one step, keeping the old file's permission bits."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = None
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        pass
    _remove_leftovers(target)
    with _signals_deferred(), _temp_beside(target, f".{target.name}.{os.getpid()}-", "wb", mode,
                                           fsync=True) as stream:
        stream.write(data)
