"""What the brief shows, gathered from the results the other commands print: `check`'s
report, the matrix, compare, compromise and the record's dated entries. Nothing here is
scored anew; this module only picks, orders and words (the pictures are in pictures.py).

A brief of a large record stays readable and small by leaving some parts out, and says so
on the page: the strips past MAX_MARKS positions, the charts over time past MAX_LINES
lines, compare tables for more than MAX_PAIRS pairs, quotes past MAX_QUOTES, and the
problems of a failing check past MAX_PROBLEMS. Each budget keeps whole pictures, in
catalogue order, so what is shown is never a part of an issue.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from posdiff.analysis.compromise import compromise, weighing
from posdiff.analysis.distance import compare, matrix
from posdiff.analysis.trend import by_change, pair_changes, trend
from posdiff.model import CLAIM_NAMES, Issue, Party, Record, Seed
from posdiff.record.check import CheckReport
from posdiff.record.files import shown as shown_here
from posdiff.reports.brief import svg
from posdiff.reports.brief.pictures import (
    Converging,
    Heatmap,
    History,
    Strip,
    Timelines,
    converging,
    heatmap,
    history,
    limits_words,
    strip,
    timelines,
)
from posdiff.reports.citations import context_parts
from posdiff.reports.compare import compare_report
from posdiff.reports.sheet import Cell, Sheet
from posdiff.reports.trend import verdict_note
from posdiff.reports.wording import position_text
from posdiff.words import count

MAX_PAIRS = 15  # every pair of six parties; the matrix has the distance of every pair
MAX_QUOTES = 1_000  # a page past this is too long to read and too big to mail
MAX_LINES = 500  # lines over time, all charts together
MAX_MARKS = 4_000  # positions drawn on strips, all strips together
MAX_PROBLEMS = 20  # `posdiff check` lists them all


# -- the header ------------------------------------------------------------------

@dataclass(frozen=True)
class CheckSummary:
    ok: bool
    errors: int
    warnings: int
    counts: tuple[str, ...]  # how many of each: "4 parties", "1 quote not found", ...
    problems: tuple[str, ...]  # the first MAX_PROBLEMS, as `posdiff check` words them
    more: int  # problems not listed

    @property
    def said(self) -> str:
        """'1 error and 2 warnings'."""
        return f"{count(self.errors, 'error')} and {count(self.warnings, 'warning')}"


_COUNTED = (("parties", ("party", "parties")), ("issues", ("issue",)),
            ("positions", ("position",)), ("quotes", ("quote",)),
            ("quotes_unmatched", ("quote not found", "quotes not found")), ("seeds", ("seed",)))


def check_summary(report: CheckReport, folders: Sequence[Path] = ()) -> CheckSummary:
    """``folders``: the record's positions and seeds folders, by which the problems name
    their files (``positions/russia.yaml``) wherever `check` was run from."""
    summary = report.summary()
    shown = report.diagnostics[:MAX_PROBLEMS]
    return CheckSummary(
        ok=report.ok(), errors=summary["errors"], warnings=summary["warnings"],
        counts=tuple(count(summary[key], *nouns) for key, nouns in _COUNTED),
        problems=tuple(f"{_in_record(d.file, folders)}:{d.line}:{d.column}: "
                       f"{d.severity.value} [{d.code}] {_unplaced(d.message, folders)}"
                       for d in shown),
        more=len(report.diagnostics) - len(shown))


def _in_record(file: str, folders: Sequence[Path]) -> str:
    """A problem's file as the page names it: by its record folder's name and its path in
    it, never where the folder is on this machine (the page leaves it)."""
    if not folders:
        return file
    here = Path(os.path.normpath(Path.cwd() / file))
    for folder in folders:
        root = Path(os.path.normpath(Path.cwd() / folder))
        if here.is_relative_to(root):
            return (Path(root.name) / here.relative_to(root)).as_posix()
    return here.name


def _unplaced(message: str, folders: Sequence[Path]) -> str:
    """A message with each record folder written outside the current one (absolute, or
    up by ``..``) named by the folder's name alone."""
    for folder in folders:
        written = shown_here(folder)
        if written.startswith(("/", "..")):
            message = message.replace(written, Path(os.path.normpath(
                Path.cwd() / folder)).name)
    return message


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
    looked_for: bool  # its seed could be read
    line: int | None
    supports: str  # the claims the quote backs, when more than the position
    voice: str  # whose words: party, reported, author, conduct, or "not given"
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
    inferred: str  # the claims inferred ("position, red line"), "" when none
    reason: str | None
    in_force: bool  # False: a later entry (up to the as-of date) replaced it
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class Evidence:
    entries: tuple[Entry, ...]
    left_out: int  # entries whose quotes are past MAX_QUOTES
    left_out_quotes: int
    sources: tuple[Seed, ...]  # the seeds cited above, in the index's order


def evidence(record: Record, parties: Sequence[Party], issues: Sequence[Issue],
             entries: History, unread: Collection[str] = ()) -> Evidence:
    """Every entry of these parties on these issues, by issue, party and date, each with
    its quotes in their seeds' context, until MAX_QUOTES are shown; the rest are counted.
    The quotes of ``unread`` seeds were not looked for, and are marked so."""
    shown_entries: list[Entry] = []
    cited: set[str] = set()
    left_out = left_out_quotes = shown = 0
    for issue in issues:
        for party in parties:
            dated = entries.get((party.id, issue.id), [])
            for position in dated:
                if left_out or shown + len(position.evidence) > MAX_QUOTES:
                    left_out += 1
                    left_out_quotes += len(position.evidence)
                    continue
                shown += len(position.evidence)
                quotes = []
                for item in position.evidence:
                    before, quote, after = context_parts(item)
                    cited.add(item.seed)
                    quotes.append(Quote(before, quote, after, item.match is not None,
                                        item.seed not in unread,
                                        item.match.line if item.match else None,
                                        "" if item.supports == {"position"} else ", ".join(
                                            CLAIM_NAMES[c] for c in sorted(item.supports)),
                                        str(item.voice or "not given"),
                                        record.seeds[item.seed]))
                shown_entries.append(Entry(party.name, issue, position.as_of.isoformat(),
                                     position_text(issue, position),
                                     limits_words(position).removeprefix(", "),
                                     position.stance, position.note,
                                     ", ".join(CLAIM_NAMES[c] for c in position.inferred_claims),
                                     position.reason if position.inferred_claims else None,
                                     position is dated[-1], tuple(quotes)))
    return Evidence(tuple(shown_entries), left_out, left_out_quotes,
                    tuple(s for s in record.seeds.values() if s.id in cited))


# -- the page --------------------------------------------------------------------

@dataclass(frozen=True)
class Brief:
    title: str
    as_of: str | None
    parties: tuple[Party, ...]
    issues: tuple[Issue, ...]
    check: CheckSummary
    heatmap: Heatmap
    strips: tuple[Strip, ...]
    strips_left_out: tuple[Issue, ...]  # past MAX_MARKS
    timelines: Timelines
    converging: Converging
    pairs: tuple[Pair, ...]
    pairs_left_out: int  # pairs past MAX_PAIRS, whose tables are not on the page
    evidence: Evidence
    not_weighed: tuple[Party, ...]  # mediators and observers, unless named
    version: str
    stated_only: bool  # inferred positions and limits were left out before anything else

    @property
    def scored(self) -> bool:
        """Nothing is scored from a record that fails check: the page then holds the
        check's problems and the evidence only."""
        return self.check.ok


def build_brief(report: CheckReport, title: str, parties: Sequence[Party], named: bool,
                issues: Sequence[Issue], as_of: dt.date | None,
                stated_only: bool = False, folders: Sequence[Path] = ()) -> Brief:
    """The brief of ``parties`` on ``issues`` from a record as `check` found it (quotes
    located); ``named``: the user chose the parties, so mediators are weighed too;
    ``stated_only``: the parties come as their words give them, and the page says so;
    ``folders``: the record's positions and seeds folders (see `check_summary`). A
    record that fails check is scored not at all: the page has its problems and the
    evidence only."""
    from posdiff.version import __version__

    record = report.record
    check = check_summary(report, folders)
    entries = history(parties, as_of)
    weighs, left_out = weighing(parties, named)
    scored = parties if check.ok else []
    strips, strips_left_out = _strips(scored, issues, as_of, weighs)
    pair_count = len(scored) * (len(scored) - 1) // 2
    colours = {p.id: svg.colour(i) for i, p in enumerate(parties)}
    return Brief(
        title=title,
        as_of=as_of.isoformat() if as_of else None,
        parties=tuple(parties), issues=tuple(issues), check=check,
        heatmap=heatmap(matrix(scored, issues, as_of)), strips=tuple(strips),
        strips_left_out=tuple(strips_left_out),
        timelines=timelines(scored, issues, entries, as_of, colours, MAX_LINES),
        converging=_converging(scored, issues, as_of),
        pairs=tuple(pairs(scored, issues, as_of, record.seeds))
        if pair_count <= MAX_PAIRS else (),
        pairs_left_out=pair_count if pair_count > MAX_PAIRS else 0,
        evidence=evidence(record, parties, issues, entries, report.unread),
        not_weighed=tuple(left_out), version=__version__, stated_only=stated_only)


def _strips(parties: Sequence[Party], issues: Sequence[Issue], as_of: dt.date | None,
            weighs: Sequence[Party]) -> tuple[list[Strip], list[Issue]]:
    """A strip per issue until MAX_MARKS positions are drawn, and the issues left out."""
    colours = {p.id: svg.colour(i) for i, p in enumerate(parties)}
    stated = {p.id: p.stated(as_of) for p in parties}
    strips: list[Strip] = []
    left_out: list[Issue] = []
    drawn = 0
    for issue in issues if parties else ():
        marks = sum(issue.id in stated[p.id] for p in parties)
        if left_out or drawn + marks > MAX_MARKS:
            left_out.append(issue)
            continue
        drawn += marks
        strips.append(strip(issue, parties, stated, compromise(issue, weighs, as_of), colours))
    return strips, left_out


def _converging(parties: Sequence[Party], issues: Sequence[Issue],
                as_of: dt.date | None) -> Converging:
    """Each pair's distance over time, the pairs that moved most first, with the verdict
    `posdiff trend` gives; as many pairs as the page compares (MAX_PAIRS). The pairs are
    ranked by their first and last points alone, and only those shown are traced."""
    moved = sorted(pair_changes(parties, issues, as_of), key=lambda m: by_change(m[2]))
    moved.sort(key=lambda m: -abs(m[2] or 0.0))
    dated = [(a, b) for a, b, change in moved if change is not None]
    shown = [trend(a, b, issues, as_of) for a, b in dated[:MAX_PAIRS]]
    return converging(shown, [verdict_note(t).text for t in shown], len(dated) - len(shown))
