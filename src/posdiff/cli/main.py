"""The entry point: every command registered in the order `posdiff --help` lists them,
and a run that builds only the command it runs."""

from __future__ import annotations

import copy
import errno
import os
import sys

import typer

from posdiff.cli import analysis, brief, check, forecast, history, init, reference
from posdiff.cli.app import OUTPUT_ERROR, Command, app, drop_output, output_failed

for command in (check.check, reference.schema, init.init, reference.docs, analysis.compare,
                analysis.matrix, analysis.compromise, analysis.parties, analysis.issues,
                analysis.coverage, analysis.changes, history.diff, history.trend, check.seeds,
                analysis.show, forecast.forecast):
    app.command(cls=Command)(command)
app.add_typer(forecast.export_app, name="export")
app.command(cls=Command)(brief.brief)


def main() -> None:
    """Console-script entry point. Typer (click) already turns Ctrl-C and a closed pipe
    (`posdiff ... | head`) into a quiet exit; `--help` and `--version`, printed before any
    command runs, have their output flushed here."""
    if sys.stdout is None:  # started with its standard output closed (`>&-`)
        typer.echo("posdiff: standard output is closed; nothing could be printed", err=True)
        raise SystemExit(OUTPUT_ERROR)
    try:
        try:
            app_for(sys.argv[1:])()
        finally:
            if sys.stdout is not None:
                sys.stdout.flush()
    except OSError as exc:  # only writing can fail here: every read is a diagnostic
        if exc.errno != errno.EPIPE:
            raise SystemExit(output_failed(exc)) from None
        drop_output()  # the reader left: nothing more to say, as during a command
        raise SystemExit(1) from None


def app_for(args: list[str]) -> typer.Typer:
    """The app with only the command that ``args`` run: typer builds the parser of every
    registered command at each start (a tenth of a cold `compare`), and a run uses one.
    Help on the whole app, shell completion, and anything that does not start with a
    command name get the whole app."""
    name = next((arg for arg in args if not arg.startswith("-")), None)
    if name is None or any(key.endswith("_COMPLETE") for key in os.environ):
        return app
    only = copy.copy(app)
    only.registered_commands = [command for command in app.registered_commands
                                if _command_name(command) == name]
    only.registered_groups = [group for group in app.registered_groups if group.name == name]
    return only if only.registered_commands or only.registered_groups else app


def _command_name(command: typer.models.CommandInfo) -> str:
    """The name typer gives a registered command: its own, or its function's."""
    function = command.callback.__name__ if command.callback else ""
    return command.name or typer.main.get_command_name(function)
