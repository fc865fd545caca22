"""A renderer-neutral result: tables of cells, closing notes, and a JSON document.

Views build a `Report`; the formats in `render.formats` turn it into a rich table,
Markdown, CSV or JSON. Styles are names only, so views never touch rich.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from posdiff.plain import Frozen, Plain


class Cell(Frozen):
    __slots__ = ("text", "style")

    def __init__(self, text: str, style: str = "") -> None:
        self.text = text
        self.style = style


class Column(Frozen):
    __slots__ = ("name", "numeric", "wide", "key")

    def __init__(self, name: str, numeric: bool = False, wide: int = 0,
                 key: bool = False) -> None:
        self.name = name
        self.numeric = numeric
        self.wide = wide  # free text: its share of the spare width (0: only what it needs)
        self.key = key  # an identifier: never wrapped


class Sheet(Plain):
    __slots__ = ("title", "columns", "rows", "caption", "table_from", "heat")

    def __init__(self, title: str, columns: list[Column], rows: list[list[Cell]] | None = None,
                 caption: str = "", table_from: int = 0, heat: bool = False) -> None:
        self.title = title
        self.columns = columns
        self.rows: list[list[Cell]] = [] if rows is None else rows
        self.caption = caption
        # Below this width the sheet reads better as a stack of records even if a table
        # would fit: long passages in a narrow column wrap every few words.
        self.table_from = table_from
        # Whether numbers are coloured by how far apart they say parties are
        # (`wording.heat`): where colour is shown, so is its key.
        self.heat = heat


class Tidy(Plain):
    """Rows for CSV: one per observation, each a mapping of exactly ``fields``. Values are
    plain: numbers, text, booleans, dates, lists of ids, or None for a missing value."""

    __slots__ = ("fields", "rows")

    def __init__(self, fields: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
        self.fields = fields
        self.rows = rows


class Report(Plain):
    """What a command found: ``sheets`` (tables for people), ``notes`` (summary lines shown
    after them), ``data`` (the JSON document) and ``tidy``, which makes the CSV rows when
    CSV is asked for (a table needs none, nor the modules that make them)."""

    __slots__ = ("sheets", "data", "tidy", "notes")

    def __init__(self, sheets: list[Sheet], data: dict[str, Any], tidy: Callable[[], Tidy],
                 notes: list[Cell] | None = None) -> None:
        self.sheets = sheets
        self.data = data
        self.tidy = tidy
        self.notes: list[Cell] = [] if notes is None else notes


def number(value: float | None, places: int = 1) -> str:
    if value is None:
        return "—"
    text = f"{value:.{places}f}"
    return text[: -places - 1] if text.endswith("." + "0" * places) else text


def signed(value: float | None) -> str:
    """'+3.5', '-12', '+0' (never '-0'): a change to the tables' one decimal."""
    return "—" if value is None else f"{round(value, 1) + 0.0:+g}"


def shown_change(before: float | None, after: float | None) -> str:
    """``after - before`` as a table shows the two, each to one decimal, so that a change
    never disagrees with the numbers printed beside it (86.34 -> 86.46 is shown 86.3 ->
    86.5, +0.2, where the exact change rounds to +0.1)."""
    return "—" if before is None or after is None else signed(round(after, 1) - round(before, 1))


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
