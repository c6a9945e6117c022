"""Errors a user can fix: shown as one message, never as a traceback."""

from __future__ import annotations


class UserError(Exception):
    """A problem with the user's input: message names file, line and fix."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code
