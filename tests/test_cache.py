"""The loaded-record cache: a hit gives the same record, any change is a miss, and a
broken cache never breaks a command."""

from __future__ import annotations

from pathlib import Path

import pytest

from posdiff.cache import cached
from posdiff.loader import load_dataset
from posdiff.model import LoadResult

from tests.conftest import Invoke, edit


class CountingLoad:
    def __init__(self, root: Path) -> None:
        self.root, self.calls = root, 0

    def __call__(self) -> LoadResult:
        self.calls += 1
        return load_dataset(self.root / "positions", self.root / "seeds")


def load_twice(root: Path, load: CountingLoad) -> tuple[LoadResult, LoadResult]:
    first = cached(root / "positions", root / "seeds", load)
    second = cached(root / "positions", root / "seeds", load)
    return first, second


def test_a_second_load_comes_from_the_cache(river: Path) -> None:
    load = CountingLoad(river)
    first, second = load_twice(river, load)
    assert load.calls == 1
    assert second.dataset.parties == first.dataset.parties
    assert second.dataset.issues == first.dataset.issues


def test_an_edit_of_the_same_size_is_a_miss(river: Path) -> None:
    load = CountingLoad(river)
    load_twice(river, load)
    edit(river / "positions/upstream.yaml", "salience: 90", "salience: 95")
    _, after = load_twice(river, load)
    assert load.calls == 2
    assert after.dataset.parties["upstream"].positions[1].salience == 95


def test_a_removed_seed_file_is_a_miss(river: Path) -> None:
    load = CountingLoad(river)
    load_twice(river, load)
    (river / "seeds/talks.txt").unlink()
    _, after = load_twice(river, load)
    assert load.calls == 2
    # The root cause only: the evidence citing that seed is not reported again.
    assert [d.code for d in after.diagnostics] == ["missing-seed-file"]


def test_a_damaged_cache_file_is_a_miss(river: Path, private_cache: Path) -> None:
    load = CountingLoad(river)
    load_twice(river, load)
    for file in private_cache.iterdir():
        file.write_bytes(b"\x80\x04not a pickle")
    load_twice(river, load)
    assert load.calls == 2


def test_no_cache_and_an_unwritable_cache(river: Path, monkeypatch: pytest.MonkeyPatch,
                                          posdiff: Invoke) -> None:
    monkeypatch.setenv("POSDIFF_NO_CACHE", "1")
    load = CountingLoad(river)
    load_twice(river, load)
    assert load.calls == 2
    monkeypatch.delenv("POSDIFF_NO_CACHE")
    blocker = river / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("POSDIFF_CACHE_DIR", str(blocker / "cache"))
    assert posdiff("compare", "upstream", "downstream").exit_code == 0


def test_commands_see_edits_made_between_runs(river: Path, posdiff: Invoke) -> None:
    assert "Distance: 19.6" in posdiff("compare", "upstream", "downstream").stdout
    edit(river / "positions/downstream.yaml", "position: 30", "position: 40")
    assert "Distance: 13.1" in posdiff("compare", "upstream", "downstream").stdout
