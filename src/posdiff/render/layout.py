"""How a sheet fits the width it is printed at: as a table when every column gets room for
its longest word, otherwise as a stack of records (one block per row), never squeezed to a
letter a line."""

from __future__ import annotations

import re
import textwrap

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from posdiff.render.inert import inert, inert_line
from posdiff.reports.sheet import Column, Sheet

WIDE_MIN = 12  # the least a free-text column may shrink to before the layout changes
GAP = 3  # between two columns: a space of padding, the (blank) rule, a space of padding
INDENT = "  "
# Patterns are compiled by `re` when first used (its cache keeps them): most runs use none.
_TRAILING = r"(?m)[ \t]+((?:\x1b\[[0-9;]*m)*)$"


def needed_width(sheet: Sheet) -> int:
    """The narrowest table that wraps nothing but free text, and that only between words."""
    return sum(_least_widths(sheet)) + GAP * (len(sheet.columns) - 1)


def _least_widths(sheet: Sheet) -> list[int]:
    """Each column's least width: ids and numbers whole, free text its longest word."""
    widths = []
    for index, column in enumerate(sheet.columns):
        cells = [row[index].text for row in sheet.rows]
        heading = max((len(w) for w in column.name.split()), default=0)
        if _wraps(column):
            longest_word = max((len(w) for t in cells for w in t.split()), default=0)
            widths.append(max(WIDE_MIN if column.wide else 0, longest_word, heading))
        else:
            widths.append(max(max((len(t) for t in cells), default=0), heading))
    return widths


def _wraps(column: Column) -> bool:
    """Numbers and ids are never broken; other text may wrap between words."""
    return not (column.numeric or column.key)


def print_sheet(console: Console, sheet: Sheet) -> None:
    shown = renderable(sheet, console.width)
    # A stack's lines fit the width already (rich folds those that do not): cropping them
    # again would cost rich a pass over each line, 90,000 of them for 300 parties.
    console.print(shown, crop=not isinstance(shown, Stack))


def renderable(sheet: Sheet, width: int) -> RenderableType:
    if needed_width(sheet) <= width and width >= sheet.table_from and \
            _lines_a_row(sheet, _widths(sheet, width)) <= MOST_LINES:
        # The title apart: as a table's title it would wrap to the table's width.
        return Group(Text(inert(sheet.title), style="bold"), _table(sheet, width))
    return _stack(sheet, width)


# Rows of a table that take more lines than this each, on average, read better as a
# stack: the free text gets the width of the page instead of a few words a line.
MOST_LINES = 3.5


def _lines_a_row(sheet: Sheet, widths: list[int]) -> float:
    """The lines a row of the sheet takes at ``widths``, on average."""
    wide = [i for i, column in enumerate(sheet.columns) if column.wide]
    if not wide or not sheet.rows:
        return 1
    return sum(max(len(wrapped(row[i].text, widths[i])) for i in wide)
               for row in sheet.rows) / len(sheet.rows)


def _table(sheet: Sheet, width: int) -> Table:
    """The sheet as a table whose column widths are set here (see `_widths`), not by
    rich: rich squeezes free text below its longest word when space is tight."""
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, show_edge=False)
    widths = _widths(sheet, width)
    for column, each in zip(sheet.columns, widths, strict=True):
        table.add_column(inert(column.name), justify="right" if column.numeric else "left",
                         no_wrap=not _wraps(column), overflow="fold", width=each)
    breaks = [_wraps(column) for column in sheet.columns]
    for row in sheet.rows:
        # Wrapped here, as a stack and a legend are, so that no mark is split ("[red" /
        # "line]"); rich folds only a word longer than its column.
        table.add_row(*(Text("\n".join(wrapped(inert_line(cell.text), each)) if breaks_here
                             else inert_line(cell.text), style=cell.style)
                        for cell, each, breaks_here in zip(row, widths, breaks, strict=True)))
    return table


def _widths(sheet: Sheet, width: int) -> list[int]:
    """Each column's width in a table ``width`` wide: short text columns get their full
    width when that leaves room, else wrap between words too; the free-text columns share
    what is left by their ratios."""
    columns = sheet.columns
    least = _least_widths(sheet)
    full = [max([len(column.name), *(len(row[i].text) for row in sheet.rows)])
            for i, column in enumerate(columns)]
    fixed = [hi if not column.wide else 0 for column, hi in zip(columns, full, strict=True)]
    gaps = GAP * (len(columns) - 1)
    excess = sum(fixed) + sum(lo for c, lo in zip(columns, least, strict=True) if c.wide) + \
        gaps - width
    # Too wide: the longest short-text columns wrap first, each no more than it must, so
    # that a short one ("too little data") stays whole while a longer one can give way.
    for index in sorted((i for i, c in enumerate(columns) if not c.wide and _wraps(c)),
                        key=lambda i: -full[i]):
        if excess <= 0:
            break
        give = min(excess, full[index] - least[index])
        fixed[index] -= give
        excess -= give
    spare = width - gaps - sum(fixed) - sum(lo for c, lo in zip(columns, least, strict=True)
                                            if c.wide)
    ratios = sum(column.wide for column in columns)
    widths = [lo + spare * column.wide // ratios if column.wide else fixed[i]
              for i, (column, lo) in enumerate(zip(columns, least, strict=True))]
    if ratios:  # what integer division left over goes to the first free-text column
        first = next(i for i, column in enumerate(columns) if column.wide)
        widths[first] += width - gaps - sum(widths)
    return widths


def _stack(sheet: Sheet, width: int) -> Stack:
    """Each row as a block: its first cell as a heading, then one line a column, the value
    wrapped at word boundaries under itself."""
    lines: list[Line] = [((inert(sheet.title), "bold"),)]
    rest = sheet.columns[1:]
    label_width = max((len(c.name) for c in rest), default=0) + 2
    room = max(WIDE_MIN, width - len(INDENT) - label_width)
    for row in sheet.rows:
        lines.append(())
        lines.append(((inert(row[0].text), "bold " + row[0].style),))
        for column, cell in zip(rest, row[1:], strict=True):
            text = inert_line(cell.text)  # no tab or line break left: one that fits is a line
            parts = [text] if len(text) <= room else wrapped(text, room) or [""]
            for index, part in enumerate(parts):
                label = f"{inert(column.name) + ':':<{label_width}}" if not index else ""
                lines.append(((f"{INDENT}{label:<{label_width}}", "dim"), (part, cell.style)))
    lines.append(())  # the block's end, before a caption or the next sheet
    return Stack(lines)


Line = tuple[tuple[str, str], ...]  # (text, style name) pieces of one printed line


class Stack:
    """Lines already wrapped to the width, handed to rich as segments: the matrix of 100
    parties stacks into 10,204 lines, which rich took a second to wrap again as `Text`,
    and as segments takes a tenth of that. A line wider on screen than its length (wide
    characters) or than the console (a long unbroken word) is left to rich to fold."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        styles: dict[str, Style] = {}
        for line in self.lines:
            if sum(_cells(text) for text, _ in line) > options.max_width:
                folded = Text(overflow="fold")
                for text, style in line:
                    folded.append(text, style=style)
                yield folded
                continue
            for text, style in line:
                if style not in styles:
                    styles[style] = console.get_style(style, default="")
                yield Segment(text, styles[style])
            yield Segment.line()


def _cells(text: str) -> int:
    """The width of ``text`` on screen. A stack's text is inert (no control character is
    left), so ASCII is one cell a character: nearly always the case, and far quicker to
    tell than rich's measure."""
    return len(text) if text.isascii() else cell_len(text)


# A mark and what it means, kept on one line when text wraps: "[red line]", "— : none".
_MARK = r"\[[^\[\]]{1,60}\]|\S{1,3} : \S+"
_KEPT_SPACE = "\ue000"  # a space textwrap does not break at (a private-use character)


def wrapped(text: str, width: int) -> list[str]:
    """``text`` wrapped at ``width`` between words, never between a mark and its meaning
    ("[red" / "line]", "— :" / "none") when the mark fits the width; a word longer than
    the width is left whole (rich folds it)."""
    if len(text) <= width:  # most cells: nothing to wrap, no pattern to run
        return [text.strip()] if text.strip() else []  # as textwrap gives it
    if _KEPT_SPACE in text:  # the text's own character: marks are not kept, it is
        return textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False)
    kept = re.sub(_MARK, lambda mark: mark[0].replace(" ", _KEPT_SPACE) if len(mark[0]) <= width
                                  else mark[0], text)
    return [line.replace(_KEPT_SPACE, " ") for line in
            textwrap.wrap(kept, width, break_on_hyphens=False, break_long_words=False)]


def strip_trailing_space(printed: str) -> str:
    """Rich pads table lines to the full width; a reader, a diff and a log want none."""
    if "\x1b" not in printed:  # no colour codes: line by line, ten times the regex's pace
        return "\n".join(line.rstrip(" \t") for line in printed.split("\n"))
    return re.sub(_TRAILING, r"\1", printed)
