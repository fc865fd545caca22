"""A renderer-neutral result: tables of cells, closing notes, and a JSON document.

Views build a `Report`; the formats in `render.formats` turn it into a rich table,
Markdown, CSV or JSON. Styles are names only, so views never touch rich.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Cell:
    text: str
    style: str = ""
    value: Any = None  # the machine value for CSV, when it differs from the text

    @property
    def raw(self) -> Any:
        return self.text if self.value is None else self.value


@dataclass(frozen=True)
class Column:
    name: str
    numeric: bool = False
    wide: int = 0  # free text: its share of the spare width (0: only what it needs)
    key: bool = False  # an identifier: never wrapped


@dataclass
class Sheet:
    title: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    caption: str = ""


@dataclass
class Report:
    """What a command found: ``sheets`` (the first is the one CSV exports), ``notes``
    (summary lines shown after the tables) and ``data`` (the JSON document)."""

    sheets: list[Sheet]
    data: dict[str, Any]
    notes: list[Cell] = field(default_factory=list)


def number(value: float | None, places: int = 1) -> str:
    if value is None:
        return "—"
    text = f"{value:.{places}f}"
    return text[: -places - 1] if text.endswith("." + "0" * places) else text


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
