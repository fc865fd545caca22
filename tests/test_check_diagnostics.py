"""One broken copy of the river record per diagnostic code: the right code, at the right
file, line and column."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from posdiff.diagnostics import Diagnostic
from posdiff.record import files
from posdiff.record.check import run_check
from posdiff.record.paths import RecordPaths

from tests.conftest import edit

UP = "positions/upstream.yaml"
DOWN = "positions/downstream.yaml"
ISSUES = "positions/issues.yaml"
INDEX = "seeds/index.yaml"

# (code, file edited, old text or None to replace the whole file, new text, where reported)
CASES: list[tuple[str, str, str | None, str | bytes, str]] = [
    ("yaml-syntax", UP, "name: Upstream State", "name: [Upstream State", f"{UP}:3:8"),
    ("duplicate-key", UP, "clout: 2\n", "clout: 2\nclout: 3\n", f"{UP}:5:1"),
    ("duplicate-key", UP, "    salience: 90\n", "    salience: 90\n    salience: 95\n",
     f"{UP}:10:5"),
    ("unknown-field", UP, "salience: 90", "salence: 90", f"{UP}:9:5"),
    ("missing-field", UP, "    stance: Releases at most 40 per cent of the summer flow.\n", "",
     f"{UP}:6:5"),
    ("wrong-type", UP, "salience: 90", "salience: high", f"{UP}:9:15"),
    ("wrong-type", UP, "red_line: true", "red_line: 'yes'", f"{UP}:11:15"),
    ("out-of-range", UP, "salience: 90", "salience: 101", f"{UP}:9:15"),
    ("out-of-range", UP, "position: 60", "position: -5", f"{UP}:8:15"),
    ("out-of-range", UP, "salience: 90", "salience: 5.0e-324", f"{UP}:9:15"),
    ("out-of-range", UP, "salience: 90", "salience: 0.0009", f"{UP}:9:15"),
    ("out-of-range", UP, "clout: 2", "clout: 0.0001", f"{UP}:4:8"),
    ("wrong-length", UP, "acceptable: [60, 70]", "acceptable: [55]", f"{UP}:10:17"),
    ("inverted-range", UP, "acceptable: [60, 70]", "acceptable: [70, 55]", f"{UP}:10:17"),
    ("position-outside-range", UP, "acceptable: [60, 70]", "acceptable: [65, 70]",
     f"{UP}:10:17"),
    ("red-line-without-range", UP, "    acceptable: [60, 70]\n", "", f"{UP}:10:15"),
    ("unknown-point", UP, "position: joint commission", "position: joint comission",
     f"{UP}:26:15"),
    ("invalid-date", UP, "as_of: 2024-05-01\n    position: 60",
     "as_of: 2024-02-30\n    position: 60", f"{UP}:7:12"),
    ("invalid-date", UP, "as_of: 2024-05-01\n    position: 60",
     "as_of: 2024-W18\n    position: 60", f"{UP}:7:12"),
    ("invalid-date", UP, "as_of: 2024-05-01\n    position: 60",
     "as_of: ' 2024-05-01'\n    position: 60", f"{UP}:7:12"),
    ("invalid-date", UP, "as_of: 2024-05-01\n    position: 60",
     "as_of: 2024-05-01 10:00:00\n    position: 60", f"{UP}:7:12"),
    ("invalid-date", INDEX, "date: 2024-06-01", "date: 2024-06-01T00:00:00Z",
     f"{INDEX}:7:11"),
    ("future-date", UP, "as_of: 2024-05-01\n    position: 60",
     "as_of: 2999-01-01\n    position: 60", f"{UP}:7:12"),
    ("invalid-id", UP, "party: upstream", "party: Up Stream", f"{UP}:1:8"),
    ("empty-value", UP, "name: Upstream State", "name: ''", f"{UP}:2:7"),
    ("unknown-issue", UP, "issue: monitoring", "issue: monitorin", f"{UP}:24:12"),
    ("unknown-seed", UP, "seed: river-report\n        quote: will",
     "seed: river-reprot\n        quote: will", f"{UP}:14:15"),
    ("duplicate-position", DOWN, "issue: monitoring\n    as_of: 2024-05-01",
     "issue: water-share\n    as_of: 2024-05-01", f"{DOWN}:19:12"),
    # Party files load in name order, so the later file is the one told of a clash.
    ("duplicate-party", DOWN, "party: downstream", "party: upstream", f"{UP}:1:8"),
    ("alias-clash", UP, "aliases: [highlands]", "aliases: [delta]", f"{UP}:3:11"),
    ("alias-clash", UP, "name: Upstream State", "name: Downstream State", f"{UP}:2:7"),
    ("duplicate-id", ISSUES, "id: monitoring", "id: water-share", f"{ISSUES}:12:9"),
    ("duplicate-id", INDEX, "seeds:\n", "seeds:\n  - id: river-report\n    file: talks.txt\n",
     f"{INDEX}:4:9"),
    ("duplicate-point", ISSUES, "at: 50", "at: 100", f"{ISSUES}:10:9"),
    ("scale-missing-end", ISSUES, "at: 100\n        label: no monitoring",
     "at: 90\n        label: no monitoring",
     f"{ISSUES}:16:7"),
    ("seed-path-escapes", INDEX, "file: talks.txt", "file: ../positions/issues.yaml",
     f"{INDEX}:3:11"),
    ("seed-path-escapes", INDEX, "file: talks.txt", "file: /etc/passwd", f"{INDEX}:3:11"),
    ("missing-seed-file", INDEX, "file: talks.txt", "file: gone.txt", f"{INDEX}:3:11"),
    ("quote-not-found", UP, "quote: will not release more than 40 per cent",
     "quote: will never ever give more than 90 per cent", f"{UP}:15:16"),
    ("quote-not-found", UP, "quote: will not release more than 40 per cent",
     "quote: will not relase more than 40 per cent", f"{UP}:15:16"),
    ("quote-too-short", UP, "quote: will not release more than 40 per cent of the summer flow",
     "quote: will not", f"{UP}:15:16"),
    ("quote-ambiguous", UP, "quote: will not release more than 40 per cent of the summer flow",
     "quote: per cent of the summer flow", f"{UP}:15:16"),
    ("quote-context-mismatch", UP, "quote: will not release",
     "prefix: the mediator said it\n        quote: will not release", f"{UP}:16:16"),
    ("limit-without-quote", UP, "    basis: inferred\n", "", f"{UP}:10:17"),
    ("limit-without-quote", DOWN, "    basis: inferred\n    reason: a demand",
     "    reason: a demand", f"{DOWN}:9:17"),
    ("missing-field", DOWN, "    reason: a demand of at least 70 per cent leaves room up to 45 "
     "on this scale\n", "", f"{DOWN}:16:12"),
    ("position-without-quote", UP, "        quote: will not release more than 40 per cent of the "
     "summer flow\n", "        quote: will not release more than 40 per cent of the summer "
     "flow\n        supports: [red_line]\n", f"{UP}:14:7"),
    ("supports-nothing", DOWN, "quote: want at least 70 per cent of the summer flow",
     "quote: want at least 70 per cent of the summer flow\n        supports: [position, red_line]",
     f"{DOWN}:5:5"),
    ("basis-unused", DOWN, "quote: want at least 70 per cent of the summer flow",
     "quote: want at least 70 per cent of the summer flow\n"
     "        supports: [position, acceptable]", f"{DOWN}:17:12"),
    ("invalid-choice", UP, "supports: [red_line]", "supports: [redline]", f"{UP}:19:20"),
    ("invalid-choice", DOWN, "aliases: [lowlands, delta]", "aliases: [lowlands, delta]\n"
     "role: referee", f"{DOWN}:4:7"),
    ("position-without-note", DOWN, "    note: at least 70 per cent downstream is 30 on a scale "
     "where 0 is all flow downstream\n", "", f"{DOWN}:7:15"),
    ("file-name-mismatch", "positions/mediator.yaml", "party: mediator", "party: broker",
     "positions/mediator.yaml:1:8"),
    ("empty-file", DOWN, None, "# nothing here\n", f"{DOWN}:1:1"),
    ("not-utf8", DOWN, None, b"party: down\xffstream\n", f"{DOWN}:1:12"),
    ("byte-order-mark", DOWN, None, b"\xef\xbb\xbfparty: downstream\n", f"{DOWN}:1:1"),
    ("unsafe-tag", DOWN, None, "party: !!python/object/apply:os.system ['true']\n",
     f"{DOWN}:1:8"),
    ("too-deep", DOWN, None, "a: " + "[" * 100 + "]" * 100 + "\n", f"{DOWN}:1:67"),
    ("multiple-documents", DOWN, None, "party: a\n---\nparty: b\n", f"{DOWN}:2:1"),
    ("unindexed-seed", "seeds/extra.txt", None, "A text nobody indexed.\n",
     "seeds/extra.txt:1:1"),
    ("uncited-seed", INDEX, "seeds:\n", "seeds:\n  - id: spare\n    file: talks.txt\n",
     f"{INDEX}:2:5"),
    ("padded-name", UP, "aliases: [highlands]", 'aliases: ["lowlands "]', f"{UP}:3:11"),
    ("padded-name", UP, "name: Upstream State", 'name: "Upstream State\t"', f"{UP}:2:7"),
    ("padded-name", ISSUES, "label: even split", 'label: " even split"', f"{ISSUES}:9:16"),
    ("padded-name", UP, "name: Upstream State", 'name: "Upstream\\tState"', f"{UP}:2:7"),
    ("padded-name", UP, "aliases: [highlands]", 'aliases: ["high  lands"]', f"{UP}:3:11"),
]


def problems(root: Path) -> list[Diagnostic]:
    return run_check(RecordPaths(root / "positions", root / "seeds")).diagnostics


def test_the_fixture_is_clean(river: Path) -> None:
    assert problems(river) == []


@pytest.mark.parametrize(("code", "edited", "old", "new", "where"), CASES,
                         ids=[f"{case[0]}-{index}" for index, case in enumerate(CASES)])
def test_each_fault_is_reported_where_it_is(river: Path, code: str, edited: str,
                                            old: str | None, new: str | bytes,
                                            where: str) -> None:
    target = river / edited
    if old is None:
        target.write_bytes(new if isinstance(new, bytes) else new.encode())
    else:
        assert isinstance(new, str)
        edit(target, old, new)
    found = [d for d in problems(river) if d.code == code]
    assert found, f"no {code} in {problems(river)}"
    first = found[0]
    assert f"{first.file}:{first.line}:{first.column}" == where
    assert len(first.message) > 20  # says what is wrong and how to fix it


def test_a_claim_named_twice_is_a_warning_and_a_wrong_one_twice_two_errors(
        river: Path) -> None:
    edit(river / UP, "supports: [red_line]", "supports: [red_line, position, red_line]")
    assert [(d.code, d.path) for d in problems(river)] == [
        ("repeated-item", "positions[0].evidence[1].supports[2]")]
    edit(river / UP, "supports: [red_line, position, red_line]", "supports: [redline, redline]")
    assert [d.code for d in problems(river)] == ["invalid-choice", "invalid-choice"]


def test_a_broken_catalogue_is_reported_once_and_quotes_are_still_checked(river: Path) -> None:
    (river / ISSUES).write_text("issues:\n  - id: water-share\n    title: [broken\n",
                                encoding="utf-8")
    edit(river / UP, "quote: will not release", "quote: will never release")
    found = problems(river)
    assert [d.code for d in found] == ["yaml-syntax", "quote-not-found"]
    assert (found[0].file, found[1].file) == (ISSUES, UP)


def test_a_broken_issue_is_reported_at_the_catalogue_only(river: Path) -> None:
    edit(river / ISSUES, "at: 100\n        label: no monitoring",
         "at: 90\n        label: no monitoring")
    assert [d.code for d in problems(river)] == ["scale-missing-end"]
    edit(river / ISSUES, "title: Monitoring", "title: [Monitoring]")
    assert [d.code for d in problems(river)] == ["wrong-type"]


@pytest.mark.parametrize(("broken", "misspelt", "code", "meant"), [
    ((ISSUES, "title: Monitoring", "title: [Monitoring]"),
     ("issue: water-share", "issue: monitorin"), "unknown-issue", "monitoring"),
    ((INDEX, "date: 2024-06-01", "date: 2999-06-01"),
     ("seed: river-report", "seed: river-reprot"), "unknown-seed", "river-report"),
])
def test_a_broken_entry_does_not_hide_a_misspelt_id(river: Path, broken: tuple[str, str, str],
                                                    misspelt: tuple[str, str], code: str,
                                                    meant: str) -> None:
    """One broken entry leaves the catalogue (or the seed index) read: an id that no entry
    has is still unknown, and the suggestion counts the broken entry's id."""
    edit(river / broken[0], broken[1], broken[2])
    edit(river / DOWN, *misspelt)
    found = problems(river)
    assert len(found) == 2, found
    assert (found[0].code, found[0].file, found[1].file) == (code, DOWN, broken[0])
    assert f"did you mean '{meant}'?" in found[0].message


@pytest.mark.parametrize(("edited", "old", "new", "code"), [
    (INDEX, "id: river-report", "id: 42", "wrong-type"),
    (INDEX, "- id: river-report\n    file: talks.txt", "- file: talks.txt", "missing-field"),
    (INDEX, "seeds:\n  - id: river-report", "seeds:\n  - id: gazette\n    file: gazette.txt\n"
     "    sha256: {gazette}\n  - id: gazette", "duplicate-id"),
    (ISSUES, "id: monitoring", "id: 42", "wrong-type"),
    (ISSUES, "id: monitoring", "id: water-share", "duplicate-id"),
    (ISSUES, "id: monitoring", "id: Monitoring", "invalid-id"),
    (INDEX, "id: river-report", "id: River-Report", "invalid-id"),
    # the second entry takes the first's id: neither is used, and no quote is read
    # against the wrong text (an earlier fix kept the first, and its text was searched)
    (INDEX, "seeds:\n  - id: river-report", "seeds:\n  - id: river-report\n"
     "    file: gazette.txt\n    sha256: {gazette}\n  - id: river-report", "duplicate-id"),
    (ISSUES, "issues:\n  - id: water-share", "issues:\n  - id: water-share\n    title: T\n"
     "    question: Q?\n    scale:\n      - at: 0\n        label: none\n      - at: 100\n"
     "        label: all\n  - id: water-share", "duplicate-id"),
])
def test_an_entry_whose_id_cannot_be_used_is_one_problem(river: Path, edited: str, old: str,
                                                         new: str, code: str) -> None:
    """An entry of the seed index (or the catalogue) whose id is not text, missing or
    repeated is the one problem: not each citation of the id it was meant to have, nor
    its file as one no entry lists."""
    gazette = b"The gazette reports nothing of use.\n"
    if "{gazette}" in new:
        (river / "seeds/gazette.txt").write_bytes(gazette)
    edit(river / edited, old, new.format(gazette=hashlib.sha256(gazette).hexdigest()))
    found = [d for d in problems(river) if d.code != "uncited-seed"]
    assert [(d.code, d.file) for d in found] == [(code, edited)], found


@pytest.mark.parametrize(("old", "new", "code", "said"), [
    ("salience: 90", "salience: 0x5A", "number-notation", "'0x5A' reads as 90 in YAML"),
    ("salience: 90", "salience: 017", "number-notation", "'017' reads as 15 in YAML"),
    ("salience: 90", "salience: 090", "wrong-type", "with a leading 0 as text (or as octal): "
     "write 90"),
    ("salience: 90", "salience: 1:30", "number-notation", "'1:30' reads as 90 in YAML"),
    ("salience: 90", "salience: 9_0", "number-notation", "'9_0' reads as 90 in YAML"),
    ("salience: 90", "salience: 1.0e+400", "number-notation", "is too large for a number"),
    ("clout: 2", "clout: 1.0e-400", "number-notation", "is too small to tell from 0"),
    ("position: 60", "position: " + "9" * 5_000, "number-too-long", "a number of 5,000"),
    ("salience: 90", "salience: " + "9" * 5_000, "number-too-long", "a number of 5,000"),
    ("salience: 90", "salience: 1e+2", "wrong-type", "write 1.0e+2, or the number in plain"),
    ("position: 60", "position: 6e+1", "unknown-point", "write 6.0e+1, or the number"),
    ("position: 60", "position: '60'", "unknown-point", "to give the number 60, write it "
     "without quotes"),
])
def test_a_number_yaml_reads_otherwise_than_meant_is_one_problem(
        river: Path, old: str, new: str, code: str, said: str) -> None:
    """YAML 1.1 reads 0x5A, 090 (octal), 1:30 (base 60) and 9_0 as numbers no curator
    means, an exponent without a dot and a sign as text, and 1.0e+400 as infinity: each is
    one problem at its value, never a number taken silently or a second problem; each
    names its field, as every message about a value does."""
    edit(river / UP, old, new)
    found = problems(river)
    assert [d.code for d in found] == [code], found
    assert said in found[0].message and found[0].file == UP
    field = old.split(":")[0]
    assert found[0].path.endswith(field) and \
        found[0].message.startswith(f"{found[0].path}: "), found[0]


@pytest.mark.parametrize(("old", "new", "said"), [
    ("aliases: [highlands]", "aliases: highlands", "got 'highlands'; write it in brackets: "
     "[highlands]"),
    ("acceptable: [60, 70]", "acceptable: 55-70", "got '55-70'; write [55, 70]"),
    ("acceptable: [60, 70]", "acceptable: 55 to 70", "write [55, 70]"),
    ("acceptable: [60, 70]", "acceptable: [55 70]", "expected exactly 2 items, got 1; "
     "write [55, 70]"),
    ("salience: 90", "salience: 90%", "got '90%'; write 90, without the per cent sign"),
    ("salience: 90", "salience: 190 per cent", "as a number it is refused too: 190 is out "
     "of range"),
    ("clout: 2", "clout: 20%", "write a plain number (a per cent sign is no part of one)"),
    ("position: 60", "position: 60%", "a position is a point of the issue's 0..100 scale, "
     "not a per cent"),
    ("acceptable: [60, 70]", "acceptable: 60", "got a number (60); a range is two points, "
     "[low, high], that hold the position"),
    ("acceptable: [60, 70]", "acceptable: [65]", "expected exactly 2 items, got 1; a range is "
     "two points, [low, high], that hold the position"),
])
def test_a_value_written_otherwise_than_its_kind_says_how_to_write_it(
        river: Path, old: str, new: str, said: str) -> None:
    """A list written as a text, a range as one text, a share with a per cent sign: each
    message says how to write it, and never suggests a number a scale may read otherwise."""
    edit(river / UP, old, new)
    (found,) = problems(river)
    assert said in found.message, found.message
    if old.startswith("position"):
        assert "write 60" not in found.message


def test_a_utf16_file_is_named_as_one(river: Path) -> None:
    text = (river / DOWN).read_text(encoding="utf-8")
    (river / DOWN).write_bytes(text.encode("utf-16"))
    (found,) = [d for d in problems(river) if d.file == DOWN]
    assert found.message == "the file is UTF-16 (it starts with a UTF-16 byte-order mark); " \
        "save it as UTF-8"


LONG = "q" * 3_000


@pytest.mark.parametrize(("edited", "old", "new"), [
    (DOWN, "  - issue: water-share", f"  - issue: {LONG}"),
    (DOWN, "    position: 30", f"    position: {LONG}"),
    (DOWN, "acceptable: [20, 45]", f"acceptable: [20, {LONG}]"),
    (DOWN, "        voice: reported", f"        voice: {LONG}"),
    (DOWN, "      - seed: river-report", f"      - seed: {LONG}"),
    (DOWN, "aliases: [lowlands, delta]", f"aliases: [lowlands, delta]\n{LONG}: 1"),
    (DOWN, "party: downstream", f"party: {LONG}"),
    (ISSUES, "  - id: water-share", f"  - id: {LONG}"),
    (INDEX, "  - id: river-report", f"  - id: {LONG}"),
], ids=["issue", "position-label", "range-label", "voice", "seed", "field-name", "party-id",
        "issue-id", "seed-id"])
def test_a_long_value_is_echoed_by_its_ends(river: Path, edited: str, old: str,
                                            new: str) -> None:
    """A value of 3,000 characters in any field is shown by its ends in every message
    about it, never in full."""
    edit(river / edited, old, new)
    found = problems(river)
    assert found
    for problem in found:
        assert len(problem.message) < 1_000 and LONG not in problem.message, problem.code


@pytest.mark.parametrize(("old", "new", "said", "unsaid"), [
    ("clout: 2", "clout: 1000001", "1,000,001 is out of range: must be greater than 0 and "
     "at most 1,000,000", "1e+06"),
    ("clout: 2", "clout: 1000000.4", "1,000,000.4 is out of range", "1e+06"),
    ("position: 60", "position: 100.0001", "100.0001 is out of range: must be between 0 "
     "and 100", "100 is"),
    ("acceptable: [60, 70]", "acceptable: [70.00001, 70]", "[70.00001, 70] is inverted; "
     "write [70, 70.00001]", "[70, 70] is"),
    ("clout: 2", "clout: 0.0001", "write at least 0.001", "write 0"),
    ("clout: 2", "clout: 1.0e-400", "is too small to tell from 0", "write 0"),
    ("clout: 2", "clout: 1e400", "as a number it is too large for one", "write 1.0e+400"),
    ("clout: 2", "clout: 2e9", "as a number it is refused too: 2,000,000,000 is out of range",
     "write 2.0e+9"),
    ("clout: 2", "clout: '0'", "as a number it is refused too: 0 is out of range",
     "without quotes"),
    ("position: 60", "position: '150'", "as a number it is refused too: 150 is out of range",
     "without quotes"),
])
def test_a_number_is_shown_as_written_and_no_fix_is_one_the_check_refuses(
        river: Path, old: str, new: str, said: str, unsaid: str) -> None:
    """A message shows the number with every digit it has (not 1e+06 for 1,000,001), and
    suggests no value that the next check would refuse (0 for a clout, a number out of
    range, 1.0e+400 that reads as infinity)."""
    edit(river / UP, old, new)
    (found,) = problems(river)
    assert said in found.message and unsaid not in found.message, found.message


@pytest.mark.parametrize(("edited", "old", "new"), [
    (INDEX, "sha256: ba7b7fecc6dbff749fca03b2daa2f82a758eb3b52f83f8b125600d715ca7963e",
     "sha256: " + "1234567890" * 6 + "1234"),
    (INDEX, "title: River talks stall over summer flows", "title: 2024"),
    (INDEX, "title: River talks stall over summer flows", "title: 2024-06-01"),
    (UP, "name: Upstream State", "name: yes"),
])
def test_text_that_yaml_reads_as_a_number_says_to_quote_it(river: Path, edited: str, old: str,
                                                           new: str) -> None:
    edit(river / edited, old, new)
    messages = [d.message for d in problems(river) if d.code == "wrong-type"]
    assert len(messages) == 1 and messages[0].endswith("; put it in quotes to make it text")


@pytest.mark.parametrize("folder", ["positions", "seeds"])
def test_a_folder_that_cannot_be_listed_is_one_problem(river: Path, folder: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Not followed by its catalogue or index 'not found' (the tests run as root, so the
    folder's listing is refused here as permissions would refuse it)."""
    scan = files._scan

    def refused(where: Path) -> Iterator[Path]:
        if where.name == folder:
            raise PermissionError(13, "Permission denied")
        return scan(where)

    monkeypatch.setattr(files, "_scan", refused)
    monkeypatch.setattr(os.path, "lexists", lambda path: Path(path).parent.name != folder
                        and os.path.exists(path))
    found = problems(river)
    assert [(d.code, d.file) for d in found] == [("unreadable-folder", folder)], found


@pytest.mark.parametrize(("file", "whose"), [("index.yaml", "the seed index itself"),
                                            ("talks.txt", "the file of seed 'river-report'")])
def test_a_seed_file_is_the_text_of_one_seed(river: Path, file: str, whose: str) -> None:
    (river / INDEX).write_text((river / INDEX).read_text(encoding="utf-8") + (
        f"  - id: gazette\n    file: {file}\n"), encoding="utf-8")
    found = [d for d in problems(river) if d.code != "unpinned-seed"]
    assert [(d.code, d.file, d.line) for d in found] == [("seed-file-taken", INDEX, 9)], found
    assert whose in found[0].message


def test_an_alias_that_is_another_party_s_id_is_the_alias_s_problem(river: Path) -> None:
    """Said once, in the file that gives the alias, whichever file is read first; the
    party whose id it is stays, with its quotes checked."""
    edit(river / "positions/mediator.yaml", "name: Mediator", "name: Mediator\n"
         "aliases: [upstream]")
    report = run_check(RecordPaths(river / "positions", river / "seeds"))
    clashes = [d for d in report.diagnostics if d.code == "alias-clash"]
    assert [(d.file, d.message) for d in clashes] == [(
        "positions/mediator.yaml", "alias 'upstream' of party 'mediator' is the id of party "
        "'upstream' (positions/upstream.yaml); every name must point to one party")]
    assert set(report.record.parties) == {"downstream", "upstream"}


def test_a_party_file_copied_is_a_duplicate_party_not_an_alias_clash(river: Path) -> None:
    """Ids are the parties' own, not their files' names: a copy of upstream.yaml named
    highlands.yaml (upstream's alias) is upstream again, and no party is 'highlands'."""
    (river / "positions/highlands.yaml").write_text(
        (river / "positions/upstream.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    found = [(d.code, d.file) for d in problems(river) if d.is_error]
    assert found == [("duplicate-party", "positions/upstream.yaml")], found


def test_a_party_whose_id_and_name_fold_alike_clashes_once(river: Path) -> None:
    """Its id and its name are one name: one clash with the party that took it first."""
    (river / "positions/upstream.yaml").rename(river / "positions/up.yaml")
    edit(river / "positions/up.yaml", "name: Upstream State", "name: Upstream")
    edit(river / "positions/downstream.yaml", "aliases: [lowlands, delta]",
         "aliases: [lowlands, delta, upstream]")
    clashes = [d for d in problems(river) if d.code == "alias-clash"]
    assert len(clashes) == 1, clashes


@pytest.mark.parametrize(("text", "warned"), [
    ("Releases at most 40 per cent of the sum-\n      mer flow.", True),
    ("Releases at most 40 per cent of the summer-\n      time flow.", True),
    ("Releases at most 40 per cent of the\n      summer-time flow.", False),
    ('"Releases at most 40 per cent of the sum-\n      mer flow."', True),  # quoted: folded
    (">\n      Releases at most 40 per cent of the sum-\n      mer flow.", True),
    ("Releases at most 40 per cent of the 30-\n      day flow.", True),
    ("Releases pre- and post-war\n      flows alike.", False),  # not at a line's end: meant
    ("Releases at most 40 per cent of the pre-\n      and post-war flow.", False),  # meant
])
def test_a_word_broken_across_lines_of_a_plain_text_is_warned_of(river: Path, text: str,
                                                                  warned: bool) -> None:
    edit(river / UP, "stance: Releases at most 40 per cent of the summer flow.",
         f"stance: {text}")
    split = [d for d in problems(river) if d.code == "split-word"]
    assert len(split) == warned, split
    lines = (river / UP).read_text(encoding="utf-8").splitlines()
    for d in split:  # at the word that ends its line in a hyphen
        assert not d.is_error and lines[d.line - 1][d.column - 1:].rstrip().endswith("-")
        assert lines[d.line - 1][d.column - 2] in " \"", d


PIN = "ba7b7fecc6dbff749fca03b2daa2f82a758eb3b52f83f8b125600d715ca7963e"


@pytest.mark.parametrize(("written", "suggested"), [
    (PIN.upper(), True), (f"sha256:{PIN}", True), (f"{PIN}  talks.txt", True),
    (f"SHA256:{PIN.upper()}", True), (PIN[:12], False),
])
def test_a_pin_pasted_from_a_tool_is_refused_with_the_value_to_write(
        river: Path, written: str, suggested: bool) -> None:
    """Windows prints the hash in capitals, sha256sum adds the file's name: refused, with
    the value to write when the hash is all there."""
    edit(river / INDEX, f"sha256: {PIN}", f'sha256: "{written}"')
    [problem] = problems(river)
    assert problem.code == "invalid-id"
    assert problem.message.endswith(f"; write {PIN}") == suggested, problem.message


@pytest.mark.parametrize(("edited", "old", "new", "field"), [
    (INDEX, "  - id: river-report", "  - idd: river-report", "'idd'; did you mean 'id'?"),
    (UP, "party: upstream", "partyy: upstream", "'partyy'; did you mean 'party'?"),
    (ISSUES, "  - id: monitoring", "  - ids: monitoring", "'ids'; did you mean 'id'?"),
])
def test_a_misspelt_field_is_one_problem(river: Path, edited: str, old: str, new: str,
                                         field: str) -> None:
    """Not also 'missing required field' for the field it was meant to be."""
    edit(river / edited, old, new)
    found = [d for d in problems(river) if d.file == edited]
    assert [d.code for d in found] == ["unknown-field"], found
    assert found[0].message.endswith(field)


def test_a_pin_of_digits_is_told_what_a_pin_is_not_to_quote_it(river: Path) -> None:
    edit(river / INDEX, f"sha256: {PIN}", "sha256: 12345")
    [problem] = problems(river)
    assert "put it in quotes" not in problem.message
    assert problem.message.endswith("; 64 lower-case hex digits, as `sha256sum` prints")


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x85", "\u2028", "\u202e", "\u2067"])
def test_a_character_that_could_forge_or_reorder_output_is_refused(river: Path,
                                                                   char: str) -> None:
    edit(river / UP, "name: Upstream State", f'name: "Upstream\\u{ord(char):04x}State"')
    [problem] = problems(river)
    assert problem.code == "control-character"
    assert f"U+{ord(char):04X} at character 9" in problem.message


def test_a_date_with_a_time_of_day_is_said_to_be_one(river: Path) -> None:
    edit(river / UP, "as_of: 2024-05-01\n    position: 60",
         "as_of: 2024-05-01 10:00:00\n    position: 60")
    found = problems(river)
    assert found[0].message == ("positions[0].as_of: expected a date like 2025-03-18, got a "
                                "date and time (2024-05-01 10:00:00)")


def test_a_broken_seed_is_reported_at_the_index_only(river: Path) -> None:
    edit(river / INDEX, "date: 2024-06-01", "date: 2999-06-01")
    found = problems(river)
    assert [(d.code, d.file) for d in found] == [("future-date", INDEX)], found


@pytest.mark.parametrize(("old", "new"), [
    ("date: 2024-06-01", "date: 2024-13-01"), ("outlet: River Gazette", "outlet: [1, 2]"),
    ("outlet: River Gazette", "publisher: River Gazette"),
])
def test_a_seed_broken_in_what_it_says_of_its_source_still_checks_its_quotes(
        river: Path, old: str, new: str) -> None:
    """Its id, file and pin are sound, so the quotes that cite it are located as ever."""
    edit(river / INDEX, old, new)
    edit(river / UP, "quote: will not release", "quote: will never release")
    found = problems(river)
    assert [(d.file, d.code == "quote-not-found") for d in found] == [
        (UP, True), (INDEX, False)], found
    report = run_check(RecordPaths(river / "positions", river / "seeds"))
    assert report.summary()["quotes_unmatched"] == 1


def test_an_unreadable_seed_index_is_reported_once(river: Path) -> None:
    edit(river / INDEX, "outlet: River Gazette", "outlet: [River Gazette")
    found = problems(river)
    assert [(d.code, d.file) for d in found] == [("yaml-syntax", INDEX)], found
    (river / INDEX).write_text("seeds: []\n", encoding="utf-8")
    assert [d.code for d in problems(river)] == ["wrong-length"]


def test_a_party_whose_name_clashes_is_left_out_but_its_names_still_count(
        river: Path) -> None:
    """The second party to give a name is left out; a third that gives one of the second's
    names clashes with it too, so no name ever points to two parties."""
    positions = river / "positions"
    edit(positions / "upstream.yaml", "aliases: [highlands]", "aliases: [delta, ridge]")
    (positions / "valley.yaml").write_text(
        (positions / "upstream.yaml").read_text(encoding="utf-8")
        .replace("party: upstream", "party: valley")
        .replace("name: Upstream State", "name: Valley State")
        .replace("aliases: [delta, ridge]", "aliases: [ridge]"), encoding="utf-8")
    report = run_check(RecordPaths(positions, river / "seeds"))
    clashes = [d.message for d in report.diagnostics if d.code == "alias-clash"]
    assert len(clashes) == 2, clashes
    # Each names where the other party's name is written: the alias itself, not the
    # party's first line.
    assert ("'delta' of party 'upstream' is also a name of 'downstream' "
            "(positions/downstream.yaml:3:21)") in clashes[0]
    assert ("'ridge' of party 'valley' is also a name of 'upstream' "
            "(positions/upstream.yaml:3:18)") in clashes[1]
    assert set(report.record.parties) == {"downstream", "mediator"}


def test_problems_reading_seeds_come_before_those_of_quotes(river: Path) -> None:
    """`posdiff show` and `brief` name the first problem of locating: an unreadable seed
    explains the quotes it holds, so it comes first."""
    from posdiff.record import read_record
    from posdiff.record.check import locate_evidence

    seeds = river / "seeds"
    (seeds / "other.txt").write_bytes(b"\xff")
    edit(seeds / "index.yaml", "seeds:\n", "seeds:\n  - id: other\n    file: other.txt\n")
    edit(river / "positions" / "mediator.yaml", "seed: river-report", "seed: other")
    edit(river / "positions" / "upstream.yaml", "quote: will not release",
         "quote: will never release")
    record = read_record(RecordPaths(river / "positions", seeds)).record
    evidence = record.evidence()
    assert evidence[0].seed == "river-report"  # its quotes are located first
    problems = locate_evidence(record, evidence, 4)
    assert [p.code for p in problems] == ["not-utf8", "quote-not-found"], problems


def test_a_diagnostic_is_a_tuple_of_its_fields_that_survives_pickling() -> None:
    """Children reading party files send their diagnostics back pickled; a diagnostic
    unpacks, compares and sorts as the tuple of its fields."""
    import pickle

    from posdiff.diagnostics import Severity, error

    found = error("a.yaml", 3, 5, "stray-key", "unknown key", "positions[0]")
    assert tuple(found) == ("a.yaml", 3, 5, Severity.ERROR, "stray-key", "unknown key",
                            "positions[0]")
    back = pickle.loads(pickle.dumps(found))
    assert type(back) is Diagnostic and back == found and back.path == "positions[0]"
    assert (found.file, found.line, found.column, found.code) == ("a.yaml", 3, 5, "stray-key")
    moved = found.replace(file="b.yaml", message="other")
    assert (moved.file, moved.message, moved.line, found.file) == ("b.yaml", "other", 3,
                                                                    "a.yaml")
    assert repr(found).startswith("Diagnostic(file='a.yaml', line=3, column=5, ")
    with pytest.raises(TypeError, match="no field colour"):
        found.replace(colour="red")
    assert Diagnostic("a", 1, 1, Severity.WARNING, "c", "m").path == ""


def test_a_quote_across_a_paragraph_break_is_told_so_not_called_an_elision(
        river: Path) -> None:
    """It was "the parts of this elided quote (...) are not in this order", for a quote
    with no `...`, beside a "nearest passage" that was the quote itself."""
    edit(river / UP, "quote: will not release more than 40 per cent of the summer flow",
         "quote: stall over summer flows The upstream delegation said")
    [found] = problems(river)
    assert (found.code, found.file, found.line) == ("quote-not-found", UP, 15)
    assert found.message == ("quote runs across a paragraph break of seed 'river-report' at "
                             "line 1; a quote lies within one paragraph: quote each "
                             "paragraph's words separately")


@pytest.mark.parametrize(("fault", "code"), [
    ("        voice: said\n", "invalid-choice"),
    ("        voice: [party]\n", "wrong-type"),
    ("        supports: [red_lin]\n", "invalid-choice"),
    ("        supports: 5\n", "wrong-type"),
    ("        suports: [red_line]\n", "unknown-field"),
])
def test_a_fault_in_an_evidence_item_does_not_hide_its_misquote(river: Path, fault: str,
                                                                 code: str) -> None:
    """Only the fields that locate a quote (seed, quote, prefix, suffix) decide whether
    it is checked: a voice or claim misspelt beside a misquote gave one error, and the
    second appeared only once the first was mended."""
    edit(river / UP, "        quote: called any higher share a red line\n"
         "        supports: [red_line]\n        voice: reported\n",
         f"        quote: called any lower share a red line\n{fault}")
    found = problems(river)
    assert sorted(d.code for d in found) == sorted([code, "quote-not-found"]), found
    assert all(d.file == UP for d in found)


def test_a_broken_prefix_leaves_its_quote_unchecked_and_counted_so(river: Path) -> None:
    edit(river / UP, "        quote: called any higher share a red line\n",
         "        quote: called any lower share a red line\n        prefix: 5\n")
    report = run_check(RecordPaths(river / "positions", river / "seeds"))
    assert [d.code for d in report.diagnostics] == ["wrong-type"]
    assert report.summary()["quotes_unchecked"] == 1


def test_a_quote_of_another_text_asks_whether_the_seed_is_the_one_meant(river: Path) -> None:
    edit(river / UP, "quote: will not release more than 40 per cent of the summer flow",
         "quote: parliament voted on Friday to approve new tariffs on steel imports")
    [found] = problems(river)
    assert found.message == ("quote not found in seed 'river-report'; no passage of it holds two "
                             "of the quote's words, and a fifth of them: is it the seed meant?")


def test_a_clashing_alias_is_named_as_written_and_as_an_alias(river: Path) -> None:
    """It was "name 'parents' association'": case-folded, called a name, and cut short by
    its own apostrophe."""
    edit(river / "positions/mediator.yaml", "name: Mediator",
         "name: Mediator\naliases: [\"Upstream State\"]")
    edit(river / UP, "aliases: [highlands]", "aliases: [highlands, \"Hill's Men\"]")
    edit(river / "positions/downstream.yaml", "aliases: [lowlands, delta]",
         "aliases: [lowlands, delta, \"hill's men\"]")
    found = problems(river)
    assert {d.code for d in found} == {"alias-clash"}, found
    said = " ".join(d.message for d in found)
    assert ("alias \"hill's men\" of party 'downstream' is also a name of 'upstream'" in said
            or "alias \"Hill's Men\" of party 'upstream' is also a name of 'downstream'" in said)
    assert "alias 'Upstream State' of party 'mediator' is the name of party 'upstream'" in said


@pytest.mark.parametrize(("encoding", "said"), [
    ("utf-16-le", "looks like UTF-16 without a byte-order mark (every other byte is NUL)"),
    ("utf-16-be", "looks like UTF-16 without a byte-order mark (every other byte is NUL)"),
    ("utf-32-le", "looks like UTF-32 without a byte-order mark (three bytes of four are NUL)"),
    ("utf-32-be", "looks like UTF-32 without a byte-order mark (three bytes of four are NUL)"),
    ("utf-32", "is UTF-32 (it starts with a UTF-32 byte-order mark)"),
])
def test_utf16_and_utf32_are_named_with_or_without_a_mark(river: Path, encoding: str,
                                                          said: str) -> None:
    """Unmarked, it was "file contains NUL bytes; it is not a text file"; UTF-32 with its
    mark was called UTF-16."""
    text = (river / UP).read_text(encoding="utf-8")
    (river / UP).write_bytes(text.encode(encoding))
    found = problems(river)
    assert [(d.code, d.file, d.message) for d in found] == [(
        "not-utf8", UP, f"the file {said}; save it as UTF-8")]


@pytest.mark.parametrize("content", ["name: [broken\n", "- a list\n"])
def test_a_party_file_that_cannot_be_read_leaves_no_seed_uncited(river: Path,
                                                                content: str) -> None:
    """What it cites is not known: the seeds only it cited were each 'cited by no
    position', a warning that follows from its own error."""
    for name in ("upstream", "downstream", "mediator"):
        (river / f"positions/{name}.yaml").write_text(content, encoding="utf-8")
    assert "uncited-seed" not in {d.code for d in problems(river)}



@pytest.mark.parametrize("new", ["acceptable: 150", "acceptable: [150]", "acceptable: 1e400",
                                 "acceptable: some text", "acceptable: [some text]",
                                 "acceptable: 70", "acceptable: [10]"])
def test_no_hint_for_a_range_suggests_what_check_refuses_next(river: Path, new: str) -> None:
    """'write it in brackets: [some text]' for a range of two was refused as one item, and
    '[70, 70] for 70 alone' as a range that does not hold the position (60)."""
    edit(river / UP, "acceptable: [60, 70]", new)
    (found,) = problems(river)
    assert "write" not in found.message and not re.search(r"\[\d+, \d+\]", found.message), \
        found.message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_a_pinned_seed_in_another_encoding_is_one_problem(river: Path, encoding: str) -> None:
    """It was also 'seed-changed ... restore it, or re-read every quote', which saving it
    as UTF-8 mended as well: one cause, one diagnostic."""
    seed = river / "seeds/talks.txt"
    seed.write_bytes(seed.read_text(encoding="utf-8").encode(encoding, "replace"))
    found = problems(river)
    assert [(d.code, d.file) for d in found] == [("not-utf8", "seeds/talks.txt")], found
