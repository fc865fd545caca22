"""How far apart parties are: gaps, the weighted distance, overlaps and red-line clashes,
pair by pair (compare) and for every pair (matrix). Pure functions, no I/O.

Formulas (also in the README):
- gap(A, B, i) = |x_A,i - x_B,i|
- distance(A, B) = sum_i w_i * gap_i / sum_i w_i over the issues both have a position on,
  with w_i = (s_A,i + s_B,i) / 2; undefined when they share no issue
- overlap(A, B, i) = [max(lo_A, lo_B), min(hi_A, hi_B)] when not empty; a party without
  an `acceptable` range is taken to accept only its stated position
- red-line clash: either side marks a red line and the two ranges are disjoint
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from posdiff.model import Basis, Issue, Party, Position
from posdiff.plain import Plain

Range = tuple[float, float]


def gap(a: Position, b: Position) -> float:
    return abs(a.value - b.value)


def accepted_range(position: Position) -> Range:
    return position.acceptable or (position.value, position.value)


def overlap(a: Position, b: Position) -> Range | None:
    low = max(accepted_range(a)[0], accepted_range(b)[0])
    high = min(accepted_range(a)[1], accepted_range(b)[1])
    return (low, high) if low <= high else None


def red_line_clash(a: Position, b: Position) -> bool:
    return (a.red_line or b.red_line) and overlap(a, b) is None


def weighted_distance(pairs: Iterable[tuple[Position, Position]]) -> float | None:
    """Salience-weighted mean gap; None when there is nothing to compare.

    When every shared issue has salience 0 for both sides the weights carry no
    information, so the plain mean gap is used rather than dividing by zero.
    """
    return distance_of((a.value, a.salience, b.value, b.salience) for a, b in pairs)


def distance_of(pairs: Iterable[tuple[float, float, float, float]]) -> float | None:
    """The distance over (x_a, s_a, x_b, s_b) tuples, in one pass, added in their order."""
    count, weights, weighted_gaps, gaps = _sums(pairs)
    if count == 0:
        return None
    return weighted_gaps / weights if weights > 0 else gaps / count


def _sums(pairs: Iterable[tuple[float, float, float, float]]) -> tuple[int, float, float, float]:
    """(count, sum of weights, sum of weighted gaps, sum of gaps), added in order."""
    weights = weighted_gaps = gaps = 0.0
    count = 0
    for x_a, s_a, x_b, s_b in pairs:
        weight, gap_ = (s_a + s_b) / 2, abs(x_a - x_b)
        weights += weight
        weighted_gaps += weight * gap_
        gaps += gap_
        count += 1
    return count, weights, weighted_gaps, gaps


class IssueComparison(Plain):
    """One issue of a pair: each side's entry (None where it has no position)."""

    __slots__ = ("issue", "a", "b")

    def __init__(self, issue: Issue, a: Position | None, b: Position | None) -> None:
        self.issue = issue
        self.a = a
        self.b = b

    @property
    def shared(self) -> bool:
        return self.a is not None and self.b is not None

    @property
    def gap(self) -> float | None:
        return gap(self.a, self.b) if self.a and self.b else None

    @property
    def weight(self) -> float | None:
        return (self.a.salience + self.b.salience) / 2 if self.a and self.b else None

    @property
    def overlap(self) -> Range | None:
        return overlap(self.a, self.b) if self.a and self.b else None

    @property
    def red_line_clash(self) -> bool:
        return bool(self.a and self.b and red_line_clash(self.a, self.b))

    @property
    def overlap_inferred(self) -> bool:
        """The overlap (or its absence) rests on a range the curator inferred."""
        return any(p is not None and p.acceptable_basis is Basis.INFERRED
                   for p in (self.a, self.b))

    @property
    def clash_inferred(self) -> bool:
        """The clash rests on an inferred range, or on no red line that a quote states."""
        return self.overlap_inferred or not any(
            p is not None and p.red_line and p.red_line_basis is Basis.STATED
            for p in (self.a, self.b))


class Comparison(Plain):
    """Two parties issue by issue, and how far apart they are."""

    __slots__ = ("a", "b", "as_of", "issues", "distance")

    def __init__(self, a: Party, b: Party, as_of: dt.date | None,
                 issues: tuple[IssueComparison, ...], distance: float | None) -> None:
        self.a = a
        self.b = b
        self.as_of = as_of
        self.issues = issues  # every issue asked about, in catalogue order
        self.distance = distance

    @property
    def shared(self) -> tuple[IssueComparison, ...]:
        return tuple(row for row in self.issues if row.shared)

    @property
    def one_sided(self) -> tuple[IssueComparison, ...]:
        return tuple(row for row in self.issues if (row.a is None) != (row.b is None))

    @property
    def unstated(self) -> tuple[IssueComparison, ...]:
        return tuple(row for row in self.issues if row.a is None and row.b is None)

    @property
    def clashes(self) -> tuple[IssueComparison, ...]:
        return tuple(row for row in self.shared if row.red_line_clash)

    @property
    def room_to_agree(self) -> tuple[IssueComparison, ...]:
        return tuple(row for row in self.shared if row.overlap is not None)

    def rows(self) -> list[dict[str, Any]]:
        """One tidy row per issue asked about, as `posdiff compare --format csv`."""
        from posdiff.analysis import rows

        return rows.comparison(self)

    def extremes(self) -> tuple[IssueComparison, IssueComparison] | None:
        """(widest, narrowest) shared issue by gap; ties go to catalogue order."""
        shared = self.shared
        if not shared:
            return None
        widest = max(shared, key=lambda row: row.gap or 0.0)
        narrowest = min(shared, key=lambda row: row.gap or 0.0)
        return widest, narrowest


def compare(a: Party, b: Party, issues: Sequence[Issue],
            as_of: dt.date | None = None) -> Comparison:
    stated_a, stated_b = a.stated(as_of), b.stated(as_of)
    rows = tuple(IssueComparison(issue, stated_a.get(issue.id), stated_b.get(issue.id))
                 for issue in issues)
    distance = weighted_distance((row.a, row.b) for row in rows if row.a and row.b)
    return Comparison(a, b, as_of, rows, distance)


class Matrix(Plain):
    """Every pair's distance and shared issues, by party id and party id."""

    __slots__ = ("parties", "issues", "as_of", "distance", "shared", "inferred")

    def __init__(self, parties: tuple[Party, ...], issues: tuple[Issue, ...],
                 as_of: dt.date | None, distance: dict[str, dict[str, float | None]],
                 shared: dict[str, dict[str, int]], inferred: dict[str, dict[str, int]]
                 ) -> None:
        self.parties = parties
        self.issues = issues
        self.as_of = as_of
        self.distance = distance
        self.shared = shared
        # Of the issues both have a position on, how many rest on an inferred position of
        # either side.
        self.inferred = inferred

    def rows(self) -> list[dict[str, Any]]:
        """One tidy row per ordered pair of parties, as `posdiff matrix --format csv`."""
        from posdiff.analysis import rows

        return rows.matrix(self)


MAX_MATRIX_PARTIES = 2_000  # the pairs grow with the square: 2,000 parties is 2 million
# Above this many (pair, issue) cells the matrix is computed with NumPy: its import takes
# about as long as the Python loop takes for 500,000 cells (0.1 s), so only then it pays.
NUMPY_CELLS = 500_000


def matrix(parties: Sequence[Party], issues: Sequence[Issue], as_of: dt.date | None = None,
           progress: Callable[[int, int], None] | None = None,
           numpy_cells: int = NUMPY_CELLS) -> Matrix:
    """Every pair's distance; ``progress(done, total)`` is told after each party's row.

    Each party is a row aligned on the catalogue: position, salience and whether it
    states the issue (0.0 where it does not). On a large record each party's sums with
    all the parties after it are taken at once over whole arrays in NumPy (imported only
    then), so no Python code runs per pair and issue; an issue one side does not state
    adds exact zeros. On a small one a plain loop is quicker than importing NumPy. Either
    way the sums run in catalogue order, one addition after another, as `compare` sums,
    so all three give identical numbers.
    """
    values, saliences, stated = [], [], []
    states: list[set[str]] = []  # the issues each party states
    infers: list[set[str]] = []  # those of them where its position is inferred
    for party in parties:
        current = party.stated(as_of)
        states.append({i.id for i in issues if i.id in current})
        infers.append({i for i in states[-1] if current[i].inferred})
        values.append([current[i.id].value if i.id in current else 0.0 for i in issues])
        saliences.append([current[i.id].salience if i.id in current else 0.0 for i in issues])
        stated.append([1 if i.id in current else 0 for i in issues])
    pairs = len(parties) * (len(parties) + 1) // 2
    rows = _python_rows if pairs * len(issues) <= numpy_cells or not _has_numpy() \
        else _numpy_rows
    sums = rows(values, saliences, stated)
    ids = [p.id for p in parties]
    distance: dict[str, dict[str, float | None]] = {i: {} for i in ids}
    shared: dict[str, dict[str, int]] = {i: {} for i in ids}
    inferred: dict[str, dict[str, int]] = {i: {} for i in ids}
    for index, a in enumerate(ids):
        row = sums(index)
        for offset, (b, (count, weights, weighted, gaps)) in enumerate(
                zip(ids[index:], row, strict=True)):
            value = None if count == 0 else weighted / weights if weights > 0 else gaps / count
            distance[a][b] = distance[b][a] = value
            shared[a][b] = shared[b][a] = count
            other = index + offset
            inferred[a][b] = inferred[b][a] = len(
                (infers[index] & states[other]) | (infers[other] & states[index])
            ) if infers[index] or infers[other] else 0
        if progress:
            progress(index + 1, len(parties))
    return Matrix(tuple(parties), tuple(issues), as_of, distance, shared, inferred)


# (issues both have a position on, sum of weights, sum of weighted gaps, sum of gaps) for one pair
_Sums = tuple[int, float, float, float]
# The sums of one party with itself and every party after it, by the party's index.
_Row = Callable[[int], list[_Sums]]


def _python_rows(values: list[list[float]], saliences: list[list[float]],
                 stated: list[list[int]]) -> _Row:
    """A loop over the issues of each pair: faster than importing NumPy on a small record
    (and faster than chains of ``map``, which build every intermediate list)."""
    rows = [[(x, s) if m else None for x, s, m in zip(xs, ss, ms, strict=True)]
            for xs, ss, ms in zip(values, saliences, stated, strict=True)]

    def row(a: int) -> list[_Sums]:
        mine = rows[a]
        out: list[_Sums] = []
        for other in rows[a:]:
            common = [x + y for x, y in zip(mine, other, strict=True) if x and y]
            out.append(_sums(common))
        return out

    return row


def _has_numpy() -> bool:
    try:
        import numpy  # noqa: F401
    except ImportError:  # pragma: no cover - numpy is a dependency
        return False
    return True


def _numpy_rows(values: list[list[float]], saliences: list[list[float]],
                stated: list[list[int]]) -> _Row:
    """As `_python_rows`, a row at a time in NumPy; cumsum adds in order, as Python does
    (``sum`` of an array adds pairwise, in another order)."""
    import numpy as np

    x = np.array(values, dtype=np.float64).reshape(len(values), -1)
    s = np.array(saliences, dtype=np.float64).reshape(len(values), -1)
    m = np.array(stated, dtype=np.float64).reshape(len(values), -1)

    def row(a: int) -> list[_Sums]:
        if x.shape[1] == 0:
            return [(0, 0.0, 0.0, 0.0)] * (len(values) - a)
        both = m[a:] * m[a]
        weights = (s[a] + s[a:]) / 2 * both
        gaps = np.abs(x[a] - x[a:]) * both
        return list(zip(both.sum(axis=1).astype(int).tolist(),
                        np.cumsum(weights, axis=1)[:, -1].tolist(),
                        np.cumsum(weights * gaps, axis=1)[:, -1].tolist(),
                        np.cumsum(gaps, axis=1)[:, -1].tolist(), strict=True))

    return row
