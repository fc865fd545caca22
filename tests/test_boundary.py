"""The CLI boundary: an unexpected exception is one line and exit 70, the traceback
only on request; click's own exits pass through; output never fails to encode."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from posdiff.cli import INTERNAL_ERROR, app
from posdiff.reports import matrix as matrix_reports

from tests.conftest import Invoke


def _boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom\n::error::forged")


def test_an_unexpected_exception_is_one_line_and_exit_70(
        river: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matrix_reports, "matrix_report", _boom)
    result = CliRunner().invoke(app, ["matrix"])
    assert result.exit_code == INTERNAL_ERROR
    assert result.stderr == ("posdiff: internal error: RuntimeError: boom\\n::error::forged; "
                             "run with --debug for details\n")
    assert result.stdout == ""


@pytest.mark.parametrize(("args", "env"), [(["--debug", "matrix"], {}),
                                           (["matrix"], {"POSDIFF_DEBUG": "1"})])
def test_debug_shows_the_traceback(river: Path, monkeypatch: pytest.MonkeyPatch,
                                   args: list[str], env: dict[str, str]) -> None:
    monkeypatch.setattr(matrix_reports, "matrix_report", _boom)
    result = CliRunner().invoke(app, args, env=env)
    assert result.exit_code == INTERNAL_ERROR
    assert "Traceback (most recent call last)" in result.stderr
    assert result.stderr.endswith("run with --debug for details\n")


@pytest.mark.parametrize(("args", "code"), [(["matrix", "--no-such-option"], 2),
                                            (["--version"], 0), (["check", "--help"], 0)])
def test_click_exits_pass_through(river: Path, posdiff: Invoke, args: list[str],
                                  code: int) -> None:
    result = posdiff(*args)
    assert result.exit_code == code and "internal error" not in result.stderr


def _run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    kept = {name: os.environ[name] for name in ("PATH", "PYTHONPATH") if name in os.environ}
    return subprocess.run([sys.executable, "-m", "posdiff", *args], cwd=cwd,
                          env={**kept, **env}, capture_output=True, check=False, timeout=60)


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "ascii", "HOME": "/nonexistent"},
                                 {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}])
def test_non_ascii_text_on_an_ascii_terminal_is_escaped(river: Path,
                                                        env: dict[str, str]) -> None:
    """HOME is unset here too (only PATH and the variables given are passed)."""
    for args in (["show", "upstream"], ["check"], ["compare", "upstream", "downstream",
                                                   "-f", "markdown"]):
        done = _run(args, river, **env)
        assert done.returncode == 0, done.stderr
        assert b"Traceback" not in done.stderr
        done.stdout.decode("ascii")  # nothing the stream could not encode got through


@pytest.mark.parametrize("positions", ["/", "a" * 5000, "\udcff"])
def test_odd_positions_values_are_usage_errors(posdiff: Invoke, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch,
                                               positions: str) -> None:
    monkeypatch.chdir(tmp_path)
    for command in ("check", "matrix"):
        result = posdiff(command, "--positions", positions)
        assert result.exit_code == 2, result.stderr
        assert result.stderr.startswith(("posdiff: --positions", "posdiff: no seeds folder "
                                         "beside the positions folder")), result.stderr
        assert len(result.stderr) < 300
