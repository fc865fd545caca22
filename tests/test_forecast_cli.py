"""`posdiff forecast` and `posdiff export ktab` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DATA, Invoke, golden

EC = str(DATA / "ktab" / "ec-emissions.csv")


def _json(posdiff: Invoke, *args: str) -> Any:
    result = posdiff("forecast", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_the_river_table_at_80_columns(river: Path, posdiff: Invoke,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = posdiff("forecast", "--rounds-detail", "--sensitivity")
    assert result.exit_code == 0, result.stderr
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    golden("river/forecast-rounds-detail-sensitivity.table.80.txt", result.stdout)


def test_the_json_has_the_shape_the_issue_gives(river: Path, posdiff: Invoke) -> None:
    document = _json(posdiff, "--issue", "water-share", "--stop-rule", "none",
                     "--rounds", "3")
    assert document["model"] == "bueno-de-mesquita-expected-utility"
    assert document["params"]["rounds"] == 3 and document["params"]["stop_rule"] == "none"
    (issue,) = document["issues"]
    assert issue["issue"] == "water-share"
    assert issue["actors"] == ["downstream", "upstream"]  # the mediator takes no side
    assert issue["range"] == 30
    start, first = issue["rounds"][:2]
    assert start == {"round": 0, "positions": {"downstream": 30, "upstream": 60},
                     "median": 60, "mean": pytest.approx(50.769, abs=1e-3)}
    # downstream states no clout, so it weighs 1 x 0.8: (30 x 0.8 + 60 x 2 x 0.9) / 2.6
    assert set(first) == {"round", "positions", "median", "mean", "risk", "moves"}
    assert first["moves"][0]["type"] in ("compromise", "confrontation", "capitulation")
    assert set(first["moves"][0]) == {"actor", "type", "towards", "from", "to"}
    assert set(issue["forecast"]) >= {"median", "mean", "stopped_at_round", "stop_rule_fired"}
    assert first["moves"][0]["to"] != round(first["moves"][0]["to"], 2)  # full precision


def test_a_named_mediator_is_an_actor(river: Path, posdiff: Invoke) -> None:
    document = _json(posdiff, "upstream", "downstream", "mediator", "--issue", "water-share")
    assert document["issues"][0]["actors"] == ["upstream", "downstream", "mediator"]


def test_the_ec_example_from_csv(posdiff: Invoke) -> None:
    document = _json(posdiff, "--from-csv", EC, "--stop-rule", "none", "--rounds", "8")
    (issue,) = document["issues"]
    assert issue["issue"] == "Years"
    medians = [round(r["median"], 2) for r in issue["rounds"]]
    assert medians == [7, 8.42, 9.61, 9.96, 9.96, 9.96, 7.47, 8.82, 9.67]
    assert issue["forecast"]["stopped_at_round"] == 8


def test_export_then_from_csv_equals_the_records_forecast(river: Path,
                                                          posdiff: Invoke) -> None:
    parties = ("upstream", "downstream", "mediator")
    wrote = posdiff("export", "ktab", *parties, "--issue", "water-share", "-o", "w.csv")
    assert wrote.exit_code == 0, wrote.stderr
    assert wrote.stdout == "Wrote w.csv: 3 actors, 1 issue (water-share)\n"
    assert (river / "w.csv").read_bytes().startswith(b"posdiff record,exported by posdiff,3,1\r\n")
    from_record = _json(posdiff, *parties, "--issue", "water-share", "--sensitivity")
    from_file = _json(posdiff, "--from-csv", "w.csv", "--sensitivity")
    assert from_file["issues"][0]["rounds"] == from_record["issues"][0]["rounds"]
    assert from_file["issues"][0]["forecast"] == from_record["issues"][0]["forecast"]


def test_from_csv_dash_reads_the_standard_input(river: Path) -> None:
    """`-o -` writes the scenario to stdout; `--from-csv -` was a file that did not exist."""
    import subprocess
    import sys

    from posdiff.record.files import MAX_BYTES

    def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-m", "posdiff", *args], cwd=river, input=stdin,
                              capture_output=True, timeout=120, check=False)

    parties = ("upstream", "downstream", "mediator")
    scenario = run("export", "ktab", *parties, "--issue", "water-share", "-o", "-").stdout
    piped = run("forecast", "--from-csv", "-", "-f", "json", stdin=scenario)
    assert piped.returncode == 0, piped.stderr
    direct = run("forecast", *parties, "--issue", "water-share", "-f", "json")
    assert json.loads(piped.stdout)["issues"][0]["forecast"] == \
        json.loads(direct.stdout)["issues"][0]["forecast"]
    refused = run("forecast", "--from-csv", "-", stdin=b"x" * (MAX_BYTES + 1))
    assert refused.returncode == 2
    assert refused.stderr.decode().startswith("posdiff: --from-csv -: file is 10,485,761 bytes")


def test_export_never_overwrites_without_force(river: Path, posdiff: Invoke) -> None:
    (river / "w.csv").write_text("mine", encoding="utf-8")
    args = ("export", "ktab", "upstream", "downstream", "mediator", "--issue", "water-share",
            "-o", "w.csv")
    refused = posdiff(*args)
    assert refused.exit_code == 2
    assert "w.csv already exists; nothing was written (--force overwrites it)" in refused.stderr
    assert (river / "w.csv").read_text(encoding="utf-8") == "mine"
    assert posdiff(*args, "--force").exit_code == 0


def test_export_refuses_to_impute(river: Path, posdiff: Invoke) -> None:
    result = posdiff("export", "ktab", "upstream", "downstream", "mediator", "-o", "w.csv")
    assert result.exit_code == 2
    assert "mediator has a position on water-share but not on monitoring" in result.stderr
    assert not (river / "w.csv").exists()


def test_too_few_actors_names_the_mediators_left_out(river: Path, posdiff: Invoke) -> None:
    result = posdiff("export", "ktab", "--issue", "water-share", "-o", "w.csv")
    assert result.exit_code == 2
    assert result.stderr == ("posdiff: KTAB needs at least 3 actors and at most 250; 2 have "
                             "a position on this issue\nMediators and observers are actors "
                             "only when named; left out: mediator.\n")
    assert not (river / "w.csv").exists()


def test_a_bad_csv_is_named_by_file_and_line(tmp_path: Path, posdiff: Invoke,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.csv").write_text("Actor,Description,Power,P,S\na,,1,x,50\n",
                                      encoding="utf-8")
    result = posdiff("forecast", "--from-csv", "bad.csv")
    assert result.exit_code == 2  # a file that cannot be used, as a bad option
    assert result.stderr == "posdiff: bad.csv:2: position 1 'x' is not a number\n"
    missing = posdiff("forecast", "--from-csv", "nowhere.csv")
    assert missing.exit_code == 2
    assert "nowhere.csv: does not exist" in missing.stderr


@pytest.mark.parametrize("field", ["capability", "actor"])
def test_a_long_value_in_a_csv_is_shown_by_its_ends(tmp_path: Path, posdiff: Invoke,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    field: str) -> None:
    """A value of 5,000 characters was echoed whole, where every other message shows a
    long value by its ends."""
    monkeypatch.chdir(tmp_path)
    long = "1" + "9" * 4998 + "7" if field == "capability" else "a" + "b" * 4998 + "z"
    rows = ([f"a,,{long},10,50", "b,,1,20,50"] if field == "capability"
            else [f"{long},,1,10,50", f"{long},,1,20,50"])
    (tmp_path / "big.csv").write_text("Actor,Description,Power,P,S\n" + "\n".join(rows) + "\n",
                                      encoding="utf-8")
    result = posdiff("forecast", "--from-csv", "big.csv")
    assert result.exit_code == 2
    assert result.stderr.startswith("posdiff: big.csv:")
    assert len(result.stderr) < 400 and "…" in result.stderr
    assert ("19999" in result.stderr and "99997" in result.stderr) if field == "capability" \
        else ("abbbb" in result.stderr and "bbbbz" in result.stderr)


def test_a_csv_named_through_a_link_is_read_where_it_leads(
        tmp_path: Path, posdiff: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file is the user's own, not a record file: a link of theirs is followed."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "link.csv").symlink_to(EC)
    (tmp_path / "loop.csv").symlink_to(tmp_path / "loop.csv")
    assert posdiff("forecast", "--from-csv", "sub/link.csv").exit_code == 0
    loop = posdiff("forecast", "--from-csv", "loop.csv")
    assert (loop.exit_code, loop.stderr) == (
        2, "posdiff: --from-csv loop.csv: symbolic links lead in a loop; fix or remove the "
           "link\n")


def test_from_csv_takes_no_party_names(posdiff: Invoke) -> None:
    result = posdiff("forecast", "Belgium", "--from-csv", EC)
    assert result.exit_code == 2
    assert "--from-csv runs on the file's actors" in result.stderr


@pytest.mark.parametrize("output", ["csv", "markdown"])
def test_csv_and_markdown(river: Path, posdiff: Invoke, output: str) -> None:
    result = posdiff("forecast", "--issue", "water-share", "--format", output)
    assert result.exit_code == 0, result.stderr
    first = result.stdout.splitlines()[0]
    if output == "csv":
        assert first == ("issue,round,actor,position,risk,move,towards,median,mean,outcome,"
                         "cycle_period")
        assert ("water-share,1,downstream,38.87,0.5,compromise,upstream,60,53.5,"
                "median held,\n") in result.stdout
    else:
        assert first.startswith("### Forecast: expected-utility bargaining")


def test_an_issue_the_actors_hold_no_position_on_is_named(posdiff: Invoke) -> None:
    result = posdiff("forecast", "--issue", "nato", "europe", "ukraine")
    assert result.exit_code == 0, result.stderr
    assert "No position from any of them: nato" in result.stdout
    assert _json(posdiff, "--issue", "nato", "europe", "ukraine")["unstated"] == ["nato"]


def test_an_exact_split_is_told_apart_where_compromise_and_forecast_differ(
        river: Path, posdiff: Invoke) -> None:
    """Upstream (60) and Downstream (30) weigh the same: compromise's median is the point
    midway (45), the forecast's model takes the lower position (30); each legend says
    which it takes and that the other differs."""
    from tests.conftest import edit

    edit(river / "positions/upstream.yaml", "clout: 2", "clout: 1")
    edit(river / "positions/downstream.yaml", "salience: 80", "salience: 90")
    compromise = posdiff("compromise", "--issue", "water-share", "-f", "json")
    forecast = _json(posdiff, "--issue", "water-share")
    (point,) = json.loads(compromise.stdout)["issues"]
    assert point["median"] == 45 and forecast["issues"][0]["rounds"][0]["median"] == 30
    said = " ".join(posdiff("compromise", "--issue", "water-share").stdout.split())
    assert "the median is midway between the two positions, where the forecast's model " \
        "takes the lower" in said
    said = " ".join(posdiff("forecast", "--issue", "water-share").stdout.split())
    assert "the median is the lower position, one someone holds, as the model needs, where " \
        "compromise takes the point midway" in said


def test_every_kind_of_move_printed_is_said_in_the_legend(posdiff: Invoke) -> None:
    printed = " ".join(posdiff("forecast", "--rounds-detail").stdout.split())
    kinds = {kind for kind in ("confrontation", "compromise", "capitulation")
             if f" {kind} with " in printed}
    assert kinds, "the shipped record's rounds show moves"
    for kind in kinds:
        assert f"; {kind}: it " in printed or f"move: {kind}: it " in printed, kind
