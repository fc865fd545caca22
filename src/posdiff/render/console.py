"""The terminal: consoles, made per command so that terminal width and colour are read
when it runs, and the progress of long work, drawn only for a person watching."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from contextvars import ContextVar
from functools import partial
from types import TracebackType
from typing import TYPE_CHECKING, Literal, TextIO

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

Color = Literal["auto", "always", "never"]
# The --color choice of the command being run (a context variable, not the environment:
# a test or an embedding program runs many commands in one process).
COLOR: ContextVar[Color] = ContextVar("posdiff_color", default="auto")
MAX_WIDTH = 1_000  # columns: wider than any screen, and every line stays small
DEFAULT_WIDTH = 80  # columns: rich's width for a pipe, and for a COLUMNS it cannot use


def usable_width(columns: int) -> int:
    """The width to print at for a terminal (or COLUMNS) of ``columns``: one of 0 or less
    counts as unset, one of billions is capped."""
    return min(columns, MAX_WIDTH) if columns > 0 else DEFAULT_WIDTH


def make_console(file: TextIO | None = None, width: int | None = None) -> Console:
    """A console that styles only a terminal, and never under NO_COLOR or --color never.

    NO_COLOR turns off every style, bold and dim included (rich alone keeps those);
    FORCE_COLOR or --color always style a pipe too. --color wins over both variables.
    """
    choice = COLOR.get()
    if choice == "auto":
        if os.environ.get("NO_COLOR"):
            choice = "never"
        elif os.environ.get("FORCE_COLOR"):
            choice = "always"
    from rich.console import Console  # here: setting --color must not load rich

    styles: dict[str, object] = {}
    if choice == "never":
        styles = {"color_system": None}
    elif choice == "always":
        styles = {"force_terminal": True}
    console = Console(file=file or sys.stdout, width=width, highlight=False, markup=False,
                      emoji=False, soft_wrap=False, **styles)  # type: ignore[arg-type]
    # COLUMNS is the user's to set: a width of billions would pad every line to it, and
    # one of 0 would print nothing at all, so it counts as unset, as a negative one does.
    console.width = usable_width(console.width)
    return console


# -- progress ----------------------------------------------------------------------

DELAY_SECONDS = 1.0  # a run shorter than this shows nothing


class TerminalProgress:
    """A callable ``progress(done, total)`` that redraws one line on stderr once the
    work has taken longer than DELAY_SECONDS, and never when stderr is not a terminal
    (a pipe, a file, CI logs); the line is cleared when the work ends. Work in stages
    draws on the same line, each stage under its own label (`stage`)."""

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.shown = False
        self.started = time.monotonic()
        self.last = 0.0
        self.drawn = label  # the label on the line now: another one erases what it leaves

    def __call__(self, done: int, total: int) -> None:
        self._draw(self.label, done, total)

    def stage(self, label: str) -> Callable[[int, int], None]:
        """A ``progress(done, total)`` for one stage of the work, drawn under ``label``."""
        return partial(self._draw, label)

    def _draw(self, label: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.started < DELAY_SECONDS or now - self.last < 0.1 or not self._terminal():
            return
        erase = "\x1b[K" if label != self.drawn else ""
        self.last, self.shown, self.drawn = now, True, label
        self.stream.write(f"\rposdiff: {label} {done:,} of {total:,}{erase}")
        self.stream.flush()

    def _terminal(self) -> bool:
        isatty = getattr(self.stream, "isatty", None)
        return bool(isatty and isatty())

    def __enter__(self) -> TerminalProgress:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")  # erase the line, so that only the result remains
            self.stream.flush()


# -- colour key --------------------------------------------------------------------

# What a colour means on a word (a clash, an outcome, a count), as (colour, words): the
# same sense as on a number, printed where the colour is.
WORD_KEY = (("red", "what stands in the way"), ("yellow", "what asks a second look"),
            ("green", "what is fine"))


def word_key(used: set[str], label: str = "colour of other text") -> Text:
    """The key to the colours of WORD_KEY ``used`` on a page, each in its colour."""
    from rich.text import Text  # here: setting --color must not load rich

    parts = [part for colour, words in WORD_KEY if colour in used
             for part in ((", ", "dim"), (f"{colour}: {words}", colour))]
    return Text.assemble((f"{label}: ", "dim"), *parts[1:])
