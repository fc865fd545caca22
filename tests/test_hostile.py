"""Hostile and broken input: always a diagnostic or a message, never a traceback or a hang,
and nothing on disk changes."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from tests.conftest import Invoke, edit

BOMB = "\n".join(
    [f"a0: &a0 [{', '.join(['x'] * 9)}]"]
    + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
) + "\n"

PARTY = "positions/downstream.yaml"


def snapshot(root: Path) -> dict[str, str]:
    """Every regular file under ``root`` by its hash (read with open(), which tests leave
    alone when they intercept Path.read_bytes)."""
    digests = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                digests[str(path.relative_to(root))] = hashlib.file_digest(
                    handle, "sha256").hexdigest()
    return digests


def problems(posdiff: Invoke) -> list[dict[str, object]]:
    """`posdiff check` in the current dataset: it must fail, and change nothing on disk."""
    before = snapshot(Path.cwd())
    result = posdiff("check", "--format", "json")
    assert result.exit_code == 1
    assert snapshot(Path.cwd()) == before
    found: list[dict[str, object]] = json.loads(result.stdout)["problems"]
    return found


@pytest.mark.parametrize(("content", "code"), [
    ("party: [unclosed\n", "yaml-syntax"),
    ("party: a\nparty: b\n", "duplicate-key"),
    ("party: !!python/object/apply:os.system ['echo pwned']\n", "unsafe-tag"),
    ("!!python/object:os.system\nparty: a\n", "unsafe-tag"),
    (BOMB, "too-large"),
    ("a: " + "[" * 5000 + "]" * 5000 + "\n", "too-deep"),
    ("- party: a\n- party: b\n", "wrong-type"),
    ("", "empty-file"),
    ("party: a\n*missing\n", "yaml-syntax"),
])
def test_hostile_yaml_ends_in_a_diagnostic(river: Path, posdiff: Invoke, content: str,
                                           code: str) -> None:
    (river / PARTY).write_text(content, encoding="utf-8")
    found = problems(posdiff)
    assert [p for p in found if p["file"] == PARTY and p["code"] == code], found


def test_a_huge_file_is_refused_without_being_read(river: Path, posdiff: Invoke,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    with (river / PARTY).open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB, sparse
    real_read = Path.read_bytes

    def read_small_files_only(path: Path) -> bytes:
        assert path.name != Path(PARTY).name, "the 50 MB file was read"
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", read_small_files_only)
    found = problems(posdiff)
    assert {"file": PARTY, "code": "file-too-large"}.items() <= found[0].items()


def test_encodings(river: Path, posdiff: Invoke) -> None:
    (river / PARTY).write_bytes(b"party: caf\xe9\n")
    assert any(p["code"] == "not-utf8" and p["line"] == 1 and p["column"] == 11
               for p in problems(posdiff))
    text = (river / "positions/upstream.yaml").read_bytes()
    for old, new in ((b"upstream", b"downstream"), (b"Upstream", b"Downstream"),
                     (b"highlands", b"lowlands")):
        text = text.replace(old, new)
    (river / PARTY).write_bytes(b"\xef\xbb\xbf" + text)
    result = posdiff("check", "--strict")
    assert result.exit_code == 1 and "warning [byte-order-mark]" in result.stdout
    assert posdiff("check").exit_code == 0  # a BOM alone does not stop the record


@pytest.mark.parametrize("target", ["../positions/issues.yaml", "/etc/hostname", "link.txt"])
def test_seed_paths_may_not_leave_the_seeds_folder(river: Path, posdiff: Invoke,
                                                   target: str) -> None:
    (river / "seeds/link.txt").symlink_to("/etc/hostname")
    edit(river / "seeds/index.yaml", "file: talks.txt", f"file: {target}")
    found = problems(posdiff)
    assert any(p["code"] == "seed-path-escapes" and p["line"] == 3 for p in found), found


def test_missing_and_unreadable_seeds(river: Path, posdiff: Invoke,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    (river / "seeds/talks.txt").rename(river / "seeds/moved.txt")
    assert any(p["code"] == "missing-seed-file" for p in problems(posdiff))
    (river / "seeds/moved.txt").rename(river / "seeds/talks.txt")
    os.mkfifo(river / "seeds/pipe.txt")  # reading it would block forever
    edit(river / "seeds/index.yaml", "file: talks.txt", "file: pipe.txt")
    assert any(p["code"] == "missing-seed-file" for p in problems(posdiff))
    edit(river / "seeds/index.yaml", "file: pipe.txt", "file: talks.txt")

    real_read = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path.name == "talks.txt":
            raise PermissionError(13, "Permission denied")
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert {"file": "seeds/talks.txt", "line": 1, "column": 1, "severity": "error",
            "code": "unreadable-file", "message": "cannot read file: Permission denied",
            "path": ""} in problems(posdiff)


def test_a_fifo_in_place_of_the_catalogue_does_not_hang(river: Path, posdiff: Invoke) -> None:
    (river / "positions/issues.yaml").unlink()
    os.mkfifo(river / "positions/issues.yaml")
    assert any(p["code"] == "unreadable-file" for p in problems(posdiff))


def test_an_empty_positions_folder(river: Path, posdiff: Invoke) -> None:
    for path in (river / "positions").iterdir():
        path.unlink()
    codes = {p["code"] for p in problems(posdiff)}
    assert {"no-parties", "missing-file"} <= codes
    result = posdiff("compare", "a", "b")
    assert result.exit_code == 1 and "posdiff check" in result.stderr


ESCAPES = "\x1b[2J\x1b]8;;https://evil.example\x07click\x1b]8;;\x07 \x9b31m [link=x]y[/link]"


def test_escape_sequences_in_the_record_are_printed_inert(river: Path,
                                                          posdiff: Invoke) -> None:
    stance = json.dumps(ESCAPES)
    edit(river / "positions/upstream.yaml",
         "stance: Releases at most 40 per cent of the summer flow.", f"stance: {stance}")
    for command in (["show", "upstream"], ["compare", "upstream", "downstream", "-f", "json"],
                    ["show", "upstream", "-f", "markdown"], ["show", "upstream", "-f", "csv"],
                    ["show", "upstream", "-f", "json"]):
        out = posdiff(*command).stdout
        assert not any(c in out for c in "\x1b\x07\x9b"), command
    shown = posdiff("show", "upstream").stdout
    assert "[link=x]y[/link]" in shown and "\\x1b[2J" in shown
    assert json.loads(posdiff("show", "upstream", "-f", "json").stdout)["positions"][0][
        "stance"] == ESCAPES  # JSON escapes them and keeps the data intact


def test_escape_sequences_in_diagnostics_are_inert(river: Path, posdiff: Invoke) -> None:
    edit(river / "positions/upstream.yaml", "issue: monitoring", 'issue: "mon\\e[31mitoring"')
    for output in ("text", "github", "json"):
        result = posdiff("check", "--format", output)
        assert result.exit_code == 1
        assert "\x1b" not in result.stdout


def test_escape_sequences_inside_a_seed_and_its_quote_are_inert(river: Path,
                                                                posdiff: Invoke) -> None:
    with (river / "seeds/talks.txt").open("a", encoding="utf-8") as seed:
        seed.write("The envoy wrote \x1b]52;c;cGF5bG9hZA==\x07 and [bold]shouted[/bold] twice.\n")
    edit(river / "positions/mediator.yaml", "quote: The mediator proposed a 55 per cent share",
         'quote: "The envoy wrote \\e]52;c;cGF5bG9hZA==\\a and [bold]shouted[/bold] twice."')
    assert posdiff("check").exit_code == 0  # the quote is verbatim, so it anchors
    for output in ("table", "markdown", "csv", "json"):
        shown = posdiff("show", "mediator", "-f", output).stdout
        assert "\x1b" not in shown and "\x07" not in shown, output
    assert "[bold]shouted[/bold]" in posdiff("show", "mediator").stdout
