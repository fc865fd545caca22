"""The Python API: its guide runs as written, and it is what the command line uses."""

from __future__ import annotations

import doctest
import subprocess
import sys

import pytest

import posdiff
from posdiff import api

from tests.conftest import REPO


def test_the_guide_runs_as_written() -> None:
    failures, tried = doctest.testfile(str(REPO / "docs" / "api.md"), module_relative=False)
    assert tried > 20 and failures == 0


def test_the_examples_in_the_docstrings_run() -> None:
    failures, tried = doctest.testmod(api)
    assert tried > 5 and failures == 0


def test_all_lists_what_is_there_and_nothing_else() -> None:
    for name in posdiff.__all__:
        assert getattr(posdiff, name) is not None, name
    with pytest.raises(AttributeError):
        posdiff.no_such_name  # noqa: B018


def test_importing_posdiff_loads_none_of_the_core() -> None:
    """`import posdiff` (which every run of the command line does) stays cheap."""
    loaded = subprocess.run(
        [sys.executable, "-c", "import posdiff, sys; print(sorted(m for m in sys.modules "
                               "if m.startswith('posdiff')))"],
        capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "['posdiff']"


def test_rows_are_plain_values_as_csv_writes_them() -> None:
    record = posdiff.load(posdiff.example())
    for result in (posdiff.compare(record, "us", "europe"), posdiff.matrix(record),
                   posdiff.compromise(record), posdiff.changes(record),
                   posdiff.forecast(record, issues="territory")):
        rows = result.rows()
        assert rows, result
        for row in rows:
            for value in row.values():
                assert value is None or type(value) in (str, int, float, bool, list) or \
                    type(value).__name__ == "date", (row, value)


def test_a_record_that_fails_check_raises_with_its_errors(river_broken: None) -> None:
    with pytest.raises(posdiff.InvalidRecord) as failed:
        posdiff.load()
    assert [d.code for d in failed.value.errors] == ["quote-not-found"]


@pytest.fixture
def river_broken(river: object) -> None:
    from pathlib import Path

    from tests.conftest import edit

    edit(Path("positions/upstream.yaml"), "quote: will not release",
         "quote: will never release")


def test_names_are_checked_as_on_the_command_line() -> None:
    record = posdiff.load(posdiff.example())
    with pytest.raises(posdiff.PosdiffError, match="did you mean 'russia'"):
        posdiff.compare(record, "rusia", "ukraine")
    with pytest.raises(posdiff.PosdiffError, match="is not a date like 2025-03-18"):
        posdiff.matrix(record, as_of="18 March")
    with pytest.raises(posdiff.PosdiffError, match="both name Russia"):
        posdiff.compare(record, "kremlin", "russia")


@pytest.mark.parametrize(("args", "called"), [
    (["compare", "upstream", "downstream"], "compare"),
    (["matrix"], "matrix"),
    (["compromise"], "compromise"),
    (["changes"], "changes"),
    (["forecast"], "forecast"),
    (["coverage"], "load"),
    (["show", "upstream"], "load"),
])
def test_the_command_line_goes_through_the_api(river: object, posdiff: object,
                                               monkeypatch: pytest.MonkeyPatch,
                                               args: list[str], called: str) -> None:
    calls: list[str] = []
    original = getattr(api, called)

    def spy(*given: object, **named: object) -> object:
        calls.append(called)
        return original(*given, **named)

    monkeypatch.setattr(api, called, spy)
    assert callable(posdiff)
    assert posdiff(*args).exit_code == 0
    assert calls == [called]
