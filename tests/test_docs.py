"""`posdiff docs`: the user documentation ships with the package, one copy of each file."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from posdiff.cli.docs import TOPICS

from tests.conftest import REPO, Invoke


def test_without_a_topic_it_lists_them(posdiff: Invoke) -> None:
    result = posdiff("docs")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "Topics (read one with `posdiff docs TOPIC`):",
        "  data-format     the files of a record, field by field",
        "  curation        reading positions out of a text: voice, salience, red lines",
        "  quotes          the rule a quote must meet to count as found in its seed",
        "  record-changes  what changed in the shipped record of the 2025 talks, and why",
        "  forecast        the expected-utility forecast: formulas, cycles, KTAB CSV",
        "  api             posdiff from Python: load a record, compare, matrix, forecast",
    ]


@pytest.mark.parametrize("name", sorted(TOPICS))
def test_each_topic_prints_the_file_in_docs(name: str, posdiff: Invoke) -> None:
    result = posdiff("docs", name)
    assert result.exit_code == 0
    assert result.stdout == (REPO / "docs" / TOPICS[name].file).read_text(encoding="utf-8")


def test_every_file_in_docs_is_a_topic() -> None:
    assert sorted(p.name for p in (REPO / "docs").glob("*.md")) == sorted(
        t.file for t in TOPICS.values())


def test_the_wheel_carries_docs_and_schemas_where_posdiff_looks_for_them() -> None:
    # No second copy to drift: the wheel takes docs/ and schema/ from the repository root
    # into posdiff/_data, which paths.shipped_root() prefers to the checkout.
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    included = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    for folder in ("positions", "seeds", "schema"):
        assert included[folder] == f"posdiff/_data/{folder}"
    for page in (REPO / "docs").glob("*.md"):  # each topic's page, and nothing else of docs/
        assert included[f"docs/{page.name}"] == f"posdiff/_data/docs/{page.name}"
    assert not [source for source in included
                if source.startswith("docs/") and not source.endswith(".md")]


def test_an_unknown_topic_is_a_usage_error(posdiff: Invoke) -> None:
    result = posdiff("docs", "quote")
    assert result.exit_code == 2
    assert "no documentation topic 'quote'; did you mean 'quotes'?" in result.stderr


def _texts() -> dict[Path, str]:
    package = REPO / "src" / "posdiff"
    files = [*(p for p in package.rglob("*") if p.is_file() and p.suffix != ".pyc"),
             *(REPO / "docs").glob("*.md"), REPO / "README.md"]
    return {path: path.read_text(encoding="utf-8") for path in files}


def test_messages_send_users_to_docs_they_have() -> None:
    for path, text in _texts().items():
        for topic in re.findall(r"posdiff docs ([a-z][a-z-]*)", text):
            assert topic in TOPICS or topic == "TOPIC", f"{path}: `posdiff docs {topic}`"
        if path.suffix == ".py" and path.name != "docs.py":
            assert "docs/" not in text, f"{path} names a file an installed user lacks"


def test_a_missing_catalogue_points_at_the_docs_command(river: Path, posdiff: Invoke) -> None:
    (river / "positions" / "issues.yaml").unlink()
    result = posdiff("check")
    assert "issues.yaml not found; see `posdiff docs data-format`" in result.stdout
