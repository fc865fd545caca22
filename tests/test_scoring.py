"""Scoring: hand-computed cases and the properties every distance must keep."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posdiff.analysis.compromise import compromise, weighted_mean, weighted_median
from posdiff.analysis.distance import compare, matrix, overlap, red_line_clash, weighted_distance
from posdiff.model import Party
from posdiff.record.schema import SMALLEST

from tests.builders import issue, party, pos

ISSUES = [issue("a"), issue("b"), issue("c")]


def test_distance_is_the_salience_weighted_mean_gap() -> None:
    # gaps 60 and 10; weights (80+40)/2 = 60 and (20+0)/2 = 10 -> (60*60 + 10*10) / 70
    x = party("x", pos("a", 90, 80), pos("b", 20, 20))
    y = party("y", pos("a", 30, 40), pos("b", 30, 0), pos("c", 50))
    result = compare(x, y, ISSUES)
    assert result.distance == pytest.approx(3700 / 70)
    assert [row.gap for row in result.issues] == [60, 10, None]
    assert (len(result.shared), len(result.issues)) == (2, 3)
    assert [row.issue.id for row in result.one_sided] == ["c"]


def test_no_shared_issue_gives_no_distance_not_zero() -> None:
    result = compare(party("x", pos("a", 10)), party("y", pos("b", 90)), ISSUES)
    assert result.distance is None
    assert result.extremes() is None


def test_zero_saliences_fall_back_to_the_plain_mean_gap() -> None:
    assert weighted_distance([(pos("a", 0, 0), pos("a", 40, 0)),
                              (pos("b", 0, 0), pos("b", 20, 0))]) == 30


def test_overlap_and_red_line_clash() -> None:
    a = pos("a", 20, acceptable=(10, 40))
    b = pos("a", 35, acceptable=(30, 60))
    assert overlap(a, b) == (30, 40)
    assert not red_line_clash(a, b)
    hard = pos("a", 90, acceptable=(80, 100), red_line=True)
    assert overlap(a, hard) is None
    assert red_line_clash(a, hard)
    # Without a range a party accepts only its own position.
    assert overlap(pos("a", 50), pos("a", 50)) == (50, 50)
    assert overlap(pos("a", 50), pos("a", 40, acceptable=(30, 45))) is None
    assert not red_line_clash(pos("a", 50), pos("a", 40))  # disjoint, but no red line


def test_as_of_picks_the_latest_entry_on_or_before_the_date() -> None:
    early = pos("a", 10, as_of=dt.date(2025, 2, 1))
    late = pos("a", 80, as_of=dt.date(2025, 4, 1))
    x = party("x", early, late)
    y = party("y", pos("a", 0, as_of=dt.date(2025, 1, 1)))
    assert compare(x, y, ISSUES).distance == 80
    assert compare(x, y, ISSUES, as_of=dt.date(2025, 3, 1)).distance == 10
    assert compare(x, y, ISSUES, as_of=dt.date(2025, 1, 15)).distance is None


def test_position_on_is_the_latest_entry_of_that_issue_up_to_the_date() -> None:
    def on(day: int) -> dt.date:
        return dt.date(2025, 3, day)

    # Built out of order: the party keeps its entries by issue, then date.
    b1, b5, b9 = (pos("b", value, as_of=on(day)) for value, day in ((1, 1), (5, 5), (9, 9)))
    x = party("x", pos("c", 70, as_of=on(2)), b9, pos("a", 30, as_of=on(8)), b1, b5)
    assert [(p.issue, p.as_of.day) for p in x.positions] == [
        ("a", 8), ("b", 1), ("b", 5), ("b", 9), ("c", 2)]
    assert x.position_on("b") is b9
    assert x.position_on("b", on(9)) is b9  # on the day counts
    assert x.position_on("b", on(8)) is b5
    assert x.position_on("b", on(1)) is b1
    assert x.position_on("b", dt.date(2025, 2, 28)) is None  # before its first entry
    assert x.position_on("a", on(7)) is None  # the issue before it in order is not taken
    assert x.position_on("c", on(1)) is None
    assert x.position_on("c").value == 70
    for missing in ("", "aa", "bz", "d"):  # sorting between, before and after the others
        assert x.position_on(missing) is None


def test_compromise_is_the_clout_and_salience_weighted_mean_and_median() -> None:
    x = party("x", pos("a", 0, 100, acceptable=(0, 30)), clout=2)  # weight 200
    y = party("y", pos("a", 60, 50, acceptable=(40, 80)))  # weight 50
    z = party("z", pos("a", 100, 50))  # weight 50, no range
    silent = party("s")
    result = compromise(issue("a"), [x, y, z, silent])
    assert result.mean == pytest.approx((0 * 200 + 60 * 50 + 100 * 50) / 300)
    assert result.median == 0  # x alone holds two thirds of the weight
    assert [p.id for p in result.acceptors(result.mean)] == ["x"]
    assert [p.id for p in result.silent] == ["s"]


def test_weighted_median_splits_an_exact_tie_at_the_midpoint() -> None:
    assert weighted_median([(10, 1), (30, 1)]) == 20
    assert weighted_median([(30, 1), (10, 1)]) == 20
    assert weighted_median([(10, 1), (20, 3), (90, 1)]) == 20
    assert weighted_median([(10, 0)]) is None
    assert weighted_median([]) is None


def test_the_lower_weighted_median_takes_the_position_at_an_exact_tie() -> None:
    assert weighted_median([(30, 1), (10, 1)], lower=True) == 10
    assert weighted_median([(10, 1), (20, 3), (90, 1)], lower=True) == 20


def test_matrix_is_symmetric_with_coverage() -> None:
    x = party("x", pos("a", 0), pos("b", 100))
    y = party("y", pos("a", 50))
    z = party("z", pos("c", 10))
    result = matrix([x, y, z], ISSUES)
    assert result.distance["x"]["y"] == result.distance["y"]["x"] == 50
    assert result.shared["x"]["y"] == 1
    assert result.distance["x"]["z"] is None and result.shared["x"]["z"] == 0
    assert result.distance["x"]["x"] == 0
    per_issue = matrix([x, y], [issue("b")])
    assert per_issue.distance["x"]["y"] is None


# -- properties ---------------------------------------------------------------

# Every score a record may hold: 0, or 0.001 (SMALLEST) to 100. Finer ones are refused at
# check: a salience of 5e-324 made a weighted mean gap of 1.5 read 2.
scores = st.one_of(st.just(0.0), st.floats(SMALLEST, 100))


@st.composite
def parties_pair(draw: st.DrawFn) -> tuple[Party, Party]:
    def one(name: str) -> Party:
        stated = draw(st.lists(st.sampled_from("abc"), unique=True))
        return party(name, *(pos(i, draw(scores), draw(scores)) for i in stated))

    return one("x"), one("y")


@given(parties_pair())
def test_distance_properties(pair: tuple[Party, Party]) -> None:
    x, y = pair
    forward, backward = compare(x, y, ISSUES), compare(y, x, ISSUES)
    assert forward.distance == pytest.approx(backward.distance)  # symmetry
    self_distance = compare(x, x, ISSUES).distance
    assert self_distance is None if not x.positions else self_distance == 0
    if forward.distance is None:
        assert not forward.shared
    else:
        assert 0 <= forward.distance <= 100
        gaps = [row.gap for row in forward.shared]
        assert min(gaps) - 1e-9 <= forward.distance <= max(gaps) + 1e-9


@given(parties_pair(), scores, scores)
def test_an_issue_one_side_does_not_state_leaves_the_distance_alone(
        pair: tuple[Party, Party], value: float, salience: float) -> None:
    x, y = pair
    before = compare(x, y, ISSUES).distance
    extra = issue("d")
    widened = party("x", *x.positions, pos("d", value, salience))
    assert compare(widened, y, [*ISSUES, extra]).distance == before


@given(st.lists(st.tuples(scores, st.floats(0.01, 100)), min_size=1, max_size=8))
def test_compromise_points_lie_within_the_positions(points: list[tuple[float, float]]) -> None:
    low, high = min(x for x, _ in points), max(x for x, _ in points)
    mean, median = weighted_mean(points), weighted_median(points)
    assert mean is not None and low - 1e-9 <= mean <= high + 1e-9
    assert median is not None and low <= median <= high


@st.composite
def some_parties(draw: st.DrawFn) -> list[Party]:
    def one(name: str) -> Party:
        stated = draw(st.lists(st.sampled_from("abc"), unique=True))
        return party(name, *(pos(i, draw(scores), draw(scores)) for i in stated))

    return [one(name) for name in "uvwxyz"[: draw(st.integers(0, 6))]]


@settings(deadline=None)  # the first example pays for importing numpy
@given(some_parties())
def test_the_matrix_is_the_same_in_python_and_numpy_and_as_compare(
        parties: list[Party]) -> None:
    looped = matrix(parties, ISSUES, numpy_cells=10**9)
    arrays = matrix(parties, ISSUES, numpy_cells=0)
    assert looped.distance == arrays.distance and looped.shared == arrays.shared
    for a in parties:
        for b in parties:
            assert compare(a, b, ISSUES).distance == arrays.distance[a.id][b.id]
