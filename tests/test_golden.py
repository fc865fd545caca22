"""Golden files of what people see: every command in every format, tables at 80 and 120
columns, on the shipped record and on the river record. `POSDIFF_UPDATE_GOLDEN=1 python -m
pytest tests/test_golden.py` rewrites them; review the diff before committing it."""

from __future__ import annotations

import re

import pytest

from tests.conftest import DATA, REPO, Invoke, golden

RECORDS = {
    "shipped": (REPO, ["compare russia ukraine", "compare us europe --evidence", "matrix",
                       "compromise", "compromise russia ukraine us --issue territory",
                       "parties", "issues", "issues --issue territory", "coverage",
                       "show russia", "changes", "seeds", "forecast"]),
    "river": (DATA / "river", ["compare upstream downstream --evidence", "matrix",
                               "compromise --issue water-share", "parties", "issues --long",
                               "coverage", "show upstream --history", "changes", "seeds",
                               "forecast --sensitivity"]),
}
CASES = [(record, command, output, width)
         for record, (_, commands) in RECORDS.items() for command in commands
         for output, widths in (("table", (80, 120)), ("markdown", (0,)), ("csv", (0,)),
                                ("json", (0,)))
         for width in widths]


def _name(record: str, command: str, output: str, width: int) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", command).strip("-")
    return f"{record}/{slug}.{output}{f'.{width}' if width else ''}.txt"


@pytest.mark.parametrize(("record", "command", "output", "width"), CASES,
                         ids=[_name(*case) for case in CASES])
def test_what_people_see(record: str, command: str, output: str, width: int,
                         posdiff: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(RECORDS[record][0])
    monkeypatch.setenv("COLUMNS", str(width or 120))
    result = posdiff(*command.split(), "--format", output)
    assert result.exit_code == 0, result.stderr
    if output == "table":
        assert all(len(line) <= width for line in result.stdout.splitlines()), "too wide"
        assert not any(line.endswith(" ") for line in result.stdout.splitlines())
    golden(_name(record, command, output, width), result.stdout)
