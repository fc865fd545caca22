"""What the forecast runs on, issue by issue, and where each number comes from (a party's
entry in the record, with its quotes, or a row of a scenario CSV); and the runs on it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from posdiff.analysis.forecast.model import Actor, Run, StopRule, forecast
from posdiff.analysis.forecast.sensitivity import Nudge, nudges
from posdiff.model import Issue, Party, Position


@dataclass(frozen=True)
class Stake:
    actor: Actor
    position: Position | None = None  # the record's entry, when it comes from the record
    line: int | None = None  # the CSV line, when it comes from a scenario file


@dataclass(frozen=True)
class IssueInput:
    issue: str
    stakes: tuple[Stake, ...]  # in input order: the order ties are broken in
    points: frozenset[float] = frozenset()  # the issue's labelled points, from a record

    @property
    def actors(self) -> tuple[Actor, ...]:
        return tuple(stake.actor for stake in self.stakes)


def record_inputs(issues: Sequence[Issue], parties: Sequence[Party],
                  as_of: dt.date | None = None) -> list[IssueInput]:
    """Per issue, the parties that state a position on it (never imputed), in the order
    given: capability from clout, position and salience (as s/100) from the entry."""
    inputs = []
    for issue in issues:
        stakes = []
        for party in parties:
            position = party.position_on(issue.id, as_of)
            if position is not None:
                stakes.append(Stake(Actor(party.id, party.clout, position.value,
                                          position.salience / 100), position))
        inputs.append(IssueInput(issue.id, tuple(stakes),
                                 frozenset(point.at for point in issue.scale)))
    return inputs


@dataclass(frozen=True)
class IssueForecast:
    input: IssueInput
    run: Run
    nudges: tuple[Nudge, ...] = ()  # filled only when sensitivity is asked for


SENSITIVITY_SHARE = 0.1  # positions move a tenth of the scale: ±10 on the record's 0..100


def forecast_issues(inputs: Sequence[IssueInput], rounds: int, stop_rule: StopRule,
                    sensitivity: bool, scale: tuple[float, float] | None) -> list[IssueForecast]:
    """The forecast of each issue that someone states; with ``sensitivity``, each input
    moved a tenth of ``scale`` (or, for a scenario in its own units, of the starting
    range) and back within it."""
    results = []
    for issue in inputs:
        if not issue.stakes:
            continue
        run = forecast(issue.actors, rounds, stop_rule)
        found: tuple[Nudge, ...] = ()
        if sensitivity:
            starts = [a.position for a in issue.actors]
            low, high = scale or (min(starts), max(starts))
            found = tuple(nudges(issue.actors, rounds, stop_rule,
                                 SENSITIVITY_SHARE * (high - low), (low, high), run))
        results.append(IssueForecast(issue, run, found))
    return results


@dataclass(frozen=True)
class Forecast:
    """The expected-utility forecast of each issue that a party weighed states."""

    issues: tuple[IssueForecast, ...]
    left_out: tuple[Party, ...]  # mediators and observers, unless named
    silent: tuple[str, ...]  # issues asked about that no party weighed states
    as_of: dt.date | None

    def rows(self) -> list[dict[str, Any]]:
        """One row per issue, round and actor, as `posdiff forecast --format csv`."""
        from posdiff.analysis import rows

        return rows.forecast(self.issues)
