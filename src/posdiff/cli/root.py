"""The root of the command line: the Typer app with its global options and no command,
and the one boundary where the project's errors become a message and an exit code (and
anything else a one-line internal error).

Each command is a short function in the module of its group (check, analysis, forecast,
brief, init, reference): it parses options, calls the core, picks a report and emits it.
Core modules are imported inside the commands, so that each loads only what it needs
(start-up time is most of a posdiff run).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import sys
from collections.abc import Iterator
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from posdiff import diagnostics
from posdiff.errors import (
    InvalidRecord,
    NotAFolder,
    OutputError,
    PosdiffError,
    UnknownName,
)
from posdiff.render.console import Color
from posdiff.render.inert import inert
from posdiff.words import SHOWN_CHARS, printable, printable_text

INTERNAL_ERROR = 70  # EX_SOFTWARE (sysexits.h): a bug in posdiff, never the user's input

# Click's own errors (usage, bad parameter) pass through to click; typer 0.28 vendors
# click, older typers use the click package, so the class is found where typer has it.
_CLICK_ERROR: type[Exception] = next(
    cls for cls in typer.BadParameter.__mro__ if cls.__name__ == "ClickException")
_USAGE_ERROR: type[Exception] = next(
    cls for cls in typer.BadParameter.__mro__ if cls.__name__ == "UsageError")
_DEBUG = "posdiff.debug"


_KEPT_HYPHEN = "\u2011"  # a non-breaking hyphen: textwrap breaks lines at "-" only


@contextlib.contextmanager
def _hyphens_kept(formatter: Any) -> Iterator[None]:
    """Help wrapped between words only: click's wrapping breaks `--from-csv`,
    `[default: median-repeat]` and YYYY-MM-DD at a hyphen, which reads (and is copied) as
    two words. The wrapping function of the click that made ``formatter`` is swapped for
    the time of one help page."""
    formatting: Any = sys.modules[type(formatter).__module__]
    wrap = formatting.wrap_text

    def whole_words(text: str, *args: Any, **named: Any) -> str:
        return str(wrap(text.replace("-", _KEPT_HYPHEN), *args, **named)).replace(
            _KEPT_HYPHEN, "-")

    formatting.wrap_text = whole_words
    try:
        yield
    finally:
        formatting.wrap_text = wrap


class Command(TyperCommand):
    """A command whose usage line reads as Typer users expect (`compare A B`, `show PARTY`),
    not with the braces typer 0.28 puts round a required argument (`{A} {B}`), and whose
    help breaks lines between words only."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [re.sub(r"^\{(.*)\}$", r"\1", piece)
                for piece in super().collect_usage_pieces(ctx)]

    def format_help(self, ctx: Any, formatter: Any) -> None:
        with _hyphens_kept(formatter):
            super().format_help(ctx, formatter)


class Group(TyperGroup):
    """A group of commands whose help breaks lines between words only."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        with _hyphens_kept(formatter):
            super().format_help(ctx, formatter)


class _Group(Group):
    """The one boundary where the project's errors become a message and an exit code,
    and the last line of defence against everything else."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # Not while the shell completes a command line, where a word may well be empty.
        if not ctx.resilient_parsing and (empty := _empty_argument(args)) is not None:
            raise bounded(_USAGE_ERROR(empty, ctx))
        try:
            return super().parse_args(ctx, global_options_first(args, ctx))
        except _CLICK_ERROR as exc:
            raise bounded(self._before_the_command(exc, ctx, args)) from None

    def _before_the_command(self, exc: Exception, ctx: Any, args: list[str]) -> Exception:
        """An option of a command given before the command's name (`posdiff --record DIR
        check`) is refused with where it goes, not matched against the app's own options
        ('did you mean --color?')."""
        given = str(getattr(exc, "option_name", ""))
        if type(exc).__name__ != "NoSuchOption" or not given:
            return exc
        owners = {name for name, command in _commands(self)
                  if any(given in param.opts for param in command.params)}
        if not owners:
            return exc
        named = _command_named(self, args)
        if named in owners:
            return _USAGE_ERROR(f"{given} is an option of {named} and goes after its name: "
                                f"posdiff {named} {given} ...", ctx)
        if named:
            return _USAGE_ERROR(f"{given} is not an option of {named}; it is one of "
                                f"{', '.join(sorted(owners))}", ctx)
        return _USAGE_ERROR(f"{given} is an option of a command and goes after its name: "
                            f"posdiff COMMAND {given} ...", ctx)


    def invoke(self, ctx: Any) -> Any:  # typer's Context, whichever click it wraps
        _escape_unencodable_output()
        try:
            return super().invoke(ctx)
        except PosdiffError as exc:
            message, hint, code = _said(exc, ctx.invoked_subcommand)
            tell(f"posdiff: {diagnostics.bounded(message)}")  # a value of 5,000 digits: its ends
            for line in _errors_shown(exc):
                tell(line, "  ")
            if hint:
                tell(hint)
            ctx.exit(code)
        except (typer.Exit, typer.Abort):
            raise
        except _CLICK_ERROR as exc:
            raise bounded(exc) from None
        except OSError as exc:
            if exc.errno == errno.EPIPE:  # `posdiff ... | head`: click exits quietly
                raise
            if exc.errno in _OUTPUT_ERRNOS:  # the record's files are read as diagnostics
                ctx.exit(output_failed(exc))
            _internal_error(ctx, exc)
        except Exception as exc:
            _internal_error(ctx, exc)


def _commands(group: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Every command of ``group`` by its full name ('export ktab'), groups opened."""
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _commands(command, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}", command


def _command_named(group: Any, args: list[str]) -> str | None:
    """The command ``args`` name ('export ktab' for a group's), if any."""
    words: list[str] = []
    for arg in args:
        if not hasattr(group, "commands"):
            break
        if arg in group.commands:
            words.append(arg)
            group = group.commands[arg]
    return " ".join(words) or None

# The app's own options, which a user may give after the command too (`posdiff matrix
# --color always`): those that take a value, and those that do not.
GLOBAL_VALUED = {"--color": "auto, always or never"}  # each with the values it takes
GLOBAL_FLAGS = frozenset({"--debug", "--version", "--install-completion",
                          "--show-completion"})


def global_options_first(args: list[str], ctx: Any = None) -> list[str]:
    """``args`` with the app's own options moved before the command, wherever they were
    given (`--` ends the options: nothing after it moves). A flag given a value
    (``--debug=1``) moves too, for click to refuse the value."""
    front: list[str] = []
    rest: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest += args[index:]
            break
        name = arg.split("=", 1)[0]
        if name in GLOBAL_VALUED:
            taken = 1 if "=" in arg else 2
            if index + taken > len(args):  # moved alone, it would take the command's name
                raise _USAGE_ERROR(f"Option '{name}' needs a value: {GLOBAL_VALUED[name]}.",
                                   ctx)
            front += args[index:index + taken]
            index += taken
            continue
        (front if name in GLOBAL_FLAGS else rest).append(arg)
        index += 1
    return front + rest


# Patterns, not compiled ones: `re` compiles them on the first error, not at each start.
_SURROGATE = r"\\udc([89a-f][0-9a-f])"
_LONG_VALUE = (r"'([^']{" + str(SHOWN_CHARS + 1) + r",})'|\S{"
               + str(SHOWN_CHARS + 1) + r",}")


_UNCOUNTED = r"argument\(s\) \((.*)\)"


def _empty_argument(args: list[str]) -> str | None:
    """What is wrong with the first empty argument, if any. posdiff takes no empty value,
    and an unset shell variable gives one (`--record "$DIR"`): typer reads an empty path
    as the current folder, so `posdiff init ""` wrote a record there."""
    for index, arg in enumerate(args):
        if arg == "":
            after = f" after {args[index - 1]}" if index else ""
            return (f"an empty argument{after} (an unset shell variable?): give a value, or "
                    "leave it out")
        if arg.startswith("--") and arg.endswith("=") and "=" not in arg[:-1]:
            return (f"{arg} has an empty value (an unset shell variable?): give one, or "
                    "leave the option out")
    return None


def bounded(exc: Exception) -> Exception:
    """A click error whose message quotes what the user typed, with each long value cut
    in the middle and bytes that were not UTF-8 shown as \\xNN, as posdiff's own
    messages do (a 10,000-character --format value was echoed whole)."""
    message = getattr(exc, "message", None)
    if type(exc).__name__ == "NoSuchOption":  # click suggests the command's options only
        given = str(getattr(exc, "option_name", ""))
        suggested = getattr(exc, "possibilities", None) or ()
        known = [*suggested, *GLOBAL_VALUED, *GLOBAL_FLAGS]
        from difflib import get_close_matches  # here: an unknown option is rare

        meant = get_close_matches(given, known, n=1)
        message = f"No such option: {given}" + (f"; did you mean {meant[0]}?" if meant else "")
        exc.possibilities = None  # type: ignore[attr-defined]  # said above, once
    uncounted = re.search(_UNCOUNTED, message) if isinstance(message, str) else None
    if uncounted and isinstance(message, str):  # typer's extra arguments, uncounted
        said = "argument" if len(uncounted[1].split()) == 1 else "arguments"
        message = message.replace(uncounted[0], f"{said} ({uncounted[1]})")
    if isinstance(message, str):
        # click quotes a value with repr(), which spells an undecodable byte \udcff
        text = re.sub(_SURROGATE, r"\\x\1", printable_text(message))
        shown = re.sub(_LONG_VALUE, lambda m: f"'{printable(m.group(1))}'" if m.group(1)
                                  else printable(m.group()), text)
        exc.message = shown  # type: ignore[attr-defined]
    return exc


def tell(text: str, indent: str = "") -> None:
    """Say ``text`` on stderr, made inert: a message is one line, whatever it quotes, so
    that no value can start a line of its own (a forged `::error::`, say) and each
    message is found whole by grep. On a terminal, where a person reads it, it is
    wrapped between words at the terminal's width, each line after the first indented.
    When stderr cannot take it (closed by a reader that left, a full disk), the message
    is lost but not the exit code, which still says how the run ended."""
    said = indent + inert(text)
    try:
        if sys.stderr is not None and sys.stderr.isatty():
            said = _at_terminal_width(said, indent)
        typer.echo(said, err=True)
    except OSError:
        drop_output(2)


def _at_terminal_width(line: str, indent: str) -> str:
    import shutil
    import textwrap

    from posdiff.render.console import DEFAULT_WIDTH, usable_width

    width = usable_width(shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)
    return "\n".join(textwrap.wrap(line, width, subsequent_indent=indent + "  ",
                                   break_long_words=False, break_on_hyphens=False)) or line


# Errors of writing to standard output (a full disk, a closed or broken descriptor):
# the files posdiff writes itself report theirs with the file's name.
_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF})
OUTPUT_ERROR = OutputError.exit_code


def output_failed(exc: OSError) -> int:
    """Say that the output could not be written, and drop what is still buffered: the
    interpreter would try to flush it at exit and print a traceback of its own."""
    tell(f"posdiff: cannot write the output: {exc.strerror or exc}")
    drop_output()
    return OUTPUT_ERROR


def drop_output(descriptor: int = 1) -> None:
    """Send what is still to be written to ``descriptor`` (stdout, or stderr) nowhere:
    the interpreter would otherwise fail to flush it at exit, and print a traceback."""
    with contextlib.suppress(OSError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), descriptor)


def _said(exc: PosdiffError, command: str | None = None) -> tuple[str, str, int]:
    """What the user is told about one of the project's errors: message, hint, exit code.
    The core's domain errors name no flag and no command; this says which to use."""
    if isinstance(exc, NotAFolder):
        if not exc.given:
            return f"{exc}; give --{exc.role} DIR to read another", exc.hint, 2
        fits = {"record": "; give it as --record DIR (the folder holding positions/ and seeds/)",
                "positions": "; give it as --positions DIR, or the folder holding it as "
                             "--record DIR",
                "seeds": "; give it as --seeds DIR, or the folder holding both as --record DIR"}
        return f"--{exc.role}: {exc}{fits.get(exc.fits, '')}", exc.hint, 2
    if isinstance(exc, UnknownName):
        see = "" if exc.kind != "issue" else " (`posdiff issues` without --issue lists " \
            "them)" if command == "issues" else " (see `posdiff issues`)"
        return f"{exc}{see}", exc.hint, 2
    return str(exc), exc.hint, exc.exit_code


ERRORS_SHOWN = 3  # of a record that fails check: `posdiff check` lists them all


def _errors_shown(exc: PosdiffError) -> list[str]:
    """The first errors of a record that fails check, as `posdiff check` words them."""
    if not isinstance(exc, InvalidRecord):
        return []
    lines = [f"{d.file}:{d.line}:{d.column}: [{d.code}] {d.message}"
             for d in exc.errors[:ERRORS_SHOWN]]
    if len(exc.errors) > ERRORS_SHOWN:
        lines.append(f"… and {len(exc.errors) - ERRORS_SHOWN:,} more: `posdiff check` lists "
                     "them all")
    return lines


def _internal_error(ctx: Any, exc: Exception) -> None:
    if ctx.meta.get(_DEBUG) or os.environ.get("POSDIFF_DEBUG") == "1":
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    detail = printable(str(exc))  # valid UTF-8, of a bounded length
    tell(f"posdiff: internal error: {type(exc).__name__}: {detail}; "
         "run with --debug for details")
    ctx.exit(INTERNAL_ERROR)


def _escape_unencodable_output() -> None:
    """Under PYTHONIOENCODING=ascii or a C locale, text the stream cannot encode (and
    file names that are not UTF-8) is printed as backslash escapes, not a traceback."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


# The app with its global options and no command: `main` registers the commands a run
# needs on a copy of it.
bare = typer.Typer(
    cls=_Group,
    help="Compare what the parties to a negotiation have said they want.\n\n"
    "Examples:\n\n"
    "  posdiff check\n\n"
    "  posdiff compare PARTY_A PARTY_B\n\n"
    "  posdiff matrix --issue ISSUE\n\n"
    "  posdiff show PARTY --format markdown\n\n"
    "`posdiff parties` and `posdiff issues` list the ids of the record in use. The options "
    "below may also follow the command (`posdiff matrix --color never`).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(asked: bool) -> None:
    if asked:
        from posdiff.version import __version__

        typer.echo(f"posdiff {__version__}")
        raise typer.Exit()


@bare.callback()
def _options(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option(
        "--version", is_eager=True, callback=_print_version,
        help="Show the version and exit.")] = False,
    debug: Annotated[bool, typer.Option(
        "--debug", help="Show the traceback of an internal error (also POSDIFF_DEBUG=1).")
    ] = False,
    color: Annotated[Color, typer.Option(
        "--color", help="Style the output: auto (on a terminal, unless NO_COLOR is set; "
        "FORCE_COLOR styles a pipe too), always or never.")] = "auto",
) -> None:
    """Compare what the parties to a negotiation have said they want."""
    from posdiff.render.console import COLOR

    ctx.meta[_DEBUG] = debug
    COLOR.set(color)
