"""A check given what an earlier check of another version read (as `posdiff diff` checks
two) finds exactly what a check from scratch finds, in the new version's files, and
reads again only what differs: a party file whose bytes, name or catalogue and index
changed, a quote whose seed text, words or context changed."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from posdiff.record import check, parties
from posdiff.record.cache import ReadCache
from posdiff.record.check import CheckReport, run_check
from posdiff.record.paths import RecordPaths

from tests.conftest import edit, repin
from tests.sharing import processes

UP, DOWN = "positions/upstream.yaml", "positions/downstream.yaml"
ISSUES, INDEX, TALKS = "positions/issues.yaml", "seeds/index.yaml", "seeds/talks.txt"


def findings(report: CheckReport) -> object:
    """All a check finds: the record, every problem, every quote's place (compared by
    value: each model class compares its fields)."""
    return (report.record, report.diagnostics, report.matches,
            [item.match for item in report.record.evidence()])


def paths(root: Path) -> RecordPaths:
    return RecordPaths(root / "positions", root / "seeds")


class Reads:
    """What was read and located from scratch, counted in this process."""

    def __init__(self) -> None:
        self.files: list[str] = []
        self.quotes: list[str] = []


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[Reads]:
    counted = Reads()
    read_party, locate = parties.read_party, check.locate

    def reading(path: Path, context: parties.PartyContext) -> parties.PartyFile:
        counted.files.append(path.name)
        return read_party(path, context)

    def locating(seed: object, quote: str, *args: object) -> object:
        counted.quotes.append(quote)
        return locate(seed, quote, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(parties, "read_party", reading)
    monkeypatch.setattr(check, "locate", locating)
    with processes(1):  # every reading in this process, where it is counted
        yield counted


def versions(river: Path, change: Callable[[Path], None]) -> tuple[Path, Path]:
    old, new = river.parent / "old", river.parent / "new"
    shutil.copytree(river, old)
    shutil.copytree(river, new)
    change(new)
    return old, new


def checked_after(old: Path, new: Path, reads: Reads) -> tuple[CheckReport, CheckReport]:
    """The new version checked after the old with one cache, and from scratch; ``reads``
    then counts what the cached check read again."""
    fresh = run_check(paths(new))
    cache = ReadCache()
    run_check(paths(old), cache=cache)
    reads.files.clear()
    reads.quotes.clear()
    return run_check(paths(new), cache=cache), fresh


def unchanged(root: Path) -> None:
    pass


def salience_moved(root: Path) -> None:
    edit(root / UP, "salience: 90", "salience: 80")


def quote_broken(root: Path) -> None:
    edit(root / UP, "quote: called any higher share a red line",
         "quote: called any larger share a red line")


def seed_reworded(root: Path) -> None:
    edit(root / TALKS, "by independent engineers", "by engineers of both sides")
    repin(root)


def labels_swapped(root: Path) -> None:  # 'joint commission' now reads as 100, not 0
    edit(root / ISSUES, "label: joint commission", "label: was no monitoring")
    edit(root / ISSUES, "label: no monitoring", "label: joint commission")
    edit(root / ISSUES, "label: was no monitoring", "label: no monitoring")


def prefix_added(root: Path) -> None:  # words before the quote that the seed lacks
    edit(root / UP, "        quote: called any higher share a red line\n",
         "        quote: called any higher share a red line\n        prefix: it firmly\n")


def seed_dropped(root: Path) -> None:  # the index no longer holds the seed cited
    edit(root / INDEX, "id: river-report", "id: river-gazette")


# (change, party files read again, quotes located again)
CASES = {
    "unchanged": (unchanged, [], 0),
    "salience moved": (salience_moved, ["upstream.yaml"], 0),
    "quote broken": (quote_broken, ["upstream.yaml"], 1),
    "seed reworded": (seed_reworded, [], 6),
    "prefix added": (prefix_added, ["upstream.yaml"], 1),
    "labels swapped in the catalogue": (labels_swapped,
                                     ["downstream.yaml", "mediator.yaml", "upstream.yaml"], 0),
    "seed dropped from the index": (seed_dropped,
                                    ["downstream.yaml", "mediator.yaml", "upstream.yaml"], 0),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_cached_check_finds_what_a_fresh_one_does(case: str, river: Path,
                                                    reads: Reads) -> None:
    change, files_read, quotes_located = CASES[case]
    old, new = versions(river, change)
    cached, fresh = checked_after(old, new, reads)
    assert findings(cached) == findings(fresh)
    assert sorted(reads.files) == files_read
    assert len(reads.quotes) == quotes_located


def test_problems_and_places_are_in_the_new_versions_files(river: Path,
                                                           reads: Reads) -> None:
    """A warning of an unchanged file, and every place, name the file checked now."""
    edit(river / DOWN, "        voice: reported\n", "")  # a quote with no voice: a warning
    old, new = versions(river, unchanged)
    cached, _ = checked_after(old, new, reads)
    assert reads.files == []
    warned = [d for d in cached.diagnostics if d.code == "missing-voice"]
    assert warned and all(d.file.startswith(str(new)) for d in warned)
    record = cached.record
    places = [p.location for party in record.parties.values() for p in party.positions]
    places += [e.location for e in record.evidence()]
    assert places and all(where.file.startswith(str(new)) for where in places)


def test_the_old_versions_quotes_keep_their_own_places(river: Path, reads: Reads) -> None:
    """The old record is not touched by checking the new one: each has its own quotes."""
    old, new = versions(river, seed_reworded)
    cache = ReadCache()
    before = run_check(paths(old), cache=cache)
    kept = repr(findings(before))  # a snapshot: the objects themselves would follow
    run_check(paths(new), cache=cache)
    assert repr(findings(before)) == kept
