"""The command line: the only place that knows of flags, terminals and exit codes. One
module per command group; `main` registers them, importing only the one a run needs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from posdiff.cli.main import app_for, main
from posdiff.cli.root import INTERNAL_ERROR

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
