"""What has changed: each move of a party between two dated entries on an issue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from posdiff.model import Issue, Party, Position

# What a new entry can change, in the order they are reported.
ASPECTS = ("position", "acceptable", "red_line", "salience")
PLACES = 1  # positions are compared as the tables show them, to one decimal


@dataclass(frozen=True)
class Move:
    party: Party
    issue: Issue
    before: Position
    after: Position

    @property
    def shift(self) -> float:
        """Signed: positive towards 100 on the issue's scale."""
        return round(self.after.value - self.before.value, PLACES)

    @property
    def changed(self) -> tuple[str, ...]:
        """The aspects that differ between the two entries (none: a restatement)."""
        before, after = self.before, self.after
        differs = {
            "position": self.shift != 0 or before.position_basis != after.position_basis,
            "acceptable": (before.acceptable, before.acceptable_basis)
            != (after.acceptable, after.acceptable_basis),
            "red_line": (before.red_line, before.red_line_basis)
            != (after.red_line, after.red_line_basis),
            "salience": round(before.salience, PLACES) != round(after.salience, PLACES),
        }
        return tuple(aspect for aspect in ASPECTS if differs[aspect])


def moves(parties: Sequence[Party], issues: Sequence[Issue], since: dt.date | None = None,
          until: dt.date | None = None) -> list[Move]:
    """Every change between consecutive entries dated within [since, until], in party and
    catalogue order. An entry that restates the last one changes nothing and is left out."""
    found: list[Move] = []
    for party in parties:
        for issue in issues:
            entries = [p for p in party.positions if p.issue == issue.id]  # sorted by date
            for before, after in pairwise(entries):
                move = Move(party, issue, before, after)
                if (since is None or after.as_of >= since) and (
                        until is None or after.as_of <= until) and move.changed:
                    found.append(move)
    return found


@dataclass(frozen=True)
class Changes:
    """Each move of a party between two dated entries on an issue."""

    moves: tuple[Move, ...]
    since: dt.date | None
    until: dt.date | None

    def rows(self) -> list[dict[str, Any]]:
        """One row per change, as `posdiff changes --format csv`."""
        from posdiff.analysis import rows

        return rows.changes(self.moves)
