"""Naming the record: --record DIR on every command that reads one, and a folder given in
the wrong role told which role it fits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from posdiff.cli import app

from tests.conftest import Invoke, edit

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
            "posdiff: --positions: 'river' is a record's root (it holds positions/); give it "
            "as --record DIR (the folder holding positions/ and seeds/)\n")


def test_a_seeds_folder_given_as_positions_says_what_it_is(river: Path, posdiff: Invoke) -> None:
    result = posdiff("check", "--positions", "seeds")
    assert result.exit_code == 2
    assert "'seeds' is a seeds folder (it holds index.yaml, not issues.yaml)" in result.stderr
    assert "give it as --seeds DIR" in result.stderr


def test_a_record_without_positions_is_refused(river: Path, posdiff: Invoke) -> None:
    (river / "empty").mkdir()
    result = posdiff("matrix", "--record", "empty")
    assert result.exit_code == 2
    assert result.stderr == "posdiff: --record: 'empty' holds no positions/ folder\n"


# Each option given each folder of a record it does not take, or a file: (option, folder,
# what the message says the folder is, the fix it names).
WRONG_ROLES = [
    ("--record", "seeds", "is a seeds folder (it holds index.yaml, not issues.yaml)",
     "give it as --seeds DIR"),
    ("--record", "positions", "is a positions folder (it holds issues.yaml)",
     "give it as --positions DIR, or the folder holding it as --record DIR"),
    ("--record", "a-file", "is not a folder", ""),
    ("--positions", ".", "is a record's root (it holds positions/)", "give it as --record DIR"),
    ("--positions", "seeds", "is a seeds folder", "give it as --seeds DIR"),
    ("--positions", "a-file", "is not a folder", ""),
    ("--seeds", ".", "is a record's root (it holds positions/)", "give it as --record DIR"),
    ("--seeds", "positions", "is a positions folder (it holds issues.yaml)",
     "give it as --positions DIR"),
    ("--seeds", "a-file", "is not a folder", ""),
]


@pytest.mark.parametrize("command", [["check"], ["matrix"], ["seeds"], ["brief", "-o", "b.html"],
                                     ["show", "upstream"], ["forecast"], ["trend"]])
@pytest.mark.parametrize(("option", "folder", "what", "fix"), WRONG_ROLES,
                         ids=[f"{o} {f}" for o, f, _, _ in WRONG_ROLES])
def test_a_folder_in_the_wrong_role_is_refused_with_the_role_it_fits(
        river: Path, posdiff: Invoke, command: list[str], option: str, folder: str,
        what: str, fix: str) -> None:
    (river / "a-file").write_text("not a folder\n", encoding="utf-8")
    result = posdiff(*command, option, folder)
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith(f"posdiff: {option}: '{folder}' {what}"), result.stderr
    assert fix in result.stderr and result.stderr.count("\n") == 1
    assert not (river / "b.html").exists()


def test_a_record_without_seeds_names_the_record_not_an_option_not_given(
        river: Path, posdiff: Invoke) -> None:
    (river / "seeds").rename(river / "texts")
    result = posdiff("matrix", "--record", ".")
    assert result.exit_code == 2
    assert result.stderr.startswith("posdiff: --record: '.' holds no seeds/ folder beside "
                                    "positions/"), result.stderr
    assert "give --seeds DIR" in result.stderr


def test_seeds_alone_outside_any_record_is_refused(river: Path, posdiff: Invoke,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    """Not paired with the example record's positions, which are not the user's."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = posdiff("matrix", "--seeds", str(river / "seeds"))
    assert result.exit_code == 2
    assert "--seeds is given, but there is no record here or above" in result.stderr
    # Its parent holds positions/ too: the option that reads both is named.
    assert f"--record {river} reads both" in result.stderr


@pytest.mark.parametrize(("given", "what", "fix"), [
    ("", "is a record's root (it holds positions/)", "give it as --record DIR"),
    ("positions", "is a positions folder (it holds issues.yaml)", "give it as --positions DIR"),
])
def test_a_folder_in_the_wrong_role_outside_any_record_is_told_its_role(
        river: Path, posdiff: Invoke, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        given: str, what: str, fix: str) -> None:
    """Inside a record, `--seeds ROOT` was told to use --record; outside any, it was told
    to give --positions."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    folder = str(river / given) if given else str(river)
    result = posdiff("check", "--seeds", folder)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"posdiff: --seeds: '{folder}' {what}"), result.stderr
    assert fix in result.stderr


def test_positions_given_beside_record_is_told_its_role_too(river: Path,
                                                             posdiff: Invoke) -> None:
    """`--record R --positions R/seeds` read the index as a party file (nine errors)."""
    result = posdiff("check", "--record", ".", "--positions", "seeds")
    assert result.exit_code == 2
    assert result.stderr.startswith("posdiff: --positions: 'seeds' is a seeds folder"), \
        result.stderr


def test_record_with_seeds_elsewhere(river: Path, posdiff: Invoke) -> None:
    (river / "seeds").rename(river / "texts")
    assert posdiff("check", "--record", ".").exit_code == 2
    result = posdiff("check", "--record", ".", "--seeds", "texts", "-f", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["ok"]


def test_positions_given_with_record_is_taken(river: Path, posdiff: Invoke,
                                              tmp_path: Path) -> None:
    """As --seeds is: an option given is never ignored in silence."""
    broken = tmp_path / "broken-positions"
    (river / "positions").rename(broken)
    (river / "positions").mkdir()
    result = posdiff("check", "--record", ".", "--positions", str(broken))
    assert result.exit_code == 0, result.stderr
    edit(broken / "issues.yaml", "id: monitoring", "id: Monitoring")
    assert posdiff("check", "--record", ".", "--positions", str(broken)).exit_code == 1


def test_positions_given_an_empty_folder_says_so(river: Path, posdiff: Invoke) -> None:
    """Not 'no seeds folder beside the positions folder': the folder given is the fault."""
    (river / "empty").mkdir()
    result = posdiff("check", "--positions", "empty")
    assert result.exit_code == 2
    assert result.stderr == ("posdiff: --positions: 'empty' holds no issues.yaml and no "
                             "party file\n")
