"""Small records built in code, for tests of the pure core."""

from __future__ import annotations

import datetime as dt

from posdiff.model import Issue, Location, Party, Position, ScalePoint

HERE = Location("test.yaml", 1, 1)
DAY = dt.date(2025, 3, 1)
SCALE = (ScalePoint(0, "low"), ScalePoint(100, "high"))


def issue(issue_id: str) -> Issue:
    return Issue(issue_id, issue_id.title(), "?", SCALE, HERE)


def pos(issue_id: str, value: float, salience: float = 50, acceptable: tuple[float, float]
        | None = None, red_line: bool = False, as_of: dt.date = DAY,
        party: str = "p") -> Position:
    return Position(party, issue_id, value, salience, "stance", as_of, (), HERE,
                    acceptable=acceptable, red_line=red_line)


def party(party_id: str, *positions: Position, clout: float = 1.0) -> Party:
    return Party(party_id, party_id.title(), (), clout, positions, HERE)
