"""The commands about a record's history: `diff` (what a change to the record moves) and
`trend` (distance over time). Each loads what it compares, calls one analysis, builds one
report and emits it."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from posdiff.cli.options import (
    READING,
    AsOfOption,
    FormatOption,
    IssuesOption,
    OwnPositionsOption,
    OwnRecordOption,
    PositionsOption,
    RecordOption,
    SeedsOption,
    StatedOnlyOption,
    as_of_date,
    emit,
    party_ids,
    read_checked,
    reading_record,
    stated_note,
)
from posdiff.errors import UsageError

DiffFormat = Literal["table", "json", "markdown"]  # in the order its help gives them

if TYPE_CHECKING:
    from posdiff.record.paths import RecordPaths


def diff(
    old: Annotated[str | None, typer.Argument(
        metavar="[OLD]", help="The version compared against: a git revision of the "
        "repository holding the record, or a record's folder [default: HEAD].")] = None,
    new: Annotated[str | None, typer.Argument(
        metavar="[NEW]", help="The version compared with it, a revision or a folder "
        "[default: the working tree].")] = None,
    exit_code: Annotated[bool, typer.Option(
        "--exit-code", help="Exit 1 when a finding moved or a version fails check, as "
        "`git diff --exit-code` does when anything differs.")] = False,
    as_of: AsOfOption = None,
    stated_only: StatedOnlyOption = False,
    output: Annotated[DiffFormat, typer.Option(
        "--format", "-f", help="table, json, or markdown (made to be posted as a "
        "pull-request comment).")] = "table",
    record_dir: OwnRecordOption = None,
    positions: OwnPositionsOption = None,
    seeds: SeedsOption = None,
) -> None:
    """What a change to the record does: the check of each version, the entries added,
    removed and changed, then every finding that moved (distances, shared issues,
    overlaps, red-line clashes, compromise points, coverage). A revision is read with git
    into a temporary folder: nothing is checked out, no file is changed.

    Example: posdiff diff origin/main --format markdown
    """
    from posdiff import api
    from posdiff.record.cache import ReadCache
    from posdiff.record.revisions import opened
    from posdiff.reports.diff import Version, diff_report

    day = as_of_date(as_of)
    here = cache(lambda: _users_record(record_dir, positions, seeds))
    versions = []
    # The new version is mostly the old one: fetch from git and read only what differs.
    read, written = ReadCache(), dict[str, Path]()
    with opened(old or "HEAD", here, written) as before, opened(new, here, written) as after:
        for name, side in (("old", before), ("new", after)):
            with reading_record(f"diff: checking the {name} version") as progress:
                versions.append(Version(side, api.check(
                    where=side.paths, progress=progress, reading=progress.stage(READING),
                    cache=read)))
    checked = all(version.check.ok() for version in versions)
    found = api.diff(versions[0].check.record, versions[1].check.record, as_of=day,
                     stated_only=stated_only) if checked else None
    emit(diff_report(versions, found), output)
    if exit_code and (found is None or found.moved):
        raise typer.Exit(1)


def _users_record(record_dir: Path | None, positions: Path | None,
                  seeds: Path | None) -> RecordPaths:
    """The user's own record: like `check`, `diff` never falls back to the example shipped
    with posdiff (whose history is posdiff's, not the user's)."""
    from posdiff.record.paths import resolve_paths

    paths = resolve_paths(positions, seeds, root=record_dir)
    if paths.shipped:
        raise UsageError("no record here or above: no positions/ folder with issues.yaml (or "
                         "beside a seeds/ folder) in this folder or any above it; run "
                         "posdiff diff inside a record's repository or point at one with "
                         "--record DIR")
    return paths


def trend(
    parties: Annotated[list[str] | None, typer.Argument(
        metavar="[PARTIES]...", help="Two parties for their pair point by point; none or "
        "several for every pair of them [default: all].",
        autocompletion=party_ids)] = None,
    issue: IssuesOption = None,
    as_of: AsOfOption = None,
    stated_only: StatedOnlyOption = False,
    output: FormatOption = "table",
    record_dir: RecordOption = None,
    positions: PositionsOption = None,
    seeds: SeedsOption = None,
) -> None:
    """Distance over time: for two parties, the distance at each date where either's
    record changes and what moved it; for several, one row per pair, converging first.
    The verdict: converging or diverging when the distance moved 5 points or more.

    Example: posdiff trend PARTY_A PARTY_B
    """
    from posdiff import api
    from posdiff.reports.trend import trend_report

    record = read_checked(record_dir, positions, seeds)
    found = api.trend(record, parties, issues=issue, as_of=as_of_date(as_of, record=record),
                      stated_only=stated_only)
    notes = stated_note(api.select_parties(record, parties), stated_only)
    emit(trend_report(found, one_pair=len(found.parties) == 2), output, notes)
