"""The geometry and colours of the brief's pictures, by hand-computed cases."""

from __future__ import annotations

import datetime as dt

import pytest

from posdiff.reports.brief import svg


@pytest.mark.parametrize(("value", "expected"), [
    (0, 4.0), (100, 96.0), (50, 50.0), (25, 27.0), (-5, 4.0), (140, 96.0)])
def test_a_value_sits_across_the_width_inside_the_edges(value: float, expected: float) -> None:
    assert svg.across(value) == expected


def test_across_with_a_wider_edge() -> None:
    assert (svg.across(0, edge=9), svg.across(100, edge=9)) == (9.0, 91.0)


@pytest.mark.parametrize(("value", "expected"), [(100, 10.0), (0, 120.0), (50, 65.0),
                                                 (150, 10.0)])
def test_down_puts_100_at_the_top(value: float, expected: float) -> None:
    assert svg.down(value, top=10, height=110) == expected


def test_a_day_sits_by_its_share_of_the_span() -> None:
    first, last = dt.date(2025, 1, 1), dt.date(2025, 1, 11)
    assert svg.day_across(first, first, last) == 4.0
    assert svg.day_across(last, first, last) == 96.0
    assert svg.day_across(dt.date(2025, 1, 6), first, last) == 50.0
    assert svg.day_across(first, first, first) == 4.0  # one day: no division by zero


def test_a_marks_area_grows_in_step_with_salience() -> None:
    assert svg.radius(0) == svg.R_MIN
    assert svg.radius(100) == svg.R_MAX
    area = {s: svg.radius(s) ** 2 - svg.R_MIN**2 for s in (25, 50, 100)}
    assert area[50] == pytest.approx(2 * area[25], rel=1e-2)
    assert area[100] == pytest.approx(2 * area[50], rel=1e-2)
    assert svg.radius(-10) == svg.R_MIN and svg.radius(200) == svg.R_MAX


@pytest.mark.parametrize(("value", "step"), [
    (None, None), (0, 0), (9.99, 0), (10, 1), (55, 5), (89.9, 8), (90, 9), (100, 9),
    (-3, 0), (120, 9)])
def test_a_distance_falls_in_one_of_ten_steps(value: float | None, step: int | None) -> None:
    assert svg.heat_step(value) == step


def test_the_heat_scale_runs_from_light_to_dark() -> None:
    def lightness(fill: str) -> float:
        r, g, b = (int(fill[i:i + 2], 16) for i in (1, 3, 5))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    values = [lightness(fill) for fill in svg.HEAT]
    assert values == sorted(values, reverse=True)  # readable in grey, and in order


@pytest.mark.parametrize(("fill", "expected"), [
    ("#fde725", "#000000"), ("#482475", "#ffffff"), ("#ffffff", "#000000"),
    ("#000000", "#ffffff"), ("#355f8d", "#ffffff")])
def test_ink_is_whichever_contrasts_more(fill: str, expected: str) -> None:
    assert svg.ink(fill) == expected


@pytest.mark.parametrize(("x", "anchor"), [(4, "start"), (14.9, "start"), (15, "middle"),
                                           (85, "middle"), (85.1, "end"), (96, "end")])
def test_labels_near_an_edge_are_anchored_inside(x: float, anchor: str) -> None:
    assert svg.text_anchor(x) == anchor


def test_party_colours_come_round_with_a_new_dash_pattern() -> None:
    count = len(svg.PALETTE)
    assert svg.colour(0) == svg.colour(count) != svg.colour(1)
    assert svg.dashes(0) == "" != svg.dashes(count)


@pytest.mark.parametrize(("text", "expected"), [
    ("Upstream State", "Upstream State"),
    ("x" * 44, "x" * 44),  # exactly the room: whole
    ("The Federal Ministry of Water Resources and Land Reclamation (not weighed)",
     "The Federal Ministry of Water Resources and…"),  # after the last whole word
    ("y" * 60, "y" * 43 + "…"),  # no space to cut at: cut at the room
    ("Short words, a comma, then a very-long-hyphenated-name-that-goes-on",
     "Short words, a comma, then a…"),
])
def test_a_label_is_cut_after_a_word_to_fit_a_phone(text: str, expected: str) -> None:
    assert svg.label(text) == expected
    assert len(svg.label(text)) <= svg.LABEL_CHARS
