"""Nothing is scored from a record that fails check: one table of every diagnostic code
`check` can emit, each with a record that shows it, and what every command does then.

A new code in the loader or in `check` fails `test_every_code_check_can_emit_is_here`
until it is added below, so that nobody adds one without deciding what it does.
"""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from posdiff.record.check import run_check
from posdiff.record.paths import RecordPaths

from tests.conftest import REPO, Invoke, edit
from tests.test_check_diagnostics import CASES, DOWN, INDEX, UP

SOURCE = REPO / "src" / "posdiff"
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)+$")
MAKERS = {"error", "warning", "problem", "Problem"}  # what makes a diagnostic or its code


def emitted_codes() -> set[str]:
    """Every code written in the record package (the loader and `check`): the kebab-case
    words passed to what makes a diagnostic, and the codes the schema's checks return."""
    found: set[str] = set()
    for path in SOURCE.glob("record/*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            words: list[ast.expr] = []
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                words = list(node.args) if name in MAKERS else []
            elif isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple):
                words = node.value.elts[:1]
            found |= {word.value for word in words if isinstance(word, ast.Constant)
                      and isinstance(word.value, str) and KEBAB.match(word.value)}
    return found


def _link_out(root: Path) -> None:
    (root / "positions" / "outside.yaml").symlink_to("/etc/hostname")


def _loop(root: Path) -> None:
    (root / "positions" / "loop.yaml").symlink_to("loop.yaml")


def _pipe(root: Path) -> None:
    os.mkfifo(root / "positions" / "pipe.yaml")


def _huge(root: Path) -> None:
    with (root / "positions" / "huge.yaml").open("wb") as handle:
        handle.truncate(11 * 1024 * 1024)


def _bad_name(root: Path) -> None:
    (root / os.fsdecode(b"positions/bad\xff.yaml")).write_text("party: x\n", encoding="utf-8")


def _no_parties(root: Path) -> None:
    for name in ("upstream", "downstream", "mediator"):
        (root / "positions" / f"{name}.yaml").unlink()


def _missing_index(root: Path) -> None:
    (root / INDEX).unlink()


def _alias_bomb(root: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, "
              f"*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 8)]
    (root / DOWN).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _changed_seed(root: Path) -> None:
    import hashlib

    seed = root / "seeds" / "talks.txt"
    digest = hashlib.sha256(seed.read_bytes()).hexdigest()
    edit(root / INDEX, "file: talks.txt", f"file: talks.txt\n    sha256: {digest}")
    with seed.open("a", encoding="utf-8") as text:
        text.write("A line added after the pin.\n")


Change = Callable[[Path], None]

# Codes the table above (test_check_diagnostics.CASES) does not show, each with its record.
MORE: list[tuple[str, Change]] = [
    ("claim-not-stated", lambda root: edit(
        root / UP, "quote: a joint monitoring commission was acceptable in principle\n"
        "        voice: reported", "quote: a joint monitoring commission was acceptable in "
        "principle\n        voice: author")),
    ("missing-voice", lambda root: edit(root / DOWN, "        voice: reported\n", "")),
    ("seed-changed", _changed_seed),
    ("not-text", lambda root: (root / DOWN).write_bytes(b"party: down\x00stream\n")),
    ("tag-mismatch", lambda root: (root / DOWN).write_text("party: !!int downstream\n",
                                                            encoding="utf-8")),
    ("too-large", _alias_bomb),
    ("outside-record", _link_out),
    ("symlink-loop", _loop),
    ("special-file", _pipe),
    ("file-too-large", _huge),
    ("bad-file-name", _bad_name),
    ("no-parties", _no_parties),
    ("missing-file", _missing_index),
    ("unpinned-seed", lambda root: edit(root / INDEX, "    sha256: ", "    note: was ")),
    ("number-too-long", lambda root: edit(root / UP, "salience: 90", "salience: " + "9" * 5_000)),
    ("number-notation", lambda root: edit(root / UP, "salience: 90", "salience: 0x5A")),
    ("seed-file-taken", lambda root: edit(root / INDEX, "file: talks.txt", "file: index.yaml")),
    ("repeated-name", lambda root: edit(root / UP, "aliases: [highlands]",
                                        "aliases: [highlands, Highlands]")),
    ("repeated-item", lambda root: edit(root / UP, "supports: [red_line]",
                                        "supports: [red_line, red_line]")),
    ("empty-seed", lambda root: (root / "seeds/talks.txt").write_bytes(b"\n")),
    ("ignored-file", lambda root: (root / "positions/.spare.yaml").write_bytes(b"x: 1\n")),
    ("split-word", lambda root: edit(root / UP, "stance: Releases at most 40 per cent of the "
                                     "summer flow.", "stance: Releases at most 40 per cent "
                                     "of the sum-\n      mer flow.")),
    ("control-character", lambda root: edit(root / UP, "name: Upstream State",
                                            'name: "Upstream\\e[2J State"')),
]

# Codes no test here can bring about, and why; each is made by `error`, so it blocks.
UNREACHABLE = {
    "unreadable-file": "needs a file its reader may not read; the tests run as root",
    "unreadable-folder": "needs a folder its reader may not list; the tests run as root",
    "name-too-long": "needs a path longer than the system allows inside the record",
}

COMMANDS = [["matrix"], ["compromise"], ["coverage"], ["changes"], ["forecast"],
            ["show", "upstream"], ["parties"], ["issues"],
            ["export", "ktab", "upstream", "downstream", "mediator", "-i", "water-share",
             "-o", "k.csv"],
            ["brief", "-o", "b.html"]]


def _cases() -> list[tuple[str, Change]]:
    def from_table(edited: str, old: str | None, new: str | bytes) -> Change:
        def change(root: Path) -> None:
            target = root / edited
            if old is None:
                target.write_bytes(new if isinstance(new, bytes) else new.encode())
            else:
                assert isinstance(new, str)
                edit(target, old, new)
        return change

    return [(code, from_table(edited, old, new)) for code, edited, old, new, _ in CASES] + MORE


ALL = _cases()


def test_every_code_check_can_emit_is_here() -> None:
    shown = {code for code, _ in ALL}
    assert emitted_codes() - shown - set(UNREACHABLE) == set(), "add a case for each"
    assert shown - emitted_codes() == set(), "a case names a code nothing emits"


@pytest.mark.parametrize(("code", "change", "command"),
                         [(code, change, COMMANDS[index % len(COMMANDS)])
                          for index, (code, change) in enumerate(ALL)],
                         ids=[f"{code}-{index}" for index, (code, _) in enumerate(ALL)])
def test_a_record_that_fails_check_is_scored_by_no_command(
        river: Path, posdiff: Invoke, code: str, change: Change, command: list[str]) -> None:
    """Each case breaks the record one way; `compare` and one other command (a different
    one from case to case) refuse it exactly when check finds an error, naming the first."""
    change(river)
    found = run_check(RecordPaths(river / "positions", river / "seeds")).diagnostics
    assert code in {d.code for d in found}, found
    errors = [d for d in found if d.is_error]
    for args in (["compare", "upstream", "downstream"], command):
        result = posdiff(*args)
        if not errors:
            assert result.exit_code == 0, (args, result.stderr)
            continue
        assert result.exit_code == 1, (args, result.stdout, result.stderr)
        if args[0] == "brief":  # the page is written, with the problems at its top
            assert "the record fails check" in result.stderr
            continue
        assert result.stdout == ""
        assert f"the record fails check: {len(errors)} error" in result.stderr
        assert f"[{errors[0].code}]" in result.stderr
        listed = "`posdiff check` lists them all" in result.stderr
        assert listed == (len(errors) > 3), result.stderr  # said when some are not shown
