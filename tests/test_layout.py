"""The layout rule: a table when every column has room for its longest word, else a stack
of records; never a word broken, never a trailing space."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager

from rich.cells import cell_len

from posdiff.render.console import COLOR, Color, make_console
from posdiff.render.formats import render_table
from posdiff.render.layout import needed_width, renderable, strip_trailing_space
from posdiff.reports.sheet import Cell, Column, Report, Sheet, Tidy

SHEET = Sheet("Title", [Column("Id", key=True), Column("Text", wide=1),
                        Column("N", numeric=True)],
              [[Cell("alpha-beta"), Cell("one two three extraordinarily"), Cell("12.5")]])


def printed(sheet: Sheet, width: int) -> str:
    out = io.StringIO()
    console = make_console(out, width=width)
    console.print(renderable(sheet, width))
    return strip_trailing_space(out.getvalue())


def test_the_needed_width_is_ids_and_numbers_whole_and_the_longest_word_of_text() -> None:
    # "alpha-beta" 10, "extraordinarily" 15, "12.5" 4, and 3 between each two columns
    assert needed_width(SHEET) == 10 + 15 + 4 + 2 * 3


def test_a_sheet_is_a_table_at_its_needed_width_and_a_stack_one_column_less() -> None:
    width = needed_width(SHEET)
    table = printed(SHEET, width)
    assert "────" in table and "Text:" not in table
    assert all(len(line) <= width for line in table.splitlines())
    stack = printed(SHEET, width - 1)
    assert stack.splitlines() == ["Title", "", "alpha-beta", "  Text: one two three",
                                  "        extraordinarily", "  N:    12.5", ""]


def test_a_wide_sheet_can_ask_to_stack_below_a_width() -> None:
    wide = Sheet(SHEET.title, SHEET.columns, SHEET.rows, table_from=200)
    assert "────" not in printed(wide, 120)
    assert "────" in printed(wide, 200)


def test_no_line_ends_in_a_space_even_before_a_colour_code() -> None:
    assert strip_trailing_space("a  \nb \x1b[0m\n") == "a\nb\x1b[0m\n"


def test_no_word_is_broken_when_short_text_columns_would_crowd_the_free_text() -> None:
    words = ["normalisation", "(2025-02-28)", "guarantees", "(inferred)"]
    sheet = Sheet("T", [Column("Issue", key=True), Column("A", wide=1), Column("B", wide=1),
                        Column("Gap", numeric=True), Column("Overlap"),
                        Column("Salience", numeric=True)],
                  [[Cell("security-guarantees"), Cell("100 Russian veto (2025-03-18)"),
                    Cell("10, nearest point: no normalisation before peace (2025-02-28)"),
                    Cell("90"), Cell("clash (inferred)"), Cell("60/30")],
                   [Cell("x"), Cell("guarantees"), Cell("y"), Cell("1"), Cell("—"),
                    Cell("1/1")]])
    width = needed_width(sheet)
    for columns in (width, width + 7, 120):
        table = printed(sheet, columns)
        assert "────" in table
        assert all(len(line) <= columns for line in table.splitlines())
        assert all(word in table.split() for word in words), table


def test_a_stack_line_of_wide_characters_folds_within_the_width() -> None:
    """A stack is printed as pre-wrapped lines; one that is wider on screen than its
    length says (CJK characters take two cells each) is folded, never left to overflow."""
    sheet = Sheet("T", [Column("Id", key=True), Column("Text", wide=1)],
                  [[Cell("id"), Cell("停火 " * 12 + "和平协议" * 6)], [Cell("x" * 50), Cell("y")]])
    stack = printed(sheet, 30)
    assert "Text:" in stack
    assert max(cell_len(line) for line in stack.splitlines()) <= 30
    assert "".join(stack.split()).count("停火") == 12  # nothing cut off
    assert "x" * 30 in stack and "x" * 20 in stack  # the long heading folds, whole


def test_a_stack_keeps_its_styles_on_a_terminal() -> None:
    out = io.StringIO()
    with color_choice("always"):
        console = make_console(out, width=20)
        console.print(renderable(Sheet("T", SHEET.columns, [[Cell("alpha", "red"), Cell("x y"),
                                                             Cell("1", "green")]]), 20))
    text = out.getvalue()
    assert "\x1b[1;31malpha" in text  # the heading bold, in its cell's colour
    assert "\x1b[2m  Text:" in text  # labels dim
    assert "\x1b[32m1" in text


@contextmanager
def color_choice(choice: Color) -> Iterator[None]:
    token = COLOR.set(choice)
    try:
        yield
    finally:
        COLOR.reset(token)


def test_no_line_ends_in_a_space_without_colour_either() -> None:
    assert strip_trailing_space("a  \nb\t\n  c \n\u00a0x\u00a0\n") == "a\nb\n  c\n\u00a0x\u00a0\n"


def test_the_longest_short_text_column_wraps_first_and_no_more_than_it_must() -> None:
    """Two short-text columns and too little room for both whole: the long one gives way,
    the short one ("too little data") stays on one line."""
    sheet = Sheet("Title", [Column("Id", key=True), Column("Verdict"), Column("Where")],
                  [[Cell("a"), Cell("too little data"),
                    Cell("somewhere along the upper reaches of the river")]])
    width = 1 + 3 + 15 + 3 + 30
    table = printed(sheet, width)
    assert "────" in table
    assert any("too little data" in line for line in table.splitlines()), table


def test_a_legend_never_breaks_between_a_mark_and_its_meaning() -> None:
    from posdiff.render.layout import wrapped

    legend = ("[inferred]: no quote states it; [red line]: a red line, [inferred red line]: "
              "one no quote states; … : the seed's text goes on; — : none (no overlap)")
    for width in range(24, 90):
        lines = wrapped(legend, width)
        assert " ".join(lines) == legend
        for line in lines:
            assert line.count("[") == line.count("]"), (width, line)
            assert not line.endswith((" :", "—", "…")), (width, line)
            assert not line.startswith((": ", "none")), (width, line)
            assert len(line) <= width, (width, line)


def test_a_mark_in_a_table_cell_is_never_split() -> None:
    sheet = Sheet("Title", [Column("Issue", key=True), Column("Position", wide=1),
                            Column("N", numeric=True)],
                  [[Cell("water-share"), Cell("60, nearest point: even split [red line] "
                                              "(2024-05-01) [voice: reported]"), Cell("90")]])
    for width in range(44, 90):
        for line in printed(sheet, width).splitlines():
            assert not line.rstrip().endswith(("[red", "[voice:")), (width, line)


def _rendered_in_colour(report: Report) -> str:
    out = io.StringIO()
    with color_choice("always"):
        render_table(report, out)
    return " ".join(re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue()).split())


def test_colours_on_words_and_counts_have_a_key_of_their_own() -> None:
    """A yellow count (parties' inferred entries), a yellow cycle (forecast), a green
    'no finding moved' (diff) were coloured with no key; only heat numbers had one."""
    columns = [Column("Name", key=True), Column("Inferred", numeric=True)]
    counted = Report([Sheet("Parties", columns, [[Cell("A"), Cell("3", "yellow")]])], {},
                     lambda: Tidy((), []), [Cell("No finding moved", "green")])
    assert "colour of other text: yellow: what asks a second look, green: what is fine" in \
        _rendered_in_colour(counted)
    heated = Report([Sheet("Gaps", columns, [[Cell("A"), Cell("75", "bold red")]], heat=True)],
                    {}, lambda: Tidy((), []))
    printed = _rendered_in_colour(heated)
    assert "colour of a number" in printed and "colour of other text" not in printed
    out = io.StringIO()
    render_table(counted, out)  # no colour, no key
    assert "colour of" not in out.getvalue()
