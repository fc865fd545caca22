"""The forecast as a report: the summary table, each round, what the forecast depends on,
the JSON document and the tidy CSV rows, in the same sheets and words as the other
reports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from posdiff.analysis.forecast.inputs import IssueForecast, IssueInput, Stake
from posdiff.analysis.forecast.model import Q, Round, Run, StopRule
from posdiff.analysis.forecast.sensitivity import Input, ranked
from posdiff.model import Party
from posdiff.reports.sheet import Cell, Column, Report, Sheet, Tidy, number

MODEL = "bueno-de-mesquita-expected-utility"
VARIANT = "scholz-calbert-smith-2011-table-2"
TOP_INPUTS = 1  # per issue, in the sensitivity table: every step is in the JSON
LIMITS = ("A model of bargaining among the actors given, from their positions, "
          "saliences and clout: not a prediction of war or peace. `posdiff docs forecast` "
          "explains it.")


@dataclass(frozen=True)
class Setting:
    """What the run was asked: shown in the title and kept in the JSON's params."""

    rounds: int
    stop_rule: StopRule
    source: str  # "record" or the scenario file as shown
    as_of: str | None = None
    left_out: tuple[Party, ...] = ()  # mediators and observers not named
    unstated: tuple[str, ...] = ()  # issues asked for that nobody states


def forecast_report(results: Sequence[IssueForecast], setting: Setting, detail: bool,
                    sensitivity: bool) -> Report:
    on = f" as of {setting.as_of}" if setting.as_of else ""
    summary = Sheet(f"Forecast: expected-utility bargaining (Scholz et al. 2011){on}", [
        Column("Issue", key=True), Column("Start", numeric=True),
        Column("Forecast", numeric=True), Column("Rounds"), Column("Who moved", wide=1)],
        caption=SUMMARY_LEGEND)
    for result in results:
        run = result.run
        summary.rows.append([
            Cell(result.input.issue), Cell(_median_mean(run.rounds[0])),
            Cell(_answer(run), "bold" if run.outcome in ANSWERS else "yellow"),
            Cell(_rounds_text(run)), Cell(_who_moved(run))])
    sheets = [summary]
    if detail:
        sheets += [_rounds_sheet(result) for result in results]
    notes = []
    cycles = [f"{r.input.issue} {' → '.join(number(m) for m in r.run.cycle.medians)} and "
              f"round again, from round {r.run.cycle.start}"
              for r in results if r.run.cycle is not None and r.run.outcome == "cycle"]
    if cycles:
        notes.append(Cell("Cycles, the median round by round: " + "; ".join(cycles),
                          "yellow"))
    weightless = [r.input.issue for r in results if r.run.outcome == "no weight"]
    if weightless:
        notes.append(Cell("No weight, so no forecast: " + ", ".join(weightless) + " (every "
                          "actor's salience × clout is 0 there)", "yellow"))
    unsettled = [r.input.issue for r in results if r.run.outcome == "no settled answer"]
    if unsettled:
        notes.append(Cell(f"No settled answer in {results[0].run.rounds_cap} rounds: "
                          + ", ".join(unsettled) + "; more --rounds may settle them",
                          "yellow"))
    notes.append(Cell(LIMITS, "dim"))
    if sensitivity:
        table, steady = _sensitivity_sheet(results, setting)
        if table.rows:
            sheets.append(table)
        if steady:
            notes.append(Cell("Left out of the sensitivity table, as no step of another "
                              "input moves them (one actor, or none moves): "
                              + ", ".join(steady), "dim"))
    if setting.left_out:
        notes.append(Cell("Not actors (they take no side; name them to include them): "
                          + ", ".join(f"{p.id} ({p.role.value})" for p in setting.left_out),
                          "dim"))
    if setting.unstated:
        notes.append(Cell(f"No position from any of them: {', '.join(setting.unstated)}", "dim"))
    return Report(sheets, forecast_data(results, setting, sensitivity),
                  partial(forecast_rows, results), notes)


ANSWERS = ("settled", "median held")  # the outcomes that give one answer
SUMMARY_LEGEND = (
    "start, forecast: weighted median / weighted mean, weights salience × clout (on an "
    "exact split of the weight the median is the lower position, one someone holds, as "
    "the model needs, where compromise takes the point midway; — : "
    "none, every weight being 0); rounds played, and why the run stopped: no weight "
    "(nothing to play), settled (nobody moves), median held (it "
    "stayed where it was), cycle (the actors came back to an earlier state: no single "
    "answer, low ↔ high is the range the median swings in) or cap (--rounds came first: "
    "no settled answer); who moved: start → forecast, or ↔ back and forth in a cycle")


def _median_mean(played: Round) -> str:
    return f"{number(played.median)} / {number(played.mean)}"


def _answer(run: Run) -> str:
    if run.cycle is not None and run.outcome == "cycle":
        visited = [m for m in run.cycle.medians if m is not None]
        return f"{number(min(visited))} ↔ {number(max(visited))}" if visited else "—"
    if run.outcome == "no settled answer":
        return "no settled answer"
    return _median_mean(run.final)


ROUND_WORDS = {"settled": "settled", "median held": "median held", "cycle": "cycle",
               "no settled answer": "cap", "no weight": "no weight"}


def _rounds_text(run: Run) -> str:
    return f"{run.stopped_at} {ROUND_WORDS[run.outcome]}"


def _who_moved(run: Run) -> str:
    start = run.rounds[0].positions
    if run.cycle is not None and run.outcome == "cycle":
        loop = run.rounds[run.cycle.start:run.cycle.start + run.cycle.period]
        moved = []
        for index, actor in enumerate(run.actors):
            visited = _distinct([played.positions[index] for played in loop])
            if len(visited) > 1:
                came = ""
                if start[index] in visited:  # read from where it started: 25 ↔ 100
                    first = visited.index(start[index])
                    visited = visited[first:] + visited[:first]
                else:
                    came = f"{number(start[index])} → "
                moved.append(f"{actor.name} {came}{' ↔ '.join(number(x) for x in visited)}")
            elif visited[0] != start[index]:
                moved.append(f"{actor.name} {number(start[index])} → {number(visited[0])}")
        return "; ".join(moved) or "nobody"
    end = run.final.positions
    moved = [f"{a.name} {number(x)} → {number(y)}"
             for a, x, y in zip(run.actors, start, end, strict=True) if x != y]
    return "; ".join(moved) or "nobody"


def _distinct(values: Sequence[float | None]) -> list[float | None]:
    """The values in the order first met, each once."""
    return list(dict.fromkeys(values))


def _rounds_sheet(result: IssueForecast) -> Sheet:
    run = result.run
    sheet = Sheet(f"{result.input.issue}: round by round", [
        Column("Round", numeric=True), Column("Median", numeric=True),
        Column("Mean", numeric=True), Column("Moves", wide=1)],
        caption="each actor's move: its kind, towards whom, from → to; all move at once; "
                "confrontation: it expects to lose a challenge and takes the other's "
                "position; compromise: it moves part of the way; capitulation: it gives in "
                "without a challenge and takes the other's position (`posdiff docs "
                "forecast` gives the rule)")
    for played in run.rounds:
        sheet.rows.append([Cell(str(played.number)), Cell(number(played.median)),
                           Cell(number(played.mean)), Cell(_moves_text(run, played))])
    return sheet


def _moves_text(run: Run, played: Round) -> str:
    if not played.number:
        return "start"
    names = [a.name for a in run.actors]
    return "; ".join(f"{names[m.actor]} {m.kind.value} with {names[m.towards]} "
                     f"{number(m.start)} → {number(m.end)}" for m in played.moves) or "none"


def _sensitivity_sheet(results: Sequence[IssueForecast],
                       setting: Setting) -> tuple[Sheet, list[str]]:
    """Per issue, the inputs its forecast depends on most (at most TOP_INPUTS), and the
    issues whose forecast no single step moves."""
    sheet = Sheet("What each forecast depends on most: the input that moves it furthest", [
        Column("Issue", key=True), Column("Input", wide=1),
        Column("Median ±", numeric=True), Column("Mean ±", numeric=True)],
        caption="each position and salience moved ±10, one at a time: the largest change "
                "of the median and the mean; stated or inferred: whether the party's own or "
                "reported words give the position; curator's: a salience, the curator's "
                "judgement; --format json has every step")
    steady = []
    for result in results:
        if result.run.outcome == "no weight":  # nothing to move: the note says so
            continue
        moving = [d for d in ranked(result.nudges)
                  if max(d.median_shift, d.mean_shift) >= VISIBLE]
        if len(result.input.stakes) < 2 or not moving:
            steady.append(result.input.issue)
            continue
        for dependence in moving[:TOP_INPUTS]:
            stake = result.input.stakes[dependence.actor]
            sheet.rows.append([
                Cell(result.input.issue),
                Cell(f"{stake.actor.name} {dependence.input.value} "
                     f"({_evidence(result.input, stake, dependence.input, setting.source)})"),
                Cell(number(dependence.median_shift)), Cell(number(dependence.mean_shift))])
    return sheet, steady


VISIBLE = 0.05  # a shift the tables show as 0 is no dependence


def _evidence(issue: IssueInput, stake: Stake, kind: Input, source: str) -> str:
    """Where the input comes from, and whether the party's words state it."""
    if stake.position is None:
        return f"{source}, line {stake.line}"
    if kind is Input.SALIENCE:
        return "curator's"
    position = stake.position
    stated = len([e for e in position.evidence if "position" in e.supports and e.states])
    between = "" if position.value in issue.points else ", between labelled points"
    if position.inferred:
        return f"inferred{between}"
    return f"stated, {stated} quote{'s' * (stated != 1)}{between}"


# -- JSON and CSV ------------------------------------------------------------

def forecast_data(results: Sequence[IssueForecast], setting: Setting,
                  sensitivity: bool) -> dict[str, Any]:
    params = {"rounds": setting.rounds, "stop_rule": setting.stop_rule.value, "Q": Q,
              "source": setting.source, "as_of": setting.as_of,
              "left_out": [{"party": p.id, "role": p.role.value} for p in setting.left_out]}
    issues = []
    for result in results:
        data = _issue_data(result.input.issue, result.run)
        if sensitivity:
            names = [a.name for a in result.run.actors]
            data["sensitivity"] = [{
                "actor": names[n.actor], "input": n.input.value,
                "step": round(n.step * 100 if n.input is Input.SALIENCE else n.step, 9),
                "median_shift": n.median_shift, "mean_shift": n.mean_shift,
            } for n in result.nudges]
        issues.append(data)
    return {"model": MODEL, "variant": VARIANT, "params": params, "issues": issues,
            "unstated": list(setting.unstated)}


def _issue_data(issue: str, run: Run) -> dict[str, Any]:
    names = [a.name for a in run.actors]
    rounds = []
    for played in run.rounds:
        entry: dict[str, Any] = {
            "round": played.number, "positions": dict(zip(names, played.positions, strict=True)),
            "median": played.median, "mean": played.mean}
        if played.number:
            entry["risk"] = dict(zip(names, played.risk, strict=True))
            entry["moves"] = [{"actor": names[m.actor], "type": m.kind.value,
                               "towards": names[m.towards], "from": m.start, "to": m.end}
                              for m in played.moves]
        rounds.append(entry)
    cycle = run.cycle
    return {"issue": issue, "actors": names, "range": run.range, "rounds": rounds,
            "forecast": {"median": run.final.median, "mean": run.final.mean,
                         "stopped_at_round": run.stopped_at,
                         "stop_rule_fired": run.stop_rule_fired, "settled": run.settled,
                         "outcome": run.outcome},
            "cycle": None if cycle is None else {
                "period": cycle.period, "from_round": cycle.start,
                "medians": list(cycle.medians), "means": list(cycle.means)}}


def forecast_rows(results: Sequence[IssueForecast]) -> Tidy:
    from posdiff.analysis import rows  # here: only CSV asks for them

    return Tidy(rows.FORECAST, rows.forecast(results))
