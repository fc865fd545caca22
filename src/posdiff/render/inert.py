"""Text from the record reaches the output as text: never a control sequence, never a
line of its own, never a spreadsheet formula."""

from __future__ import annotations

from typing import Any

# Every C0 control (tab, newline and carriage return included: a value's own line break
# could start a forged `::error` or `ok:` line), DEL, C1 controls (0x9b alone starts a
# CSI), the Unicode line and paragraph separators and the bidirectional embeddings,
# overrides and isolates (which reorder what a line shows: "Trojan Source"), each with
# its visible escape. A table for `str.translate`, not a pattern: compiling a character
# class that reaches past Latin-1 took 0.5 ms of every start.
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
_C1 = {code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)}  # as JSON spells them
_BIDI = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
_ESCAPES = {code: _NAMED.get(chr(code), f"\\x{code:02x}")
            for code in (*range(0x20), *range(0x7F, 0xA0))} | {
    code: f"\\u{code:04x}" for code in (0x2028, 0x2029, *_BIDI)}

# For a page: the controls but tab, line feed and carriage return, which HTML reads as
# white space (a seed's text around a quote may hold any of them).
_PAGE_ESCAPES = {code: escape for code, escape in _ESCAPES.items()
                 if chr(code) not in _NAMED and code not in (0x2028, 0x2029)}

# What spreadsheets read as the start of a formula (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(text: str) -> str:
    """Replace control characters with a visible escape such as ``\\n`` or ``\\x1b``, so
    that a value stays on the line it is printed in."""
    # Most text has nothing to escape, and `isprintable` (C, no lookups) says so:
    # `translate` alone looks every character up when a text is not ASCII.
    return text if text.isprintable() else text.translate(_ESCAPES)


def inert_line(text: str) -> str:
    """A table's cell: one line, where a line break in the record's text (a YAML block
    keeps them) reads as the space it stands for in prose, and the rest as `inert`."""
    if "\n" in text or "\r" in text:
        text = " ".join(text.replace("\r", "\n").split("\n")).strip()
    return inert(text)


def inert_page(value: Any) -> Any:
    """A value for a page (the brief): text with every control character made a visible
    escape, as in `inert`, but for the white space a page lays out itself."""
    if not isinstance(value, str) or value.isprintable():
        return value
    return value.translate(_PAGE_ESCAPES)


def inert_cell(value: Any) -> Any:
    """A CSV cell: text is made inert and, when a spreadsheet would take it for a
    formula, prefixed with a quote; numbers (cells that carry a number, such as a
    negative shift) stay numbers."""
    if not isinstance(value, str):
        return value
    return "'" + inert(value) if value.startswith(_FORMULA_STARTS) else inert(value)


def inert_json(document: Any) -> str:
    """Strict JSON (no NaN or Infinity: a value that is not finite raises) in which DEL
    and C1 controls, which JSON leaves raw, are escaped too."""
    import json  # here: a table (most runs) needs no JSON

    encoded = json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False)
    return encoded.translate(_C1)
