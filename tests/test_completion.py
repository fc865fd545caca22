"""Shell completion of party and issue ids from the record in use: the callbacks, and
one round through click's completion protocol as bash drives it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.main import get_command
from typer.testing import CliRunner

from posdiff.cli import app
from posdiff.cli import options as completion

from tests.conftest import DATA


def _context(**params: object) -> typer.Context:
    ctx = typer.Context(get_command(app))
    ctx.params.update(params)
    return ctx


def test_parties_complete_to_the_ids_of_the_record_here(river: Path) -> None:
    assert completion.party_ids(_context(), "") == [
        ("downstream", "Downstream State"), ("mediator", "Mediator"),
        ("upstream", "Upstream State")]
    assert completion.party_ids(_context(), "up") == [("upstream", "Upstream State")]
    assert completion.party_ids(_context(), "x") == []


def test_issues_complete_to_the_ids_of_the_record_here(river: Path) -> None:
    assert completion.issue_ids(_context(), "") == [
        ("water-share", "Summer water share"), ("monitoring", "Monitoring")]
    assert completion.issue_ids(_context(), "mon") == [("monitoring", "Monitoring")]


def test_the_record_named_by_positions_is_the_one_used(river: Path) -> None:
    lakeside = _context(positions=DATA / "lakeside" / "positions")
    assert completion.party_ids(lakeside, "") == [("north", "Northern Delegation")]
    assert completion.issue_ids(lakeside, "") == [("pause", "Pause in the fighting")]


def test_topics_complete(river: Path) -> None:
    assert [name for name, _ in completion.topics("")] == ["data-format", "curation", "quotes",
                                                          "record-changes", "forecast", "api"]
    assert [name for name, _ in completion.topics("cu")] == ["curation"]


def test_a_record_with_errors_still_completes(river: Path) -> None:
    (river / "positions/upstream.yaml").write_text("party: upstream\nname: [", encoding="utf-8")
    assert [p for p, _ in completion.party_ids(_context(), "")] == ["downstream", "mediator"]


@pytest.mark.parametrize("why", ["missing folder", "unexpected failure"])
def test_any_failure_means_no_candidates_and_no_output(
        why: str, river: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    ctx = _context(positions=river / "nowhere")
    if why == "unexpected failure":
        def broken(*_: object) -> None:
            raise RuntimeError("boom")
        monkeypatch.setattr("posdiff.record.read_record", broken)
        ctx = _context()
    assert completion.party_ids(ctx, "") == []
    assert completion.issue_ids(ctx, "") == []
    assert capsys.readouterr() == ("", "")


def _complete(*words: str) -> tuple[int, str, str]:
    """What bash gets back for the command line ``words``, completing the last one."""
    env = {"_POSDIFF_COMPLETE": "complete_bash", "COMP_WORDS": " ".join(words),
           "COMP_CWORD": str(len(words) - 1)}
    result = CliRunner().invoke(app, [], env=env, prog_name="posdiff")
    return result.exit_code, result.stdout, result.stderr


def test_bash_completes_parties_and_issues_end_to_end(river: Path) -> None:
    assert _complete("posdiff", "compare", "") == (
        0, "downstream\nmediator\nupstream\n", "")
    assert _complete("posdiff", "compare", "upstream", "d") == (0, "downstream\n", "")
    assert _complete("posdiff", "show", "upstream", "--issue", "w") == (
        0, "water-share\n", "")
    assert _complete("posdiff", "compromise", "--positions",
                     str(DATA / "lakeside" / "positions"), "") == (0, "north\n", "")
    assert _complete("posdiff", "compare", "--positions", "nowhere", "") == (0, "\n", "")
    # An empty word before the one completed (refused in a run) does not stop completion.
    assert _complete("posdiff", "compare", "''", "u") == (0, "upstream\n", "")


def test_a_normal_run_does_not_load_the_record_for_completion() -> None:
    # Building the command line (every option and its completion callback) must not
    # import the record's machinery: only a command that needs it does.
    code = ("import sys, posdiff.cli, typer.main; typer.main.get_command(posdiff.cli.app); "
            "print(sorted(m for m in ('posdiff.model', 'posdiff.record.validate', "
            "'posdiff.record.yaml', 'yaml') if m in sys.modules))")
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert ran.stdout == "[]\n"
