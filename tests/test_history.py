"""What has changed: moves between consecutive dated entries, within a date window."""

from __future__ import annotations

import datetime as dt

from posdiff.analysis.changes import moves

from tests.builders import issue, party, pos

A, B = issue("a"), issue("b")


def test_moves_pair_consecutive_entries_and_respect_the_window() -> None:
    x = party("x", pos("a", 10, as_of=dt.date(2025, 1, 1)),
              pos("a", 30, as_of=dt.date(2025, 2, 1)),
              pos("a", 20, as_of=dt.date(2025, 3, 1)),
              pos("b", 50, as_of=dt.date(2025, 1, 1)))
    found = moves([x], [A, B])
    assert [(m.before.value, m.after.value, m.shift) for m in found] == [(10, 30, 20),
                                                                         (30, 20, -10)]
    assert [m.shift for m in moves([x], [A, B], since=dt.date(2025, 3, 1))] == [-10]
    assert [m.shift for m in moves([x], [A, B], until=dt.date(2025, 2, 28))] == [20]
    assert moves([x], [B]) == []


def test_a_restatement_is_not_a_move_but_a_new_range_is() -> None:
    x = party("x", pos("a", 10, as_of=dt.date(2025, 1, 1)),
              pos("a", 10.04, as_of=dt.date(2025, 2, 1)),
              pos("a", 10, acceptable=(0, 20), as_of=dt.date(2025, 3, 1)))
    [move] = moves([x], [A])
    assert (move.after.as_of, move.changed, move.shift) == (dt.date(2025, 3, 1),
                                                            ("acceptable",), 0)
