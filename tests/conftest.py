"""Shared fixtures: a small valid record (a river-sharing negotiation) to copy and break."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from posdiff.cli import INTERNAL_ERROR, app_for

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden"


def golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME; POSDIFF_UPDATE_GOLDEN=1 rewrites it (then review the
    diff: it is what users will see)."""
    path = GOLDEN / name
    if os.environ.get("POSDIFF_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no golden file {name}: run with POSDIFF_UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from what is printed"


def private_copy(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of tests/data/NAME; the current folder is its root."""
    root = tmp_path / name
    shutil.copytree(DATA / name, root)
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def river(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The river record: three parties (one a mediator), stated and inferred limits."""
    return private_copy("river", tmp_path, monkeypatch)


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact snippet, failing loudly if the fixture no longer has it."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def repin(root: Path) -> None:
    """Pin every seed of the record at ``root`` to the text it has now, as a curator does
    after editing a seed on purpose (the fixtures' seeds are pinned)."""
    import hashlib
    import re

    index = root / "seeds" / "index.yaml"
    text = index.read_text(encoding="utf-8")

    def pinned(match: re.Match[str]) -> str:
        data = (root / "seeds" / match.group(2)).read_bytes()
        return f"{match.group(1)}{match.group(2)}\n    sha256: {hashlib.sha256(data).hexdigest()}"

    text = re.sub(r"\n    sha256: [0-9a-f]{64}", "", text)
    index.write_text(re.sub(r"(    file: )(\S+)", pinned, text), encoding="utf-8")


Invoke = Callable[..., "Result"]


class Result:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code, self.stdout, self.stderr = exit_code, stdout, stderr


@pytest.fixture
def posdiff(monkeypatch: pytest.MonkeyPatch) -> Invoke:
    """Run the CLI in-process as a user would, with a fixed terminal width and no colour."""
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)

    def run(*args: str) -> Result:
        result = CliRunner().invoke(app_for(list(args)), list(args))  # as `main` does
        # Anything but a clean exit is a traceback a user would have seen, and reaching
        # the last line of defence (exit 70) is a bug however politely it is told.
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        assert result.exit_code != INTERNAL_ERROR, result.stderr
        return Result(result.exit_code, result.stdout, result.stderr)

    return run
