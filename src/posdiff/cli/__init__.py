"""The command line: the only place that knows of flags, terminals and exit codes. One
module per command group; `main` registers them, importing only the one a run needs."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

# A run loads a few hundred modules (posdiff's, typer's, rich's), whose objects live as
# long as it does and hold few cycles. At Python's default of a collection every 700
# allocations, the cycle collector walked them 52 times in a cold `compare` (11 ms of it,
# and an eighth of posdiff's own import time); every 50,000, not once. Cyclic garbage
# waits at most that long. Set here, before the command line's first import; posdiff's
# Python API (`import posdiff`) leaves the thresholds as it finds them.
GC_THRESHOLD = 50_000
gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])

from posdiff.cli.main import app_for, main  # noqa: E402 - after the collector is set
from posdiff.cli.root import INTERNAL_ERROR  # noqa: E402

if TYPE_CHECKING:
    import typer

    app: typer.Typer  # the app with every command: see __getattr__

__all__ = ["INTERNAL_ERROR", "app", "app_for", "main"]


def __getattr__(name: str) -> typer.Typer:
    """``app``, the whole app, is built when first asked for (tests and tools ask; a run
    builds only its command)."""
    if name == "app":
        from posdiff.cli.main import whole

        return whole()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
