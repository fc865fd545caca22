"""`posdiff compromise`: the compromise points per issue and who could accept them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial

from posdiff.analysis.compromise import Compromise
from posdiff.model import Basis, Party
from posdiff.reports.sheet import Cell, Column, Report, Sheet, Tidy, number, rounded
from posdiff.reports.wording import (
    POSITIONS_LEGEND,
    acceptable_text,
    as_of_text,
    position_text,
)

# -- compromise --------------------------------------------------------------

def _names(parties: Sequence[Party]) -> str:
    return ", ".join(p.id for p in parties) or "nobody"


def _acceptors(result: Compromise, point: float | None) -> Cell:
    """Whose range holds the point; — where there is no point to hold."""
    return Cell("—" if point is None else _names(result.acceptors(point)))


def compromise_report(results: Sequence[Compromise], parties: Sequence[Party],
                      as_of: dt.date | None, detail: bool, left_out: Sequence[Party] = (),
                      stated_only: bool = False) -> Report:
    summary = Sheet(f"Compromise points over {_names(parties)}{as_of_text(as_of)}", [
        Column("Issue", key=True), Column("Holding", numeric=True), Column("Mean", numeric=True),
        Column("Mean acceptable to", wide=1), Column("Median", numeric=True),
        Column("Median acceptable to", wide=1)],
        caption="holding: how many of the parties weighed have a position on the issue, of "
                "all weighed; "
                "mean, median: the compromise points, weights salience × clout (on an exact "
                "split of the weight the median is midway between the two positions, where "
                "the forecast's model takes the lower); acceptable "
                "to: whose range holds the point (a party without a range accepts only its "
                "position), nobody: no one's; — : no point, as no one weighed has a position on it "
                "or every weight there is 0"
                + ("; only ranges a quote states" if stated_only else ""))
    for result in results:
        stated = len(result.stakes)
        summary.rows.append([
            Cell(result.issue.id), Cell(f"{stated}/{stated + len(result.silent)}"),
            Cell(number(result.mean)), _acceptors(result, result.mean),
            Cell(number(result.median)), _acceptors(result, result.median)])
    sheets = [summary]
    if detail:
        for result in results:
            sheets.append(_stakes_sheet(result))
    data = {
        "parties": [p.id for p in parties],
        "left_out": [{"party": p.id, "role": p.role.value} for p in left_out],
        "stated_only": stated_only,
        "as_of": as_of.isoformat() if as_of else None,
        "issues": [{
            "issue": r.issue.id,
            "mean": rounded(r.mean), "median": rounded(r.median),
            "mean_acceptable_to": [p.id for p in r.acceptors(r.mean)],
            "median_acceptable_to": [p.id for p in r.acceptors(r.median)],
            "positions": {s.party.id: s.position.value for s in r.stakes},
            "weights": {s.party.id: s.weight for s in r.stakes},
            "silent": [p.id for p in r.silent],
            "inferred_positions": [s.party.id for s in r.stakes if s.position.inferred],
            "inferred_ranges": [s.party.id for s in r.stakes
                                if s.position.acceptable_basis is Basis.INFERRED],
        } for r in results],
    }
    notes = [Cell("Not weighed (they take no side; name them to include them): "
                  + ", ".join(f"{p.id} ({p.role.value})" for p in left_out), "dim")] \
        if left_out else []
    return Report(sheets, data, partial(compromise_rows, results), notes)


def _stakes_sheet(result: Compromise) -> Sheet:
    sheet = Sheet(f"{result.issue.id}: who stands where", [
        Column("Party"), Column("Position", wide=1), Column("Salience", numeric=True),
        Column("Clout", numeric=True), Column("Weight", numeric=True),
        Column("Acceptable", numeric=True), Column("Accepts mean"), Column("Accepts median")],
        caption=f"{POSITIONS_LEGEND}; weight: salience × clout; acceptable: the range it "
                "could live with, — : none, so it accepts only its position")
    for stake in result.stakes:
        accepts = [stake.accepts(p) if p is not None else False
                   for p in (result.mean, result.median)]
        sheet.rows.append([
            Cell(stake.party.id), Cell(position_text(result.issue, stake.position)),
            Cell(number(stake.position.salience)), Cell(number(stake.party.clout, 2)),
            Cell(number(stake.weight)), Cell(acceptable_text(stake.position)),
            *(Cell("yes", "green") if ok else Cell("no", "red") for ok in accepts)])
    if result.silent:
        sheet.caption += f"; no position on this issue: {_names(result.silent)}"
    return sheet


def compromise_rows(results: Sequence[Compromise]) -> Tidy:
    from posdiff.analysis import rows  # here: only CSV asks for them

    return Tidy(rows.COMPROMISES, rows.compromises(results))
