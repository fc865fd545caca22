"""Reading user files as strict UTF-8 text, with a size limit."""

from __future__ import annotations

from pathlib import Path

from posdiff.diagnostics import Diagnostic, error, warning

BOM = b"\xef\xbb\xbf"


def read_text(path: Path, shown_as: str, max_bytes: int) -> tuple[str | None, list[Diagnostic]]:
    """The file's text, or None with the diagnostics that explain why not."""
    data, problems = read_bytes(path, shown_as, max_bytes)
    if data is None:
        return None, problems
    return decode_utf8(data, shown_as)


def read_bytes(path: Path, shown_as: str,
               max_bytes: int) -> tuple[bytes | None, list[Diagnostic]]:
    """The file's bytes, or None with the diagnostics that explain why not."""
    try:
        if not path.is_file():  # a FIFO or device would block or never end
            return None, [error(shown_as, 1, 1, "unreadable-file",
                                "not a regular file; give a plain text file")]
        size = path.stat().st_size
        if size > max_bytes:
            return None, [error(shown_as, 1, 1, "file-too-large",
                                f"file is {size:,} bytes, over the limit of {max_bytes:,}; "
                                "split it or check it is the right file")]
        return path.read_bytes(), []
    except OSError as exc:
        return None, [error(shown_as, 1, 1, "unreadable-file",
                            f"cannot read file: {exc.strerror or exc}")]


def decode_utf8(data: bytes, shown_as: str) -> tuple[str | None, list[Diagnostic]]:
    """Decode strictly as UTF-8; a BOM is tolerated with a warning, NUL bytes are not."""
    diagnostics: list[Diagnostic] = []
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
