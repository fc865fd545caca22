"""Consoles are made per command, so terminal width and colour are read when it runs."""

from __future__ import annotations

import sys
from typing import TextIO

from rich.console import Console


def make_console(file: TextIO | None = None, width: int | None = None) -> Console:
    # rich already turns colour off for NO_COLOR and for anything that is not a terminal.
    return Console(file=file or sys.stdout, width=width, highlight=False, markup=False,
                   emoji=False, soft_wrap=False)
