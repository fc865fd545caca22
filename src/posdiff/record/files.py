"""Record file access: every file and folder of the record is found and read here.

A file is read only when it resolves inside its root (`positions/` or `seeds/`), is a
regular file, has a name that can be shown, and is at most `MAX_BYTES` by its stat,
checked before a byte is read (and again on the open file, which a symlink swapped in
between cannot dodge). Anything else is a `Problem`, never an exception, and the
content of a file that breaks a rule is never read, so it can never be printed. Text is
read as strict UTF-8 (`read_text`, `decode_utf8`).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from posdiff.diagnostics import Diagnostic, error, warning
from posdiff.plain import Frozen
from posdiff.words import printable

MAX_BYTES = 10 * 1024 * 1024  # one limit for every file: YAML and seed texts alike


class Problem(Frozen):
    """Why a file cannot be used: a stable diagnostic code and how to fix it."""

    __slots__ = ("code", "message")

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        self.message = message


def shown(path: Path | str) -> str:
    """How a path is printed: relative to the current folder when inside it, bytes that
    are not UTF-8 as ``\\xNN`` escapes, and shortened in the middle when very long."""
    try:
        cwd = Path.cwd()
    except OSError:  # the current folder was removed under us
        return printable(Path(path).as_posix())
    # Not resolved: a link is shown by its own name, never by where it leads.
    path = Path(os.path.normpath(cwd / path))
    if path.is_relative_to(cwd):
        path = path.relative_to(cwd)
    return printable(path.as_posix())


def too_large(size: int) -> Problem | None:
    """The one size rule, applied to every file before it is read."""
    if size <= MAX_BYTES:
        return None
    return Problem("file-too-large", f"file is {size:,} bytes, over the limit of "
                                     f"{MAX_BYTES:,}; split it or check it is the right file")


def locate(path: Path, root: Path) -> Path | Problem:
    """The real path of ``path`` when it is a regular file inside ``root``."""
    name_problem = _name_problem(path)
    if name_problem:
        return name_problem
    try:
        real_root = os.path.realpath(root)
        info = os.lstat(path)
        if stat.S_ISREG(info.st_mode) and path.parent == root:
            # A regular file (not a link) directly in the root is inside it, wherever the
            # root itself leads: one lstat instead of resolving every part of the path
            # (a record of 1,000 seeds locates 3,000 files).
            real, inside = Path(real_root, path.name), True
        else:
            real = Path(os.path.realpath(path, strict=True))
            inside = real.is_relative_to(real_root)
            info = real.stat()
    except OSError as exc:
        if exc.errno == errno.ENOENT and os.path.islink(path):
            return Problem("missing-file", "is a symbolic link to a file that does not exist; "
                                           "fix or remove the link")
        return _os_problem(exc)
    if not inside:
        return Problem("outside-record", f"leads outside {shown(root)} (a symbolic link?); "
                                         "keep the record's files inside its folders")
    if not stat.S_ISREG(info.st_mode):
        return Problem("special-file", "not a regular file (a folder, pipe or device); "
                                       "give a plain text file")
    return too_large(info.st_size) or real


def read_bytes(path: Path, root: Path) -> bytes | Problem:
    """The bytes of a record file, read only when `locate` accepts it."""
    found = locate(path, root)
    if isinstance(found, Problem):
        return found
    try:
        # Non-blocking, so that a pipe swapped in after `locate` cannot hang the read.
        descriptor = _open(found)
        with os.fdopen(descriptor, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                return Problem("special-file", "not a regular file; give a plain text file")
            problem = too_large(info.st_size)
            if problem:
                return problem
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return _os_problem(exc)
    return too_large(len(data)) or data


def list_folder(folder: Path) -> list[Path] | Problem:
    """The entries of a folder, sorted by name."""
    try:
        return sorted(_scan(folder))
    except OSError as exc:
        problem = _os_problem(exc)
        if problem.code == "unreadable-file":
            return Problem("unreadable-folder", f"cannot list the folder: "
                                                f"{exc.strerror or exc}; check its permissions")
        return problem


def _open(path: Path) -> int:
    # ``path`` is already resolved: a link put in its place since then is not followed.
    return os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)


def _scan(folder: Path) -> Iterator[Path]:
    with os.scandir(folder) as entries:
        for entry in entries:
            yield Path(entry.path)


def _name_problem(path: Path) -> Problem | None:
    name = str(path)
    if "\x00" in name:
        return Problem("bad-file-name", "the file name holds a NUL byte; rename the file")
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return Problem("bad-file-name", "the file name is not valid UTF-8; rename the file "
                                        "with a UTF-8 name")
    return None


def _os_problem(exc: OSError) -> Problem:
    if exc.errno == errno.ELOOP:
        return Problem("symlink-loop", "symbolic links lead in a loop; fix or remove the link")
    if exc.errno == errno.ENAMETOOLONG:
        return Problem("name-too-long", "the path is longer than the system allows; "
                                        "give a shorter file name")
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return Problem("missing-file", "does not exist; check the name")
    return Problem("unreadable-file", f"cannot read file: {exc.strerror or exc}; "
                                      "check its permissions")


# -- text: strict UTF-8 -------------------------------------------------------------

BOM = b"\xef\xbb\xbf"
# What an editor saving "Unicode" writes first: UTF-32's marks begin as UTF-16's do.
WIDE_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
             (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))
WIDE_SAMPLE = 1_000  # bytes looked at to tell UTF-16 or UTF-32 without a byte-order mark


def read_text(path: Path, root: Path, shown_as: str) -> tuple[str | None, list[Diagnostic]]:
    """The text of a record file under ``root``, or None with the diagnostics that say
    why not (see `read_bytes` for what is refused before anything is read)."""
    data = read_bytes(path, root)
    if isinstance(data, Problem):
        return None, [error(shown_as, 1, 1, data.code, data.message)]
    return decode_utf8(data, shown_as)


def decode_utf8(data: bytes, shown_as: str) -> tuple[str | None, list[Diagnostic]]:
    """Decode strictly as UTF-8; a BOM is tolerated with a warning, NUL bytes are not."""
    diagnostics: list[Diagnostic] = []
    if marked := next((name for bom, name in WIDE_BOMS if data.startswith(bom)), None):
        return None, [error(shown_as, 1, 1, "not-utf8", f"the file is {marked} (it starts "
                            f"with a {marked} byte-order mark); save it as UTF-8")]
    if unmarked := _wide_unmarked(data):
        pattern = "every other byte is" if unmarked == "UTF-16" else "three bytes of four are"
        return None, [error(shown_as, 1, 1, "not-utf8", f"the file looks like {unmarked} "
                            f"without a byte-order mark ({pattern} NUL); save it as UTF-8")]
    if data.startswith(BOM):
        data = data[len(BOM):]
        diagnostics.append(warning(shown_as, 1, 1, "byte-order-mark",
                                   "file starts with a UTF-8 byte-order mark; save it without one"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        diagnostics.append(error(shown_as, line, column, "not-utf8",
                                 f"byte 0x{data[exc.start]:02x} is not valid UTF-8; "
                                 "save the file as UTF-8"))
        return None, diagnostics
    if "\x00" in text:
        nul = text.index("\x00")
        line = text.count("\n", 0, nul) + 1
        column = nul - (text.rfind("\n", 0, nul) + 1) + 1
        diagnostics.append(error(shown_as, line, column, "not-text",
                                 "file contains NUL bytes; it is not a text file"))
        return None, diagnostics
    return text, diagnostics


def _wide_unmarked(data: bytes) -> str | None:
    """"UTF-32" or "UTF-16" for text saved so without a byte-order mark: in its first
    bytes, of every four (or two), all but one are NUL, as Latin letters are written."""
    sample = data[:WIDE_SAMPLE]
    for width, name in ((4, "UTF-32"), (2, "UTF-16")):
        lanes = [sample[start::width] for start in range(width)]
        if len(sample) >= 2 * width and sum(
                lane.count(0) * 4 >= len(lane) * 3 for lane in lanes) == width - 1:
            return name
    return None
