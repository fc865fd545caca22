"""How much a forecast depends on each input: re-run it with one actor's position or
salience moved a step either way and see how far the forecast moves. Pure, no I/O."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from posdiff.analysis.forecast.model import Actor, Run, StopRule, forecast

SALIENCE_STEP = 0.1  # ten points on the record's 0..100 salience scale


class Input(StrEnum):
    POSITION = "position"
    SALIENCE = "salience"


@dataclass(frozen=True)
class Nudge:
    actor: int
    input: Input
    step: float  # signed, in the input's own units (salience on 0..1)
    median_shift: float | None  # the forecast's change; None when either median is None
    mean_shift: float | None


@dataclass(frozen=True)
class Dependence:
    """An input's largest effect on the forecast, either way."""

    actor: int
    input: Input
    median_shift: float  # largest |change| of the forecast median
    mean_shift: float


def nudges(actors: Sequence[Actor], rounds: int, stop_rule: StopRule, position_step: float,
           bounds: tuple[float, float], base: Run | None = None) -> list[Nudge]:
    """Every actor's position moved by ±``position_step`` (kept within ``bounds``) and
    salience by ±0.1 (kept within 0..1); a step that the bound cancels is left out."""
    base = base or forecast(actors, rounds, stop_rule)
    found = []
    for index, actor in enumerate(actors):
        for kind, value, low, high, step in (
                (Input.POSITION, actor.position, *bounds, position_step),
                (Input.SALIENCE, actor.salience, 0.0, 1.0, SALIENCE_STEP)):
            for signed in (-step, step):
                moved = min(high, max(low, value + signed))
                if moved == value:
                    continue
                changed = (replace(actor, position=moved) if kind is Input.POSITION
                           else replace(actor, salience=moved))
                run = forecast([*actors[:index], changed, *actors[index + 1:]], rounds,
                               stop_rule)
                found.append(Nudge(index, kind, moved - value,
                                   _shift(run.final.median, base.final.median),
                                   _shift(run.final.mean, base.final.mean)))
    return found


def ranked(found: Sequence[Nudge]) -> list[Dependence]:
    """Each input once, the one the forecast median depends on most first (then the mean;
    ties keep input order)."""
    largest: dict[tuple[int, Input], Dependence] = {}
    for nudge in found:
        key = (nudge.actor, nudge.input)
        old = largest.get(key, Dependence(nudge.actor, nudge.input, 0.0, 0.0))
        largest[key] = Dependence(nudge.actor, nudge.input,
                                  max(old.median_shift, abs(nudge.median_shift or 0.0)),
                                  max(old.mean_shift, abs(nudge.mean_shift or 0.0)))
    return sorted(largest.values(), key=lambda d: (-d.median_shift, -d.mean_shift))


def _shift(after: float | None, before: float | None) -> float | None:
    return None if after is None or before is None else after - before
