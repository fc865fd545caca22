"""What has changed: each move of a party between two dated entries on an issue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from posdiff.model import Issue, Party, Position


@dataclass(frozen=True)
class Move:
    party: Party
    issue: Issue
    before: Position
    after: Position

    @property
    def shift(self) -> float:
        """Signed: positive towards 100 on the issue's scale."""
        return self.after.value - self.before.value


def moves(parties: Sequence[Party], issues: Sequence[Issue], since: dt.date | None = None,
          until: dt.date | None = None) -> list[Move]:
    """Every change of entry dated within [since, until], in party and catalogue order.

    A new entry counts as a move even when only its salience, range or evidence
    changed: the curator recorded that the party restated its position.
    """
    found: list[Move] = []
    for party in parties:
        for issue in issues:
            entries = [p for p in party.positions if p.issue == issue.id]  # sorted by date
            for before, after in pairwise(entries):
                if (since is None or after.as_of >= since) and (
                        until is None or after.as_of <= until):
                    found.append(Move(party, issue, before, after))
    return found
