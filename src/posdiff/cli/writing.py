"""Files a command writes (a brief, a KTAB scenario): refused before any work if taken,
written all at once, never over a file unasked."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import TYPE_CHECKING

from posdiff.errors import (
    OutputError,
    UsageError,
)
from posdiff.words import printable

if TYPE_CHECKING:
    pass


def refuse_existing(path: Path, force: bool) -> None:
    """Refuse a taken output before the work, which takes seconds on a large record;
    `_write_new` still refuses if the file appears meanwhile."""
    try:
        if path.is_dir():
            raise UsageError(f"{printable(str(path))} is a folder; give the name of a file")
        if not path.parent.is_dir():
            raise UsageError(f"there is no folder {printable(str(path.parent))} to write "
                             f"{printable(path.name)} in")
        taken = os.path.lexists(path)
    except OSError as exc:  # a name too long for the system
        raise UsageError(f"{printable(str(path))} cannot be used: {exc.strerror}") from None
    if taken and not force:
        raise _exists(path)


def write_new(path: Path, data: bytes, force: bool) -> None:
    # Exclusive unless forced: never overwrite unasked, even in a race. Not blocking at
    # the open: a named pipe that no process reads would hang it for ever.
    flags = os.O_WRONLY | os.O_CREAT | os.O_NONBLOCK | (os.O_TRUNC if force else os.O_EXCL)
    try:
        descriptor = os.open(path, flags, 0o666)
        os.set_blocking(descriptor, True)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
    except FileExistsError:
        raise _exists(path) from None
    except OSError as exc:
        why = ("a named pipe that no process reads" if exc.errno == errno.ENXIO
               else exc.strerror)
        raise OutputError(f"cannot write {printable(str(path))}: {why}") from None


def _exists(path: Path) -> UsageError:
    return UsageError(f"{printable(str(path))} already exists; nothing was written "
                      "(--force overwrites it)")
