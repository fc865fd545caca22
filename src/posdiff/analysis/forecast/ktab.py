"""KTAB's scenario CSV in and out (the layout KAPSARC's SMP reader accepts), as text.

In: an optional scenario line (name, description, actors, dimensions), the header
`Actor,Description,Power,Pstn1,Sal1[,Pstn2,Sal2...]`, then a row per actor. CRLF, trailing
commas, padded numbers and quoted fields are read as KTAB reads them; anything wrong is a
`KtabError` naming the file and line. Out: the record in the same layout, which KTAB's own
reader accepts (`posdiff docs forecast` says how saliences are scaled over several issues).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from posdiff.analysis.forecast.inputs import IssueInput, Stake
from posdiff.analysis.forecast.model import MAX_ACTORS, Actor
from posdiff.errors import UsageError
from posdiff.words import count, figure

_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_INTEGER = re.compile(r"\d+")
COUNT_DIGITS = 9  # of a count on the scenario line
# What KTAB's reader enforces (smpread.cpp), which an export must meet.
KTAB_NAME_CHARS = 25
KTAB_TEXT_CHARS = 256
KTAB_MAX_CAPABILITY = 1e8
KTAB_MIN_ACTORS, KTAB_MAX_ACTORS = 3, 250


class KtabError(UsageError):
    """A scenario file posdiff cannot use (exit 2, as any input that cannot be used): the
    message starts with file:line."""


# KTAB's layout, said wherever a file does not follow it.
LAYOUT = ("a KTAB scenario is an optional first line 'name,description,actors,dimensions', "
          "then the header 'Actor,Description,Power' followed by a position and a salience "
          "column for each dimension (e.g. Actor,Description,Power,Years,Salience), then one "
          "row per actor (`posdiff docs forecast` describes it)")


@dataclass(frozen=True)
class Scenario:
    name: str | None  # None when the file has no scenario line
    dimensions: tuple[str, ...]
    inputs: tuple[IssueInput, ...]  # one per dimension, actors in row order
    warnings: tuple[str, ...] = ()


def read(text: str, source: str) -> Scenario:
    """Parse a scenario; ``source`` is how the file is named in messages."""
    lines = re.split(r"\r?\n", text.removeprefix("\ufeff"))
    for number, line in enumerate(lines, 1):
        if "\r" in line:
            raise KtabError(f"{source}:{number}: a carriage return without a line feed; "
                            "save the file with LF or CRLF line endings")
    first = _fields(lines[0], source, 1)
    declared: tuple[int, int] | None = None
    at = 0
    if len(first) >= 4 and all(_INTEGER.fullmatch(f.strip()) for f in first[2:4]):
        counts = [f.strip() for f in first[2:4]]
        if any(len(c.lstrip("0")) > COUNT_DIGITS for c in counts):  # Python reads no int of
            # 4,301 digits, and no scenario has a billion actors
            raise KtabError(f"{source}:1: the scenario line declares {counts[0]} actors and "
                            f"{counts[1]} dimensions, past any scenario; write the numbers "
                            "of its rows and of its dimensions")
        declared = int(counts[0].lstrip("0") or "0"), int(counts[1].lstrip("0") or "0")
        at = 1
    if at >= len(lines) or not lines[at].strip():
        raise KtabError(f"{source}:{at + 1}: no header line; {LAYOUT}")
    dimensions = _header(_fields(lines[at], source, at + 1), declared, source, at + 1)
    rows, warnings = _rows(lines, at + 1, declared, source)
    if not rows:
        raise KtabError(f"{source}:{at + 2}: no actor rows after the header")
    if len(rows) > MAX_ACTORS:  # refused as the file's problem, before any is read
        raise KtabError(f"{source}:{rows[MAX_ACTORS][0]}: {len(rows):,} actor rows, over the "
                        f"limit of {MAX_ACTORS:,} (a round's cost grows with the cube)")
    stakes = [_actor(fields, len(dimensions), source, number) for number, fields in rows]
    seen: dict[str, int] = {}
    for stake, (number, _) in zip(stakes, rows, strict=True):
        name = stake[0]
        if name in seen:
            raise KtabError(f"{source}:{number}: actor '{name}' already has a row on line "
                            f"{seen[name]}; give each actor a row of its own")
        seen[name] = number
    inputs = tuple(IssueInput(dimension, tuple(
        Stake(Actor(name, capability, positions[d], saliences[d] / 100), line=number)
        for (name, capability, positions, saliences), (number, _) in zip(stakes, rows,
                                                                          strict=True)))
        for d, dimension in enumerate(dimensions))
    return Scenario(first[0].strip() if declared else None, dimensions, inputs,
                    tuple(warnings))


def _fields(line: str, source: str, number: int) -> list[str]:
    """Split as KTAB's minicsv does: a quote opens a quoted part only as a field's first
    character; every leading and trailing quote is then stripped; `$$` stands for a comma
    and `&quot;` for a quote."""
    fields, start = [], 0
    while True:
        search_from = start
        if line.startswith('"', start):
            closing = line.find('"', start + 1)
            if closing < 0:
                raise KtabError(f"{source}:{number}: a quoted field is not closed; add the "
                                "closing quote")
            search_from = closing + 1
        comma = line.find(",", search_from)
        raw = line[start:] if comma < 0 else line[start:comma]
        fields.append(raw.strip('"').replace("$$", ",").replace("&quot;", '"'))
        if comma < 0:
            return fields
        start = comma + 1


def _header(fields: list[str], declared: tuple[int, int] | None, source: str,
            number: int) -> tuple[str, ...]:
    while fields and not fields[-1].strip():  # trailing commas
        fields.pop()
    pairs = fields[3:]
    dimensions = declared[1] if declared else len(pairs) // 2
    if declared is None and len(pairs) % 2:
        raise KtabError(f"{source}:{number}: the header has {count(len(pairs), 'column')} after "
                        f"the first three; each dimension needs two; {LAYOUT}")
    if dimensions < 1 or len(pairs) < 2 * dimensions:
        said = (f"the scenario line declares {count(dimensions, 'dimension')} but the header names "
                f"{len(pairs) // 2}" if declared else "the header names no dimension")
        raise KtabError(f"{source}:{number}: {said}; {LAYOUT}")
    names = tuple(pairs[2 * d].strip() or f"dim{d + 1}" for d in range(dimensions))
    if len(set(names)) < len(names):
        raise KtabError(f"{source}:{number}: two dimensions have the same name; rename one")
    return names


def _rows(lines: list[str], start: int, declared: tuple[int, int] | None,
          source: str) -> tuple[list[tuple[int, list[str]]], list[str]]:
    """The actor rows: as many as declared (a blank line before them is an error), or
    without a scenario line every line up to the first blank one."""
    rows: list[tuple[int, list[str]]] = []
    index = start
    while index < len(lines) and lines[index].strip():
        if declared and len(rows) == declared[0]:
            break
        rows.append((index + 1, _fields(lines[index], source, index + 1)))
        index += 1
    if declared and len(rows) < declared[0]:
        raise KtabError(f"{source}:{index + 1}: the scenario line declares "
                        f"{count(declared[0], 'actor')} but only {count(len(rows), 'row')} "
                        "follow the header "
                        "(a blank line ends the table)")
    rest = [n + 1 for n in range(index, len(lines)) if lines[n].strip()]
    warnings = [f"{source}:{rest[0]}: lines after the actor table are ignored, as KTAB "
                "ignores them"] if rest else []
    return rows, warnings


def _actor(fields: list[str], dimensions: int, source: str,
           number: int) -> tuple[str, float, list[float], list[float]]:
    needed = 3 + 2 * dimensions
    if len(fields) < needed or any(not f.strip() for f in fields[2:needed]):
        raise KtabError(f"{source}:{number}: an actor row needs a name, a description, a "
                        f"capability and a position and salience for each of the "
                        f"{count(dimensions, 'dimension')}: {needed} fields, "
                        f"{len([f for f in fields if f.strip()])} given")
    name = fields[0].strip()
    if not name:
        raise KtabError(f"{source}:{number}: the actor has no name")
    capability = _number(fields[2], "capability", source, number)
    if capability < 0:
        raise KtabError(f"{source}:{number}: capability {fields[2].strip()} is negative; "
                        "use 0 or more")
    positions, saliences = [], []
    for d in range(dimensions):
        positions.append(_number(fields[3 + 2 * d], f"position {d + 1}", source, number))
        salience = _number(fields[4 + 2 * d], f"salience {d + 1}", source, number)
        if not 0 <= salience <= 100:
            raise KtabError(f"{source}:{number}: salience {d + 1} is "
                            f"{fields[4 + 2 * d].strip()}; KTAB saliences run from 0 to 100")
        saliences.append(salience)
    return name, capability, positions, saliences


def _number(text: str, what: str, source: str, number: int) -> float:
    if not _NUMBER.fullmatch(text.strip()):
        raise KtabError(f"{source}:{number}: {what} '{text.strip()}' is not a number")
    value = float(text)
    if not math.isfinite(value):
        raise KtabError(f"{source}:{number}: {what} '{text.strip()}' is too large")
    return value


# -- out ---------------------------------------------------------------------

def write(inputs: Sequence[IssueInput], name: str, descriptions: dict[str, str]) -> str:
    """The issues in KTAB's layout, one dimension each. Every actor must have a position on
    every issue (KTAB needs a number in each cell and posdiff never imputes one). With k issues each
    salience is divided by k, so that an actor's saliences sum to at most 100 as KTAB
    requires; one issue is written as it stands."""
    actors = _same_actors(inputs)
    if not KTAB_MIN_ACTORS <= len(actors) <= KTAB_MAX_ACTORS:
        raise UsageError(f"KTAB needs at least {KTAB_MIN_ACTORS} actors and at most "
                         f"{KTAB_MAX_ACTORS}; {len(actors)} "
                         f"{'has' if len(actors) == 1 else 'have'} a position on "
                         f"{'this issue' if len(inputs) == 1 else 'every issue chosen'}")
    lines = [f"{_text(name, 512)},exported by posdiff,{len(actors)},{len(inputs)}",
             ",".join(["Actor", "Description", "Power",
                       *(f"{_text(i.issue, KTAB_TEXT_CHARS)},Sal{d + 1}"
                         for d, i in enumerate(inputs))])]
    for index, actor in enumerate(actors):
        if len(actor.name) > KTAB_NAME_CHARS:
            raise UsageError(f"party id '{actor.name}' is longer than the "
                             f"{KTAB_NAME_CHARS} characters KTAB allows an actor name")
        if actor.capability > KTAB_MAX_CAPABILITY:
            raise UsageError(f"{actor.name}: clout {figure(actor.capability)} is over KTAB's "
                             f"limit of {figure(KTAB_MAX_CAPABILITY)}")
        cells = [_text(actor.name, KTAB_NAME_CHARS),
                 _text(descriptions.get(actor.name, actor.name), KTAB_TEXT_CHARS),
                 _figure(actor.capability)]
        for issue in inputs:
            stake = issue.stakes[index]
            salience = (stake.position.salience if stake.position
                        else stake.actor.salience * 100)
            cells += [_figure(stake.actor.position), _figure(_scaled(salience, len(inputs)))]
        lines.append(",".join(cells))
    return "\r\n".join(lines) + "\r\n"


def _same_actors(inputs: Sequence[IssueInput]) -> tuple[Actor, ...]:
    first = inputs[0].actors
    names = [a.name for a in first]
    for issue in inputs[1:]:
        theirs = [a.name for a in issue.actors]
        if theirs != names:
            gaps = [f"{name} has a position on {one.issue} but not on {other.issue}"
                    for one, other, had, lacking in ((inputs[0], issue, names, theirs),
                                                     (issue, inputs[0], theirs, names))
                    for name in had if name not in lacking]
            raise UsageError(f"{'; '.join(gaps)}: KTAB needs every actor's position on "
                             "every issue, and posdiff never imputes one",
                             hint="Export one issue per file (--issue ID), or name only the "
                                  "parties that have a position on every issue chosen.")
    return first


def _scaled(salience: float, issues: int) -> float:
    """A 0..100 salience divided by the number of issues; several are rounded down at the
    fourth decimal, so that KTAB's running sum of doubles never passes 100."""
    if issues == 1:
        return salience
    return math.floor(salience / issues * 10_000) / 10_000


def _figure(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)


def _text(value: str, limit: int) -> str:
    """A text cell both of KTAB's readers take: no comma, no quote, not empty, short."""
    cleaned = value.replace(",", ";").replace('"', "'").replace("\r", " ").replace("\n", " ")
    return (cleaned.strip() or "-")[:limit]
