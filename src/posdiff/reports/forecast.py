"""The forecast as a report: the summary table, each round, what the forecast depends on,
the JSON document and the tidy CSV rows, in the same sheets and words as the other
reports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from posdiff.analysis import rows
from posdiff.analysis.forecast.inputs import IssueForecast, Stake
from posdiff.analysis.forecast.model import Q, Round, Run, StopRule
from posdiff.analysis.forecast.sensitivity import Input, ranked
from posdiff.model import Party
from posdiff.reports.sheet import Cell, Column, Report, Sheet, Tidy, number

MODEL = "bueno-de-mesquita-expected-utility"
VARIANT = "scholz-calbert-smith-2011-table-2"
TOP_INPUTS = 3  # per issue, in the sensitivity table
LIMITS = ("A model of bargaining among the actors given, from their stated positions, "
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
        Column("Issue", key=True), Column("Start", numeric=True), Column("Forecast", numeric=True),
        Column("Round", numeric=True), Column("Who moved", wide=1)],
        caption="start and forecast: median / mean, weighted by salience × clout (the "
                "lower median); round: where the run stopped (repeat: the median repeated, "
                "settled: nobody moved, cap: --rounds); who moved: start → forecast")
    for result in results:
        run = result.run
        summary.rows.append([
            Cell(result.input.issue), Cell(_median_mean(run.rounds[0])),
            Cell(_median_mean(run.final), "bold"),
            Cell(f"{run.stopped_at} {_why_stopped(run)}"), Cell(_who_moved(run))])
    sheets = [summary]
    if detail:
        sheets += [_rounds_sheet(result) for result in results]
    if sensitivity:
        sheets.append(_sensitivity_sheet(results, setting))
    notes = [Cell(LIMITS, "dim")]
    if setting.left_out:
        notes.append(Cell("Not actors (they take no side; name them to include them): "
                          + ", ".join(f"{p.id} ({p.role.value})" for p in setting.left_out),
                          "dim"))
    if setting.unstated:
        notes.append(Cell(f"Stated by none of them: {', '.join(setting.unstated)}", "dim"))
    return Report(sheets, forecast_data(results, setting, sensitivity),
                  forecast_rows(results), notes)


def _median_mean(played: Round) -> str:
    return f"{number(played.median)} / {number(played.mean)}"


def _why_stopped(run: Run) -> str:
    if run.stop_rule_fired:
        return "repeat"
    return "settled" if run.settled else "cap"


def _who_moved(run: Run) -> str:
    start, end = run.rounds[0].positions, run.final.positions
    moved = [f"{a.name} {number(x)} → {number(y)}"
             for a, x, y in zip(run.actors, start, end, strict=True) if x != y]
    return "; ".join(moved) or "nobody"


def _rounds_sheet(result: IssueForecast) -> Sheet:
    run = result.run
    sheet = Sheet(f"{result.input.issue}: round by round", [
        Column("Round", numeric=True), Column("Median", numeric=True),
        Column("Mean", numeric=True), Column("Moves", wide=1)],
        caption="each actor's move: its kind, towards whom, from → to; all move at once")
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


def _sensitivity_sheet(results: Sequence[IssueForecast], setting: Setting) -> Sheet:
    sheet = Sheet("What each forecast depends on most", [
        Column("Issue", key=True), Column("Input"), Column("Median moves", numeric=True),
        Column("Mean moves", numeric=True), Column("Evidence", wide=1)], table_from=100,
        caption="each position moved a tenth of the scale (±10 on 0..100) and each "
                "salience ±10, one at a time; the largest change of the forecast either way")
    for result in results:
        for dependence in ranked(result.nudges)[:TOP_INPUTS]:
            stake = result.input.stakes[dependence.actor]
            sheet.rows.append([
                Cell(result.input.issue), Cell(f"{stake.actor.name} {dependence.input.value}"),
                Cell(number(dependence.median_shift)), Cell(number(dependence.mean_shift)),
                Cell(_evidence(stake, dependence.input, setting.source))])
    return sheet


def _evidence(stake: Stake, kind: Input, source: str) -> str:
    """Where the input comes from, and whether a quote states it."""
    if stake.position is None:
        return f"from {source}, line {stake.line}"
    if kind is Input.SALIENCE:
        return "inferred: the curator's judgement (no quote states a salience)"
    quoted = [e.seed for e in stake.position.evidence if "position" in e.supports]
    if not quoted:
        return "inferred: no quote states the position"
    between = "; a number between labelled points" if stake.position.note else ""
    return f"stated: {len(quoted)} quote(s) ({', '.join(sorted(set(quoted)))}){between}"


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
    return {"issue": issue, "actors": names, "range": run.range, "rounds": rounds,
            "forecast": {"median": run.final.median, "mean": run.final.mean,
                         "stopped_at_round": run.stopped_at,
                         "stop_rule_fired": run.stop_rule_fired, "settled": run.settled}}


def forecast_rows(results: Sequence[IssueForecast]) -> Tidy:
    return Tidy(rows.FORECAST, rows.forecast(results))
