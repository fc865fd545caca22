"""Where parties could meet on an issue: the salience x clout weighted mean (the DEU
compromise model) and the weighted median, and who could accept each.

Formulas (also in the README), over parties P with weights w_p = c_p * s_p:
- mean = sum_p w_p x_p / sum_p w_p
- median: the position where half the weight lies on each side
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from posdiff.analysis.distance import accepted_range
from posdiff.model import Issue, Party, Position


@dataclass(frozen=True)
class Stake:
    party: Party
    position: Position

    @property
    def weight(self) -> float:
        return self.party.clout * self.position.salience

    def accepts(self, point: float) -> bool:
        low, high = accepted_range(self.position)
        return low <= point <= high


@dataclass(frozen=True)
class Compromise:
    issue: Issue
    stakes: tuple[Stake, ...]  # the parties that state a position, by position
    silent: tuple[Party, ...]  # asked for, but with no position on the issue
    mean: float | None
    median: float | None

    def acceptors(self, point: float | None) -> tuple[Party, ...]:
        if point is None:
            return ()
        return tuple(s.party for s in self.stakes if s.accepts(point))


def weighing(parties: Sequence[Party],
             named: bool) -> tuple[list[Party], list[Party]]:
    """(the parties a compromise weighs, those left out): mediators and observers take no
    side, so they are left out unless the user named them."""
    if named:
        return list(parties), []
    return ([p for p in parties if p.takes_sides], [p for p in parties if not p.takes_sides])


def weighted_mean(values: Sequence[tuple[float, float]]) -> float | None:
    """sum(w * x) / sum(w) over (x, w) pairs; None when the weights sum to zero."""
    total = sum(w for _, w in values)
    return sum(x * w for x, w in values) / total if total > 0 else None


def weighted_median(values: Sequence[tuple[float, float]], lower: bool = False) -> float | None:
    """The point where half the weight lies on each side.

    When the cumulative weight reaches exactly half at one position, the median is the
    midpoint between it and the next, so the result does not depend on input order; with
    ``lower`` it is that position itself (the lower median), which is always a position
    someone holds, as the forecast's median must be.
    """
    ranked = sorted((x, w) for x, w in values if w > 0)
    total = sum(w for _, w in ranked)
    if total <= 0:
        return None
    cumulative = 0.0
    for index, (x, w) in enumerate(ranked):
        cumulative += w
        if abs(cumulative - total / 2) <= 1e-9 * total and index + 1 < len(ranked):
            return x if lower else (x + ranked[index + 1][0]) / 2
        if cumulative > total / 2:
            return x
    return ranked[-1][0]


def compromise(issue: Issue, parties: Sequence[Party],
               as_of: dt.date | None = None) -> Compromise:
    stakes: list[Stake] = []
    silent: list[Party] = []
    for party in parties:
        position = party.position_on(issue.id, as_of)
        if position is None:
            silent.append(party)
        else:
            stakes.append(Stake(party, position))
    stakes.sort(key=lambda s: (s.position.value, s.party.id))
    points = [(s.position.value, s.weight) for s in stakes]
    return Compromise(issue, tuple(stakes), tuple(silent),
                      weighted_mean(points), weighted_median(points))


@dataclass(frozen=True)
class Compromises:
    """The compromise points of each issue over the parties weighed; mediators and
    observers are weighed only when named (``left_out`` otherwise)."""

    issues: tuple[Compromise, ...]
    parties: tuple[Party, ...]
    left_out: tuple[Party, ...]
    as_of: dt.date | None

    def rows(self) -> list[dict[str, Any]]:
        """One row per issue, as `posdiff compromise --format csv`."""
        from posdiff.analysis import rows

        return rows.compromises(self.issues)
