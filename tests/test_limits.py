"""Stated and inferred limits, and roles, on the river record: a mediator, ranges the
curator inferred, and a red line a quote states."""

from __future__ import annotations

import json
from pathlib import Path

from posdiff.analysis.compromise import weighing
from posdiff.analysis.distance import compare
from posdiff.model import Basis, Role

from tests.builders import issue, party, pos
from tests.conftest import Invoke, edit


def test_dropping_inferred_limits_keeps_the_stated_ones() -> None:
    both = pos("x", 60, acceptable=(55, 70), red_line=True).replace(
        acceptable_basis=Basis.STATED, red_line_basis=Basis.STATED)
    assert both.stated_limits_only() is both
    line_inferred = both.replace(red_line_basis=Basis.INFERRED).stated_limits_only()
    assert (line_inferred.acceptable, line_inferred.red_line) == ((55, 70), False)
    assert line_inferred.inferred_limits == ()
    # A stated red line around an inferred range goes with the range: its words say
    # there is a line, not where it runs (as the position alone it would claim more).
    range_inferred = both.replace(acceptable_basis=Basis.INFERRED).stated_limits_only()
    assert (range_inferred.acceptable, range_inferred.red_line) == (None, False)
    assert range_inferred.inferred_limits == ()
    dropped = both.replace(acceptable_basis=Basis.INFERRED,
                           red_line_basis=Basis.INFERRED).stated_limits_only()
    assert (dropped.acceptable, dropped.red_line, dropped.inferred_limits) == (None, False, ())


def test_a_clash_says_whether_it_rests_on_a_stated_red_line() -> None:
    a = pos("x", 60, acceptable=(55, 70), red_line=True).replace(
        acceptable_basis=Basis.STATED, red_line_basis=Basis.STATED)
    b = pos("x", 30, acceptable=(20, 45))
    b_stated = b.replace(acceptable_basis=Basis.STATED)
    b_inferred = b.replace(acceptable_basis=Basis.INFERRED)
    stated = compare(party("a", a), party("b", b_stated), [issue("x")]).issues[0]
    inferred = compare(party("a", a), party("b", b_inferred), [issue("x")]).issues[0]
    assert stated.red_line_clash and not stated.clash_inferred
    assert inferred.red_line_clash and inferred.clash_inferred
    assert inferred.overlap_inferred and not stated.overlap_inferred


def test_mediators_and_observers_are_weighed_only_when_named() -> None:
    judge = party("judge").replace(role=Role.MEDIATOR)
    sides = [party("a"), judge, party("b")]
    assert weighing(sides, named=False) == ([sides[0], sides[2]], [judge])
    assert weighing(sides, named=True) == (sides, [])


def test_compare_marks_inferred_limits_and_can_leave_them_out(river: Path,
                                                              posdiff: Invoke) -> None:
    data = json.loads(posdiff("compare", "upstream", "downstream", "-f", "json").stdout)
    water = data["issues"][0]
    assert (water["red_line_clash"], water["basis"]["red_line_clash"]) == (True, "inferred")
    table = posdiff("compare", "upstream", "downstream").stdout
    assert "clash (inferred)" in table
    assert "Red-line clashes: water-share (inferred)" in table
    # Without the inferred ranges, upstream's red line goes too: its quote says there is
    # a line, not that it runs at the position itself, so no clash is claimed.
    stated = json.loads(posdiff("compare", "upstream", "downstream", "--stated-only",
                                "-f", "json").stdout)["issues"][0]
    assert stated["acceptable"] == {"upstream": None, "downstream": None}
    assert (stated["red_line_clash"], stated["basis"]["red_line_clash"]) == (False, None)
    assert "Red-line clashes: none" in posdiff("compare", "upstream", "downstream",
                                              "--stated-only").stdout


def test_an_inferred_red_line_disappears_with_stated_only(river: Path, posdiff: Invoke) -> None:
    edit(river / "positions/upstream.yaml", "        supports: [red_line]\n", "")
    stated = json.loads(posdiff("compare", "upstream", "downstream", "--stated-only",
                                "-f", "json").stdout)["issues"][0]
    assert stated["red_line_clash"] is False
    show = posdiff("show", "upstream", "-f", "markdown").stdout
    assert "60, nearest point: even split [inferred red line]" in show
    assert "60–70 (inferred)" in show


def test_compromise_leaves_the_mediator_out_unless_named(river: Path, posdiff: Invoke) -> None:
    default = json.loads(posdiff("compromise", "-f", "json").stdout)
    assert default["parties"] == ["downstream", "upstream"]
    assert default["left_out"] == [{"party": "mediator", "role": "mediator"}]
    assert "mediator" not in default["issues"][0]["weights"]
    assert "Not weighed (they take no side; name them to include them): mediator (mediator)" \
        in posdiff("compromise").stdout
    named = json.loads(posdiff("compromise", "upstream", "mediator", "-f", "json").stdout)
    assert named["issues"][0]["weights"] == {"mediator": 50.0, "upstream": 180.0}


def test_parties_and_show_say_the_role(river: Path, posdiff: Invoke) -> None:
    listed = json.loads(posdiff("parties", "-f", "json").stdout)["parties"]
    assert [(p["party"], p["role"]) for p in listed] == [
        ("downstream", "party"), ("mediator", "mediator"), ("upstream", "party")]
    assert posdiff("show", "mediator").stdout.startswith("Mediator [mediator, mediator]")


def test_a_party_with_no_position_yet_is_valid(river: Path, posdiff: Invoke) -> None:
    (river / "positions/observer.yaml").write_text(
        "party: observer\nname: Observer\nrole: observer\n", encoding="utf-8")
    assert posdiff("check", "--strict").exit_code == 0
