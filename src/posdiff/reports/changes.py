"""`posdiff changes`: each move of a party between two dated entries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from functools import partial

from posdiff.analysis.changes import Move
from posdiff.model import Seed
from posdiff.reports.citations import position_data
from posdiff.reports.sheet import Cell, Column, Report, Sheet, Tidy, number, shown_change
from posdiff.reports.wording import (
    INFERRED_LEGEND,
    POSITIONS_LEGEND,
    acceptable_text,
    heat,
    position_text,
)
from posdiff.words import count


def changes_report(found: Sequence[Move], since: dt.date | None, until: dt.date | None,
                   seeds: Mapping[str, Seed]) -> Report:
    window = "".join(part for part in (f" since {since.isoformat()}" if since else "",
                                       f" until {until.isoformat()}" if until else ""))
    sheet = Sheet(f"Changes{window}", [
        Column("Party", key=True), Column("Issue", key=True), Column("From"), Column("To"),
        Column("What changed", wide=1)],
        caption=f"{POSITIONS_LEGEND}; {INFERRED_LEGEND}; what changed: before → after, "
                "the shift signed towards 100; range: the acceptable range, — : none; an entry "
                "that only restates the last one is not listed", heat=True)
    for move in found:
        sheet.rows.append([
            Cell(move.party.id), Cell(move.issue.id), Cell(move.before.as_of.isoformat()),
            Cell(move.after.as_of.isoformat()),
            Cell("; ".join(change_text(move, aspect) for aspect in move.changed),
                 heat(abs(move.shift)) if move.shift else "")])
    shifted = [m for m in found if m.shift]
    if not found:
        notes = [Cell(f"No party has changed anything{window}.")]
    else:
        notes = [Cell(f"{count(len(found), 'change')}, {len(shifted)} of them moving the position; "
                      "`posdiff show PARTY --history` has the stances and evidence")]
    if shifted:
        largest = max(shifted, key=lambda m: abs(m.shift))
        notes.append(Cell(f"Largest move: {largest.party.id} on {largest.issue.id}, "
                          f"{number(largest.before.value)} → {number(largest.after.value)} "
                          f"({largest.after.as_of.isoformat()})"))
    data = {
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "changes": [{
            "party": m.party.id, "issue": m.issue.id, "shift": m.shift,
            "changed": list(m.changed),
            "from": position_data(m.before, seeds), "to": position_data(m.after, seeds),
        } for m in found],
    }
    return Report([sheet], data, partial(changes_rows, found), notes)


def change_text(move: Move, aspect: str) -> str:
    before, after = move.before, move.after
    if aspect == "position":
        return (f"position {position_text(move.issue, before)} → "
                f"{position_text(move.issue, after)} "
                f"({shown_change(before.value, after.value)})")
    if aspect == "acceptable":
        return f"range {acceptable_text(before)} → {acceptable_text(after)}"
    if aspect == "red_line":
        word = {(False, True): "red line drawn", (True, False): "red line dropped"}
        return word.get((before.red_line, after.red_line),
                        f"red line now {after.red_line_basis or 'none'}")
    return f"salience {number(before.salience)} → {number(after.salience)}"


def changes_rows(found: Sequence[Move]) -> Tidy:
    from posdiff.analysis import rows  # here: only CSV asks for them

    return Tidy(rows.CHANGES, rows.changes(found))
