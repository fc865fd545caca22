"""What a change to a record does: two versions of it compared entry by entry, then
finding by finding. Pure functions of two checked records, no I/O.

A finding moves only where a party's entry in force changed, so only those are scored
again: a pair is compared on both sides when either party's entries in force differ
(or it is in one version only), and an issue's compromise points when an entry in force
on it differs, or the clout or role of a party that states it. Numbers count as moved
when they differ as the tables show them, to one decimal (`changes.PLACES`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import NamedTuple

from posdiff.analysis.changes import PLACES, Move
from posdiff.analysis.compromise import compromise, weighing
from posdiff.analysis.distance import Comparison, IssueComparison, Range, compare
from posdiff.model import Evidence, Issue, Party, Position, Record

# What an entry can change besides what `changes` follows, in the order reported.
MORE_ASPECTS = ("quotes", "stance", "note", "reason")


class EntryChange(NamedTuple):
    """An entry (party, issue, date) added, removed, or changed in place."""

    party: Party
    issue: Issue
    before: Position | None
    after: Position | None
    changed: tuple[str, ...]  # the aspects that differ; () when added or removed

    @property
    def kind(self) -> str:
        return "added" if self.before is None else "removed" if self.after is None \
            else "changed"

    @property
    def as_of(self) -> dt.date:
        entry = self.after or self.before
        assert entry is not None
        return entry.as_of


class PairMove(NamedTuple):
    """A pair whose distance or number of shared issues moved (None: not in a version)."""

    a: Party
    b: Party
    before: float | None
    after: float | None
    shared_before: int | None
    shared_after: int | None

    @property
    def change(self) -> float | None:
        return _change(self.before, self.after)


class MeetMove(NamedTuple):
    """An overlap of acceptable ranges, or a red-line clash, that appeared, vanished or
    (an overlap) moved, on an issue of a pair."""

    a: Party
    b: Party
    issue: Issue
    finding: str  # "overlap" or "clash"
    before: Range | None  # the overlap; for a clash, CLASH where there is one
    after: Range | None
    inferred: bool  # the finding where it stands rests on an inferred range or red line

    @property
    def kind(self) -> str:
        return "appeared" if self.before is None else "vanished" if self.after is None \
            else "moved"


class PointMove(NamedTuple):
    """A compromise point (the weighted mean or median) of an issue that moved."""

    issue: Issue
    point: str  # "mean" or "median"
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        return _change(self.before, self.after)


class CoverageMove(NamedTuple):
    """A party that states an issue in one version and not in the other."""

    party: Party
    issue: Issue
    before: Position | None
    after: Position | None

    @property
    def gained(self) -> bool:
        return self.after is not None


@dataclass(frozen=True)
class Revisions:
    """What changed between two versions of a record, and what that moved."""

    entries: tuple[EntryChange, ...]
    pairs: tuple[PairMove, ...]
    meets: tuple[MeetMove, ...]
    points: tuple[PointMove, ...]
    coverage: tuple[CoverageMove, ...]
    as_of: dt.date | None
    stated_only: bool

    @property
    def moved(self) -> int:
        """How many findings moved (entries are changes, not findings)."""
        return len(self.pairs) + len(self.meets) + len(self.points) + len(self.coverage)


def diff(old: Record, new: Record, as_of: dt.date | None = None,
         stated_only: bool = False) -> Revisions:
    """Entries added, removed and changed from ``old`` to ``new``, and every finding that
    moved: pairs (distance, shared issues), overlaps and clashes, compromise points and
    coverage. ``as_of`` and ``stated_only`` act on both versions as on any command."""
    before = {p.id: p.stated_only() if stated_only else p for p in old.parties.values()}
    after = {p.id: p.stated_only() if stated_only else p for p in new.parties.values()}
    issues = {**old.issues, **new.issues}  # the catalogue of either, the newer wording
    # Every party of either version in the order of a record's files (named after their
    # ids), so that a pair is named as the matrix and trend name it.
    ids = sorted({*after, *before})
    held = {side: {p.id: p.stated(as_of) for p in parties.values()}
            for side, parties in (("old", before), ("new", after))}
    touched = [(p, i) for p in ids for i in issues
               if _scored(held["old"].get(p, {}).get(i)) != _scored(held["new"].get(p, {})
                                                                       .get(i))]
    movers = {p for p, _ in touched}
    pairs: list[PairMove] = []
    meets: list[MeetMove] = []
    for a, b in combinations(ids, 2):
        if a not in movers and b not in movers:
            continue
        was, now = _compared(before, a, b, old, as_of), _compared(after, a, b, new, as_of)
        if was or now:  # two parties never in one version (one renamed) have no finding
            found = _pair(was, now)
            pairs += found[0]
            meets += found[1]
    weighed = {i for _, i in touched} | {
        i for p in ids if _standing(before.get(p)) != _standing(after.get(p))
        for i in issues if i in held["old"].get(p, {}) or i in held["new"].get(p, {})}
    points = [move for i in issues if i in weighed
              for move in _points(issues[i], old, new, before, after, as_of)]
    coverage = [CoverageMove((after.get(p) or before[p]), issues[i], held["old"].get(p, {})
                             .get(i), held["new"].get(p, {}).get(i))
                for p, i in touched
                if (i in held["old"].get(p, {})) != (i in held["new"].get(p, {}))]
    return Revisions(tuple(entry_changes(old, new)), tuple(pairs), tuple(meets),
                     tuple(points), tuple(coverage), as_of, stated_only)


def entry_changes(old: Record, new: Record) -> list[EntryChange]:
    """Every entry added, removed or changed, matched on (party, issue, date), by party
    (the new version's order), issue (catalogue order) and date."""
    issues = {**old.issues, **new.issues}
    rank = {issue: index for index, issue in enumerate(issues)}
    found: list[EntryChange] = []
    parties = {**old.parties, **new.parties}
    for party_id in [*new.parties, *(p for p in old.parties if p not in new.parties)]:
        party = parties[party_id]
        was = _entries(old.parties.get(party_id))
        now = _entries(new.parties.get(party_id))
        for key in sorted({*was, *now}, key=lambda k: (rank.get(k[0], len(rank)), k[1])):
            before, after = was.get(key), now.get(key)
            issue = issues[key[0]]
            if before is None or after is None:
                found.append(EntryChange(party, issue, before, after, ()))
                continue
            aspects = entry_aspects(party, issue, before, after)
            if aspects:
                found.append(EntryChange(party, issue, before, after, aspects))
    return found


def entry_aspects(party: Party, issue: Issue, before: Position,
                  after: Position) -> tuple[str, ...]:
    """What differs between two versions of one entry: what `changes` follows (position
    and whether it is stated, range, red line, salience), then its quotes and words."""
    more = {"quotes": _quotes(before.evidence) != _quotes(after.evidence),
            "stance": before.stance != after.stance, "note": before.note != after.note,
            "reason": before.reason != after.reason}
    return Move(party, issue, before, after).changed + tuple(
        aspect for aspect in MORE_ASPECTS if more[aspect])


def quotes_added_removed(before: Position, after: Position) -> tuple[int, int]:
    """How many quotes (seed and words) the newer version of an entry has that the older
    has not, and the other way round; (0, 0) when only voices or what they state changed."""
    was, now = _quotes(before.evidence, False), _quotes(after.evidence, False)
    return len(now - was), len(was - now)


def _quotes(evidence: Sequence[Evidence], tags: bool = True) -> frozenset[tuple[object, ...]]:
    """Each quote by its seed and words and, with ``tags``, its voice and what it states."""
    return frozenset((e.seed, e.quote, e.prefix, e.suffix) + ((e.voice, e.supports) if tags
                                                              else ())
                     for e in evidence)


def _entries(party: Party | None) -> dict[tuple[str, dt.date], Position]:
    return {} if party is None else {(p.issue, p.as_of): p for p in party.positions}


def _scored(position: Position | None) -> tuple[object, ...] | None:
    """What of an entry in force a finding depends on (not its date, words or quotes)."""
    if position is None:
        return None
    return (position.value, position.salience, position.acceptable, position.red_line,
            position.position_basis, position.acceptable_basis, position.red_line_basis)


def _standing(party: Party | None) -> tuple[object, ...] | None:
    """What of a party weighs in a compromise besides its entries."""
    return None if party is None else (party.clout, party.role)


def _compared(parties: dict[str, Party], a: str, b: str, record: Record,
              as_of: dt.date | None) -> Comparison | None:
    if a not in parties or b not in parties:
        return None
    return compare(parties[a], parties[b], list(record.issues.values()), as_of)


def _pair(old: Comparison | None,
          new: Comparison | None) -> tuple[list[PairMove], list[MeetMove]]:
    """What moved for one pair between its comparison in each version."""
    either = new or old
    assert either is not None
    a, b = either.a, either.b
    distance = [None if c is None else c.distance for c in (old, new)]
    shared = [None if c is None else len(c.shared) for c in (old, new)]
    pairs = []
    # A pair in one version only, with no issue in common there, has nothing that moved.
    if _shown(distance[0]) != _shown(distance[1]) or (shared[0] or 0) != (shared[1] or 0):
        pairs.append(PairMove(a, b, distance[0], distance[1], shared[0], shared[1]))
    rows = {side: {} if c is None else {row.issue.id: row for row in c.issues}
            for side, c in (("old", old), ("new", new))}
    meets = []
    for issue_id in {**rows["old"], **rows["new"]}:
        was, now = rows["old"].get(issue_id), rows["new"].get(issue_id)
        span = [row.overlap if row else None for row in (was, now)]
        clash = [bool(row and row.red_line_clash) for row in (was, now)]
        if _span(span[0]) != _span(span[1]):
            stands = now if span[1] else was
            meets.append(MeetMove(a, b, _issue(was, now), "overlap", span[0], span[1],
                                  bool(stands and stands.overlap_inferred)))
        if clash[0] != clash[1]:
            stands = now if clash[1] else was
            meets.append(MeetMove(a, b, _issue(was, now), "clash",
                                  CLASH if clash[0] else None, CLASH if clash[1] else None,
                                  bool(stands and stands.clash_inferred)))
    return pairs, meets


CLASH: Range = (0.0, 0.0)  # a clash stands: it has no span of its own


def _issue(was: IssueComparison | None, now: IssueComparison | None) -> Issue:
    row = now or was
    assert row is not None
    return row.issue


def _points(issue: Issue, old: Record, new: Record, before: dict[str, Party],
            after: dict[str, Party], as_of: dt.date | None) -> list[PointMove]:
    """The compromise points of ``issue`` that moved, over the parties that take sides."""
    points = []
    for record, parties in ((old, before), (new, after)):
        weighed, _ = weighing(list(parties.values()), named=False)
        points.append(compromise(issue, weighed, as_of) if issue.id in record.issues
                      else None)
    moves = []
    for name in ("mean", "median"):
        was, now = (None if c is None else getattr(c, name) for c in points)
        if _shown(was) != _shown(now):
            moves.append(PointMove(issue, name, was, now))
    return moves


def _change(before: float | None, after: float | None) -> float | None:
    """after - before, as the tables show it; None when either is missing."""
    return None if before is None or after is None else round(after - before, PLACES) + 0.0


def _shown(value: float | None) -> float | None:
    return None if value is None else round(value, PLACES)


def _span(span: Range | None) -> tuple[float | None, float | None] | None:
    return None if span is None else (_shown(span[0]), _shown(span[1]))
