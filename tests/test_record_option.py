"""Naming the record: --record DIR on every command that reads one, and a folder given in
the wrong role told which role it fits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from posdiff.cli import app

from tests.conftest import Invoke

READERS = sorted(
    command.name or command.callback.__name__ for command in app.registered_commands
    if command.callback and "record_dir" in command.callback.__code__.co_varnames)


def test_every_command_that_reads_a_record_takes_record() -> None:
    assert sorted(["brief", "changes", "check", "compare", "compromise",
                              "coverage", "diff", "forecast", "issues", "matrix", "parties",
                              "seeds", "show", "trend"]) == READERS


@pytest.mark.parametrize("args", [["check", "--strict"], ["compare", "upstream", "downstream"],
                                  ["matrix"], ["compromise"], ["coverage"], ["parties"],
                                  ["issues"], ["changes"], ["show", "upstream"], ["seeds"],
                                  ["forecast"], ["trend"]])
def test_record_points_at_a_record_from_anywhere(river: Path, posdiff: Invoke,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path, args: list[str]) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = posdiff(*args, "--record", str(river))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""  # not the shipped example
    if args[0] == "parties":
        assert "upstream" in result.stdout


def test_the_record_root_given_as_positions_is_told_to_use_record(
        river: Path, posdiff: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(river.parent)
    for args in (["check", "--positions", "river"], ["compare", "upstream", "downstream",
                                                    "--positions", "river"]):
        result = posdiff(*args)
        assert result.exit_code == 2
        assert result.stderr == (
            "posdiff: --positions: 'river' is a record's root (it holds positions/ and "
            "seeds/); give it as --record DIR (the folder holding positions/ and seeds/)\n")


def test_a_seeds_folder_given_as_positions_says_what_it_is(river: Path, posdiff: Invoke) -> None:
    result = posdiff("check", "--positions", "seeds")
    assert result.exit_code == 2
    assert "'seeds' is a seeds folder (it holds index.yaml, not issues.yaml)" in result.stderr
    assert "give it as --seeds DIR" in result.stderr


def test_a_record_without_positions_is_refused(river: Path, posdiff: Invoke) -> None:
    result = posdiff("matrix", "--record", "seeds")
    assert result.exit_code == 2
    assert result.stderr.startswith("posdiff: --record: 'seeds' holds no positions/ folder")


def test_record_with_seeds_elsewhere(river: Path, posdiff: Invoke) -> None:
    (river / "seeds").rename(river / "texts")
    assert posdiff("check", "--record", ".").exit_code == 2
    result = posdiff("check", "--record", ".", "--seeds", "texts", "-f", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["ok"]
