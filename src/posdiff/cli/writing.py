"""Files a command writes (a brief, a KTAB scenario): refused before any work if taken,
written all at once, never over a file unasked."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from posdiff.cli.root import tell
from posdiff.errors import (
    OutputError,
    UsageError,
)
from posdiff.render.inert import inert
from posdiff.words import printable

if TYPE_CHECKING:
    from posdiff.record.paths import RecordPaths

STDOUT = Path("-")  # `-o -`: the standard output, as the tools of the shell take it


def written_where(path: Path) -> Callable[[str], None]:
    """How to say what was written: on the standard output, unless the page went there."""
    return tell if path == STDOUT else typer.echo


def output_name(path: Path) -> str:
    return "the standard output" if path == STDOUT else inert(printable(str(path)))


def refuse_unfit(path: Path, endings: tuple[str, ...], what: str) -> None:
    """Refuse an output named otherwise than what it holds (a page as brief.yaml)."""
    if path != STDOUT and not path.name.lower().endswith(endings):
        raise UsageError(f"-o {printable(str(path))}: {what}; give a name ending in "
                         f"{endings[0]}")


def refuse_inside(path: Path, paths: RecordPaths) -> None:
    """Refuse to write into the record's own folders, where check would read the file
    as part of the record (a party file, a seed) and fail on it."""
    if path == STDOUT:
        return
    try:
        where = path.resolve().parent
        folders = [(folder.resolve(), folder.name) for folder in (paths.positions, paths.seeds)]
    except (OSError, RuntimeError):  # a link loop: refused when written
        return
    for folder, name in folders:
        if where == folder or folder in where.parents:
            raise UsageError(f"-o {printable(str(path))}: that is in the record's {name}/ "
                             "folder, where check would read it as part of the record; "
                             "write it elsewhere")


def refuse_existing(path: Path, force: bool) -> None:
    """Refuse a taken output before the work, which takes seconds on a large record;
    `_write_new` still refuses if the file appears meanwhile."""
    if path == STDOUT:
        return
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
    if path == STDOUT:
        sys.stdout.flush()
        unwritten = memoryview(data)
        while unwritten:  # unbuffered (PYTHONUNBUFFERED), a write may take part of it
            unwritten = unwritten[sys.stdout.buffer.write(unwritten):]
        sys.stdout.buffer.flush()
        return
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
