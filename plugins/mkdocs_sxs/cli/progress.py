"""A one-line progress counter on stderr, shown only when stderr is a terminal; a summary line at the end."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, label: str, stream: TextIO | None = None, interval: float = 0.2) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = interval
        self.shown = 0.0
        self.pages = 0  # pages done so far, counted with or without a terminal

    def __call__(self, done: int, total: int, item: str) -> None:
        self.pages = done
        if not self.enabled:
            return
        now = time.monotonic()
        if done != total and now - self.shown < self.interval:
            return
        self.shown = now
        self.stream.write(f"\r{self.label}: {done}/{total} pages\x1b[K")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


def print_summary(line: str, *, to_file: bool, stream: TextIO | None = None) -> None:
    """One line on stderr when the report goes to a file or a pipe (a terminal shows the report itself)."""
    if to_file or not bool(getattr(sys.stdout, "isatty", lambda: False)()):
        print(line, file=stream if stream is not None else sys.stderr)
