"""Terminal manners: styles only where wanted, and a closed pipe ends every command alike."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, Invoke

STYLE = "\x1b["


@pytest.mark.parametrize(("env", "option", "styled"), [
    ({}, None, False),  # a pipe (here, the test runner's buffer) gets no styles
    ({"FORCE_COLOR": "1"}, None, True),
    ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, None, False),  # NO_COLOR turns off every style
    ({"FORCE_COLOR": "1"}, "never", False),
    ({"NO_COLOR": "1"}, "always", True),  # the option wins over the variables
    ({}, "always", True),
])
def test_styles_follow_no_color_force_color_and_the_option(
        river: Path, posdiff: Invoke, monkeypatch: pytest.MonkeyPatch,
        env: dict[str, str], option: str | None, styled: bool) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    args = ["--color", option] if option else []
    for command in (["matrix"], ["compare", "upstream", "downstream"]):
        assert (STYLE in posdiff(*args, *command).stdout) is styled


COMMANDS = [["matrix"], ["show", "russia"], ["check"], ["docs", "curation"]]


def test_a_closed_pipe_ends_every_command_quietly_with_the_same_code() -> None:
    codes = set()
    for command in COMMANDS:
        run = subprocess.Popen([sys.executable, "-m", "posdiff", *command], cwd=REPO,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert run.stdout is not None and run.stderr is not None
        run.stdout.close()  # like `| head -0`: whatever posdiff prints meets a closed pipe
        with run.stderr:
            assert run.stderr.read() == b"", command
        codes.add(run.wait())
    assert codes == {1}
