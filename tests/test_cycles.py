"""A forecast that says when it has no answer: the state repeating (a cycle), found and
reported whatever the round cap; the sensitivity table and the precision of each format."""

from __future__ import annotations

import json

import pytest

import posdiff
from posdiff.analysis.forecast.model import (
    TOLERANCE,
    Actor,
    StopRule,
    find_cycle,
    forecast,
)

from tests.conftest import REPO, Invoke


def test_a_period_two_cycle_is_found_where_it_starts() -> None:
    states = [(0, 100, 50), (100, 0, 50), (0, 100, 50), (100, 0, 50)]
    assert find_cycle(states, span=100) == (2, 0)
    assert find_cycle([(10, 10, 10), *states], span=100) == (2, 1)


def test_a_period_three_cycle_is_found() -> None:
    a, b, c = (0, 50, 100), (50, 100, 0), (100, 0, 50)
    assert find_cycle([(30, 30, 30), a, b, c, a, b], span=100) == (3, 1)


def test_a_run_that_converges_has_no_cycle_and_one_that_settles_has_period_one() -> None:
    converging = [(0.0, 100.0), (25.0, 75.0), (37.5, 62.5), (43.75, 56.25)]
    assert find_cycle(converging, span=100) is None
    assert find_cycle([*converging, converging[-1]], span=100) == (1, 3)


def test_float_noise_is_not_a_new_state_but_a_real_move_is() -> None:
    noise = TOLERANCE * 100 / 10
    assert find_cycle([(0, 100), (1, 99), (0 + noise, 100 - noise)], span=100) == (2, 0)
    assert find_cycle([(0, 100), (1, 99), (0.001, 100)], span=100) is None


SWAPPING = [Actor("europe", 1, 25, 0.5), Actor("us", 1, 75, 0.25),
            Actor("ukraine", 1, 25, 0.75), Actor("russia", 1, 100, 0.9)]


@pytest.mark.parametrize("rounds", [9, 10, 11, 30])
def test_the_shipped_cycle_is_one_whatever_the_cap(rounds: int) -> None:
    """security-guarantees: Europe and the US swap places every round. The answer used to
    depend on whether --rounds was odd or even; now the run stops at the repeat."""
    record = posdiff.load(posdiff.example())
    run = posdiff.forecast(record, issues="security-guarantees", rounds=rounds).issues[0].run
    assert run.outcome == "cycle" and run.stopped_at == 3
    assert run.cycle is not None
    assert (run.cycle.period, run.cycle.start, run.cycle.medians) == (2, 1, (100.0, 25.0))


def test_without_a_stop_rule_it_plays_to_the_cap_and_still_reports_the_cycle() -> None:
    record = posdiff.load(posdiff.example())
    run = posdiff.forecast(record, issues="security-guarantees", rounds=11,
                           stop_rule="none").issues[0].run
    assert run.stopped_at == 11 and run.outcome == "cycle"
    assert run.cycle is not None and (run.cycle.period, run.cycle.start) == (2, 1)
    medians = [r.median for r in run.rounds[1:]]
    assert medians == [100.0, 25.0] * 5 + [100.0]  # the cycle it reports, played out


def test_a_run_cut_by_the_cap_says_it_has_no_settled_answer() -> None:
    record = posdiff.load(posdiff.example())
    run = posdiff.forecast(record, issues="military-aid", rounds=2).issues[0].run
    assert (run.outcome, run.stopped_at, run.cycle) == ("no settled answer", 2, None)
    settled = posdiff.forecast(record, issues="military-aid").issues[0].run
    assert (settled.outcome, settled.stopped_at) == ("settled", 5)


def test_the_cycle_stop_rule_ignores_a_median_that_holds() -> None:
    actors = [Actor("a", 1, 0, 0.5), Actor("b", 1, 40, 0.5), Actor("c", 2, 100, 0.9)]
    held = forecast(actors, 10, StopRule.MEDIAN_REPEAT)
    only_cycles = forecast(actors, 10, StopRule.CYCLE)
    assert held.stop_rule_fired and held.outcome == "median held"
    assert not only_cycles.stop_rule_fired
    assert only_cycles.stopped_at >= held.stopped_at


def test_the_table_json_and_csv_say_cycle(posdiff: Invoke) -> None:
    table = posdiff("forecast", "--issue", "security-guarantees").stdout
    row = next(line for line in table.splitlines() if line.startswith("security-guarantees"))
    # Europe starts at 25 and swings to 100 and back: read from where it started.
    assert "25 ↔ 100" in row and "3 cycle" in row and "europe 25 ↔ 100" in row
    assert "security-guarantees 100 → 25 and round again, from round 1" in " ".join(table.split())
    document = json.loads(posdiff("forecast", "--issue", "security-guarantees", "-f",
                                  "json").stdout)
    (issue,) = document["issues"]
    assert issue["cycle"] == {"period": 2, "from_round": 1, "medians": [100.0, 25.0],
                              "means": [68.75, 60.9375]}
    assert issue["forecast"]["outcome"] == "cycle"
    csv = posdiff("forecast", "--issue", "security-guarantees", "-f", "csv").stdout
    assert csv.splitlines()[1].endswith(",cycle,2")
    settled = json.loads(posdiff("forecast", "--issue", "territory", "-f", "json").stdout)
    assert settled["issues"][0]["cycle"] is None


def test_a_labelled_point_is_not_called_a_number_between_points(posdiff: Invoke) -> None:
    """Ukraine's 'full ceasefire' is 0, a labelled point: every shipped line used to say
    'a number between labelled points', set off by any note."""
    table = posdiff("forecast", "--sensitivity", "--issue", "ceasefire-scope").stdout
    row = next(line for line in table.splitlines() if "ukraine position" in line)
    assert "stated, 2 quotes" in row and "between labelled points" not in row


def test_a_number_between_points_is_said_to_be_one(river: object, posdiff: Invoke) -> None:
    table = posdiff("forecast", "--sensitivity", "--issue", "water-share").stdout
    assert "between labelled points" in table  # upstream at 60, downstream at 30


def test_the_sensitivity_table_leads_with_what_matters_and_fits(posdiff: Invoke,
                                                               monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    table = posdiff("forecast", "--sensitivity").stdout
    lines = table.splitlines()
    assert len(lines) <= 60 and all(len(line) <= 80 for line in lines)
    start = lines.index(next(x for x in lines if x.startswith("What each forecast")))
    issues = [line.split()[0] for line in lines[start + 3:] if line and line[0].isalpha()
              and not line.startswith("each ")]
    assert "demilitarisation" not in issues[:9]  # one actor: its answer is its position
    assert "Left out of the sensitivity table" in " ".join(table.split())


def test_json_keeps_the_trajectory_whole_and_tables_and_csv_round(posdiff: Invoke) -> None:
    document = json.loads(posdiff("forecast", "--issue", "ceasefire-scope", "-f",
                                  "json").stdout)
    assert document["issues"][0]["rounds"][0]["mean"] == pytest.approx(22.340425531914892,
                                                                       abs=1e-12)
    assert "22.340425531914892" in json.dumps(document)
    csv = posdiff("forecast", "--issue", "ceasefire-scope", "-f", "csv").stdout
    assert ",22.34," in csv and "22.340" not in csv
    assert "22.3" in posdiff("forecast", "--issue", "ceasefire-scope").stdout


def test_the_readme_and_the_docs_state_the_precision_rule() -> None:
    for text in ((REPO / "README.md").read_text(encoding="utf-8"),
                 (REPO / "docs" / "forecast.md").read_text(encoding="utf-8")):
        assert "full precision" in text
