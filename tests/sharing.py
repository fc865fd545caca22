"""Forcing how posdiff shares its work out, for the tests and the fuzzer that compare
shared work with work done in one process."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from posdiff.record import check, parties, workers


@contextmanager
def processes(count: int) -> Iterator[None]:
    """Party files and quotes in ``count`` processes however small the record (1: all
    of it in this one); as it was afterwards."""
    saved = workers._cores, parties.SHARE_BYTES, check.SHARE_QUOTES
    workers._cores, parties.SHARE_BYTES, check.SHARE_QUOTES = lambda: count, 1, 1
    try:
        yield
    finally:
        workers._cores, parties.SHARE_BYTES, check.SHARE_QUOTES = saved
