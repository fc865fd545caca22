"""Consoles are made per command, so terminal width and colour are read when it runs."""

from __future__ import annotations

import os
import sys
from contextvars import ContextVar
from typing import TYPE_CHECKING, Literal, TextIO

if TYPE_CHECKING:
    from rich.console import Console

Color = Literal["auto", "always", "never"]
# The --color choice of the command being run (a context variable, not the environment:
# a test or an embedding program runs many commands in one process).
COLOR: ContextVar[Color] = ContextVar("posdiff_color", default="auto")
MAX_WIDTH = 1_000  # columns: wider than any screen, and every line stays small
DEFAULT_WIDTH = 80  # columns: rich's width for a pipe, and for a COLUMNS it cannot use


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
    console.width = min(console.width, MAX_WIDTH) if console.width > 0 else DEFAULT_WIDTH
    return console
