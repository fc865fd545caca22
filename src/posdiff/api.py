"""The Python API: load a record, check it, and run each analysis on it. The command line
is its first user; a notebook is its second.

Every result is a plain typed object from `posdiff.analysis` (no rich, no typer), and
every result has ``rows()``: tidy rows, a list of dicts, the same as ``--format csv``.
A record that fails check is never scored: `load` raises `InvalidRecord`, whose
``errors`` are check's diagnostics.

Parties and issues are named as on the command line: an id, an alias or a name, in any
case; each is taken once however often it is named. Dates are `datetime.date` or text
written 2025-03-18.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from posdiff.errors import UsageError
from posdiff.words import printable

if TYPE_CHECKING:
    from posdiff.analysis.changes import Changes
    from posdiff.analysis.compromise import Compromises
    from posdiff.analysis.distance import Comparison, Matrix
    from posdiff.analysis.forecast.inputs import Forecast
    from posdiff.analysis.revisions import Revisions
    from posdiff.analysis.trend import Trends
    from posdiff.model import Issue, Party, Record
    from posdiff.record.cache import ReadCache
    from posdiff.record.check import CheckReport
    from posdiff.record.paths import RecordPaths

Folder = str | os.PathLike[str]
Names = str | Iterable[str] | None
Day = dt.date | str | None
Progress = Callable[[int, int], None]


def paths(root: Folder | None = None, *, positions: Folder | None = None,
          seeds: Folder | None = None) -> RecordPaths:
    """Where a record is: ``root`` (the folder holding positions/ and seeds/), or its
    ``positions`` and ``seeds`` folders, or, with neither, the record found by walking up
    from the current folder (else the example shipped with posdiff; its ``shipped`` is
    then true)."""
    from posdiff.record.paths import resolve_paths

    return resolve_paths(_path(positions), _path(seeds), root=_path(root))


def check(root: Folder | None = None, *, positions: Folder | None = None,
          seeds: Folder | None = None, where: RecordPaths | None = None,
          progress: Progress | None = None, reading: Progress | None = None,
          cache: ReadCache | None = None) -> CheckReport:
    """Everything `posdiff check` finds: the record as read, every diagnostic, and
    ``ok()``. It never raises for a broken record; ``progress`` and ``reading`` are told
    the quotes located and the party files read. Checks given the same ``cache`` (a
    `posdiff.record.cache.ReadCache`) read again only what differs, as `diff` does with
    two versions of a record."""
    from posdiff.record.check import run_check

    found = where or paths(root, positions=positions, seeds=seeds)
    return run_check(found, progress=progress, reading=reading, cache=cache)


def load(root: Folder | None = None, *, positions: Folder | None = None,
         seeds: Folder | None = None, where: RecordPaths | None = None,
         progress: Progress | None = None, reading: Progress | None = None) -> Record:
    """The record, every quote located in its seed, once check finds no error in it;
    otherwise `InvalidRecord`, carrying check's errors. Warnings do not stop it.

    >>> import posdiff
    >>> record = posdiff.load(posdiff.example())
    >>> sorted(record.parties)
    ['europe', 'russia', 'ukraine', 'us']
    """
    from posdiff.record.check import checked_record

    found = where or paths(root, positions=positions, seeds=seeds)
    return checked_record(found, progress, reading)


def example() -> Path:
    """The folder of the example record shipped with posdiff (the 2025 ceasefire talks)."""
    from posdiff.record.paths import shipped_root

    return shipped_root()


def select_parties(record: Record, names: Names = None) -> list[Party]:
    """The parties named (each once, by whichever name), or every party in file order."""
    if not names:
        return list(record.parties.values())
    return list({party.id: party for party in map(record.party, _listed(names))}.values())


def select_issues(record: Record, names: Names = None) -> list[Issue]:
    """The issues named (each once, so that none weighs twice), or the whole catalogue."""
    if not names:
        return list(record.issues.values())
    return list({issue.id: issue for issue in map(record.issue, _listed(names))}.values())


def date(value: Day, name: str = "as_of") -> dt.date | None:
    """A date, from a `datetime.date` or text written 2025-03-18 (and only so)."""
    from posdiff.record.spec import no_such_day, parse_date

    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, str):
        value = value.strip()  # as names are: a space pasted round a date changes nothing
    day = parse_date(value) if isinstance(value, str) else None
    if day is None:
        why = no_such_day(value) if isinstance(value, str) else None
        if why:
            raise UsageError(f"{name}: {value} is not a date: {why}")
        raise UsageError(f"{name}: '{printable(str(value))}' is not a date like 2025-03-18")
    return day


def compare(record: Record, a: str, b: str, *, issues: Names = None, as_of: Day = None,
            stated_only: bool = False) -> Comparison:
    """Two parties issue by issue: each gap, overlap and red-line clash, and the
    salience-weighted distance over the issues both have a position on.

    >>> import posdiff
    >>> c = posdiff.compare(posdiff.load(posdiff.example()), "russia", "Kyiv")
    >>> round(c.distance, 1), len(c.shared), len(c.issues)
    (86.3, 6, 14)
    >>> c.rows()[0]["issue"], c.rows()[0]["gap"]
    ('ceasefire-scope', 75.0)
    """
    from posdiff.analysis.distance import compare as compared

    first, second = record.party(a), record.party(b)
    if first.id == second.id:
        raise UsageError(f"'{printable(a)}' and '{printable(b)}' both name {first.name} "
                         f"({first.id}); compare two different parties")
    one, other = _stated([first, second], stated_only)
    return compared(one, other, select_issues(record, issues), date(as_of))


def matrix(record: Record, parties: Names = None, *, issues: Names = None,
           as_of: Day = None, stated_only: bool = False,
           progress: Progress | None = None) -> Matrix:
    """Every party (or those named, at least two) against every other: distance, shared
    issues, and how many of those rest on an inferred position.

    >>> import posdiff
    >>> m = posdiff.matrix(posdiff.load(posdiff.example()), ["russia", "us", "ukraine"])
    >>> round(m.distance["russia"]["us"], 1), m.shared["russia"]["us"]
    (43.1, 7)
    >>> len(m.rows())
    6
    """
    from posdiff.analysis.distance import MAX_MATRIX_PARTIES
    from posdiff.analysis.distance import matrix as matrixed

    named = _listed(parties) if parties else []
    chosen = _pairable(record, named, "at least two different parties, or none for all of them")
    if len(chosen) > MAX_MATRIX_PARTIES:
        raise UsageError(f"a matrix of {len(chosen):,} parties is over the limit of "
                         f"{MAX_MATRIX_PARTIES:,} (its cost grows with the square); choose "
                         "the parties to set against each other, or compare a pair")
    return matrixed(_stated(chosen, stated_only), select_issues(record, issues),
                    date(as_of), progress)


def compromise(record: Record, parties: Names = None, *, issues: Names = None,
               as_of: Day = None, stated_only: bool = False) -> Compromises:
    """Per issue, the salience x clout weighted mean and median of the positions of the
    parties weighed, and who could accept each.

    >>> import posdiff
    >>> k = posdiff.compromise(posdiff.load(posdiff.example()), issues="territory")
    >>> [(r.issue.id, round(r.mean, 1), r.median) for r in k.issues]
    [('territory', 54.3, 100.0)]
    """
    from posdiff.analysis.compromise import Compromises, weighing
    from posdiff.analysis.compromise import compromise as compromised

    chosen, left_out = weighing(select_parties(record, parties), named=bool(parties))
    weighed = _stated(chosen, stated_only)
    day = date(as_of)
    return Compromises(tuple(compromised(issue, weighed, day)
                             for issue in select_issues(record, issues)),
                       tuple(weighed), tuple(left_out), day)


def changes(record: Record, parties: Names = None, *, issues: Names = None,
            since: Day = None, until: Day = None, stated_only: bool = False) -> Changes:
    """Every change between consecutive entries dated within [since, until]; an entry that
    only restates the last one changes nothing and is left out."""
    from posdiff.analysis.changes import Changes, moves

    start, end = date(since, "since"), date(until, "until")
    if start and end and start > end:
        raise UsageError(f"since {start.isoformat()} is after until {end.isoformat()}")
    followed = _stated(select_parties(record, parties), stated_only)
    return Changes(tuple(moves(followed, select_issues(record, issues), start, end)),
                   start, end)


def diff(old: Record, new: Record, *, as_of: Day = None,
         stated_only: bool = False) -> Revisions:
    """What changed from one version of a record to another: the entries added, removed
    and changed, and every finding that moved (a pair's distance or shared issues, an
    overlap or a clash, a compromise point, coverage). Give it two checked records.

    >>> import posdiff
    >>> same = posdiff.load(posdiff.example())
    >>> posdiff.diff(same, same).moved
    0
    """
    from posdiff.analysis.revisions import diff as diffed

    return diffed(old, new, date(as_of), stated_only)


def trend(record: Record, parties: Names = None, *, issues: Names = None,
          as_of: Day = None, stated_only: bool = False) -> Trends:
    """The distance of each pair of the parties named (two: their pair; none: all) at each
    date where either's record changes, and whether they converge.

    >>> import posdiff
    >>> t = posdiff.trend(posdiff.load(posdiff.example()), ["russia", "ukraine"])
    >>> pair = t.trends[0]
    >>> pair.points[-1].day.isoformat(), round(pair.points[-1].distance, 1)
    ('2025-04-30', 86.3)
    """
    from posdiff.analysis.trend import trends

    named = _listed(parties) if parties else []
    chosen = _pairable(record, named, "two different parties, or none for every pair")
    return trends(_stated(chosen, stated_only), select_issues(record, issues), date(as_of))


def forecast(record: Record, parties: Names = None, *, issues: Names = None,
             as_of: Day = None, rounds: int = 10, stop_rule: str = "median-repeat",
             sensitivity: bool = False, stated_only: bool = False) -> Forecast:
    """Bueno de Mesquita's expected-utility model (as Scholz et al. 2011 reproduce it),
    issue by issue, on the parties that state a position; with ``sensitivity``, each
    position and salience moved a step either way.

    >>> import posdiff
    >>> f = posdiff.forecast(posdiff.load(posdiff.example()), issues="territory")
    >>> [(i.input.issue, i.run.final.median) for i in f.issues]
    [('territory', 100.0)]
    """
    from posdiff.analysis.compromise import weighing
    from posdiff.analysis.forecast.inputs import Forecast, forecast_issues, record_inputs
    from posdiff.analysis.forecast.model import StopRule

    rule = StopRule(stop_rule)
    chosen, left_out = weighing(select_parties(record, parties), named=bool(parties))
    day = date(as_of)
    inputs = record_inputs(select_issues(record, issues), _stated(chosen, stated_only),
                           day)
    return Forecast(tuple(forecast_issues(inputs, rounds, rule, sensitivity, (0.0, 100.0))),
                    tuple(left_out), tuple(i.issue for i in inputs if not i.stakes), day)


def _pairable(record: Record, named: list[str], ask: str) -> list[Party]:
    """The parties named (or all), refused when the names give fewer than two."""
    chosen = select_parties(record, named)
    if named and len(chosen) < 2:
        said = ", ".join(f"'{printable(name)}'" for name in named)
        raise UsageError(f"{said} {'names' if len(named) == 1 else 'name'} only "
                         f"{chosen[0].name} ({chosen[0].id}); name {ask}")
    return chosen


def _stated(chosen: Sequence[Party], only: bool) -> list[Party]:
    """The parties as their words give them, when ``only``: an entry whose position is
    inferred is left out, and inferred ranges and red lines with it."""
    return [party.stated_only() for party in chosen] if only else list(chosen)


def _listed(names: str | Iterable[str]) -> list[str]:
    return [names] if isinstance(names, str) else list(names)


def _path(folder: Folder | None) -> Path | None:
    return None if folder is None else Path(folder)
