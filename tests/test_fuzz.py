"""Property-based fuzzing: whatever the bytes, the loader and `check` answer with
diagnostics, never an exception."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posdiff import formats
from posdiff.check import run_check
from posdiff.paths import DatasetPaths
from posdiff.spec import validate
from posdiff.yamlio import load_bytes

from tests.conftest import REPO

FAST = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])

yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(),
                         st.text(max_size=30), st.dates())
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=12), inner, max_size=4)),
    max_leaves=20)


@FAST
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    loaded = load_bytes(data, "fuzz.yaml")
    if loaded.root is not None:
        for spec in formats.SCHEMAS.values():
            validate(loaded.root, spec, "fuzz.yaml")
    assert all(d.line >= 1 and d.column >= 1 for d in loaded.diagnostics)
    if loaded.root is None:
        assert any(d.is_error for d in loaded.diagnostics)


@FAST
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#%@`,? \n\t0.")), max_size=200))
def test_yaml_punctuation_soup_never_raises(text: str) -> None:
    loaded = load_bytes(text.encode(), "soup.yaml")
    if loaded.root is None:  # nothing loaded must always say why
        assert any(d.is_error for d in loaded.diagnostics)


@FAST
@given(yaml_values)
def test_any_yaml_document_validates_without_raising(value: object) -> None:
    loaded = load_bytes(yaml.safe_dump(value).encode(), "doc.yaml")
    assert loaded.root is not None or value is None  # a null document is an empty file
    if loaded.root is not None:
        for spec in formats.SCHEMAS.values():
            for problem in validate(loaded.root, spec, "doc.yaml"):
                assert problem.code and problem.message


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_check_survives_mutated_copies_of_the_real_dataset(tmp_path_factory: object,
                                                           data: st.DataObject) -> None:
    root = Path(str(tmp_path_factory.mktemp("mutant")))  # type: ignore[attr-defined]
    shutil.copytree(REPO / "positions", root / "positions")
    shutil.copytree(REPO / "seeds", root / "seeds")
    files = [*sorted((root / "positions").glob("*.yaml")), root / "seeds/index.yaml"]
    target = data.draw(st.sampled_from(files))
    text = target.read_bytes()
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 40))
        insert = data.draw(st.binary(max_size=12) | st.sampled_from(
            [b"\n", b": ", b"- ", b"&a ", b"*a", b"!!python/name:os.system ", b"'", b"\t"]))
        text = text[:at] + insert + text[at + cut:]
    target.write_bytes(text)
    report = run_check(DatasetPaths(root / "positions", root / "seeds"))
    for problem in report.diagnostics:
        assert problem.line >= 1 and problem.column >= 1 and problem.code
