"""The project's own error type, caught at one boundary: the CLI."""

from __future__ import annotations


class PosdiffError(Exception):
    """A problem the user can fix; the message is shown as is, without a traceback."""

    exit_code = 1


class UsageError(PosdiffError):
    """The command line asked for something that does not exist (exit 2)."""

    exit_code = 2
