"""One party file on its own: its party and positions, checked against the issue
catalogue and the seed index, with what is wrong in it.

What a file means next to the other party files (a party id or a name given twice) is
decided afterwards, in file order, by `validate`; so party files can be read in any
order, in other processes too (`workers`), and give the same record.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from posdiff.diagnostics import Diagnostic, Severity
from posdiff.model import (
    CLAIM_NAMES,
    Basis,
    Evidence,
    Issue,
    Location,
    Party,
    Position,
    Role,
    Seed,
    Voice,
)
from posdiff.plain import Plain
from posdiff.record import schema
from posdiff.record.document import Reader, items, values
from posdiff.record.files import Problem, read_bytes, shown, too_large
from posdiff.record.spec import KEBAB, as_date, join_path, number_hint
from posdiff.record.workers import in_shares
from posdiff.record.yaml import Node
from posdiff.words import did_you_mean, figure

if TYPE_CHECKING:
    from posdiff.record.cache import PartyKey, ReadCache

# A process reads at least this much YAML: below it, forking one and reading its answer
# back cost more than they save (reading takes about 0.3 s a megabyte, forking and
# sending back about 0.04 s).
SHARE_BYTES = 1_500_000


class PartyContext(Plain):
    """What a party file is checked against, read before any party file."""

    __slots__ = ("positions_dir", "issues", "seeds", "broken_issues", "broken_seeds",
                 "issue_ids_known", "seed_ids_known")

    def __init__(self, positions_dir: Path, issues: dict[str, Issue], seeds: dict[str, Seed],
                 broken_issues: frozenset[str], broken_seeds: frozenset[str],
                 issue_ids_known: bool, seed_ids_known: bool) -> None:
        self.positions_dir = positions_dir
        self.issues = issues
        self.seeds = seeds
        # Issues and seeds reported broken already: entries citing them are not reported
        # again (every issue is, when the catalogue could not be read; every seed, when
        # the seed index could not be).
        self.broken_issues = broken_issues
        self.broken_seeds = broken_seeds
        self.issue_ids_known = issue_ids_known
        self.seed_ids_known = seed_ids_known


class PartyFile(Plain):
    """What one party file gives. ``document`` holds the problems of the file as YAML
    and against its schema; ``entries`` those found in reading its positions, which
    count only if the party is admitted (its id is not taken by an earlier file)."""

    __slots__ = ("path", "document", "party", "entries", "names", "set_aside",
                 "entries_read", "quotes_read", "cited")

    def __init__(self, path: Path, document: list[Diagnostic], party: Party | None = None,
                 entries: list[Diagnostic] | None = None,
                 names: list[tuple[str, str, Location]] | None = None,
                 set_aside: list[Evidence] | None = None, entries_read: int = 0,
                 quotes_read: int = 0, cited: tuple[str, ...] | None = None) -> None:
        self.path = path
        self.document = document
        self.party = party
        self.entries: list[Diagnostic] = [] if entries is None else entries
        # Each name (case-folded), as written, and where: its id, its name, its aliases.
        self.names: list[tuple[str, str, Location]] = [] if names is None else names
        self.set_aside: list[Evidence] = [] if set_aside is None else set_aside
        # The file as read, whatever failed: its entries, its quotes, the seeds they cite.
        self.entries_read = entries_read
        self.quotes_read = quotes_read
        self.cited = cited  # sorted; None when the file could not be read as a mapping


def read_parties(files: Sequence[Path], context: PartyContext,
                 done: Callable[[int], None] | None = None,
                 cache: ReadCache | None = None) -> list[PartyFile]:
    """Each party file as read on its own, in the order given; a large record's files
    are read in as many processes as pay for themselves, and those ``cache`` holds are
    not read again. ``done(n)`` is told of each ``n`` files read."""
    if cache is None:
        return in_shares(partial(read_party, context=context), files,
                         [_size(path) for path in files], SHARE_BYTES, done)
    against = _context_key(context)
    keys = [_file_key(path, context.positions_dir, against) for path in files]
    found = {index: _relocated(cache.parties[key], files[index])
             for index, key in enumerate(keys) if key in cache.parties}
    if found and done:
        done(len(found))
    unread = [index for index in range(len(files)) if index not in found]
    for index, read in zip(unread, read_parties([files[i] for i in unread], context, done),
                           strict=True):
        found[index] = read
        if (key := keys[index]) is not None:
            cache.parties[key] = read
    return [found[index] for index in range(len(files))]


def read_party(path: Path, context: PartyContext) -> PartyFile:
    return _PartyReader(context).read(path)


def _context_key(context: PartyContext) -> Hashable:
    """All of the context that reading a party file depends on, wherever the record is."""
    return (tuple((issue.id, issue.scale) for issue in context.issues.values()),
            tuple(context.seeds), context.broken_issues, context.broken_seeds,
            context.issue_ids_known, context.seed_ids_known)


def _file_key(path: Path, root: Path, against: Hashable) -> PartyKey | None:
    """What a party file's reading depends on, or None when it cannot be read (said
    when it is)."""
    data = read_bytes(path, root)
    if isinstance(data, Problem):
        return None
    return path.name, hashlib.sha256(data).hexdigest(), against


def _relocated(read: PartyFile, path: Path) -> PartyFile:
    """A party file read from another version of the record, as if read at ``path``:
    the same content in new objects (quotes are located anew), shown at ``path``."""
    was, now = shown(read.path), shown(path)

    def at(where: Location) -> Location:
        return Location(now, where.line, where.column) if where.file == was else where

    def said(problems: list[Diagnostic]) -> list[Diagnostic]:
        return [d.replace(file=now) if d.file == was else d for d in problems]

    def quotes(evidence: Iterable[Evidence]) -> list[Evidence]:
        return [Evidence(e.seed, e.quote, at(e.location), e.prefix, e.suffix, e.supports,
                         e.voice) for e in evidence]

    party = read.party
    if party is not None:
        party = party.replace(location=at(party.location), positions=tuple(
            p.replace(location=at(p.location), evidence=tuple(quotes(p.evidence)))
            for p in party.positions))
    return PartyFile(path, said(read.document), party, said(read.entries),
                     [(name, text, at(where)) for name, text, where in read.names],
                     quotes(read.set_aside), read.entries_read, read.quotes_read, read.cited)


def _size(path: Path) -> int:
    """The bytes there are to read: a file over the limit is refused unread."""
    try:
        size = path.lstat().st_size
    except OSError:
        return 0  # reported when the file is read
    return 0 if too_large(size) else size


class _PartyReader(Reader):
    def __init__(self, context: PartyContext) -> None:
        super().__init__()
        self.context = context
        self.set_aside: list[Evidence] = []

    def read(self, path: Path) -> PartyFile:
        root, file, tainted = self.document(path, self.context.positions_dir, schema.PARTY)
        read = PartyFile(path, self.report)
        if root is None or not isinstance(root.value, dict):
            return read
        read.entries_read, read.quotes_read, read.cited = _as_read(root)
        header = {k: n.value for k, n in root.value.items()
                  if k != "positions" and k not in tainted}
        self.report = read.entries  # from here on, problems of the entries
        read.set_aside = self.set_aside
        if "party" not in header or "name" not in header:
            # No party to score, but its entries are checked, quotes and all, as any other.
            self.set_aside.extend(quote for position in self._positions(file, "", root, tainted)
                                  for quote in position.evidence)
            return read
        party_id = header["party"]
        if path.stem != party_id:
            self.problem(file, root.value["party"], "file-name-mismatch",
                         f"party '{party_id}' lives in {path.name}; name the file "
                         f"{party_id}{path.suffix} so it is easy to find", "party",
                         severity=Severity.WARNING)
        aliases = tuple(n.value for n in header.get("aliases", []))
        self._repeated_names(file, root)
        read.party = Party(
            id=party_id, name=header["name"], aliases=aliases,
            clout=float(header.get("clout", 1.0)),
            positions=self._positions(file, party_id, root, tainted),
            location=Location(file, root.value["party"].line, root.value["party"].column),
            role=Role(header.get("role", Role.PARTY)))
        read.names = [(node.value.casefold(), node.value, Location(file, node.line, node.column))
                      for node in _name_nodes(root)]
        return read

    def _repeated_names(self, file: str, root: Node) -> None:
        """Warn of an alias that repeats a name given before it (`[ep, EP]`, or the id):
        names are matched regardless of case, so it says nothing. The name is free to
        spell the id ('Europe' for europe)."""
        fields = root.value
        first: dict[str, Node] = {
            node.value.casefold(): node for node in (fields["party"], fields["name"])
            if isinstance(node.value, str)}
        aliases = fields.get("aliases", Node([], 0, 0)).value
        for node in aliases if isinstance(aliases, list) else []:
            if not isinstance(node.value, str):
                continue
            earlier = first.setdefault(node.value.casefold(), node)
            if earlier is not node:
                self.problem(file, node, "repeated-name",
                             f"alias '{node.value}' repeats '{earlier.value}' (line "
                             f"{earlier.line}), and names are matched regardless of case; "
                             "drop it", "aliases", severity=Severity.WARNING)

    def _positions(self, file: str, party_id: str, root: Node,
                   tainted: set[str]) -> tuple[Position, ...]:
        positions: list[Position] = []
        seen: dict[tuple[str, dt.date], int] = {}
        self._set_aside_sound_quotes(file, root, tainted)
        for path, node in items(root, "positions", tainted):
            evidence, quotes_ok = self._evidence(file, path, node)
            position = self._position(file, party_id, path, node,
                                      evidence if quotes_ok else None)
            if position is None:
                # Left out for another problem: its quotes are still worth checking.
                self.set_aside.extend(evidence)
                continue
            key = (position.issue, position.as_of)
            if key in seen:
                self.problem(file, node.value["as_of"], "duplicate-position",
                             f"{path}: '{position.issue}' already has an entry dated "
                             f"{position.as_of.isoformat()} (line {seen[key]}); "
                             "merge them or give each its own as_of", join_path(path, "as_of"))
                self.set_aside.extend(evidence)
                continue
            seen[key] = node.line
            positions.append(position)
        return tuple(positions)  # `Party` sorts them

    def _set_aside_sound_quotes(self, file: str, root: Node, tainted: set[str]) -> None:
        """The quotes of the entries the schema left out (a missing stance, a salience of
        120, a voice misspelt) whose seed, quote and context are sound: each is located as
        any other, so that a problem in a quote is not hidden behind one elsewhere in its
        entry or evidence item."""
        entries = root.value.get("positions")
        if entries is None or not isinstance(entries.value, list):
            return
        for index, entry in enumerate(entries.value):
            path = join_path("positions", index)
            if path not in tainted or not isinstance(entry.value, dict):
                continue
            quotes = entry.value.get("evidence")
            if quotes is None or not isinstance(quotes.value, list):
                continue
            for item_index, item in enumerate(quotes.value):
                where = join_path(join_path(path, "evidence"), item_index)
                if _locatable(item, where, tainted) and \
                        item.value["seed"].value in self.context.seeds:
                    self.set_aside.append(_quote(file, item, sound=where not in tainted))

    def _position(self, file: str, party_id: str, path: str, node: Node,
                  evidence: tuple[Evidence, ...] | None) -> Position | None:
        fields = values(node)
        known = self.context
        issue = known.issues.get(fields["issue"])
        if issue is None and (not known.issue_ids_known or fields["issue"] in known.broken_issues):
            return None  # reported at the catalogue already
        if issue is None:
            self.problem(file, node.value["issue"], "unknown-issue",
                         f"{path}.issue: no issue '{fields['issue']}' in the catalogue"
                         f"{did_you_mean(fields['issue'], [*known.issues, *known.broken_issues])}",
                         join_path(path, "issue"))
            return None
        value = self._point(file, join_path(path, "position"), node.value["position"], issue)
        if value is None:
            return None
        named = issue.point_named(fields["position"]) \
            if isinstance(fields["position"], str) else None
        label = named.label if named else None
        ok, acceptable = self._acceptable(file, path, node, issue, value)
        if not ok:
            return None
        red_line = bool(fields.get("red_line", False))
        if red_line and acceptable is None:
            self.problem(file, node.value["red_line"], "red-line-without-range",
                         f"{path}: a red line needs an `acceptable: [lo, hi]` range "
                         "saying what the party could live with", join_path(path, "red_line"))
            return None
        if evidence is None:
            return None
        bases = self._bases(file, path, node, evidence, acceptable, red_line)
        if bases is None:
            return None
        if label is None and issue.point_at(float(value)) is None and "note" not in fields:
            self.problem(file, node.value["position"], "position-without-note",
                         f"{path}.position: {figure(float(value))} is between the labelled points "
                         f"of '{issue.id}'; add a one-line `note` saying why it sits there",
                         join_path(path, "position"), Severity.WARNING)
        return Position(
            party=party_id, issue=issue.id, value=float(value),
            salience=float(fields["salience"]), stance=fields["stance"],
            as_of=_date(fields["as_of"]), evidence=evidence,
            location=Location(file, node.line, node.column), label=label,
            acceptable=acceptable, red_line=red_line, position_basis=bases[0],
            acceptable_basis=bases[1], red_line_basis=bases[2], reason=fields.get("reason"),
            note=fields.get("note"))

    def _bases(self, file: str, path: str, node: Node, evidence: tuple[Evidence, ...],
               acceptable: tuple[float, float] | None,
               red_line: bool) -> tuple[Basis, Basis | None, Basis | None] | None:
        """Whether the position, the range and the red line are each stated (a quote in
        the party's voice supports it) or inferred (`basis: inferred` with a `reason`);
        None after an error. One rule for every claim."""
        fields = values(node)
        inferred_ok = fields.get("basis") == Basis.INFERRED
        if inferred_ok and "reason" not in fields:
            self.problem(file, node.value["basis"], "missing-field",
                         f"{path}: `basis: inferred` needs a one-line `reason` saying why "
                         "the inferred claims are read as they are", join_path(path, "reason"))
            return None
        present = {"position": True, "acceptable": acceptable is not None,
                   "red_line": red_line}
        ok = True
        for claim, needed in present.items():
            if not needed and any(claim in item.supports for item in evidence):
                self.problem(file, node, "supports-nothing",
                             f"{path}: a quote says it supports `{claim}`, but the entry has "
                             f"no {CLAIM_NAMES[claim]}; drop it from `supports`",
                             join_path(path, "evidence"))
                ok = False
        bases: dict[str, Basis | None] = {}
        for claim, needed in present.items():
            supporting = [item for item in evidence if claim in item.supports]
            if not needed:
                bases[claim] = None
            elif any(item.states for item in supporting):
                bases[claim] = Basis.STATED
            elif claim == "position" and not supporting:
                self.problem(file, node.value["evidence"], "position-without-quote",
                             f"{path}: no quote supports the position itself; add one, or add "
                             "`position` to a quote's `supports`", join_path(path, "evidence"))
                ok = False
            elif inferred_ok:
                bases[claim] = Basis.INFERRED
            elif not supporting:
                self.problem(file, node.value[claim], "limit-without-quote",
                             f"{path}.{claim}: no quote states this {CLAIM_NAMES[claim]}; "
                             f"add `supports: [{claim}]` to the quote that states it, or mark "
                             "the entry `basis: inferred` with a `reason`",
                             join_path(path, claim))
                ok = False
            else:
                voices = sorted({str(item.voice) for item in supporting})
                self.problem(file, node.value[claim], "claim-not-stated",
                             f"{path}.{claim}: only {' and '.join(voices)} quotes support "
                             f"the {CLAIM_NAMES[claim]}, and those are not the party's words; "
                             "cite a quote in voice party or reported that states it, or mark "
                             "the entry `basis: inferred` with a `reason`",
                             join_path(path, claim))
                ok = False
        if ok and ("basis" in fields or "reason" in fields) \
                and Basis.INFERRED not in bases.values():
            at = node.value.get("basis") or node.value["reason"]
            self.problem(file, at, "basis-unused",
                         f"{path}: `basis`/`reason` are given but no claim of this entry is "
                         "inferred (a quote in the party's voice states each); remove them",
                         join_path(path, "basis"), Severity.WARNING)
        if not ok:
            return None
        assert bases["position"] is not None
        return bases["position"], bases["acceptable"], bases["red_line"]

    def _point(self, file: str, where: str, node: Node, issue: Issue) -> float | None:
        """A value of the issue's scale: a number, or the label of one of its points; an
        unknown label is reported (None)."""
        if not isinstance(node.value, str):
            return float(node.value)
        point = issue.point_named(node.value)
        if point is None:
            at = {a.label: figure(a.at) for a in issue.scale}
            self.problem(file, node, "unknown-point",
                         f"{where}: '{node.value}' is not a labelled point of "
                         f"'{issue.id}'{did_you_mean(node.value, at, at.__getitem__)} (labelled "
                         f"points: {', '.join(f'{label} ({v})' for label, v in at.items())}; "
                         "or give a number from 0 to 100)"
                         f"{number_hint(node.value, schema.SCORE, scale=True)}", where)
            return None
        return point.at

    def _acceptable(self, file: str, path: str, node: Node, issue: Issue,
                    value: float) -> tuple[bool, tuple[float, float] | None]:
        """(valid, the range or None when absent); a wrong range is reported. Either end
        may be a number or the label of a point of the issue's scale."""
        if "acceptable" not in node.value:
            return True, None
        range_node = node.value["acceptable"]
        where = join_path(path, "acceptable")
        low, high = (self._point(file, join_path(where, index), end, issue)
                     for index, end in enumerate(range_node.value))
        if low is None or high is None:
            return False, None
        if low > high:
            self.problem(file, range_node, "inverted-range",
                         f"{where}: [{figure(low)}, {figure(high)}] is inverted; write "
                         f"[{figure(high)}, {figure(low)}]",
                         where)
            return False, None
        if not low <= value <= high:
            self.problem(file, range_node, "position-outside-range",
                         f"{where}: [{figure(low)}, {figure(high)}] does not contain the position "
                         f"{figure(value)}; a party can live with its own position", where)
            return False, None
        return True, (low, high)

    def _evidence(self, file: str, path: str,
                  node: Node) -> tuple[tuple[Evidence, ...], bool]:
        """The entry's quotes that cite a seed of the index, and whether all do (a quote
        citing an unknown seed is reported; one citing a seed reported broken at the
        index, or most like a broken entry's id, is that entry's problem, not a new one)."""
        evidence: list[Evidence] = []
        ok = True
        known = self.context
        for index, item in enumerate(node.value["evidence"].value):
            fields = values(item)
            where = join_path(join_path(path, "evidence"), index)
            seed = fields["seed"]
            if seed not in known.seeds:
                ok = False
                suggested = did_you_mean(seed, [*known.seeds, *known.broken_seeds]) \
                    if known.seed_ids_known and seed not in known.broken_seeds else ""
                # An entry whose id breaks the pattern ('River Report') cannot be cited as
                # written: a citation most like it means it, and its problem is the entry's.
                if not known.seed_ids_known or seed in known.broken_seeds or any(
                        f"'{broken}'?" in suggested for broken in known.broken_seeds
                        if not re.fullmatch(KEBAB, broken)):
                    continue  # the index's problem, reported there once
                self.problem(file, item.value["seed"], "unknown-seed",
                             f"{where}.seed: no seed '{seed}' in the seed index{suggested}",
                             join_path(where, "seed"))
                continue
            if "voice" not in fields:
                self.problem(file, item.value["quote"], "missing-voice",
                             f"{where}: no `voice`; add `voice: party` (its own words), "
                             "`reported` (the source tells what it said), `author` (the "
                             "source's reading) or `conduct` (what it did); until then the "
                             "quote counts as the party's words", join_path(where, "voice"),
                             Severity.WARNING)
            evidence.append(_quote(file, item))
        return tuple(evidence), ok


_LOCATING = ("seed", "quote", "prefix", "suffix")  # the fields locating a quote reads


def _locatable(item: Node, where: str, tainted: set[str]) -> bool:
    """Can the quote of this evidence item be located, whatever else is wrong in it?"""
    fields = item.value
    return (isinstance(fields, dict)
            and all(key in fields and isinstance(fields[key].value, str)
                    for key in ("seed", "quote"))
            and not any(join_path(where, key) in tainted for key in _LOCATING))


def _quote(file: str, item: Node, sound: bool = True) -> Evidence:
    """A quote as the model holds it, from its validated node; of an item that is not
    ``sound`` (a voice or claim misspelt), only what locating it reads."""
    fields = values(item)
    quote_node = item.value["quote"]
    claims = fields.get("supports", []) if sound else []
    supports = frozenset(n.value for n in claims) or frozenset({"position"})
    return Evidence(
        seed=fields["seed"], quote=fields["quote"],
        location=Location(file, quote_node.line, quote_node.column),
        prefix=fields.get("prefix"), suffix=fields.get("suffix"), supports=supports,
        voice=Voice(fields["voice"]) if sound and "voice" in fields else None)


def _as_read(root: Node) -> tuple[int, int, tuple[str, ...]]:
    """(entries, quotes, seed ids cited) of a party file as written, whatever is wrong in
    it: what `check`'s summary counts, and what makes a seed cited."""
    entries = root.value.get("positions")
    listed = entries.value if entries is not None and isinstance(entries.value, list) else []
    quotes = 0
    cited: set[str] = set()
    for entry in listed:
        evidence = entry.value.get("evidence") if isinstance(entry.value, dict) else None
        if evidence is None or not isinstance(evidence.value, list):
            continue
        quotes += len(evidence.value)
        cited |= {item.value["seed"].value for item in evidence.value
                  if isinstance(item.value, dict) and "seed" in item.value
                  and isinstance(item.value["seed"].value, str)}
    return len(listed), quotes, tuple(sorted(cited))


def _name_nodes(root: Node) -> list[Node]:
    """Each name a party file gives its party: its id, its name, its aliases."""
    fields = root.value
    aliases = fields.get("aliases", Node([], 0, 0)).value
    named = [fields["party"], fields["name"], *(aliases if isinstance(aliases, list) else [])]
    return [node for node in named if isinstance(node.value, str)]


def _date(value: object) -> dt.date:
    parsed = as_date(value)
    assert parsed is not None  # guaranteed by validation
    return parsed
