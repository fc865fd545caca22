"""`posdiff trend`: distance over time, for one pair point by point, or for every pair in
a row each, with a verdict in words and the rule it follows."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from posdiff.analysis.changes import Move
from posdiff.analysis.trend import MIN_POINTS, RULE, THRESHOLD, Point, Step, Trend, Trends
from posdiff.reports.sheet import (
    Cell,
    Column,
    Report,
    Sheet,
    Tidy,
    number,
    rounded,
    shown_change,
)
from posdiff.reports.wording import as_of_text, heat
from posdiff.words import count

BLOCKS = "▁▂▃▄▅▆▇█"
SPARK_POINTS = 16  # the most points a sparkline shows (the latest)
SPARK_LEGEND = (f"trend: the distance at each point, {BLOCKS[0]} near 0 to {BLOCKS[-1]} near "
                f"100, the latest {SPARK_POINTS} points (… : earlier ones left out)")
VERDICT_STYLES = {"converging": "green", "diverging": "bold red", "unchanged": "",
                  "too little data": "dim"}


def sparkline(values: Sequence[float], width: int = SPARK_POINTS) -> str:
    """Values on 0..100 as block characters; past ``width`` values, the last ``width - 1``
    after a leading … ."""
    shown = list(values)[-(width - 1):] if len(values) > width else list(values)
    marks = "".join(BLOCKS[min(len(BLOCKS) - 1, max(0, int(v * len(BLOCKS) / 100)))]
                    for v in shown)
    return marks if len(shown) == len(values) else "…" + marks


def trend_report(found: Trends, one_pair: bool) -> Report:
    """One pair point by point (``one_pair``), else a row per pair."""
    sheets = [_points_sheet(found.trends[0], found)] if one_pair else [_pairs_sheet(found)]
    notes = [verdict_note(t) for t in found.trends] if one_pair else [_pairs_note(found)]
    return Report(sheets, _data(found), partial(trend_rows, found.trends), notes)


ASPECT_WORDS = {"acceptable": "range", "red_line": "red line"}


def steps_text(steps: Sequence[Step]) -> str:
    """'russia territory 75 → 100' ('— → 0' where it first states the issue; where the
    position stayed, what else moved: 'salience 90 → 95', 'range', 'red line', 'basis');
    entries that restate the last one are counted."""
    said, restated = [], 0
    for step in steps:
        before, after = step.before, step.after
        where = f"{step.party.id} {step.issue.id}"
        if before is None or before.value != after.value:
            said.append(f"{where} {number(before.value) if before else '—'} → "
                        f"{number(after.value)}")
            continue
        changed = Move(step.party, step.issue, before, after).changed
        words = [f"salience {number(before.salience)} → {number(after.salience)}"
                 if aspect == "salience" else f"position now {after.position_basis}"
                 if aspect == "position" else ASPECT_WORDS[aspect] for aspect in changed]
        if words:
            said.append(f"{where} {', '.join(words)}")
        else:
            restated += 1
    if restated:
        said.append(f"{restated} restated")
    return "; ".join(said)


def _points_sheet(trend: Trend, found: Trends) -> Sheet:
    sheet = Sheet(f"{trend.a.name} and {trend.b.name}: distance over time"
                  f"{as_of_text(found.as_of)}", [
                      Column("Date", key=True), Column("Distance", numeric=True),
                      Column("Shared", numeric=True), Column("Change", numeric=True),
                      Column("What moved it", wide=1)],
                  caption="a point at each date where either party's record changes, from "
                          "the first date both have a position on an issue; distance: 0..100 "
                          "over the issues both have a position on then; shared: how many; "
                          "change: since the point before; what moved it: each entry of that "
                          "date, party, issue, position before → after (— : none before), or, "
                          "where the position stayed, what else moved (salience, range, red "
                          "line; `posdiff changes` has them in full); restated: entries that "
                          "changed nothing; "
                          f"after the change first to last, the {SPARK_LEGEND}", heat=True)
    previous: Point | None = None
    for point in trend.points:
        change = "" if previous is None else shown_change(previous.distance, point.distance)
        sheet.rows.append([Cell(point.day.isoformat()),
                           Cell(number(point.distance), heat(point.distance)),
                           Cell(str(point.shared)), Cell(change),
                           Cell(steps_text(point.steps))])
        previous = point
    return sheet


def verdict_note(trend: Trend) -> Cell:
    """The verdict in words, with the numbers it rests on and its rule."""
    pair = f"{trend.a.name} and {trend.b.name}"
    if not trend.points:
        return Cell(f"{pair}: too little data: they have positions on no issue in common at "
                    f"any date (rule: {RULE})", "dim")
    first, last = trend.points[0], trend.points[-1]
    spark = sparkline([p.distance for p in trend.points])
    went = (f"the distance went from {number(first.distance)} ({first.day.isoformat()}, "
            f"{first.shared} shared) to {number(last.distance)} ({last.day.isoformat()}, "
            f"{last.shared} shared), {shown_change(first.distance, last.distance)} {spark}")
    if len(trend.points) < MIN_POINTS:
        went = f"one dated point, distance {number(first.distance)} ({first.day.isoformat()})"
    caution = "" if first.shared == last.shared else (
        "; the issues both have a position on changed too, so part of the change is issues "
        "added, not positions moved")
    return Cell(f"{pair}: {trend.verdict}: {went}{caution} (rule: {RULE})",
                VERDICT_STYLES[trend.verdict])


def _pairs_sheet(found: Trends) -> Sheet:
    sheet = Sheet(f"Distance over time, pair by pair{as_of_text(found.as_of)}", [
        Column("Pair", key=True), Column("First", numeric=True), Column("Last", numeric=True),
        Column("Change", numeric=True), Column("Shared", numeric=True), Column("Verdict"),
        Column("Points", numeric=True), Column("Trend", key=True)],
        caption="first, last: the distance (0..100) at the first date both have a position "
                "on an issue and at the last dated point; change: last minus first (pairs "
                "sorted by it, converging first), — with one point; shared: the issues both "
                "have a position on, first → last where they changed (then part of the "
                "change is issues added, not positions moved); points: dates where either "
                f"party's record changes; — : no issue in common; {SPARK_LEGEND}; verdict: "
                f"{RULE}", heat=True)
    for trend in found.trends:
        first = trend.points[0] if trend.points else None
        last = trend.points[-1] if trend.points else None
        moved = len(trend.points) >= MIN_POINTS
        shared = "—" if first is None or last is None else str(first.shared) \
            if first.shared == last.shared else f"{first.shared} → {last.shared}"
        sheet.rows.append([
            Cell(f"{trend.a.id} vs {trend.b.id}"),
            Cell(number(first.distance if first else None)),
            Cell(number(last.distance if last else None),
                 heat(last.distance if last else None)),
            Cell(shown_change(first.distance, last.distance) if first and last and moved
                 else "—"),
            Cell(shared, "yellow" if "→" in shared else ""),
            Cell(trend.verdict, VERDICT_STYLES[trend.verdict]), Cell(str(len(trend.points))),
            Cell(sparkline([p.distance for p in trend.points]))])
    return sheet


def _pairs_note(found: Trends) -> Cell:
    counts = {verdict: sum(t.verdict == verdict for t in found.trends)
              for verdict in VERDICT_STYLES}
    said = ", ".join(f"{n} {verdict}" for verdict, n in counts.items() if n)
    return Cell(f"{count(len(found.trends), 'pair')}: {said or 'none'}; `posdiff trend A B` "
                "shows a pair point by point (a change of "
                f"{THRESHOLD:g} points or more is a trend)")


def _data(found: Trends) -> dict[str, Any]:
    return {
        "parties": [p.id for p in found.parties],
        "as_of": found.as_of.isoformat() if found.as_of else None,
        "rule": {"threshold": THRESHOLD, "min_points": MIN_POINTS, "text": RULE},
        "pairs": [{
            "parties": [t.a.id, t.b.id], "change": t.change, "verdict": t.verdict,
            "points": [{
                "date": p.day.isoformat(), "distance": rounded(p.distance),
                "shared": p.shared,
                "moves": [{"party": s.party.id, "issue": s.issue.id,
                           "from": s.before.value if s.before else None,
                           "to": s.after.value,
                           "basis": s.after.position_basis.value} for s in p.steps],
            } for p in t.points],
        } for t in found.trends],
    }


def trend_rows(found: Sequence[Trend]) -> Tidy:
    from posdiff.analysis import rows  # here: only CSV asks for them

    return Tidy(rows.TRENDS, rows.trends(found))
