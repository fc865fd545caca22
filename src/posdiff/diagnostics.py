"""The one model of everything `posdiff check` reports."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from enum import StrEnum
from typing import NamedTuple


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Diagnostic(NamedTuple):
    """A problem in one file, at a 1-based line and column.

    `code` is a stable kebab-case identifier users can grep for and tests pin; `path` is
    where in the document the problem sits (e.g. ``positions[2].salience``).
    """

    file: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str
    path: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)


def error(file: str, line: int, column: int, code: str, message: str, path: str = "") -> Diagnostic:
    return Diagnostic(file, line, column, Severity.ERROR, code, bounded(message), path)


def warning(
    file: str, line: int, column: int, code: str, message: str, path: str = ""
) -> Diagnostic:
    return Diagnostic(file, line, column, Severity.WARNING, code, bounded(message), path)


LONGEST_WORD = 200  # characters of one word a message shows whole


def bounded(message: str) -> str:
    """``message`` with each word longer than LONGEST_WORD cut in the middle: a value of
    3,000 characters (an id, a label, a voice) is echoed by its ends, not in full."""
    if len(message) <= LONGEST_WORD:
        return message
    half = LONGEST_WORD // 2
    return re.sub(rf"\S{{{LONGEST_WORD + 1},}}", lambda long: f"{long[0][:half]}…{long[0][-half:]}",
                  message)


def count_by_severity(diagnostics: Iterable[Diagnostic]) -> dict[str, int]:
    counts = Counter(d.severity.value for d in diagnostics)
    return {severity.value: counts.get(severity.value, 0) for severity in Severity}
