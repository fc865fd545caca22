"""Sensitivity: each input moved a step either way, within its bounds, and ranked."""

from __future__ import annotations

import pytest

from posdiff.analysis.forecast.model import Actor, StopRule, forecast
from posdiff.analysis.forecast.sensitivity import Input, nudges, ranked

ACTORS = [Actor("low", 1, 0, 0.9), Actor("high", 2, 60, 0.9), Actor("edge", 1, 100, 0.05)]


def test_each_input_moves_both_ways_within_its_bounds() -> None:
    found = nudges(ACTORS, 5, StopRule.NONE, 10, (0, 100))
    steps: dict[tuple[int, Input], list[float]] = {(n.actor, n.input): [] for n in found}
    for n in found:
        steps[n.actor, n.input].append(round(n.step, 9))
    assert steps[0, Input.POSITION] == [10]  # 0 - 10 would leave the scale
    assert steps[2, Input.POSITION] == [-10]
    assert steps[1, Input.POSITION] == [-10, 10]
    assert steps[2, Input.SALIENCE] == [-0.05, 0.1]  # 0.05 - 0.1 stops at 0


def test_the_shift_is_the_change_of_the_final_forecast() -> None:
    base = forecast(ACTORS, 5, StopRule.NONE)
    moved = forecast([ACTORS[0], Actor("high", 2, 70, 0.9), ACTORS[2]], 5, StopRule.NONE)
    found = nudges(ACTORS, 5, StopRule.NONE, 10, (0, 100), base)
    up = next(n for n in found if (n.actor, n.input, n.step) == (1, Input.POSITION, 10))
    assert up.median_shift == pytest.approx(moved.final.median - base.final.median)
    assert up.mean_shift == pytest.approx(moved.final.mean - base.final.mean)


def test_ranked_puts_the_biggest_effect_first_each_input_once() -> None:
    order = ranked(nudges(ACTORS, 5, StopRule.NONE, 10, (0, 100)))
    assert len(order) == len({(d.actor, d.input) for d in order}) == 6
    shifts = [(d.median_shift, d.mean_shift) for d in order]
    assert shifts == sorted(shifts, reverse=True)
