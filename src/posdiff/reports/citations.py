"""How a quote is shown: where it comes from, and its passage in the seed's context, as
the evidence tables (`--evidence`) and as JSON."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from posdiff.model import CLAIM_NAMES, Evidence, Party, Position, Seed
from posdiff.reports.sheet import Cell, Column, Sheet
from posdiff.reports.wording import VOICES_LEGEND

CONTEXT_CHARS = 80  # of the seed's text on either side of a passage
ELISION_MARK = " […] "


def source_text(item: Evidence, seed: Seed) -> str:
    """'dettmer-politico, line 3: POLITICO Europe, Jamie Dettmer, “Title”, 2025-03-19'."""
    where = f"{seed.id}, line {item.match.line}" if item.match else f"{seed.id} (not located)"
    said = [seed.outlet, seed.author, f"“{seed.title}”" if seed.title else None,
            seed.date.isoformat() if seed.date else None]
    known = [part for part in said if part]
    return f"{where}: {', '.join(known)}" if known else where


def quoted(item: Evidence) -> str:
    """The quote as located, each part of an elision apart and the gaps marked […]."""
    match = item.match
    if match is None:
        return item.quote
    parts = [" ".join(match.passage[start - match.start : end - match.start].split())
             for start, end in (match.fragments or ((match.start, match.end),))]
    return ELISION_MARK.join(parts)


def in_context(item: Evidence) -> str:
    """'…words before «the quote» words after…', cut on word boundaries."""
    left, quote, right = context_parts(item)
    return f"{left}«{quote}»{right}"


def context_parts(item: Evidence) -> tuple[str, str, str]:
    """(the words before, the quote as located, the words after), for a page that marks
    the quote up rather than between «»; the quote as written when it was not located."""
    match = item.match
    if match is None:
        return "", item.quote, ""
    before, after = match.before, match.after
    lead = _tail_words(before, CONTEXT_CHARS)
    trail = _head_words(after, CONTEXT_CHARS)
    # Keep the seed's own spacing at the joins: no space is invented before punctuation.
    left = "" if not lead else ("…" if lead != " ".join(before.split()) else "") + lead + (
        " " if before[-1:].isspace() else "")
    right = "" if not trail else (" " if after[:1].isspace() else "") + trail + (
        "…" if trail != " ".join(after.split()) else "")
    return left, quoted(item), right


def _tail_words(text: str, limit: int) -> str:
    """The last words of ``text``, at most about ``limit`` characters, whole words only."""
    tail = text[-limit:]
    if len(text) > limit and not text[-limit - 1].isspace():
        tail = tail.split(maxsplit=1)[1] if len(tail.split(maxsplit=1)) > 1 else ""
    return " ".join(tail.split())


def _head_words(text: str, limit: int) -> str:
    head = text[:limit]
    if len(text) > limit and not text[limit].isspace():
        head = head.rsplit(maxsplit=1)[0] if len(head.rsplit(maxsplit=1)) > 1 else ""
    return " ".join(head.split())


def source_data(seed: Seed) -> dict[str, Any]:
    return {"seed": seed.id, "outlet": seed.outlet, "author": seed.author,
            "title": seed.title, "date": seed.date.isoformat() if seed.date else None,
            "url": seed.url}


def evidence_data(item: Evidence, seed: Seed) -> dict[str, Any]:
    match = item.match
    return {
        "seed": item.seed, "quote": item.quote, "supports": sorted(item.supports),
        "voice": item.voice,
        "located": match is not None,
        "line": match.line if match else None,
        "column": match.column if match else None,
        "start": match.start if match else None,
        "end": match.end if match else None,
        "match": match.kind.value if match else None,
        "fragments": [list(f) for f in match.fragments] if match and match.elided else None,
        "source": source_data(seed),
    }


def sources_sheet(seeds: Iterable[Seed]) -> Sheet:
    """The sources the evidence above cites, once each, with where to read them."""
    sheet = Sheet("Sources", [Column("Seed", key=True), Column("Outlet"), Column("Date"),
                              Column("Title and url", wide=1)],
                  caption="what each seed says of itself; — : the text does not say")
    for seed in seeds:
        sheet.rows.append([Cell(seed.id), Cell(seed.outlet or "—"),
                           Cell(seed.date.isoformat() if seed.date else "—"),
                           Cell(" ".join(p for p in (seed.title, seed.url) if p) or "—")])
    return sheet


def evidence_sheets(entries: Iterable[tuple[Party, Position]],
                    seeds: Mapping[str, Seed]) -> list[Sheet]:
    """Each quote in its seed's context with its source, then the sources cited."""
    proof = Sheet("Evidence: each quote «in its seed's context»", [
        Column("Issue", key=True), Column("Party"), Column("Entry"), Column("Source", wide=1),
        Column("Passage", wide=2)], table_from=120,
        caption=f"entry: the date of the entry the quote backs; source: the seed, the line "
                f"the quote is on, and what the seed says of itself (outlet, author, title, "
                f"date); passage: the quote «between these marks», in the words around it in "
                f"the seed; … : the seed's text goes on; {VOICES_LEGEND}")
    cited: dict[str, Seed] = {}
    for party, position in entries:
        for item in position.evidence:
            seed = seeds[item.seed]
            cited[seed.id] = seed
            proof.rows.append([Cell(position.issue), Cell(party.id),
                               Cell(position.as_of.isoformat()), Cell(source_text(item, seed)),
                               Cell(f"{in_context(item)} [{quote_tags(item)}]")])
    if any(ELISION_MARK in row[-1].text for row in proof.rows):
        proof.caption += "; […]: the seed's words an elided quote leaves out"
    return [proof, sources_sheet(cited.values())]


def quote_tags(item: Evidence) -> str:
    """'voice: reported; supports: acceptable range, position': whose words, and what
    they back when more than the position."""
    voice = f"voice: {item.voice}" if item.voice else "voice: not given"
    if item.supports == {"position"}:
        return voice
    return f"{voice}; supports: {', '.join(CLAIM_NAMES[c] for c in sorted(item.supports))}"


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
