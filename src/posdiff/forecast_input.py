"""What the forecast runs on, issue by issue, and where each number comes from: a party's
entry in the record (with its quotes) or a row of a scenario CSV."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from posdiff.forecast import Actor
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
        inputs.append(IssueInput(issue.id, tuple(stakes)))
    return inputs
