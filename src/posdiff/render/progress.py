"""Progress of a long computation, on stderr, only for a person watching a terminal."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from functools import partial
from types import TracebackType
from typing import TextIO

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
