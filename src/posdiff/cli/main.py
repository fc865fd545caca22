"""The entry point: every command in the order `posdiff --help` lists them, and a run
that imports and builds only the command it runs."""

from __future__ import annotations

import copy
import errno
import os
import sys
from functools import cache

import typer

from posdiff.cli.root import OUTPUT_ERROR, Command, bare, drop_output, output_failed, tell

# Each command and the module of posdiff.cli that holds it (a function of the same name;
# `export` is a group of commands), in the order help lists them.
COMMANDS = (("check", "check"), ("schema", "reference"), ("init", "init"),
            ("docs", "reference"), ("compare", "analysis"), ("matrix", "analysis"),
            ("compromise", "analysis"), ("parties", "analysis"), ("issues", "analysis"),
            ("coverage", "analysis"), ("changes", "analysis"), ("diff", "history"),
            ("trend", "history"), ("seeds", "check"), ("show", "analysis"),
            ("forecast", "forecast"), ("export", "forecast"), ("brief", "brief"))
GROUPS = {"export": "export_app"}


def main() -> None:
    """Console-script entry point. Typer (click) already turns Ctrl-C and a closed pipe
    (`posdiff ... | head`) into a quiet exit; `--help` and `--version`, printed before any
    command runs, have their output flushed here."""
    if sys.stderr is None:  # started with stderr closed (`2>&-`): messages go nowhere,
        # and a closed pipe on stdout still ends with exit 1 (click's wrapper of a missing
        # stderr failed at exit, and Python ended with 120)
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the run
    if sys.stdout is None:  # started with its standard output closed (`>&-`)
        tell("posdiff: standard output is closed; nothing could be printed")
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
        # A usage error told on a stderr whose reader left: its exit code still stands.
        raise SystemExit(getattr(exc.__context__, "exit_code", 1)) from None


def app_for(args: list[str]) -> typer.Typer:
    """The app with only the command that ``args`` run, whose module alone is imported:
    typer builds the parser of every registered command at each start (a tenth of a cold
    `compare`), and a run uses one. Help on the whole app, shell completion, and anything
    that does not start with a command name get the whole app."""
    name = next((arg for arg in args if not arg.startswith("-")), None)
    if name is None or name not in dict(COMMANDS) or any(
            key.endswith("_COMPLETE") for key in os.environ):
        return whole()
    return _with({name})


@cache
def whole() -> typer.Typer:
    """The app with every command."""
    return _with(set(dict(COMMANDS)))


def _with(names: set[str]) -> typer.Typer:
    built = copy.copy(bare)
    built.registered_commands, built.registered_groups = [], []
    for name, module in COMMANDS:
        if name in names:
            # The import statement's own path (not importlib's), which `python -X
            # importtime` times: the benchmark's figure of posdiff's import time counts it.
            __import__(f"posdiff.cli.{module}")
            held = sys.modules[f"posdiff.cli.{module}"]
            if name in GROUPS:
                built.add_typer(getattr(held, GROUPS[name]), name=name)
            else:
                built.command(cls=Command)(getattr(held, name))
    return built
