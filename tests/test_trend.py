"""`posdiff trend`: distance over time, on records built here whose distances are worked
out by hand, and on the shipped record, where each point must be what `compare --as-of`
says on that date."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posdiff.analysis.distance import compare
from posdiff.analysis.trend import pair_changes, trend, trends

from tests.builders import issue, party, pos
from tests.conftest import REPO, Invoke

A, B = issue("a"), issue("b")
JAN1, JAN15, FEB1, MAR1 = (dt.date(2025, 1, 1), dt.date(2025, 1, 15), dt.date(2025, 2, 1),
                           dt.date(2025, 3, 1))


def _x_and_y() -> tuple[object, object]:
    x = party("x", pos("a", 10, as_of=JAN1, party="x"), pos("b", 0, as_of=JAN1, party="x"),
              pos("a", 50, as_of=FEB1, party="x"))
    y = party("y", pos("a", 90, as_of=JAN15, party="y"),
              pos("b", 0, salience=100, as_of=MAR1, party="y"))
    return x, y


def test_a_pair_by_hand() -> None:
    x, y = _x_and_y()
    found = trend(x, y, [A, B])  # type: ignore[arg-type]
    # Jan 1: only x states anything: no point yet.
    # Jan 15: y at 90 on a, x at 10: gap 80, the only issue both have a position on -> 80
    # Feb 1: x moves to 50 on a: gap 40 -> 40
    # Mar 1: y states b at 0 (salience 100), x is at 0 there (50): a gap 40 weight 50,
    #        b gap 0 weight 75 -> 40 * 50 / 125 = 16
    assert [(p.day, p.distance, p.shared) for p in found.points] == [
        (JAN15, 80.0, 1), (FEB1, 40.0, 1), (MAR1, 16.0, 2)]
    assert [[(s.party.id, s.issue.id, s.before and s.before.value, s.after.value)
             for s in p.steps] for p in found.points] == [
        [("y", "a", None, 90)], [("x", "a", 10, 50)], [("y", "b", None, 0)]]
    assert (found.change, found.verdict) == (-64.0, "converging")
    assert [p.day for p in trend(x, y, [A, B], as_of=FEB1).points] == [JAN15, FEB1]  # type: ignore[arg-type]
    assert [p.distance for p in trend(x, y, [B]).points] == [0.0]  # type: ignore[arg-type]


@pytest.mark.parametrize(("later", "verdict", "change"), [
    (5, "converging", -5.0), (4.9, "unchanged", -4.9), (0, "unchanged", 0.0)])
def test_the_verdicts_rule_at_its_edge(later: float, verdict: str, change: float) -> None:
    # 50 against 0, then 50 against `later`: the distance goes 50 -> 50 - later
    x = party("x", pos("a", 50, as_of=JAN1, party="x"))
    y = party("y", pos("a", 0, as_of=JAN1, party="y"), pos("a", later, as_of=FEB1, party="y"))
    found = trend(x, y, [A])
    assert (found.verdict, found.change, len(found.points)) == (verdict, change, 2)


def test_diverging_too_little_data_and_the_order() -> None:
    x = party("x", pos("a", 50, as_of=JAN1, party="x"))
    apart = party("apart", pos("a", 50, as_of=JAN1, party="apart"),
                  pos("a", 55, as_of=FEB1, party="apart"))  # 0 -> 5 from x
    once = party("once", pos("a", 20, as_of=JAN1, party="once"))  # one point
    never = party("never", pos("b", 20, as_of=JAN1, party="never"))  # nothing shared
    assert trend(x, apart, [A, B]).verdict == "diverging"
    assert trend(x, once, [A, B]).verdict == "too little data"
    assert (trend(x, never, [A, B]).verdict, trend(x, never, [A, B]).change) == (
        "too little data", None)
    order = [(t.a.id, t.b.id, t.change) for t in trends([x, apart, once, never], [A, B]).trends]
    assert [c for *_, c in order[:-3]] == sorted(c for *_, c in order[:-3] if c is not None)
    assert order[-1][2] is None  # pairs with no point come last
    assert order[0][2] is not None and order[0][2] <= order[1][2]  # type: ignore[operator]


def test_every_point_of_the_shipped_record_is_compare_on_that_date() -> None:
    import posdiff

    record = posdiff.load(posdiff.example())
    issues = list(record.issues.values())
    for a, b in combinations(record.parties.values(), 2):
        for point in trend(a, b, issues).points:
            on_the_day = compare(a, b, issues, point.day)
            assert (point.distance, point.shared) == (on_the_day.distance,
                                                      len(on_the_day.shared))


ISSUES = [issue(name) for name in "abcde"]
# Scores to the record's finest step (0.001), so that the order sums are added in shows.
scores = st.integers(0, 100_000).map(lambda n: n / 1000)
entries = st.lists(st.tuples(st.sampled_from("abcde"), scores, scores, st.integers(0, 40)),
                   max_size=8)


@settings(max_examples=150, deadline=None)
@given(st.lists(entries, min_size=2, max_size=5), st.none() | st.integers(0, 40))
def test_a_pairs_change_from_its_ends_is_its_traced_change(
        drawn: list[list[tuple[str, float, float, int]]], cut: int | None) -> None:
    """`pair_changes` (the brief ranks pairs by it) reads each pair's first and last points
    alone; it gives `trend`'s change to the last bit, whatever the entries, their dates
    (repeated on one issue, or shared between the two) and --as-of."""
    parties = [party(f"p{n}", *(pos(i, value, salience, as_of=JAN1 + dt.timedelta(days),
                                    party=f"p{n}")
                                for i, value, salience, days in held))
               for n, held in enumerate(drawn)]
    as_of = None if cut is None else JAN1 + dt.timedelta(cut)
    traced = [(t.a.id, t.b.id, t.change) for t in (
        trend(a, b, ISSUES, as_of) for a, b in combinations(parties, 2))]
    assert [(a.id, b.id, change) for a, b, change in pair_changes(parties, ISSUES, as_of)] \
        == traced


@settings(max_examples=150, deadline=None)
@given(entries, entries, st.none() | st.integers(0, 40))
def test_every_point_is_compare_on_its_day_whatever_the_entries(
        mine: list[tuple[str, float, float, int]], theirs: list[tuple[str, float, float, int]],
        cut: int | None) -> None:
    """`trend` adds up each point from the terms of the issues both hold, updated as
    entries take effect; each point is still what `compare --as-of` that day computes,
    to the last bit, and the points are the dates an entry takes effect once both hold
    an issue."""
    a, b = (party(name, *(pos(i, value, salience, as_of=JAN1 + dt.timedelta(days),
                              party=name) for i, value, salience, days in held))
            for name, held in (("a", mine), ("b", theirs)))
    as_of = None if cut is None else JAN1 + dt.timedelta(cut)
    found = trend(a, b, ISSUES, as_of)
    for point in found.points:
        on_the_day = compare(a, b, ISSUES, point.day)
        assert (point.distance, point.shared) == (on_the_day.distance,
                                                  len(on_the_day.shared))
    days = sorted({p.as_of for p in (*a.positions, *b.positions)
                   if as_of is None or p.as_of <= as_of})
    assert [p.day for p in found.points] == [
        day for day in days if compare(a, b, ISSUES, day).distance is not None]


@pytest.mark.parametrize("root", [REPO, REPO / "tests/data/river",
                                  REPO / "tests/data/lakeside"])
def test_every_pairs_change_from_its_ends_on_the_records(root: Path) -> None:
    import posdiff

    record = posdiff.load(root)
    issues = list(record.issues.values())
    parties = list(record.parties.values())
    assert [change for *_, change in pair_changes(parties, issues)] == \
        [trend(a, b, issues).change for a, b in combinations(parties, 2)]


def test_russia_and_ukraine(posdiff: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    data = json.loads(posdiff("trend", "russia", "ukraine", "-f", "json").stdout)
    [pair] = data["pairs"]
    assert [(p["date"], p["distance"], p["shared"]) for p in pair["points"]] == [
        ("2025-02-28", 100, 1), ("2025-03-11", 100, 1), ("2025-03-18", 82.93, 5),
        ("2025-03-21", 86.34, 6), ("2025-04-30", 86.34, 6)]
    assert (pair["change"], pair["verdict"]) == (-13.7, "converging")
    monkeypatch.setenv("COLUMNS", "80")
    table = posdiff("trend", "russia", "ukraine").stdout
    assert max(map(len, table.splitlines())) <= 80
    assert "ukraine territory — → 0" in table
    words = " ".join(table.split())
    assert "Russia and Ukraine: converging: the distance went from 100 (2025-02-28, 1 " \
        "shared) to 86.3 (2025-04-30, 6 shared), -13.7" in words
    assert "part of the change is issues added, not positions moved" in words
    assert "at least 5 points below the first" in words
    earlier = json.loads(posdiff("trend", "russia", "ukraine", "--as-of", "2025-03-18",
                                 "-f", "json").stdout)
    assert [p["date"] for p in earlier["pairs"][0]["points"]][-1] == "2025-03-18"


def test_every_pair_sorted_by_change(posdiff: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("COLUMNS", "80")
    table = posdiff("trend").stdout
    assert max(map(len, table.splitlines())) <= 80
    # Shared 1 → 3: part of the change is issues added, which the row shows.
    assert "europe vs us          100   41.2    -58.8    1 → 3   converging        5   ██▆▅▄" \
        in table
    rows = list(csv.DictReader(io.StringIO(posdiff("trend", "-f", "csv").stdout)))
    changes = [float(r["change"]) for r in rows]
    assert changes == sorted(changes) and len({(r["party_a"], r["party_b"]) for r in rows}) == 6
    assert posdiff("trend", "-f", "markdown").stdout.startswith("### Distance over time")


def test_stated_only_leaves_inferred_entries_out(posdiff: Invoke,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    every = json.loads(posdiff("trend", "russia", "ukraine", "-f", "json").stdout)
    stated = json.loads(posdiff("trend", "russia", "ukraine", "--stated-only",
                                "-f", "json").stdout)
    moves = [m["basis"] for p in stated["pairs"][0]["points"] for m in p["moves"]]
    assert "inferred" in [m["basis"] for p in every["pairs"][0]["points"] for m in p["moves"]]
    assert moves and "inferred" not in moves
    assert "--stated-only:" in posdiff("trend", "russia", "ukraine", "--stated-only").stdout


def test_one_party_is_not_a_pair(posdiff: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = posdiff("trend", "russia", "kremlin")
    assert result.exit_code == 2
    assert "name only Russia (russia); name two different parties" in result.stderr


def test_the_json_follows_its_schema(river: Path, posdiff: Invoke) -> None:
    import jsonschema

    published = json.loads(posdiff("schema", "--output", "trend").stdout)
    for args in (["trend"], ["trend", "upstream", "downstream"]):
        document = json.loads(posdiff(*args, "-f", "json").stdout)
        jsonschema.validate(document, published, format_checker=jsonschema.FormatChecker())


def test_one_dated_point_has_no_change_and_the_shared_issues_stay(
        river: Path, posdiff: Invoke) -> None:
    table = posdiff("trend").stdout
    rows = [line.split() for line in table.splitlines() if " vs " in line]
    assert rows and all(row[5] == "—" and row[6].isdigit() for row in rows), rows
