"""Every field given every kind of wrong value ends in a diagnostic at that field; numbers
are finite and bounded; ids match their pattern exactly; JSON output is strict."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from posdiff.record.check import run_check
from posdiff.record.paths import RecordPaths

from tests.conftest import Invoke, edit

# Where each field sits in the files of tests/data/river, as a path of keys.
FIELDS: dict[str, list[list[str | int]]] = {
    "positions/upstream.yaml": [
        ["party"], ["name"], ["aliases"], ["aliases", 0], ["clout"], ["positions"],
        *([["positions", 0, key] for key in (
            "issue", "as_of", "position", "salience", "acceptable", "red_line", "stance",
            "evidence")]),
        ["positions", 0, "acceptable", 0],
        *([["positions", 0, "evidence", 0, key] for key in ("seed", "quote", "prefix")]),
    ],
    "positions/issues.yaml": [
        ["issues"], *([["issues", 0, key] for key in ("id", "title", "question", "scale")]),
        ["issues", 0, "scale", 0, "at"], ["issues", 0, "scale", 0, "label"],
    ],
    "seeds/index.yaml": [
        ["seeds"], *([["seeds", 0, key] for key in ("id", "file", "date", "url")]),
    ],
}
WRONG: list[Any] = ["kremlin", 10 ** 400, -1, 1e308, float("nan"), float("inf"), True, None,
                    [], {}, ["x"], {"a": 1}, "", "x" * 100_000, "line\nbreak", "[bold]x[/bold]"]
CASES = [(file, path) for file, paths in FIELDS.items() for path in paths]


def _set(document: Any, path: list[str | int], value: Any) -> None:
    for key in path[:-1]:
        document = document[key]
    document[path[-1]] = value


@pytest.mark.parametrize(("file", "path"), CASES, ids=[f"{f}:{p}" for f, p in CASES])
def test_every_field_with_every_wrong_value(river: Path, file: str,
                                            path: list[str | int]) -> None:
    original = yaml.safe_load((river / file).read_text(encoding="utf-8"))
    for value in WRONG:
        document = yaml.safe_load(json.dumps(original, default=str))
        _set(document, path, value)
        text = yaml.safe_dump(document, allow_unicode=True, width=10 ** 6)
        (river / file).write_text(text, encoding="utf-8")
        report = run_check(RecordPaths(river / "positions", river / "seeds"))
        assert all(d.line >= 1 and d.column >= 1 and d.code for d in report.diagnostics)


@pytest.mark.parametrize(("old", "new", "code", "line"), [
    ("aliases: [highlands]", "aliases: kremlin", "wrong-type", 3),
    ("clout: 2", "clout: " + "9" * 400, "out-of-range", 4),
    ("clout: 2", "clout: 1.0e+308", "out-of-range", 4),
    ("clout: 2", "clout: 1000001", "out-of-range", 4),
    ("salience: 90", "salience: " + "9" * 400, "out-of-range", 9),
    ("position: 60", "position: -" + "9" * 400, "out-of-range", 8),
    ("position: 60", "position: .nan", "wrong-type", 8),
    ("salience: 90", "salience: -.inf", "wrong-type", 9),
    ("red_line: true", "red_line: !!bool maybe", "tag-mismatch", 11),
    ("as_of: 2024-05-01", "as_of: !!timestamp x", "tag-mismatch", 7),
    ("salience: 90", 'salience: !!int ""', "tag-mismatch", 9),
    ("party: upstream", 'party: "upstream\\n"', "invalid-id", 1),
])
def test_bad_values_are_reported_at_their_line(river: Path, posdiff: Invoke, old: str,
                                               new: str, code: str, line: int) -> None:
    edit(river / "positions/upstream.yaml", old, new)
    result = posdiff("check", "-f", "json")
    assert result.exit_code == 1
    found = json.loads(result.stdout)["problems"]
    assert any(p["file"] == "positions/upstream.yaml" and p["code"] == code
               and p["line"] == line for p in found), found


def test_ids_differing_by_a_trailing_newline_are_not_two_parties(river: Path,
                                                                 posdiff: Invoke) -> None:
    text = (river / "positions/upstream.yaml").read_text(encoding="utf-8")
    (river / "positions/upstream2.yaml").write_text(
        text.replace("party: upstream", 'party: "upstream\\n"').replace(
            "aliases: [highlands]", "").replace("Upstream State", "Other"), encoding="utf-8")
    found = json.loads(posdiff("check", "-f", "json").stdout)["problems"]
    assert {"file": "positions/upstream2.yaml", "line": 1, "column": 8,
            "code": "invalid-id"}.items() <= found[0].items(), found


def _strict(text: str) -> Any:
    def refuse(constant: str) -> None:
        raise ValueError(f"not JSON: {constant}")
    return json.loads(text, parse_constant=refuse)


def test_the_largest_clout_keeps_json_finite(river: Path, posdiff: Invoke) -> None:
    edit(river / "positions/upstream.yaml", "clout: 2", "clout: 1000000")
    for args in (["compromise"], ["compromise", "-i", "water-share"], ["parties"],
                 ["show", "upstream"], ["matrix"], ["compare", "upstream", "downstream"]):
        result = posdiff(*args, "-f", "json")
        assert result.exit_code == 0, result.stderr
        _strict(result.stdout)
