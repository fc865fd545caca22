"""The analyses' results as tidy rows: one row per observation, stable column names that
are ids, plain values (None for a missing one). They are what `rows()` of each result
gives a Python user (ready for `pandas.DataFrame(rows)`) and what `--format csv` writes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from posdiff.model import Basis, Position

if TYPE_CHECKING:
    from posdiff.analysis.changes import Move
    from posdiff.analysis.compromise import Compromise
    from posdiff.analysis.distance import Comparison, IssueComparison, Matrix
    from posdiff.analysis.forecast.inputs import IssueForecast
    from posdiff.analysis.trend import Trend

Row = dict[str, Any]

LIMIT_FIELDS = ("acceptable_low", "acceptable_high", "acceptable_basis", "red_line",
                "red_line_basis")


def limits(position: Position | None) -> Row:
    if position is None:
        return dict.fromkeys(LIMIT_FIELDS)
    low, high = position.acceptable or (None, None)
    return {"acceptable_low": low, "acceptable_high": high,
            "acceptable_basis": _word(position.acceptable_basis),
            "red_line": position.red_line, "red_line_basis": _word(position.red_line_basis)}


def _word(basis: Basis | None) -> str | None:
    """A basis as the plain text a row holds."""
    return None if basis is None else basis.value


SIDE_FIELDS = ("as_of", "position", "position_basis", "salience", *LIMIT_FIELDS)


def _side(position: Position | None) -> Row:
    return {"as_of": position.as_of if position else None,
            "position": position.value if position else None,
            "position_basis": position.position_basis.value if position else None,
            "salience": position.salience if position else None, **limits(position)}


def _named(fields: Row, pattern: str) -> Row:
    return {pattern.format(name): value for name, value in fields.items()}


def basis_of(inferred: bool) -> str:
    """The basis of an overlap or a clash: inferred when it rests on an inferred limit."""
    return (Basis.INFERRED if inferred else Basis.STATED).value


COMPARISON = ("issue", "party_a", "party_b", *(f"{f}_a" for f in SIDE_FIELDS),
              *(f"{f}_b" for f in SIDE_FIELDS), "gap", "overlap_low", "overlap_high",
              "overlap_basis", "red_line_clash", "clash_basis")


def comparison(result: Comparison, first: Sequence[IssueComparison] = ()) -> list[Row]:
    """Every issue asked about; ``first`` (the shared issues in the order a table shows
    them) leads, the rest follow in catalogue order."""
    rows = []
    for row in [*first, *(r for r in result.issues if r not in first)]:
        overlap = row.overlap or (None, None)
        rows.append({
            "issue": row.issue.id, "party_a": result.a.id, "party_b": result.b.id,
            **_named(_side(row.a), "{}_a"), **_named(_side(row.b), "{}_b"),
            "gap": row.gap, "overlap_low": overlap[0], "overlap_high": overlap[1],
            "overlap_basis": basis_of(row.overlap_inferred) if row.overlap else None,
            "red_line_clash": row.red_line_clash if row.shared else None,
            "clash_basis": basis_of(row.clash_inferred) if row.red_line_clash else None,
        })
    return rows


MATRIX = ("party_a", "party_b", "distance", "shared_issues", "inferred_issues", "issues")


def matrix(result: Matrix) -> list[Row]:
    ids = [p.id for p in result.parties]
    return [{"party_a": a, "party_b": b, "distance": result.distance[a][b],
             "shared_issues": result.shared[a][b],
             "inferred_issues": result.inferred[a][b], "issues": len(result.issues)}
            for a in ids for b in ids if a != b]


COMPROMISES = ("issue", "parties_stating", "parties_weighed", "mean", "mean_acceptable_to",
               "median", "median_acceptable_to")


def compromises(results: Sequence[Compromise]) -> list[Row]:
    return [{
        "issue": r.issue.id, "parties_stating": len(r.stakes),
        "parties_weighed": len(r.stakes) + len(r.silent), "mean": r.mean,
        "mean_acceptable_to": [p.id for p in r.acceptors(r.mean)], "median": r.median,
        "median_acceptable_to": [p.id for p in r.acceptors(r.median)],
    } for r in results]


CHANGES = ("party", "issue", "changed", "shift", *(f"from_{f}" for f in SIDE_FIELDS),
           *(f"to_{f}" for f in SIDE_FIELDS))


def changes(found: Sequence[Move]) -> list[Row]:
    return [{
        "party": move.party.id, "issue": move.issue.id, "changed": list(move.changed),
        "shift": move.shift, **_named(_side(move.before), "from_{}"),
        **_named(_side(move.after), "to_{}"),
    } for move in found]


FORECAST = ("issue", "round", "actor", "position", "risk", "move", "towards", "median", "mean",
            "outcome", "cycle_period")


def forecast(results: Sequence[IssueForecast]) -> list[Row]:
    """One row per issue, round and actor."""
    rows = []
    for result in results:
        run = result.run
        names = [a.name for a in run.actors]
        for played in run.rounds:
            moves = {m.actor: m for m in played.moves}
            for index, name in enumerate(names):
                move = moves.get(index)
                rows.append({
                    "issue": result.input.issue, "round": played.number, "actor": name,
                    "position": played.positions[index],
                    "risk": played.risk[index] if played.risk else None,
                    "move": move.kind.value if move else None,
                    "towards": names[move.towards] if move else None,
                    "median": played.median, "mean": played.mean, "outcome": run.outcome,
                    "cycle_period": run.cycle.period if run.cycle else None})
    return rows


TRENDS = ("party_a", "party_b", "date", "distance", "shared_issues", "change", "verdict")


def trends(found: Sequence[Trend]) -> list[Row]:
    """One row per pair and dated point (one without a date for a pair with none):
    ``change`` is the pair's, last distance minus first, on each of its rows."""
    return [{"party_a": t.a.id, "party_b": t.b.id, "date": point.day if point else None,
             "distance": point.distance if point else None,
             "shared_issues": point.shared if point else None, "change": t.change,
             "verdict": t.verdict}
            for t in found for point in (t.points or (None,))]
