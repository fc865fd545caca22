"""`posdiff forecast` and `posdiff export ktab`: the expected-utility model on the record
or a KTAB scenario, and the record written as one."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from posdiff.cli.options import (
    AsOfOption,
    FormatOption,
    IssuesOption,
    PositionsOption,
    RecordOption,
    SeedsOption,
    StatedOnlyOption,
    as_of_date,
    as_stated,
    chosen_issues,
    chosen_parties,
    emit,
    party_ids,
    read_checked,
    stated_note,
    whole_number,
)
from posdiff.cli.root import Command, Group, tell
from posdiff.cli.writing import (
    STDOUT,
    output_name,
    refuse_existing,
    refuse_unfit,
    write_new,
    written_where,
)
from posdiff.errors import UsageError
from posdiff.words import count, printable

if TYPE_CHECKING:
    from posdiff.analysis.forecast.ktab import Scenario
    from posdiff.reports.sheet import Cell


StopRuleChoice = Literal["none", "median-repeat", "cycle"]


def forecast(
    parties: Annotated[list[str] | None, typer.Argument(
        metavar="[PARTIES]...", help="The actors [default: every party that takes sides; "
        "with --from-csv, every row].", autocompletion=party_ids)] = None,
    issue: IssuesOption = None,
    rounds: Annotated[int, typer.Option(metavar="N", parser=whole_number(0, 1000),
                                        help="The most rounds to play (0 to 1000).")] = 10,
    stop_rule: Annotated[StopRuleChoice, typer.Option(
        help="none: play every round (a cycle is still reported); median-repeat: stop when "
        "a round leaves the median where it was, or the actors come back to where they stood "
        "(a cycle); cycle: stop only at a cycle.")] = "median-repeat",
    as_of: AsOfOption = None,
    rounds_detail: Annotated[bool, typer.Option(
        "--rounds-detail", help="Show each round's median, mean and moves.")] = False,
    sensitivity: Annotated[bool, typer.Option(
        "--sensitivity", help="Move each position and salience a step either way and name "
        "the inputs the forecast depends on most, with their evidence.")] = False,
    from_csv: Annotated[Path | None, typer.Option(
        "--from-csv", metavar="FILE", help="Run on a scenario in KTAB's CSV layout instead "
        "of the record (--issue then picks dimensions by name); - reads it from the standard "
        "input.", dir_okay=False)] = None,
    stated_only: StatedOnlyOption = False,
    output: FormatOption = "table",
    record_dir: RecordOption = None,
    positions: PositionsOption = None,
    seeds: SeedsOption = None,
) -> None:
    """Where bargaining may end: Bueno de Mesquita's expected-utility model (as Scholz et
    al. 2011 reproduce it), run issue by issue on the parties that have a position on it.

    Example: posdiff forecast --issue ISSUE --rounds-detail
    """
    from posdiff import api
    from posdiff.analysis.forecast.inputs import forecast_issues
    from posdiff.analysis.forecast.model import StopRule
    from posdiff.reports.forecast import Setting, forecast_report

    rule = StopRule(stop_rule)
    notes: list[Cell] = []
    if from_csv is not None:
        if parties or as_of or stated_only:
            raise UsageError("--from-csv runs on the file's actors: drop the party names, "
                             "--as-of and --stated-only")
        scenario = _scenario(from_csv)
        for line in scenario.warnings:
            tell(f"posdiff: {line}")
        inputs = [i for i in scenario.inputs if not issue or i.issue in issue]
        if issue and len(inputs) < len(set(issue)):
            raise UsageError(f"--issue: the file's dimensions are "
                             f"{', '.join(scenario.dimensions)}")
        setting = Setting(rounds, rule, printable(str(from_csv)))
        results = forecast_issues(inputs, rounds, rule, sensitivity, None)
    else:
        record = read_checked(record_dir, positions, seeds)
        found = api.forecast(record, parties, issues=issue, as_of=as_of_date(as_of, record=record),
                             rounds=rounds, stop_rule=rule, sensitivity=sensitivity,
                             stated_only=stated_only)
        left_out = {party.id for party in found.left_out}
        notes = stated_note([p for p in chosen_parties(record, parties)
                             if p.id not in left_out], stated_only)
        setting = Setting(rounds, rule, "record",
                          found.as_of.isoformat() if found.as_of else None,
                          found.left_out, found.silent)
        results = list(found.issues)
    emit(forecast_report(results, setting, rounds_detail, sensitivity), output, notes)


def _scenario(path: Path) -> Scenario:
    """A KTAB scenario file, read through the same guarded access as the record."""
    from posdiff.analysis.forecast.ktab import read
    from posdiff.record.files import MAX_BYTES, Problem, decode_utf8, read_bytes, too_large

    if path == STDOUT:  # `-`: the standard input, as `-o -` is the standard output
        given = sys.stdin.buffer.read(MAX_BYTES + 1)
        data: bytes | Problem = too_large(len(given)) or given
        shown = "the standard input"
    else:
        try:  # the file the user names, wherever a link of theirs leads: not a record file
            real = path.resolve(strict=True)
        except (OSError, RuntimeError):  # missing, or a link loop: said below
            real = path
        data, shown = read_bytes(real, real.parent), printable(str(path))
    if isinstance(data, Problem):
        raise UsageError(f"--from-csv {printable(str(path))}: {data.message}")
    text, problems = decode_utf8(data, shown)
    if text is None:
        first = problems[-1]
        raise UsageError(f"{first.file}:{first.line}:{first.column}: {first.message}")
    return read(text, shown)


export_app = typer.Typer(cls=Group, help="Write the record in another tool's format.",
                         no_args_is_help=True)


@export_app.command("ktab", cls=Command)
def export_ktab(
    parties: Annotated[list[str] | None, typer.Argument(
        metavar="[PARTIES]...", help="The actors [default: every party that takes sides].",
        autocompletion=party_ids)] = None,
    issue: IssuesOption = None,
    out: Annotated[Path, typer.Option(
        "--output", "-o", metavar="FILE.csv", help="Where to write the scenario.",
        dir_okay=False)] = Path("scenario.csv"),
    force: Annotated[bool, typer.Option("--force", help="Overwrite the file if it exists.")
                     ] = False,
    as_of: AsOfOption = None,
    stated_only: StatedOnlyOption = False,
    record_dir: RecordOption = None,
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

    refuse_unfit(out, (".csv",), "KTAB reads only files ending in .csv")
    refuse_existing(out, force)
    record = read_checked(record_dir, positions, seeds, writing=out)
    chosen, left_out = weighing(chosen_parties(record, parties), named=bool(parties))
    chosen, notes = as_stated(chosen, stated_only)
    inputs = record_inputs(chosen_issues(record, issue), chosen,
                           as_of_date(as_of, record=record))
    try:
        text = write(inputs, "posdiff record", {p.id: p.name for p in chosen})
    except UsageError as exc:
        if not left_out:
            raise
        raise UsageError(str(exc), f"Mediators and observers are actors only when named; "
                         f"left out: {', '.join(p.id for p in left_out)}.") from None
    write_new(out, text.encode("utf-8"), force)
    actors = len(inputs[0].stakes)
    scaled = (f"; saliences divided by {len(inputs)} so each actor's total stays within 100"
              if len(inputs) > 1 else "")
    said = written_where(out)
    said(f"Wrote {output_name(out)}: {count(actors, 'actor')}, "
         f"{count(len(inputs), 'issue')} ({', '.join(i.issue for i in inputs)}){scaled}")
    for note in notes:
        said(note.text)
