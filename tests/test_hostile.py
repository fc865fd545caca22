"""Hostile and broken input: always a diagnostic or a message, never a traceback or a hang,
and nothing on disk changes."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from posdiff.record import files
from posdiff.render.inert import inert

from tests.conftest import Invoke, edit, repin

BOMB = "\n".join(
    [f"a0: &a0 [{', '.join(['x'] * 9)}]"]
    + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
) + "\n"

PARTY = "positions/downstream.yaml"


def snapshot(root: Path) -> dict[str, str]:
    """Every regular file under ``root`` by its hash (read with open(), which tests leave
    alone when they intercept posdiff's own file access); a file over 10 MB (the sparse
    giants of these tests) by its size and modification time, to keep the suite fast."""
    digests = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            info = path.stat()
            if info.st_size > 10 * 1024 * 1024:
                digests[str(path.relative_to(root))] = f"{info.st_size}:{info.st_mtime_ns}"
                continue
            with path.open("rb") as handle:
                digests[str(path.relative_to(root))] = hashlib.file_digest(
                    handle, "sha256").hexdigest()
    return digests


def problems(posdiff: Invoke) -> list[dict[str, object]]:
    """`posdiff check` in the current record: it must fail, and change nothing on disk."""
    before = snapshot(Path.cwd())
    result = posdiff("check", "--format", "json")
    assert result.exit_code == 1
    assert snapshot(Path.cwd()) == before
    found: list[dict[str, object]] = json.loads(result.stdout)["problems"]
    return found


def reported(found: list[dict[str, object]], **expected: object) -> bool:
    """Whether one of the problems has all the ``expected`` fields."""
    return any(expected.items() <= problem.items() for problem in found)


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


def refuse_to_open(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Every file of the record is opened through files._open: make one name fail as
    chmod 000 would (the tests run as root, which chmod does not stop)."""
    real_open = files._open

    def denied(path: Path) -> int:
        if path.name == name:
            raise PermissionError(13, "Permission denied")
        return real_open(path)

    monkeypatch.setattr(files, "_open", denied)


@pytest.mark.parametrize("name", ["downstream.yaml", "notes.bin", "issues.yaml"])
def test_a_huge_file_is_refused_without_being_read(river: Path, posdiff: Invoke,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   name: str) -> None:
    with (river / "positions" / name).open("wb") as handle:
        handle.truncate(1024 ** 3)  # 1 GB, sparse
    real_open = files._open

    def open_small_files_only(path: Path) -> int:
        assert path.name != name, "the 1 GB file was opened"
        return real_open(path)

    monkeypatch.setattr(files, "_open", open_small_files_only)
    if name == "notes.bin":  # not a record file: never looked at, the record is fine
        assert posdiff("check").exit_code == 0
        return
    found = problems(posdiff)
    assert reported(found, file=f"positions/{name}", line=1, code="file-too-large"), found


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


@pytest.mark.parametrize("target", ["/etc/hostname", "../positions/issues.yaml"])
def test_a_seed_path_out_is_told_from_a_record_named_by_a_relative_path(
        river: Path, posdiff: Invoke, monkeypatch: pytest.MonkeyPatch, target: str) -> None:
    """An absolute `file:` beside a record given as a relative --record (it ended in an
    internal error: a relative and an absolute path compared)."""
    edit(river / "seeds/index.yaml", "file: talks.txt", f"file: {target}")
    monkeypatch.chdir(river.parent)
    result = posdiff("check", "--record", river.name)
    assert result.exit_code == 1 and "[seed-path-escapes]" in result.stdout


def test_a_seed_that_is_a_link_out_is_one_problem_with_the_fix(river: Path,
                                                                posdiff: Invoke,
                                                                tmp_path: Path) -> None:
    """The index names the link, so the problem is the index entry's, said once, with a fix
    that works (the path is inside the folder already: the link leads out)."""
    outside = tmp_path / "elsewhere.txt"
    (river / "seeds/talks.txt").rename(outside)
    (river / "seeds/talks.txt").symlink_to(outside)
    found = problems(posdiff)
    assert [(p["code"], p["file"]) for p in found] == [("seed-path-escapes",
                                                         "seeds/index.yaml")], found
    assert "is a link to a file outside the seeds folder; copy the text into the folder" in \
        str(found[0]["message"])


def test_missing_and_unreadable_seeds(river: Path, posdiff: Invoke,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    (river / "seeds/talks.txt").rename(river / "seeds/moved.txt")
    assert any(p["code"] == "missing-seed-file" for p in problems(posdiff))
    (river / "seeds/moved.txt").rename(river / "seeds/talks.txt")
    os.mkfifo(river / "seeds/pipe.txt")  # reading it would block forever
    edit(river / "seeds/index.yaml", "file: talks.txt", "file: pipe.txt")
    assert reported(problems(posdiff), file="seeds/index.yaml", line=3, code="special-file")
    edit(river / "seeds/index.yaml", "file: pipe.txt", "file: talks.txt")

    refuse_to_open(monkeypatch, "talks.txt")
    assert {"file": "seeds/talks.txt", "line": 1, "column": 1, "severity": "error",
            "code": "unreadable-file", "message": "cannot read file: Permission denied; "
            "check its permissions", "path": ""} in problems(posdiff)


def test_a_fifo_in_place_of_the_catalogue_does_not_hang(river: Path, posdiff: Invoke) -> None:
    (river / "positions/issues.yaml").unlink()
    os.mkfifo(river / "positions/issues.yaml")
    assert reported(problems(posdiff), file="positions/issues.yaml", line=1,
                    code="special-file")


def test_an_empty_positions_folder(river: Path, posdiff: Invoke) -> None:
    for path in (river / "positions").iterdir():
        path.unlink()
    codes = {p["code"] for p in problems(posdiff)}
    assert {"no-parties", "missing-file"} <= codes
    result = posdiff("compare", "a", "b")
    assert result.exit_code == 1 and "[no-parties]" in result.stderr


ESCAPES = "\x1b[2J\x1b]8;;https://evil.example\x07click\x1b]8;;\x07 \x9b31m [link=x]y[/link]"


@pytest.mark.parametrize("field", ["stance", "name", "title"])
def test_control_characters_in_the_record_s_text_are_refused(river: Path, posdiff: Invoke,
                                                             field: str) -> None:
    """A record's text is printed: an escape sequence in it fails check, at its line, and
    no command's output carries a raw control character."""
    value = json.dumps(ESCAPES)
    if field == "stance":
        edit(river / "positions/upstream.yaml",
             "stance: Releases at most 40 per cent of the summer flow.", f"stance: {value}")
    elif field == "name":
        edit(river / "positions/upstream.yaml", "name: Upstream State", f"name: {value}")
    else:
        edit(river / "positions/issues.yaml", "issues:\n", f"title: {value}\nissues:\n")
    result = posdiff("check", "--format", "json")
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)["problems"]
    assert problem["code"] == "control-character", problem
    assert "U+001B at character 1" in problem["message"]
    for command in (["check"], ["check", "-f", "github"], ["show", "upstream"],
                    ["compare", "upstream", "downstream", "-f", "json"], ["seeds"],
                    ["brief", "-o", "b.html"]):
        out = posdiff(*command)
        assert not any(c in out.stdout + out.stderr for c in "\x1b\x07\x9b"), command
    page = (river / "b.html").read_text(encoding="utf-8")
    assert not any(c in page for c in "\x1b\x07\x9b")


@pytest.mark.parametrize(("char", "shown"), [
    ("\x00", "\\x00"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r"), ("\x1b", "\\x1b"),
    ("\x1f", "\\x1f"), ("\x7f", "\\x7f"), ("\x85", "\\x85"), ("\x9b", "\\x9b"),
    ("\x9f", "\\x9f"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"),
    ("\u202e", "\\u202e"), ("\u202a", "\\u202a"), ("\u2066", "\\u2066"),
    ("\u2069", "\\u2069"), ("\u200f", "\u200f"),
    ("\xa0", "\xa0"), ("\u200b", "\u200b"), ("—", "—"), (" ", " "), ("~", "~")])
def test_inert_escapes_every_control_and_line_separator_and_keeps_the_rest(
        char: str, shown: str) -> None:
    """Each character that can move the cursor, end a line or start a sequence is
    escaped, wherever it sits in a text that also holds other non-ASCII characters."""
    assert inert(f"é{char}x") == f"é{shown}x"
    assert inert(char * 2) == shown * 2


@pytest.mark.parametrize("block", [">", "|"])
def test_a_text_written_as_a_yaml_block_reads_as_prose_in_a_table(
        river: Path, posdiff: Invoke, block: str) -> None:
    """Its line breaks are spaces there (and never start a line of their own)."""
    edit(river / "positions/upstream.yaml",
         "stance: Releases at most 40 per cent of the summer flow.",
         f"stance: {block}\n      Releases at most 40 per cent\n      of the summer flow.")
    for output in ("table", "markdown"):
        shown = " ".join(posdiff("show", "upstream", "-f", output).stdout.split())
        assert "Releases at most 40 per cent of the summer flow." in shown, shown
        assert "\\n" not in shown


def test_escape_sequences_in_diagnostics_are_inert(river: Path, posdiff: Invoke) -> None:
    edit(river / "positions/upstream.yaml", "issue: monitoring", 'issue: "mon\\e[31mitoring"')
    for output in ("text", "github", "json"):
        result = posdiff("check", "--format", output)
        assert result.exit_code == 1
        assert "\x1b" not in result.stdout


def test_escape_sequences_around_a_quote_in_its_seed_are_inert(river: Path,
                                                               posdiff: Invoke) -> None:
    """A seed is a source as published, control characters and all: the passage shown
    around a quote prints them as escapes, on a terminal, in every format and on the
    brief's page."""
    with (river / "seeds/talks.txt").open("a", encoding="utf-8") as seed:
        seed.write("The envoy wrote \x1b]52;c;cGF5bG9hZA==\x07 and [bold]shouted[/bold] twice.\n")
    edit(river / "positions/mediator.yaml", "quote: The mediator proposed a 55 per cent share",
         'quote: "and [bold]shouted[/bold] twice."')
    repin(river)
    assert posdiff("check").exit_code == 0
    for output in ("table", "markdown", "csv", "json"):
        shown = posdiff("show", "mediator", "--evidence", "-f", output).stdout \
            if output == "table" else posdiff("show", "mediator", "-f", output).stdout
        assert "\x1b" not in shown and "\x07" not in shown, output
    assert "[bold]shouted[/bold]" in posdiff("show", "mediator").stdout
    assert posdiff("brief", "-o", "b.html").exit_code == 0
    page = (river / "b.html").read_text(encoding="utf-8")
    assert "shouted" in page and "\x1b" not in page and "\x07" not in page
    assert "\\x1b]52" in page  # shown, as an escape


# -- record file access: everything read resolves inside positions/ or seeds/ -----------

SECRET = "root:x:0:0:secret-marker"


@pytest.fixture
def outside_secret(tmp_path: Path) -> Path:
    """A file outside the record whose content must never be printed."""
    secret = tmp_path / "passwd"
    secret.write_text(f"{SECRET}\nparty: [\n", encoding="utf-8")
    return secret


@pytest.mark.parametrize("name", ["downstream.yaml", "issues.yaml", "../seeds/index.yaml"])
def test_a_link_out_of_the_record_is_never_read(river: Path, posdiff: Invoke,
                                                outside_secret: Path, name: str) -> None:
    link = river / "positions" / name
    link.unlink()
    link.symlink_to("/etc/passwd")
    passwd = Path("/etc/passwd").read_text(encoding="utf-8").split(":")[0]  # "root"
    for output in ("text", "json", "github"):
        result = posdiff("check", "-f", output)
        assert result.exit_code == 1 and f"{passwd}:x:" not in result.stdout + result.stderr
    link.unlink()
    link.symlink_to(outside_secret)
    shown = "seeds/index.yaml" if name.startswith("..") else f"positions/{name}"
    for output in ("text", "json", "github"):
        result = posdiff("check", "-f", output)
        assert result.exit_code == 1 and SECRET not in result.stdout + result.stderr
        assert str(outside_secret) not in result.stdout  # nor where the link leads
    found = problems(posdiff)
    assert reported(found, file=shown, line=1, column=1, code="outside-record"), found
    assert SECRET not in posdiff("matrix").stderr


@pytest.mark.parametrize("where", ["positions/loop.yaml", "seeds/loop.txt"])
def test_a_symlink_loop_is_reported(river: Path, posdiff: Invoke, where: str) -> None:
    (river / where).symlink_to(river / where)
    found = problems(posdiff) if where.startswith("positions") else None
    if found is not None:
        assert reported(found, file=where, line=1, code="symlink-loop"), found
        return
    result = posdiff("check", "--strict", "-f", "json")  # an unused seed file: a warning
    assert result.exit_code == 1
    assert reported(json.loads(result.stdout)["problems"], file=where, code="symlink-loop",
                    severity="warning")
    edit(river / "seeds/index.yaml", "file: talks.txt", "file: loop.txt")
    assert reported(problems(posdiff), file="seeds/index.yaml", line=3, column=11,
                    code="symlink-loop")


def test_an_unreadable_party_file(river: Path, posdiff: Invoke,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_to_open(monkeypatch, "downstream.yaml")  # as chmod 000 would, see refuse_to_open
    assert {"file": PARTY, "line": 1, "column": 1, "severity": "error",
            "code": "unreadable-file", "message": "cannot read file: Permission denied; "
            "check its permissions", "path": ""} in problems(posdiff)


def test_an_unreadable_positions_folder(river: Path, posdiff: Invoke,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    real_scan = files._scan

    def denied(folder: Path) -> Iterator[Path]:  # chmod 000 does not stop root
        if folder.name == "positions":
            raise PermissionError(13, "Permission denied")
        return real_scan(folder)

    monkeypatch.setattr(files, "_scan", denied)
    assert {"file": "positions", "line": 1, "column": 1, "severity": "error",
            "code": "unreadable-folder", "message": "cannot list the folder: Permission "
            "denied; check its permissions", "path": ""} in problems(posdiff)


@pytest.mark.parametrize(("name", "code"), [
    ('"talks\\0.txt"', "control-character"),
    ("x" * 300 + ".txt", "name-too-long"),
    ('"caf\\udce9.txt"', "yaml-syntax"),  # YAML itself refuses a lone surrogate
])
def test_seed_file_names_the_system_refuses(river: Path, posdiff: Invoke, name: str,
                                            code: str) -> None:
    edit(river / "seeds/index.yaml", "file: talks.txt", f"file: {name}")
    found = problems(posdiff)
    assert reported(found, file="seeds/index.yaml", line=3, code=code), found


@pytest.mark.parametrize("folder", ["seeds", "positions"])
def test_a_file_name_that_is_not_utf8_is_shown_escaped(river: Path, posdiff: Invoke,
                                                       folder: str) -> None:
    """Only a file on disk can have such a name: YAML text is UTF-8."""
    (river / folder / os.fsdecode(b"caf\xe9.yaml")).write_text("a: b\n", encoding="utf-8")
    result = posdiff("check", "--strict", "-f", "json")
    assert result.exit_code == 1
    result.stdout.encode("utf-8")  # no lone surrogate reached the output
    found = json.loads(result.stdout)["problems"]
    assert reported(found, file=f"{folder}/caf\\xe9.yaml", line=1, code="bad-file-name",
                    severity="warning" if folder == "seeds" else "error"), found
