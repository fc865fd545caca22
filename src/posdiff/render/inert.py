"""Text from the record reaches the output as text: never a control sequence, never a
line of its own, never a spreadsheet formula."""

from __future__ import annotations

import re
from typing import Any

# Every C0 control (tab, newline and carriage return included: a value's own line break
# could start a forged `::error` or `ok:` line), DEL, C1 controls (0x9b alone starts a
# CSI) and the Unicode line and paragraph separators.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}

# What spreadsheets read as the start of a formula (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100
                                else f"\\u{ord(char):04x}")


def inert(text: str) -> str:
    """Replace control characters with a visible escape such as ``\\n`` or ``\\x1b``, so
    that a value stays on the line it is printed in."""
    return _CONTROL.sub(_escape, text)


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
    return re.sub(r"[\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", encoded)
