"""From the files on disk to a `Record`, with every problem as a diagnostic.

Invalid entries are left out of the record (and reported), so that one bad position
does not hide the problems of the others. The seed index and the issue catalogue are
read first; then each party file on its own (`parties`, in other processes too for a
large record: `workers`); then, in file order, what the party files mean together.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from posdiff.diagnostics import error, warning
from posdiff.model import Issue, Loaded, Location, Party, Record, ScalePoint, Seed
from posdiff.record import schema
from posdiff.record.document import Reader, items, values
from posdiff.record.files import Problem, list_folder, locate, shown
from posdiff.record.parties import PartyContext, PartyFile, read_parties
from posdiff.record.paths import CATALOGUE, SEEDS_INDEX
from posdiff.record.spec import KEBAB, as_date, join_path
from posdiff.record.yaml import Node
from posdiff.words import figure, printable

if TYPE_CHECKING:
    from posdiff.record.cache import ReadCache


_YAML = (".yaml", ".yml")


def party_files(positions_dir: Path) -> tuple[list[Path], list[tuple[Path, str]]] | Problem:
    """The party files, every *.yaml and *.yml but the catalogue (a link or a pipe among
    them is reported when it is read); and each other name that reads as a YAML file,
    with why it is not read, so that no party is left out in silence."""
    entries = list_folder(positions_dir)
    if isinstance(entries, Problem):
        return entries
    files: list[Path] = []
    left_out: list[tuple[Path, str]] = []
    for path in entries:
        name = path.name
        if not name.lower().endswith(_YAML):
            continue  # a README, a .gitkeep: not meant as a party
        if name.startswith("."):
            left_out.append((path, "a hidden file (its name starts with '.') is not read; "
                                   "rename it if it is a party file"))
        elif path.stem.lower() == "issues":  # missing, the catalogue's message names it
            if name != CATALOGUE and os.path.lexists(positions_dir / CATALOGUE):
                left_out.append((path, f"not read: the catalogue is {CATALOGUE}"))
        elif not name.endswith(_YAML):
            left_out.append((path, f"not read: a party file's name ends in .yaml or .yml, "
                                   f"in lower case; rename it "
                                   f"{printable(path.stem + path.suffix.lower())} if it is one"))
        elif path.is_dir():
            left_out.append((path, "a folder, not a party file: it is not read"))
        else:
            files.append(path)
    return files, left_out


def build_record(positions_dir: Path, seeds_dir: Path,
                 progress: Callable[[int, int], None] | None = None,
                 cache: ReadCache | None = None) -> Loaded:
    """The record with its problems; ``progress(done, total)`` is told the party files
    read; party files ``cache`` holds are not read again."""
    result = Loaded(Record(positions_dir, seeds_dir))
    with without_cycle_collection():
        _Builder(result).build(progress, cache)
    return result


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Python's cycle collector off while a record is built: building allocates millions
    of objects, each allocation counts towards a collection, and each collection walks
    everything built so far (a third of the time on a large record). What is built here
    is trees, freed by reference counting. Afterwards the collector runs as it did; the
    command line then freezes what it read (`posdiff.cli.options.reading`), which a
    library must not do to the process it runs in."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Builder(Reader):
    def __init__(self, result: Loaded) -> None:
        super().__init__()
        self.record = result.record
        self.report = result.diagnostics
        # Indexed seeds left out for a reported reason: citing them is not a new problem.
        self.broken_seeds: set[str] = set()
        # Issues whose catalogue entry is reported broken (all of them when the catalogue
        # cannot be read): entries citing them are not reported again.
        self.broken_issues: set[str] = set()
        # Whether every entry of the catalogue (of the seed index) has an id of its own,
        # so that an id cited from a party file and not among them is unknown: not so when
        # the file holds no entries, or one entry's id is missing, not text, off its
        # pattern, or repeated
        # (a citation may mean that entry, whose problem is reported once, there).
        self.issue_ids_known = True
        self.seed_ids_known = True

    def build(self, progress: Callable[[int, int], None] | None,
              cache: ReadCache | None) -> None:
        self._load_seeds()
        listed = party_files(self.record.positions_dir)
        files = [] if isinstance(listed, Problem) else listed[0]
        if isinstance(listed, Problem):  # its catalogue cannot be read either: said once
            self.report.append(error(shown(self.record.positions_dir), 1, 1, listed.code,
                                     listed.message))
            self.issue_ids_known = False
        else:
            self._load_issues()
            self.report.extend(warning(shown(path), 1, 1, "ignored-file", why)
                               for path, why in listed[1])
            self.record.not_read = [printable(path.name) for path, _ in listed[1]]
        if not isinstance(listed, Problem) and not files:
            self.report.append(error(shown(self.record.positions_dir), 1, 1, "no-parties",
                                     "no party files (*.yaml besides issues.yaml) in this folder"))
        context = PartyContext(
            self.record.positions_dir, self.record.issues, self.record.seeds,
            frozenset(self.broken_issues), frozenset(self.broken_seeds), self.issue_ids_known,
            self.seed_ids_known)
        names: dict[str, tuple[str, Location]] = {}  # lookup name -> (party id, where)
        done = 0

        def counted(count: int) -> None:
            nonlocal done
            done += count
            if progress:
                progress(done, len(files))

        reads = read_parties(files, context, counted, cache)
        # Each party's id and the file that first gives it: an alias that is another
        # party's id is the alias's problem, whichever file is read first.
        # So is an alias that is another party's name.
        ids: dict[str, Path] = {}
        given: dict[str, tuple[str, Path]] = {}  # each name, the party and file first giving it
        for read in reads:
            if read.party is not None:
                ids.setdefault(read.party.id.casefold(), read.path)
                given.setdefault(read.party.name.casefold(), (read.party.id, read.path))
        for read in reads:
            self.record.files_read += 1
            self.record.entries_read += read.entries_read
            self.record.quotes_read += read.quotes_read
            if read.cited is None or self.record.cited is None:
                self.record.cited = None
            else:
                self.record.cited.update(dict.fromkeys(read.cited))
            self._admit(read, names, ids, given)

    # -- helpers -------------------------------------------------------------

    def _taken(self, file: str, path: str, node: Node, kind: str, first: dict[str, int],
               known: dict[str, Seed] | dict[str, Issue], broken: set[str]) -> bool:
        """Report an entry whose id an earlier one has (``first``: the line of each id
        seen), and take the earlier out of ``known`` too: which of the two a citation
        means cannot be told, so neither is used, and the id counts as ``broken``."""
        wanted = node.value["id"].value
        if wanted not in first:
            first[wanted] = node.line
            return False
        self.problem(file, node.value["id"], "duplicate-id",
                     f"{kind} id '{wanted}' is already used at line {first[wanted]}; ids "
                     "must be unique", join_path(path, "id"))
        known.pop(wanted, None)
        broken.add(wanted)
        return True

    # -- seeds ---------------------------------------------------------------

    def _load_seeds(self) -> None:
        seeds_dir = self.record.seeds_dir
        entries = list_folder(seeds_dir)
        if isinstance(entries, Problem):  # its index cannot be read either: said once
            self.report.append(error(shown(seeds_dir), 1, 1, entries.code, entries.message))
            self.seed_ids_known = False
            return
        root, file, tainted = self.document(seeds_dir / SEEDS_INDEX, seeds_dir,
                                             schema.SEEDS_INDEX)
        self.seed_ids_known = _ids_known(root, "seeds")
        if root is None:
            return
        listed = root.value.get("seeds") if isinstance(root.value, dict) else None
        self.record.seeds_indexed = len(listed.value) \
            if listed is not None and isinstance(listed.value, list) else 0
        self.broken_seeds = _ids_under(root, "seeds", tainted)
        indexed: set[Path] = set()
        named: set[str] = set()  # the files the entries name, as written: said once, there
        index = locate(seeds_dir / SEEDS_INDEX, seeds_dir)
        owners: dict[Path, Seed] = {}  # each seed text, and the seed whose it is
        lines: dict[str, int] = {}  # each id, and the line of its first entry
        for path, node in _seed_entries(root, tainted):
            # A field reported broken is left out; what the entry says of its source
            # (outlet, date, ...) is not needed to check the quotes that cite it.
            fields = {key: value for key, value in values(node).items()
                      if join_path(path, key) not in tainted}
            seed_id, name = fields["id"], fields["file"]
            target = locate(seeds_dir / name, seeds_dir)
            named.add(os.path.normpath(seeds_dir / name))
            if not isinstance(target, Problem):
                indexed.add(target)  # listed, even by an entry left out below
            if self._taken(file, path, node, "seed", lines, self.record.seeds,
                           self.broken_seeds):
                self.seed_ids_known = False
                continue
            self.broken_seeds.add(seed_id)  # until it proves sound below
            if isinstance(target, Problem):
                self.problem(file, node.value["file"], *_seed_file_problem(
                    target, name, seeds_dir), join_path(path, "file"))
                continue
            if target == index or target in owners:
                whose = (f"the file of seed '{owners[target].id}' (line "
                         f"{owners[target].location.line})" if target in owners
                         else "the seed index itself")
                self.problem(file, node.value["file"], "seed-file-taken",
                             f"seed file '{printable(name)}' is {whose}; each seed has a text "
                             "of its own", join_path(path, "file"))
                continue
            self.broken_seeds.discard(seed_id)
            self.record.seeds[seed_id] = Seed(
                id=seed_id, file=name, path=target,
                location=Location(file, node.line, node.column),
                outlet=fields.get("outlet"), author=fields.get("author"),
                title=fields.get("title"), date=as_date(fields.get("date")),
                url=fields.get("url"), sha256=fields.get("sha256"), note=fields.get("note"))
            owners[target] = self.record.seeds[seed_id]
        if "seeds" not in tainted:
            self._unindexed_seeds(entries, indexed, named, file)

    def _unindexed_seeds(self, entries: list[Path], indexed: set[Path], named: set[str],
                         index_file: str) -> None:
        """Warn about the files in seeds/ (``entries``) that no entry of the index names."""
        for entry in entries:
            if entry.name == SEEDS_INDEX or entry.name.startswith(".") or entry.is_dir() \
                    or os.path.normpath(entry) in named:
                continue
            found = locate(entry, self.record.seeds_dir)
            if isinstance(found, Problem):  # never read, but a broken link deserves a word
                self.report.append(warning(shown(entry), 1, 1, found.code,
                                           f"{found.message} (the file is not used)"))
            elif found not in indexed:
                self.report.append(warning(shown(entry), 1, 1, "unindexed-seed",
                                           f"{printable(entry.name)} is not listed in "
                                           f"{index_file}; add an entry for it"))

    # -- issues --------------------------------------------------------------

    def _load_issues(self) -> None:
        catalogue = self.record.positions_dir / CATALOGUE
        root, file, tainted = self.document(catalogue, self.record.positions_dir,
                                             schema.ISSUES)
        self.issue_ids_known = _ids_known(root, "issues")
        if root is None:
            return
        self.broken_issues = _ids_under(root, "issues", tainted)
        listed = root.value.get("issues") if isinstance(root.value, dict) else None
        self.record.issues_listed = len(listed.value) \
            if listed is not None and isinstance(listed.value, list) else 0
        if isinstance(root.value, dict) and "title" in root.value and "title" not in tainted:
            self.record.title = root.value["title"].value
        lines: dict[str, int] = {}  # each id, and the line of its first entry
        for path, node in items(root, "issues", tainted):
            fields = values(node)
            issue_id = fields["id"]
            if self._taken(file, path, node, "issue", lines, self.record.issues,
                           self.broken_issues):
                self.issue_ids_known = False
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
            fields = values(point_node)
            point = ScalePoint(float(fields["at"]), fields["label"], fields.get("description"))
            where = join_path(join_path(path, "scale"), index)
            for other in points:
                if other.at == point.at or other.label.casefold() == point.label.casefold():
                    clash = "value" if other.at == point.at else "label"
                    self.problem(file, point_node, "duplicate-point",
                                 f"{where}: the {clash} of this labelled point repeats "
                                 f"'{other.label}' (at {figure(other.at)}); each labelled point "
                                 "needs its own value and label",
                                 where)
                    ok = False
            points.append(point)
        ends = {a.at for a in points}
        missing = [figure(end) for end in (0.0, 100.0) if end not in ends]
        if missing:
            points_at = f"a labelled point at {missing[0]} is" if len(missing) == 1 else \
                f"labelled points at {' and '.join(missing)} are"
            self.problem(file, scale_node, "scale-missing-end",
                         f"{path}.scale: {points_at} required (the ends of the 0..100 scale)",
                         join_path(path, "scale"))
            ok = False
        return tuple(sorted(points, key=lambda a: a.at)) if ok else None

    # -- parties -------------------------------------------------------------

    def _admit(self, read: PartyFile, names: dict[str, tuple[str, Location]],
               ids: dict[str, Path], given: dict[str, tuple[str, Path]]) -> None:
        """Add a party file's party to the record, unless an earlier file holds its id
        or one of its names, or one of its names is the id of another party (``ids``), or
        one of its aliases the name of another (``given``)."""
        self.report.extend(read.document)
        party = read.party
        if party is None:  # no id to be taken: its entries are checked all the same
            self.report.extend(read.entries)
            self.record.set_aside.extend(read.set_aside)
            return
        where = party.location
        if party.id in self.record.parties:
            first = self.record.parties[party.id].location
            self.report.append(error(where.file, where.line, where.column, "duplicate-party",
                                     f"party id '{party.id}' is already defined in "
                                     f"{first.file}; give this party an id of its own (and "
                                     "its file that name), or delete the copy", "party"))
            # Not scored, but its quotes are checked as any other's (said at its own lines).
            self.record.set_aside.extend(quote for position in party.positions
                                         for quote in position.evidence)
            return
        self.report.extend(read.entries)
        self.record.set_aside.extend(read.set_aside)
        clashed = False
        written_first: dict[str, tuple[str, Location]] = {}  # its id and name may fold alike
        for name, text, where in read.names:
            written_first.setdefault(name, (text, where))
        own = {party.id.casefold(), party.name.casefold()}
        for name, (text, written) in written_first.items():
            if name != party.id.casefold() and name in ids:
                said = f"is the id of party '{name}' ({shown(ids[name])})"
            elif name not in own and name in given and given[name][0] != party.id:
                other, path = given[name]
                said = f"is the name of party '{other}' ({shown(path)})"
            elif name in names and names[name][0] != party.id:
                other, first = names[name]
                said = f"is also a name of '{other}' ({first})"
            else:
                names.setdefault(name, (party.id, written))  # where written, for a clash
                continue
            self.report.append(error(
                written.file, written.line, written.column, "alias-clash",
                f"{_kind(text, party)} {_quoted(text)} of party '{party.id}' {said}; every "
                "name must point to one party", "aliases"))
            clashed = True
        if clashed:  # not scored, but its quotes are checked as any other's
            self.record.set_aside.extend(quote for position in party.positions
                                         for quote in position.evidence)
        else:
            self.record.parties[party.id] = party


def _kind(text: str, party: Party) -> str:
    return "id" if text == party.id else "name" if text == party.name else "alias"


def _quoted(text: str) -> str:
    """A name in quotes that its own apostrophe does not close ("Parents' Association")."""
    return f'"{text}"' if "'" in text else f"'{text}'"


# What a seed's quotes are checked by: an entry with one of these broken is left out.
_SEED_VITAL = ("id", "file", "sha256")


def _seed_entries(root: Node, tainted: set[str]) -> Iterable[tuple[str, Node]]:
    """The entries of the seed index whose id, file and pin are sound, whatever else of
    them is broken (reported already)."""
    listed = root.value.get("seeds") if isinstance(root.value, dict) else None
    if listed is None or not isinstance(listed.value, list):
        return
    for index, node in enumerate(listed.value):
        path = join_path("seeds", index)
        if isinstance(node.value, dict) and "id" in node.value and "file" in node.value \
                and not any(join_path(path, key) in tainted for key in _SEED_VITAL):
            yield path, node


def _ids_known(root: Node | None, key: str) -> bool:
    """Whether the file holds a list of entries under ``key``, each with an id that is
    text of the ids' pattern (some of them broken otherwise, perhaps). When not, an id
    cited from elsewhere and not found may mean an entry whose id cannot be read, and
    saying so for each citation would bury the one problem under as many errors as
    there are citations."""
    if root is None or not isinstance(root.value, dict) or key not in root.value:
        return False
    entries = root.value[key].value
    return isinstance(entries, list) and bool(entries) and all(
        isinstance(entry.value, dict) and "id" in entry.value
        and isinstance(entry.value["id"].value, str)
        and re.fullmatch(KEBAB, entry.value["id"].value) is not None for entry in entries)


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


def _seed_file_problem(problem: Problem, name: str, seeds_dir: Path) -> tuple[str, str]:
    """The code and message for a seed `file:` that cannot be used."""
    if problem.code == "outside-record":
        written = Path(os.path.abspath(seeds_dir / name))
        if written.is_relative_to(os.path.abspath(seeds_dir)):  # named inside: a link leads out
            return ("seed-path-escapes", f"seed file '{printable(name)}' is a link to a file "
                                         "outside the seeds folder; copy the text into the "
                                         "folder in its place")
        return ("seed-path-escapes", f"seed file '{printable(name)}' leads outside the seeds "
                                     "folder; give a path inside it")
    if problem.code == "missing-file":
        return ("missing-seed-file", f"seed file '{printable(name)}' does not exist in "
                                     f"{shown(seeds_dir)}")
    return problem.code, f"seed file '{printable(name)}': {problem.message}"
