"""The project's own error type, caught at one boundary: the CLI."""

from __future__ import annotations


class PosdiffError(Exception):
    """A problem the user can fix; the message is shown as is, without a traceback.

    The message may quote the user's values (the CLI makes them inert); ``hint`` is
    posdiff's own advice, printed on a line of its own.
    """

    exit_code = 1

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


class UsageError(PosdiffError):
    """The command line asked for something that does not exist (exit 2)."""

    exit_code = 2
