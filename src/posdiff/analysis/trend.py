"""Distance over time: for a pair of parties, the distance (and the issues both have a
position on) at each date where either party's record changes, from the first date both
have a position on a shared issue, with the entries that moved it; and whether the pair
converges. Pure, no I/O.

The distance at a date is `distance.weighted_distance` over the entries in force then,
summed in catalogue order as `compare` sums, so each point is what `posdiff compare A B
--as-of DATE` prints.

The verdict's rule, on the first and last dated points: converging when the last
distance is at least THRESHOLD points below the first, diverging when at least
THRESHOLD above, unchanged otherwise; too little data with fewer than MIN_POINTS points.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right, insort
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any, NamedTuple

from posdiff.analysis.changes import PLACES
from posdiff.analysis.distance import distance_of, weighted_distance
from posdiff.model import Issue, Party, Position

THRESHOLD = 5.0  # points of distance (on 0..100) that make a change a trend
MIN_POINTS = 2  # dated points needed for a verdict
VERDICTS = ("converging", "diverging", "unchanged", "too little data")
RULE = (f"converging when the last distance is at least {THRESHOLD:g} points below the "
        f"first, diverging when at least {THRESHOLD:g} above, unchanged otherwise; too "
        f"little data with fewer than {MIN_POINTS} dated points")


class Step(NamedTuple):
    """An entry that took effect at a point: the party's position on the issue went from
    ``before`` (None: it stated nothing there) to ``after``."""

    party: Party
    issue: Issue
    before: Position | None
    after: Position


class Point(NamedTuple):
    day: dt.date
    distance: float
    shared: int  # issues both have a position on
    steps: tuple[Step, ...]  # the entries dated this day, the pair's in catalogue order


@dataclass(frozen=True)
class Trend:
    a: Party
    b: Party
    points: tuple[Point, ...]

    @property
    def change(self) -> float | None:
        """Last distance minus first, to the tables' precision; None with no point."""
        if not self.points:
            return None
        return round(self.points[-1].distance - self.points[0].distance, PLACES) + 0.0

    @property
    def verdict(self) -> str:
        if len(self.points) < MIN_POINTS:
            return "too little data"
        change = self.points[-1].distance - self.points[0].distance
        return "converging" if change <= -THRESHOLD else "diverging" \
            if change >= THRESHOLD else "unchanged"


@dataclass(frozen=True)
class Trends:
    """The trend of each pair, sorted by change (converging first; pairs without a
    dated point last), or of the one pair asked for."""

    trends: tuple[Trend, ...]
    parties: tuple[Party, ...]
    as_of: dt.date | None

    def rows(self) -> list[dict[str, Any]]:
        """One row per pair and dated point, as `posdiff trend --format csv`."""
        from posdiff.analysis import rows

        return rows.trends(self.trends)


def trend(a: Party, b: Party, issues: Sequence[Issue], as_of: dt.date | None = None) -> Trend:
    """The pair's distance at each date where an entry of either takes effect (up to
    ``as_of``), from the first date both have a position on an issue of ``issues``."""
    rank = {issue.id: index for index, issue in enumerate(issues)}
    by_id = {issue.id: issue for issue in issues}
    dated: dict[dt.date, list[tuple[Party, Position]]] = {}
    for party in (a, b):
        for entry in sorted((p for p in party.positions if p.issue in rank and (
                as_of is None or p.as_of <= as_of)), key=lambda p: (rank[p.issue], p.as_of)):
            dated.setdefault(entry.as_of, []).append((party, entry))
    held: dict[str, dict[str, Position]] = {a.id: {}, b.id: {}}
    mine, theirs = held[a.id], held[b.id]
    # The issues both hold, by catalogue index, with what the distance adds for each: a
    # date changes one or two, and each point is added up again in catalogue order.
    shared: list[int] = []
    terms: dict[int, tuple[float, float, float, float]] = {}
    points: list[Point] = []
    for day in sorted(dated):
        steps = []
        for party, entry in dated[day]:
            issue = entry.issue
            steps.append(Step(party, by_id[issue], held[party.id].get(issue), entry))
            held[party.id][issue] = entry
            if issue in mine and issue in theirs:
                index = rank[issue]
                if index not in terms:
                    insort(shared, index)
                x, y = mine[issue], theirs[issue]
                terms[index] = (x.value, x.salience, y.value, y.salience)
        distance = distance_of([terms[index] for index in shared])
        if distance is not None:
            points.append(Point(day, distance, len(shared), tuple(steps)))
    return Trend(a, b, tuple(points))


def trends(parties: Sequence[Party], issues: Sequence[Issue],
           as_of: dt.date | None = None) -> Trends:
    """Every pair of ``parties``; two parties give their one pair."""
    found = [trend(a, b, issues, as_of) for a, b in combinations(parties, 2)]
    found.sort(key=lambda t: by_change(t.change))
    return Trends(tuple(found), tuple(parties), as_of)


def by_change(change: float | None) -> tuple[bool, float]:
    """The order of `trends`: converging first, pairs without a dated point last."""
    return change is None, change or 0.0


def pair_changes(parties: Sequence[Party], issues: Sequence[Issue], as_of: dt.date | None = None
                 ) -> list[tuple[Party, Party, float | None]]:
    """Each pair's `Trend.change`, pairs as `trends` makes them, from the first and last
    points alone: what ranks pairs by how far they moved without the points between (a
    large record has thousands of pairs, each with hundreds of dated points). The first
    point is the first date both have a position on an issue of ``issues``, the last is
    every entry in force; each is summed over the same positions in the same order as
    `trend` sums it, so the change is the same to the last bit."""
    rank = {issue.id: index for index, issue in enumerate(issues)}
    dated = {party.id: _dated(party, rank, as_of) for party in parties}
    found: list[tuple[Party, Party, float | None]] = []
    for a, b in combinations(parties, 2):
        mine, theirs = dated[a.id], dated[b.id]
        # When both first hold each issue both hold, in catalogue order.
        both = {i: max(mine[i][0][0], theirs[i][0][0]) for i in rank if i in mine and i in theirs}
        if not both:
            found.append((a, b, None))
            continue
        start = min(both.values())
        first = weighted_distance((_held(mine[i], start), _held(theirs[i], start))
                                  for i, since in both.items() if since <= start)
        last = weighted_distance((mine[i][-1][1], theirs[i][-1][1]) for i in both)
        assert first is not None and last is not None  # both hold an issue from start
        found.append((a, b, round(last - first, PLACES) + 0.0))
    return found


def _dated(party: Party, rank: dict[str, int], as_of: dt.date | None
           ) -> dict[str, list[tuple[dt.date, Position]]]:
    """The party's entries on each issue of ``rank`` up to ``as_of``, oldest first."""
    found: dict[str, list[tuple[dt.date, Position]]] = {}
    for entry in party.positions:
        if entry.issue in rank and (as_of is None or entry.as_of <= as_of):
            found.setdefault(entry.issue, []).append((entry.as_of, entry))
    for entries in found.values():
        entries.sort(key=lambda dated: dated[0])
    return found


def _held(entries: list[tuple[dt.date, Position]], day: dt.date) -> Position:
    """The entry in force on ``day``: the latest dated on or before it."""
    return entries[bisect_right(entries, day, key=lambda dated: dated[0]) - 1][1]

