"""Markdown refilled to a width, so `posdiff docs` reads at 80 columns in a pipe.

Only prose moves: paragraphs and list items are refilled with the same words in the same
order, which Markdown renders the same. Code fences and headings are printed as written,
since refilling them would change what they say. A table wider than the width is printed
as a stack of records, one a row: its first cell, then each other cell after its
column's header; a table that fits is printed as written.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator

FENCE = "```"
PROSE_WIDTH = 100  # columns: on a wider terminal, prose stops here, where it still reads
LIST_ITEM = re.compile(r"(\s*)([-*+]|\d+\.)\s+")
TABLE_RULE = re.compile(r"^\|?(\s*:?-+:?\s*\|)+\s*(:?-+:?\s*)?$")  # |---|:--:|
CELL_EDGE = re.compile(r"(?<!\\)\|")  # a pipe that is not escaped


def refill(markdown: str, width: int) -> str:
    return "".join(f"{line}\n" for line in _lines(markdown.splitlines(), width))


def _lines(lines: list[str], width: int) -> Iterator[str]:
    paragraph: list[str] = []
    table: list[str] = []
    prefix = ""
    in_fence = False
    for line in lines:
        if table and not line.startswith("|"):
            yield from _table(table, width)
            table = []
        if in_fence or line.lstrip().startswith(FENCE):
            yield from _fill(paragraph, prefix, width)
            paragraph = []
            if line.lstrip().startswith(FENCE):
                in_fence = not in_fence
            yield line
        elif line.startswith("|"):
            yield from _fill(paragraph, prefix, width)
            paragraph = []
            table.append(line)
        elif not line.strip() or line.startswith("#"):
            yield from _fill(paragraph, prefix, width)
            paragraph = []
            yield line
        elif item := LIST_ITEM.match(line):
            yield from _fill(paragraph, prefix, width)
            prefix, paragraph = item.group(0), [line[item.end():]]
        else:
            if not paragraph:  # a paragraph of its own, indented as written (in a list item)
                prefix = line[: len(line) - len(line.lstrip())]
            paragraph.append(line)
    yield from _fill(paragraph, prefix, width)
    yield from _table(table, width)


def _table(lines: list[str], width: int) -> list[str]:
    """A table as written when it fits, else one record a row, a blank line between."""
    rows = [_cells(line) for line in lines if not TABLE_RULE.match(line)]
    if all(len(line) <= width for line in lines) or len(rows) < 2:
        return lines
    header, body = rows[0], rows[1:]
    out: list[str] = []
    for number, row in enumerate(body):
        out += [""] * (number > 0) + [row[0] if row else "", *(
            wrapped for name, cell in zip(header[1:], row[1:], strict=False) if cell
            for wrapped in textwrap.wrap(f"{name}: {cell}", width, initial_indent="  ",
                                         subsequent_indent="    ", break_long_words=False,
                                         break_on_hyphens=False))]
    return out


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [cell.strip() for cell in CELL_EDGE.split(inner)]


def _fill(paragraph: list[str], prefix: str, width: int) -> list[str]:
    if not paragraph:
        return []
    words = " ".join(line.strip() for line in paragraph)
    return textwrap.wrap(words, width, initial_indent=prefix,
                         subsequent_indent=" " * len(prefix),
                         break_long_words=False, break_on_hyphens=False)
