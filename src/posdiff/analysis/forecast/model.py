"""Bueno de Mesquita's expected-utility model of bargaining on one issue, in the variant
that reproduces Table 2 of Scholz, Calbert and Smith (2011). Pure functions, no I/O.

`posdiff docs forecast` gives every formula in words; the names here follow it. Per
round: risk exponents from the dangers each actor faces, then every actor judges the
offers the others could make it, from its own point of view, and all move at once.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from posdiff.analysis.compromise import weighted_mean, weighted_median
from posdiff.errors import PosdiffError

Q = 1.0  # the chance the status quo holds when nobody challenges; Scholz et al. chose 1
DEFAULT_ROUNDS = 10
MAX_ROUNDS = 1_000
# A round costs actors³ steps: here 250 actors take 10 s a round, 500 took 112 s. KTAB
# itself takes at most 250.
MAX_ACTORS = 250


class StopRule(StrEnum):
    NONE = "none"  # run to the round cap (a cycle is still found and reported)
    # stop when a round leaves the median where it was, or repeats an earlier round's state
    MEDIAN_REPEAT = "median-repeat"
    CYCLE = "cycle"  # stop only when a round repeats an earlier round's state


class MoveKind(StrEnum):
    CONFRONTATION = "confrontation"  # lost a fight it expected: takes the other's position
    COMPROMISE = "compromise"  # moves part of the way, by the ratio of the two utilities
    CAPITULATION = "capitulation"  # gives in without a fight: takes the other's position


@dataclass(frozen=True)
class Actor:
    name: str
    capability: float  # >= 0, any unit: only ratios matter
    position: float  # any unit: results come back in the same one
    salience: float  # 0..1

    @property
    def weight(self) -> float:
        return self.capability * self.salience


@dataclass(frozen=True)
class Move:
    actor: int  # indexes into Run.actors
    kind: MoveKind
    towards: int
    start: float
    end: float


@dataclass(frozen=True)
class Round:
    number: int  # 0: the starting positions
    positions: tuple[float, ...]  # after the round, in actor order
    median: float | None  # None when every weight is zero
    mean: float | None
    risk: tuple[float, ...] = ()  # the exponents the round was played with (none in round 0)
    moves: tuple[Move, ...] = ()


@dataclass(frozen=True)
class Cycle:
    """The run came back to an earlier state: from round ``start`` on, every ``period``
    rounds the actors stand where they stood, so it never settles. ``medians`` and
    ``means`` are those of the rounds of one period, from ``start``."""

    period: int
    start: int
    medians: tuple[float | None, ...]
    means: tuple[float | None, ...]


@dataclass(frozen=True)
class Run:
    actors: tuple[Actor, ...]
    range: float  # R: the range of the starting positions, fixed for the whole run
    rounds: tuple[Round, ...]
    rounds_cap: int
    stop_rule: StopRule
    stop_rule_fired: bool  # the median repeated (median-repeat)
    cycle: Cycle | None = None  # the state repeated with a period of 2 rounds or more

    @property
    def final(self) -> Round:
        return self.rounds[-1]

    @property
    def stopped_at(self) -> int:
        return self.final.number

    @property
    def settled(self) -> bool:
        """The last round moved nobody: every further round would repeat it."""
        return len(self.rounds) > 1 and not self.final.moves

    @property
    def outcome(self) -> str:
        """Why the run ended, in words: 'no weight' (every actor's weight is 0: there is
        nothing to play), 'settled' (nobody moves), 'median held', 'cycle' (no single
        answer), or 'no settled answer' (the round cap came first)."""
        if self.rounds[0].median is None:
            return "no weight"
        if self.settled:
            return "settled"
        if self.stop_rule_fired:
            return "median held"
        if self.cycle is not None:
            return "cycle"
        return "no settled answer"


def forecast(actors: Sequence[Actor], rounds: int = DEFAULT_ROUNDS,
             stop_rule: StopRule = StopRule.MEDIAN_REPEAT) -> Run:
    """Play up to ``rounds`` rounds; stop early when ``stop_rule`` fires, or when a round
    moves nobody (the state is the positions alone, so nothing would ever move again)."""
    _check(actors, rounds)
    start = tuple(a.position for a in actors)
    span = max(start) - min(start)
    history = [_summary(0, actors, start)]
    if history[0].median is None:  # no actor weighs anything: no round to play
        return Run(tuple(actors), span, tuple(history), rounds, stop_rule, False)
    seen = States(span)
    seen.first_seen(start, 0)
    fired = False
    cycle: Cycle | None = None
    while history[-1].number < rounds:
        current = history[-1]
        risk, moves = _play(actors, current.positions, span)
        positions = list(current.positions)
        for move in moves:
            positions[move.actor] = move.end
        history.append(_summary(current.number + 1, actors, tuple(positions), risk, moves))
        if not moves:
            break
        if stop_rule is StopRule.MEDIAN_REPEAT and _same(history[-1].median, current.median,
                                                         span):
            fired = True
            break
        first = seen.first_seen(history[-1].positions, history[-1].number)
        if cycle is None and first is not None:
            loop = history[first:-1]
            cycle = Cycle(len(loop), first, tuple(r.median for r in loop),
                          tuple(r.mean for r in loop))
            if stop_rule is not StopRule.NONE:
                break
    return Run(tuple(actors), span, tuple(history), rounds, stop_rule, fired, cycle)


TOLERANCE = 1e-9  # of the range of the starting positions: two states this close are one


class States:
    """The states a run has reached: every position to TOLERANCE of the range ``span``,
    so that float noise is not a new state. The model's state is the positions alone, so
    a run that reaches a state again repeats from there for ever."""

    def __init__(self, span: float) -> None:
        self.step = TOLERANCE * max(span, 1.0)
        self.rounds: dict[tuple[int, ...], int] = {}

    def first_seen(self, positions: Sequence[float], number: int) -> int | None:
        """The round that first reached this state, or None (and it is noted as
        ``number``'s)."""
        key = tuple(round(x / self.step) for x in positions)
        if key in self.rounds:
            return self.rounds[key]
        self.rounds[key] = number
        return None


def find_cycle(states: Sequence[Sequence[float]], span: float) -> tuple[int, int] | None:
    """(period, first round) of the first state in ``states`` (round 0 first) that
    repeats an earlier one, or None. A period of 1 is a run that settled."""
    seen = States(span)
    for number, positions in enumerate(states):
        first = seen.first_seen(positions, number)
        if first is not None:
            return number - first, first
    return None


def _check(actors: Sequence[Actor], rounds: int) -> None:
    if not actors:
        raise PosdiffError("the forecast needs at least one actor")
    if len(actors) > MAX_ACTORS:
        raise PosdiffError(f"{len(actors):,} actors is over the limit of {MAX_ACTORS:,} "
                           "(a round's cost grows with the cube)")
    if not 0 <= rounds <= MAX_ROUNDS:
        raise PosdiffError(f"rounds must be between 0 and {MAX_ROUNDS:,}, not {rounds}")
    for actor in actors:
        if not (actor.capability >= 0 and 0 <= actor.salience <= 1
                and abs(actor.position) < float("inf")):
            raise PosdiffError(f"actor '{actor.name}': capability must be 0 or more, salience "
                               "between 0 and 1 and the position a finite number")


def _same(a: float | None, b: float | None, span: float) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-9 * max(span, 1.0)  # float noise is not a move


def _summary(number: int, actors: Sequence[Actor], positions: tuple[float, ...],
             risk: tuple[float, ...] = (), moves: tuple[Move, ...] = ()) -> Round:
    points = [(x, a.weight) for x, a in zip(positions, actors, strict=True)]
    return Round(number, positions, weighted_median(points, lower=True),
                 weighted_mean(points), risk, moves)


class _Table:
    """One round's positions, weights and risk exponents, with the model's quantities."""

    def __init__(self, actors: Sequence[Actor], positions: Sequence[float], span: float,
                 risk: Sequence[float]) -> None:
        self.actors, self.x, self.span, self.r = actors, positions, span, risk
        self.w = [a.weight for a in actors]
        # far[k][a]: voter k's normalised distance to actor a's position, to k's exponent;
        # k prefers a to b by w[k] * (far[k][b] - far[k][a]).
        self.far = [[math.pow(abs(here - there) / span if span else 0.0, r)
                     for there in positions]
                    for here, r in zip(positions, risk, strict=True)]
        # The probability of i beating j divides by one total over every voter and every
        # ordered pair; the per-pair total printed in the paper does not give Table 2.
        self.total = sum(w * _pairwise_spread(row) for w, row in zip(self.w, self.far,
                                                                       strict=True))
        self._chances: dict[tuple[int, int], float] = {}

    def chance(self, i: int, j: int) -> float:
        """The probability that i's position beats j's."""
        if self.x[i] == self.x[j] or not self.total:
            return 0.0
        if (i, j) not in self._chances:
            support = sum(max(0.0, w * (row[j] - row[i]))
                          for w, row in zip(self.w, self.far, strict=True))
            self._chances[i, j] = support / self.total
        return self._chances[i, j]

    def challenge(self, judge: int, i: int, j: int) -> float:
        """The expected utility of i challenging j, as ``judge`` sees it (its exponent)."""
        r = self.r[judge]
        gap = abs(self.x[i] - self.x[j]) / self.span if self.span else 0.0
        success = 2 - 4 * math.pow(0.5 - 0.5 * gap, r)
        failure = 2 - 4 * math.pow(0.5 + 0.5 * gap, r)
        status_quo = 2 - 4 * math.pow(0.5, r)
        p, s = self.chance(i, j), self.actors[j].salience
        return s * (p * success + (1 - p) * failure) + (1 - s) * success - Q * status_quo


def _pairwise_spread(values: Sequence[float]) -> float:
    """The sum of |a - b| over every ordered pair of ``values``, in n log n."""
    ranked = sorted(values)
    count = len(ranked)
    return 2 * sum(value * (2 * index - count + 1) for index, value in enumerate(ranked))


def _play(actors: Sequence[Actor], positions: tuple[float, ...],
          span: float) -> tuple[tuple[float, ...], tuple[Move, ...]]:
    n = len(actors)
    neutral = _Table(actors, positions, span, [1.0] * n)
    danger = [sum(neutral.challenge(i, j, i) for j in range(n) if j != i) for i in range(n)]
    risk = tuple(_exponent(d, min(danger), max(danger)) for d in danger)
    table = _Table(actors, positions, span, risk)
    moves = tuple(move for i in range(n) if (move := _best_offer(table, i)) is not None)
    return risk, moves


def _exponent(danger: float, least: float, most: float) -> float:
    """Danger rescaled to [-1, 1], then mapped to an exponent in [0.5, 2]: the most
    threatened actor gets 0.5, the safest 2; with no spread of danger, everyone 1."""
    if most == least:
        return 1.0
    scaled = (2 * danger - most - least) / (most - least)
    return (1 - scaled / 3) / (1 + scaled / 3)


def _best_offer(table: _Table, i: int) -> Move | None:
    """The one move actor i makes: the least-movement confrontation it loses, else the
    compromise with the lowest utility-weighted point, else the least-movement
    capitulation; ties go to the first in input order (min keeps the first)."""
    here = table.x[i]
    found: dict[MoveKind, list[tuple[float, Move]]] = {kind: [] for kind in MoveKind}
    for j, there in enumerate(table.x):
        if there == here:
            continue
        mine, theirs = table.challenge(i, i, j), table.challenge(i, j, i)
        if theirs > mine > 0:
            found[MoveKind.CONFRONTATION].append(
                (abs(there - here), Move(i, MoveKind.CONFRONTATION, j, here, there)))
        elif theirs > 0 > mine and theirs > -mine:
            end = here + (there - here) * (-mine / theirs)
            point = (-mine * here + theirs * there) / (theirs - mine)
            found[MoveKind.COMPROMISE].append((point, Move(i, MoveKind.COMPROMISE, j, here, end)))
        elif theirs > 0 > mine and theirs < -mine:
            found[MoveKind.CAPITULATION].append(
                (abs(there - here), Move(i, MoveKind.CAPITULATION, j, here, there)))
    for kind in MoveKind:  # in order: confrontation, compromise, capitulation
        if found[kind]:
            return min(found[kind], key=lambda pair: pair[0])[1]
    return None
