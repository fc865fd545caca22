"""From scoring results to reports: which rows, which columns, which words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from posdiff.analysis.changes import Move
from posdiff.analysis.distance import (
    Comparison,
    Compromise,
    IssueComparison,
    Matrix,
    evidence_strength,
)
from posdiff.model import Basis, Evidence, Issue, Party, Position, Record, Seed, Voice
from posdiff.reports import tidy
from posdiff.reports.citations import (
    evidence_data,
    in_context,
    source_data,
    source_text,
    sources_sheet,
)
from posdiff.reports.sheet import Cell, Column, Report, Sheet, count, number, rounded

if TYPE_CHECKING:
    from posdiff.record.seeds import SeedUse

GAP_STYLES = ((60.0, "bold red"), (30.0, "yellow"), (0.0, "green"))


def heat(value: float | None) -> str:
    if value is None:
        return "dim"
    return next(style for floor, style in GAP_STYLES if value >= floor)


INFERRED = "inferred"  # the word that marks a claim no words of the party's state
# Where a cell has no room for the word: a number resting on an inferred position.
INFERRED_MARK = "†"
FAR_APART = dt.timedelta(days=60)  # two entries this far apart may not answer each other
POSITIONS_LEGEND = ("position: 0..100 and its labelled point, or the nearest one when it sits "
                    "between two")
VOICES_LEGEND = ("voice: whose words the quote is: party (its own), reported (the source "
                 "tells what it said), author (the source's reading), conduct (what it did); "
                 "only party and reported quotes state a claim")
INFERRED_LEGEND = (f"[{INFERRED}]: no quote in the party's own or reported words states "
                   "it, only the source's reading or the party's conduct (--stated-only "
                   "leaves it out)")


def position_text(issue: Issue, position: Position) -> str:
    """'100 no ceasefire before settlement' at a labelled point; between two, the value
    and apart the nearest point: '95, nearest point: no ceasefire before settlement', or
    both when it is midway: '25, midway between no fee and half the fee'."""
    nearest = issue.nearest_points(position.value)
    if len(nearest) > 1:
        said = f", midway between {nearest[0].label} and {nearest[-1].label}"
    elif nearest[0].at == position.value:
        said = f" {nearest[0].label}"
    else:
        said = f", nearest point: {nearest[0].label}"
    marker = f" [{INFERRED}]" if position.inferred else ""
    if position.red_line:
        marker += f" [red line, {INFERRED}]" if position.red_line_basis is Basis.INFERRED \
            else " [red line]"
    return f"{number(position.value)}{said}{marker}"


def dated_text(issue: Issue, position: Position) -> str:
    return f"{position_text(issue, position)} ({position.as_of.isoformat()})"


def range_text(span: tuple[float, float] | None, inferred: bool = False) -> str:
    if span is None:
        return "—"
    return f"{number(span[0])}–{number(span[1])}" + (f" ({INFERRED})" if inferred else "")


def acceptable_text(position: Position) -> str:
    return range_text(position.acceptable, position.acceptable_basis is Basis.INFERRED)


def as_of_text(as_of: dt.date | None) -> str:
    return f" as of {as_of.isoformat()}" if as_of else ""


def evidence_sheets(entries: Iterable[tuple[Party, Position]],
                    seeds: Mapping[str, Seed]) -> list[Sheet]:
    """Each quote in its seed's context with its source, then the sources cited."""
    proof = Sheet("Evidence: each quote «in its seed's context»", [
        Column("Issue", key=True), Column("Party"), Column("Source", wide=1),
        Column("Passage", wide=2)], table_from=120, caption=VOICES_LEGEND)
    cited: dict[str, Seed] = {}
    for party, position in entries:
        for item in position.evidence:
            seed = seeds[item.seed]
            cited[seed.id] = seed
            proof.rows.append([Cell(position.issue), Cell(party.id),
                               Cell(f"{position.as_of.isoformat()}; {source_text(item, seed)}"),
                               Cell(f"{in_context(item)} [{quote_tags(item)}]")])
    return [proof, sources_sheet(cited.values())]


def quote_tags(item: Evidence) -> str:
    """'voice: reported; states: acceptable, position': whose words, and what they state
    when more than the position."""
    voice = f"voice: {item.voice}" if item.voice else "voice: not given"
    if item.supports == {"position"}:
        return voice
    return f"{voice}; states: {', '.join(sorted(item.supports))}"


def position_data(position: Position, seeds: Mapping[str, Seed]) -> dict[str, Any]:
    return {
        "issue": position.issue, "as_of": position.as_of.isoformat(),
        "position": position.value, "label": position.label,
        "position_basis": position.position_basis, "salience": position.salience,
        "acceptable": list(position.acceptable) if position.acceptable else None,
        "red_line": position.red_line, "stance": position.stance,
        "acceptable_basis": position.acceptable_basis, "red_line_basis": position.red_line_basis,
        "reason": position.reason, "note": position.note,
        "evidence": [evidence_data(e, seeds[e.seed]) for e in position.evidence],
    }


def stated_only_note(parties: Sequence[Party]) -> Cell:
    """What --stated-only left out of these parties."""
    left = {p.id: p.inferred_entries for p in parties if p.inferred_entries}
    whose = f" ({', '.join(f'{p} {n}' for p, n in left.items())})" if left else ""
    return Cell(f"--stated-only: {count(sum(left.values()), 'entry', 'entries')} whose position "
                f"is inferred left out{whose}, and every inferred range and red line", "dim")


# -- compare -----------------------------------------------------------------

SORTS = {
    "issue": lambda row: 0.0,
    "gap": lambda row: -(row.gap or 0.0),
    "salience": lambda row: -(row.weight or 0.0),
}


def compare_report(result: Comparison, seeds: Mapping[str, Seed], sort: str = "issue",
                   with_evidence: bool = False) -> Report:
    a, b = result.a, result.b
    shared = sorted(result.shared, key=SORTS[sort])  # stable: ties keep catalogue order
    main = Sheet(f"{a.name} vs {b.name}{as_of_text(result.as_of)}: issues both state", [
        Column("Issue", key=True), Column(a.name, wide=1), Column(b.name, wide=1),
        Column("Gap", numeric=True), Column("Overlap"), Column("Salience", numeric=True)],
        caption=f"{POSITIONS_LEGEND}, then the date of the entry; {INFERRED_LEGEND}; * : "
                f"the two entries are over {FAR_APART.days} days apart; overlap: where both "
                "acceptable ranges meet; clash: a red line and no overlap; either marked "
                f"({INFERRED}) rests on an inferred range or red line")
    for row in shared:
        assert row.a and row.b
        if row.red_line_clash:
            meet = Cell("clash" + (f" ({INFERRED})" if row.clash_inferred else ""), "bold red")
        else:
            meet = Cell(range_text(row.overlap, row.overlap_inferred and bool(row.overlap)),
                        "green" if row.overlap else "dim")
        far = "*" if abs(row.a.as_of - row.b.as_of) > FAR_APART else ""
        main.rows.append([
            Cell(row.issue.id + far), Cell(dated_text(row.issue, row.a)),
            Cell(dated_text(row.issue, row.b)),
            Cell(number(row.gap), heat(row.gap)), meet,
            Cell(f"{number(row.a.salience)}/{number(row.b.salience)}")])
    sheets = [main]
    if result.one_sided:
        apart = Sheet("Stated by one side only", [Column("Issue", key=True), Column("Party"),
                                                  Column("Position", wide=1),
                                                  Column("Salience", numeric=True)])
        for row in result.one_sided:
            party, position = (a, row.a) if row.a else (b, row.b)
            assert position is not None
            apart.rows.append([Cell(row.issue.id), Cell(party.name),
                               Cell(dated_text(row.issue, position)),
                               Cell(number(position.salience))])
        sheets.append(apart)
    if with_evidence:
        sheets += evidence_sheets(((party, position) for row in shared + list(result.one_sided)
                                   for party, position in ((a, row.a), (b, row.b)) if position),
                                  seeds)
    return Report(sheets, compare_data(result, seeds if with_evidence else None),
                  tidy.comparison(result, shared),
                  compare_notes(result))


def compare_notes(result: Comparison) -> list[Cell]:
    total = len(result.rows)
    shared = len(result.shared)
    if result.distance is None:
        distance = Cell(f"Distance: none: {result.a.name} and {result.b.name} state no issue "
                        "in common, so there is nothing to score", "bold yellow")
    else:
        distance = Cell(f"Distance: {number(result.distance)} / 100 (salience-weighted mean "
                        f"gap over {shared} shared issue(s))", "bold " + heat(result.distance))
    notes = [distance, Cell(
        f"Coverage: {shared} of {total} issue(s) stated by both; "
        f"{len(result.one_sided)} by one side only; {len(result.unstated)} by neither",
        "yellow" if shared < total / 2 else "")]
    clashes = ", ".join(row.issue.id + (f" ({INFERRED})" if row.clash_inferred else "")
                        for row in result.clashes) or "none"
    notes.append(Cell(f"Red-line clashes: {clashes}", "bold red" if result.clashes else ""))
    room = ", ".join(f"{row.issue.id} [{range_text(row.overlap, row.overlap_inferred)}]"
                     for row in result.room_to_agree) or "none"
    notes.append(Cell(f"Room to agree (acceptable ranges overlap): {room}"))
    far = [row for row in result.shared if row.a and row.b
           and abs(row.a.as_of - row.b.as_of) > FAR_APART]
    if far:
        notes.append(Cell(f"Stated over {FAR_APART.days} days apart (*): " + ", ".join(
            f"{row.issue.id} ({row.a.as_of.isoformat()} vs {row.b.as_of.isoformat()})"
            for row in far if row.a and row.b), "yellow"))
    extremes = result.extremes()
    if extremes:
        widest, narrowest = extremes
        notes.append(Cell(f"Widest gap: {widest.issue.id} ({number(widest.gap)}); "
                          f"narrowest: {narrowest.issue.id} ({number(narrowest.gap)})"))
    return notes


def compare_data(result: Comparison, seeds: Mapping[str, Seed] | None) -> dict[str, Any]:
    """The comparison as JSON; with ``seeds``, each position's evidence and its sources."""
    a, b = result.a.id, result.b.id

    def issue(row: IssueComparison) -> dict[str, Any]:
        data: dict[str, Any] = {
            "issue": row.issue.id,
            "positions": {a: row.a.value if row.a else None, b: row.b.value if row.b else None},
            "saliences": {a: row.a.salience if row.a else None,
                          b: row.b.salience if row.b else None},
            "dates": {a: row.a.as_of.isoformat() if row.a else None,
                      b: row.b.as_of.isoformat() if row.b else None},
            "acceptable": {p: list(pos.acceptable) if pos and pos.acceptable else None
                           for p, pos in ((a, row.a), (b, row.b))},
            "red_lines": {a: bool(row.a and row.a.red_line), b: bool(row.b and row.b.red_line)},
            "gap": rounded(row.gap),
            "overlap": list(row.overlap) if row.overlap else None,
            "red_line_clash": row.red_line_clash,
            "basis": {"overlap": _basis(row.overlap_inferred) if row.overlap else None,
                      "red_line_clash": _basis(row.clash_inferred) if row.red_line_clash
                      else None},
            "claims": {p: claims_data(pos) for p, pos in ((a, row.a), (b, row.b))},
        }
        if seeds is not None:
            data["evidence"] = {p: [evidence_data(e, seeds[e.seed]) for e in pos.evidence]
                                if pos else []
                                for p, pos in ((a, row.a), (b, row.b))}
        return data

    return {
        "parties": [a, b],
        "as_of": result.as_of.isoformat() if result.as_of else None,
        "distance": rounded(result.distance),
        "coverage": {"shared": len(result.shared), "total": len(result.rows)},
        "issues": [issue(row) for row in result.rows],
    }


def claims_data(position: Position | None) -> dict[str, Basis | None] | None:
    """Whether each claim of an entry is stated or inferred (None: the entry has none)."""
    if position is None:
        return None
    return {"position": position.position_basis, "acceptable": position.acceptable_basis,
            "red_line": position.red_line_basis}


def _basis(inferred: bool) -> str:
    return Basis.INFERRED.value if inferred else Basis.STATED.value


# -- matrix ------------------------------------------------------------------

def matrix_report(result: Matrix) -> Report:
    ids = [p.id for p in result.parties]
    scope = (f"issue {result.issues[0].id}" if len(result.issues) == 1
             else f"{len(result.issues)} issues")
    sheet = Sheet(f"Distance between parties ({scope}{as_of_text(result.as_of)})",
                  [Column("Party", key=True)] + [Column(i, numeric=True) for i in ids],
                  caption=f"cell: distance 0..100 (shared issues); {INFERRED_MARK}: it rests "
                          "on at least one inferred position (--stated-only leaves those out); "
                          "— : no issue in common; · : a party against itself")
    for a in ids:
        cells = [Cell(a)]
        for b in ids:
            value, shared = result.distance[a][b], result.shared[a][b]
            if a == b:
                cells.append(Cell("·", "dim"))
            else:
                mark = INFERRED_MARK if result.inferred[a][b] else ""
                cells.append(Cell(f"{number(value)} ({shared}){mark}", heat(value)))
        sheet.rows.append(cells)
    data = {
        "parties": ids,
        "issues": [i.id for i in result.issues],
        "as_of": result.as_of.isoformat() if result.as_of else None,
        "distance": {a: {b: rounded(result.distance[a][b]) for b in ids} for a in ids},
        "coverage": {a: {b: result.shared[a][b] for b in ids} for a in ids},
        "inferred": {a: {b: result.inferred[a][b] for b in ids} for a in ids},
    }
    return Report([sheet], data, tidy.matrix(result))


# -- compromise --------------------------------------------------------------

def _names(parties: Sequence[Party]) -> str:
    return ", ".join(p.id for p in parties) or "nobody"


def compromise_report(results: Sequence[Compromise], parties: Sequence[Party],
                      as_of: dt.date | None, detail: bool, left_out: Sequence[Party] = (),
                      stated_only: bool = False) -> Report:
    summary = Sheet(f"Compromise points over {_names(parties)}{as_of_text(as_of)}", [
        Column("Issue", key=True), Column("Stated", numeric=True), Column("Mean", numeric=True),
        Column("Mean acceptable to", wide=1), Column("Median", numeric=True),
        Column("Median acceptable to", wide=1)],
        caption="weights: salience × clout; a party without a range accepts only its position"
                + ("; only ranges a quote states" if stated_only else ""))
    for result in results:
        stated = len(result.stakes)
        summary.rows.append([
            Cell(result.issue.id), Cell(f"{stated}/{stated + len(result.silent)}"),
            Cell(number(result.mean)),
            Cell(_names(result.acceptors(result.mean))),
            Cell(number(result.median)),
            Cell(_names(result.acceptors(result.median)))])
    sheets = [summary]
    if detail:
        for result in results:
            sheets.append(_stakes_sheet(result))
    data = {
        "parties": [p.id for p in parties],
        "left_out": [{"party": p.id, "role": p.role.value} for p in left_out],
        "stated_only": stated_only,
        "as_of": as_of.isoformat() if as_of else None,
        "issues": [{
            "issue": r.issue.id,
            "mean": rounded(r.mean), "median": rounded(r.median),
            "mean_acceptable_to": [p.id for p in r.acceptors(r.mean)],
            "median_acceptable_to": [p.id for p in r.acceptors(r.median)],
            "positions": {s.party.id: s.position.value for s in r.stakes},
            "weights": {s.party.id: s.weight for s in r.stakes},
            "silent": [p.id for p in r.silent],
            "inferred_positions": [s.party.id for s in r.stakes if s.position.inferred],
            "inferred_ranges": [s.party.id for s in r.stakes
                                if s.position.acceptable_basis is Basis.INFERRED],
        } for r in results],
    }
    notes = [Cell("Not weighed (they take no side; name them to include them): "
                  + ", ".join(f"{p.id} ({p.role.value})" for p in left_out), "dim")] \
        if left_out else []
    return Report(sheets, data, tidy.compromises(results), notes)


def _stakes_sheet(result: Compromise) -> Sheet:
    sheet = Sheet(f"{result.issue.id}: who stands where", [
        Column("Party"), Column("Position", wide=1), Column("Salience", numeric=True),
        Column("Clout", numeric=True), Column("Weight", numeric=True),
        Column("Acceptable", numeric=True), Column("Accepts mean"), Column("Accepts median")])
    for stake in result.stakes:
        accepts = [stake.accepts(p) if p is not None else False
                   for p in (result.mean, result.median)]
        sheet.rows.append([
            Cell(stake.party.id), Cell(position_text(result.issue, stake.position)),
            Cell(number(stake.position.salience)), Cell(number(stake.party.clout, 2)),
            Cell(number(stake.weight)), Cell(acceptable_text(stake.position)),
            *(Cell("yes", "green") if ok else Cell("no", "red") for ok in accepts)])
    if result.silent:
        sheet.caption = f"states nothing on this issue: {_names(result.silent)}"
    return sheet


# -- the record --------------------------------------------------------------

def parties_report(record: Record, as_of: dt.date | None) -> Report:
    """Each party with its coverage and the strength of its evidence: of the positions in
    force, how many its words state and how many are inferred, and their quotes by voice."""
    sheet = Sheet(f"Parties{as_of_text(as_of)}", [
        Column("Party"), Column("Name"), Column("Role"), Column("Aliases", wide=1),
        Column("Clout", numeric=True), Column("Issues", numeric=True),
        Column("Stated", numeric=True), Column("Inferred", numeric=True),
        Column("Quotes p/r/a/c", numeric=True), Column("Entries", numeric=True)],
        caption="issues: those it has a position on, of the catalogue; stated and inferred: "
                "of those positions, how many a quote in its own or reported words states, "
                "and how many rest only on the source's reading or its conduct; quotes "
                "p/r/a/c: their quotes by voice (party, reported, author, conduct); entries: "
                "every dated entry")
    total = len(record.issues)
    strength = {p.id: evidence_strength(p, as_of) for p in record.parties.values()}
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
                           Cell(str(len(party.positions)))])
    data = {"parties": [{
        "party": p.id, "name": p.name, "role": p.role.value, "aliases": list(p.aliases),
        "clout": p.clout, "issues_stated": sorted(p.stated(as_of)),
        "positions_stated": list(strength[p.id].stated),
        "positions_inferred": list(strength[p.id].inferred),
        "quotes_by_voice": {str(v or "not_given"): n for v, n in strength[p.id].voices.items()},
        "entries": len(p.positions),
    } for p in record.parties.values()], "issues_total": total}
    return Report([sheet], data, tidy.parties(record, strength))


def issues_report(record: Record, chosen: Sequence[Issue], long: bool) -> Report:
    """The catalogue: id, title and who states each issue; with ``long``, the question and
    each labelled point of the scale as a table of its own."""
    stated_by = {i.id: [p.id for p in record.parties.values() if p.position_on(i.id)]
                 for i in chosen}
    sheet = Sheet("Issues", [Column("Issue", key=True), Column("Title", wide=1),
                             Column("Stated by", wide=1)],
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
    return Report(sheets, data, tidy.issues(chosen))


def coverage_report(record: Record, parties: Sequence[Party], as_of: dt.date | None) -> Report:
    sheet = Sheet(f"Coverage: who has a position on each issue{as_of_text(as_of)}",
                  [Column("Issue", key=True)] + [Column(p.id, numeric=True) for p in parties],
                  caption=f"cell: position on 0..100 (salience); {INFERRED_MARK}: the position "
                          "is inferred, no quote in the party's own or reported words states "
                          "it; · : nothing stated")
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
    return Report([sheet], data, tidy.coverage(record.issues.values(), parties, stated))


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
        Column("Stance", wide=1)],
        caption=f"{POSITIONS_LEGEND}; {INFERRED_LEGEND}; the curator's reason follows "
                "the stance",
        table_from=100)  # narrower, the stance wraps every two words: a stack reads better
    for position in entries:
        issue = record.issues[position.issue]
        sheet.rows.append([Cell(issue.id), Cell(position.as_of.isoformat()),
                           Cell(position_text(issue, position)),
                           Cell(number(position.salience)),
                           Cell(acceptable_text(position)), Cell(_stance(position))])
    missing = [i for i in record.issues if i in wanted and i not in party.stated(as_of)]
    notes = [Cell(f"States nothing on: {', '.join(missing)}", "dim")] if missing else []
    data = {"party": party.id, "name": party.name, "role": party.role.value,
            "aliases": list(party.aliases),
            "clout": party.clout, "as_of": as_of.isoformat() if as_of else None,
            "positions": [position_data(p, record.seeds) for p in entries],
            "not_stated": missing}
    if not entries:  # the party's line, and what it does not state: no empty tables
        return Report([], data, tidy.positions(party, entries),
                      [Cell(sheet.title, "bold"), *notes])
    proof = evidence_sheets(((party, p) for p in entries), record.seeds)
    return Report([sheet, *proof], data, tidy.positions(party, entries), notes)


def _stance(position: Position) -> str:
    """The stance, then the curator's note on the number and reason for inferred limits."""
    parts = [position.stance]
    if position.note:
        parts.append(f"Note: {position.note}")
    if position.inferred_claims:
        parts.append(f"Inferred ({', '.join(position.inferred_claims)}): {position.reason}")
    return " ".join(part if part.rstrip().endswith((".", "!", "?")) else part.rstrip() + "."
                    for part in parts)


def seeds_report(uses: Sequence[SeedUse]) -> Report:
    sheet = Sheet("Seeds", [
        Column("Seed", key=True), Column("Source", wide=1), Column("Bytes", numeric=True),
        Column("Quotes", numeric=True), Column("Cited by", wide=1), Column("Pin")],
        caption="pin: ok (sha256 matches), changed (check fails), unpinned (no sha256 in the "
                "index); `--format json` adds each file's sha256 and url")
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
    return Report([sheet], data, tidy.seeds(uses), notes)


def changes_report(found: Sequence[Move], since: dt.date | None, until: dt.date | None,
                   seeds: Mapping[str, Seed]) -> Report:
    window = "".join(part for part in (f" since {since.isoformat()}" if since else "",
                                       f" until {until.isoformat()}" if until else ""))
    sheet = Sheet(f"Changes{window}", [
        Column("Party", key=True), Column("Issue", key=True), Column("From"), Column("To"),
        Column("What changed", wide=1)],
        caption=f"{POSITIONS_LEGEND}; {INFERRED_LEGEND}; an entry that only restates the "
                "last one is not listed")
    for move in found:
        sheet.rows.append([
            Cell(move.party.id), Cell(move.issue.id), Cell(move.before.as_of.isoformat()),
            Cell(move.after.as_of.isoformat()),
            Cell("; ".join(_change_text(move, aspect) for aspect in move.changed),
                 heat(abs(move.shift)) if move.shift else "")])
    shifted = [m for m in found if m.shift]
    if not found:
        notes = [Cell(f"No party has changed anything{window}.")]
    else:
        notes = [Cell(f"{len(found)} change(s), {len(shifted)} of them moving the position; "
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
    return Report([sheet], data, tidy.changes(found), notes)


def _change_text(move: Move, aspect: str) -> str:
    before, after = move.before, move.after
    if aspect == "position":
        return (f"position {position_text(move.issue, before)} → "
                f"{position_text(move.issue, after)} ({move.shift:+g})")
    if aspect == "acceptable":
        return f"range {acceptable_text(before)} → {acceptable_text(after)}"
    if aspect == "red_line":
        word = {(False, True): "red line drawn", (True, False): "red line dropped"}
        return word.get((before.red_line, after.red_line),
                        f"red line now {after.red_line_basis or 'none'}")
    return f"salience {number(before.salience)} → {number(after.salience)}"
