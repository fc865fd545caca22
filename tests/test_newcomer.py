"""What a newcomer trips on: options given after the command, click's own errors bounded
as posdiff's are, help that reads as Typer users expect, dates that do not exist."""

from __future__ import annotations

import re

import pytest

from posdiff.cli import app
from posdiff.cli.app import global_options_first

from tests.conftest import Invoke


@pytest.mark.parametrize(("args", "reordered"), [
    (["matrix", "--color", "always"], ["--color", "always", "matrix"]),
    (["matrix", "--color=never", "-f", "csv"], ["--color=never", "matrix", "-f", "csv"]),
    (["compare", "a", "b", "--debug"], ["--debug", "compare", "a", "b"]),
    (["export", "ktab", "--version"], ["--version", "export", "ktab"]),
    (["show", "--", "--debug"], ["show", "--", "--debug"]),
    (["--color", "never", "matrix"], ["--color", "never", "matrix"]),
])
def test_the_apps_own_options_move_before_the_command(args: list[str],
                                                      reordered: list[str]) -> None:
    assert global_options_first(args) == reordered


@pytest.mark.parametrize("args", [["matrix", "--color", "never"], ["matrix", "--debug"],
                                  ["parties", "--color=always"]])
def test_global_options_work_after_the_command(river: object, posdiff: Invoke,
                                               args: list[str]) -> None:
    result = posdiff(*args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout


def test_version_after_a_command_prints_the_version(posdiff: Invoke) -> None:
    result = posdiff("matrix", "--version")
    assert result.exit_code == 0 and result.stdout.startswith("posdiff ")


def test_colour_after_the_command_colours(river: object, posdiff: Invoke,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR")
    assert "\x1b[" in posdiff("matrix", "--color", "always").stdout
    assert "\x1b[" not in posdiff("matrix", "--color", "never").stdout


@pytest.mark.parametrize("value", ["x" * 10_000, "a\udcffb", "x" * 300 + "\udcfe"])
def test_clicks_own_errors_echo_a_value_bounded_and_printable(river: object, posdiff: Invoke,
                                                              value: str) -> None:
    result = posdiff("compare", "upstream", "downstream", "--format", value)
    assert result.exit_code == 2
    message = result.stderr.splitlines()[-1]
    assert message.startswith("Error: Invalid value for '--format'")
    assert len(message) < 400
    assert "\\udc" not in message
    if "\udcff" in value:
        assert "'a\\xffb'" in message


def test_an_unknown_option_is_bounded_too(posdiff: Invoke) -> None:
    result = posdiff("matrix", "--" + "y" * 5_000)
    assert result.exit_code == 2 and len(result.stderr) < 600


def test_help_shows_the_metavars_typer_users_expect(posdiff: Invoke) -> None:
    assert " compare [OPTIONS] A B\n" in posdiff("compare", "--help").stdout
    assert " show [OPTIONS] PARTY\n" in posdiff("show", "--help").stdout
    for command in app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        text = posdiff(name, "--help").stdout
        assert not re.search(r"\{\w+\}|<str>|<directory>|<path>", text), (name, text)
        if "--issue" in text:
            assert "-i, --issue ID" in text
