"""KTAB scenario CSV: what KTAB's reader accepts is read, bad input is named by file and
line, and what posdiff writes meets KTAB's rules."""

from __future__ import annotations

import pytest

from posdiff.analysis.forecast import ktab
from posdiff.analysis.forecast.inputs import IssueInput, Stake
from posdiff.analysis.forecast.model import Actor
from posdiff.errors import UsageError

from tests.conftest import DATA

HEADER = "Actor,Description,Power,Pstn1,Sal1"


def test_the_ec_example_reads_with_crlf_trailing_commas_padding_and_quotes() -> None:
    text = (DATA / "ktab/ec-emissions.csv").read_bytes().decode("utf-8")
    assert "\r\n" in text
    scenario = ktab.read(text, "ec.csv")
    assert scenario.name == "EC emission standards"
    assert scenario.dimensions == ("Years",)
    first = scenario.inputs[0].stakes[0]
    assert first.actor == Actor("Netherlands", 0.08, 4, 0.8)
    assert first.line == 3
    assert len(scenario.inputs[0].stakes) == 10


def test_without_the_scenario_line_the_header_comes_first() -> None:
    scenario = ktab.read(f"{HEADER}\na,x,1,10,50\nb,y,2,90,20\n", "s.csv")
    assert scenario.name is None
    assert [s.actor.name for s in scenario.inputs[0].stakes] == ["a", "b"]


def test_several_dimensions_become_several_issues() -> None:
    scenario = ktab.read("s,d,2,2\nActor,Description,Power,Tax,S1,Rent,S2\n"
                         "a,,1,10,50,20,30\nb,,2,90,20,80,40\n", "s.csv")
    assert scenario.dimensions == ("Tax", "Rent")
    assert [i.actors[1].position for i in scenario.inputs] == [90, 80]


def test_minicsv_quoting_and_escapes() -> None:
    scenario = ktab.read(f'{HEADER}\n"a, inc",d $$ e,1,10,50\nb,&quot;x&quot;,1,90,50\n',
                         "s.csv")
    assert scenario.inputs[0].actors[0].name == "a, inc"


def test_rows_after_the_declared_actors_are_ignored_with_a_warning() -> None:
    scenario = ktab.read(f"s,d,1,1\n{HEADER}\na,,1,10,50\nb,,1,90,50\n", "s.csv")
    assert len(scenario.inputs[0].stakes) == 1
    assert scenario.warnings == ("s.csv:4: lines after the actor table are ignored, as KTAB "
                                 "ignores them",)


@pytest.mark.parametrize(("text", "message"), [
    (f"{HEADER}\na,,1,ten,50\n", "s.csv:2: position 1 'ten' is not a number"),
    (f"{HEADER}\na,,1,10,150\n", "s.csv:2: salience 1 is 150; KTAB saliences run from 0"),
    (f"{HEADER}\na,,-1,10,50\n", "s.csv:2: capability -1 is negative"),
    (f"{HEADER}\na,,1,10\n", "s.csv:2: an actor row needs a name"),
    (f"{HEADER}\na,,1,nan,50\n", "s.csv:2: position 1 'nan' is not a number"),
    (f"{HEADER}\na,,1,1e999,50\n", "s.csv:2: position 1 '1e999' is too large"),
    (f"{HEADER}\na,,1,10,50\na,,1,20,50\n", "s.csv:3: actor 'a' already has a row on line 2"),
    (f"s,d,3,1\n{HEADER}\na,,1,10,50\n\nb,,1,10,50\n",
     "s.csv:4: the scenario line declares 3 actors but only 1 row follow"),
    (f"{HEADER}\n", "s.csv:2: no actor rows after the header"),
    ("s,d,3,1\n", "s.csv:2: no header line; a KTAB scenario is an optional first line"),
    ("Actor,Description,Power,Pstn1\na,,1,10\n", "s.csv:1: the header has 1 column after"),
    (f'{HEADER}\n"a,,1,10,50\n', "s.csv:2: a quoted field is not closed"),
    (f"{HEADER}\ra,,1,10,50\r", "s.csv:1: a carriage return without a line feed"),
])
def test_bad_input_names_file_and_line(text: str, message: str) -> None:
    with pytest.raises(ktab.KtabError) as raised:
        ktab.read(text, "s.csv")
    assert str(raised.value).startswith(message)


@pytest.mark.parametrize("name", ["SOE-Policy.csv", "dummyData_3Dim.csv",
                                  "dummyData_6Dim.csv"])
def test_ktabs_own_examples_read_when_present(name: str) -> None:
    # KTAB's files are not copied into the project; read them where the team keeps them.
    path = DATA.parent.parent.parent / "shared" / "ktab" / name
    if not path.exists():
        pytest.skip("KTAB's example files are not here")
    scenario = ktab.read(path.read_bytes().decode("utf-8"), name)
    assert scenario.inputs and all(i.stakes for i in scenario.inputs)


def _inputs(*issues: tuple[str, list[tuple[str, float, float, float]]]) -> list[IssueInput]:
    return [IssueInput(issue, tuple(Stake(Actor(*row)) for row in rows))
            for issue, rows in issues]


ROWS = [("a", 1, 10, 0.9), ("b", 2, 90, 0.6), ("c", 0.5, 50, 1.0)]


def test_one_issue_is_written_as_it_stands_and_reads_back() -> None:
    written = ktab.write(_inputs(("tax", ROWS)), "talks", {"a": "Party A, ltd"})
    assert written.splitlines() == [
        "talks,exported by posdiff,3,1", "Actor,Description,Power,tax,Sal1",
        "a,Party A; ltd,1,10,90", "b,b,2,90,60", "c,c,0.5,50,100"]
    assert written.endswith("\r\n")
    again = ktab.read(written, "out.csv")
    assert again.inputs[0].actors == tuple(Actor(*row) for row in ROWS)


def test_several_issues_share_each_actors_100_points_of_salience() -> None:
    written = ktab.write(_inputs(("tax", ROWS), ("rent", ROWS), ("fees", ROWS)), "t", {})
    for line in written.splitlines()[2:]:
        saliences = [float(cell) for cell in line.split(",")[4::2]]
        total = 0.0
        for value in saliences:  # KTAB adds them up as doubles and refuses over 100
            total += value
        assert total <= 100
    assert "c,c,0.5,50,33.3333,50,33.3333,50,33.3333" in written


def test_export_refuses_to_impute_a_position() -> None:
    with pytest.raises(UsageError, match="c has a position on tax but not on rent"):
        ktab.write(_inputs(("tax", ROWS), ("rent", ROWS[:2])), "t", {})


def test_export_refuses_what_ktab_would() -> None:
    with pytest.raises(UsageError, match="at least 3 actors"):
        ktab.write(_inputs(("tax", ROWS[:2])), "t", {})
    with pytest.raises(UsageError, match="longer than the 25"):
        ktab.write(_inputs(("tax", [("x" * 26, 1, 1, 1), *ROWS[1:]])), "t", {})


@pytest.mark.parametrize(("actors", "dimensions", "refused"), [
    ("9" * 4301, "1", True), ("3", "9" * 5000, True), ("1" + "0" * 9, "1", True),
    ("0" * 5000 + "3", "1", False), ("3", "01", False)])
def test_the_scenario_lines_counts_of_any_length_end_in_a_message(
        actors: str, dimensions: str, refused: bool) -> None:
    """A count of 4,301 digits ended in an internal error (Python reads no such int)."""
    text = (f"s,d,{actors},{dimensions}\nActor,Description,Power,iss,Sal1\n"
            "r,R,1,75,70\nu,U,1,0,75\nv,V,1,0,90\n")
    if refused:
        with pytest.raises(ktab.KtabError, match=r"^s\.csv:1: the scenario line declares .* "
                                                 r"past any scenario"):
            ktab.read(text, "s.csv")
    else:
        assert len(ktab.read(text, "s.csv").inputs) == 1
