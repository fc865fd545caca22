"""The README's example output is what the commands print on the shipped data.

POSDIFF_UPDATE_GOLDEN=1 rewrites the blocks after a deliberate change.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO, Invoke, edit

README = REPO / "README.md"

# The line that introduces each example in the README, and the command it shows.
EXAMPLES = [
    ("`posdiff compare russia ukraine` (at 100 columns", "compare russia ukraine"),
    ("`posdiff matrix`: every party", "matrix"),
    ("`posdiff coverage`: what each party", "coverage"),
    ("`posdiff check` on the shipped record", "check"),
    ("`posdiff forecast` on the shipped record", "forecast"),
    ("`posdiff trend russia ukraine`: the distance", "trend russia ukraine"),
]


def _block_after(text: str, intro: str) -> re.Match[str]:
    start = text.index(intro)
    found = re.compile(r"```\n(.*?)```\n", re.S).search(text, start)
    assert found is not None, f"no code block after {intro!r}"
    return found


@pytest.mark.parametrize(("intro", "command"), EXAMPLES)
def test_readme_examples_are_real_output(intro: str, command: str, posdiff: Invoke,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("COLUMNS", "100")
    _same_as_block(intro, posdiff(*shlex.split(command)).stdout)


DIFF_INTRO = "`posdiff diff` after a correction to the shipped record"
COMMITTED = {"GIT_AUTHOR_DATE": "2025-05-01T12:00:00Z", "GIT_COMMITTER_DATE":
             "2025-05-01T12:00:00Z"}  # with the name and e-mail: the same commit each time


def test_readme_diff_example_is_real_output(tmp_path: Path, posdiff: Invoke,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped record committed to a repository of its own, then Ukraine's salience on
    territory corrected in the working tree: what `posdiff diff` says of it."""
    for folder in ("positions", "seeds"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    for name, value in COMMITTED.items():
        monkeypatch.setenv(name, value)
    for args in (["init", "-q"], ["add", "positions", "seeds"], ["commit", "-qm", "record"]):
        subprocess.run(["git", "-c", "user.name=Analyst", "-c", "user.email=a@example.org",
                        "-c", "commit.gpgsign=false", "-C", str(tmp_path), *args],
                       check=True, capture_output=True)
    edit(tmp_path / "positions" / "ukraine.yaml", "position: 1991 borders\n    salience: 80",
         "position: 1991 borders\n    salience: 90")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")
    _same_as_block(DIFF_INTRO, posdiff("diff").stdout)


def _same_as_block(intro: str, printed: str) -> None:
    actual = "\n".join(line.rstrip() for line in printed.rstrip().splitlines()) + "\n"
    text = README.read_text(encoding="utf-8")
    block = _block_after(text, intro)
    if os.environ.get("POSDIFF_UPDATE_GOLDEN"):
        README.write_text(text[: block.start(1)] + actual + text[block.end(1):],
                          encoding="utf-8")
        return
    assert block.group(1) == actual, "README example is stale; see this module's docstring"


def test_the_readme_lists_every_csv_column() -> None:
    from posdiff.analysis import rows
    from posdiff.reports import tidy

    text = README.read_text(encoding="utf-8")
    for fields in (rows.COMPARISON, rows.MATRIX, rows.COMPROMISES, tidy.PARTIES, tidy.ISSUES,
                   tidy.COVERAGE, tidy.POSITIONS, rows.CHANGES, tidy.SEEDS, rows.FORECAST,
                   rows.TRENDS):
        assert f"`{','.join(fields)}`" in text


@pytest.mark.parametrize("package", ["record", "analysis", "reports", "render", "cli"])
def test_the_readme_names_every_module_of_each_package_and_no_other(package: str) -> None:
    """The README's map of src/posdiff/ is checked against the tree: a module moved,
    merged or cut leaves no stale name behind, and a new one is described."""
    row = next(line for line in (REPO / "README.md").read_text(encoding="utf-8").splitlines()
               if line.startswith(f"| `{package}/` |"))
    named = set(re.findall(r"`([a-z_]+/?)`", row.split("|")[2]))
    folder = REPO / "src" / "posdiff" / package
    modules = {path.stem for path in folder.glob("*.py") if path.stem != "__init__"}
    modules |= {f"{path.parent.name}/" for path in folder.glob("*/__init__.py")}
    assert named == modules, (sorted(named - modules), sorted(modules - named))
