"""Markdown refilled to a width, so `posdiff docs` reads at 80 columns in a pipe.

Only prose moves: paragraphs and list items are refilled with the same words in the same
order, which Markdown renders the same. Code fences, tables and headings are printed as
written, since refilling them would change what they say.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator

FENCE = "```"
PROSE_WIDTH = 100  # columns: on a wider terminal, prose stops here, where it still reads
LIST_ITEM = re.compile(r"(\s*)([-*+]|\d+\.)\s+")


def refill(markdown: str, width: int) -> str:
    return "".join(f"{line}\n" for line in _lines(markdown.splitlines(), width))


def _lines(lines: list[str], width: int) -> Iterator[str]:
    paragraph: list[str] = []
    prefix = ""
    in_fence = False
    for line in lines:
        if in_fence or line.lstrip().startswith(FENCE):
            yield from _fill(paragraph, prefix, width)
            paragraph = []
            if line.lstrip().startswith(FENCE):
                in_fence = not in_fence
            yield line
        elif not line.strip() or line.startswith(("#", "|")):
            yield from _fill(paragraph, prefix, width)
            paragraph = []
            yield line
        elif item := LIST_ITEM.match(line):
            yield from _fill(paragraph, prefix, width)
            prefix, paragraph = item.group(0), [line[item.end():]]
        else:
            if not paragraph:
                prefix = ""
            paragraph.append(line)
    yield from _fill(paragraph, prefix, width)


def _fill(paragraph: list[str], prefix: str, width: int) -> list[str]:
    if not paragraph:
        return []
    words = " ".join(line.strip() for line in paragraph)
    return textwrap.wrap(words, width, initial_indent=prefix,
                         subsequent_indent=" " * len(prefix),
                         break_long_words=False, break_on_hyphens=False)
