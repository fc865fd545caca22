"""`posdiff docs`: the user documentation ships with the package, one copy of each file."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from posdiff.cli.docs import TOPICS
from posdiff.render.prose import refill

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
def test_each_topic_prints_the_file_in_docs_with_its_prose_at_80_columns(
        name: str, posdiff: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same words in the same order, prose refilled to 80 columns, code as written,
    and each table too wide for 80 columns printed as records: a row's first cell, then
    each other cell after its column's header."""
    monkeypatch.setenv("COLUMNS", "80")  # a pipe's width
    written = (REPO / "docs" / TOPICS[name].file).read_text(encoding="utf-8")
    result = posdiff("docs", name)
    assert result.exit_code == 0
    wide = _wide_tables(written)
    printed = " ".join(result.stdout.split())
    for table in wide:
        header, *rows = [_cells(line) for line in table if "---" not in line]
        for row in rows:
            record = " ".join([row[0], *(f"{column}: {cell}" for column, cell
                                         in zip(header[1:], row[1:], strict=True))])
            assert " ".join(record.split()) in printed
            printed = printed.replace(" ".join(record.split()), " ", 1)
    in_tables = {line for table in wide for line in table}
    assert printed.split() == [word for line in written.splitlines()
                               if line not in in_tables for word in line.split()]
    code = _code_and_tables(written)
    lines = result.stdout.splitlines()
    # Code is printed as written, so it is written to fit, but for a problem as `check`
    # prints it: one line each, as compilers do, whatever the width.
    assert [line for line in lines if len(line) > 80
            and not re.match(r"\s*\S+:\d+:\d+: (error|warning) \[", line)] == []
    assert [line for line in lines if line in code] == [
        line for line in written.splitlines() if line in code and line not in in_tables]


def _code_and_tables(markdown: str) -> set[str]:
    """The lines of fences and tables, which no refilling may touch."""
    kept, fenced = set(), False
    for line in markdown.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        if fenced or line.lstrip().startswith(("```", "|")):
            kept.add(line)
    return kept


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _wide_tables(markdown: str) -> list[list[str]]:
    """The tables with a line wider than 80 columns, each as its lines."""
    tables: list[list[str]] = []
    current: list[str] = []
    for line in [*markdown.splitlines(), ""]:
        if line.startswith("|"):
            current.append(line)
            continue
        if any(len(row) > 80 for row in current):
            tables.append(current)
        current = []
    return tables


def test_refilling_moves_prose_only() -> None:
    markdown = ("# A heading that is long enough to pass the width of this small test\n"
                "\n"
                "Prose that runs on\nover two lines.\n"
                "\n"
                "1. An item whose words\n   go on here\n"
                "   - and a nested item\n"
                "\n"
                "```yaml\nkey: a value   # with a comment far wider than the width\n```\n"
                "| a short | table |\n|---|---|\n| fits | as it is |\n"
                "\n"
                "| name | what it is |\n|---|---|\n| one | a row that is wider than the width |\n"
                "| two | short |\n")
    assert refill(markdown, 20).splitlines() == [
        "# A heading that is long enough to pass the width of this small test",
        "",
        "Prose that runs on",
        "over two lines.",
        "",
        "1. An item whose",
        "   words go on here",
        "   - and a nested",
        "     item",
        "",
        "```yaml",
        "key: a value   # with a comment far wider than the width",
        "```",
        "| a short | table |",
        "|---|---|",
        "| fits | as it is |",
        "",
        "one",
        "  what it is: a row",
        "    that is wider",
        "    than the width",
        "",
        "two",
        "  what it is: short",
    ]


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


def test_a_paragraph_inside_a_list_item_keeps_its_indent() -> None:
    """A second paragraph of a numbered item ("Aliases are ..." in the curation guide)
    was refilled flush left, which ended the list in the middle of the item."""
    markdown = ("2. Start the file:\n\n   ```yaml\n   party: china\n   ```\n\n"
                "   Aliases are the other names users may type.\n3. Read every seed.\n")
    assert refill(markdown, 30).splitlines() == [
        "2. Start the file:", "", "   ```yaml", "   party: china", "   ```", "",
        "   Aliases are the other names", "   users may type.", "3. Read every seed."]
