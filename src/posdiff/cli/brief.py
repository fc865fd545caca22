"""`posdiff brief`: one HTML page to hand round."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from posdiff.cli.options import (
    READING,
    AsOfOption,
    IssuesOption,
    PositionsOption,
    RecordOption,
    SeedsOption,
    StatedOnlyOption,
    as_of_date,
    as_stated,
    chosen_issues,
    chosen_parties,
    party_ids,
    reading_record,
    record_paths,
)
from posdiff.cli.root import tell
from posdiff.cli.writing import (
    output_name,
    refuse_existing,
    refuse_inside,
    refuse_unfit,
    write_new,
    written_where,
)


def brief(
    parties: Annotated[list[str] | None, typer.Argument(
        metavar="[PARTIES]...", help="Parties to brief on [default: all]; each pair of "
        "them is compared.", autocompletion=party_ids)] = None,
    output: Annotated[Path, typer.Option(
        "--output", "-o", metavar="FILE", help="Where to write the page, e.g. brief.html.",
        dir_okay=False, show_default=False)] = ...,  # type: ignore[assignment]
    issue: IssuesOption = None,
    as_of: AsOfOption = None,
    stated_only: StatedOnlyOption = False,
    force: Annotated[bool, typer.Option(
        "--force", help="Overwrite the page if it exists.")] = False,
    record_dir: RecordOption = None,
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
    from posdiff.reports.brief.page import build_brief
    from posdiff.words import count

    refuse_existing(output, force)
    refuse_unfit(output, (".html", ".htm"), "the brief is an HTML page")
    paths = record_paths(record_dir, positions, seeds)
    refuse_inside(output, paths)
    with reading_record("brief: checking quotes") as progress:
        report = run_check(paths, progress=progress, reading=progress.stage(READING))
    record = report.record
    # The catalogue's title, else the record's folder by name: never a path, which would
    # leave the machine with the page.
    title = record.title or ("the example record shipped with posdiff" if paths.shipped
                             else paths.positions.resolve().parent.name)
    chosen, _ = as_stated(chosen_parties(record, parties), stated_only)
    page = build_brief(report, title, chosen, bool(parties), chosen_issues(record, issue),
                       as_of_date(as_of, record=record), stated_only,
                       (paths.positions, paths.seeds))
    data = render_brief(page).encode("utf-8")
    write_new(output, data, force)
    # What the page shows; of a record that fails check, what of it could be shown.
    summary = report.summary()
    shown = {"party": len(page.parties), "issue": len(page.issues),
             "quote": sum(len(e.quotes) for e in page.evidence.entries)}
    of = {} if page.check.ok else {"party": summary["parties"], "issue": summary["issues"],
                                   "quote": summary["quotes"]}
    written_where(output)(
        f"Wrote {output_name(output)} ({len(data):,} bytes): " + ", ".join(
            count(n, noun, "parties" if noun == "party" else "")
            + (f" of the {of[noun]:,} read" if noun in of and of[noun] != n else "")
            for noun, n in shown.items()) + ".")
    if not page.check.ok:
        tell(f"posdiff: the record fails check ({count(page.check.errors, 'error')}); the "
             "page says so at the top. Run `posdiff check` to see "
             f"{'it' if page.check.errors == 1 else 'them'}.")
        raise typer.Exit(1)
