"""The output formats of every result command, chosen from one registry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import StrEnum
from typing import Any, TextIO

from posdiff.render.console import WORD_KEY, word_key
from posdiff.render.inert import inert, inert_cell, inert_json, inert_line
from posdiff.reports.sheet import Report, Sheet
from posdiff.reports.wording import HEAT_KEY


def render_table(report: Report, out: TextIO) -> None:
    # rich is imported here: the other formats (and so a script's run) never load it.
    from rich.text import Text

    from posdiff.render.console import make_console
    from posdiff.render.layout import print_sheet, strip_trailing_space, wrapped

    console = make_console(out)
    with console.capture() as captured:
        for sheet in _shown_sheets(report):
            print_sheet(console, sheet)
            if sheet.caption:  # below the table, not squeezed to its width
                for line in wrapped(inert(sheet.caption), console.width):
                    console.print(Text(line, style="dim"))
            if sheet.heat and console.color_system:  # a key where colour is shown
                parts = [part for style, words in HEAT_KEY
                         for part in ((", ", "dim"), (words, style))]
                console.print(Text.assemble(("colour of a number: ", "dim"), *parts[1:]))
            console.print()
        for note in report.notes:
            console.print(Text(inert(note.text), style=note.style))
        if console.color_system and (used := _word_colours(report)):  # a key where shown
            console.print(word_key(used))
    out.write(strip_trailing_space(captured.get()))


def _word_colours(report: Report) -> set[str]:
    """The colours of WORD_KEY that a page prints other than on the numbers of a heat
    column, which have a key of their own."""
    cells = [cell for sheet in _shown_sheets(report) for row in sheet.rows
             for column, cell in zip(sheet.columns, row, strict=False)
             if not (sheet.heat and column.numeric)]
    return {colour for cell in [*cells, *report.notes]
            for colour, _ in WORD_KEY if colour in cell.style.split()}


def _markdown_cell(text: str) -> str:
    return inert_line(text).replace("\\", "\\\\").replace("|", "\\|")


def _shown_sheets(report: Report) -> list[Sheet]:
    """The sheets a page shows: a sheet with no row is left out (its header and legend
    would explain nothing) when the notes say what there is, or another sheet does."""
    full = [sheet for sheet in report.sheets if sheet.rows]
    return full if full or report.notes else report.sheets


def render_markdown(report: Report, out: TextIO) -> None:
    for sheet in _shown_sheets(report):
        out.write(f"### {_markdown_cell(sheet.title)}\n\n")
        out.write("| " + " | ".join(_markdown_cell(c.name) for c in sheet.columns) + " |\n")
        out.write("|" + "|".join("---:" if c.numeric else "---" for c in sheet.columns) + "|\n")
        for row in sheet.rows:
            out.write("| " + " | ".join(_markdown_cell(cell.text) for cell in row) + " |\n")
        if sheet.caption:
            out.write(f"\n{_markdown_cell(sheet.caption)}\n")
        out.write("\n")
    for note in report.notes:
        out.write(f"- {_markdown_cell(note.text)}\n")


def render_csv(report: Report, out: TextIO) -> None:
    """The tidy rows: a header of field ids, then one line per observation."""
    import csv  # here: a table (most runs) needs no CSV

    tidy = report.tidy()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(tidy.fields)
    for row in tidy.rows:
        writer.writerow([csv_value(row[name]) for name in tidy.fields])


def csv_value(value: Any) -> str:
    """Plain text for a cell: empty for missing, true/false, ISO dates, numbers rounded to
    2 decimals without a trailing .0, lists of ids joined with ';'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):  # fixed-point, never 1.2e+07: spreadsheets read it as is
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        return "0" if text == "-0" else text
    if isinstance(value, (dt.date, StrEnum)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return ";".join(csv_value(item) for item in value)
    return str(inert_cell(str(value)))


def render_json(report: Report, out: TextIO) -> None:
    out.write(inert_json(report.data) + "\n")


RESULT_FORMATS: dict[str, Callable[[Report, TextIO], None]] = {
    "table": render_table,
    "json": render_json,
    "csv": render_csv,
    "markdown": render_markdown,
}
