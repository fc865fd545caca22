"""What a newcomer trips on: options given after the command, click's own errors bounded
as posdiff's are, help that reads as Typer users expect, dates that do not exist."""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

import pytest

from posdiff.cli import app
from posdiff.cli.root import global_options_first
from posdiff.record.check import run_check
from posdiff.record.paths import RecordPaths

from tests.conftest import Invoke, edit


@pytest.mark.parametrize(("args", "reordered"), [
    (["matrix", "--color", "always"], ["--color", "always", "matrix"]),
    (["matrix", "--color=never", "-f", "csv"], ["--color=never", "matrix", "-f", "csv"]),
    (["compare", "a", "b", "--debug"], ["--debug", "compare", "a", "b"]),
    (["export", "ktab", "--version"], ["--version", "export", "ktab"]),
    (["show", "--", "--debug"], ["show", "--", "--debug"]),
    (["--color", "never", "matrix"], ["--color", "never", "matrix"]),
    (["check", "--debug=1"], ["--debug=1", "check"]),
    (["check", "--show-completion"], ["--show-completion", "check"]),
    (["check", "--install-completion"], ["--install-completion", "check"]),
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


@pytest.mark.parametrize(("args", "said"), [
    (["check", "--color"], "Option '--color' needs a value: auto, always or never."),
    (["--color"], "Option '--color' needs a value: auto, always or never."),
    (["check", "--debug=1"], "Option '--debug' does not take a value."),
    (["matrix", "--version=yes"], "Option '--version' does not take a value."),
])
def test_a_global_option_misused_after_the_command_is_told_as_such(
        river: object, posdiff: Invoke, args: list[str], said: str) -> None:
    """Not "'check' is not one of ..." (the command taken as the value) nor "No such
    option"."""
    result = posdiff(*args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: {said}", result.stderr


def test_completion_after_the_command_prints_the_script(
        posdiff: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    import shellingham

    # The shell is told, not looked for: a run with no shell above it (a scheduler, a
    # detached job) has none to find, and typer then says "Shell not supported".
    monkeypatch.setattr(shellingham, "detect_shell", lambda: ("bash", "/bin/bash"))
    result = posdiff("check", "--show-completion")
    assert "No such option" not in result.stderr and "complete" in result.stdout.lower()


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


@pytest.mark.parametrize("width", [64, 72, 80, 88, 92, 108])
def test_help_breaks_lines_between_words_only(width: int) -> None:
    """No option (`--from-csv`), default (`median-repeat`) or word is broken at a hyphen
    at the end of a line, and no line is wider than the terminal. (The runner sets the
    width click wraps help to: it ignores COLUMNS.)"""
    from typer.testing import CliRunner

    from posdiff.cli import app_for

    pages = [[], ["export"], ["export", "ktab"]] + [
        [command.name or (command.callback.__name__ if command.callback else "")]
        for command in app.registered_commands]
    for page in pages:
        args = [*page, "--help"]
        text = CliRunner().invoke(app_for(args), args, terminal_width=width).stdout
        for line in text.splitlines():
            assert not re.search(r"[A-Za-z]-$", line) and len(line) <= width, (page, line)


def test_a_range_may_name_labelled_points(river: Path, posdiff: Invoke) -> None:
    edit(river / "positions/upstream.yaml", "acceptable: [60, 70]",
         "acceptable: [even split, all flow upstream]")
    shown = json.loads(posdiff("show", "upstream", "-f", "json", "-i", "water-share").stdout)
    assert shown["positions"][0]["acceptable"] == [50.0, 100.0]


def test_an_unknown_label_in_a_range_is_told_where_and_what_is_allowed(
        river: Path) -> None:
    edit(river / "positions/upstream.yaml", "acceptable: [60, 70]",
         "acceptable: [60, even splat]")
    [found] = run_check(RecordPaths(river / "positions", river / "seeds")).diagnostics
    assert (found.code, found.line, found.column) == ("unknown-point", 10, 22)
    assert found.message == (
        "positions[0].acceptable[1]: 'even splat' is not a labelled point of 'water-share'; "
        "did you mean 'even split' (50)? (labelled points: all flow downstream (0), even "
        "split (50), all flow upstream (100); or give a number from 0 to 100)")


def test_a_value_of_the_wrong_kind_in_a_range_says_both_kinds_are_allowed(
        river: Path) -> None:
    edit(river / "positions/upstream.yaml", "acceptable: [60, 70]", "acceptable: [60, true]")
    [found] = run_check(RecordPaths(river / "positions", river / "seeds")).diagnostics
    assert "a number from 0 to 100 or the label of a point" in found.message


LONG = ("The mediator proposed a 55 per cent share, reviewed every five years by independent "
        "engineers who would report to both delegations and to the basin commission on the "
        "state of the summer flow")


def test_a_quote_not_found_is_shown_beside_the_whole_passage_compared(river: Path) -> None:
    seed = river / "seeds" / "talks.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + LONG + ".\n", encoding="utf-8")
    edit(river / "positions/mediator.yaml", "quote: The mediator proposed a 55 per cent share",
         "quote: " + LONG.replace("both delegations", "all delegations"))
    [found] = [d for d in run_check(RecordPaths(river / "positions", river / "seeds"))
               .diagnostics if d.code == "quote-not-found"]
    assert f'"{LONG}"' in found.message  # every word compared, not cut at 160 characters
    assert found.message.endswith('where they differ: the seed has "both", the quote "all"')


@pytest.mark.parametrize("content", ["a,b\n1,2\n", "hello\n", "Actor,Description,Power\n"])
def test_a_csv_not_in_ktabs_layout_says_the_layout_and_is_a_usage_error(
        tmp_path: Path, posdiff: Invoke, monkeypatch: pytest.MonkeyPatch, content: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.csv").write_text(content, encoding="utf-8")
    result = posdiff("forecast", "--from-csv", "bad.csv")
    assert result.exit_code == 2
    assert result.stderr.startswith("posdiff: bad.csv:1: the header names no dimension; ")
    assert "Actor,Description,Power' followed by a position and a salience column" in \
        result.stderr


def _summary(root: Path) -> tuple[list[str], dict[str, int]]:
    report = run_check(RecordPaths(root / "positions", root / "seeds"))
    return [d.code for d in report.diagnostics], report.summary()


def test_an_entry_left_out_still_has_its_quotes_checked_and_its_seed_cited(
        river: Path) -> None:
    """The only entry citing a seed lacks its stance: the seed is still cited (no
    uncited-seed), its quotes are still located, and the counts are the record's."""
    for name in ("downstream", "mediator"):
        (river / "positions" / f"{name}.yaml").unlink()
    edit(river / "positions/upstream.yaml", "    stance: Releases at most 40 per cent of the "
         "summer flow.\n", "")
    edit(river / "positions/upstream.yaml", "quote: called any higher share a red line",
         "quote: called any higher share a blue line")
    codes, summary = _summary(river)
    assert codes == ["missing-field", "quote-not-found"]
    assert (summary["positions"], summary["quotes"], summary["quotes_exact"],
            summary["quotes_unmatched"]) == (2, 3, 2, 1)


@pytest.mark.parametrize("line, header, code", [
    ("party: upstream", "party: Upstream", "invalid-id"),
    ("party: upstream", "party: [upstream]", "wrong-type"),
    ("party: upstream", "party: ''", "empty-value"),
    ("party: upstream", "", "missing-field"),
    ("name: Upstream State", "", "missing-field"),
    ("aliases: [highlands]", "aliases: [highlands, mediator]", "alias-clash"),
], ids=["capitalised", "a-list", "empty", "missing", "no-name", "alias-clash"])
def test_a_party_whose_names_are_broken_still_has_its_entries_checked(
        river: Path, line: str, header: str, code: str) -> None:
    """The party cannot be scored without an id or with a name of another's, but its
    entries and quotes are checked as any other's: a quote broken in it is found, and
    its seed is cited (the party is counted as read, as every count is)."""
    (river / "positions" / "downstream.yaml").unlink()
    edit(river / "positions/upstream.yaml", f"{line}\n", f"{header}\n" if header else "")
    edit(river / "positions/upstream.yaml", "quote: called any higher share a red line",
         "quote: called any higher share a blue line")
    codes, summary = _summary(river)
    assert codes[0] == code and codes[1:] == ["quote-not-found"], codes
    assert (summary["parties"], summary["quotes"], summary["quotes_exact"],
            summary["quotes_unmatched"], summary["quotes_unchecked"]) == (2, 4, 3, 1, 0)


@pytest.mark.parametrize(("name", "said"), [
    ("downstream.YAML", "rename it downstream.yaml if it is one"),
    (".downstream.yaml", "a hidden file (its name starts with '.') is not read"),
    ("issues.yml", "not read: the catalogue is issues.yaml"),
])
def test_a_file_that_reads_as_yaml_and_is_not_read_is_named(river: Path, name: str,
                                                             said: str) -> None:
    """A party file named so that it is not read leaves its party out: a warning says so
    (a party vanished without a word)."""
    positions = river / "positions"
    if name.startswith("issues"):
        (positions / name).write_bytes((positions / "issues.yaml").read_bytes())
    else:
        (positions / "downstream.yaml").rename(positions / name)
    report = run_check(RecordPaths(positions, river / "seeds"))
    ignored = [d for d in report.diagnostics if d.code == "ignored-file"]
    assert [(d.file.rsplit("/", 1)[-1], d.is_error) for d in ignored] == [(name, False)]
    assert said in ignored[0].message


def test_a_party_whose_file_is_not_read_is_named_where_it_is_asked_for(
        river: Path, posdiff: Invoke) -> None:
    (river / "positions/mediator.yaml").rename(river / "positions/mediator.YAML")
    refused = posdiff("compare", "upstream", "mediator")
    assert refused.exit_code == 2
    assert "unknown party 'mediator' (known: downstream, upstream; not read: mediator.YAML " \
        "(`posdiff check` says why))" in refused.stderr


def test_a_folder_named_as_a_party_file_is_named(river: Path) -> None:
    (river / "positions" / "spare.yaml").mkdir()
    report = run_check(RecordPaths(river / "positions", river / "seeds"))
    assert [d.message for d in report.diagnostics if d.code == "ignored-file"] == [
        "a folder, not a party file: it is not read"]


@pytest.mark.parametrize(("folder", "name"), [("positions", "issues.yaml"),
                                              ("seeds", "index.yaml")])
def test_a_missing_catalogue_or_index_names_the_file_spelt_otherwise(
        river: Path, folder: str, name: str) -> None:
    (river / folder / name).rename(river / folder / name.replace(".yaml", ".yml"))
    report = run_check(RecordPaths(river / "positions", river / "seeds"))
    missing = [d.message for d in report.diagnostics if d.code == "missing-file"]
    assert missing == [f"{name} not found; {name.replace('.yaml', '.yml')} is there: "
                       f"name it {name}"]


@pytest.mark.parametrize("text", [b"", b"\n  \n"], ids=["empty", "blank"])
def test_an_empty_seed_is_one_problem_not_one_per_quote(river: Path, text: bytes) -> None:
    (river / "seeds" / "talks.txt").write_bytes(text)
    codes, summary = _summary(river)
    assert codes == ["empty-seed"]
    assert (summary["quotes"], summary["quotes_unchecked"]) == (6, 6)


def test_a_missing_seed_file_is_one_problem_and_the_counts_stay_those_read(
        river: Path) -> None:
    (river / "seeds" / "talks.txt").unlink()
    codes, summary = _summary(river)
    assert codes == ["missing-seed-file"]
    assert (summary["parties"], summary["positions"], summary["quotes"], summary["seeds"],
            summary["quotes_unchecked"]) == (3, 5, 6, 1, 6)


def test_a_seed_id_that_breaks_its_pattern_is_one_diagnostic_not_one_per_citation(
        river: Path) -> None:
    edit(river / "seeds/index.yaml", "  - id: river-report", "  - id: River Report")
    codes, _ = _summary(river)
    assert codes == ["invalid-id"]


def test_a_misspelt_citation_beside_a_broken_valid_id_is_still_reported(river: Path) -> None:
    edit(river / "seeds/index.yaml", "date: 2024-06-01", "date: 2999-06-01")
    edit(river / "positions/downstream.yaml", "seed: river-report", "seed: river-reprot")
    codes, _ = _summary(river)
    assert sorted(codes) == ["future-date", "unknown-seed"]


def test_a_positions_folder_that_cannot_be_read_is_a_diagnostic_not_a_crash(
        river: Path, posdiff: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    """As a user who is not root meets it: a folder without read permission. The tests
    run as root, for whom permissions mean nothing, so the system's refusal is played."""
    import errno
    import os

    denied = (river / "positions").resolve()
    stat, scandir = os.stat, os.scandir

    def refused(path: object) -> PermissionError:
        return PermissionError(errno.EACCES, "Permission denied", str(path))

    def guarded_stat(path: object, *args: object, **named: object) -> os.stat_result:
        if isinstance(path, (str, bytes, os.PathLike)) and \
                denied in Path(os.fsdecode(path)).parents:
            raise refused(path)
        return stat(path, *args, **named)  # type: ignore[arg-type]

    def guarded_scandir(path: object = ".") -> object:
        if Path(os.fsdecode(path)).resolve() == denied:  # type: ignore[arg-type]
            raise refused(path)
        return scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", guarded_stat)
    monkeypatch.setattr(os, "scandir", guarded_scandir)
    for args in (["check"], ["compare", "upstream", "downstream"], ["matrix"]):
        result = posdiff(*args)
        assert result.exit_code == 1, (args, result.stderr)
        said = result.stdout + result.stderr
        assert "[unreadable-folder]" in said and "Permission denied" in said
        assert "uncited-seed" not in said  # one cause, one diagnostic


def test_show_gives_stance_note_and_reason_each_its_own_line_and_the_sources_date(
        river: Path, posdiff: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    text = posdiff("show", "upstream", "-i", "water-share").stdout
    lines = text.splitlines()
    labels = [line.split(":")[0].strip() for line in lines
              if line.startswith("  ") and not line.startswith("   ")]
    assert labels[labels.index("Stance"):][:3] == ["Stance", "Note", "Why inferred"]
    assert "  Entry:   2024-05-01" in lines
    assert any(line.startswith("  Source:  river-report, line 3: River Gazette") for line in lines)
    source = " ".join(text[text.index("Source:  river-report"):].split())
    assert "2024-06-01" in source.split("Passage:")[0]  # the seed's own date, not the entry's


def test_a_quoted_number_is_told_to_drop_its_quotes(river: Path) -> None:
    edit(river / "positions/upstream.yaml", "    position: 60", '    position: "60"')
    [found] = run_check(RecordPaths(river / "positions", river / "seeds")).diagnostics
    assert found.code == "unknown-point"
    assert found.message.endswith("; to give the number 60, write it without quotes")


def test_a_value_holding_a_colon_is_told_to_be_quoted(river: Path) -> None:
    edit(river / "positions/upstream.yaml", "    stance: Accepts a joint commission",
         "    stance: Says: a joint commission")
    [found] = run_check(RecordPaths(river / "positions", river / "seeds")).diagnostics
    assert found.code == "yaml-syntax" and 'must be quoted: wrap it in "double quotes"' in \
        found.message


def test_quotes_that_could_not_be_looked_for_are_counted_apart(river: Path,
                                                              posdiff: Invoke) -> None:
    # A broken pin: the text cannot be trusted, so its quotes are not looked for (a broken
    # title, which says nothing of the text, leaves them checked: test_check_diagnostics)
    edit(river / "seeds/index.yaml", "    sha256: ba7b", "    sha256: xa7b")
    codes, summary = _summary(river)
    assert codes == ["invalid-id"]
    assert (summary["quotes"], summary["quotes_unmatched"], summary["quotes_unchecked"]) == (
        6, 0, 6)
    said = " ".join(posdiff("check").stdout.split())
    assert "6 quotes (0 exact, 0 normalised, 0 not located, 6 not checked)" in said


def test_diff_outside_a_record_never_diffs_the_shipped_example(
        tmp_path: Path, posdiff: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = posdiff("diff")
    assert result.exit_code == 2 and "no record here or above" in result.stderr


def test_export_names_who_states_which_issue(posdiff: Invoke) -> None:
    result = posdiff("export", "ktab", "-i", "ceasefire-scope", "-i", "ceasefire-conditions",
                     "-o", "/nonexistent-dir-for-test/k.csv")
    assert result.exit_code == 2  # the folder first: refused before any work
    result = posdiff("export", "ktab", "russia", "ukraine", "us", "europe",
                     "-i", "ceasefire-scope", "-i", "ceasefire-conditions", "-o", "k.csv")
    assert result.exit_code == 2
    assert ("europe has a position on ceasefire-conditions but not on ceasefire-scope"
            in result.stderr)


def test_seeds_lists_a_failing_record_and_says_it_fails(river: Path, posdiff: Invoke) -> None:
    """`seeds` reads a record that fails check, to help find why, but never as if it
    passed: the table, then check's errors and exit 1."""
    (river / "seeds/talks.txt").unlink()
    result = posdiff("seeds")
    assert result.exit_code == 1
    assert "Seeds" in result.stdout or "seed" in result.stdout.lower()
    assert result.stderr.startswith("posdiff: the record fails check: 1 error\n")
    assert "[missing-seed-file]" in result.stderr
    assert "The seeds listed are those the record could be read with" in result.stderr
    assert posdiff("seeds", "--format", "json").exit_code == 1


@pytest.mark.parametrize("value", ["1e400", "nan", "10.0", "1_0", "\uff13", " 5", "-1",
                                   "9" * 5000, ""])
@pytest.mark.parametrize("option", [["forecast", "--rounds"], ["check", "--min-words"]])
def test_a_count_is_written_in_digits_and_within_its_range(
        posdiff: Invoke, option: list[str], value: str) -> None:
    result = posdiff(*option, value)
    assert result.exit_code == 2
    message = result.stderr.splitlines()[-1]
    said = ("is too large: a whole number" if len(value) > 18 else "is not a whole number"
            if value else f"an empty argument after {option[-1]}")
    assert said in message and len(message) < 400, message
    if len(value) > 18:  # the bound that was passed is said: a range, or the digits
        assert message.endswith(("from 0 to 1000", "of 1 or more, of at most 18 digits")), \
            message


def test_a_count_with_leading_zeros_is_the_count(posdiff: Invoke) -> None:
    """'0000000000000000000000001' was called too large."""
    assert posdiff("check", "--min-words", "0" * 30 + "4").exit_code == 0
    assert posdiff("forecast", "--rounds", "0" * 5000 + "5").exit_code == 0
    refused = posdiff("forecast", "--rounds", "0" * 30 + "1001")
    assert refused.exit_code == 2 and "is not a whole number from 0 to 1000" in refused.stderr


def test_counts_show_their_metavar_and_range_in_help(posdiff: Invoke) -> None:
    assert "--rounds N" in posdiff("forecast", "--help").stdout
    assert "--min-words N" in posdiff("check", "--help").stdout
    assert "int range" not in posdiff("forecast", "--help").stdout
    assert posdiff("forecast", "--rounds", "0").exit_code == 0


def test_a_scenario_with_no_weight_says_so_and_names_the_dash(posdiff: Invoke,
                                                               tmp_path: Path) -> None:
    scenario = tmp_path / "zero.csv"
    scenario.write_text("Actor,Description,Power,D1,Sal1\na,A,0,10,50\nb,B,0,90,50\n",
                        encoding="utf-8")
    result = posdiff("forecast", "--from-csv", str(scenario))
    flat = " ".join(result.stdout.split())
    assert "0 no weight" in flat and "settled" not in flat.split("—")[0]
    assert "No weight, so no forecast: D1" in flat
    assert "— : none, every weight being 0" in flat


def test_sensitivity_of_a_scenario_with_no_weight_says_nothing_false(
        posdiff: Invoke, tmp_path: Path) -> None:
    scenario = tmp_path / "zero.csv"
    scenario.write_text("Actor,Description,Power,D1,Sal1\na,A,1,10,0\nb,B,1,90,0\n"
                        "c,C,1,40,0\n", encoding="utf-8")
    flat = " ".join(posdiff("forecast", "--from-csv", str(scenario), "--sensitivity")
                    .stdout.split())
    assert "No weight, so no forecast: D1" in flat
    assert "Left out of the sensitivity table" not in flat and "Median ±" not in flat


def test_a_scenario_over_the_actor_limit_is_the_file_s_problem(posdiff: Invoke,
                                                               tmp_path: Path) -> None:
    scenario = tmp_path / "big.csv"
    scenario.write_text("Actor,Description,Power,D1,Sal1\n" + "".join(
        f"a{i},A,1,{i % 100},50\n" for i in range(600)), encoding="utf-8")
    result = posdiff("forecast", "--from-csv", str(scenario))
    assert result.exit_code == 2
    assert result.stderr.endswith("big.csv:252: 600 actor rows, over the limit of 250 (a "
                                  "round's cost grows with the cube)\n")


def test_quotes_of_a_seed_that_cannot_be_read_are_not_checked_not_unfound(
        river: Path, posdiff: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not looked for, so not counted as not located, nor marked 'not found' on the brief,
    and `seeds` reports the same errors as `check` (the tests run as root: the file is
    refused here as permissions would refuse it)."""
    from posdiff.record import files

    opened = files._open

    def refused(path: Path) -> int:
        if path.name == "talks.txt":
            raise PermissionError(13, "Permission denied")
        return opened(path)

    monkeypatch.setattr(files, "_open", refused)
    result = posdiff("check", "--format", "json")
    summary = json.loads(result.stdout)["summary"]
    assert (summary["quotes_unmatched"], summary["quotes_unchecked"]) == (0, 6), summary
    errors = [p["code"] for p in json.loads(result.stdout)["problems"]
              if p["severity"] == "error"]
    assert errors == ["unreadable-file"]
    assert posdiff("seeds").stderr.startswith("posdiff: the record fails check: 1 error\n")
    assert posdiff("brief", "-o", "b.html").exit_code == 1
    page = (river / "b.html").read_text(encoding="utf-8")
    assert "not looked for: the seed could not be read" in page
    assert "not found in the seed" not in page


@pytest.mark.parametrize(("typed", "meant"), [("--colr", "--color"), ("--debg", "--debug"),
                                              ("--versio", "--version"), ("--formt", "--format")])
def test_a_misspelt_option_after_the_command_is_matched_with_the_global_ones_too(
        posdiff: Invoke, typed: str, meant: str) -> None:
    result = posdiff("matrix", typed, "x")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: No such option: {typed}; did you mean {meant}?")


@pytest.mark.parametrize(("args", "said"), [
    (["--record", ".", "check"], "--record is an option of check and goes after its "
     "name: posdiff check --record ..."),
    (["--format", "json", "matrix"], "--format is an option of matrix and goes after "
     "its name: posdiff matrix --format ..."),
    (["--stated-only", "compromise"], "posdiff compromise --stated-only ..."),
    (["--rounds", "3", "check"], "--rounds is not an option of check; it is one of forecast"),
    (["-o", "-", "export", "ktab"], "-o is an option of export ktab and goes after its name: "
     "posdiff export ktab -o ..."),
    (["--record", ".", "init", "x"], "--record is not an option of init; it is one of brief,"),
    (["--stated-only"], "--stated-only is an option of a command and goes after its name: "
     "posdiff COMMAND --stated-only ..."),
])
def test_an_option_of_a_command_given_before_it_says_where_it_goes(
        river: Path, posdiff: Invoke, args: list[str], said: str) -> None:
    refused = posdiff(*args)
    assert refused.exit_code == 2
    assert said in refused.stderr and "did you mean --color" not in refused.stderr


@pytest.mark.parametrize("command", [["compare", "upstream", "downstream"], ["matrix"],
                                     ["compromise"], ["parties"], ["coverage"],
                                     ["show", "upstream"], ["trend"], ["forecast"],
                                     ["export", "ktab", "-o", "k.csv"],
                                     ["brief", "-o", "b.html"]])
def test_an_as_of_before_every_entry_says_when_the_first_is(
        river: Path, posdiff: Invoke, command: list[str]) -> None:
    """Tables with nothing in them do not say why: every command that takes --as-of says
    when the record's first entry is, and no table is printed with no row in it."""
    done = posdiff(*command, "--as-of", "2020-01-01")
    assert "posdiff: nothing is on record on or before 2020-01-01 (--as-of); the first " \
        "entry is dated 2024-05-01" in done.stderr, (command, done.stderr)
    if command[0] in ("compare", "changes"):
        assert "────" not in done.stdout


def test_a_point_that_is_none_is_acceptable_to_no_one_in_particular(
        river: Path, posdiff: Invoke) -> None:
    table = posdiff("compromise", "--as-of", "2020-01-01").stdout
    rows = [line for line in table.splitlines() if line.startswith(("water-share", "monitoring"))]
    assert rows and all("nobody" not in row and row.split()[2:] == ["—"] * 4 for row in rows)


def test_entries_are_counted_up_to_the_as_of_date(river: Path, posdiff: Invoke) -> None:
    before = json.loads(posdiff("parties", "--as-of", "2020-01-01", "-f", "json").stdout)
    assert [p["entries"] for p in before["parties"]] == [0, 0, 0]
    csv_rows = posdiff("parties", "--as-of", "2020-01-01", "-f", "csv").stdout.splitlines()
    assert all(row.endswith(",0") for row in csv_rows[1:])
    assert "entries: every dated entry, earlier ones included, up to 2020-01-01" in \
        " ".join(posdiff("parties", "--as-of", "2020-01-01").stdout.split())


def test_the_brief_names_who_accepts_a_point_by_name(river: Path, posdiff: Invoke) -> None:
    """Upstream (60, 60-70) outweighs Downstream (30, 20-45): the mean, 50.8, is in no
    one's range; the median, 60, in Upstream's."""
    assert posdiff("brief", "-o", "b.html").exit_code == 0
    page = html.unescape(" ".join((river / "b.html").read_text(encoding="utf-8").split()))
    assert "Weighted mean: 50.8, within no party's acceptable range." in page
    assert "Weighted median: 60, within the acceptable range of Upstream State." in page
    assert "Weighed: Downstream State, Upstream State." in page


def test_history_marks_each_entry_a_later_one_replaced(posdiff: Invoke,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """`show --history` lists superseded entries too: each says which later entry stands
    in its place, and the one in force says nothing."""
    from tests.conftest import REPO

    monkeypatch.chdir(REPO)
    shown = json.loads(posdiff("show", "us", "--history", "-f", "json").stdout)["positions"]
    table = " ".join(posdiff("show", "us", "--history").stdout.split())
    by_issue: dict[str, list[str]] = {}
    for entry in shown:
        by_issue.setdefault(entry["issue"], []).append(entry["as_of"])
    replaced = [(dates[i], dates[i + 1]) for dates in by_issue.values()
                for i in range(len(dates) - 1)]
    assert replaced, "the shipped record has an issue the US restated"
    for earlier, later in replaced:
        assert f"As of: {earlier} (replaced {later})" in table
    assert table.count("(replaced 2") == len(replaced)
    assert "(replaced DATE) where a later entry on the issue stands in its place" in table


def test_a_refusal_points_at_check_only_for_errors_it_does_not_show(
        river: Path, posdiff: Invoke) -> None:
    edit(river / "positions/upstream.yaml", "salience: 90", "salience: 190")
    one = posdiff("compare", "upstream", "downstream")
    assert one.exit_code == 1 and "them all" not in one.stderr
    for name in ("downstream", "mediator"):
        edit(river / f"positions/{name}.yaml", "    salience: ", "    salience: 1")
    edit(river / "positions/downstream.yaml", "    salience: 60", "    salience: 160")
    many = posdiff("compare", "upstream", "downstream")
    assert many.exit_code == 1
    assert "… and 1 more: `posdiff check` lists them all" in many.stderr, many.stderr


@pytest.mark.parametrize(("scale", "said"), [
    ("[{at: 50, label: half}, {at: 100, label: all}]", "a labelled point at 0 is required"),
    ("[{at: 25, label: quarter}, {at: 50, label: half}]",
     "labelled points at 0 and 100 are required"),
])
def test_a_missing_end_of_the_scale_is_counted_right(river: Path, scale: str, said: str) -> None:
    text = (river / "positions/issues.yaml").read_text(encoding="utf-8")
    start = text.index("    scale:")
    end = text.index("\n  - id:", start) if "\n  - id:" in text[start:] else len(text)
    (river / "positions/issues.yaml").write_text(
        text[:start] + f"    scale: {scale}\n" + text[end + 1:], encoding="utf-8")
    messages = [d.message for d in run_check(RecordPaths(river / "positions",
                                                         river / "seeds")).diagnostics
                if d.code == "scale-missing-end"]
    assert messages and said in messages[0], messages


def test_small_words_read_right(river: Path, posdiff: Invoke) -> None:
    """An extra argument is counted, a date with spaces round it is a date, an unknown
    issue in `issues` does not send the user to `issues`, and NaN is not 'a number'."""
    one = posdiff("check", "extra")
    assert one.exit_code == 2 and "Got unexpected extra argument (extra)" in one.stderr
    two = posdiff("check", "extra", "more")
    assert "Got unexpected extra arguments (extra more)" in two.stderr
    spaced = posdiff("compare", "upstream", "downstream", "--as-of", " 2024-06-01 ")
    assert spaced.exit_code == 0 and "as of 2024-06-01" in spaced.stdout
    itself = posdiff("issues", "--issue", "water")
    assert itself.exit_code == 2 and "see `posdiff issues`" not in itself.stderr
    assert "`posdiff issues` without --issue lists them" in itself.stderr
    edit(river / "positions/upstream.yaml", "position: 60", "position: .nan")
    edit(river / "positions/upstream.yaml", "salience: 90", "salience: -.inf")
    said = " ".join(d.message for d in run_check(RecordPaths(river / "positions",
                                                             river / "seeds")).diagnostics)
    assert "got not a number (.nan)" in said and "got minus infinity (-.inf)" in said
    assert "a number (nan)" not in said


def test_a_repeated_issue_id_still_counts_the_issues_read(river: Path) -> None:
    edit(river / "positions/issues.yaml", "  - id: monitoring", "  - id: water-share")
    codes, summary = _summary(river)
    assert "duplicate-id" in codes and summary["issues"] == 2


def test_a_copied_party_file_says_how_to_mend_it(river: Path) -> None:
    (river / "positions/upstream-copy.yaml").write_bytes(
        (river / "positions/upstream.yaml").read_bytes())
    found = [d for d in run_check(RecordPaths(river / "positions", river / "seeds")).diagnostics
             if d.code == "duplicate-party"]
    assert len(found) == 1 and found[0].message.endswith(
        "give this party an id of its own (and its file that name), or delete the copy")


def test_a_dangling_link_says_it_is_one(river: Path) -> None:
    (river / "positions/ghost.yaml").symlink_to(river / "nowhere.yaml")
    found = [d.message for d in run_check(RecordPaths(river / "positions",
                                                      river / "seeds")).diagnostics]
    assert "is a symbolic link to a file that does not exist; fix or remove the link" in found


@pytest.mark.parametrize("command", ["check", "diff", "compare", "seeds"])
def test_help_says_the_shipped_record_is_the_default_only_where_it_is(
        posdiff: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        command: str) -> None:
    """check and diff refuse to fall back on the shipped example (a hook in the wrong
    folder must not pass by checking it): their help does not promise it."""
    said = " ".join(posdiff(command, "--help").stdout.split())
    promised = "else the shipped record" in said
    monkeypatch.chdir(tmp_path)
    args = {"compare": ["compare", "russia", "ukraine"]}.get(command, [command])
    falls_back = posdiff(*args).exit_code != 2
    assert promised == falls_back, (command, promised, falls_back)


def test_a_page_written_to_dash_goes_to_the_standard_output(river: Path,
                                                           posdiff: Invoke) -> None:
    before = sorted(p.name for p in river.iterdir())
    page = posdiff("brief", "-o", "-")
    assert page.exit_code == 0 and page.stdout.startswith("<!doctype html>")
    assert "Wrote the standard output (" in page.stderr
    scenario = posdiff("export", "ktab", "-i", "water-share", "upstream", "downstream",
                       "mediator", "-o", "-")
    assert scenario.exit_code == 0
    assert scenario.stdout.splitlines()[:2] == ["posdiff record,exported by posdiff,3,1",
                                                "Actor,Description,Power,water-share,Sal1"]
    assert "Wrote the standard output: 3 actors" in scenario.stderr
    assert sorted(p.name for p in river.iterdir()) == before  # no file named '-'


def test_a_missing_seeds_folder_found_by_walking_up_is_named_from_here(
        river: Path, posdiff: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    shutil.rmtree(river / "seeds")
    (river / "positions" / "notes").mkdir()
    monkeypatch.chdir(river / "positions" / "notes")
    refused = posdiff("compare", "upstream", "downstream")
    assert refused.exit_code == 2
    assert "'../../seeds' does not exist" in refused.stderr and str(river) not in refused.stderr


def test_an_alias_that_repeats_a_name_is_a_warning_and_the_name_may_spell_the_id(
        river: Path) -> None:
    edit(river / "positions/upstream.yaml", "aliases: [highlands]",
         "aliases: [highlands, HIGHLANDS, Upstream]")
    edit(river / "positions/downstream.yaml", "name: Downstream State", "name: Downstream")
    found = [d for d in run_check(RecordPaths(river / "positions", river / "seeds")).diagnostics
             if d.code == "repeated-name"]
    assert [(d.file, d.line, d.is_error) for d in found] == [
        ("positions/upstream.yaml", 3, False), ("positions/upstream.yaml", 3, False)]
    assert "alias 'HIGHLANDS' repeats 'highlands' (line 3)" in found[0].message
    assert "alias 'Upstream' repeats 'upstream' (line 1)" in found[1].message


def test_more_spellings_and_files_said_once(river: Path) -> None:
    """The catalogue in other letter case is named; a seed holding only a byte-order mark
    is empty; a party whose id another file takes still has its quotes checked; a long
    value is shown by both its ends."""
    positions = river / "positions"
    (positions / "issues.yaml").rename(positions / "Issues.YAML")
    missing = [d.message for d in run_check(RecordPaths(positions, river / "seeds")).diagnostics
               if d.code == "missing-file"]
    assert missing == ["issues.yaml not found; Issues.YAML is there: name it issues.yaml"]
    (positions / "Issues.YAML").rename(positions / "issues.yaml")
    (river / "seeds/talks.txt").write_bytes(b"\xef\xbb\xbf")
    codes, _ = _summary(river)
    assert codes == ["empty-seed"]


def test_a_party_whose_id_is_taken_still_has_its_quotes_checked(river: Path) -> None:
    edit(river / "positions/upstream.yaml", "party: upstream", "party: downstream")
    edit(river / "positions/upstream.yaml", "will not release more", "will never release more")
    codes, summary = _summary(river)
    assert "duplicate-party" in codes and "quote-not-found" in codes
    assert summary["quotes_unchecked"] == 0


def test_a_long_value_is_shown_by_both_ends(river: Path) -> None:
    edit(river / "positions/upstream.yaml", "salience: 90", "salience: " + "a" * 2_000 + "z")
    edit(river / "positions/downstream.yaml", "salience: 80", "salience: 1" + "0" * 30 + "7")
    said = " ".join(d.message for d in run_check(RecordPaths(river / "positions",
                                                             river / "seeds")).diagnostics)
    assert "aaaaaaaaaaaaaaaaaaa…" in said and "aaaz'" in said
    assert "…00,000,007 is out of range" in said


def test_an_alias_that_is_another_partys_name_is_the_aliass_problem(river: Path) -> None:
    """Whichever file is read first: downstream.yaml is read before upstream.yaml, and its
    new alias, not upstream's untouched name, is what is wrong."""
    edit(river / "positions/downstream.yaml", "aliases: [lowlands, delta]",
         "aliases: [lowlands, delta, Upstream State]")
    found = [d for d in run_check(RecordPaths(river / "positions", river / "seeds")).diagnostics
             if d.is_error]
    assert [(d.code, d.file, d.line) for d in found] == [
        ("alias-clash", "positions/downstream.yaml", 3)], found
    assert "is the name of party 'upstream'" in found[0].message


def test_a_file_left_out_is_named_inert(river: Path, posdiff: Invoke) -> None:
    os.rename(river / "positions/mediator.yaml",
              os.fsdecode(bytes(river / "positions") + b"/med\xffi\x1b[31mator.YAML"))
    checked = posdiff("check")
    assert "\x1b" not in checked.stdout and "rename it med\\xffi\\x1b[31mator.yaml" in \
        checked.stdout
    refused = posdiff("compare", "upstream", "x")
    assert "\x1b" not in refused.stderr and "not read: med\\xffi\\x1b[31mator.YAML" in \
        refused.stderr
