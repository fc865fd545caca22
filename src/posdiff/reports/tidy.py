"""Each command's results as tidy rows for CSV: one row per observation, stable column
names that are ids, plain values (None for a missing one), no decoration."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from posdiff.analysis.changes import Move
from posdiff.analysis.compromise import Compromise
from posdiff.analysis.distance import Comparison, IssueComparison, Matrix
from posdiff.analysis.strength import Strength
from posdiff.model import Issue, Party, Position, Record, Voice
from posdiff.reports.sheet import Tidy
from posdiff.reports.wording import basis_word

if TYPE_CHECKING:
    from posdiff.record.seeds import SeedUse

LIMIT_FIELDS = ("acceptable_low", "acceptable_high", "acceptable_basis", "red_line",
                "red_line_basis")


def _limits(position: Position | None) -> dict[str, Any]:
    if position is None:
        return dict.fromkeys(LIMIT_FIELDS)
    low, high = position.acceptable or (None, None)
    return {"acceptable_low": low, "acceptable_high": high,
            "acceptable_basis": position.acceptable_basis, "red_line": position.red_line,
            "red_line_basis": position.red_line_basis}


SIDE_FIELDS = ("as_of", "position", "position_basis", "salience", *LIMIT_FIELDS)


def _side(position: Position | None) -> dict[str, Any]:
    return {"as_of": position.as_of if position else None,
            "position": position.value if position else None,
            "position_basis": position.position_basis if position else None,
            "salience": position.salience if position else None, **_limits(position)}


def _named(fields: dict[str, Any], pattern: str) -> dict[str, Any]:
    return {pattern.format(name): value for name, value in fields.items()}


COMPARISON = ("issue", "party_a", "party_b", *(f"{f}_a" for f in SIDE_FIELDS),
              *(f"{f}_b" for f in SIDE_FIELDS), "gap", "overlap_low", "overlap_high",
              "overlap_basis", "red_line_clash", "clash_basis")


def comparison(result: Comparison, first: Sequence[IssueComparison] = ()) -> Tidy:
    """Every issue asked about; ``first`` (the shared issues in the order the table shows
    them) leads, the rest follow in catalogue order."""
    rows = []
    for row in [*first, *(r for r in result.rows if r not in first)]:
        overlap = row.overlap or (None, None)
        rows.append({
            "issue": row.issue.id, "party_a": result.a.id, "party_b": result.b.id,
            **_named(_side(row.a), "{}_a"), **_named(_side(row.b), "{}_b"),
            "gap": row.gap, "overlap_low": overlap[0], "overlap_high": overlap[1],
            "overlap_basis": basis_word(row.overlap_inferred) if row.overlap else None,
            "red_line_clash": row.red_line_clash if row.shared else None,
            "clash_basis": basis_word(row.clash_inferred) if row.red_line_clash else None,
        })
    return Tidy(COMPARISON, rows)


MATRIX = ("party_a", "party_b", "distance", "shared_issues", "inferred_issues", "issues")


def matrix(result: Matrix) -> Tidy:
    ids = [p.id for p in result.parties]
    return Tidy(MATRIX, [{"party_a": a, "party_b": b, "distance": result.distance[a][b],
                  "shared_issues": result.shared[a][b],
                  "inferred_issues": result.inferred[a][b], "issues": len(result.issues)}
                 for a in ids for b in ids if a != b])


COMPROMISES = ("issue", "parties_stating", "parties_weighed", "mean", "mean_acceptable_to",
               "median", "median_acceptable_to")


def compromises(results: Sequence[Compromise]) -> Tidy:
    return Tidy(COMPROMISES, [{
        "issue": r.issue.id, "parties_stating": len(r.stakes),
        "parties_weighed": len(r.stakes) + len(r.silent), "mean": r.mean,
        "mean_acceptable_to": [p.id for p in r.acceptors(r.mean)], "median": r.median,
        "median_acceptable_to": [p.id for p in r.acceptors(r.median)],
    } for r in results])


PARTIES = ("party", "name", "role", "aliases", "clout", "issues_stated", "issues",
           "positions_stated", "positions_inferred", *(f"quotes_{v}" for v in Voice),
           "quotes_voice_not_given", "entries")


def parties(record: Record, strength: dict[str, Strength]) -> Tidy:
    rows = []
    for p in record.parties.values():
        held = strength[p.id]
        rows.append({
            "party": p.id, "name": p.name, "role": p.role.value, "aliases": list(p.aliases),
            "clout": p.clout, "issues_stated": len(held.stated) + len(held.inferred),
            "issues": len(record.issues), "positions_stated": len(held.stated),
            "positions_inferred": len(held.inferred),
            **{f"quotes_{v}": held.voices[v] for v in Voice},
            "quotes_voice_not_given": held.voices[None], "entries": len(p.positions)})
    return Tidy(PARTIES, rows)


ISSUES = ("issue", "title", "question", "point", "label", "description")


def issues(chosen: Sequence[Issue]) -> Tidy:
    return Tidy(ISSUES, [{
        "issue": i.id, "title": i.title, "question": i.question, "point": point.at,
        "label": point.label, "description": point.description,
    } for i in chosen for point in i.scale])


COVERAGE = ("issue", "party", "stated", "position", "position_basis", "salience", "as_of")


def coverage(issues: Iterable[Issue], parties: Sequence[Party],
             stated: dict[str, dict[str, Position]]) -> Tidy:
    rows = []
    for issue in issues:
        for party in parties:
            position = stated[party.id].get(issue.id)
            rows.append({"issue": issue.id, "party": party.id,
                         "stated": position is not None,
                         "position": position.value if position else None,
                         "position_basis": position.position_basis if position else None,
                         "salience": position.salience if position else None,
                         "as_of": position.as_of if position else None})
    return Tidy(COVERAGE, rows)


POSITIONS = ("party", "issue", "as_of", "position", "label", "position_basis", "salience",
             *LIMIT_FIELDS, "note", "reason", "stance", "quotes")


def positions(party: Party, entries: Sequence[Position]) -> Tidy:
    return Tidy(POSITIONS, [{
        "party": party.id, "issue": p.issue, "as_of": p.as_of, "position": p.value,
        "label": p.label, "position_basis": p.position_basis, "salience": p.salience,
        **_limits(p), "note": p.note,
        "reason": p.reason, "stance": p.stance, "quotes": len(p.evidence),
    } for p in entries])


CHANGES = ("party", "issue", "changed", "shift", *(f"from_{f}" for f in SIDE_FIELDS),
           *(f"to_{f}" for f in SIDE_FIELDS))


def changes(found: Sequence[Move]) -> Tidy:
    return Tidy(CHANGES, [{
        "party": move.party.id, "issue": move.issue.id, "changed": list(move.changed),
        "shift": move.shift, **_named(_side(move.before), "from_{}"),
        **_named(_side(move.after), "to_{}"),
    } for move in found])


SEEDS = ("seed", "file", "outlet", "author", "title", "date", "url", "bytes", "sha256", "pin",
         "quotes", "cited_by")


def seeds(uses: Sequence[SeedUse]) -> Tidy:
    return Tidy(SEEDS, [{
        "seed": u.seed.id, "file": u.seed.file, "outlet": u.seed.outlet,
        "author": u.seed.author, "title": u.seed.title, "date": u.seed.date,
        "url": u.seed.url, "bytes": u.size, "sha256": u.sha256, "pin": u.pin,
        "quotes": u.quotes, "cited_by": list(u.parties),
    } for u in uses])
