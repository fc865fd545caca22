"""The one model of everything `posdiff check` reports."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from enum import StrEnum
from typing import Any, Self


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Diagnostic(tuple[str, int, int, Severity, str, str, str]):
    """A problem in one file, at a 1-based line and column.

    `code` is a stable kebab-case identifier users can grep for and tests pin; `path` is
    where in the document the problem sits (e.g. ``positions[2].salience``).

    A tuple of its fields, written out by hand: `typing.NamedTuple` would make the class
    by running generated code (0.3 ms), and every command imports this one.
    """

    __slots__ = ()
    FIELDS = ("file", "line", "column", "severity", "code", "message", "path")

    def __new__(cls, file: str, line: int, column: int, severity: Severity, code: str,
                message: str, path: str = "") -> Self:
        return super().__new__(cls, (file, line, column, severity, code, message, path))

    def __getnewargs__(self) -> tuple[str, int, int, Severity, str, str, str]:
        return (*self,)  # what pickle hands back to __new__ (diagnostics cross processes)

    def __repr__(self) -> str:
        fields = zip(self.FIELDS, self, strict=True)
        shown = ", ".join(f"{name}={value!r}" for name, value in fields)
        return f"Diagnostic({shown})"

    @property
    def file(self) -> str:
        return self[0]

    @property
    def line(self) -> int:
        return self[1]

    @property
    def column(self) -> int:
        return self[2]

    @property
    def severity(self) -> Severity:
        return self[3]

    @property
    def code(self) -> str:
        return self[4]

    @property
    def message(self) -> str:
        return self[5]

    @property
    def path(self) -> str:
        return self[6]

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes`` (field names as keywords)."""
        if unknown := sorted(set(changes) - set(self.FIELDS)):
            raise TypeError(f"Diagnostic has no field {', '.join(unknown)}")
        fields = zip(self.FIELDS, self, strict=True)
        return type(self)(*(changes.get(name, value) for name, value in fields))


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
