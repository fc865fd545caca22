"""Reading record files as strict UTF-8 text."""

from __future__ import annotations

from pathlib import Path

from posdiff.diagnostics import Diagnostic, error, warning
from posdiff.record.files import Problem, read_bytes

BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # what an editor saving "Unicode" writes first


def read_text(path: Path, root: Path, shown_as: str) -> tuple[str | None, list[Diagnostic]]:
    """The text of a record file under ``root``, or None with the diagnostics that say
    why not (see `files` for what is refused before anything is read)."""
    data = read_bytes(path, root)
    if isinstance(data, Problem):
        return None, [error(shown_as, 1, 1, data.code, data.message)]
    return decode_utf8(data, shown_as)


def decode_utf8(data: bytes, shown_as: str) -> tuple[str | None, list[Diagnostic]]:
    """Decode strictly as UTF-8; a BOM is tolerated with a warning, NUL bytes are not."""
    diagnostics: list[Diagnostic] = []
    if data.startswith(UTF16_BOMS):
        return None, [error(shown_as, 1, 1, "not-utf8", "the file is UTF-16 (it starts with "
                            "a UTF-16 byte-order mark); save it as UTF-8")]
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
