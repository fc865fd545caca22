"""`posdiff diff`: what a change to the record does, as tables, notes and JSON: the check
of each version, the entries added, removed and changed, then each finding that moved.
Findings that did not move are not listed; the last note counts those that did."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from posdiff.analysis.changes import Move
from posdiff.analysis.revisions import (
    CoverageMove,
    EntryChange,
    MeetMove,
    PairMove,
    PointMove,
    Revisions,
    quotes_added_removed,
)
from posdiff.model import Party, Position, Record
from posdiff.record.check import CheckReport
from posdiff.record.revisions import Side
from posdiff.reports.changes import change_text
from posdiff.reports.citations import position_data
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
from posdiff.reports.wording import (
    INFERRED,
    INFERRED_LEGEND,
    POSITIONS_LEGEND,
    acceptable_text,
    basis_word,
    dated_text,
    heat,
    range_text,
)
from posdiff.words import count

ERRORS_SHOWN = 3  # of a version that fails check, as the other commands show them
NAMES = ("old", "new")


class Version(NamedTuple):
    """One version compared: where it came from, and what check found in it."""

    side: Side
    check: CheckReport

    def problems(self) -> list[str]:
        """Its first errors as `posdiff check` words them, the files of a revision named
        as git names them (REVISION:path), not by the temporary copy."""
        copy = self.side.copy
        errors = [d for d in self.check.diagnostics if d.is_error][:ERRORS_SHOWN]
        return [f"{_file(d.file, copy, self.side.spec)}:{d.line}:{d.column}: [{d.code}] "
                f"{d.message}" for d in errors]


def _file(file: str, copy: Path | None, spec: str) -> str:
    if copy is None:
        return file
    try:
        return f"{spec}:{Path(file).resolve().relative_to(copy.resolve()).as_posix()}"
    except ValueError:
        return file


def diff_report(versions: Sequence[Version], found: Revisions | None) -> Report:
    """The report of two versions; ``found`` is None when one fails check."""
    sheets = [_versions_sheet(versions)]
    failing = [(name, v) for name, v in zip(NAMES, versions, strict=True) if not v.check.ok()]
    if failing:
        errors = Sheet("First errors of a version that fails check", [
            Column("Version", key=True), Column("Error", wide=1)],
            caption="`posdiff check` in that version lists them all")
        errors.rows += [[Cell(name), Cell(line, "red")] for name, v in failing
                        for line in v.problems()]
        sheets.append(errors)
    if found is not None:
        old, new = versions[0].check.record, versions[1].check.record
        sheets += [sheet for sheet in (_entries_sheet(found.entries), _pairs_sheet(found.pairs),
                                       _meets_sheet(found.meets), _points_sheet(found.points),
                                       _coverage_sheet(found.coverage)) if sheet.rows]
        data = _data(versions, found, old, new)
    else:
        data = _data(versions, None, None, None)
    return Report(sheets, data, partial(Tidy, (), []), [_summary(found, failing)])


def _summary(found: Revisions | None, failing: Sequence[tuple[str, Version]]) -> Cell:
    if found is None:
        which = " and ".join(f"the {name} version ({count(v.check.summary()['errors'], 'error')})"
                             for name, v in failing)
        return Cell(f"Nothing compared: {which} fails check, and nothing is scored from a "
                    "record that fails check", "bold red")
    entries = count(len(found.entries), "entry", "entries")
    if not found.moved:
        return Cell(f"No finding moved; {entries} added, removed or changed", "green")
    parts = [count(len(found.pairs), "pair"),
             count(len(found.meets), "overlap or clash", "overlaps or clashes"),
             count(len(found.points), "compromise point"),
             count(len(found.coverage), "coverage change")]
    return Cell(f"{count(found.moved, 'finding')} moved ({', '.join(parts)}); {entries} "
                "added, removed or changed", "bold yellow")


def _versions_sheet(versions: Sequence[Version]) -> Sheet:
    sheet = Sheet("Versions compared", [Column("Version", key=True), Column("Record"),
                                        Column("Check", wide=1)],
                  caption="old: the version compared against; new: the one compared "
                          "with it; a version that fails check is not scored")
    for name, version in zip(NAMES, versions, strict=True):
        s = version.check.summary()
        ok = version.check.ok()
        sheet.rows.append([Cell(name), Cell(version.side.label), Cell(
            f"{'ok' if ok else 'failed'}: {count(s['errors'], 'error')}, "
            f"{count(s['warnings'], 'warning')}; {count(s['parties'], 'party', 'parties')}, "
            f"{count(s['positions'], 'position')}, {count(s['quotes'], 'quote')}",
            "green" if ok else "bold red")])
    return sheet


def _entries_sheet(entries: Sequence[EntryChange]) -> Sheet:
    sheet = Sheet("Entries added, removed or changed", [
        Column("Party", key=True), Column("Issue", key=True), Column("As of", key=True),
        Column("Change", wide=1)],
        caption=f"{POSITIONS_LEGEND}; {INFERRED_LEGEND}; range: what the party could "
                "accept; an entry is the same entry when its party, issue and date are")
    for entry in entries:
        sheet.rows.append([Cell(entry.party.id), Cell(entry.issue.id),
                           Cell(entry.as_of.isoformat()), Cell(entry_text(entry))])
    return sheet


def entry_text(entry: EntryChange) -> str:
    """'added: 40 even split, salience 60, range 20–45 (inferred)'; what changed."""
    if entry.before is None or entry.after is None:
        position = entry.after or entry.before
        assert position is not None
        return f"{entry.kind}: {_entry_words(entry, position)}"
    move = Move(entry.party, entry.issue, entry.before, entry.after)
    said = []
    for aspect in entry.changed:
        if aspect == "quotes":
            added, removed = quotes_added_removed(entry.before, entry.after)
            said.append(f"quotes: {added} added, {removed} removed" if added or removed
                        else "quotes: voice or what they state changed")
        elif aspect in ("stance", "note", "reason"):
            said.append(f"{aspect} reworded")
        else:
            said.append(change_text(move, aspect))
    return "; ".join(said)


def _entry_words(entry: EntryChange, position: Position) -> str:
    words = f"{dated_text(entry.issue, position)}, salience {number(position.salience)}"
    if position.acceptable:
        words += f", range {acceptable_text(position)}"
    return words + f", {count(len(position.evidence), 'quote')}"


def _pairs_sheet(pairs: Sequence[PairMove]) -> Sheet:
    sheet = Sheet("Pairs whose distance or shared issues moved", [
        Column("Pair", key=True), Column("Distance"), Column("Change", numeric=True),
        Column("Shared issues")],
        caption="distance: 0..100, old → new; — : no issue in common, or the pair is in "
                "one version only; change: new minus old; shared issues: how many issues both "
                "have a position on, old → new", heat=True)
    for pair in pairs:
        sheet.rows.append([
            Cell(_pair(pair.a, pair.b)),
            Cell(f"{number(pair.before)} → {number(pair.after)}", heat(pair.after)),
            Cell(shown_change(pair.before, pair.after)),
            Cell(f"{_whole(pair.shared_before)} → {_whole(pair.shared_after)}")])
    return sheet


def _meets_sheet(meets: Sequence[MeetMove]) -> Sheet:
    sheet = Sheet("Overlaps and red-line clashes that appeared or vanished", [
        Column("Pair", key=True), Column("Issue", key=True), Column("Finding"),
        Column("Change", wide=1)],
        caption="overlap: where both acceptable ranges meet; clash: a red line and no "
                f"overlap; ({INFERRED}): it rests on an inferred range or red line")
    for meet in meets:
        mark = f" ({INFERRED})" if meet.inferred else ""
        if meet.finding == "clash":
            change = f"{meet.kind}{mark}"
        elif meet.kind == "moved":
            change = f"moved: {range_text(meet.before)} → {range_text(meet.after)}{mark}"
        else:
            change = f"{meet.kind}: {range_text(meet.after or meet.before)}{mark}"
        sheet.rows.append([Cell(_pair(meet.a, meet.b)), Cell(meet.issue.id),
                           Cell(meet.finding),
                           Cell(change, "bold red" if meet.finding == "clash" and
                                meet.after else "")])
    return sheet


def _points_sheet(points: Sequence[PointMove]) -> Sheet:
    sheet = Sheet("Compromise points that moved", [
        Column("Issue", key=True), Column("Point"), Column("Old → new"),
        Column("Change", numeric=True)],
        caption="mean, median: of the positions of the parties that take sides, weighted "
                "by salience × clout; — : no party weighed has a position on it")
    for point in points:
        sheet.rows.append([Cell(point.issue.id), Cell(point.point),
                           Cell(f"{number(point.before)} → {number(point.after)}"),
                           Cell(shown_change(point.before, point.after))])
    return sheet


def _coverage_sheet(coverage: Sequence[CoverageMove]) -> Sheet:
    sheet = Sheet("Coverage gained or lost", [
        Column("Party", key=True), Column("Issue", key=True), Column("Change", wide=1)],
        caption="gained: the party has a position on the issue now; lost: it no longer has "
                "one")
    for cell in coverage:
        position = cell.after or cell.before
        assert position is not None
        sheet.rows.append([Cell(cell.party.id), Cell(cell.issue.id), Cell(
            f"{'gained' if cell.gained else 'lost'}: {dated_text(cell.issue, position)}")])
    return sheet


def _pair(a: Party, b: Party) -> str:
    return f"{a.id} vs {b.id}"


def _whole(value: int | None) -> str:
    return "—" if value is None else str(value)


# -- JSON ------------------------------------------------------------------------

def _data(versions: Sequence[Version], found: Revisions | None, old: Record | None,
          new: Record | None) -> dict[str, Any]:
    data: dict[str, Any] = {
        name: _version_data(version) for name, version in zip(NAMES, versions, strict=True)}
    data["compared"] = found is not None
    data["as_of"] = found.as_of.isoformat() if found and found.as_of else None
    data["stated_only"] = bool(found and found.stated_only)
    data["moved"] = found.moved if found else None
    if found is None or old is None or new is None:
        for key in ("entries", "pairs", "overlaps", "clashes", "compromises", "coverage"):
            data[key] = []
        return data
    data["entries"] = [{
        "party": e.party.id, "issue": e.issue.id, "as_of": e.as_of.isoformat(),
        "change": e.kind, "changed": list(e.changed),
        "old": position_data(e.before, old.seeds) if e.before else None,
        "new": position_data(e.after, new.seeds) if e.after else None,
    } for e in found.entries]
    data["pairs"] = [{
        "parties": [p.a.id, p.b.id],
        "distance": {"old": rounded(p.before), "new": rounded(p.after), "change": p.change},
        "shared": {"old": p.shared_before, "new": p.shared_after},
    } for p in found.pairs]
    data["overlaps"] = [{
        "parties": [m.a.id, m.b.id], "issue": m.issue.id, "change": m.kind,
        "old": list(m.before) if m.before else None, "new": list(m.after) if m.after else None,
        "basis": basis_word(m.inferred),
    } for m in found.meets if m.finding == "overlap"]
    data["clashes"] = [{
        "parties": [m.a.id, m.b.id], "issue": m.issue.id, "change": m.kind,
        "basis": basis_word(m.inferred),
    } for m in found.meets if m.finding == "clash"]
    data["compromises"] = [{
        "issue": p.issue.id, "point": p.point, "old": rounded(p.before),
        "new": rounded(p.after), "change": p.change,
    } for p in found.points]
    data["coverage"] = [{
        "party": c.party.id, "issue": c.issue.id, "change": "gained" if c.gained else "lost",
        "position": (c.after or c.before).value,  # type: ignore[union-attr]
        "as_of": (c.after or c.before).as_of.isoformat(),  # type: ignore[union-attr]
    } for c in found.coverage]
    return data


def _version_data(version: Version) -> dict[str, Any]:
    s = version.check.summary()
    return {"label": version.side.label, "revision": version.side.revision,
            "ok": version.check.ok(), "errors": s["errors"], "warnings": s["warnings"],
            "first_errors": version.problems()}
