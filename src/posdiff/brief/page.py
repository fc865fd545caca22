"""What the brief shows, gathered from the results the other commands print: `check`'s
report, the matrix, compare, compromise and the record's dated entries. Nothing here is
scored anew; this module only picks, orders, words and places.

A brief of a large record stays readable and small by leaving some parts out, and says so
on the page: compare tables for more than MAX_PAIRS pairs, quotes past MAX_QUOTES, and
the problems of a failing check past MAX_PROBLEMS.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from posdiff.brief import svg
from posdiff.check import CheckReport
from posdiff.citations import context_parts
from posdiff.loader import CLAIM_NAMES
from posdiff.model import Basis, Dataset, Issue, Party, Position, Seed
from posdiff.render.sheet import Cell, Sheet, number
from posdiff.scoring import Compromise, Matrix, compare, compromise, matrix, weighing
from posdiff.views import (
    INFERRED,
    acceptable_text,
    compare_report,
    dated_text,
    matrix_report,
    position_text,
)

MAX_PAIRS = 15  # every pair of six parties; the matrix has the distance of every pair
MAX_QUOTES = 2_000  # a page past this is too long to read and too big to mail
MAX_PROBLEMS = 20  # `posdiff check` lists them all

STRIP_TOP = 34.0  # px above the first row: the compromise labels
STRIP_ROW = 34.0  # px a party's row: its name, then its range and mark
STRIP_AXIS = 30.0  # px below the last row: the axis and its ticks
PLOT_TOP, PLOT_HEIGHT, PLOT_AXIS = 10.0, 110.0, 24.0  # px of a timeline
PLOT_EDGE = 9.0  # percent of a timeline's width on either side: room for its 0..100 labels


# -- the header ------------------------------------------------------------------

@dataclass(frozen=True)
class CheckSummary:
    ok: bool
    errors: int
    warnings: int
    counts: tuple[tuple[str, int], ...]  # (what, how many): parties, issues, quotes, ...
    problems: tuple[str, ...]  # the first MAX_PROBLEMS, as `posdiff check` words them
    more: int  # problems not listed


def check_summary(report: CheckReport) -> CheckSummary:
    summary = report.summary()
    shown = report.diagnostics[:MAX_PROBLEMS]
    return CheckSummary(
        ok=report.ok(), errors=summary["errors"], warnings=summary["warnings"],
        counts=tuple((name, summary[name]) for name in
                     ("parties", "issues", "positions", "quotes", "quotes_unmatched", "seeds")),
        problems=tuple(f"{d.file}:{d.line}:{d.column}: {d.severity.value} [{d.code}] "
                       f"{d.message}" for d in shown),
        more=len(report.diagnostics) - len(shown))


# -- the heatmap -----------------------------------------------------------------

@dataclass(frozen=True)
class HeatCell:
    x: float
    y: float
    fill: str
    ink: str
    text: str  # the distance, "—" without one, "·" on the diagonal
    shared: str  # the number of issues both state, "" on the diagonal
    title: str  # the cell in words, for a pointer and a screen reader


@dataclass(frozen=True)
class Heatmap:
    grid: svg.Grid
    labels: tuple[tuple[float, str], ...]  # (offset along the axis, party id)
    cells: tuple[HeatCell, ...]
    legend: tuple[tuple[str, str, str], ...]  # (fill, ink, the distances it stands for)
    description: str
    table: Sheet  # the text equivalent: what `posdiff matrix` prints


def heatmap(result: Matrix) -> Heatmap:
    ids = [p.id for p in result.parties]
    layout = svg.grid(ids)
    cells = []
    for row, a in enumerate(ids):
        for column, b in enumerate(ids):
            value, shared = result.distance[a][b], result.shared[a][b]
            fill = "#ffffff" if a == b else svg.heat(value)
            if a == b:
                text, count, title = "·", "", a
            else:
                text, count = number(value), f"{shared}"
                title = (f"{a} and {b}: distance {number(value)} over {shared} shared "
                         "issue(s)" if value is not None else
                         f"{a} and {b}: no issue in common, no distance")
            cells.append(HeatCell(layout.x(column), layout.y(row), fill, svg.ink(fill), text,
                                  count, title))
    step = 100 // len(svg.HEAT)
    legend = tuple((fill, svg.ink(fill), f"{i * step}–{(i + 1) * step}")
                   for i, fill in enumerate(svg.HEAT))
    legend += ((svg.NO_VALUE, svg.ink(svg.NO_VALUE), "no issue in common"),)
    return Heatmap(layout, tuple((layout.cell * i + layout.cell / 2, p) for i, p in
                                 enumerate(ids)), tuple(cells), legend,
                   f"Distance between {len(ids)} parties on a scale of 0 (they state the "
                   "same) to 100 (opposite ends), lighter is closer; each cell gives the "
                   "distance and, below it, how many issues both state.",
                   matrix_report(result).sheets[0])


# -- the strips ------------------------------------------------------------------

@dataclass(frozen=True)
class StripRow:
    """One party on one issue's strip."""

    name: str
    colour: str
    y: float  # px of the row's centre line
    x: float  # percent: the position
    r: float  # px: the mark, by salience
    range: tuple[float, float] | None  # percent: the acceptable range, if any
    range_inferred: bool
    red_line: str  # "", "stated" or "inferred"
    weighed: bool  # counted in the compromise points
    title: str
    cells: tuple[str, ...]  # the row of the text equivalent


@dataclass(frozen=True)
class Guide:
    """A compromise point drawn across the strip."""

    name: str  # "mean" or "median"
    x: float
    value: str
    accepted_by: str

    @property
    def anchor(self) -> str:
        return svg.text_anchor(self.x)


@dataclass(frozen=True)
class Strip:
    issue: Issue
    anchor: str
    ticks: tuple[tuple[float, str, str, str], ...]  # (percent, anchor, number, label)
    rows: tuple[StripRow, ...]
    height: float
    axis: float  # px of the axis line
    guides: tuple[Guide, ...]
    weighed: str  # who the compromise weighs
    silent: str  # chosen parties that state nothing here
    description: str


def _limits_words(position: Position) -> str:
    red = ""
    if position.red_line:
        red = f", red line ({INFERRED})" if position.red_line_basis is Basis.INFERRED \
            else ", red line"
    acceptable = acceptable_text(position)
    return (f", acceptable {acceptable}" if position.acceptable else "") + red


def strip(issue: Issue, parties: Sequence[Party], result: Compromise,
          as_of: dt.date | None, colours: dict[str, str]) -> Strip:
    weighed = {stake.party.id for stake in result.stakes} | {p.id for p in result.silent}
    rows = []
    stated = [(p, pos) for p in parties if (pos := p.position_on(issue.id, as_of))]
    for index, (party, position) in enumerate(stated):
        span = position.acceptable
        red = "" if not position.red_line else (position.red_line_basis or Basis.STATED).value
        words = f"{party.name}: {position_text(issue, position)}, salience " \
                f"{number(position.salience)}{_limits_words(position)}"
        rows.append(StripRow(
            party.name, colours[party.id], STRIP_TOP + STRIP_ROW * index + 24,
            svg.across(position.value), svg.radius(position.salience),
            (svg.across(span[0]), svg.across(span[1])) if span else None,
            position.acceptable_basis is Basis.INFERRED, red, party.id in weighed, words,
            (party.name, dated_text(issue, position), number(position.salience),
             acceptable_text(position) if span else "only its position")))
    guides = tuple(Guide(name, svg.across(point), number(point),
                         ", ".join(p.id for p in result.acceptors(point)) or "nobody")
                   for name, point in (("mean", result.mean), ("median", result.median))
                   if point is not None)
    axis = STRIP_TOP + STRIP_ROW * len(rows) + 6
    silent = [p.name for p in parties if not p.position_on(issue.id, as_of)]
    names = ", ".join(s.party.id for s in result.stakes) or "nobody"
    said = "; ".join(row.title for row in rows) or "No party states a position"
    points = "; ".join(f"weighted {g.name} {g.value}" for g in guides)
    return Strip(issue, f"issue-{issue.id}",
                 tuple((x, svg.text_anchor(x), number(a.at), a.label) for a in issue.scale
                       for x in (svg.across(a.at),)),
                 tuple(rows), axis + STRIP_AXIS, axis, guides, names, ", ".join(silent),
                 f"{issue.title} on its 0 to 100 scale. {said}."
                 + (f" Compromise: {points}." if points else ""))


# -- the timelines ---------------------------------------------------------------

@dataclass(frozen=True)
class Line:
    name: str
    colour: str
    dashes: str
    segments: tuple[tuple[float, float, float, float], ...]  # x1 %, y1 px, x2 %, y2 px
    dots: tuple[tuple[float, float, str], ...]  # x %, y px, the entry in words


@dataclass(frozen=True)
class Timeline:
    issue: Issue
    lines: tuple[Line, ...]
    ticks: tuple[tuple[float, str, str], ...]  # (percent, text-anchor, date)
    levels: tuple[tuple[float, str], ...]  # (px, value) on the vertical axis
    rows: tuple[tuple[str, str, str], ...]  # the text equivalent: party, date, position
    description: str


def _entries(party: Party, issue: Issue, as_of: dt.date | None) -> list[Position]:
    return [p for p in party.positions
            if p.issue == issue.id and (as_of is None or p.as_of <= as_of)]


def timelines(parties: Sequence[Party], issues: Sequence[Issue], as_of: dt.date | None,
              colours: dict[str, str]) -> list[Timeline]:
    """A chart for each issue on which some party has more than one entry, on one time
    axis for all, from the first entry to ``as_of`` (or the last entry)."""
    moved = [i for i in issues if any(len(_entries(p, i, as_of)) > 1 for p in parties)]
    dates = [e.as_of for i in moved for p in parties for e in _entries(p, i, as_of)]
    if not dates:
        return []
    first, last = min(dates), as_of or max(dates)
    ticks = tuple((x, svg.text_anchor(x), d.isoformat()) for d in sorted({first, last})
                  for x in (svg.day_across(d, first, last, PLOT_EDGE),))
    levels = tuple((svg.down(v, PLOT_TOP, PLOT_HEIGHT), number(v)) for v in (0, 50, 100))
    charts = []
    for issue in moved:
        lines, rows = [], []
        for index, party in enumerate(parties):
            entries = _entries(party, issue, as_of)
            if not entries:
                continue
            segments, dots = [], []
            for k, entry in enumerate(entries):
                x = svg.day_across(entry.as_of, first, last, PLOT_EDGE)
                y = svg.down(entry.value, PLOT_TOP, PLOT_HEIGHT)
                following = entries[k + 1] if k + 1 < len(entries) else None
                x_next = svg.day_across(following.as_of, first, last, PLOT_EDGE) \
                    if following else svg.across(100, PLOT_EDGE)
                segments.append((x, y, x_next, y))  # a position holds until the next entry
                if following:
                    segments.append((x_next, y, x_next,
                                     svg.down(following.value, PLOT_TOP, PLOT_HEIGHT)))
                words = f"{party.name}, {entry.as_of.isoformat()}: " \
                        f"{position_text(issue, entry)}"
                dots.append((x, y, words))
                rows.append((party.name, entry.as_of.isoformat(),
                             position_text(issue, entry)))
            lines.append(Line(party.name, colours[party.id], svg.dashes(index),
                              tuple(segments), tuple(dots)))
        charts.append(Timeline(issue, tuple(lines), ticks, levels, tuple(rows),
                               f"Positions on {issue.title} from {first.isoformat()} to "
                               f"{last.isoformat()}, one line per party: "
                               + "; ".join(f"{name} {d}: {words}" for name, d, words in rows)
                               + "."))
    return charts


# -- the pairs -------------------------------------------------------------------

@dataclass(frozen=True)
class Pair:
    title: str
    anchor: str
    sheets: tuple[Sheet, ...]  # what `posdiff compare A B` prints
    notes: tuple[Cell, ...]


def pairs(parties: Sequence[Party], issues: Sequence[Issue], as_of: dt.date | None,
          seeds: dict[str, Seed]) -> list[Pair]:
    found = []
    for a, b in combinations(parties, 2):
        report = compare_report(compare(a, b, issues, as_of), seeds)
        found.append(Pair(f"{a.name} and {b.name}", f"pair-{a.id}-{b.id}",
                          tuple(report.sheets), tuple(report.notes)))
    return found


# -- the evidence ----------------------------------------------------------------

@dataclass(frozen=True)
class Quote:
    before: str
    quote: str
    after: str
    located: bool
    line: int | None
    states: str  # what the quote states, when more than the position
    seed: Seed


@dataclass(frozen=True)
class Entry:
    party: str
    issue: Issue
    as_of: str
    position: str  # in words, as the tables give it
    limits: str
    stance: str
    note: str | None
    reason: str | None
    in_force: bool  # False: a later entry (up to the as-of date) replaced it
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class Evidence:
    entries: tuple[Entry, ...]
    left_out: int  # entries whose quotes are past MAX_QUOTES
    left_out_quotes: int
    sources: tuple[Seed, ...]  # the seeds cited above, in the index's order


def evidence(dataset: Dataset, parties: Sequence[Party], issues: Sequence[Issue],
             as_of: dt.date | None) -> Evidence:
    """Every entry up to ``as_of`` of these parties on these issues, by issue, party and
    date, each with its quotes in their seeds' context, until MAX_QUOTES are shown."""
    entries: list[Entry] = []
    cited: set[str] = set()
    left_out = left_out_quotes = shown = 0
    for issue in issues:
        for party in parties:
            dated = _entries(party, issue, as_of)
            for position in dated:
                if shown + len(position.evidence) > MAX_QUOTES:
                    left_out += 1
                    left_out_quotes += len(position.evidence)
                    continue
                shown += len(position.evidence)
                quotes = []
                for item in position.evidence:
                    before, quote, after = context_parts(item)
                    cited.add(item.seed)
                    quotes.append(Quote(before, quote, after, item.match is not None,
                                        item.match.line if item.match else None,
                                        "" if item.supports == {"position"} else ", ".join(
                                            CLAIM_NAMES[s] for s in sorted(item.supports)),
                                        dataset.seeds[item.seed]))
                entries.append(Entry(party.name, issue, position.as_of.isoformat(),
                                     position_text(issue, position),
                                     _limits_words(position).removeprefix(", "),
                                     position.stance, position.note,
                                     position.reason if position.inferred_limits else None,
                                     position is dated[-1], tuple(quotes)))
    return Evidence(tuple(entries), left_out, left_out_quotes,
                    tuple(s for s in dataset.seeds.values() if s.id in cited))


# -- the page --------------------------------------------------------------------

@dataclass(frozen=True)
class Brief:
    title: str
    folder: str
    as_of: str | None
    parties: tuple[Party, ...]
    issues: tuple[Issue, ...]
    check: CheckSummary
    heatmap: Heatmap
    strips: tuple[Strip, ...]
    timelines: tuple[Timeline, ...]
    pairs: tuple[Pair, ...]
    pairs_left_out: int  # pairs past MAX_PAIRS, whose tables are not on the page
    evidence: Evidence
    not_weighed: tuple[Party, ...]  # mediators and observers, unless named
    version: str


def build_brief(report: CheckReport, title: str, parties: Sequence[Party], named: bool,
                issues: Sequence[Issue], as_of: dt.date | None) -> Brief:
    """The brief of ``parties`` on ``issues`` from a record as `check` found it (quotes
    located); ``named``: the user chose the parties, so mediators are weighed too."""
    from posdiff import __version__

    dataset = report.dataset
    colours = {p.id: svg.colour(i) for i, p in enumerate(parties)}
    weighs, left_out = weighing(parties, named)
    strips = [strip(issue, parties, compromise(issue, weighs, as_of), as_of, colours)
              for issue in issues]
    pair_count = len(parties) * (len(parties) - 1) // 2
    return Brief(
        title=title, folder=str(dataset.positions_dir.parent),
        as_of=as_of.isoformat() if as_of else None,
        parties=tuple(parties), issues=tuple(issues), check=check_summary(report),
        heatmap=heatmap(matrix(parties, issues, as_of)), strips=tuple(strips),
        timelines=tuple(timelines(parties, issues, as_of, colours)),
        pairs=tuple(pairs(parties, issues, as_of, dataset.seeds))
        if pair_count <= MAX_PAIRS else (),
        pairs_left_out=pair_count if pair_count > MAX_PAIRS else 0,
        evidence=evidence(dataset, parties, issues, as_of),
        not_weighed=tuple(left_out), version=__version__)
