"""Report and catalog files the CLI writes, checked before any work is done, and text safe for a terminal.

Every command that takes `--output FILE` goes through `checked_output`: a
folder, a missing parent folder, an unwritable place or an existing file
(without `--force`) is one clear message (exit 2) instead of a traceback
after minutes of work. `terminal_safe` shows control characters that come
from the repository (link targets, unit ids: `ESC]0;…`, `ESC[2J`) as
visible `\\x1b` escapes, so a report cannot retitle or clear the terminal.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..core.files.atomicio import write_bytes_atomic
from .errors import UserError

# C0 controls except tab and newline, DEL, C1 controls (CSI, OSC, …), and the bidi overrides that reorder text.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """`text` with control characters written as visible escapes (`\\x1b`, `\\u202e`)."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 0x100
                        else f"\\u{ord(m.group(0)):04x}", text)


def checked_output(output: str, *, force: bool, option: str = "--output") -> Path:
    """The file to write, or UserError saying why it cannot be written (checked before the work starts)."""
    path = Path(output)
    if output.endswith(("/", os.sep)) or path.is_dir():
        raise UserError(f"{option} {output}: is a folder; give a file name (e.g. {path / 'report.txt'})")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise UserError(f"{option} {output}: the folder {parent} does not exist; create it first")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise UserError(f"{option} {output}: the folder {parent} is not writable")
    if path.exists() or path.is_symlink():
        if not force:
            raise UserError(f"{option} {output}: the file exists; use --force to overwrite it")
        if not os.access(path, os.W_OK):
            raise UserError(f"{option} {output}: the file is read-only; make it writable or choose another file")
    return path


def write_output(path: Path, data: str | bytes) -> None:
    """Write the report atomically; an OS error becomes one message."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        write_bytes_atomic(path, payload)
    except OSError as error:
        raise UserError(f"{path}: cannot write: {error.strerror or error}") from error
