"""Property-based fuzzing: whatever the bytes, the loader answers with diagnostics, never
an exception; and a sample of the record fuzzer (tests/fuzz.py) through every command."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posdiff.record import schema
from posdiff.record.spec import validate
from posdiff.record.yaml import load_bytes

from tests.fuzz import fuzz

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
        for spec in schema.SCHEMAS.values():
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
        for spec in schema.SCHEMAS.values():
            for problem in validate(loaded.root, spec, "doc.yaml"):
                assert problem.code and problem.message


def test_a_sample_of_the_fuzzer_finds_no_crash() -> None:
    """The fuzzer (python -m tests.fuzz) on 50 inputs: no internal error, no traceback."""
    tally = fuzz(examples=50, random_seed=20251129, quick=True)
    assert sum(tally.inputs.values()) == 50
    assert tally.inputs["internal error"] == tally.inputs["traceback"] == 0, \
        "\n\n".join(tally.failures[:3])
