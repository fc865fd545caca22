"""The command line: the only place that knows of flags, terminals and exit codes. One
module per command group; `main` registers them."""

from posdiff.cli.app import INTERNAL_ERROR, app
from posdiff.cli.main import app_for, main

__all__ = ["INTERNAL_ERROR", "app", "app_for", "main"]
