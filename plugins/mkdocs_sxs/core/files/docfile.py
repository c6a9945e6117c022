"""Read a docset file safely: one clear message naming file, line and fix.

Docset files are UTF-8, some with a BOM, some with CRLF line endings. The
text is returned with its line endings as written (offsets and rewrites
stay exact); a BOM is removed and reported in `DocsetText.bom` so that a
writer can put it back. Invalid UTF-8 is either an error naming the line,
the column and the byte (`read_text`), or, where a reader must go on
(`read_text_lenient`: rendering, checks), replaced by U+FFFD and reported
as a `Problem`.
"""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass

from ..reader.model import LEVEL_ERROR, Problem
from .lines import LineIndex

BOM = b"\xef\xbb\xbf"
_ESCAPED_BYTES = re.compile("[\udc80-\udcff]+")


class DocsetFileError(Exception):
    """A docset file that cannot be read; the message says where and what to do."""

    def __init__(self, path: str, message: str, line: int | None = None, column: int | None = None) -> None:
        self.path, self.line, self.column, self.reason = path, line, column, message
        where = path if line is None else f"{path}:{line}:{column}"
        super().__init__(f"{where}: {message}")


@dataclass
class DocsetText:
    text: str
    bom: bool


def universal_newlines(text: str) -> str:
    """Line ends as a file opened in text mode reads them (`\r\n` and `\r` made `\n`): how MkDocs reads a page."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def read_bytes(path: str | os.PathLike[str], display_path: str | None = None) -> bytes:
    """The file's bytes, or a DocsetFileError that says why they cannot be read."""
    shown = display_path if display_path is not None else os.fspath(path)
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        if os.path.islink(path):
            message = "is a broken symbolic link; point it at an existing file or remove it"
            raise DocsetFileError(shown, message) from None
        raise DocsetFileError(shown, "file not found; check the path") from None
    except IsADirectoryError:
        raise DocsetFileError(shown, "is a folder, not a file; give the path of a Markdown file") from None
    except PermissionError:
        raise DocsetFileError(shown, "permission denied; make the file readable (chmod +r)") from None
    except OSError as error:
        reason = os.strerror(error.errno) if error.errno else str(error)
        if error.errno == errno.EISDIR:
            reason = "is a folder"
        raise DocsetFileError(shown, f"cannot be read ({reason})") from None


def utf8_error_position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based (line, column in characters) of a byte offset in UTF-8-ish data."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


def _utf8_message(data: bytes, error: UnicodeDecodeError) -> str:
    bad = data[error.start : error.end].hex(" ").upper()
    return (f"not valid UTF-8 (byte 0x{bad} at byte offset {error.start}); "
            "re-save the file as UTF-8 (e.g. `iconv -f WINDOWS-1250 -t UTF-8`)")


def decode(data: bytes, display_path: str) -> DocsetText:
    """Decode strictly; DocsetFileError with line and column on invalid UTF-8."""
    bom = data.startswith(BOM)
    body = data[len(BOM) :] if bom else data
    try:
        return DocsetText(body.decode("utf-8"), bom)
    except UnicodeDecodeError as error:
        line, column = utf8_error_position(body, error.start)
        raise DocsetFileError(display_path, _utf8_message(body, error), line, column) from None


def read_text(path: str | os.PathLike[str], display_path: str | None = None) -> DocsetText:
    """Read a docset file as UTF-8 (BOM tolerated, line endings kept) or raise DocsetFileError."""
    shown = display_path if display_path is not None else os.fspath(path)
    return decode(read_bytes(path, shown), shown)


def read_text_lenient(
    path: str | os.PathLike[str], display_path: str | None = None
) -> tuple[DocsetText, list[Problem]]:
    """Like `read_text`, but each invalid byte becomes U+FFFD, reported once per line."""
    shown = display_path if display_path is not None else os.fspath(path)
    data = read_bytes(path, shown)
    try:
        return decode(data, shown), []
    except DocsetFileError:
        pass
    bom = data.startswith(BOM)
    body = data[len(BOM) :] if bom else data
    text = body.decode("utf-8", errors="surrogateescape")
    problems: list[Problem] = []
    index = LineIndex(text)
    last_line = 0
    for match in _ESCAPED_BYTES.finditer(text):
        line, column = index.position(match.start())
        if line == last_line:
            continue
        last_line = line
        bad = " ".join(f"{ord(c) - 0xDC00:02X}" for c in match.group(0)[:4])
        problems.append(Problem(shown, line, column, "not-utf8",
                                f"not valid UTF-8 (byte 0x{bad}); shown as '\ufffd'; re-save the file as UTF-8 "
                                "(e.g. `iconv -f WINDOWS-1250 -t UTF-8`)", LEVEL_ERROR))
    return DocsetText(_ESCAPED_BYTES.sub(lambda m: "\ufffd" * len(m.group(0)), text), bom), problems
