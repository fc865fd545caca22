"""Terminal manners: styles only where wanted, and a closed pipe ends every command alike."""

from __future__ import annotations

import contextlib
import os
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


@pytest.mark.parametrize("unbuffered", ["1", ""])
def test_a_page_to_stdout_whose_reader_leaves_is_not_said_written(unbuffered: str) -> None:
    """`brief -o - | head -c 100`: unbuffered (PYTHONUNBUFFERED=1, as in many containers)
    a write that took 64 KiB of the page passed for the whole of it, and posdiff said
    "Wrote the standard output (166,540 bytes)" with exit 0."""
    env = {**os.environ, "PYTHONUNBUFFERED": unbuffered}
    run = subprocess.Popen([sys.executable, "-m", "posdiff", "brief", "-o", "-"], cwd=REPO,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert run.stdout is not None and run.stderr is not None
    assert run.stdout.read(100).startswith(b"<!doctype html>")
    run.stdout.close()  # the page is larger than a pipe holds: posdiff is still writing
    with run.stderr:
        assert run.stderr.read() == b""
    assert run.wait() == 1  # as every command whose reader leaves


@pytest.mark.parametrize(("command", "code"), [
    (["compare", "russia", "nobody"], 2),  # posdiff's own usage error
    (["compare", "--bogus"], 2),  # click's
    (["export", "ktab", "--issue", "ceasefire-scope", "-o", "-"], 0),  # says what it wrote
    (["check", "--record", "nowhere"], 2),
])
def test_a_closed_stderr_loses_the_message_not_the_exit_code(command: list[str],
                                                             code: int) -> None:
    """`posdiff ... 2>&1 >/dev/null | head -0`: every run ended 1, as if a record failed."""
    run = subprocess.Popen([sys.executable, "-m", "posdiff", *command], cwd=REPO,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert run.stderr is not None
    run.stderr.close()
    assert run.wait(timeout=60) == code


@pytest.mark.parametrize("command", [["check"], ["--version"], ["matrix"]])
def test_without_stderr_a_reader_that_leaves_still_ends_the_run_with_1(
        command: list[str]) -> None:
    """`posdiff check 2>&- | true` ended 120: click wrapped the missing stderr, which
    failed when Python flushed it at exit."""
    run = subprocess.Popen([sys.executable, "-m", "posdiff", *command], cwd=REPO,
                           stdout=subprocess.PIPE, preexec_fn=lambda: os.close(2))
    assert run.stdout is not None
    run.stdout.close()
    assert run.wait(timeout=60) == 1


def test_a_message_on_a_terminal_is_wrapped_at_its_width(tmp_path: Path) -> None:
    """One line each when piped (grep finds it whole, no value starts a line); on a
    terminal a 170-character message ran past 80 columns, cut mid-word by the terminal."""
    import pty

    reader, writer = pty.openpty()
    env = {**os.environ, "COLUMNS": "80"}
    run = subprocess.Popen([sys.executable, "-m", "posdiff", "compare", "russia", "ukraine"],
                           cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=writer, env=env)
    os.close(writer)
    said = b""
    with contextlib.suppress(OSError):  # the terminal closes when posdiff ends
        while chunk := os.read(reader, 4096):
            said += chunk
    assert run.wait(timeout=60) == 0
    lines = said.decode().replace("\r", "").splitlines()
    assert lines[0].startswith("posdiff: no record here or above; reading the example")
    assert len(lines) > 1 and all(len(line) <= 80 for line in lines), lines
    assert all(line.startswith("  ") for line in lines[1:])
    piped = subprocess.run([sys.executable, "-m", "posdiff", "compare", "russia", "ukraine"],
                           cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           env=env, check=True, timeout=60)
    assert len(piped.stderr.decode().splitlines()) == 1


def _posdiff(*command: str, **streams: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "posdiff", *command], cwd=REPO,
                          stderr=subprocess.PIPE, check=False, timeout=60,
                          **streams)  # type: ignore[call-overload]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("command", [["matrix"], ["check", "--format", "json"], ["--help"],
                                     ["--version"], ["docs", "curation"]])
def test_a_full_disk_is_told_in_one_line(command: list[str]) -> None:
    with open("/dev/full", "w", encoding="utf-8") as full:
        run = _posdiff(*command, stdout=full)
    assert run.stderr.decode() == "posdiff: cannot write the output: No space left on device\n"
    assert run.returncode == 74


@pytest.mark.parametrize("command", [["matrix"], ["matrix", "--format", "csv"], ["check"],
                                     ["--help"], ["--version"], ["matrix", "--help"]])
def test_a_closed_standard_output_is_told_before_any_work(command: list[str]) -> None:
    run = _posdiff(*command, stdin=subprocess.DEVNULL, preexec_fn=lambda: os.close(1))
    assert run.stderr.decode() == ("posdiff: standard output is closed; nothing could be "
                                   "printed\n")
    assert run.returncode == 74


def test_a_huge_columns_is_capped(river: Path, posdiff: Invoke,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    for columns in ("999999999999999999999999999999", "100000000"):
        monkeypatch.setenv("COLUMNS", columns)
        done = posdiff("parties")
        assert done.exit_code == 0, done.stderr
        assert max(map(len, done.stdout.splitlines())) == 1_000


@pytest.mark.parametrize("command", [["matrix"], ["compare", "russia", "ukraine"],
                                     ["docs", "curation"], ["check"]])
@pytest.mark.parametrize("columns", ["0", "-5", "many"])
def test_a_columns_of_no_use_is_taken_as_unset(command: list[str], columns: str,
                                               posdiff: Invoke,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    at_80 = posdiff(*command)
    monkeypatch.setenv("COLUMNS", columns)
    done = posdiff(*command)
    assert done.exit_code == at_80.exit_code == 0, done.stderr
    assert done.stdout == at_80.stdout != ""


@pytest.mark.parametrize(("command", "code", "said"), [
    ("check", 2, "posdiff: no record here or above"),
    ("compare russia ukraine", 0, "posdiff: no record here or above; reading the example"),
])
def test_a_current_folder_since_removed_is_no_record(tmp_path: Path, command: str, code: int,
                                                     said: str) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    run = subprocess.run(["sh", "-c", f'cd "{gone}" && rmdir "{gone}" && exec "$0" -m posdiff '
                          f"{command}", sys.executable], capture_output=True, text=True,
                         timeout=60, check=False)
    assert run.returncode == code, run.stderr
    assert run.stderr.startswith(said)


def test_init_from_a_removed_folder_writes_where_it_is_told(tmp_path: Path) -> None:
    gone, target = tmp_path / "gone", tmp_path / "talks"
    gone.mkdir()
    run = subprocess.run(["sh", "-c", f'cd "{gone}" && rmdir "{gone}" && exec "$0" -m posdiff '
                          f'init "{target}"', sys.executable], capture_output=True, text=True,
                         timeout=60, check=False)
    assert run.returncode == 0, run.stderr
    assert (target / "positions" / "issues.yaml").is_file()
