"""The options and steps every command that reads a record shares: where the record is,
which parties, issues and date, --stated-only, and the output format; and the shell's
completion of their values.

Completion (party and issue ids of the record in use, documentation topics) runs only
while the shell asks for candidates, so a normal run never loads the record for it.
Whatever it prints would land on the user's command line, and a half-typed command line
often names a folder that is not there yet: it never prints or raises, and any failure
means no candidates."""

from __future__ import annotations

import datetime as dt
import gc
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from posdiff.cli.root import tell
from posdiff.words import printable

if TYPE_CHECKING:
    from posdiff.model import Issue, Party, Record
    from posdiff.record.paths import RecordPaths
    from posdiff.render.console import TerminalProgress
    from posdiff.reports.sheet import Cell, Report


# -- completion ------------------------------------------------------------------

Candidates = list[tuple[str, str]]  # (what to complete to, what it is)


def party_ids(ctx: typer.Context, incomplete: str) -> Candidates:
    record = _record(ctx)
    parties = record.parties.values() if record else []
    return [(p.id, p.name) for p in parties if p.id.startswith(incomplete)]


def issue_ids(ctx: typer.Context, incomplete: str) -> Candidates:
    record = _record(ctx)
    issues = record.issues.values() if record else []
    return [(i.id, i.title) for i in issues if i.id.startswith(incomplete)]


def topics(incomplete: str) -> Candidates:
    from posdiff.cli.docs import TOPICS

    return [(t.name, t.about) for t in TOPICS.values() if t.name.startswith(incomplete)]


def _record(ctx: typer.Context) -> Record | None:
    """The record the command would use, given --record, --positions and --seeds if they come
    before the word being completed; a record with errors still has its ids."""
    from posdiff.record import read_record
    from posdiff.record.paths import resolve_paths

    try:
        paths = resolve_paths(_folder(ctx, "positions"), _folder(ctx, "seeds"),
                              root=_folder(ctx, "record_dir"))
        return read_record(paths).record
    except Exception:  # no candidates rather than a traceback in the middle of a command
        return None


def _folder(ctx: typer.Context, name: str) -> Path | None:
    value = ctx.params.get(name)
    return Path(value) if value else None


# -- options ---------------------------------------------------------------------

READING = "reading party files"  # the progress shown while a record is read


_RECORD = "The record's folder, holding positions/ and seeds/ [default: found by walking up"
_POSITIONS = ("Folder with issues.yaml and the party files [default: found by walking up "
              "from here")
RecordOption = Annotated[Path | None, typer.Option(
    "--record", metavar="DIR", help=f"{_RECORD} from here, else the shipped record].")]
PositionsOption = Annotated[Path | None, typer.Option(
    "--positions", metavar="DIR", help=f"{_POSITIONS}, else the shipped record].")]
# `check` and `diff` read the user's own record only: no shipped example to fall back on.
OwnRecordOption = Annotated[Path | None, typer.Option(
    "--record", metavar="DIR", help=f"{_RECORD} from here].")]
OwnPositionsOption = Annotated[Path | None, typer.Option(
    "--positions", metavar="DIR", help=f"{_POSITIONS}].")]
SeedsOption = Annotated[Path | None, typer.Option(
    "--seeds", metavar="DIR",
    help="Folder with the seed texts and index.yaml [default: beside positions].")]


# The command line's choices are Literal types, of which typer makes a choice as it does
# of an enum: making an enum class costs 0.1-0.3 ms at every start.
ResultFormat = Literal["table", "json", "csv", "markdown"]
SortKey = Literal["issue", "gap", "salience"]


FormatOption = Annotated[ResultFormat, typer.Option(
    "--format", "-f", help="table, json, csv (the first table only) or markdown.")]
AsOfOption = Annotated[str | None, typer.Option(
    "--as-of", metavar="DATE", help="Use each party's latest entry on or before DATE "
    "(a date such as 2025-03-18) [default: the latest of all].")]
IssuesOption = Annotated[list[str] | None, typer.Option(
    "--issue", "-i", metavar="ID", help="Only this issue (repeat for several).",
    autocompletion=issue_ids)]
StatedOnlyOption = Annotated[bool, typer.Option(
    "--stated-only", help="Use only what the parties' own or reported words state: an "
    "entry whose position is inferred is left out (an earlier stated entry, if any, stands), "
    "and so are inferred ranges and red lines.")]


MOST_DIGITS = 18  # of a count given on the command line


def whole_number(low: int, high: int | None = None) -> Callable[[str], int]:
    """The parser of an option that takes a count from ``low`` to ``high``: written in
    the digits 0-9 only, as dates are (``int`` alone takes 1_0, fullwidth digits and
    spaces), its range said in the message."""
    bounds = f"from {low} to {high}" if high is not None else f"of {low} or more"

    def parse(text: str | int) -> int:
        if isinstance(text, int):  # the default, given as a number
            return text
        digits = text.isascii() and text.isdigit()
        significant = text.lstrip("0") or "0"  # 0005 is 5
        if digits and len(significant) > MOST_DIGITS:  # past any count (and Python reads
            # no int of 4,301 digits)
            within = bounds if high is not None else f"{bounds}, of at most {MOST_DIGITS} digits"
            raise typer.BadParameter(f"'{printable(text)}' is too large: a whole number "
                                     f"{within}")
        if not digits or int(significant) < low or (high is not None and int(significant) > high):
            raise typer.BadParameter(f"'{printable(text)}' is not a whole number {bounds}")
        return int(significant)

    return parse


def as_stated(parties: Sequence[Party], stated_only: bool) -> tuple[list[Party], list[Cell]]:
    """The parties as --stated-only asks, and the note that says what it left out."""
    chosen = [party.stated_only() for party in parties] if stated_only else list(parties)
    return chosen, stated_note(parties, stated_only)


def stated_note(parties: Sequence[Party], stated_only: bool) -> list[Cell]:
    """With --stated-only, the note that says what it left out of these parties."""
    if not stated_only:
        return []
    from posdiff.reports.wording import stated_only_note

    return [stated_only_note(parties)]


def read_checked(root: Path | None, positions: Path | None, seeds: Path | None,
                 writing: Path | None = None) -> Record:
    """The record the options point at (see `_paths`), once it passes check: every
    command that reads a record refuses one that fails, whatever the error. A file the
    command is ``writing`` may not go into the record's own folders."""
    from posdiff import api

    paths = record_paths(root, positions, seeds)
    if writing is not None:
        from posdiff.cli.writing import refuse_inside

        refuse_inside(writing, paths)
    with reading_record("checking quotes") as progress:
        return api.load(where=paths, progress=progress, reading=progress.stage(READING))


@contextmanager
def reading_record(label: str) -> Iterator[TerminalProgress]:
    """Reading a record: a progress line for a person watching, and the cycle collector
    off until what was read is frozen (`gc.freeze`): the record lives as long as the
    command, and computing and drawing a large table would otherwise walk its millions of
    objects again and again (matrix on the large benchmark record: 12% of its time). Off
    for the whole read, not only while the record is built: the first collection after
    would walk all of it. The Python API does not freeze: it would freeze the objects of a
    notebook's process too."""
    from posdiff.render.console import TerminalProgress

    enabled = gc.isenabled()
    gc.disable()
    try:
        with TerminalProgress(label) as progress:
            yield progress
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def record_paths(root: Path | None, positions: Path | None,
                 seeds: Path | None) -> RecordPaths:
    """Where the record the options point at is; when none is found here or above, the
    example shipped with posdiff, said on stderr every time so nobody mistakes it."""
    from posdiff.record.paths import resolve_paths

    paths = resolve_paths(positions, seeds, root=root)
    if paths.shipped:
        tell("posdiff: no record here or above; reading the example record shipped "
             f"with posdiff ({printable(str(paths.positions.parent))}); "
             "--record DIR reads another")
    return paths


def emit(report: Report, output: ResultFormat, notes: Sequence[Cell] = ()) -> None:
    from posdiff.render.formats import RESULT_FORMATS

    report.notes.extend(notes)
    RESULT_FORMATS[output](report, sys.stdout)


def as_of_date(text: str | None, option: str = "--as-of",
               record: Record | None = None) -> dt.date | None:
    """The date given, and, when ``record`` has no entry on or before it, a word on when
    its first entry is (tables with nothing in them do not say why)."""
    from posdiff import api

    day = api.date(text, option)
    if day is not None and record is not None:
        first = min((entry.as_of for party in record.parties.values()
                     for entry in party.positions), default=None)
        if first is not None and day < first:
            tell(f"posdiff: nothing is on record on or before {day.isoformat()} ({option}); "
                 f"the first entry is dated {first.isoformat()}")
    return day


def chosen_parties(record: Record, names: list[str] | None) -> list[Party]:
    from posdiff import api

    return api.select_parties(record, names)


def chosen_issues(record: Record, names: list[str] | None) -> list[Issue]:
    from posdiff import api

    return api.select_issues(record, names)
