"""From the files on disk to a `Record`, with every problem as a diagnostic.

Invalid entries are left out of the record (and reported), so that one bad position
does not hide the problems of the others.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from posdiff.diagnostics import Diagnostic, Severity, error, warning
from posdiff.model import (
    Basis,
    Evidence,
    Issue,
    Loaded,
    Location,
    Party,
    Position,
    Record,
    Role,
    ScalePoint,
    Seed,
    party_names,
)
from posdiff.record import schema
from posdiff.record.files import Problem, list_folder, locate, printable, shown
from posdiff.record.spec import Spec, as_date, join_path, validate
from posdiff.record.yaml import Node, load_file
from posdiff.suggest import did_you_mean

ISSUES_FILE = "issues.yaml"
CLAIM_NAMES = {"position": "position", "acceptable": "acceptable range", "red_line": "red line"}
SEEDS_INDEX = "index.yaml"


def party_files(positions_dir: Path) -> list[Path] | Problem:
    """Every *.yaml and *.yml but the catalogue, folders aside: a link or a pipe among
    them is reported when it is read, not skipped in silence."""
    entries = list_folder(positions_dir)
    if isinstance(entries, Problem):
        return entries
    return [p for p in entries
            if p.suffix in (".yaml", ".yml") and p.stem != "issues" and not p.is_dir()]


def build_record(positions_dir: Path, seeds_dir: Path) -> Loaded:
    result = Loaded(Record(positions_dir, seeds_dir))
    with without_cycle_collection():
        _Builder(result).build()
    return result


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Python's cycle collector off while a record is built: building allocates millions
    of objects, each allocation counts towards a collection, and each collection walks
    everything built so far (a third of the time on a large record). What is built here
    is trees, freed by reference counting. Afterwards the collector runs again, but no
    longer over what exists by then (`gc.freeze`): the record lives as long as the
    command, and rendering a large table would otherwise walk it again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # what was built lives as long as the command: never walked again
        if enabled:
            gc.enable()


class _Builder:
    def __init__(self, result: Loaded) -> None:
        self.record = result.record
        self.report = result.diagnostics
        # Indexed seeds left out for a reported reason: citing them is not a new problem.
        self.broken_seeds: set[str] = set()
        # Issues whose catalogue entry is reported broken (all of them when the catalogue
        # cannot be read): entries citing them are not reported again.
        self.broken_issues: set[str] = set()
        self.catalogue_read = True

    def build(self) -> None:
        self._load_seeds()
        self._load_issues()
        names: dict[str, tuple[str, Location]] = {}  # lookup name -> (party id, where)
        files = party_files(self.record.positions_dir)
        if isinstance(files, Problem):
            self.report.append(error(shown(self.record.positions_dir), 1, 1, files.code,
                                     files.message))
            files = []
        elif not files:
            self.report.append(error(shown(self.record.positions_dir), 1, 1, "no-parties",
                                     "no party files (*.yaml besides issues.yaml) in this folder"))
        for path in files:
            self._load_party(path, names)

    # -- helpers -------------------------------------------------------------

    def _document(self, path: Path, root: Path,
                  spec: Spec) -> tuple[Node | None, str, set[str]]:
        """Load and validate a file: its root, its display name, and the document paths
        with a problem at or inside them (entries there are left out of the record)."""
        file = shown(path)
        if not os.path.lexists(path):
            self.report.append(error(file, 1, 1, "missing-file",
                                     f"{path.name} not found; see `posdiff docs data-format`"))
            return None, file, set()
        loaded = load_file(path, root, file)
        self.report.extend(loaded.diagnostics)
        if loaded.root is None:
            return None, file, set()
        problems = validate(loaded.root, spec, file)
        self.report.extend(problems)
        return loaded.root, file, _with_ancestors(p.path for p in problems)

    def _items(self, root: Node, key: str, tainted: set[str]) -> Iterable[tuple[str, Node]]:
        """The valid items of the list under ``key``, with their document paths."""
        if not isinstance(root.value, dict) or key not in root.value:
            return
        items = root.value[key].value
        if not isinstance(items, list):
            return
        for index, item in enumerate(items):
            path = join_path(key, index)
            if path not in tainted:
                yield path, item

    def _problem(self, file: str, node: Node, code: str, message: str, path: str,
                 severity: Severity = Severity.ERROR) -> None:
        self.report.append(Diagnostic(file, node.line, node.column, severity, code, message,
                                      path))

    def _taken(self, file: str, path: str, node: Node, kind: str,
               known: dict[str, Seed] | dict[str, Issue]) -> bool:
        """Report an entry whose id is already used by an earlier one."""
        wanted = node.value["id"].value
        if wanted not in known:
            return False
        self._problem(file, node.value["id"], "duplicate-id",
                      f"{kind} id '{wanted}' is already used at line "
                      f"{known[wanted].location.line}; ids must be unique",
                      join_path(path, "id"))
        return True

    # -- seeds ---------------------------------------------------------------

    def _load_seeds(self) -> None:
        seeds_dir = self.record.seeds_dir
        root, file, tainted = self._document(seeds_dir / SEEDS_INDEX, seeds_dir,
                                             schema.SEEDS_INDEX)
        if root is None:
            return
        indexed: set[Path] = set()
        for path, node in self._items(root, "seeds", tainted):
            fields = _values(node)
            seed_id, name = fields["id"], fields["file"]
            if self._taken(file, path, node, "seed", self.record.seeds):
                continue
            self.broken_seeds.add(seed_id)  # until it proves sound below
            target = locate(seeds_dir / name, seeds_dir)
            if isinstance(target, Problem):
                self._problem(file, node.value["file"], *_seed_file_problem(
                    target, name, seeds_dir), join_path(path, "file"))
                continue
            indexed.add(target)
            self.broken_seeds.discard(seed_id)
            self.record.seeds[seed_id] = Seed(
                id=seed_id, file=name, path=target,
                location=Location(file, node.line, node.column),
                outlet=fields.get("outlet"), author=fields.get("author"),
                title=fields.get("title"), date=as_date(fields.get("date")),
                url=fields.get("url"), sha256=fields.get("sha256"), note=fields.get("note"))
        if "seeds" not in tainted:
            self._unindexed_seeds(indexed, file)

    def _unindexed_seeds(self, indexed: set[Path], index_file: str) -> None:
        """Warn about the files in seeds/ that no entry of the index names."""
        seeds_dir = self.record.seeds_dir
        entries = list_folder(seeds_dir)
        if isinstance(entries, Problem):
            self.report.append(error(shown(seeds_dir), 1, 1, entries.code, entries.message))
            return
        for entry in entries:
            if entry.name == SEEDS_INDEX or entry.name.startswith(".") or entry.is_dir():
                continue
            found = locate(entry, seeds_dir)
            if isinstance(found, Problem):  # never read, but a broken link deserves a word
                self.report.append(warning(shown(entry), 1, 1, found.code,
                                           f"{found.message} (the file is not used)"))
            elif found not in indexed:
                self.report.append(warning(shown(entry), 1, 1, "unindexed-seed",
                                           f"{printable(entry.name)} is not listed in "
                                           f"{index_file}; add an entry for it"))

    # -- issues --------------------------------------------------------------

    def _load_issues(self) -> None:
        catalogue = self.record.positions_dir / ISSUES_FILE
        root, file, tainted = self._document(catalogue, self.record.positions_dir,
                                             schema.ISSUES)
        if root is None or "issues" in tainted:
            self.catalogue_read = False
        if root is None:
            return
        self.broken_issues = _ids_under(root, "issues", tainted)
        for path, node in self._items(root, "issues", tainted):
            fields = _values(node)
            issue_id = fields["id"]
            if self._taken(file, path, node, "issue", self.record.issues):
                continue
            scale = self._scale(file, path, node)
            if scale is None:
                self.broken_issues.add(issue_id)
                continue
            self.record.issues[issue_id] = Issue(
                id=issue_id, title=fields["title"], question=fields["question"],
                scale=scale, location=Location(file, node.line, node.column))

    def _scale(self, file: str, path: str, node: Node) -> tuple[ScalePoint, ...] | None:
        scale_node = node.value["scale"]
        points: list[ScalePoint] = []
        ok = True
        for index, point_node in enumerate(scale_node.value):
            fields = _values(point_node)
            point = ScalePoint(float(fields["at"]), fields["label"], fields.get("description"))
            where = join_path(join_path(path, "scale"), index)
            for other in points:
                if other.at == point.at or other.label.casefold() == point.label.casefold():
                    clash = "value" if other.at == point.at else "label"
                    self._problem(file, point_node, "duplicate-point",
                                  f"{where}: the {clash} of this labelled point repeats "
                                  f"'{other.label}' (at {other.at:g}); each labelled point "
                                  "needs its own value and label",
                                  where)
                    ok = False
            points.append(point)
        ends = {a.at for a in points}
        missing = [f"{end:g}" for end in (0.0, 100.0) if end not in ends]
        if missing:
            self._problem(file, scale_node, "scale-missing-end",
                          f"{path}.scale: labelled points at {' and '.join(missing)} are required "
                          "(the ends of the 0..100 scale)", join_path(path, "scale"))
            ok = False
        return tuple(sorted(points, key=lambda a: a.at)) if ok else None

    # -- parties -------------------------------------------------------------

    def _load_party(self, path: Path, names: dict[str, tuple[str, Location]]) -> None:
        root, file, tainted = self._document(path, self.record.positions_dir, schema.PARTY)
        if root is None or not isinstance(root.value, dict):
            return
        header = {k: n.value for k, n in root.value.items()
                  if k != "positions" and k not in tainted}
        if "party" not in header or "name" not in header:
            return
        party_id = header["party"]
        location = Location(file, root.value["party"].line, root.value["party"].column)
        if party_id in self.record.parties:
            first = self.record.parties[party_id].location
            self._problem(file, root.value["party"], "duplicate-party",
                          f"party id '{party_id}' is already defined in {first.file}", "party")
            return
        if path.stem != party_id:
            self._problem(file, root.value["party"], "file-name-mismatch",
                          f"party '{party_id}' lives in {path.name}; name the file "
                          f"{party_id}{path.suffix} so it is easy to find", "party",
                          severity=Severity.WARNING)
        aliases = tuple(n.value for n in header.get("aliases", []))
        positions = self._positions(file, party_id, root, tainted)
        party = Party(id=party_id, name=header["name"], aliases=aliases,
                      clout=float(header.get("clout", 1.0)), positions=positions,
                      location=location, role=Role(header.get("role", Role.PARTY)))
        if self._names_clash(file, root, party, names):
            return
        self.record.parties[party_id] = party

    def _names_clash(self, file: str, root: Node, party: Party,
                     names: dict[str, tuple[str, Location]]) -> bool:
        clashed = False
        for name, node in _name_nodes(root):
            if name in names and names[name][0] != party.id:
                other, where = names[name]
                self._problem(file, node, "alias-clash",
                              f"name '{name}' of party '{party.id}' is also a name of "
                              f"'{other}' ({where}); every name must point to one party",
                              "aliases")
                clashed = True
        for name in party_names(party):
            names.setdefault(name, (party.id, party.location))
        return clashed

    def _positions(self, file: str, party_id: str, root: Node,
                   tainted: set[str]) -> tuple[Position, ...]:
        positions: list[Position] = []
        seen: dict[tuple[str, dt.date], int] = {}
        for path, node in self._items(root, "positions", tainted):
            position = self._position(file, party_id, path, node)
            if position is None:
                continue
            key = (position.issue, position.as_of)
            if key in seen:
                self._problem(file, node.value["as_of"], "duplicate-position",
                              f"{path}: '{position.issue}' already has an entry dated "
                              f"{position.as_of.isoformat()} (line {seen[key]}); "
                              "merge them or give each its own as_of", join_path(path, "as_of"))
                continue
            seen[key] = node.line
            positions.append(position)
        return tuple(sorted(positions, key=lambda p: (p.issue, p.as_of)))

    def _position(self, file: str, party_id: str, path: str, node: Node) -> Position | None:
        fields = _values(node)
        issue = self.record.issues.get(fields["issue"])
        if issue is None and (not self.catalogue_read or fields["issue"] in self.broken_issues):
            # Reported at the catalogue already; the quotes are still worth checking.
            self.record.set_aside.extend(self._evidence(file, path, node) or ())
            return None
        if issue is None:
            self._problem(file, node.value["issue"], "unknown-issue",
                          f"{path}.issue: no issue '{fields['issue']}' in the catalogue"
                          f"{did_you_mean(fields['issue'], self.record.issues)}",
                          join_path(path, "issue"))
            return None
        value, label = fields["position"], None
        if isinstance(value, str):
            point = issue.point_named(value)
            if point is None:
                labels = [a.label for a in issue.scale]
                self._problem(file, node.value["position"], "unknown-point",
                              f"{path}.position: '{value}' is not a labelled point of "
                              f"'{issue.id}'{did_you_mean(value, labels)} (labelled points: "
                              f"{', '.join(labels)})",
                              join_path(path, "position"))
                return None
            value, label = point.at, point.label
        ok, acceptable = self._acceptable(file, path, node, float(value))
        if not ok:
            return None
        red_line = bool(fields.get("red_line", False))
        if red_line and acceptable is None:
            self._problem(file, node.value["red_line"], "red-line-without-range",
                          f"{path}: a red line needs an `acceptable: [lo, hi]` range "
                          "saying what the party could live with", join_path(path, "red_line"))
            return None
        evidence = self._evidence(file, path, node)
        if evidence is None:
            return None
        bases = self._limit_bases(file, path, node, evidence, acceptable, red_line)
        if bases is None:
            return None
        if label is None and issue.point_at(float(value)) is None and "note" not in fields:
            self._problem(file, node.value["position"], "position-without-note",
                          f"{path}.position: {float(value):g} is between the labelled points "
                          f"of '{issue.id}'; add a one-line `note` saying why it sits there",
                          join_path(path, "position"), Severity.WARNING)
        return Position(
            party=party_id, issue=issue.id, value=float(value),
            salience=float(fields["salience"]), stance=fields["stance"],
            as_of=_date(fields["as_of"]), evidence=evidence,
            location=Location(file, node.line, node.column), label=label,
            acceptable=acceptable, red_line=red_line, acceptable_basis=bases[0],
            red_line_basis=bases[1], reason=fields.get("reason"), note=fields.get("note"))

    def _limit_bases(self, file: str, path: str, node: Node, evidence: tuple[Evidence, ...],
                     acceptable: tuple[float, float] | None,
                     red_line: bool) -> tuple[Basis | None, Basis | None] | None:
        """Whether the range and the red line are stated (a quote of their own supports
        them) or inferred (`basis: inferred` with a `reason`); None after an error."""
        fields = _values(node)
        inferred_ok = fields.get("basis") == Basis.INFERRED
        if inferred_ok and "reason" not in fields:
            self._problem(file, node.value["basis"], "missing-field",
                          f"{path}: `basis: inferred` needs a one-line `reason` saying why "
                          "the limits sit where they do", join_path(path, "reason"))
            return None
        supported = {claim for item in evidence for claim in item.supports}
        present = {"position": True, "acceptable": acceptable is not None,
                   "red_line": red_line}
        ok = True
        for claim, needed in present.items():
            if claim in supported and not needed:
                self._problem(file, node, "supports-nothing",
                              f"{path}: a quote says it supports `{claim}`, but the entry has "
                              f"no {CLAIM_NAMES[claim]}; drop it from `supports`",
                              join_path(path, "evidence"))
                ok = False
        if "position" not in supported:
            self._problem(file, node.value["evidence"], "position-without-quote",
                          f"{path}: no quote supports the position itself; add one, or add "
                          "`position` to a quote's `supports`", join_path(path, "evidence"))
            ok = False
        bases: list[Basis | None] = []
        for claim in ("acceptable", "red_line"):
            if not present[claim]:
                bases.append(None)
            elif claim in supported:
                bases.append(Basis.STATED)
            elif inferred_ok:
                bases.append(Basis.INFERRED)
            else:
                self._problem(file, node.value[claim], "limit-without-quote",
                              f"{path}.{claim}: no quote states this {CLAIM_NAMES[claim]}; "
                              f"add `supports: [{claim}]` to the quote that states it, or mark "
                              "the entry `basis: inferred` with a `reason`",
                              join_path(path, claim))
                ok = False
        if ok and ("basis" in fields or "reason" in fields) and Basis.INFERRED not in bases:
            at = node.value.get("basis") or node.value["reason"]
            self._problem(file, at, "basis-unused",
                          f"{path}: `basis`/`reason` are given but no limit of this entry is "
                          "inferred (each has a quote of its own, or there is none); remove "
                          "them", join_path(path, "basis"), Severity.WARNING)
        return (bases[0], bases[1]) if ok else None

    def _acceptable(self, file: str, path: str, node: Node,
                    value: float) -> tuple[bool, tuple[float, float] | None]:
        """(valid, the range or None when absent); a wrong range is reported."""
        if "acceptable" not in node.value:
            return True, None
        range_node = node.value["acceptable"]
        low, high = (float(n.value) for n in range_node.value)
        where = join_path(path, "acceptable")
        if low > high:
            self._problem(file, range_node, "inverted-range",
                          f"{where}: [{low:g}, {high:g}] is inverted; write [{high:g}, {low:g}]",
                          where)
            return False, None
        if not low <= value <= high:
            self._problem(file, range_node, "position-outside-range",
                          f"{where}: [{low:g}, {high:g}] does not contain the position "
                          f"{value:g}; a party can live with its own position", where)
            return False, None
        return True, (low, high)

    def _evidence(self, file: str, path: str, node: Node) -> tuple[Evidence, ...] | None:
        evidence: list[Evidence] = []
        ok = True
        for index, item in enumerate(node.value["evidence"].value):
            fields = _values(item)
            where = join_path(join_path(path, "evidence"), index)
            quote_node = item.value["quote"]
            if fields["seed"] in self.broken_seeds:
                ok = False
                continue
            if fields["seed"] not in self.record.seeds:
                self._problem(file, item.value["seed"], "unknown-seed",
                              f"{where}.seed: no seed '{fields['seed']}' in the seed index"
                              f"{did_you_mean(fields['seed'], self.record.seeds)}",
                              join_path(where, "seed"))
                ok = False
                continue
            supports = frozenset(n.value for n in fields.get("supports", [])) or frozenset(
                {"position"})
            evidence.append(Evidence(
                seed=fields["seed"], quote=fields["quote"],
                location=Location(file, quote_node.line, quote_node.column),
                prefix=fields.get("prefix"), suffix=fields.get("suffix"), supports=supports))
        return tuple(evidence) if ok else None


def _ids_under(root: Node, key: str, tainted: set[str]) -> set[str]:
    """The ids of the entries under ``key`` that have a problem, where the id is legible."""
    items = root.value.get(key) if isinstance(root.value, dict) else None
    if items is None or not isinstance(items.value, list):
        return set()
    ids = set()
    for index, item in enumerate(items.value):
        if join_path(key, index) in tainted and isinstance(item.value, dict):
            found = item.value.get("id")
            if found is not None and isinstance(found.value, str):
                ids.add(found.value)
    return ids


def _name_nodes(root: Node) -> list[tuple[str, Node]]:
    """Each name a party file gives its party, case-folded, with where it is written."""
    fields = root.value
    aliases = fields.get("aliases", Node([], 0, 0)).value
    named = [fields["party"], fields["name"], *(aliases if isinstance(aliases, list) else [])]
    return [(node.value.casefold(), node) for node in named if isinstance(node.value, str)]


def _seed_file_problem(problem: Problem, name: str, seeds_dir: Path) -> tuple[str, str]:
    """The code and message for a seed `file:` that cannot be used."""
    if problem.code == "outside-record":
        return ("seed-path-escapes", f"seed file '{printable(name)}' leads outside the seeds "
                                     "folder; give a path inside it")
    if problem.code == "missing-file":
        return ("missing-seed-file", f"seed file '{printable(name)}' does not exist in "
                                     f"{shown(seeds_dir)}")
    return problem.code, f"seed file '{printable(name)}': {problem.message}"


def _values(node: Node) -> dict[str, Any]:
    """A validated mapping's fields as plain scalars (lists of scalars stay Nodes)."""
    return {key: child.value for key, child in node.value.items()}


def _date(value: Any) -> dt.date:
    parsed = as_date(value)
    assert parsed is not None  # guaranteed by validation
    return parsed


def _with_ancestors(paths: Iterable[str]) -> set[str]:
    """Each path and every path that contains it: ``a[1].b`` gives a, a[1] and a[1].b."""
    out: set[str] = set()
    for path in paths:
        out.update(path[: m.start()] for m in re.finditer(r"(?=[.\[])", path) if m.start())
        out.add(path)
    return out

