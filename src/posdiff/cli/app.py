"""The command line: parse options, call the core, pick a renderer, return an exit code.

Core modules are imported inside the commands so that each command loads only what it
needs (start-up time is most of a posdiff run).
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import errno
import io
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from posdiff.cli import completion
from posdiff.errors import (
    InvalidRecord,
    NotAFolder,
    OutputError,
    PosdiffError,
    UnknownName,
    UsageError,
)
from posdiff.render.inert import inert
from posdiff.words import printable

if TYPE_CHECKING:
    from collections.abc import Sequence

    from posdiff.analysis.forecast.ktab import Scenario
    from posdiff.model import Issue, Party, Record
    from posdiff.record.paths import RecordPaths
    from posdiff.reports.sheet import Cell, Report


INTERNAL_ERROR = 70  # EX_SOFTWARE (sysexits.h): a bug in posdiff, never the user's input

# Click's own errors (usage, bad parameter) pass through to click; typer 0.28 vendors
# click, older typers use the click package, so the class is found where typer has it.
_CLICK_ERROR: type[Exception] = next(
    cls for cls in typer.BadParameter.__mro__ if cls.__name__ == "ClickException")
_DEBUG = "posdiff.debug"
READING = "reading party files"  # the progress shown while a record is read


class _Group(TyperGroup):
    """The one boundary where the project's errors become a message and an exit code,
    and the last line of defence against everything else."""

    def invoke(self, ctx: Any) -> Any:  # typer's Context, whichever click it wraps
        _escape_unencodable_output()
        try:
            return super().invoke(ctx)
        except PosdiffError as exc:
            message, hint, code = _said(exc)
            typer.echo(f"posdiff: {inert(message)}", err=True)
            for line in _errors_shown(exc):
                typer.echo(f"  {inert(line)}", err=True)
            if hint:
                typer.echo(hint, err=True)
            ctx.exit(code)
        except (typer.Exit, typer.Abort, _CLICK_ERROR):
            raise
        except OSError as exc:
            if exc.errno == errno.EPIPE:  # `posdiff ... | head`: click exits quietly
                raise
            if exc.errno in _OUTPUT_ERRNOS:  # the record's files are read as diagnostics
                ctx.exit(_output_failed(exc))
            _internal_error(ctx, exc)
        except Exception as exc:
            _internal_error(ctx, exc)


# Errors of writing to standard output (a full disk, a closed or broken descriptor):
# the files posdiff writes itself report theirs with the file's name.
_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF})
OUTPUT_ERROR = OutputError.exit_code


def _output_failed(exc: OSError) -> int:
    """Say that the output could not be written, and drop what is still buffered: the
    interpreter would try to flush it at exit and print a traceback of its own."""
    typer.echo(f"posdiff: cannot write the output: {exc.strerror or exc}", err=True)
    _drop_output()
    return OUTPUT_ERROR


def _drop_output() -> None:
    with contextlib.suppress(OSError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)


def _said(exc: PosdiffError) -> tuple[str, str, int]:
    """What the user is told about one of the project's errors: message, hint, exit code.
    The core's domain errors name no flag and no command; this says which to use."""
    if isinstance(exc, NotAFolder):
        if not exc.given:
            return f"{exc}; give --{exc.role} DIR to read another", exc.hint, 2
        return f"--{exc.role}: {exc}", exc.hint, 2
    if isinstance(exc, UnknownName):
        see = " (see `posdiff issues`)" if exc.kind == "issue" else ""
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
        lines.append(f"… and {len(exc.errors) - ERRORS_SHOWN:,} more")
    return lines


def _internal_error(ctx: Any, exc: Exception) -> None:
    if ctx.meta.get(_DEBUG) or os.environ.get("POSDIFF_DEBUG") == "1":
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    detail = printable(inert(str(exc)))  # one line, valid UTF-8, of a bounded length
    typer.echo(f"posdiff: internal error: {type(exc).__name__}: {detail}; "
               "run with --debug for details", err=True)
    ctx.exit(INTERNAL_ERROR)


def _escape_unencodable_output() -> None:
    """Under PYTHONIOENCODING=ascii or a C locale, text the stream cannot encode (and
    file names that are not UTF-8) is printed as backslash escapes, not a traceback."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


app = typer.Typer(
    cls=_Group,
    help="Compare what the parties to a negotiation have said they want.\n\n"
    "Examples:\n\n"
    "  posdiff check\n\n"
    "  posdiff compare PARTY_A PARTY_B\n\n"
    "  posdiff matrix --issue ISSUE\n\n"
    "  posdiff show PARTY --format markdown\n\n"
    "`posdiff parties` and `posdiff issues` list the ids of the record in use.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class ColorChoice(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


def _print_version(asked: bool) -> None:
    if asked:
        from posdiff import __version__

        typer.echo(f"posdiff {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option(
        "--version", is_eager=True, callback=_print_version,
        help="Show the version and exit.")] = False,
    debug: Annotated[bool, typer.Option(
        "--debug", help="Show the traceback of an internal error (also POSDIFF_DEBUG=1).")
    ] = False,
    color: Annotated[ColorChoice, typer.Option(
        "--color", help="Style the output: auto (on a terminal, unless NO_COLOR is set; "
        "FORCE_COLOR styles a pipe too), always or never.")] = ColorChoice.auto,
) -> None:
    """Compare what the parties to a negotiation have said they want."""
    from posdiff.render.console import COLOR

    ctx.meta[_DEBUG] = debug
    COLOR.set(color.value)


class CheckFormat(StrEnum):
    text = "text"
    table = "table"  # the word every other command uses for what people read: same as text
    json = "json"
    github = "github"


PositionsOption = Annotated[Path | None, typer.Option(
    "--positions", help="Folder with issues.yaml and the party files "
    "[default: found by walking up from here, else the shipped record].",
    file_okay=False)]
SeedsOption = Annotated[Path | None, typer.Option(
    "--seeds", help="Folder with the seed texts and index.yaml [default: beside positions].",
    file_okay=False)]


@app.command()
def check(
    positions: PositionsOption = None,
    seeds: SeedsOption = None,
    output: Annotated[CheckFormat | None, typer.Option(
        "--format", "-f", help="text (or table, as the other commands call it), json or "
        "github [default: github under GitHub Actions, else text].")] = None,
    strict: Annotated[bool, typer.Option(help="Fail on warnings too.")] = False,
    min_words: Annotated[int, typer.Option(
        min=1, help="A quote (or part of an elided quote) with fewer words is an error "
        "unless a prefix or suffix makes it occur exactly once.")] = 4,
    min_score: Annotated[str | None, typer.Option(hidden=True)] = None,
) -> None:
    """Validate the record and locate every quote in its seed.

    Exit 0 when clean, 1 when there are errors (or warnings with --strict).

    Example: posdiff check --strict --format github
    """
    from posdiff.record.check import run_check
    from posdiff.record.paths import resolve_paths
    from posdiff.render.check_report import CHECK_FORMATS
    from posdiff.render.progress import TerminalProgress

    if min_score is not None:
        raise UsageError("--min-score is gone: a quote now passes only when its words occur "
                         "in the seed as written (see `posdiff docs quotes`); drop the "
                         "option")
    chosen = output or (CheckFormat.github if os.environ.get("GITHUB_ACTIONS") == "true"
                        else CheckFormat.text)
    paths = resolve_paths(positions, seeds)
    if paths.shipped:  # a hook in the wrong folder must not pass by checking ours
        raise UsageError("no record here or above: no positions/ folder with issues.yaml "
                         "(or beside a seeds/ folder) in this folder or any above it; run "
                         "posdiff check inside a record or point at one with --positions DIR")
    with TerminalProgress("check: quotes") as progress:
        report = run_check(paths, min_words, progress, progress.stage(READING))
    CHECK_FORMATS[chosen.value](report, sys.stdout, strict)
    raise typer.Exit(0 if report.ok(strict) else 1)


@app.command()
def schema(
    kind: Annotated[str, typer.Argument(help="party, issues or seeds")] = "party",
    output: Annotated[str | None, typer.Option(
        "--output", "-o", metavar="COMMAND", help="Describe the --format json output of "
        "COMMAND (compare, matrix, compromise, ...) instead of a file.")] = None,
) -> None:
    """Print the JSON Schema of a record file (a party file, the issue catalogue, the seed
    index) or, with --output, of a command's `--format json` output.

    Example: posdiff schema issues > schema/issues.schema.json
    """
    import json

    from posdiff.record.schema import SCHEMAS, schema_text
    from posdiff.reports.schema import OUTPUTS, output_schema

    if output is not None:
        if output not in OUTPUTS:
            raise UsageError(f"no JSON output schema for '{printable(output)}'; choose one of: "
                             f"{', '.join(OUTPUTS)}")
        typer.echo(json.dumps(output_schema(output), indent=2))
    elif kind in SCHEMAS:
        typer.echo(schema_text(kind), nl=False)
    else:
        raise UsageError(f"unknown schema '{printable(kind)}'; choose one of: {', '.join(SCHEMAS)} "
                         "(or --output COMMAND for a command's JSON output)")


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(
        metavar="[DIR]", help="Where to create the record [default: here].",
        file_okay=False, show_default=False)] = Path("."),
) -> None:
    """Start a record of your own: an example issue, party and seed that pass
    `posdiff check --strict`, the schemas for editors, a pre-commit hook and a CI job.
    Refuses, writing nothing, if any of those files is already there.

    Example: posdiff init my-talks
    """
    import shlex

    from posdiff.record.scaffold import existing, new_record

    try:
        where = folder.resolve()
    except (OSError, RuntimeError) as exc:  # a link loop
        raise UsageError(f"{printable(str(folder))} cannot be used: "
                         f"{getattr(exc, 'strerror', None) or exc}") from None
    try:
        here = where == Path.cwd().resolve()
    except OSError:  # the current folder was removed: a folder given is elsewhere
        here = False
    if os.path.lexists(folder) and not folder.is_dir():  # a file, or a link to nowhere
        raise UsageError(f"{printable(str(folder))} is not a folder; nothing was written")
    made = new_record()
    if taken := existing(folder, made):
        raise UsageError(f"{'this folder' if here else printable(str(folder))} already has "
                         f"{', '.join(taken)}; nothing was written (init never overwrites)")
    made_here: list[Path] = []  # folders and files created, taken back on a failure
    for new in made:
        target = folder / new.path
        try:
            _make_folders(target.parent, made_here)
            with target.open("xb") as handle:  # "x": never overwrite, even in a race
                made_here.append(target)
                handle.write(new.content)
        except OSError as exc:
            _take_back(made_here)
            raise OutputError(f"cannot write {printable(str(target))}: {exc.strerror}; "
                              "nothing was kept") from None
    shown_as = inert(printable(str(folder)))  # a name cannot start a line of its own
    typer.echo(f"Created a record {'here' if here else f'in {shown_as}'}:")
    width = max(len(new.path) for new in made)
    for new in made:
        typer.echo(f"  {new.path:<{width}}  {new.about}")
    typer.echo(_NEXT_STEPS.format(cd="" if here else f"\n  cd {inert(shlex.quote(str(folder)))}"))


def _make_folders(folder: Path, made_here: list[Path]) -> None:
    """``folder`` and every missing folder above it, each noted in ``made_here``."""
    missing = []
    for place in (folder, *folder.parents):
        if place.is_dir():
            break
        missing.append(place)
    for place in reversed(missing):
        place.mkdir()
        made_here.append(place)


def _take_back(made_here: list[Path]) -> None:
    """Remove what a failed `init` made, last first: it writes all or nothing."""
    for place in reversed(made_here):
        with contextlib.suppress(OSError):
            if place.is_dir() and not place.is_symlink():
                place.rmdir()
            else:
                place.unlink()


_NEXT_STEPS = """
Next steps:{cd}
  posdiff check --strict          # passes as created
  posdiff docs curation           # how to read positions out of a text

Replace the example with your own sources (seeds/), issues (issues.yaml) and
parties (positions/, a file each: copy example-party.yaml). To practise, write
positions/other-side.yaml for the Other Side, whom the example seed quotes too:
  posdiff check --strict
  posdiff compare example-party other-side

The CI job's install line is a placeholder: say where posdiff comes from."""


@app.command()
def docs(
    topic: Annotated[str | None, typer.Argument(
        metavar="[TOPIC]", help="A topic; `posdiff docs` alone lists them.",
        autocompletion=completion.topics)] = None,
) -> None:
    """Read the documentation that comes with posdiff: the record's file format, how to
    curate it, the quote rule, the forecast model, the changes to the shipped record.

    Example: posdiff docs data-format
    """
    from posdiff.cli.docs import TOPICS, read_topic

    if topic is None:
        typer.echo("Topics (read one with `posdiff docs TOPIC`):")
        width = max(map(len, TOPICS))
        for name, entry in TOPICS.items():
            typer.echo(f"  {name:<{width}}  {entry.about}")
        return
    typer.echo(read_topic(topic), nl=False)


class ResultFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class SortKey(StrEnum):
    issue = "issue"
    gap = "gap"
    salience = "salience"


FormatOption = Annotated[ResultFormat, typer.Option(
    "--format", "-f", help="table, json, csv (the first table only) or markdown.")]
AsOfOption = Annotated[str | None, typer.Option(
    "--as-of", metavar="DATE", help="Use each party's latest entry on or before DATE "
    "(YYYY-MM-DD) [default: the latest of all].")]
IssuesOption = Annotated[list[str] | None, typer.Option(
    "--issue", "-i", help="Only this issue (repeat for several).",
    autocompletion=completion.issue_ids)]
StatedOnlyOption = Annotated[bool, typer.Option(
    "--stated-only", help="Use only what the parties' own or reported words state: an "
    "entry whose position is inferred is left out (an earlier stated entry, if any, stands), "
    "and so are inferred ranges and red lines.")]


def _as_stated(parties: Sequence[Party], stated_only: bool) -> tuple[list[Party], list[Cell]]:
    """The parties as --stated-only asks, and the note that says what it left out."""
    if not stated_only:
        return list(parties), []
    from posdiff.reports.wording import stated_only_note

    return [party.stated_only() for party in parties], [stated_only_note(parties)]


def _record(positions: Path | None, seeds: Path | None) -> Record:
    """The record the options point at (see `_paths`), once it passes check: every
    command that reads a record refuses one that fails, whatever the error."""
    from posdiff.record.check import checked_record
    from posdiff.render.progress import TerminalProgress

    paths = _paths(positions, seeds)
    with TerminalProgress("checking quotes") as progress:
        return checked_record(paths, progress, progress.stage(READING))


def _paths(positions: Path | None, seeds: Path | None) -> RecordPaths:
    """Where the record the options point at is; when none is found here or above, the
    example shipped with posdiff, said on stderr every time so nobody mistakes it."""
    from posdiff.record.paths import resolve_paths

    paths = resolve_paths(positions, seeds)
    if paths.shipped:
        typer.echo("posdiff: no record here or above; reading the example record shipped "
                   f"with posdiff ({printable(str(paths.positions.parent))}); "
                   "--positions DIR reads another", err=True)
    return paths


def _emit(report: Report, output: ResultFormat, notes: Sequence[Cell] = ()) -> None:
    from posdiff.render.formats import RESULT_FORMATS

    report.notes.extend(notes)
    RESULT_FORMATS[output.value](report, sys.stdout)


def _as_of(text: str | None, option: str = "--as-of") -> dt.date | None:
    if text is None:
        return None
    from posdiff.record.spec import parse_date

    day = parse_date(text)
    if day is None:
        raise UsageError(f"{option}: '{printable(text)}' is not a date like 2025-03-18")
    return day


@app.command()
def compare(
    party_a: Annotated[str, typer.Argument(metavar="A", help="A party id, alias or name.",
                                           autocompletion=completion.party_ids)],
    party_b: Annotated[str, typer.Argument(metavar="B", help="Another party.",
                                           autocompletion=completion.party_ids)],
    issue: IssuesOption = None,
    as_of: AsOfOption = None,
    sort: Annotated[SortKey, typer.Option(
        help="Order of the rows: issue (catalogue order), gap (widest first) or salience."
    )] = SortKey.issue,
    evidence: Annotated[bool, typer.Option(
        "--evidence", help="Show the quote behind each position, with its seed and line.")] = False,
    stated_only: StatedOnlyOption = False,
    output: FormatOption = ResultFormat.table,
    positions: PositionsOption = None,
    seeds: SeedsOption = None,
) -> None:
    """Diff two parties issue by issue, with gaps, overlaps, red lines and a distance.

    Example: posdiff compare PARTY_A PARTY_B --sort gap --evidence
    """
    from posdiff.analysis.distance import compare as compare_parties
    from posdiff.reports.compare import compare_report

    record = _record(positions, seeds)
    a, b = record.party(party_a), record.party(party_b)
    if a.id == b.id:
        raise UsageError(f"'{printable(party_a)}' and '{printable(party_b)}' both name "
                         f"{a.name} ({a.id}); compare "
                         "two different parties")
    (a, b), notes = _as_stated([a, b], stated_only)
    chosen = _issues(record, issue)
    result = compare_parties(a, b, chosen, _as_of(as_of))
    _emit(compare_report(result, record.seeds, sort.value, evidence), output, notes)


@app.command()
def matrix(
    parties: Annotated[list[str] | None, typer.Argument(
        metavar="[PARTIES]...", help="Parties to set against each other [default: all].",
        autocompletion=completion.party_ids)] = None,
    issue: IssuesOption = None,
    listed: Annotated[str | None, typer.Option(
        "--parties", "-p", hidden=True, help="Comma-separated parties (older spelling of "
        "the positional PARTIES).")] = None,
    as_of: AsOfOption = None,
    stated_only: StatedOnlyOption = False,
    output: FormatOption = ResultFormat.table,
    positions: PositionsOption = None,
    seeds: SeedsOption = None,
) -> None:
    """Every party against every other: distance and shared issues, heat-coloured.

    Example: posdiff matrix PARTY_A PARTY_B PARTY_C --issue ISSUE
    """
    from posdiff.analysis.distance import MAX_MATRIX_PARTIES
    from posdiff.analysis.distance import matrix as build_matrix
    from posdiff.render.progress import TerminalProgress
    from posdiff.reports.matrix import matrix_report

    record = _record(positions, seeds)
    named = [*(parties or []), *(listed.split(",") if listed else [])]
    chosen = _parties(record, named)
    if named and len(chosen) < 2:
        said = ", ".join(f"'{printable(name)}'" for name in named)
        raise UsageError(f"{said} {'names' if len(named) == 1 else 'name'} only "
                         f"{chosen[0].name} ({chosen[0].id}); name at least two different "
                         "parties, or none for all of them")
    if len(chosen) > MAX_MATRIX_PARTIES:
        raise UsageError(f"a matrix of {len(chosen):,} parties is over the limit of "
                         f"{MAX_MATRIX_PARTIES:,} (its cost grows with the square); choose "
                         "the parties to set against each other, or use compare for a pair")
    issues = _issues(record, issue)
    chosen, notes = _as_stated(chosen, stated_only)
    with TerminalProgress("matrix: rows") as progress:
        result = build_matrix(chosen, issues, _as_of(as_of), progress)
    _emit(matrix_report(result), output, notes)


def _parties(record: Record, names: list[str] | None) -> list[Party]:
    """The parties named (each once, however often or by whichever name), or all."""
    if not names:
        return list(record.parties.values())
    return list({party.id: party for party in map(record.party, names)}.values())


def _issues(record: Record, names: list[str] | None) -> list[Issue]:
    """The issues named (each once, so that none weighs twice), or the whole catalogue."""
    if not names:
        return list(record.issues.values())
    return list({issue.id: issue for issue in map(record.issue, names)}.values())


@app.command()
def compromise(
    parties: Annotated[list[str] | None, typer.Argument(
        metavar="[PARTIES]...", help="Parties to weigh [default: all but mediators and "
        "observers].", autocompletion=completion.party_ids)] = None,
    issue: IssuesOption = None,
    as_of: AsOfOption = None,
    stated_only: StatedOnlyOption = False,
    output: FormatOption = ResultFormat.table,
    positions: PositionsOption = None,
    seeds: SeedsOption = None,
) -> None:
    """Compromise points per issue (salience x clout weighted mean and median) and who
    could accept them. Mediators and observers are weighed only when named.

    Example: posdiff compromise PARTY_A PARTY_B --issue ISSUE
    """
    from posdiff.analysis.compromise import compromise as find_compromise
    from posdiff.analysis.compromise import weighing
    from posdiff.reports.compromise import compromise_report

    record = _record(positions, seeds)
    chosen, left_out = weighing(_parties(record, parties), named=bool(parties))
    chosen, notes = _as_stated(chosen, stated_only)
    issues = _issues(record, issue)
    date = _as_of(as_of)
    results = [find_compromise(i, chosen, date) for i in issues]
    _emit(compromise_report(results, chosen, date, detail=bool(issue), left_out=left_out,
                            stated_only=stated_only), output, notes)


@app.command()
def parties(
    as_of: AsOfOption = None,
    output: FormatOption = ResultFormat.table,
    positions: PositionsOption = None,
    seeds: SeedsOption = None,
) -> None:
    """List the parties in the record with their aliases and coverage.

    Example: posdiff parties --format json
    """
    from posdiff.reports.record import parties_report

    _emit(parties_report(_record(positions, seeds), _as_of(as_of)), output)


@app.command()
def issues(
    issue: IssuesOption = None,
    long: Annotated[bool, typer.Option(
        "--long", "-l", help="Show each question and the labelled points of its scale.")
    ] = False,
    output: FormatOption = ResultFormat.table,
    positions: PositionsOption = None,
    seeds: SeedsOption = None,
) -> None:
    """List the issue catalogue: id, title and who states each issue; --long or --issue
    adds the question and the labelled points of each scale.

    Example: posdiff issues --issue ISSUE
    """
    from posdiff.reports.record import issues_report

    record = _record(positions, seeds)
    chosen = _issues(record, issue)
    _emit(issues_report(record, chosen, long=long or bool(issue)), output)


@app.command()
def coverage(
    as_of: AsOfOption = None,
    stated_only: StatedOnlyOption = False,
    output: FormatOption = ResultFormat.table,
    positions: PositionsOption = None,
    seeds: SeedsOption = None,
) -> None:
    """Party x issue table of what each party has stated (never imputed).

    Example: posdiff coverage --as-of 2025-03-01
    """
    from posdiff.reports.record import coverage_report

    record = _record(positions, seeds)
    chosen, notes = _as_stated(list(record.parties.values()), stated_only)
    _emit(coverage_report(record, chosen, _as_of(as_of)), output, notes)


@app.command()
def changes(
    parties: Annotated[list[str] | None, typer.Argument(
        metavar="[PARTIES]...", help="Parties to follow [default: all].",
        autocompletion=completion.party_ids)] = None,
    issue: IssuesOption = None,
    since: Annotated[str | None, typer.Option(
        metavar="DATE", help="Only changes dated on or after DATE (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(
        metavar="DATE", help="Only changes dated on or before DATE.")] = None,
    stated_only: StatedOnlyOption = False,
    output: FormatOption = ResultFormat.table,
    positions: PositionsOption = None,
    seeds: SeedsOption = None,
) -> None:
    """What has changed: each new dated entry of a party on an issue, with the shift.

    Example: posdiff changes PARTY --since 2025-03-01
    """
    from posdiff.analysis.changes import moves
    from posdiff.reports.changes import changes_report

    record = _record(positions, seeds)
    chosen = _issues(record, issue)
    start, end = _as_of(since, "--since"), _as_of(until, "--until")
    if start and end and start > end:
        raise UsageError(f"--since {start.isoformat()} is after --until {end.isoformat()}; "
                         "give the earlier date to --since")
    followed, notes = _as_stated(_parties(record, parties), stated_only)
    _emit(changes_report(moves(followed, chosen, start, end), start, end, record.seeds),
          output, notes)


@app.command()
def seeds(
    output: FormatOption = ResultFormat.table,
    positions: PositionsOption = None,
    seeds: SeedsOption = None,
) -> None:
    """List the seeds: source, size, pin (sha256), how many quotes cite each and who.
    It reads a record that fails check too (it scores nothing), to help find out why.

    Example: posdiff seeds --format csv
    """
    from posdiff.record import read_record
    from posdiff.record.seeds import seed_uses
    from posdiff.reports.record import seeds_report

    _emit(seeds_report(seed_uses(read_record(_paths(positions, seeds)).record)), output)


@app.command()
def show(
    party: Annotated[str, typer.Argument(help="A party id, alias or name.",
                                         autocompletion=completion.party_ids)],
    issue: IssuesOption = None,
    as_of: AsOfOption = None,
    history: Annotated[bool, typer.Option(
        "--history", help="Every dated entry, not only the one in force.")] = False,
    stated_only: StatedOnlyOption = False,
    output: FormatOption = ResultFormat.table,
    positions: PositionsOption = None,
    seeds: SeedsOption = None,
) -> None:
    """A party's positions with their evidence, each quote shown in its seed's context.

    Example: posdiff show PARTY --issue ISSUE --history
    """
    from posdiff.reports.record import show_report

    record = _record(positions, seeds)
    (shown,), notes = _as_stated([record.party(party)], stated_only)
    chosen = _issues(record, issue) if issue else None
    _emit(show_report(record, shown, _as_of(as_of), chosen, history), output, notes)


class StopRuleChoice(StrEnum):
    none = "none"
    median_repeat = "median-repeat"


@app.command()
def forecast(
    parties: Annotated[list[str] | None, typer.Argument(
        metavar="[PARTIES]...", help="The actors [default: every party that takes sides; "
        "with --from-csv, every row].", autocompletion=completion.party_ids)] = None,
    issue: IssuesOption = None,
    rounds: Annotated[int, typer.Option(min=0, max=1000, help="The most rounds to play.")
                      ] = 10,
    stop_rule: Annotated[StopRuleChoice, typer.Option(
        help="none: play every round; median-repeat: stop when a round leaves the median "
        "where it was.")] = StopRuleChoice.median_repeat,
    as_of: AsOfOption = None,
    rounds_detail: Annotated[bool, typer.Option(
        "--rounds-detail", help="Show each round's median, mean and moves.")] = False,
    sensitivity: Annotated[bool, typer.Option(
        "--sensitivity", help="Move each position and salience a step either way and name "
        "the inputs the forecast depends on most, with their evidence.")] = False,
    from_csv: Annotated[Path | None, typer.Option(
        "--from-csv", metavar="FILE", help="Run on a scenario in KTAB's CSV layout instead "
        "of the record (--issue then picks dimensions by name).", dir_okay=False)] = None,
    stated_only: StatedOnlyOption = False,
    output: FormatOption = ResultFormat.table,
    positions: PositionsOption = None,
    seeds: SeedsOption = None,
) -> None:
    """Where bargaining may end: Bueno de Mesquita's expected-utility model (as Scholz et
    al. 2011 reproduce it), run issue by issue on the parties that state a position.

    Example: posdiff forecast --issue ISSUE --rounds-detail
    """
    from posdiff.analysis.compromise import weighing
    from posdiff.analysis.forecast.inputs import forecast_issues, record_inputs
    from posdiff.analysis.forecast.model import StopRule
    from posdiff.reports.forecast import Setting, forecast_report

    rule = StopRule(stop_rule.value)
    notes: list[Cell] = []
    if from_csv is not None:
        if parties or as_of or stated_only:
            raise UsageError("--from-csv runs on the file's actors: drop the party names, "
                             "--as-of and --stated-only")
        scenario = _scenario(from_csv)
        for line in scenario.warnings:
            typer.echo(f"posdiff: {inert(line)}", err=True)
        inputs = [i for i in scenario.inputs if not issue or i.issue in issue]
        if issue and len(inputs) < len(set(issue)):
            raise UsageError(f"--issue: the file's dimensions are "
                             f"{', '.join(scenario.dimensions)}")
        setting = Setting(rounds, rule, printable(str(from_csv)))
        results = forecast_issues(inputs, rounds, rule, sensitivity, None)
    else:
        record = _record(positions, seeds)
        chosen, left_out = weighing(_parties(record, parties), named=bool(parties))
        chosen, notes = _as_stated(chosen, stated_only)
        date = _as_of(as_of)
        inputs = record_inputs(_issues(record, issue), chosen, date)
        setting = Setting(rounds, rule, "record", date.isoformat() if date else None,
                          tuple(left_out), tuple(i.issue for i in inputs if not i.stakes))
        results = forecast_issues(inputs, rounds, rule, sensitivity, (0.0, 100.0))
    _emit(forecast_report(results, setting, rounds_detail, sensitivity), output, notes)


def _scenario(path: Path) -> Scenario:
    """A KTAB scenario file, read through the same guarded access as the record."""
    from posdiff.analysis.forecast.ktab import read
    from posdiff.record.files import Problem, read_bytes
    from posdiff.record.text import decode_utf8

    try:  # the file the user names, wherever a link of theirs leads: not a record file
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):  # missing, or a link loop: said below
        real = path
    data = read_bytes(real, real.parent)
    if isinstance(data, Problem):
        raise UsageError(f"--from-csv {printable(str(path))}: {data.message}")
    text, problems = decode_utf8(data, printable(str(path)))
    if text is None:
        first = problems[-1]
        raise UsageError(f"{first.file}:{first.line}:{first.column}: {first.message}")
    return read(text, printable(str(path)))


export_app = typer.Typer(help="Write the record in another tool's format.",
                         no_args_is_help=True)
app.add_typer(export_app, name="export")


@export_app.command("ktab")
def export_ktab(
    parties: Annotated[list[str] | None, typer.Argument(
        metavar="[PARTIES]...", help="The actors [default: every party that takes sides].",
        autocompletion=completion.party_ids)] = None,
    issue: IssuesOption = None,
    out: Annotated[Path, typer.Option(
        "--output", "-o", metavar="FILE.csv", help="Where to write the scenario.",
        dir_okay=False)] = Path("scenario.csv"),
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")
                     ] = False,
    as_of: AsOfOption = None,
    stated_only: StatedOnlyOption = False,
    positions: PositionsOption = None,
    seeds: SeedsOption = None,
) -> None:
    """Write the record as a KTAB scenario CSV (positions and saliences 0-100, one
    dimension per issue), which KTAB's reader and `posdiff forecast --from-csv` take.

    Example: posdiff export ktab --issue ISSUE -o scenario.csv
    """
    from posdiff.analysis.compromise import weighing
    from posdiff.analysis.forecast.inputs import record_inputs
    from posdiff.analysis.forecast.ktab import write

    if out.suffix.lower() != ".csv":
        raise UsageError(f"-o {printable(str(out))}: KTAB reads only files ending in .csv")
    _refuse_existing(out, force)
    record = _record(positions, seeds)
    chosen, left_out = weighing(_parties(record, parties), named=bool(parties))
    chosen, notes = _as_stated(chosen, stated_only)
    inputs = record_inputs(_issues(record, issue), chosen, _as_of(as_of))
    try:
        text = write(inputs, "posdiff record", {p.id: p.name for p in chosen})
    except UsageError as exc:
        if not left_out:
            raise
        raise UsageError(str(exc), f"Mediators and observers are actors only when named; "
                         f"left out: {', '.join(p.id for p in left_out)}.") from None
    _write_new(out, text.encode("utf-8"), force)
    actors = len(inputs[0].stakes)
    scaled = (f"; saliences divided by {len(inputs)} so each actor's total stays within 100"
              if len(inputs) > 1 else "")
    typer.echo(f"Wrote {inert(printable(str(out)))}: {actors} actors, {len(inputs)} issue(s) "
               f"({', '.join(i.issue for i in inputs)}){scaled}")
    for note in notes:
        typer.echo(note.text)

@app.command()
def brief(
    parties: Annotated[list[str] | None, typer.Argument(
        metavar="[PARTIES]...", help="Parties to brief on [default: all]; each pair of "
        "them is compared.", autocompletion=completion.party_ids)] = None,
    output: Annotated[Path, typer.Option(
        "--output", "-o", metavar="FILE", help="Where to write the page, e.g. brief.html.",
        dir_okay=False, show_default=False)] = ...,  # type: ignore[assignment]
    issue: IssuesOption = None,
    as_of: AsOfOption = None,
    stated_only: StatedOnlyOption = False,
    force: Annotated[bool, typer.Option(
        "--force", help="Overwrite FILE if it exists.")] = False,
    positions: PositionsOption = None,
    seeds: SeedsOption = None,
) -> None:
    """Write one HTML page to hand round: the result of check, the matrix as a heatmap,
    each issue as a picture, positions over time, each pair compared, and every quote with
    its source. It works offline: no script, nothing fetched. Exit 1 when the record fails
    check (the page is written, and says so at the top).

    Example: posdiff brief PARTY_A PARTY_B -o brief.html
    """
    from posdiff.record.check import run_check
    from posdiff.render.html import render_brief
    from posdiff.render.progress import TerminalProgress
    from posdiff.reports.brief.page import build_brief
    from posdiff.reports.sheet import count

    _refuse_existing(output, force)
    paths = _paths(positions, seeds)
    with TerminalProgress("brief: checking quotes") as progress:
        report = run_check(paths, progress=progress, reading=progress.stage(READING))
    record = report.record
    title = "the example record shipped with posdiff" if paths.shipped \
        else paths.positions.resolve().parent.name
    chosen, _ = _as_stated(_parties(record, parties), stated_only)
    page = build_brief(report, title, chosen, bool(parties), _issues(record, issue),
                       _as_of(as_of), stated_only)
    data = render_brief(page).encode("utf-8")
    _write_new(output, data, force)
    typer.echo(f"Wrote {inert(printable(str(output)))} ({len(data):,} bytes): "
               f"{count(len(page.parties), 'party', 'parties')}, "
               f"{count(len(page.issues), 'issue')}, "
               f"{count(sum(len(e.quotes) for e in page.evidence.entries), 'quote')}.")
    if not page.check.ok:
        typer.echo(f"posdiff: the record fails check ({page.check.errors} error(s)); the "
                   "page says so at the top. Run `posdiff check` to see them all.", err=True)
        raise typer.Exit(1)


def _refuse_existing(path: Path, force: bool) -> None:
    """Refuse a taken output before the work, which takes seconds on a large record;
    `_write_new` still refuses if the file appears meanwhile."""
    try:
        if path.is_dir():
            raise UsageError(f"{printable(str(path))} is a folder; give the name of a file")
        if not path.parent.is_dir():
            raise UsageError(f"there is no folder {printable(str(path.parent))} to write "
                             f"{printable(path.name)} in")
        taken = os.path.lexists(path)
    except OSError as exc:  # a name too long for the system
        raise UsageError(f"{printable(str(path))} cannot be used: {exc.strerror}") from None
    if taken and not force:
        raise _exists(path)


def _write_new(path: Path, data: bytes, force: bool) -> None:
    # Exclusive unless forced: never overwrite unasked, even in a race. Not blocking at
    # the open: a named pipe that no process reads would hang it for ever.
    flags = os.O_WRONLY | os.O_CREAT | os.O_NONBLOCK | (os.O_TRUNC if force else os.O_EXCL)
    try:
        descriptor = os.open(path, flags, 0o666)
        os.set_blocking(descriptor, True)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
    except FileExistsError:
        raise _exists(path) from None
    except OSError as exc:
        why = ("a named pipe that no process reads" if exc.errno == errno.ENXIO
               else exc.strerror)
        raise OutputError(f"cannot write {printable(str(path))}: {why}") from None


def _exists(path: Path) -> UsageError:
    return UsageError(f"{printable(str(path))} already exists; nothing was written "
                      "(--force overwrites it)")


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
            raise SystemExit(_output_failed(exc)) from None
        _drop_output()  # the reader left: nothing more to say, as during a command
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
