"""The record as plain typed objects: everything downstream of the loader uses these."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable
from enum import StrEnum
from operator import attrgetter
from pathlib import Path

from posdiff.diagnostics import Diagnostic
from posdiff.errors import UnknownName
from posdiff.plain import Frozen, Plain
from posdiff.words import (
    closest,
    printable,  # a name typed: bounded, valid UTF-8
)


class Location(Frozen):
    """Where something is written: a file, and a 1-based line and column."""

    __slots__ = ("file", "line", "column")

    def __init__(self, file: str, line: int, column: int) -> None:
        self.file = file
        self.line = line
        self.column = column

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


# Each claim an entry makes, as the record names it and as people read it.
CLAIM_NAMES = {"position": "position", "acceptable": "acceptable range", "red_line": "red line"}


class Basis(StrEnum):
    """Whether a claim (a position, an acceptable range, a red line) rests on the party's
    words (a quote in its own voice or reported) or on the curator's inference."""

    STATED = "stated"
    INFERRED = "inferred"


class Voice(StrEnum):
    """Whose words a quote is, said of the party whose entry cites it."""

    PARTY = "party"  # its own words: a quotation of it, its officials, its official texts
    REPORTED = "reported"  # the source tells, in its own words, what the party said
    AUTHOR = "author"  # the source's own reading of the party's aims
    CONDUCT = "conduct"  # what the party did, not what it said

    @property
    def states(self) -> bool:
        """Whether a quote in this voice can state a claim of the party's."""
        return self in (Voice.PARTY, Voice.REPORTED)


class Role(StrEnum):
    PARTY = "party"
    MEDIATOR = "mediator"  # takes no side: no weight in compromise points
    OBSERVER = "observer"


class MatchKind(StrEnum):
    EXACT = "exact"  # the quote's characters as they stand in the seed
    NORMALISED = "normalised"  # after folding white space and typography, or elided


class QuoteMatch(Frozen):
    """Where a quote sits in its seed: character offsets [start, end) and 1-based line,
    with the passage (from the first to the last word quoted) and a little text on either
    side."""

    __slots__ = ("start", "end", "line", "column", "kind", "passage", "before", "after",
                 "fragments")

    def __init__(self, start: int, end: int, line: int, column: int, kind: MatchKind,
                 passage: str = "", before: str = "", after: str = "",
                 fragments: tuple[tuple[int, int], ...] = ()) -> None:
        self.start = start
        self.end = end
        self.line = line
        self.column = column
        self.kind = kind
        self.passage = passage
        self.before = before
        self.after = after
        self.fragments = fragments  # [start, end) of each part of an elision

    @property
    def elided(self) -> bool:
        return len(self.fragments) > 1


class Seed(Frozen):
    """A source text of the index: its file, and what the index says of it."""

    __slots__ = ("id", "file", "path", "location", "outlet", "author", "title", "date", "url",
                 "sha256", "note")

    def __init__(self, id: str, file: str, path: Path, location: Location,
                 outlet: str | None = None, author: str | None = None,
                 title: str | None = None, date: dt.date | None = None,
                 url: str | None = None, sha256: str | None = None,
                 note: str | None = None) -> None:
        self.id = id
        self.file = file
        self.path = path
        self.location = location
        self.outlet = outlet
        self.author = author
        self.title = title
        self.date = date
        self.url = url
        self.sha256 = sha256
        self.note = note


class ScalePoint(Frozen):
    """A labelled point of an issue's 0..100 scale."""

    __slots__ = ("at", "label", "description")

    def __init__(self, at: float, label: str, description: str | None = None) -> None:
        self.at = at
        self.label = label
        self.description = description


class Issue(Frozen):
    """An issue of the catalogue, with its labelled scale."""

    __slots__ = ("id", "title", "question", "scale", "location")

    def __init__(self, id: str, title: str, question: str, scale: tuple[ScalePoint, ...],
                 location: Location) -> None:
        self.id = id
        self.title = title
        self.question = question
        self.scale = scale
        self.location = location

    def point_named(self, label: str) -> ScalePoint | None:
        wanted = label.strip().casefold()
        return next((a for a in self.scale if a.label.casefold() == wanted), None)

    def point_at(self, value: float) -> ScalePoint | None:
        return next((a for a in self.scale if a.at == value), None)

    def nearest_points(self, value: float) -> list[ScalePoint]:
        """The labelled point nearest ``value``, or the two it lies midway between."""
        gap = min(abs(point.at - value) for point in self.scale)
        return sorted((p for p in self.scale if abs(p.at - value) == gap), key=lambda p: p.at)


class Evidence(Plain):
    """One quote of an entry, and (once located) where it is in its seed."""

    __slots__ = ("seed", "quote", "location", "prefix", "suffix", "supports", "voice", "match")

    def __init__(self, seed: str, quote: str, location: Location, prefix: str | None = None,
                 suffix: str | None = None,
                 supports: frozenset[str] = frozenset({"position"}),  # what the quote states
                 voice: Voice | None = None, match: QuoteMatch | None = None) -> None:
        self.seed = seed
        self.quote = quote
        self.location = location
        self.prefix = prefix
        self.suffix = suffix
        self.supports = supports
        # None in a record written before voices: read as the party's words (check warns).
        self.voice = voice
        self.match = match  # set by locating

    @property
    def states(self) -> bool:
        """Whether this quote states the claims it supports, in the party's words."""
        return self.voice is None or self.voice.states


class Position(Plain):
    """One dated entry of a party on an issue. Not changed once made: copy it with
    ``replace``."""

    __slots__ = ("party", "issue", "value", "salience", "stance", "as_of", "evidence",
                 "location", "label", "acceptable", "red_line", "acceptable_basis",
                 "red_line_basis", "reason", "note", "position_basis")

    def __init__(self, party: str, issue: str, value: float, salience: float, stance: str,
                 as_of: dt.date, evidence: tuple[Evidence, ...], location: Location,
                 label: str | None = None, acceptable: tuple[float, float] | None = None,
                 red_line: bool = False, acceptable_basis: Basis | None = None,
                 red_line_basis: Basis | None = None, reason: str | None = None,
                 note: str | None = None, position_basis: Basis = Basis.STATED) -> None:
        self.party = party
        self.issue = issue
        self.value = value
        self.salience = salience
        self.stance = stance
        self.as_of = as_of
        self.evidence = evidence
        self.location = location
        self.label = label  # the labelled point's label, when the curator wrote one
        self.acceptable = acceptable
        self.red_line = red_line
        self.acceptable_basis = acceptable_basis  # None when there is no range
        self.red_line_basis = red_line_basis  # None when there is no red line
        self.reason = reason  # why the inferred claims are read as they are
        self.note = note  # why a number between labelled points sits there
        self.position_basis = position_basis

    @property
    def inferred(self) -> bool:
        """Whether the position itself rests on no words of the party's."""
        return self.position_basis is Basis.INFERRED

    def stated_limits_only(self) -> Position:
        """This entry with its inferred limits dropped: an inferred range counts as the
        position alone, an inferred red line as none, and so does a stated red line around
        an inferred range: the words say there is a line, not where it runs."""
        if not self.inferred_limits:
            return self
        keep_range = self.acceptable_basis is Basis.STATED
        keep_red_line = self.red_line_basis is Basis.STATED and keep_range
        return self.replace(acceptable=self.acceptable if keep_range else None,
                            acceptable_basis=self.acceptable_basis if keep_range else None,
                            red_line=keep_red_line,
                            red_line_basis=self.red_line_basis if keep_red_line else None)

    @property
    def inferred_limits(self) -> tuple[str, ...]:
        """The names of the limits the curator inferred rather than quoted."""
        return tuple(name for name, basis in (("acceptable", self.acceptable_basis),
                                              ("red_line", self.red_line_basis))
                     if basis is Basis.INFERRED)

    @property
    def inferred_claims(self) -> tuple[str, ...]:
        """The names of every claim of this entry that no words of the party's state."""
        return ("position",) * self.inferred + self.inferred_limits


_ISSUE_DATE = attrgetter("issue", "as_of")


class Party(Plain):
    """A party and its entries. Not changed once made: copy it with ``replace``."""

    __slots__ = ("id", "name", "aliases", "clout", "positions", "location", "role")

    def __init__(self, id: str, name: str, aliases: tuple[str, ...], clout: float,
                 positions: Iterable[Position], location: Location,
                 role: Role = Role.PARTY) -> None:
        self.id = id
        self.name = name
        self.aliases = aliases
        self.clout = clout
        # `position_on` bisects: the order is kept here, not trusted to every builder.
        self.positions = tuple(sorted(positions, key=_ISSUE_DATE))  # by (issue, as_of)
        self.location = location
        self.role = role

    @property
    def takes_sides(self) -> bool:
        """Mediators and observers carry no weight in compromise points."""
        return self.role is Role.PARTY

    def stated_only(self) -> Party:
        """The party as its own words give it: an entry whose position is inferred is
        left out (the party is silent there, or its earlier stated entry stands), and the
        inferred limits of the others are dropped."""
        return self.replace(positions=tuple(p.stated_limits_only() for p in self.positions
                                            if not p.inferred))

    @property
    def inferred_entries(self) -> int:
        """How many of its entries have an inferred position."""
        return sum(p.inferred for p in self.positions)

    def position_on(self, issue: str, as_of: dt.date | None = None) -> Position | None:
        """The latest entry on ``issue`` dated on or before ``as_of`` (or the latest of all).
        A search, not a scan: a brief asks this of every party on every issue."""
        end = bisect_right(self.positions, (issue, as_of or dt.date.max), key=_ISSUE_DATE)
        if end and self.positions[end - 1].issue == issue:
            return self.positions[end - 1]
        return None

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


class Record(Plain):
    """The record as read: filled in by the loader, then read by everything else."""

    __slots__ = ("positions_dir", "seeds_dir", "issues", "parties", "seeds", "set_aside",
                 "title", "files_read", "entries_read", "quotes_read", "seeds_indexed",
                 "cited", "not_read", "issues_listed")

    def __init__(self, positions_dir: Path, seeds_dir: Path,
                 issues: dict[str, Issue] | None = None,
                 parties: dict[str, Party] | None = None, seeds: dict[str, Seed] | None = None,
                 set_aside: list[Evidence] | None = None, title: str | None = None,
                 files_read: int = 0, entries_read: int = 0, quotes_read: int = 0,
                 seeds_indexed: int = 0, cited: dict[str, None] | None = None) -> None:
        self.positions_dir = positions_dir
        self.seeds_dir = seeds_dir
        self.issues: dict[str, Issue] = issues or {}  # in catalogue order
        self.parties: dict[str, Party] = parties or {}  # in file-name order
        self.seeds: dict[str, Seed] = seeds or {}
        # Quotes of entries left out for a problem of their own or of what they cite (the
        # problem is reported once), still located so that none of theirs goes unseen.
        self.set_aside: list[Evidence] = set_aside or []
        self.title = title  # the negotiation's name, from the catalogue
        # The record as read, whatever failed: what `check` counts, and the seeds cited.
        self.files_read = files_read  # party files
        self.entries_read = entries_read
        self.quotes_read = quotes_read
        self.seeds_indexed = seeds_indexed
        # Seed ids cited by any quote, in the order of the files read: the same order
        # whether the files were read in one process or shared out. None when a party
        # file could not be read: what it cites is not known.
        self.cited: dict[str, None] | None = {} if cited is None else cited
        # Names in positions/ that read as party files and are not read (`ignored-file`).
        self.not_read: list[str] = []
        self.issues_listed = 0  # entries of the catalogue, whatever failed

    def evidence(self) -> list[Evidence]:
        """Every quote of every party, those set aside included."""
        return [item for party in self.parties.values() for item in party.evidence()] + \
            self.set_aside

    def party(self, name: str) -> Party:
        """Look a party up by id, alias or name, case-insensitively."""
        wanted = name.strip().casefold()
        for party in self.parties.values():
            if wanted in party_names(party):
                return party
        known = {n: p.id for p in self.parties.values() for n in party_names(p)}
        unread = f"; not read: {', '.join(self.not_read)} (`posdiff check` says why)" \
            if self.not_read else ""
        raise UnknownName("party", f"unknown party '{printable(name)}'"
                          f"{_did_you_mean(wanted, known)}"
                          f" (known: {', '.join(self.parties) or 'none'}{unread})")

    def issue(self, name: str) -> Issue:
        wanted = name.strip().casefold()
        if wanted in self.issues:
            return self.issues[wanted]
        known = {i: i for i in self.issues}
        raise UnknownName("issue", f"unknown issue '{printable(name)}'"
                          f"{_did_you_mean(wanted, known)}")


class Loaded(Plain):
    """A record with the problems found while loading it."""

    __slots__ = ("record", "diagnostics")

    def __init__(self, record: Record, diagnostics: list[Diagnostic] | None = None) -> None:
        self.record = record
        self.diagnostics: list[Diagnostic] = diagnostics or []

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]


def party_names(party: Party) -> set[str]:
    """Every name a user may type for the party, case-folded."""
    return {party.id.casefold(), party.name.casefold(), *(a.casefold() for a in party.aliases)}


def _did_you_mean(wanted: str, known: dict[str, str]) -> str:
    """Suggest the canonical ids behind the closest known names."""
    ids = list(dict.fromkeys(known[name] for name in closest(wanted, known)))
    named = " or ".join(f"'{party_or_issue}'" for party_or_issue in ids)
    return f"; did you mean {named}?" if ids else ""
