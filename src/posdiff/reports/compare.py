"""`posdiff compare`: two parties issue by issue, as tables, notes, JSON and tidy rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

from posdiff.analysis.distance import Comparison, IssueComparison
from posdiff.model import Seed
from posdiff.reports.sheet import Cell, Column, Report, Sheet, Tidy, number, rounded
from posdiff.reports.wording import (
    FAR_APART,
    INFERRED,
    INFERRED_LEGEND,
    POSITIONS_LEGEND,
    as_of_text,
    basis_word,
    claims_data,
    dated_text,
    heat,
    range_text,
)
from posdiff.words import count

# -- compare -----------------------------------------------------------------

SORTS = {
    "issue": lambda row: 0.0,
    "gap": lambda row: -(row.gap or 0.0),
    "salience": lambda row: -(row.weight or 0.0),
}


def compare_report(result: Comparison, seeds: Mapping[str, Seed], sort: str = "issue",
                   with_evidence: bool = False) -> Report:
    a, b = result.a, result.b
    shared = sorted(result.shared, key=SORTS[sort])  # stable: ties keep catalogue order
    title = f"{a.name} vs {b.name}{as_of_text(result.as_of)}: issues both have a position on"
    main = Sheet(title, [
        Column("Issue", key=True), Column(a.name, wide=1), Column(b.name, wide=1),
        Column("Gap", numeric=True), Column("Overlap"), Column("Salience", numeric=True)],
        caption=f"{POSITIONS_LEGEND}, then the date of the entry; {INFERRED_LEGEND}; * : "
                f"the two entries are over {FAR_APART.days} days apart; gap: how far apart "
                "the two positions are, 0..100; overlap: where both acceptable ranges meet; "
                "clash: a red line and no overlap; either marked "
                f"({INFERRED}) rests on an inferred range or red line; — : none (no "
                f"overlap); salience: how much the issue matters to each, {a.name}/{b.name}",
        heat=True)
    for row in shared:
        assert row.a and row.b
        if row.red_line_clash:
            meet = Cell("clash" + (f" ({INFERRED})" if row.clash_inferred else ""), "bold red")
        else:
            meet = Cell(range_text(row.overlap, row.overlap_inferred and bool(row.overlap)),
                        "green" if row.overlap else "dim")
        far = "*" if abs(row.a.as_of - row.b.as_of) > FAR_APART else ""
        main.rows.append([
            Cell(row.issue.id + far), Cell(dated_text(row.issue, row.a)),
            Cell(dated_text(row.issue, row.b)),
            Cell(number(row.gap), heat(row.gap)), meet,
            Cell(f"{number(row.a.salience)}/{number(row.b.salience)}")])
    sheets = [main]
    if result.one_sided:
        apart = Sheet("Only one side has a position", [Column("Issue", key=True), Column("Party"),
                                                  Column("Position", wide=1),
                                                  Column("Salience", numeric=True)])
        for row in result.one_sided:
            party, position = (a, row.a) if row.a else (b, row.b)
            assert position is not None
            apart.rows.append([Cell(row.issue.id), Cell(party.name),
                               Cell(dated_text(row.issue, position)),
                               Cell(number(position.salience))])
        sheets.append(apart)
    if with_evidence:  # the citations are loaded only for it
        from posdiff.reports.citations import evidence_sheets

        sheets += evidence_sheets(((party, position) for row in shared + list(result.one_sided)
                                   for party, position in ((a, row.a), (b, row.b)) if position),
                                  seeds)
    return Report(sheets, compare_data(result, seeds if with_evidence else None),
                  partial(comparison_rows, result, shared),
                  compare_notes(result))


def compare_notes(result: Comparison) -> list[Cell]:
    total = len(result.issues)
    shared = len(result.shared)
    if result.distance is None:
        distance = Cell(f"Distance: none: {result.a.name} and {result.b.name} have no position "
                        f"on a common issue{as_of_text(result.as_of)}, so there is nothing to "
                        "score", "bold yellow")
    else:
        distance = Cell(f"Distance: {number(result.distance)} / 100 (salience-weighted mean "
                        f"gap over {count(shared, 'shared issue')})",
                        "bold " + heat(result.distance))
    notes = [distance, Cell(
        f"Coverage: both have a position on {shared} of {count(total, 'issue')}; "
        f"{len(result.one_sided)} by one side only; {len(result.unstated)} by neither",
        "yellow" if shared < total / 2 else "")]
    clashes = ", ".join(row.issue.id + (f" ({INFERRED})" if row.clash_inferred else "")
                        for row in result.clashes) or "none"
    notes.append(Cell(f"Red-line clashes: {clashes}", "bold red" if result.clashes else ""))
    room = ", ".join(f"{row.issue.id} [{range_text(row.overlap, row.overlap_inferred)}]"
                     for row in result.room_to_agree) or "none"
    notes.append(Cell(f"Room to agree (acceptable ranges overlap): {room}"))
    far = [row for row in result.shared if row.a and row.b
           and abs(row.a.as_of - row.b.as_of) > FAR_APART]
    if far:
        notes.append(Cell(f"Entries over {FAR_APART.days} days apart (*): " + ", ".join(
            f"{row.issue.id} ({row.a.as_of.isoformat()} vs {row.b.as_of.isoformat()})"
            for row in far if row.a and row.b), "yellow"))
    extremes = result.extremes()
    if extremes:
        widest, narrowest = extremes
        notes.append(Cell(f"Widest gap: {widest.issue.id} ({number(widest.gap)}); "
                          f"narrowest: {narrowest.issue.id} ({number(narrowest.gap)})"))
    return notes


def compare_data(result: Comparison, seeds: Mapping[str, Seed] | None) -> dict[str, Any]:
    """The comparison as JSON; with ``seeds``, each position's evidence and its sources."""
    a, b = result.a.id, result.b.id
    if seeds is not None:
        from posdiff.reports.citations import evidence_data

    def issue(row: IssueComparison) -> dict[str, Any]:
        data: dict[str, Any] = {
            "issue": row.issue.id,
            "positions": {a: row.a.value if row.a else None, b: row.b.value if row.b else None},
            "saliences": {a: row.a.salience if row.a else None,
                          b: row.b.salience if row.b else None},
            "dates": {a: row.a.as_of.isoformat() if row.a else None,
                      b: row.b.as_of.isoformat() if row.b else None},
            "acceptable": {p: list(pos.acceptable) if pos and pos.acceptable else None
                           for p, pos in ((a, row.a), (b, row.b))},
            "red_lines": {a: bool(row.a and row.a.red_line), b: bool(row.b and row.b.red_line)},
            "gap": rounded(row.gap),
            "overlap": list(row.overlap) if row.overlap else None,
            "red_line_clash": row.red_line_clash,
            "basis": {"overlap": basis_word(row.overlap_inferred) if row.overlap else None,
                      "red_line_clash": basis_word(row.clash_inferred) if row.red_line_clash
                      else None},
            "claims": {p: claims_data(pos) for p, pos in ((a, row.a), (b, row.b))},
        }
        if seeds is not None:
            data["evidence"] = {p: [evidence_data(e, seeds[e.seed]) for e in pos.evidence]
                                if pos else []
                                for p, pos in ((a, row.a), (b, row.b))}
        return data

    return {
        "parties": [a, b],
        "as_of": result.as_of.isoformat() if result.as_of else None,
        "distance": rounded(result.distance),
        "coverage": {"shared": len(result.shared), "total": len(result.issues)},
        "issues": [issue(row) for row in result.issues],
    }


def comparison_rows(result: Comparison,
                    first: Sequence[IssueComparison] = ()) -> Tidy:
    from posdiff.analysis import rows  # here: only CSV asks for them

    return Tidy(rows.COMPARISON, rows.comparison(result, first))
