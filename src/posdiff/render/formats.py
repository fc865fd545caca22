"""The output formats of every result command, chosen from one registry."""

from __future__ import annotations

import csv
from collections.abc import Callable
from typing import TextIO

from rich import box
from rich.table import Table
from rich.text import Text

from posdiff.render.console import make_console
from posdiff.render.inert import inert, inert_cell, inert_json
from posdiff.render.sheet import Report, Sheet


def render_table(report: Report, out: TextIO) -> None:
    console = make_console(out)
    for sheet in report.sheets:
        console.print(_rich_table(sheet))
        if sheet.caption:  # below the table, not squeezed to its width
            console.print(Text(inert(sheet.caption), style="dim"))
    for note in report.notes:
        console.print(Text(inert(note.text), style=note.style))


def _rich_table(sheet: Sheet) -> Table:
    # Free-text columns share the terminal width by their ratios; that needs expand.
    table = Table(title=inert(sheet.title), box=box.SIMPLE_HEAD, title_justify="left",
                  expand=any(column.wide for column in sheet.columns),
                  title_style="bold", header_style="bold", pad_edge=False)
    for column in sheet.columns:
        table.add_column(inert(column.name), justify="right" if column.numeric else "left",
                         no_wrap=column.numeric or column.key, overflow="fold",
                         ratio=column.wide or None)
    for row in sheet.rows:
        table.add_row(*(Text(inert(cell.text), style=cell.style) for cell in row))
    return table


def _markdown_cell(text: str) -> str:
    return inert(text).replace("\\", "\\\\").replace("|", "\\|")


def render_markdown(report: Report, out: TextIO) -> None:
    for sheet in report.sheets:
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
    """The first sheet only: CSV holds one table."""
    writer = csv.writer(out, lineterminator="\n")
    if not report.sheets:
        return
    sheet = report.sheets[0]
    writer.writerow([inert_cell(c.name) for c in sheet.columns])
    for row in sheet.rows:
        writer.writerow([inert_cell(cell.raw) for cell in row])


def render_json(report: Report, out: TextIO) -> None:
    out.write(inert_json(report.data) + "\n")


RESULT_FORMATS: dict[str, Callable[[Report, TextIO], None]] = {
    "table": render_table,
    "json": render_json,
    "csv": render_csv,
    "markdown": render_markdown,
}
