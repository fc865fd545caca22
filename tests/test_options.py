"""Every option is validated (usage error, exit 2, a clear message) and repeated values
count once; big inputs have a limit and show progress only on a terminal."""

from __future__ import annotations

import io
import itertools
import json
import re
from pathlib import Path

import pytest

from posdiff.analysis import distance as scoring
from posdiff.render import console as console_module
from posdiff.render.console import TerminalProgress

from tests.conftest import Invoke


@pytest.mark.parametrize("args", [
    ["compare", "upstream", "downstream", "-f", "json"],
    ["compromise", "-f", "json"],
    ["changes", "-f", "json"],
    ["show", "upstream", "-f", "json"],
])
def test_a_repeated_issue_counts_once(river: Path, posdiff: Invoke, args: list[str]) -> None:
    once = posdiff(*args, "--issue", "water-share")
    twice = posdiff(*args, "--issue", "water-share", "-i", "WATER-SHARE", "-i", "water-share")
    assert once.exit_code == twice.exit_code == 0
    assert json.loads(once.stdout) == json.loads(twice.stdout)


def test_a_repeated_issue_does_not_weigh_twice_in_the_distance(river: Path,
                                                               posdiff: Invoke) -> None:
    both = ["compare", "upstream", "downstream", "-f", "json", "-i", "monitoring"]
    alone = json.loads(posdiff(*both, "-i", "water-share").stdout)
    doubled = json.loads(posdiff(*both, "-i", "water-share", "-i", "water-share").stdout)
    assert doubled["distance"] == alone["distance"]
    assert [row["issue"] for row in doubled["issues"]] == ["monitoring", "water-share"]


@pytest.mark.parametrize(("args", "message"), [
    (["changes", "--since", "2025-03-01", "--until", "2025-01-01"],
     "posdiff: --since 2025-03-01 is after --until 2025-01-01; give the earlier date to "
     "--since\n"),
    (["compare", "upstream", "downstream", "--as-of", "nan"],
     "posdiff: --as-of: 'nan' is not a date like 2025-03-18\n"),
    (["changes", "--until", "inf"], "posdiff: --until: 'inf' is not a date like 2025-03-18\n"),
    (["matrix", "--as-of", "2025-13-01"],
     "posdiff: --as-of: 2025-13-01 is not a date: there is no month 13 (months run from 01 "
     "to 12)\n"),
])
def test_bad_option_values_are_usage_errors(river: Path, posdiff: Invoke, args: list[str],
                                            message: str) -> None:
    result = posdiff(*args)
    assert (result.exit_code, result.stderr, result.stdout) == (2, message, "")


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "0"])
def test_min_words_is_validated(river: Path, posdiff: Invoke, value: str) -> None:
    result = posdiff("check", "--min-words", value)
    assert result.exit_code == 2 and "--min-words" in result.stderr


def test_the_matrix_has_a_limit_on_parties(river: Path, posdiff: Invoke,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scoring, "MAX_MATRIX_PARTIES", 2)
    result = posdiff("matrix")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("posdiff: a matrix of 3 parties is over the limit of 2")
    assert posdiff("matrix", "--parties", "upstream,downstream").exit_code == 0


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("stream", "elapsed", "shown"), [
    (_Terminal(), 5.0, True), (io.StringIO(), 5.0, False), (_Terminal(), 0.2, False)])
def test_progress_only_on_a_terminal_and_only_when_long(
        monkeypatch: pytest.MonkeyPatch, stream: io.StringIO, elapsed: float,
        shown: bool) -> None:
    clock = iter([100.0, 100.0 + elapsed, 100.0 + elapsed + 1])
    monkeypatch.setattr(console_module.time, "monotonic", lambda: next(clock))
    with TerminalProgress("matrix: rows", stream) as progress:
        progress(1, 3)
    expected = "\rposdiff: matrix: rows 1 of 3\r\x1b[K" if shown else ""
    assert stream.getvalue() == expected


def test_stages_share_the_line_and_a_new_label_erases_the_old(
        monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([100.0, 102.0, 103.0, 104.0, 105.0])
    monkeypatch.setattr(console_module.time, "monotonic", lambda: next(clock))
    stream = _Terminal()
    with TerminalProgress("check: quotes", stream) as progress:
        progress.stage("reading party files")(100, 100)
        progress(5, 20)
        progress(20, 20)
    assert stream.getvalue() == ("\rposdiff: reading party files 100 of 100\x1b[K"
                                 "\rposdiff: check: quotes 5 of 20\x1b[K"
                                 "\rposdiff: check: quotes 20 of 20\r\x1b[K")


@pytest.mark.parametrize(("args", "stages"), [
    (["compare", "upstream", "downstream"], ["reading party files", "checking quotes"]),
    (["matrix"], ["reading party files", "checking quotes", "matrix: rows"]),
    (["check"], ["reading party files", "check: quotes"]),
    (["brief", "-o", "brief.html"], ["reading party files", "brief: checking quotes"]),
])
def test_commands_show_each_stage_on_a_terminal(
        river: Path, posdiff: Invoke, monkeypatch: pytest.MonkeyPatch, args: list[str],
        stages: list[str]) -> None:
    monkeypatch.setattr(console_module, "DELAY_SECONDS", 0.0)
    monkeypatch.setattr(TerminalProgress, "_terminal", lambda self: True)
    clock = iter(range(1_000_000))  # a second between any two reads of the clock
    monkeypatch.setattr(console_module.time, "monotonic", lambda: float(next(clock)))
    result = posdiff(*args)
    assert result.exit_code == 0, result.stderr
    drawn = re.findall(r"posdiff: (.+?) \d+ of \d+", result.stderr)
    assert [label for label, _ in itertools.groupby(drawn)] == stages, result.stderr


def test_reading_tells_its_progress_file_by_file(river: Path) -> None:
    from posdiff.record.check import run_check
    from posdiff.record.paths import RecordPaths

    told: list[tuple[int, int]] = []
    run_check(RecordPaths(river / "positions", river / "seeds"),
              reading=lambda done, total: told.append((done, total)))
    assert told == [(1, 3), (2, 3), (3, 3)]


def test_check_tells_its_progress_quote_by_seed(river: Path) -> None:
    from posdiff.record.check import run_check
    from posdiff.record.paths import RecordPaths

    told: list[tuple[int, int]] = []
    report = run_check(RecordPaths(river / "positions", river / "seeds"),
                       progress=lambda done, total: told.append((done, total)))
    total = report.summary()["quotes"]
    assert told and told[0] == (0, total) and all(t == total for _, t in told)
    assert [done for done, _ in told] == sorted(done for done, _ in told)
