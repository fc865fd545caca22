"""The JSON Schemas editors use are generated from the same spec the loader enforces."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from posdiff.record.schema import SCHEMAS, schema_document

from tests.conftest import DATA, REPO, Invoke
from tests.test_cli import LATER_MEDIATOR


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_the_schema_files_in_the_repo_are_current(kind: str, posdiff: Invoke) -> None:
    stored = json.loads((REPO / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    regenerate = f"posdiff schema {kind} > schema/{kind}.schema.json"
    assert stored == schema_document(kind), f"stale: run `{regenerate}`"
    assert json.loads(posdiff("schema", kind).stdout) == stored


def test_the_party_schema_names_every_field_and_its_limits() -> None:
    party = schema_document("party")
    assert party["required"] == ["party", "name"]  # a party with no position yet is valid
    position = party["properties"]["positions"]["items"]
    assert position["additionalProperties"] is False
    assert position["properties"]["salience"]["minimum"] == 0
    assert position["properties"]["salience"]["maximum"] == 100
    assert position["properties"]["acceptable"]["minItems"] == 2
    assert {"type": "string", "minLength": 1} in position["properties"]["position"]["anyOf"]


def test_an_unknown_schema_is_a_usage_error(posdiff: Invoke) -> None:
    result = posdiff("schema", "treaty")
    assert result.exit_code == 2
    assert "choose one of: party, issues, seeds" in result.stderr
    assert posdiff("schema", "--output", "treaty").exit_code == 2


def test_the_shipped_files_point_editors_at_their_schema() -> None:
    files = {REPO / "seeds/index.yaml": "seeds", REPO / "positions/issues.yaml": "issues"}
    files.update({p: "party" for p in (REPO / "positions").glob("*.yaml")
                  if p.name != "issues.yaml"})
    for path, kind in files.items():
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schema/{kind}.schema.json", path


OUTPUT_CASES = [("compare", ["compare", "upstream", "downstream"]),
                ("compare", ["compare", "upstream", "mediator", "--evidence"]),
                ("matrix", ["matrix"]), ("compromise", ["compromise", "--issue", "monitoring"]),
                ("parties", ["parties"]), ("issues", ["issues"]), ("coverage", ["coverage"]),
                ("show", ["show", "upstream", "--history"]), ("changes", ["changes"]),
                ("seeds", ["seeds"]), ("forecast", ["forecast", "--sensitivity"]),
                ("check", ["check"]),
                ("forecast", ["forecast", "--from-csv",
                              str(DATA / "ktab" / "ec-emissions.csv")])]


@pytest.mark.parametrize(("kind", "command"), OUTPUT_CASES,
                         ids=[" ".join(c[1]) for c in OUTPUT_CASES])
def test_every_json_output_follows_its_published_schema(river: Path, posdiff: Invoke,
                                                        kind: str, command: list[str]) -> None:
    import jsonschema

    with (river / "positions/mediator.yaml").open("a", encoding="utf-8") as party:
        party.write(LATER_MEDIATOR)  # so that `changes` has a change to describe
    published = json.loads(posdiff("schema", "--output", kind).stdout)
    jsonschema.Draft202012Validator.check_schema(published)
    document = json.loads(posdiff(*command, "-f", "json").stdout)
    jsonschema.validate(document, published, format_checker=jsonschema.FormatChecker())


def test_a_schema_catches_a_changed_output() -> None:
    import jsonschema

    from posdiff.reports.schema import output_schema

    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"parties": [], "issues_total": 0, "extra": 1},
                            output_schema("parties"))


def test_a_score_is_zero_or_at_least_the_smallest_step() -> None:
    """Finer numbers make weighted sums lose their precision (a salience of 5e-324 made a
    weighted mean gap of 1.5 read 2): 0 and SMALLEST pass, anything between is refused."""
    from posdiff.record.schema import SCORE, SMALLEST

    assert SCORE.check(0) is None and SCORE.check(0.0) is None
    assert SCORE.check(SMALLEST) is None and SCORE.check(100) is None
    for finer in (5e-324, 1e-300, SMALLEST / 2, SMALLEST - 1e-12):
        problem = SCORE.check(finer)
        assert problem is not None and problem[0] == "out-of-range", finer
        assert f"at least {SMALLEST:g}" in problem[1]


def test_every_command_with_json_output_has_a_schema_and_the_readme_names_it() -> None:
    from posdiff.cli import app
    from posdiff.reports.schema import OUTPUTS

    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    listed = readme[readme.index("JSON Schema: `posdiff schema --output compare`"):][:300]
    for command in app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        params = command.callback.__code__.co_varnames if command.callback else ()
        if "output" in params and name not in ("schema", "brief"):
            assert name in OUTPUTS, name
            assert name in listed, name
