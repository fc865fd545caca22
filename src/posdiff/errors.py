"""The project's own error types. The core raises the domain errors (a name the record
does not have, a folder that is not one, a record with errors); the CLI catches them all
at one boundary and turns each into a message and an exit code."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from posdiff.diagnostics import Diagnostic


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


class OutputError(PosdiffError):
    """What was asked could not be written: a full disk, no permission."""

    exit_code = 74  # sysexits' EX_IOERR


class UnknownName(PosdiffError):
    """The record has no party or issue by this name (``kind`` says which)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class NotAFolder(PosdiffError):
    """The folder for the record, its positions or its seeds (``role``) cannot be used;
    ``given``: the user named it, rather than posdiff looking for it; ``fits``: the role
    it would fit instead ("record" or "seeds"), when it is a folder of the record."""

    def __init__(self, role: str, message: str, given: bool = True, fits: str = "",
                 hint: str = "") -> None:
        super().__init__(message, hint)
        self.role = role
        self.given = given
        self.fits = fits


class InvalidRecord(PosdiffError):
    """The record fails check, so nothing computed from it could be trusted; ``errors``
    are check's errors, in its order."""

    def __init__(self, errors: Sequence[Diagnostic],
                 hint: str = "Scores from a record that fails check would not be "
                             "trustworthy.") -> None:
        count = len(errors)
        super().__init__(f"the record fails check: {count:,} error{'s' * (count != 1)}", hint)
        self.errors = list(errors)
