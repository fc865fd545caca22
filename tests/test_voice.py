"""Whose words carry each number: the voice of every quote, one stated/inferred rule for
every claim, inferred positions shown wherever a number is, and --stated-only."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from posdiff.model import Basis, Voice
from posdiff.record.check import run_check
from posdiff.record.paths import RecordPaths

from tests.conftest import Invoke, edit

UP = "positions/upstream.yaml"
MONITORING_QUOTE = ("quote: a joint monitoring commission was acceptable in principle\n"
                    "        voice: reported")


def _check(root: Path) -> list[tuple[str, str, str]]:
    report = run_check(RecordPaths(root / "positions", root / "seeds"))
    return [(f"{d.file}:{d.line}:{d.column}", d.code, d.message) for d in report.diagnostics]


def _author_only(root: Path, marked: bool = True) -> None:
    """Upstream's monitoring entry rests on the author's reading alone; ``marked``: the
    entry says so (`basis: inferred` with a reason)."""
    edit(root / UP, MONITORING_QUOTE, MONITORING_QUOTE.replace("reported", "author"))
    if marked:
        edit(root / UP, "    stance: Accepts a joint commission in principle.\n",
             "    stance: Accepts a joint commission in principle.\n"
             "    basis: inferred\n    reason: the report reads it into the talks\n")


@pytest.mark.parametrize("voice", list(Voice))
def test_every_voice_is_read_and_given_back(river: Path, posdiff: Invoke,
                                            voice: Voice) -> None:
    edit(river / UP, "quote: will not release more than 40 per cent of the summer flow\n"
         "        voice: party", "quote: will not release more than 40 per cent of the "
         f"summer flow\n        voice: {voice}")
    (edit(river / UP, "    reason: the report gives", "    reason: the report gives")
     if voice.states else None)
    shown = json.loads(posdiff("show", "upstream", "-f", "json", "-i", "water-share").stdout)
    assert shown["positions"][0]["evidence"][0]["voice"] == voice.value
    table = posdiff("show", "upstream", "-i", "water-share")
    assert f"voice: {voice.value}" in " ".join(table.stdout.split())


def test_a_position_on_author_words_alone_is_an_error_naming_claim_and_voices(
        river: Path) -> None:
    _author_only(river, marked=False)
    assert _check(river) == [(
        f"{UP}:26:15", "claim-not-stated",
        "positions[1].position: only author quotes support the position, and those are not "
        "the party's words; cite a quote in voice party or reported that states it, or mark "
        "the entry `basis: inferred` with a `reason`")]


def test_a_limit_on_conduct_alone_is_an_error_too(river: Path) -> None:
    edit(river / UP, "quote: called any higher share a red line\n        supports: [red_line]\n"
         "        voice: reported", "quote: called any higher share a red line\n"
         "        supports: [red_line]\n        voice: conduct")
    edit(river / UP, "    basis: inferred\n", "")
    edit(river / UP, "    reason: the report gives the 40 per cent floor only; 70 is the "
         "curator's guess at the ceiling\n", "")
    found = _check(river)
    assert [(where, code) for where, code, _ in found] == [
        (f"{UP}:10:17", "limit-without-quote"), (f"{UP}:11:15", "claim-not-stated")]
    assert "only conduct quotes support the red line" in found[1][2]


def test_marked_inferred_the_entry_checks_and_says_so_everywhere(
        river: Path, posdiff: Invoke) -> None:
    _author_only(river)
    assert _check(river) == []
    compare = posdiff("compare", "upstream", "downstream").stdout
    assert "0 joint commission [inferred]" in compare
    assert "no quote in the party's own or reported words states the position" in " ".join(
        compare.split())
    show = posdiff("show", "upstream").stdout
    assert "(position) the report reads it into the talks" in " ".join(show.split())
    assert "Why inferred" in show
    assert "[inferred]" in show
    coverage = posdiff("coverage").stdout
    assert "0 (30)†" in coverage and "†: the position is inferred" in " ".join(coverage.split())
    matrix = json.loads(posdiff("matrix", "-f", "json").stdout)
    assert matrix["inferred"]["upstream"]["downstream"] == 1
    assert matrix["inferred"]["downstream"]["mediator"] == 0
    assert "(2)†" in posdiff("matrix").stdout
    data = json.loads(posdiff("compare", "upstream", "downstream", "-f", "json").stdout)
    monitoring = next(i for i in data["issues"] if i["issue"] == "monitoring")
    assert monitoring["claims"]["upstream"] == {"position": "inferred", "acceptable": None,
                                                "red_line": None}
    assert monitoring["claims"]["downstream"]["position"] == "stated"
    csv = posdiff("compare", "upstream", "downstream", "-f", "csv").stdout
    assert "monitoring,upstream,downstream,2024-05-01,0,inferred," in csv
    parties = json.loads(posdiff("parties", "-f", "json").stdout)["parties"]
    upstream = next(p for p in parties if p["party"] == "upstream")
    assert upstream["positions_inferred"] == ["monitoring"]
    assert upstream["positions_stated"] == ["water-share"]
    assert upstream["quotes_by_voice"] == {"party": 1, "reported": 1, "author": 1,
                                          "conduct": 0, "not_given": 0}
    assert posdiff("brief", "-o", "b.html").exit_code == 0
    page = (river / "b.html").read_text(encoding="utf-8")
    assert "Inferred (position), the curator's reason" in page
    assert re.search(r'class="mark inferred" cx="[0-9.]+%"', page)  # hollow on its strip
    assert "voice: <span class=\"voice\">author" in page


def test_a_change_of_basis_alone_is_a_change(river: Path, posdiff: Invoke) -> None:
    _author_only(river)
    with (river / UP).open("a", encoding="utf-8") as party:
        party.write("  - issue: monitoring\n    as_of: 2024-05-02\n    position: 0\n"
                    "    salience: 30\n    stance: Accepts a joint commission.\n"
                    "    evidence:\n      - seed: river-report\n"
                    "        quote: Upstream officials said a joint monitoring commission\n"
                    "        voice: reported\n")
    assert _check(river) == []
    changes = " ".join(posdiff("changes").stdout.split())
    assert "position 0 joint commission [inferred] → 0 joint commission (+0)" in changes
    # With the parties' words alone, the inferred entry is silent: nothing changed.
    stated = " ".join(posdiff("changes", "--stated-only").stdout.split())
    assert "No party has changed anything." in stated and "upstream 1" in stated


STATED_ONLY = [
    (["compare", "upstream", "downstream", "-f", "json"],
     lambda d: [i["issue"] for i in d["issues"] if i["gap"] is not None] == ["water-share"]),
    (["matrix", "-f", "json"], lambda d: d["coverage"]["upstream"]["downstream"] == 1),
    (["compromise", "-i", "monitoring", "-f", "json"],
     lambda d: list(d["issues"][0]["positions"]) == ["downstream"]),
    (["coverage", "-f", "json"], lambda d: d["positions"]["monitoring"]["upstream"] is None),
    (["show", "upstream", "-f", "json"],
     lambda d: [p["issue"] for p in d["positions"]] == ["water-share"]),
    (["forecast", "-i", "monitoring", "-f", "json"],
     lambda d: d["issues"][0]["actors"] == ["downstream"]),
]


@pytest.mark.parametrize(("args", "holds"), STATED_ONLY, ids=[a[0] for a, _ in STATED_ONLY])
def test_stated_only_leaves_an_inferred_position_out(river: Path, posdiff: Invoke,
                                                     args: list[str], holds: object) -> None:
    _author_only(river)
    assert callable(holds)
    assert not holds(json.loads(posdiff(*args).stdout))  # without: the entry counts
    assert holds(json.loads(posdiff(*args, "--stated-only").stdout))
    table = posdiff(*[a for a in args if a not in ("-f", "json")], "--stated-only").stdout
    assert "--stated-only: 1 entry whose position is inferred left out (upstream 1)" in \
        " ".join(table.split())


def test_stated_only_leaves_it_out_of_changes_export_and_the_brief(
        river: Path, posdiff: Invoke) -> None:
    _author_only(river)
    export = ["export", "ktab", "upstream", "downstream", "-i", "monitoring", "-o", "k.csv"]
    assert "; 2 have a position on this issue" in posdiff(*export).stderr  # KTAB needs three
    assert "; 1 has a position on this issue" in posdiff(*export, "--stated-only").stderr
    assert posdiff("brief", "--stated-only", "-o", "b.html").exit_code == 0
    assert not re.search(r'class="mark inferred" cx="[0-9.]+%"',
                         (river / "b.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("text", "message"), [
    ("voice: reporter", "'reporter' is not one of party, reported, author, conduct; "
                        "did you mean 'reported'?"),
    ("voice: [party]", "expected one of party, reported, author, conduct, got a list"),
    ("voice: 3", "expected one of party, reported, author, conduct, got a number (3)"),
    ("voice: Party", "'Party' is not one of party, reported, author, conduct; did you mean "
                     "'party'?"),
])
def test_a_voice_that_is_not_one_of_the_four_is_one_diagnostic(river: Path, text: str,
                                                               message: str) -> None:
    edit(river / UP, "        voice: party", f"        {text}")
    found = _check(river)
    assert [(where, m.split(": ", 1)[1]) for where, _, m in found] == [(f"{UP}:16:16",
                                                                       message)]


def test_voice_on_the_entry_is_said_to_belong_on_each_quote(river: Path) -> None:
    edit(river / UP, "    stance: Accepts", "    voice: party\n    stance: Accepts")
    [(where, code, message)] = _check(river)
    assert (where, code) == (f"{UP}:28:5", "unknown-field")
    assert message.endswith("unknown field 'voice' here; it belongs on each quote, under "
                            "`evidence`")


def test_a_quote_without_voice_warns_and_says_what_to_add(river: Path,
                                                          posdiff: Invoke) -> None:
    edit(river / UP, "        voice: party\n", "")
    [(where, code, message)] = _check(river)
    assert (where, code) == (f"{UP}:15:16", "missing-voice")
    assert "add `voice: party`" in message and "`reported`" in message
    assert posdiff("check").exit_code == 0
    assert posdiff("check", "--strict").exit_code == 1
    assert posdiff("compare", "upstream", "downstream").exit_code == 0  # a warning: scored
    shown = json.loads(posdiff("show", "upstream", "-f", "json", "-i", "water-share").stdout)
    assert shown["positions"][0]["evidence"][0]["voice"] is None
    assert shown["positions"][0]["position_basis"] == Basis.STATED
