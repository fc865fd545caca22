"""The record as plain typed objects: everything downstream of the loader uses these."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from posdiff.diagnostics import Diagnostic
from posdiff.errors import UsageError
from posdiff.suggest import closest


@dataclass(frozen=True)
class Location:
    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class MatchKind(StrEnum):
    EXACT = "exact"
    NORMALISED = "normalised"
    FUZZY = "fuzzy"


@dataclass(frozen=True)
class QuoteMatch:
    """Where a quote sits in its seed: character offsets [start, end) and 1-based line,
    with the matched passage and a little of the text on either side."""

    start: int
    end: int
    line: int
    column: int
    kind: MatchKind
    score: float
    passage: str = ""
    before: str = ""
    after: str = ""


@dataclass(frozen=True)
class Seed:
    id: str
    file: str
    path: Path
    location: Location
    outlet: str | None = None
    author: str | None = None
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None


@dataclass(frozen=True)
class Anchor:
    at: float
    label: str
    description: str | None = None


@dataclass(frozen=True)
class Issue:
    id: str
    title: str
    question: str
    scale: tuple[Anchor, ...]
    location: Location

    def anchor_named(self, label: str) -> Anchor | None:
        wanted = label.strip().casefold()
        return next((a for a in self.scale if a.label.casefold() == wanted), None)

    def nearest_anchor(self, value: float) -> Anchor:
        return min(self.scale, key=lambda anchor: (abs(anchor.at - value), anchor.at))


@dataclass
class Evidence:
    seed: str
    quote: str
    location: Location
    prefix: str | None = None
    suffix: str | None = None
    match: QuoteMatch | None = None  # set by anchoring


@dataclass(frozen=True)
class Position:
    party: str
    issue: str
    value: float
    salience: float
    stance: str
    as_of: dt.date
    evidence: tuple[Evidence, ...]
    location: Location
    label: str | None = None  # the anchor label, when the curator wrote one
    acceptable: tuple[float, float] | None = None
    red_line: bool = False


@dataclass(frozen=True)
class Party:
    id: str
    name: str
    aliases: tuple[str, ...]
    clout: float
    positions: tuple[Position, ...]  # sorted by (issue, as_of)
    location: Location

    def position_on(self, issue: str, as_of: dt.date | None = None) -> Position | None:
        """The latest entry on ``issue`` dated on or before ``as_of`` (or the latest of all)."""
        current: Position | None = None
        for position in self.positions:
            if position.issue == issue and (as_of is None or position.as_of <= as_of):
                current = position
        return current

    def evidence(self) -> list[Evidence]:
        """Every quote of every position, superseded entries included."""
        return [item for position in self.positions for item in position.evidence]

    def stated(self, as_of: dt.date | None = None) -> dict[str, Position]:
        """Issue id -> the position in force at ``as_of``."""
        current: dict[str, Position] = {}
        for position in self.positions:
            if as_of is None or position.as_of <= as_of:
                current[position.issue] = position
        return current


@dataclass
class Dataset:
    positions_dir: Path
    seeds_dir: Path
    issues: dict[str, Issue] = field(default_factory=dict)  # in catalogue order
    parties: dict[str, Party] = field(default_factory=dict)  # in file-name order
    seeds: dict[str, Seed] = field(default_factory=dict)

    def evidence(self) -> list[Evidence]:
        """Every quote of every party."""
        return [item for party in self.parties.values() for item in party.evidence()]

    def party(self, name: str) -> Party:
        """Look a party up by id, alias or name, case-insensitively."""
        wanted = name.strip().casefold()
        for party in self.parties.values():
            if wanted in party_names(party):
                return party
        known = {n: p.id for p in self.parties.values() for n in party_names(p)}
        raise UsageError(f"unknown party '{name}'{_did_you_mean(wanted, known)}"
                         f" (known: {', '.join(self.parties) or 'none'})")

    def issue(self, name: str) -> Issue:
        wanted = name.strip().casefold()
        if wanted in self.issues:
            return self.issues[wanted]
        known = {i: i for i in self.issues}
        raise UsageError(f"unknown issue '{name}'{_did_you_mean(wanted, known)}"
                         f" (see `posdiff issues`)")


@dataclass
class LoadResult:
    """A dataset with the problems found while loading it."""

    dataset: Dataset
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]


def party_names(party: Party) -> set[str]:
    """Every name a user may type for the party, case-folded."""
    return {party.id.casefold(), party.name.casefold(), *(a.casefold() for a in party.aliases)}


def _did_you_mean(wanted: str, known: dict[str, str]) -> str:
    """Suggest the canonical id behind the closest known name."""
    best = closest(wanted, known)
    return f"; did you mean '{known[best]}'?" if best else ""
