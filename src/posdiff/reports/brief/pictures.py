"""The brief's pictures, as plain values ready to place: the matrix as a heatmap, a strip
per issue, a chart per issue over time. Each is made from a core result (the matrix, a
compromise, the dated entries), with svg.py's geometry; the template only places them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from posdiff.analysis.compromise import Compromise
from posdiff.analysis.distance import Matrix
from posdiff.analysis.trend import RULE, Trend
from posdiff.model import Basis, Issue, Party, Position
from posdiff.reports.brief import svg
from posdiff.reports.sheet import number
from posdiff.reports.wording import INFERRED, acceptable_text, dated_text, position_text

STRIP_TOP = 40.0  # px above the first row: the compromise labels
STRIP_ROW = 34.0  # px a party's row: its name, then its range and mark
STRIP_AXIS = 30.0  # px below the last row: the axis and its ticks
PLOT_TOP, PLOT_HEIGHT, PLOT_AXIS = 10.0, 110.0, 24.0  # px of a timeline
PLOT_EDGE = 9.0  # percent of a timeline's width on either side: room for its 0..100 labels

# -- the heatmap -----------------------------------------------------------------

@dataclass(frozen=True)
class HeatCell:
    step: int | None  # the colour step of svg.HEAT; None: no distance (or the diagonal)
    text: str  # the distance, "—" without one, "·" on the diagonal
    shared: str  # how many issues both have a position on, "" on the diagonal
    inferred: bool = False  # the distance rests on at least one inferred position


@dataclass(frozen=True)
class Heatmap:
    """The matrix as a table whose cells are coloured by distance: the picture and its
    text equivalent at once, and a tenth of the bytes of an SVG of 100 parties."""

    parties: tuple[str, ...]
    rows: tuple[tuple[HeatCell, ...], ...]
    legend: tuple[tuple[int | None, str], ...]  # (colour step, the distances it stands for)
    colours: tuple[tuple[str, str], ...]  # (fill, ink) of each step
    no_value: str  # the fill of a pair with no issue in common


def heatmap(result: Matrix) -> Heatmap:
    ids = [p.id for p in result.parties]
    rows = []
    for a in ids:
        cells = []
        for b in ids:
            value = result.distance[a][b]
            cells.append(HeatCell(None, "·", "") if a == b else
                          HeatCell(svg.heat_step(value), number(value),
                                   str(result.shared[a][b]), bool(result.inferred[a][b])))
        rows.append(tuple(cells))
    step = 100 // len(svg.HEAT)
    last = len(svg.HEAT) - 1  # holds 100 too: the bins meet, never overlap
    legend: tuple[tuple[int | None, str], ...] = tuple(
        (i, f"{i * step} to {'' if i == last else 'under '}{(i + 1) * step}")
        for i in range(len(svg.HEAT)))
    return Heatmap(tuple(ids), tuple(rows), (*legend, (None, "no issue in common")),
                   tuple((fill, svg.ink(fill)) for fill in svg.HEAT), svg.NO_VALUE)


# -- the strips ------------------------------------------------------------------

Stated = dict[str, dict[str, Position]]  # party id -> issue id -> the entry in force


@dataclass(frozen=True)
class StripRow:
    """One party on one issue's strip, and its row in the table under it."""

    name: str
    colour: str
    y: float  # px of the row's centre line
    x: float  # percent: the position
    r: float  # px: the mark, by salience
    range: tuple[float, float] | None  # percent: the acceptable range, if any
    range_inferred: bool
    red_line: str  # "", "stated" or "inferred"
    weighed: bool  # counted in the compromise points
    inferred: bool  # the position is inferred: drawn hollow
    cells: tuple[str, str, str]  # position (as of), salience, acceptable range

    @property
    def title(self) -> str:
        return self.name + ("" if self.weighed else " (not weighed)")

    @property
    def label(self) -> str:
        """The title as the strip shows it: cut to fit a phone's width."""
        return svg.label(self.title)


@dataclass(frozen=True)
class Guide:
    """A compromise point drawn across the strip."""

    name: str  # "mean" or "median"
    x: float
    value: str
    accepted: str  # whose acceptable range holds it, in words

    @property
    def anchor(self) -> str:
        return svg.text_anchor(self.x)


@dataclass(frozen=True)
class Strip:
    issue: Issue
    ticks: tuple[tuple[float, str, str, str], ...]  # (percent, anchor, number, label)
    rows: tuple[StripRow, ...]
    height: float
    axis: float  # px of the axis line
    guides: tuple[Guide, ...]
    weighed: str  # who the compromise weighs
    silent: str  # chosen parties that state nothing here


def limits_words(position: Position) -> str:
    red = ""
    if position.red_line:
        red = f", red line ({INFERRED})" if position.red_line_basis is Basis.INFERRED \
            else ", red line"
    acceptable = acceptable_text(position)
    return (f", acceptable {acceptable}" if position.acceptable else "") + red


def strip(issue: Issue, parties: Sequence[Party], stated: Stated, result: Compromise,
          colours: dict[str, str]) -> Strip:
    weighed = {stake.party.id for stake in result.stakes} | {p.id for p in result.silent}
    rows = []
    here = [(p, stated[p.id][issue.id]) for p in parties if issue.id in stated[p.id]]
    for index, (party, position) in enumerate(here):
        span = position.acceptable
        red = "" if not position.red_line else (position.red_line_basis or Basis.STATED).value
        rows.append(StripRow(
            party.name, colours[party.id], STRIP_TOP + STRIP_ROW * index + 24,
            svg.across(position.value), svg.radius(position.salience),
            (svg.across(span[0]), svg.across(span[1])) if span else None,
            position.acceptable_basis is Basis.INFERRED, red, party.id in weighed,
            position.inferred, (dated_text(issue, position), number(position.salience),
             acceptable_text(position) if span else "only its position")))
    guides = tuple(Guide(name, svg.across(point), number(point), _accepted(result, point))
                   for name, point in (("mean", result.mean), ("median", result.median))
                   if point is not None)
    axis = STRIP_TOP + STRIP_ROW * len(rows) + 6
    return Strip(issue,
                 tuple((x, svg.text_anchor(x), number(a.at), a.label) for a in issue.scale
                       for x in (svg.across(a.at),)),
                 tuple(rows), axis + STRIP_AXIS, axis, guides,
                 ", ".join(s.party.name for s in result.stakes) or "nobody",
                 ", ".join(p.name for p in parties if issue.id not in stated[p.id]))


def _accepted(result: Compromise, point: float) -> str:
    """'within the acceptable range of Russia, Ukraine', or 'within no party's acceptable
    range': a page to read names the parties by name, as its tables do."""
    names = [party.name for party in result.acceptors(point)]
    return f"within the acceptable range of {', '.join(names)}" if names else \
        "within no party's acceptable range"


# -- the timelines ---------------------------------------------------------------

@dataclass(frozen=True)
class Line:
    name: str
    colour: str
    dashes: str
    segments: tuple[tuple[float, float, float, float], ...]  # x1 %, y1 px, x2 %, y2 px
    dots: tuple[tuple[float, float], ...]  # x %, y px of each entry


@dataclass(frozen=True)
class Timeline:
    issue: Issue
    lines: tuple[Line, ...]
    rows: tuple[tuple[str, str, str], ...]  # the text equivalent: party, date, position


@dataclass(frozen=True)
class Timelines:
    charts: tuple[Timeline, ...]
    ticks: tuple[tuple[float, str, str], ...]  # (percent, text-anchor, date), shared by all
    levels: tuple[tuple[float, str], ...]  # (px, value) on the vertical axis
    left_out: tuple[Issue, ...]  # charts past the budget of lines
    height: float = PLOT_TOP + PLOT_HEIGHT + PLOT_AXIS  # px of each chart
    dates_y: float = PLOT_TOP + PLOT_HEIGHT + PLOT_AXIS - 6  # px of the dates' baseline
    left: float = PLOT_EDGE  # percent: where the time axis starts and ends
    right: float = 100 - PLOT_EDGE


History = dict[tuple[str, str], list[Position]]  # (party, issue) -> entries by date


def history(parties: Sequence[Party], as_of: dt.date | None) -> History:
    """Every entry of these parties dated up to ``as_of``, in one pass over each."""
    found: History = {}
    for party in parties:
        for position in party.positions:  # sorted by (issue, as_of)
            if as_of is None or position.as_of <= as_of:
                found.setdefault((party.id, position.issue), []).append(position)
    return found


def timelines(parties: Sequence[Party], issues: Sequence[Issue], entries: History,
              as_of: dt.date | None, colours: dict[str, str], budget: int) -> Timelines:
    """A chart for each issue on which some party has more than one entry, one line per
    party that states it, on one time axis for all, from the first entry to ``as_of``
    (or the last entry); charts past ``budget`` lines in all are left out."""
    def of(party: Party, issue: Issue) -> list[Position]:
        return entries.get((party.id, issue.id), [])

    moved = [i for i in issues if any(len(of(p, i)) > 1 for p in parties)]
    dates = [e.as_of for i in moved for p in parties for e in of(p, i)]
    if not dates:
        return Timelines((), (), (), ())
    first, last = min(dates), as_of or max(dates)
    charts: list[Timeline] = []
    left_out: list[Issue] = []
    drawn = 0
    for issue in moved:
        stating = [(index, party) for index, party in enumerate(parties) if of(party, issue)]
        if left_out or drawn + len(stating) > budget:
            left_out.append(issue)
            continue
        drawn += len(stating)
        lines, rows = [], []
        for index, party in stating:
            dated = of(party, issue)
            segments = []
            places = [(svg.day_across(e.as_of, first, last, PLOT_EDGE),
                       svg.down(e.value, PLOT_TOP, PLOT_HEIGHT)) for e in dated]
            ends = [x for x, _ in places[1:]] + [svg.across(100, PLOT_EDGE)]
            for k, ((x, y), x_next) in enumerate(zip(places, ends, strict=True)):
                segments.append((x, y, x_next, y))  # a position holds until the next entry
                if k + 1 < len(places):
                    segments.append((x_next, y, x_next, places[k + 1][1]))
            rows += [(party.name, e.as_of.isoformat(), position_text(issue, e))
                     for e in dated]
            lines.append(Line(party.name, colours[party.id], svg.dashes(index),
                              tuple(segments), tuple(places)))
        charts.append(Timeline(issue, tuple(lines), tuple(rows)))
    ticks = tuple((x, svg.text_anchor(x), d.isoformat()) for d in sorted({first, last})
                  for x in (svg.day_across(d, first, last, PLOT_EDGE),))
    levels = tuple((svg.down(v, PLOT_TOP, PLOT_HEIGHT), number(v)) for v in (0, 50, 100))
    return Timelines(tuple(charts), ticks, levels, tuple(left_out))


# -- converging or not -------------------------------------------------------------

@dataclass(frozen=True)
class PairTrend:
    """One pair's distance over time: a line on the shared time axis, with the table of
    its points and the verdict in words."""

    title: str
    anchor: str
    verdict: str
    words: str  # the verdict note, as `posdiff trend A B` says it
    dots: tuple[tuple[float, float], ...]  # x %, y px of each point
    segments: tuple[tuple[float, float, float, float], ...]
    rows: tuple[tuple[str, str, str], ...]  # date, distance, shared issues


@dataclass(frozen=True)
class Converging:
    pairs: tuple[PairTrend, ...]
    ticks: tuple[tuple[float, str, str], ...]  # (percent, text-anchor, date)
    levels: tuple[tuple[float, str], ...]  # (px, value) on the vertical axis
    left_out: int  # pairs past the budget
    rule: str = RULE  # how a verdict is reached
    height: float = PLOT_TOP + PLOT_HEIGHT + PLOT_AXIS
    dates_y: float = PLOT_TOP + PLOT_HEIGHT + PLOT_AXIS - 6
    left: float = PLOT_EDGE
    right: float = 100 - PLOT_EDGE


def converging(shown: Sequence[Trend], words: Sequence[str], left_out: int) -> Converging:
    """Each pair's distance at each of its dated points, on one time axis for all;
    ``words`` are the verdicts in words, ``left_out`` the pairs with points not shown."""
    days = [p.day for t in shown for p in t.points]
    if not days:
        return Converging((), (), (), left_out)
    first, last = min(days), max(days)
    pairs = []
    for trend, said in zip(shown, words, strict=True):
        places = [(svg.day_across(p.day, first, last, PLOT_EDGE),
                   svg.down(p.distance, PLOT_TOP, PLOT_HEIGHT)) for p in trend.points]
        segments = tuple((x1, y1, x2, y2) for (x1, y1), (x2, y2) in pairwise(places))
        pairs.append(PairTrend(
            f"{trend.a.name} and {trend.b.name}", f"trend-{trend.a.id}-{trend.b.id}",
            trend.verdict, said, tuple(places), segments,
            tuple((p.day.isoformat(), number(p.distance), str(p.shared))
                  for p in trend.points)))
    ticks = tuple((x, svg.text_anchor(x), d.isoformat()) for d in sorted({first, last})
                  for x in (svg.day_across(d, first, last, PLOT_EDGE),))
    levels = tuple((svg.down(v, PLOT_TOP, PLOT_HEIGHT), number(v)) for v in (0, 50, 100))
    return Converging(tuple(pairs), ticks, levels, left_out)
