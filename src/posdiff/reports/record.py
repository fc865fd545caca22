"""What is in the record: `parties`, `issues`, `coverage`, `show` and `seeds`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from posdiff.analysis.strength import evidence_strength
from posdiff.model import CLAIM_NAMES, Issue, Party, Record, Voice
from posdiff.reports import tidy
from posdiff.reports.citations import (
    evidence_sheets,
    position_data,
    source_data,
)
from posdiff.reports.sheet import Cell, Column, Report, Sheet, number
from posdiff.reports.wording import (
    INFERRED_LEGEND,
    INFERRED_MARK,
    POSITIONS_LEGEND,
    acceptable_text,
    as_of_text,
    position_text,
)

if TYPE_CHECKING:
    from posdiff.record.seeds import SeedUse


# -- the record --------------------------------------------------------------

def parties_report(record: Record, as_of: dt.date | None) -> Report:
    """Each party with its coverage and the strength of its evidence: of the positions in
    force, how many its words state and how many are inferred, and their quotes by voice."""
    sheet = Sheet(f"Parties{as_of_text(as_of)}", [
        Column("Party"), Column("Name"), Column("Role"), Column("Aliases", wide=1),
        Column("Clout", numeric=True), Column("Issues", numeric=True),
        Column("Stated", numeric=True), Column("Inferred", numeric=True),
        Column("Quotes p/r/a/c", numeric=True), Column("Entries", numeric=True)],
        caption="role: party, or mediator or observer (who take no side and are weighed in "
                "a compromise only when named); clout: its weight beside salience in a "
                "compromise and the forecast; "
                "issues: those it has a position on, of the catalogue; stated and inferred: "
                "of those positions, how many a quote in its own or reported words states, "
                "and how many rest only on the source's reading or its conduct; quotes "
                "p/r/a/c: the quotes of those positions by voice (party, reported, author, "
                "conduct); entries: every dated entry, earlier ones included"
                + (f", up to {as_of.isoformat()}" if as_of else ""))
    total = len(record.issues)
    strength = {p.id: evidence_strength(p, as_of) for p in record.parties.values()}
    entries = {p.id: sum(as_of is None or e.as_of <= as_of for e in p.positions)
               for p in record.parties.values()}
    for party in record.parties.values():
        held = strength[party.id]
        sheet.rows.append([Cell(party.id), Cell(party.name), Cell(party.role.value),
                           Cell(", ".join(party.aliases)),
                           Cell(number(party.clout, 2)),
                           Cell(f"{len(held.stated) + len(held.inferred)}/{total}"),
                           Cell(str(len(held.stated))),
                           Cell(str(len(held.inferred)), "yellow" if held.inferred else ""),
                           Cell("/".join(str(held.voices[v]) for v in Voice)
                                + (f" +{held.voices[None]} unset" if held.voices[None] else "")),
                           Cell(str(entries[party.id]))])
    data = {"parties": [{
        "party": p.id, "name": p.name, "role": p.role.value, "aliases": list(p.aliases),
        "clout": p.clout, "issues_stated": sorted(p.stated(as_of)),
        "positions_stated": list(strength[p.id].stated),
        "positions_inferred": list(strength[p.id].inferred),
        "quotes_by_voice": {str(v or "not_given"): n for v, n in strength[p.id].voices.items()},
        "entries": entries[p.id],
    } for p in record.parties.values()], "issues_total": total}
    return Report([sheet], data, partial(tidy.parties, record, strength, entries))


def issues_report(record: Record, chosen: Sequence[Issue], long: bool) -> Report:
    """The catalogue: id, title and who has a position on each issue; with ``long``, the
    question and each labelled point of the scale as a table of its own."""
    stated_by = {i.id: [p.id for p in record.parties.values() if p.position_on(i.id)]
                 for i in chosen}
    sheet = Sheet("Issues", [Column("Issue", key=True), Column("Title", wide=1),
                             Column("Positions from", wide=1)],
                  caption="" if long else "`posdiff issues --long` (or --issue ID) shows "
                                          "each question and scale")
    for issue in chosen:
        sheet.rows.append([Cell(issue.id), Cell(issue.title),
                           Cell(", ".join(stated_by[issue.id]) or "nobody",
                                "" if stated_by[issue.id] else "dim")])
    sheets = [sheet]
    if long:
        for issue in chosen:
            scale = Sheet(f"{issue.id}: {issue.question}", [
                Column("Point", numeric=True), Column("Label"), Column("Description", wide=1)])
            for point in issue.scale:
                scale.rows.append([Cell(number(point.at)), Cell(point.label),
                                   Cell(point.description or "")])
            sheets.append(scale)
    data = {"issues": [{
        "issue": i.id, "title": i.title, "question": i.question,
        "scale": [{"at": a.at, "label": a.label, "description": a.description}
                  for a in i.scale],
        "stated_by": stated_by[i.id],
    } for i in chosen]}
    return Report(sheets, data, partial(tidy.issues, chosen))


def coverage_report(record: Record, parties: Sequence[Party], as_of: dt.date | None) -> Report:
    sheet = Sheet(f"Coverage: who has a position on each issue{as_of_text(as_of)}",
                  [Column("Issue", key=True)] + [Column(p.id, numeric=True) for p in parties],
                  caption=f"cell: position on 0..100 (salience); {INFERRED_MARK}: the position "
                          "is inferred, no quote in the party's own or reported words states "
                          "it; · : no position")
    stated = {p.id: p.stated(as_of) for p in parties}
    for issue in record.issues.values():
        cells = [Cell(issue.id)]
        for party in parties:
            position = stated[party.id].get(issue.id)
            cells.append(Cell("·", "dim") if position is None else Cell(
                f"{number(position.value)} ({number(position.salience)})"
                f"{INFERRED_MARK * position.inferred}"))
        sheet.rows.append(cells)
    totals = [Cell("issues", "bold")] + [
        Cell(f"{len(stated[p.id])}/{len(record.issues)}", "bold")
        for p in parties]
    sheet.rows.append(totals)
    data = {
        "parties": [p.id for p in parties],
        "as_of": as_of.isoformat() if as_of else None,
        "positions": {i: {p.id: (stated[p.id][i].value if i in stated[p.id] else None)
                          for p in parties} for i in record.issues},
        "bases": {i: {p.id: (stated[p.id][i].position_basis if i in stated[p.id] else None)
                      for p in parties} for i in record.issues},
    }
    return Report([sheet], data, partial(tidy.coverage, record.issues.values(), parties, stated))


def show_report(record: Record, party: Party, as_of: dt.date | None,
                issues: Sequence[Issue] | None, history: bool) -> Report:
    wanted = {i.id for i in issues} if issues else set(record.issues)
    if history:
        entries = [p for p in party.positions if p.issue in wanted
                   and (as_of is None or p.as_of <= as_of)]
    else:
        entries = [p for i, p in party.stated(as_of).items() if i in wanted]
    order = list(record.issues)
    entries.sort(key=lambda p: (order.index(p.issue), p.as_of))
    aliases = f" (aliases: {', '.join(party.aliases)})" if party.aliases else ""
    role = "" if party.takes_sides else f", {party.role.value}"
    sheet = Sheet(f"{party.name} [{party.id}{role}]{aliases}, clout {number(party.clout, 2)}"
                  f"{as_of_text(as_of)}", [
        Column("Issue", key=True), Column("As of"), Column("Position", wide=1),
        Column("Salience", numeric=True), Column("Acceptable"),
        Column("Stance", wide=2), Column("Note", wide=1), Column("Why inferred", wide=1)],
        caption=f"{POSITIONS_LEGEND}; {INFERRED_LEGEND}; note: why the curator set the "
                "number or date as it is; why inferred: the curator's reason for the claims "
                "named; — : none"
                + ("; as of: the entry's date, and (replaced DATE) where a later entry on the "
                   "issue stands in its place" if history else ""),
        table_from=150)  # narrower, the stance wraps every two words: a stack reads better
    in_force = party.stated(as_of)
    for position in entries:
        dated = position.as_of.isoformat()
        if in_force.get(position.issue) is not position:
            after = min(p.as_of for p in entries
                        if p.issue == position.issue and p.as_of > position.as_of)
            dated += f" (replaced {after.isoformat()})"
        issue = record.issues[position.issue]
        inferred = (f"({', '.join(CLAIM_NAMES[c] for c in position.inferred_claims)}) "
                    f"{position.reason}"
                    if position.inferred_claims else "—")
        sheet.rows.append([Cell(issue.id), Cell(dated),
                           Cell(position_text(issue, position)),
                           Cell(number(position.salience)),
                           Cell(acceptable_text(position)), Cell(position.stance),
                           Cell(position.note or "—"), Cell(inferred)])
    missing = [i for i in record.issues if i in wanted and i not in party.stated(as_of)]
    notes = [Cell(f"No position on: {', '.join(missing)}", "dim")] if missing else []
    data = {"party": party.id, "name": party.name, "role": party.role.value,
            "aliases": list(party.aliases),
            "clout": party.clout, "as_of": as_of.isoformat() if as_of else None,
            "positions": [position_data(p, record.seeds) for p in entries],
            "not_stated": missing}
    if not entries:  # the party's line, and what it does not state: no empty tables
        return Report([], data, partial(tidy.positions, party, entries),
                      [Cell(sheet.title, "bold"), *notes])
    proof = evidence_sheets(((party, p) for p in entries), record.seeds)
    return Report([sheet, *proof], data, partial(tidy.positions, party, entries), notes)


def seeds_report(uses: Sequence[SeedUse]) -> Report:
    sheet = Sheet("Seeds", [
        Column("Seed", key=True), Column("Source", wide=1), Column("Bytes", numeric=True),
        Column("Quotes", numeric=True), Column("Cited by", wide=1), Column("Pin")],
        caption="source: what the seed says of itself, — : nothing (and bytes: — : the file "
                "cannot be read); pin: ok (sha256 matches), changed (check fails), unpinned "
                "(no sha256 in the index), unreadable (the file cannot be read); `--format "
                "json` adds each file's sha256 and url")
    for use in uses:
        seed = use.seed
        said = [seed.outlet, seed.author, f"“{seed.title}”" if seed.title else None,
                seed.date.isoformat() if seed.date else None]
        sheet.rows.append([
            Cell(seed.id), Cell(", ".join(p for p in said if p) or "—"),
            Cell(f"{use.size:,}" if use.size is not None else "—"),
            Cell(str(use.quotes), "" if use.quotes else "yellow"),
            Cell(", ".join(use.parties) or "nobody", "" if use.parties else "yellow"),
            Cell(use.pin, "red" if use.pin in ("changed", "unreadable") else "")])
    uncited = [use.seed.id for use in uses if not use.quotes]
    notes = [Cell(f"Cited by nobody: {', '.join(uncited)}", "yellow")] if uncited else []
    data = {"seeds": [{
        **source_data(use.seed), "file": use.seed.file, "bytes": use.size,
        "sha256": use.sha256, "pinned_sha256": use.seed.sha256, "pin": use.pin,
        "note": use.seed.note, "quotes": use.quotes, "cited_by": list(use.parties),
    } for use in uses], "uncited": uncited}
    return Report([sheet], data, partial(tidy.seeds, uses), notes)
