"""Work shared out to forked children gives what the same work gives in one process."""

from __future__ import annotations

import itertools
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

import pytest
from benchmarks.synthetic import Size, generate

from posdiff.record import workers
from posdiff.record.check import run_check
from posdiff.record.files import MAX_BYTES
from posdiff.record.paths import RecordPaths
from posdiff.record.validate import build_record

from tests.conftest import edit
from tests.sharing import processes

PARENT = os.getpid()


def _tagged(item: int) -> tuple[int, int]:
    return item * item, os.getpid()


@pytest.fixture
def cores(monkeypatch: pytest.MonkeyPatch) -> list[int | None]:
    """Four cores, whatever the machine; records each child started (None: could not)."""
    monkeypatch.setattr(workers, "_cores", lambda: 4)
    started: list[int | None] = []
    start = workers._start

    def counted(*args: object) -> object:
        child = start(*args)  # type: ignore[arg-type]
        started.append(child[1].pid if child else None)
        return child

    monkeypatch.setattr(workers, "_start", counted)
    return started


def test_shares_are_done_by_children_and_come_back_in_order(cores: list[int | None]) -> None:
    told: list[int] = []
    results = workers.in_shares(_tagged, range(12), [1] * 12, 3, told.append)
    assert [value for value, _ in results] == [n * n for n in range(12)]
    pids = [pid for _, pid in results]
    assert pids[:3] == [PARENT] * 3 and PARENT not in pids[3:]  # the first share is ours
    assert len(set(pids)) == 4 and len(cores) == 3 and None not in cores
    assert told == [1, 1, 1, 3, 3, 3]  # our items one by one, then each child's share


def test_shares_follow_the_sizes() -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(workers, "_cores", lambda: 2)
        assert workers._shares(6, [5, 1, 1, 1, 1, 1], 1) == [(0, 1), (1, 6)]
        patch.setattr(workers, "_cores", lambda: 4)
        assert workers._shares(8, [1] * 8, 1) == [(0, 2), (2, 4), (4, 6), (6, 8)]
        assert workers._shares(8, [1] * 8, 4) == [(0, 4), (4, 8)]  # 2 shares pay, not 4
        assert workers._shares(8, [1] * 8, 5) == [(0, 8)]
        assert workers._shares(3, [10, 10, 10], 1) == [(0, 1), (1, 2), (2, 3)]
        assert workers._shares(0, [], 1) == [(0, 0)]
        patch.setattr(workers, "_cores", lambda: 1)
        assert workers._shares(8, [1] * 8, 1) == [(0, 8)]


def _dies(how: str) -> Callable[[int], tuple[int, int]]:
    def work(item: int) -> tuple[int, int]:
        if os.getpid() != PARENT:
            if how == "exit":
                os._exit(3)
            if how == "signal":
                os.kill(os.getpid(), signal.SIGKILL)
            if how == "raise":
                raise ValueError("in the child")
            if how == "unpicklable":
                return lambda: None  # type: ignore[return-value]
            if how == "hang":
                time.sleep(60)
        return _tagged(item)
    return work


@pytest.mark.parametrize("how", ["exit", "signal", "raise", "unpicklable", "hang"])
def test_a_failing_child_costs_time_not_results(cores: list[int | None], how: str,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capfd: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(workers, "PATIENCE_SECONDS", 1.0)
    monkeypatch.setattr(workers, "POLL_SECONDS", 0.05)
    results = workers.in_shares(_dies(how), range(6), [1] * 6, 2)
    assert results == [(n * n, PARENT) for n in range(6)]  # all done here in the end
    assert len(cores) == 2 and None not in cores
    assert capfd.readouterr() == ("", "")  # no traceback from a child


def _parent_fails(item: int) -> tuple[int, int]:
    if os.getpid() == PARENT:
        raise ValueError("in the parent")
    time.sleep(60)
    return _tagged(item)


def test_children_are_stopped_when_the_parent_fails(cores: list[int | None]) -> None:
    with pytest.raises(ValueError, match="in the parent"):
        workers.in_shares(_parent_fails, range(6), [1] * 6, 2)
    assert len(cores) == 2 and multiprocessing.active_children() == []


def test_a_dead_child_is_noticed_at_once(cores: list[int | None],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Noticed in a few looks at the clock, not when the patience runs out."""
    looks = itertools.count()
    monkeypatch.setattr(workers.time, "monotonic", lambda: float(next(looks)))
    monkeypatch.setattr(workers, "POLL_SECONDS", 0.01)
    monkeypatch.setattr(workers, "PATIENCE_SECONDS", 100_000.0)
    results = workers.in_shares(_dies("exit"), range(4), [1] * 4, 2)
    assert results == [(n * n, PARENT) for n in range(4)]
    assert next(looks) < 1_000


def test_a_child_ends_when_its_parent_is_killed(tmp_path: Path) -> None:
    """Its answer, more than a pipe holds, then finds no reader: it must not wait for
    ever (nor hold the parent's output open)."""
    marker = tmp_path / "child"
    script = f"""
import os, time
from posdiff.record import workers
workers._cores = lambda: 2
parent = os.getpid()
def work(item):
    if os.getpid() == parent:
        time.sleep(600)
        return ""
    open({str(marker)!r}, "w").write(str(os.getpid()))
    return "x" * 5_000_000
workers.in_shares(work, [0, 1], [1, 1], 1)
"""
    parent = subprocess.Popen([sys.executable, "-c", script])
    try:
        for _ in range(200):  # the child writes its pid, then blocks sending its answer
            if marker.exists() and marker.read_text():
                break
            time.sleep(0.05)
        child = int(marker.read_text())
        time.sleep(0.5)
    finally:
        parent.kill()
        parent.wait()
    for _ in range(200):
        if not _running(child):
            break
        time.sleep(0.05)
    else:
        os.kill(child, signal.SIGKILL)
        pytest.fail("the child outlived its parent")


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False


def _interrupted_at_start() -> None:
    os.kill(os.getpid(), signal.SIGINT)  # as Ctrl-C may, while the child starts


def test_an_interrupt_while_a_child_starts_is_ignored_by_it(
        cores: list[int | None], monkeypatch: pytest.MonkeyPatch,
        capfd: pytest.CaptureFixture[str]) -> None:
    import multiprocessing.util

    monkeypatch.setattr(multiprocessing.util, "_run_after_forkers", _interrupted_at_start)
    results = workers.in_shares(_tagged, range(4), [1] * 4, 2)
    assert [pid for _, pid in results][2:] == [cores[0]] * 2  # the child went on
    assert capfd.readouterr() == ("", "")


def _interrupted(item: int) -> tuple[int, int]:
    if os.getpid() != PARENT:
        os.kill(os.getpid(), signal.SIGINT)  # as Ctrl-C sends it to the whole group
    return _tagged(item)


def test_an_interrupt_is_left_to_the_parent(cores: list[int | None]) -> None:
    results = workers.in_shares(_interrupted, range(4), [1] * 4, 2)
    assert [pid for _, pid in results][2:] == [cores[0]] * 2  # the child went on


def test_where_no_child_can_be_forked_all_is_done_here(
        cores: list[int | None], monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing.process

    def refused(self: object) -> None:
        raise OSError(11, "Resource temporarily unavailable")  # as fork(2) says EAGAIN

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", refused)
    open_before = _open_files()
    results = workers.in_shares(_tagged, range(6), [1] * 6, 2)
    assert results == [(n * n, PARENT) for n in range(6)] and cores == [None, None]
    assert _open_files() == open_before  # the pipes made for the children are closed


def _open_files() -> int:
    return len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else 0


def test_a_child_that_fails_to_set_itself_up_is_silent(
        cores: list[int | None], monkeypatch: pytest.MonkeyPatch,
        capfd: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(os, "devnull", "/nonexistent/null")  # as in a bare sandbox
    results = workers.in_shares(_tagged, range(4), [1] * 4, 2)
    assert results == [(n * n, PARENT) for n in range(4)] and None not in cores
    assert capfd.readouterr() == ("", "")


@pytest.mark.parametrize("answer", [[(0, 0)], {(0, 0): 1, (1, 1): 1, (4, 2): 1}])
def test_an_answer_of_the_wrong_shape_is_not_merged(
        cores: list[int | None], monkeypatch: pytest.MonkeyPatch, answer: object) -> None:
    """One result for a share of three, or three in a mapping: the share is done here."""
    def short(send: Connection, readers: object, work: object, share: object) -> None:
        send.send(answer)

    monkeypatch.setattr(workers, "_work", short)
    results = workers.in_shares(_tagged, range(6), [1] * 6, 3)
    assert results == [(n * n, PARENT) for n in range(6)] and None not in cores


def test_no_child_is_forked_beside_another_thread(cores: list[int | None]) -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        results = workers.in_shares(_tagged, range(6), [1] * 6, 1)
    finally:
        stop.set()
        thread.join()
    assert results == [(n * n, PARENT) for n in range(6)] and cores == []


def _troubled(river: Path) -> Path:
    """The river record with problems that span files, and within one, over eight files."""
    positions = river / "positions"
    up, down = positions / "upstream.yaml", positions / "downstream.yaml"
    shutil.copy(down, positions / "a-first.yaml")  # party downstream, defined twice
    shutil.copy(up, positions / "b-other.yaml")
    edit(positions / "b-other.yaml", "party: upstream", "party: other")  # file name
    edit(positions / "b-other.yaml", "name: Upstream State",
         "name: Downstream State")  # names clash
    shutil.copy(up, positions / "c-quotes.yaml")
    edit(positions / "c-quotes.yaml", "party: upstream", "party: c-quotes")
    edit(positions / "c-quotes.yaml", "name: Upstream State", "name: Quoter")
    edit(positions / "c-quotes.yaml", "aliases: [highlands]", "aliases: [quoter]")
    edit(positions / "c-quotes.yaml", "quote: ", "quote: not in the seed at all, ")
    (positions / "d-broken.yaml").write_text("party: [unclosed\n", encoding="utf-8")
    edit(positions / "issues.yaml", "  - id: monitoring\n    title: Monitoring\n",
         "  - id: monitoring\n")  # a broken issue: entries citing it are set aside
    return river


def test_a_record_read_in_shares_is_the_record_read_here(
        river: Path, cores: list[int | None]) -> None:
    paths = RecordPaths(_troubled(river) / "positions", river / "seeds")
    with processes(1):
        alone = build_record(paths.positions, paths.seeds)
    with processes(4):
        shared = build_record(paths.positions, paths.seeds)
    assert len(cores) == 3 and None not in cores  # 8 files, 4 processes
    codes = {d.code for d in alone.diagnostics}
    assert {"duplicate-party", "alias-clash", "file-name-mismatch", "yaml-syntax",
            "missing-field"} <= codes, codes
    assert alone.record.set_aside  # quotes of entries whose issue is broken
    assert shared.diagnostics == alone.diagnostics
    assert shared.record == alone.record


def test_a_file_over_the_size_limit_does_not_make_a_small_record_fork(
        river: Path, cores: list[int | None]) -> None:
    """It is refused unread, so it weighs nothing when the work is cut into shares."""
    with open(river / "positions" / "giant.yaml", "wb") as giant:
        giant.truncate(MAX_BYTES + 1)  # sparse: no disk used
    loaded = build_record(river / "positions", river / "seeds")
    assert "file-too-large" in {d.code for d in loaded.diagnostics}
    assert cores == []


def test_quotes_located_in_shares_are_located_as_here(
        tmp_path: Path, cores: list[int | None]) -> None:
    made = generate(Size(seeds=6, seed_bytes=2_000, parties=2, issues=4, quotes=30), tmp_path)
    for party in made.party_ids:
        edit(made.positions / f"{party}.yaml", "quote: ", "quote: never said, ")
    seed = sorted(made.seeds.glob("*.txt"))[-1]
    seed.write_bytes(seed.read_bytes()[:500] + b"\xff")  # a seed that cannot be read
    paths = RecordPaths(made.positions, made.seeds)
    with processes(1):
        alone = run_check(paths)
    told: list[tuple[int, int]] = []
    with processes(4):
        shared = run_check(paths, progress=lambda done, total: told.append((done, total)))
    assert len(cores) >= 1 + 2 and None not in cores  # the party files, then the quotes
    codes = [d.code for d in alone.diagnostics]
    assert "quote-not-found" in codes and "not-utf8" in codes, codes
    assert shared.diagnostics == alone.diagnostics
    assert shared.matches == alone.matches and alone.matches["exact"] > 0
    assert [e.match for e in shared.record.evidence()] == \
        [e.match for e in alone.record.evidence()]
    total = alone.summary()["quotes"]
    assert told[0] == (0, total) and told[-1] == (total, total)
