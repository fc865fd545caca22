"""The commands that read positions: compare, matrix, compromise, parties, issues,
coverage, changes and show. Each loads the checked record, calls one analysis, builds one
report and emits it."""

from __future__ import annotations

from typing import Annotated

import typer

from posdiff.cli.options import (
    AsOfOption,
    FormatOption,
    IssuesOption,
    PositionsOption,
    RecordOption,
    SeedsOption,
    SortKey,
    StatedOnlyOption,
    as_of_date,
    as_stated,
    chosen_issues,
    emit,
    party_ids,
    read_checked,
    stated_note,
)
from posdiff.errors import UsageError


def compare(
    party_a: Annotated[str, typer.Argument(metavar="A", help="A party id, alias or name.",
                                           autocompletion=party_ids)],
    party_b: Annotated[str, typer.Argument(metavar="B", help="Another party.",
                                           autocompletion=party_ids)],
    issue: IssuesOption = None,
    as_of: AsOfOption = None,
    sort: Annotated[SortKey, typer.Option(
        help="Order of the rows: issue (catalogue order), gap (widest first) or salience."
    )] = "issue",
    evidence: Annotated[bool, typer.Option(
        "--evidence", help="Show the quote behind each position, with its seed and line.")] = False,
    stated_only: StatedOnlyOption = False,
    output: FormatOption = "table",
    record_dir: RecordOption = None,
    positions: PositionsOption = None,
    seeds: SeedsOption = None,
) -> None:
    """Diff two parties issue by issue, with gaps, overlaps, red lines and a distance.

    Example: posdiff compare PARTY_A PARTY_B --sort gap --evidence
    """
    from posdiff import api
    from posdiff.reports.compare import compare_report

    record = read_checked(record_dir, positions, seeds)
    result = api.compare(record, party_a, party_b, issues=issue,
                         as_of=as_of_date(as_of, record=record), stated_only=stated_only)
    notes = stated_note([record.party(party_a), record.party(party_b)], stated_only)
    emit(compare_report(result, record.seeds, sort, evidence), output, notes)


def matrix(
    parties: Annotated[list[str] | None, typer.Argument(
        metavar="[PARTIES]...", help="Parties to set against each other [default: all].",
        autocompletion=party_ids)] = None,
    issue: IssuesOption = None,
    listed: Annotated[str | None, typer.Option(
        "--parties", "-p", hidden=True, help="Comma-separated parties (older spelling of "
        "the positional PARTIES).")] = None,
    as_of: AsOfOption = None,
    stated_only: StatedOnlyOption = False,
    output: FormatOption = "table",
    record_dir: RecordOption = None,
    positions: PositionsOption = None,
    seeds: SeedsOption = None,
) -> None:
    """Every party against every other: distance and shared issues, heat-coloured.

    Example: posdiff matrix PARTY_A PARTY_B PARTY_C --issue ISSUE
    """
    from posdiff import api
    from posdiff.render.console import TerminalProgress
    from posdiff.reports.matrix import matrix_report

    record = read_checked(record_dir, positions, seeds)
    named = [*(parties or []), *(listed.split(",") if listed else [])]
    with TerminalProgress("matrix: rows") as progress:
        result = api.matrix(record, named, issues=issue, as_of=as_of_date(as_of, record=record),
                            stated_only=stated_only, progress=progress)
    notes = stated_note(api.select_parties(record, named), stated_only)
    emit(matrix_report(result), output, notes)


def compromise(
    parties: Annotated[list[str] | None, typer.Argument(
        metavar="[PARTIES]...", help="Parties to weigh [default: all but mediators and "
        "observers].", autocompletion=party_ids)] = None,
    issue: IssuesOption = None,
    as_of: AsOfOption = None,
    stated_only: StatedOnlyOption = False,
    output: FormatOption = "table",
    record_dir: RecordOption = None,
    positions: PositionsOption = None,
    seeds: SeedsOption = None,
) -> None:
    """Compromise points per issue (salience x clout weighted mean and median) and who
    could accept them. Mediators and observers are weighed only when named.

    Example: posdiff compromise PARTY_A PARTY_B --issue ISSUE
    """
    from posdiff import api
    from posdiff.reports.compromise import compromise_report

    record = read_checked(record_dir, positions, seeds)
    found = api.compromise(record, parties, issues=issue, as_of=as_of_date(as_of, record=record),
                           stated_only=stated_only)
    notes = stated_note([record.parties[p.id] for p in found.parties], stated_only)
    emit(compromise_report(found.issues, found.parties, found.as_of, detail=bool(issue),
                           left_out=found.left_out, stated_only=stated_only), output, notes)


def parties(
    as_of: AsOfOption = None,
    output: FormatOption = "table",
    record_dir: RecordOption = None,
    positions: PositionsOption = None,
    seeds: SeedsOption = None,
) -> None:
    """List the parties with their aliases, coverage and evidence strength (positions
    stated and inferred, quotes by voice).

    Example: posdiff parties --format json
    """
    from posdiff.reports.record import parties_report

    record = read_checked(record_dir, positions, seeds)
    emit(parties_report(record, as_of_date(as_of, record=record)), output)


def issues(
    issue: IssuesOption = None,
    long: Annotated[bool, typer.Option(
        "--long", "-l", help="Show each question and the labelled points of its scale.")
    ] = False,
    output: FormatOption = "table",
    record_dir: RecordOption = None,
    positions: PositionsOption = None,
    seeds: SeedsOption = None,
) -> None:
    """List the issue catalogue: id, title and who has a position on each issue; --long or --issue
    adds the question and the labelled points of each scale.

    Example: posdiff issues --issue ISSUE
    """
    from posdiff.reports.record import issues_report

    record = read_checked(record_dir, positions, seeds)
    chosen = chosen_issues(record, issue)
    emit(issues_report(record, chosen, long=long or bool(issue)), output)


def coverage(
    as_of: AsOfOption = None,
    stated_only: StatedOnlyOption = False,
    output: FormatOption = "table",
    record_dir: RecordOption = None,
    positions: PositionsOption = None,
    seeds: SeedsOption = None,
) -> None:
    """Party x issue table of the positions each party holds, inferred ones marked (a
    gap is never imputed).

    Example: posdiff coverage --as-of 2025-03-01
    """
    from posdiff.reports.record import coverage_report

    record = read_checked(record_dir, positions, seeds)
    chosen, notes = as_stated(list(record.parties.values()), stated_only)
    emit(coverage_report(record, chosen, as_of_date(as_of, record=record)), output, notes)


def changes(
    parties: Annotated[list[str] | None, typer.Argument(
        metavar="[PARTIES]...", help="Parties to follow [default: all].",
        autocompletion=party_ids)] = None,
    issue: IssuesOption = None,
    since: Annotated[str | None, typer.Option(
        metavar="DATE", help="Only changes dated on or after DATE (a date such as "
        "2025-03-18).")] = None,
    until: Annotated[str | None, typer.Option(
        metavar="DATE", help="Only changes dated on or before DATE.")] = None,
    stated_only: StatedOnlyOption = False,
    output: FormatOption = "table",
    record_dir: RecordOption = None,
    positions: PositionsOption = None,
    seeds: SeedsOption = None,
) -> None:
    """What has changed: each new dated entry of a party on an issue, with the shift.

    Example: posdiff changes PARTY --since 2025-03-01
    """
    from posdiff import api
    from posdiff.reports.changes import changes_report

    record = read_checked(record_dir, positions, seeds)
    start, end = as_of_date(since, "--since"), as_of_date(until, "--until")
    if start and end and start > end:
        raise UsageError(f"--since {start.isoformat()} is after --until {end.isoformat()}; "
                         "give the earlier date to --since")
    found = api.changes(record, parties, issues=issue, since=start, until=end,
                        stated_only=stated_only)
    notes = stated_note(api.select_parties(record, parties), stated_only)
    emit(changes_report(found.moves, start, end, record.seeds), output, notes)


def show(
    party: Annotated[str, typer.Argument(metavar="PARTY", help="A party id, alias or name.",
                                         autocompletion=party_ids)],
    issue: IssuesOption = None,
    as_of: AsOfOption = None,
    history: Annotated[bool, typer.Option(
        "--history", help="Every dated entry, not only the one in force.")] = False,
    stated_only: StatedOnlyOption = False,
    output: FormatOption = "table",
    record_dir: RecordOption = None,
    positions: PositionsOption = None,
    seeds: SeedsOption = None,
) -> None:
    """A party's positions with their evidence, each quote shown in its seed's context.

    Example: posdiff show PARTY --issue ISSUE --history
    """
    from posdiff.reports.record import show_report

    record = read_checked(record_dir, positions, seeds)
    (shown,), notes = as_stated([record.party(party)], stated_only)
    chosen = chosen_issues(record, issue) if issue else None
    emit(show_report(record, shown, as_of_date(as_of, record=record), chosen, history),
         output, notes)
