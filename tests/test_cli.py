"""The commands as a user runs them: exit codes, formats, and what the tables show."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from posdiff.cli import app, app_for

from tests.conftest import DATA, REPO, Invoke, edit, golden

# -- check ---------------------------------------------------------------------

def test_check_passes_a_clean_record(river: Path, posdiff: Invoke) -> None:
    result = posdiff("check")
    assert result.exit_code == 0
    assert result.stdout.startswith("ok: 0 errors, 0 warnings; 3 parties, 2 issues")


def test_check_fails_with_file_line_and_code(river: Path, posdiff: Invoke) -> None:
    edit(river / "positions/upstream.yaml", "salience: 90", "salience: 190")
    result = posdiff("check")
    assert result.exit_code == 1
    assert ("positions/upstream.yaml:9:15: error [out-of-range] positions[0].salience: "
            "190 is out of range: must be between 0 and 100") in result.stdout
    assert any(line.startswith("failed: 1 error,") for line in result.stdout.splitlines())


def test_warnings_fail_only_with_strict(river: Path, posdiff: Invoke) -> None:
    edit(river / "positions/upstream.yaml",  # twice in the seed: ambiguous, a warning
         "quote: will not release more than 40 per cent of the summer flow",
         "quote: per cent of the summer flow")
    assert posdiff("check").exit_code == 0
    strict = posdiff("check", "--strict")
    assert strict.exit_code == 1
    assert "warning [quote-ambiguous]" in strict.stdout


def test_check_json_lists_every_problem_with_its_fields(river: Path, posdiff: Invoke) -> None:
    edit(river / "positions/upstream.yaml", "issue: monitoring", "issue: monitorin")
    result = posdiff("check", "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["ok"] is False
    assert document["problems"] == [{
        "file": "positions/upstream.yaml", "line": 24, "column": 12, "severity": "error",
        "code": "unknown-issue", "path": "positions[1].issue",
        "message": "positions[1].issue: no issue 'monitorin' in the catalogue; "
                   "did you mean 'monitoring'?"}]
    assert document["summary"]["errors"] == 1
    assert document["summary"]["quotes_exact"] == 6  # the entry left out: its quote too


def test_check_github_annotations(river: Path, posdiff: Invoke,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    edit(river / "positions/upstream.yaml", "salience: 90", "salience: 190")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")  # chosen automatically in Actions
    result = posdiff("check")
    first = result.stdout.splitlines()[0]
    assert first == ("::error file=positions/upstream.yaml,line=9,col=15::9:15 [out-of-range] "
                     "positions[0].salience: 190 is out of range: must be between 0 and 100")
    assert result.exit_code == 1


def test_check_on_a_missing_folder_is_a_usage_error(river: Path, posdiff: Invoke) -> None:
    result = posdiff("check", "--positions", "nowhere")
    assert result.exit_code == 2
    assert "--positions: 'nowhere' does not exist" in result.stderr


def test_a_seeds_folder_looked_for_is_not_said_to_be_given(river: Path,
                                                          posdiff: Invoke) -> None:
    (river / "seeds").rename(river / "sources")
    result = posdiff("check")
    assert result.exit_code == 2
    assert result.stderr == ("posdiff: no seeds folder beside the positions folder: 'seeds' "
                             "does not exist; give --seeds DIR to read another\n")
    assert posdiff("check", "--seeds", "sources").exit_code == 0


def test_an_unknown_format_is_a_usage_error(river: Path, posdiff: Invoke) -> None:
    assert posdiff("check", "--format", "xml").exit_code == 2
    assert posdiff("compare", "upstream", "downstream", "--format", "xml").exit_code == 2


# -- compare -------------------------------------------------------------------

def test_compare_table(river: Path, posdiff: Invoke) -> None:
    result = posdiff("compare", "upstream", "downstream")
    assert result.exit_code == 0
    golden("compare_upstream_downstream.txt", result.stdout)


def test_compare_json_follows_the_documented_shape(river: Path, posdiff: Invoke) -> None:
    document = json.loads(posdiff("compare", "Highlands", "DELTA", "-f", "json").stdout)
    assert document["parties"] == ["upstream", "downstream"]
    assert document["as_of"] is None
    # water-share: gap 30, weight 85; monitoring: gap 0, weight 45
    assert document["distance"] == round(30 * 85 / 130, 2)
    assert document["coverage"] == {"shared": 2, "total": 2}
    water = document["issues"][0]
    assert water == {
        "issue": "water-share",
        "positions": {"upstream": 60.0, "downstream": 30.0},
        "saliences": {"upstream": 90.0, "downstream": 80.0},
        "dates": {"upstream": "2024-05-01", "downstream": "2024-05-01"},
        "acceptable": {"upstream": [60.0, 70.0], "downstream": [20.0, 45.0]},
        "red_lines": {"upstream": True, "downstream": False},
        "gap": 30.0, "overlap": None, "red_line_clash": True,
        "basis": {"overlap": None, "red_line_clash": "inferred"},
        "claims": {"upstream": {"position": "stated", "acceptable": "inferred",
                                "red_line": "stated"},
                   "downstream": {"position": "stated", "acceptable": "inferred",
                                  "red_line": None}},
    }


def test_compare_lists_one_sided_issues_apart(river: Path, posdiff: Invoke) -> None:
    result = posdiff("compare", "mediator", "upstream")
    table, one_sided = result.stdout.split("Only one side has a position")
    assert "water-share" in table and "monitoring" not in table
    assert "monitoring" in one_sided and "Upstream State" in one_sided
    assert "Coverage: both have a position on 1 of 2 issues; 1 by one side only; 0 by " \
        "neither" in result.stdout


def test_compare_with_nothing_in_common_says_so(river: Path, posdiff: Invoke) -> None:
    result = posdiff("compare", "mediator", "upstream", "--issue", "monitoring", "-f", "json")
    assert json.loads(result.stdout)["distance"] is None
    table = posdiff("compare", "mediator", "upstream", "--issue", "monitoring").stdout
    assert "have no position on a common issue" in table


@pytest.mark.parametrize("day", ["2024-W18", "20240501", "2024-5-1", "2024-05-01T00:00",
                                 "2024-05- 01"])
def test_as_of_takes_a_date_written_like_2025_03_18_only(river: Path, posdiff: Invoke,
                                                         day: str) -> None:
    refused = posdiff("compare", "upstream", "downstream", "--as-of", day)
    assert refused.exit_code == 2
    assert refused.stderr == f"posdiff: --as-of: '{day}' is not a date like 2025-03-18\n"


@pytest.mark.parametrize(("day", "why"), [
    ("2024-02-30", "February 2024 has 29 days"), ("2023-02-29", "February 2023 has 28 days"),
    ("2024-04-31", "April 2024 has 30 days"), ("2024-13-01", "there is no month 13"),
    ("2024-00-10", "there is no month 0"), ("2024-01-00", "days run from 01"),
])
def test_a_date_of_the_right_shape_that_does_not_exist_says_why(
        river: Path, posdiff: Invoke, day: str, why: str) -> None:
    for option in ("--as-of", "--since", "--until"):
        command = "changes" if option != "--as-of" else "compare"
        args = [command, *(["upstream", "downstream"] if command == "compare" else [])]
        refused = posdiff(*args, option, day)
        assert refused.exit_code == 2
        assert refused.stderr.startswith(f"posdiff: {option}: {day} is not a date: {why}")
    edit(river / "positions" / "upstream.yaml", "as_of: 2024-05-01\n    position: 60",
         f"as_of: {day}\n    position: 60")
    found = posdiff("check", "-f", "json")
    assert found.exit_code == 1
    assert f"positions[0].as_of: {day} is not a date: {why}" in found.stdout


def test_an_unknown_name_is_quoted_short_and_as_valid_text(river: Path,
                                                           posdiff: Invoke) -> None:
    long = posdiff("compare", "x" * 100_000, "upstream")
    assert long.exit_code == 2
    assert len(long.stderr) < 400 and "x…x" in long.stderr
    undecodable = posdiff("show", "up\udcffstream")  # a byte that was not UTF-8
    assert undecodable.stderr.startswith("posdiff: unknown party 'up\\xffstream'")
    issue = posdiff("compare", "upstream", "downstream", "--issue", "y" * 100_000)
    assert len(issue.stderr) < 400


@pytest.mark.parametrize("command", [["docs"], ["schema"], ["schema", "--output"],
                                     ["compare", "upstream", "downstream", "--as-of"]])
def test_a_long_value_is_quoted_short(river: Path, posdiff: Invoke,
                                      command: list[str]) -> None:
    refused = posdiff(*command, "x" * 100_000)
    assert refused.exit_code == 2
    assert "x…x" in refused.stderr and len(refused.stderr) < 500


def test_suggestions_are_near_the_word_not_merely_inside_a_long_id() -> None:
    from posdiff.words import closest

    ids = ["ceasefire-scope", "ceasefire-conditions", "nato", "monitoring"]
    assert [closest(word, ids) for word in ("nope", "nato-membership", "monitorin", "x")] == [
        [], ["nato"], ["monitoring"], []]


def test_a_party_is_not_compared_with_itself(river: Path, posdiff: Invoke) -> None:
    padded = posdiff("compare", "upstream" + " " * 5_000, "UPSTREAM")  # a name, once stripped
    assert padded.exit_code == 2 and len(padded.stderr) < 400
    refused = posdiff("compare", "Upstream State", "UPSTREAM")
    assert refused.exit_code == 2
    assert refused.stderr == ("posdiff: 'Upstream State' and 'UPSTREAM' both name Upstream "
                              "State (upstream); compare two different parties\n")


def test_a_matrix_needs_two_different_parties_when_parties_are_named(
        river: Path, posdiff: Invoke) -> None:
    refused = posdiff("matrix", "upstream", "Upstream State")
    assert refused.exit_code == 2
    assert refused.stderr == ("posdiff: 'upstream', 'Upstream State' name only Upstream "
                              "State (upstream); name at least two different parties, or "
                              "none for all of them\n")
    assert posdiff("matrix", "upstream").stderr.startswith("posdiff: 'upstream' names only ")
    assert posdiff("matrix", "upstream", "downstream").exit_code == 0


def test_compare_csv_and_markdown(river: Path, posdiff: Invoke) -> None:
    rows = list(csv.DictReader(io.StringIO(posdiff("compare", "upstream", "downstream",
                                                   "-f", "csv").stdout)))
    assert [(r["issue"], r["party_a"], r["position_a"], r["gap"], r["red_line_clash"],
             r["clash_basis"], r["acceptable_low_b"]) for r in rows] == [
        ("water-share", "upstream", "60", "30", "true", "inferred", "20"),
        ("monitoring", "upstream", "0", "0", "false", "", "")]
    markdown = posdiff("compare", "upstream", "downstream", "-f", "markdown").stdout
    assert ("| water-share | 60, nearest point: even split [red line] (2024-05-01) | 30, nearest "
            "point: even split (2024-05-01) | 30 |") in markdown
    assert "- Red-line clashes: water-share" in markdown


def test_compare_sorts_and_filters(river: Path, posdiff: Invoke) -> None:
    # monitoring: gap 100, weight 45; water-share: gap 30, weight 85
    edit(river / "positions/downstream.yaml", "    position: 0\n", "    position: 100\n")

    def order(sort: str) -> list[str]:
        printed = posdiff("compare", "upstream", "downstream", "--sort", sort, "-f", "csv")
        return [r["issue"] for r in csv.DictReader(io.StringIO(printed.stdout))]

    assert order("issue") == ["water-share", "monitoring"]
    assert order("gap") == ["monitoring", "water-share"]
    assert order("salience") == ["water-share", "monitoring"]
    one = json.loads(posdiff("compare", "upstream", "downstream", "-i", "monitoring",
                             "-f", "json").stdout)
    assert [i["issue"] for i in one["issues"]] == ["monitoring"]


def test_compare_marks_entries_stated_far_apart(river: Path, posdiff: Invoke) -> None:
    edit(river / "positions/downstream.yaml", "as_of: 2024-05-01\n    position: 30",
         "as_of: 2024-03-01\n    position: 30")
    table = posdiff("compare", "upstream", "downstream", "-f", "markdown").stdout
    assert "| water-share* |" in table and "| monitoring |" in table
    assert "Entries over 60 days apart (*): water-share (2024-05-01 vs 2024-03-01)" in table
    edit(river / "positions/downstream.yaml", "as_of: 2024-03-01", "as_of: 2024-03-02")
    near = posdiff("compare", "upstream", "downstream", "-f", "markdown").stdout
    assert "| water-share |" in near and "Entries over" not in near


def test_compare_as_of(river: Path, posdiff: Invoke) -> None:
    before = json.loads(posdiff("compare", "mediator", "upstream", "--as-of", "2024-05-10",
                                "-f", "json").stdout)
    assert before["as_of"] == "2024-05-10"
    assert before["issues"][0]["positions"] == {"mediator": None, "upstream": 60.0}
    bad = posdiff("compare", "mediator", "upstream", "--as-of", "May 10")
    assert bad.exit_code == 2 and "not a date" in bad.stderr


def test_compare_evidence_shows_seed_and_line(river: Path, posdiff: Invoke) -> None:
    result = posdiff("compare", "upstream", "downstream", "--evidence", "-f", "markdown")
    assert "| 2024-05-01 | river-report, line 3: River Gazette, “River talks stall over summer " \
        "flows”, 2024-06-01 |" in result.stdout  # the entry's date apart from the source's
    document = json.loads(posdiff("compare", "upstream", "downstream", "--evidence",
                                  "-f", "json").stdout)
    quote = document["issues"][0]["evidence"]["upstream"][0]
    assert (quote["seed"], quote["line"], quote["match"]) == ("river-report", 3, "exact")


def test_unknown_names_exit_2_with_a_suggestion(river: Path, posdiff: Invoke) -> None:
    party = posdiff("compare", "upstream", "downstrem")
    assert party.exit_code == 2
    assert "unknown party 'downstrem'; did you mean 'downstream'?" in party.stderr
    issue = posdiff("compare", "upstream", "downstream", "--issue", "watershare")
    assert issue.exit_code == 2
    assert "did you mean 'water-share'?" in issue.stderr


def test_results_are_refused_from_a_broken_record(river: Path, posdiff: Invoke) -> None:
    edit(river / "positions/upstream.yaml", "salience: 90", "salience: 190")
    result = posdiff("compare", "upstream", "downstream")
    assert result.exit_code == 1
    assert "positions/upstream.yaml:9:15: [out-of-range]" in result.stderr
    assert "them all" not in result.stderr  # the one error is shown: no more to see


# -- matrix, compromise and the record -----------------------------------------

def test_matrix(river: Path, posdiff: Invoke) -> None:
    result = posdiff("matrix")
    golden("matrix.txt", result.stdout)
    document = json.loads(posdiff("matrix", "-f", "json").stdout)
    assert document["parties"] == ["downstream", "mediator", "upstream"]
    assert document["distance"]["upstream"]["downstream"] == round(30 * 85 / 130, 2)
    assert document["coverage"]["mediator"]["upstream"] == 1
    one = json.loads(posdiff("matrix", "--issue", "monitoring", "--parties",
                             "upstream,Lowlands", "-f", "json").stdout)
    assert one["parties"] == ["upstream", "downstream"]
    assert one["distance"]["upstream"]["downstream"] == 0


def test_compromise(river: Path, posdiff: Invoke) -> None:
    document = json.loads(posdiff("compromise", "upstream", "downstream", "mediator",
                                  "-f", "json").stdout)
    water = document["issues"][0]
    # weights: upstream 2 * 90 = 180, downstream 80, mediator 50 (named, so weighed)
    assert water["mean"] == round((60 * 180 + 30 * 80 + 45 * 50) / 310, 2)
    assert water["median"] == 60
    assert water["median_acceptable_to"] == ["mediator", "upstream"]
    detail = posdiff("compromise", "upstream", "downstream", "--issue", "water-share")
    assert "water-share: who stands where" in detail.stdout


def test_parties_issues_coverage_and_show(river: Path, posdiff: Invoke) -> None:
    parties = json.loads(posdiff("parties", "-f", "json").stdout)
    assert [p["party"] for p in parties["parties"]] == ["downstream", "mediator", "upstream"]
    issues = json.loads(posdiff("issues", "-f", "json").stdout)
    assert issues["issues"][1]["stated_by"] == ["downstream", "upstream"]
    coverage = json.loads(posdiff("coverage", "-f", "json").stdout)
    assert coverage["positions"]["monitoring"] == {"downstream": 0.0, "mediator": None,
                                                   "upstream": 0.0}
    shown = posdiff("show", "highlands", "--issue", "water-share", "--format", "markdown")
    assert "«will not release more than 40 per cent of the summer flow»" in shown.stdout
    assert "river-report, line 3" in shown.stdout


def test_show_of_a_party_silent_on_the_issues_prints_no_empty_tables(
        river: Path, posdiff: Invoke) -> None:
    shown = posdiff("show", "mediator", "--issue", "monitoring")
    assert shown.exit_code == 0, shown.stderr
    assert shown.stdout == ("Mediator [mediator, mediator], clout 1\n"
                            "No position on: monitoring\n")


def test_record_text_is_printed_literally(river: Path, posdiff: Invoke) -> None:
    """Markup is text (control characters are refused by check: test_hostile)."""
    edit(river / "positions/upstream.yaml", "stance: Releases",
         "stance: \"[bold red]Loud[/] [link=http://x]link[/link]\"\n    # Releases")
    result = posdiff("show", "upstream")
    said = " ".join(result.stdout.split())  # the cell may wrap
    assert "[bold red]Loud[/] [link=http://x]link[/link]" in said
    assert "\x1b" not in result.stdout


def test_every_command_has_help_with_an_example(posdiff: Invoke) -> None:
    from posdiff.cli import app

    names = [c.name or (c.callback.__name__ if c.callback else "") for c in
             app.registered_commands]
    readme = (DATA.parent.parent / "README.md").read_text(encoding="utf-8")
    for name in names:
        result = posdiff(name, "--help")
        assert result.exit_code == 0
        assert f"Example: posdiff {name}" in result.stdout
        assert f"posdiff {name}" in readme, f"README does not show `posdiff {name}`"


def test_version_and_python_dash_m(posdiff: Invoke) -> None:
    import subprocess
    import sys

    from posdiff import __version__

    assert posdiff("--version").stdout == f"posdiff {__version__}\n"
    ran = subprocess.run([sys.executable, "-m", "posdiff", "--version"], capture_output=True,
                         text=True, check=False)
    assert (ran.returncode, ran.stdout) == (0, f"posdiff {__version__}\n")


def test_outside_any_record_check_refuses_and_says_how_to_point_at_one(
        tmp_path: Path, posdiff: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for args in (["check"], ["check", "--strict"], ["check", "-f", "json"]):
        result = posdiff(*args)
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr.startswith("posdiff: no record here or above")
        assert "--record DIR" in result.stderr


@pytest.mark.parametrize("args", [["compare", "russia", "ukraine"], ["matrix"], ["parties"],
                                  ["issues"], ["coverage"], ["compromise"], ["show", "us"],
                                  ["changes"]])
def test_outside_any_record_other_commands_say_they_read_the_example(
        tmp_path: Path, posdiff: Invoke, monkeypatch: pytest.MonkeyPatch,
        args: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    result = posdiff(*args)
    assert result.exit_code == 0
    assert result.stderr.startswith("posdiff: no record here or above; reading the example "
                                    "record shipped with posdiff (")


def test_a_quote_not_found_anywhere_stops_every_command_not_only_those_that_show_it(
        river: Path, posdiff: Invoke) -> None:
    """Scores of parties whose own quotes are sound still come from a record that fails
    check: they are refused too (before, only commands that showed the quote refused)."""
    edit(river / "positions/downstream.yaml", "quote: want at least 70 per cent",
         "quote: demand at least 95 per cent of the winter")
    for args in (["show", "upstream"], ["compare", "upstream", "mediator"],
                 ["compare", "upstream", "downstream", "--evidence"]):
        refused = posdiff(*args)
        assert refused.exit_code == 1, args
        assert "[quote-not-found]" in refused.stderr


LATER_MEDIATOR = """
  - issue: water-share
    as_of: 2024-06-01
    position: even split
    salience: 60
    stance: Moved to an even split.
    evidence:
      - seed: river-report
        quote: The mediator proposed a 55 per cent share
"""


def test_changes_lists_each_move_with_its_shift(river: Path, posdiff: Invoke) -> None:
    with (river / "positions/mediator.yaml").open("a", encoding="utf-8") as party:
        party.write(LATER_MEDIATOR)
    document = json.loads(posdiff("changes", "-f", "json").stdout)
    [move] = document["changes"]
    assert (move["party"], move["issue"], move["shift"]) == ("mediator", "water-share", 5.0)
    assert (move["from"]["as_of"], move["to"]["as_of"]) == ("2024-05-20", "2024-06-01")
    assert move["changed"] == ["position", "acceptable", "salience"]
    table = posdiff("changes", "mediator", "-f", "markdown").stdout
    assert ("| mediator | water-share | 2024-05-20 | 2024-06-01 | position 45, nearest point: "
            "even split → 50 even split (+5); range 40–60 (inferred) → —; salience 50 → 60 |"
            ) in table
    assert "Largest move: mediator on water-share, 45 → 50 (2024-06-01)" in table
    none = posdiff("changes", "--since", "2024-07-01")
    assert "No party has changed anything since 2024-07-01." in none.stdout
    assert posdiff("changes", "--until", "soon").exit_code == 2
    reversed_window = posdiff("changes", "--since", "2024-07-01", "--until", "2024-01-01")
    assert reversed_window.exit_code == 2
    assert "--since 2024-07-01 is after --until 2024-01-01" in reversed_window.stderr


def test_changes_leave_out_restatements_and_round_as_tables_do(river: Path,
                                                                posdiff: Invoke) -> None:
    restated = LATER_MEDIATOR.replace("position: even split\n    salience: 60",
                                      "position: 45\n    note: as before\n    salience: 50\n"
                                      "    acceptable: [40, 60]\n    basis: inferred\n"
                                      "    reason: as before")
    with (river / "positions/mediator.yaml").open("a", encoding="utf-8") as party:
        party.write(restated)
    assert json.loads(posdiff("changes", "-f", "json").stdout)["changes"] == []
    edit(river / "positions/mediator.yaml", "position: 45\n    note: as before",
         "position: 45.4\n    note: as before")
    [move] = json.loads(posdiff("changes", "-f", "json").stdout)["changes"]
    assert (move["shift"], move["changed"]) == (0.4, ["position"])
    assert "(+0.4)" in posdiff("changes", "-f", "markdown").stdout


COMMANDS = [("compare", "upstream", "downstream"), ("matrix",), ("compromise",), ("parties",),
            ("issues",), ("coverage",), ("show", "upstream"), ("changes",), ("seeds",)]


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_csv_is_tidy_data(river: Path, posdiff: Invoke, command: tuple[str, ...]) -> None:
    with (river / "positions/mediator.yaml").open("a", encoding="utf-8") as party:
        party.write(LATER_MEDIATOR)  # so that `changes` has a row
    printed = posdiff(*command, "-f", "csv").stdout
    header, *rows = list(csv.reader(io.StringIO(printed)))
    assert rows, printed
    assert all(re.fullmatch(r"[a-z0-9_]+", name) for name in header), header
    assert all(len(row) == len(header) for row in rows)
    for decoration in ("—", "·", "≈", "–", "→", "nearest point", "(inferred)"):
        assert decoration not in printed, decoration
    for row in rows:
        for value in row:
            assert value.strip() == value
            assert value not in ("None", "True", "False", "nan", "inf")


def test_issues_are_compact_until_asked_for_the_scales(river: Path, posdiff: Invoke) -> None:
    short = posdiff("issues").stdout
    assert "water-share" in short and "Summer water share" in short
    assert "What share of the summer flow" not in short and "all flow upstream" not in short
    long = posdiff("issues", "--long").stdout
    assert "water-share: What share of the summer flow goes downstream?" in long
    assert "all flow upstream" in long and "no monitoring" in long
    one = posdiff("issues", "--issue", "monitoring", "-f", "json").stdout
    assert [i["issue"] for i in json.loads(one)["issues"]] == ["monitoring"]


def test_matrix_takes_parties_as_arguments_and_repeated_issues(river: Path,
                                                               posdiff: Invoke) -> None:
    data = json.loads(posdiff("matrix", "upstream", "delta", "-i", "monitoring",
                              "-i", "water-share", "-i", "monitoring", "-f", "json").stdout)
    assert data["parties"] == ["upstream", "downstream"]
    assert data["issues"] == ["monitoring", "water-share"]
    assert data["distance"]["upstream"]["downstream"] == round(30 * 85 / 130, 2)
    older = json.loads(posdiff("matrix", "--parties", "upstream,delta", "-f", "json").stdout)
    assert older["parties"] == ["upstream", "downstream"]


def test_help_names_no_party_or_issue_of_any_record(posdiff: Invoke) -> None:
    from posdiff.cli import app

    shipped = ("russia", "ukraine", "kremlin", "europe", "territory", "ceasefire", "upstream")
    pages = [posdiff("--help").stdout] + [
        posdiff(c.name or (c.callback.__name__ if c.callback else ""), "--help").stdout
        for c in app.registered_commands]
    for page in pages:
        assert not any(name in page.lower() for name in shipped), page


def test_check_reads_table_as_text_like_every_other_command(river: Path, posdiff: Invoke) -> None:
    assert posdiff("check", "--format", "table").stdout == posdiff("check").stdout


# -- the app a run builds --------------------------------------------------------

COMMANDS = [name for name, _ in sorted(get_command(app).commands.items())]  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", COMMANDS)
def test_a_run_builds_only_its_command_and_says_the_same(name: str) -> None:
    """`main` hands typer an app of the one command asked for; its help, and so every
    option and argument, is what the whole app says of that command."""
    only = app_for([name, "--help"])
    assert only is not app
    assert list(get_command(only).commands) == [name]  # type: ignore[attr-defined]
    whole = CliRunner().invoke(app, [name, "--help"], terminal_width=100)
    alone = CliRunner().invoke(only, [name, "--help"], terminal_width=100)
    assert alone.exit_code == whole.exit_code == 0
    assert alone.stdout == whole.stdout


@pytest.mark.parametrize("args", [[], ["--help"], ["--color", "never", "compare"],
                                  ["comapre", "a", "b"], ["--version"]])
def test_anything_but_a_command_name_first_gets_the_whole_app(args: list[str]) -> None:
    assert app_for(args) is app


def test_shell_completion_gets_the_whole_app(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_POSDIFF_COMPLETE", "complete_bash")
    assert app_for(["compare", "ru"]) is app


def test_a_misspelt_command_is_named_with_the_whole_list(posdiff: Invoke) -> None:
    result = posdiff("comapre", "russia", "ukraine")
    assert result.exit_code == 2
    assert "No such command 'comapre'" in result.stderr


RECORD = ["--positions", str(REPO / "positions"), "--seeds", str(REPO / "seeds")]


@pytest.mark.parametrize(("args", "loaded", "not_loaded"), [
    (["compare", "russia", "ukraine", "-f", "json", *RECORD], ["json"], ["rich.console", "csv"]),
    (["matrix", "-f", "csv", *RECORD], ["csv"], ["rich.console", "json"]),
    (["compare", "russia", "ukraine", *RECORD], ["rich.console", "posdiff.cli.analysis"],
     ["json", "csv", "rapidfuzz", "posdiff.record.cache", "posdiff.record.nearest",
      "posdiff.reports.tidy", "posdiff.analysis.rows", "posdiff.reports.citations",
      *(f"posdiff.cli.{other}" for other in ("check", "brief", "forecast", "history", "init",
                                             "reference", "writing"))]),
    (["check", *RECORD], ["posdiff.cli.check"], ["posdiff.cli.analysis", "posdiff.analysis"]),
    (["--help"], [], ["rich.console", "yaml", "posdiff.model"]),
])
def test_a_run_imports_what_its_output_needs_and_no_more(
        args: list[str], loaded: list[str], not_loaded: list[str]) -> None:
    """Start-up time is most of a run: rich only for a table, json and csv (and the tidy
    rows) only for their formats, the citations only for --evidence, rapidfuzz and the
    nearest passage only for a quote that is not found, and of the command line only the
    module of the command run."""
    code = ("import contextlib, io, sys\nfrom posdiff.cli import main\n"
            f"sys.argv = ['posdiff', *{args!r}]\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try:\n        main()\n    except SystemExit:\n        pass\n"
            f"print(sorted(m for m in {[*loaded, *not_loaded]!r} if m in sys.modules))")
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={**os.environ, "NO_COLOR": "1"})
    assert ran.stdout == f"{sorted(loaded)}\n", ran.stderr


def test_the_command_line_collects_cycles_rarely_and_the_api_leaves_the_collector_be() -> None:
    """A run's modules live as long as it does: the command line has the cycle collector
    wait for many more allocations than Python's default 700 (a cold compare ran 52
    collections), while reading a record through the Python API leaves a notebook's
    thresholds as they were."""
    code = ("import gc, posdiff\nbefore = gc.get_threshold()\n"
            f"posdiff.load({str(REPO)!r})\n"
            "print(gc.get_threshold() == before, gc.get_freeze_count(), gc.isenabled())\n"
            "import posdiff.cli\nprint(gc.get_threshold()[0])")
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    import posdiff.cli

    assert ran.stdout == f"True 0 True\n{posdiff.cli.GC_THRESHOLD}\n", ran.stderr
    assert posdiff.cli.GC_THRESHOLD >= 10_000


@pytest.mark.parametrize("args", [["compare", "russia", "ukraine"], ["check"],
                                  ["brief", "-o", "b.html"]])
def test_a_command_freezes_the_record_it_read_and_the_api_never_does(
        args: list[str], tmp_path: Path) -> None:
    """What a command read lives as long as it does: once read, the cycle collector no
    longer walks it (`gc.freeze`). A notebook's objects are never frozen by the API (the
    test above: nothing is frozen after `posdiff.load`)."""
    code = ("import contextlib, gc, io, sys\nfrom posdiff.cli import main\n"
            f"sys.argv = ['posdiff', *{[*args, '--record', str(REPO)]!r}]\n"
            "with contextlib.redirect_stdout(io.StringIO()), "
            "contextlib.redirect_stderr(io.StringIO()):\n"
            "    try:\n        main()\n    except SystemExit:\n        pass\n"
            "print(gc.get_freeze_count() > 10_000, gc.isenabled())")
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=tmp_path)
    assert ran.stdout == "True True\n", ran.stderr


@pytest.mark.parametrize(("args", "said"), [
    (["init", ""], "an empty argument after init"),
    (["compare", "russia", "ukraine", "--record", ""], "an empty argument after --record"),
    (["compare", "russia", "ukraine", "--record="], "--record= has an empty value"),
    (["brief", "-o", ""], "an empty argument after -o"),
    (["compare", "", "ukraine"], "an empty argument after compare"),
    ([""], "an empty argument (an unset"),
])
def test_an_empty_argument_is_refused_not_read_as_here(
        args: list[str], said: str, posdiff: Invoke, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An unset shell variable (`posdiff init "$DIR"`) gives an empty argument, and typer
    reads an empty path as the current folder: init wrote a record there, --record read
    it. Every empty argument is refused, with the word before it, and nothing is written."""
    monkeypatch.chdir(tmp_path)
    result = posdiff(*args)
    assert result.exit_code == 2, result.stderr
    assert f"Error: {said}" in result.stderr and "unset shell variable" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_suggestion_names_every_choice_as_near_and_a_labels_value() -> None:
    """Of labels as near as each other, none is picked for the user: each is named, with
    the value it stands for, so that the suggestion never changes the meaning unseen."""
    from posdiff.words import closest, did_you_mean

    labels = {"no ferry": "0", "ferry every two hours": "50", "ferry every hour": "100"}
    assert did_you_mean("ferry every 2 hours", labels, labels.__getitem__) == \
        "; did you mean 'ferry every hour' (100) or 'ferry every two hours' (50)?"
    assert closest("every two hours", labels) == ["ferry every two hours"]
    parties = ["europe", "russia", "ukraine", "us", "usa", "united states"]
    assert closest("rusia", parties) == ["russia"]  # 'us' is in it, not near it
    issues = ["ceasefire-scope", "ceasefire-conditions", "territory"]
    assert closest("ceasefire", issues) == ["ceasefire-scope", "ceasefire-conditions"]
