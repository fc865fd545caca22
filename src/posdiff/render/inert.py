"""Text from the record reaches the terminal as text, never as control sequences."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and C1 controls (0x9b alone starts a CSI).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def inert(text: str) -> str:
    """Replace control characters with a visible escape such as ``\\x1b``."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def inert_json(encoded: str) -> str:
    """JSON leaves DEL and C1 controls raw; escape them so a terminal never acts on them."""
    return re.sub(r"[\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", encoded)
