"""No value can start a line of its own in text, GitHub or Markdown output; CSV text is
never a formula; every JSON document parses strictly."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from posdiff.render.inert import inert_json

from tests.conftest import Invoke, edit
from tests.test_cli import LATER_MEDIATOR

FORGERY = "x\n::error file=a.yaml,line=1::forged\nok: 0 errors, 0 warnings\r\tend"
STANCE = "stance: Releases at most 40 per cent of the summer flow."


def _forge(river: Path) -> None:
    """Line breaks, tabs and carriage returns in text a record may hold: a stance and the
    issues' titles (a name, matched as written, may hold none: check refuses it)."""
    edit(river / "positions/upstream.yaml", STANCE, f"stance: {json.dumps(FORGERY)}")
    for title in ("Summer water share", "Monitoring"):
        edit(river / "positions/issues.yaml", f"title: {title}\n",
             f"title: {json.dumps(title + FORGERY)}\n")


@pytest.mark.parametrize("output", ["text", "github"])
def test_a_value_cannot_forge_a_line_of_check_output(river: Path, posdiff: Invoke,
                                                     output: str) -> None:
    edit(river / "positions/upstream.yaml", "issue: monitoring",
         f"issue: {json.dumps(FORGERY)}")
    result = posdiff("check", "-f", output)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert not any(line.startswith(("::error file=a.yaml", "ok:", "\t")) for line in lines)
    summary = next(i for i, line in enumerate(lines) if line.startswith(("failed:", "posdiff")))
    assert summary == 1 and "\\n::error" in lines[0]  # the problem: one line, then the summary
    assert lines[1].startswith("failed: 1 error," if output == "text" else "posdiff check:")
    # the summary, posdiff's own words, may wrap at words: what follows is its own
    assert all(not line.startswith(("::", "ok:")) for line in lines[2:])


def test_a_long_value_is_not_wrapped_into_a_line_of_its_own(river: Path,
                                                            posdiff: Invoke) -> None:
    wide = "x" * 200 + " ok: 0 errors, 0 warnings"
    edit(river / "positions/upstream.yaml", "issue: monitoring", f"issue: {json.dumps(wide)}")
    lines = posdiff("check").stdout.splitlines()
    assert lines[1].startswith("failed:") and not any(line.startswith("ok:") for line in lines)


@pytest.mark.parametrize("args", [["show", "upstream"], ["parties"],
                                  ["compare", "upstream", "downstream"],
                                  ["compromise", "-i", "water-share"]])
@pytest.mark.parametrize("output", ["table", "markdown"])
def test_values_with_line_breaks_stay_on_their_line(river: Path, posdiff: Invoke,
                                                    args: list[str], output: str) -> None:
    _forge(river)
    result = posdiff(*args, "-f", output)
    assert result.exit_code == 0, result.stderr
    for line in result.stdout.splitlines():
        assert not line.lstrip(" |").startswith(("::error", "ok:")), line
    assert "\t" not in result.stdout and "\r" not in result.stdout


def _csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("stance", ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)",
                                    "\tx", "\rx"])
def test_csv_text_is_never_a_formula(river: Path, posdiff: Invoke, stance: str) -> None:
    edit(river / "positions/upstream.yaml", STANCE, f"stance: {json.dumps(stance)}")
    rows = _csv(posdiff("show", "upstream", "-f", "csv").stdout)
    cells = [cell for row in rows for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    assert any(cell.startswith("'") for cell in cells)


def test_csv_negative_numbers_stay_numbers(river: Path, posdiff: Invoke) -> None:
    with (river / "positions/mediator.yaml").open("a", encoding="utf-8") as party:
        party.write(LATER_MEDIATOR.replace("position: even split", "position: 30"))
    rows = _csv(posdiff("changes", "-f", "csv").stdout)
    assert [row[rows[0].index("shift")] for row in rows[1:]] == ["-15"]


def test_json_refuses_to_print_a_number_that_is_not_finite() -> None:
    """Validation keeps every number finite; should one slip through, posdiff stops
    (an internal error) rather than print JSON that strict parsers reject."""
    with pytest.raises(ValueError, match="Out of range float values"):
        inert_json({"mean": float("nan")})
    assert inert_json({"a": "\x85\x7f"}) == '{\n  "a": "\\u0085\\u007f"\n}'


def _strict(text: str) -> Any:
    def refuse(constant: str) -> None:
        raise ValueError(f"not strict JSON: {constant}")
    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize("args", [["compare", "upstream", "downstream", "--evidence"],
                                  ["matrix"], ["compromise"], ["compromise", "-i", "monitoring"],
                                  ["parties"], ["issues"], ["coverage"], ["changes"],
                                  ["show", "upstream", "--history"]])
def test_json_output_parses_strictly(river: Path, posdiff: Invoke, args: list[str]) -> None:
    _forge(river)
    result = posdiff(*args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    _strict(result.stdout)
    result.stdout.encode("utf-8")


@pytest.mark.parametrize(("value", "cell"), [
    (0, "0"), (12, "12"), (10_485_760, "10485760"), (95.0, "95"), (88.2345, "88.23"),
    (-15.0, "-15"), (-0.001, "0"), (-0.5, "-0.5"), (0.0, "0"), (1_000_000.0, "1000000"),
    (2.5, "2.5"), (True, "true"), (None, ""), (["a", "b"], "a;b")])
def test_csv_numbers_are_plain_fixed_point(value: object, cell: str) -> None:
    from posdiff.render.formats import csv_value

    assert csv_value(value) == cell


def test_counts_say_one_party_and_twenty_thousand_quotes() -> None:
    from posdiff.words import count

    assert [count(1, "party", "parties"), count(2, "party", "parties"), count(0, "issue"),
            count(20_000, "quote")] == ["1 party", "2 parties", "0 issues", "20,000 quotes"]


def test_a_position_midway_between_two_points_names_both() -> None:
    from posdiff.model import Issue, ScalePoint
    from posdiff.reports.wording import position_text

    from tests.builders import HERE, pos

    fees = Issue("fees", "Fees", "?", (ScalePoint(0, "no fee"), ScalePoint(50, "half fee"),
                                       ScalePoint(100, "full fee")), HERE)
    assert [position_text(fees, pos("fees", value)) for value in (25, 24, 26.5, 50, 75)] == [
        "25, midway between no fee and half fee", "24, nearest point: no fee",
        "26.5, nearest point: half fee", "50 half fee",
        "75, midway between half fee and full fee"]


def test_no_message_counts_with_a_plural_in_brackets() -> None:
    """'1 issue', '3 issues', never 'issue(s)': every count goes through words.count."""
    import re

    source = Path(__file__).resolve().parent.parent / "src" / "posdiff"
    found = [f"{path.relative_to(source)}:{number}: {line.strip()}"
             for path in sorted(source.rglob("*")) if path.suffix in {".py", ".html", ".j2"}
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if re.search(r"[a-z]\(s\)", line.replace("http(s)", ""))]
    assert not found, "\n".join(found)
