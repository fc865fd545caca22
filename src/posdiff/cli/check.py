"""`posdiff check` and `posdiff seeds`: the record as check finds it."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Literal

import typer

from posdiff.cli.options import (
    READING,
    FormatOption,
    OwnPositionsOption,
    OwnRecordOption,
    PositionsOption,
    RecordOption,
    SeedsOption,
    emit,
    reading_record,
    record_paths,
    whole_number,
)
from posdiff.errors import InvalidRecord, UsageError

# table: the word every other command uses for what people read, the same as text
CheckFormat = Literal["text", "table", "json", "github"]


def check(
    record_dir: OwnRecordOption = None,
    positions: OwnPositionsOption = None,
    seeds: SeedsOption = None,
    output: Annotated[CheckFormat | None, typer.Option(
        "--format", "-f", help="text (or table, as the other commands call it), json or "
        "github [default: github under GitHub Actions, else text].")] = None,
    strict: Annotated[bool, typer.Option(help="Fail on warnings too.")] = False,
    min_words: Annotated[int, typer.Option(
        metavar="N", parser=whole_number(1), help="A quote (or part of an elided quote) "
        "with fewer words is an error unless a prefix or suffix makes it occur exactly once.")] = 4,
    min_score: Annotated[str | None, typer.Option(hidden=True)] = None,
) -> None:
    """Validate the record and locate every quote in its seed.

    Exit 0 when clean, 1 when there are errors (or warnings with --strict).

    Example: posdiff check --strict --format github
    """
    from posdiff.record.check import run_check
    from posdiff.record.paths import resolve_paths
    from posdiff.render.check_report import CHECK_FORMATS

    if min_score is not None:
        raise UsageError("--min-score is gone: a quote now passes only when its words occur "
                         "in the seed as written (see `posdiff docs quotes`); drop the "
                         "option")
    chosen = output or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    paths = resolve_paths(positions, seeds, root=record_dir)
    if paths.shipped:  # a hook in the wrong folder must not pass by checking ours
        raise UsageError("no record here or above: no positions/ folder with issues.yaml "
                         "(or beside a seeds/ folder) in this folder or any above it; run "
                         "posdiff check inside a record or point at one with --record DIR")
    with reading_record("check: quotes") as progress:
        report = run_check(paths, min_words, progress, progress.stage(READING))
    CHECK_FORMATS[chosen](report, sys.stdout, strict)
    raise typer.Exit(0 if report.ok(strict) else 1)


def seeds(
    output: FormatOption = "table",
    record_dir: RecordOption = None,
    positions: PositionsOption = None,
    seeds: SeedsOption = None,
) -> None:
    """List the seeds: source, size, pin (sha256), how many quotes cite each and who.
    It reads a record that fails check too (it scores nothing), to help find out why.

    Example: posdiff seeds --format csv
    """
    from posdiff.record.check import run_check
    from posdiff.record.seeds import seed_uses
    from posdiff.reports.record import seeds_report

    paths = record_paths(record_dir, positions, seeds)
    with reading_record("checking quotes") as progress:  # the errors check would find
        report = run_check(paths, progress=progress, reading=progress.stage(READING))
    emit(seeds_report(seed_uses(report.record)), output)
    # A record that fails check is listed all the same, to help find why, then refused.
    if errors := [d for d in report.diagnostics if d.is_error]:
        raise InvalidRecord(errors, "The seeds listed are those the record could be read "
                            "with, and their quotes those of the entries it could read.")
