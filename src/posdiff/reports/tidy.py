"""The record's listings (parties, issues, coverage, positions, seeds) as tidy rows for
CSV: one row per observation, stable column names that are ids, plain values (None for a
missing one), no decoration. The analyses' results give their rows themselves
(`posdiff.analysis.rows`), which each report makes only when CSV is asked for."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from posdiff.analysis import rows
from posdiff.model import Voice
from posdiff.reports.sheet import Tidy

if TYPE_CHECKING:
    from posdiff.analysis.strength import Strength
    from posdiff.model import Issue, Party, Position, Record
    from posdiff.record.seeds import SeedUse

PARTIES = ("party", "name", "role", "aliases", "clout", "issues_stated", "issues",
           "positions_stated", "positions_inferred", *(f"quotes_{v}" for v in Voice),
           "quotes_voice_not_given", "entries")


def parties(record: Record, strength: dict[str, Strength], entries: dict[str, int]) -> Tidy:
    rows = []
    for p in record.parties.values():
        held = strength[p.id]
        rows.append({
            "party": p.id, "name": p.name, "role": p.role.value, "aliases": list(p.aliases),
            "clout": p.clout, "issues_stated": len(held.stated) + len(held.inferred),
            "issues": len(record.issues), "positions_stated": len(held.stated),
            "positions_inferred": len(held.inferred),
            **{f"quotes_{v}": held.voices[v] for v in Voice},
            "quotes_voice_not_given": held.voices[None], "entries": entries[p.id]})
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
             *rows.LIMIT_FIELDS, "note", "reason", "stance", "quotes")


def positions(party: Party, entries: Sequence[Position]) -> Tidy:
    return Tidy(POSITIONS, [{
        "party": party.id, "issue": p.issue, "as_of": p.as_of, "position": p.value,
        "label": p.label, "position_basis": p.position_basis, "salience": p.salience,
        **rows.limits(p), "note": p.note,
        "reason": p.reason, "stance": p.stance, "quotes": len(p.evidence),
    } for p in entries])


SEEDS = ("seed", "file", "outlet", "author", "title", "date", "url", "bytes", "sha256", "pin",
         "quotes", "cited_by")


def seeds(uses: Sequence[SeedUse]) -> Tidy:
    return Tidy(SEEDS, [{
        "seed": u.seed.id, "file": u.seed.file, "outlet": u.seed.outlet,
        "author": u.seed.author, "title": u.seed.title, "date": u.seed.date,
        "url": u.seed.url, "bytes": u.size, "sha256": u.sha256, "pin": u.pin,
        "quotes": u.quotes, "cited_by": list(u.parties),
    } for u in uses])
