"""The YAML composer: positions, types, and problems as (code, line, column)."""

from __future__ import annotations

import datetime as dt

import pytest

from posdiff.record.yaml import load_bytes, load_text

PROBLEMS = [
    ("a: 1\nb:\n  c: 2\n  c: 3\n", "duplicate-key", 4, 3),
    ("a: [1, 2\n", "yaml-syntax", 2, 1),
    ("a: *nowhere\n", "yaml-syntax", 1, 4),
    ("a: !!binary aGVsbG8=\n", "unsafe-tag", 1, 4),
    ("a: !custom x\n", "unsafe-tag", 1, 4),
    ("? [1, 2]\n: x\n", "yaml-syntax", 1, 3),
    ("---\na: 1\n---\nb: 2\n", "multiple-documents", 3, 1),
    ("# only a comment\n", "empty-file", 1, 1),
    ("~\n", "empty-file", 1, 1),
    # A tag with a value it cannot take is a problem, neither a crash nor silently text.
    ("a: !!bool maybe\n", "tag-mismatch", 1, 4),
    ("a: !!int \"\"\n", "tag-mismatch", 1, 4),
    ("a:\n  b: !!timestamp x\n", "tag-mismatch", 2, 6),
    ("a: !!float abc\n", "tag-mismatch", 1, 4),
    ("a: !!null x\n", "tag-mismatch", 1, 4),
    ("a: !!seq x\n", "tag-mismatch", 1, 4),
    ("a: !!str [1]\n", "tag-mismatch", 1, 4),
    ("a: !!map [1]\n", "tag-mismatch", 1, 4),
]


@pytest.mark.parametrize(("text", "code", "line", "column"), PROBLEMS)
def test_problems_are_located(text: str, code: str, line: int, column: int) -> None:
    loaded = load_bytes(text.encode(), "f.yaml")
    assert [(d.code, d.line, d.column) for d in loaded.diagnostics][:1] == [(code, line, column)]


def test_values_keep_their_types_and_positions() -> None:
    text = "name: Upstream\n'yes': true\nwhen: 2025-03-18\nn: 7\nx: 0.5\nq: '42'\nl:\n  - a\n"
    root = load_bytes(text.encode(), "f.yaml").root
    assert root is not None
    values = {key: node.value for key, node in root.value.items() if key != "l"}
    assert values == {"name": "Upstream", "yes": True, "when": dt.date(2025, 3, 18), "n": 7,
                      "x": 0.5, "q": "42"}
    assert (root.value["n"].line, root.value["n"].column) == (4, 4)
    assert root.key_marks["when"] == (3, 1)
    assert root.value["l"].value[0].value == "a"


def test_an_impossible_date_stays_text_for_the_validator() -> None:
    root = load_bytes(b"when: 2025-02-30\n", "f.yaml").root
    assert root is not None and root.value["when"].value == "2025-02-30"


def test_a_duplicate_keeps_the_first_value() -> None:
    loaded = load_bytes(b"a: 1\na: 2\nb: 3\n", "f.yaml")
    assert loaded.root is not None
    assert {k: n.value for k, n in loaded.root.value.items()} == {"a": 1, "b": 3}


@pytest.mark.parametrize(("text", "code", "line", "column"), PROBLEMS)
def test_the_pure_python_composer_finds_the_same(text: str, code: str, line: int,
                                                 column: int) -> None:
    """Where PyYAML was built without libyaml, the same problems at the same places."""
    loaded = load_text(text, "f.yaml", pure=True)
    assert [(d.code, d.line, d.column) for d in loaded.diagnostics][:1] == [(code, line, column)]


@pytest.mark.parametrize("pure", [False, True])
@pytest.mark.parametrize(("text", "hint"), [
    # Found where the list should have closed; begun lines before.
    ("name: [Upstream State\nclout: 2\n",
     "(while parsing a flow sequence that starts at line 1, column 7)"),
    ("a:\n\tb: 1\n", "; indent with spaces: YAML does not allow tabs there"),
    ("a:\n  b: 1\n\t  c: 2\n", "; indent with spaces: YAML does not allow tabs there"),
])
def test_a_syntax_error_says_where_its_construct_began_and_how_to_fix_a_tab(
        text: str, hint: str, pure: bool) -> None:
    loaded = load_text(text, "f.yaml", pure=pure)
    assert [d.code for d in loaded.diagnostics] == ["yaml-syntax"]
    assert hint in loaded.diagnostics[0].message


def test_a_syntax_error_without_a_construct_names_none() -> None:
    message = load_text("a: *nowhere\n", "f.yaml").diagnostics[0].message
    assert message == "YAML syntax error: found undefined alias"


def _deeper(frames: int, text: str) -> list[tuple[str, int, int]]:
    if frames:
        return _deeper(frames - 1, text)
    loaded = load_text(text, "f.yaml", pure=True)
    return [(d.code, d.line, d.column) for d in loaded.diagnostics]


@pytest.mark.parametrize("levels", [70, 300, 440, 460, 480, 600])
def test_the_pure_composer_reports_deep_nesting_alike_at_any_call_depth(levels: int) -> None:
    """A forked child reads party files a few frames deeper than its parent: the same
    file must give the same report there."""
    text = "".join(" " * i + "k:\n" for i in range(levels)) + " " * levels + "v\n"
    reports = {tuple(_deeper(frames, text)) for frames in (0, 9, 40)}
    assert len(reports) == 1, reports
    assert next(iter(reports))[0][0] == "too-deep"


def test_an_alias_inside_its_own_collection_is_refused() -> None:
    loaded = load_bytes(b"a: &x [1, *x]\n", "f.yaml")
    assert loaded.root is None
    assert [d.code for d in loaded.diagnostics] == ["yaml-syntax"]
