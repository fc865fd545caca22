"""`posdiff init`: a new record that passes `check --strict` as created, and never
overwrites anything."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from posdiff.record.scaffold import existing, new_record
from posdiff.record.schema import SCHEMAS

from tests.conftest import REPO, Invoke


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder outside any record, as the current folder."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_init_makes_a_record_that_passes_strict_check(fresh: Path, posdiff: Invoke) -> None:
    made = posdiff("init", "my-talks")
    assert made.exit_code == 0, made.stderr
    root = fresh / "my-talks"
    assert sorted(_tree(root)) == sorted(f.path for f in new_record())
    assert "Created a record in my-talks:" in made.stdout
    assert "  cd my-talks\n  posdiff check --strict          # passes as created" in made.stdout
    assert "Already there" not in made.stdout
    assert max(map(len, made.stdout.splitlines())) <= 80
    checked = posdiff("check", "--strict", "--positions", str(root / "positions"),
                      "--format", "json")
    assert checked.exit_code == 0, checked.stdout
    summary = json.loads(checked.stdout)["summary"]
    assert (summary["errors"], summary["warnings"]) == (0, 0)
    assert (summary["parties"], summary["issues"], summary["quotes_exact"]) == (1, 1, 2)


def test_files_already_in_the_record_folders_are_named_and_no_pass_promised(
        fresh: Path, posdiff: Invoke) -> None:
    """init added the example beside files already in seeds/ and positions/ and said the
    record "passes as created", where check then failed on what was there."""
    (fresh / "mine" / "seeds").mkdir(parents=True)
    (fresh / "mine" / "seeds" / "notes.txt").write_text("x\n", encoding="utf-8")
    for index in range(6):
        (fresh / "mine" / "seeds" / f"n{index}.txt").write_text("x\n", encoding="utf-8")
    made = posdiff("init", "mine")
    assert made.exit_code == 0, made.stderr
    assert ("Already there, beside the example (check looks at these too):\n  seeds/n0.txt\n"
            "  seeds/n1.txt\n  seeds/n2.txt\n  seeds/n3.txt\n  seeds/n4.txt\n  and 2 more\n"
            ) in made.stdout
    assert "passes as created" not in made.stdout
    assert "# checks the example and what was there" in made.stdout
    checked = posdiff("check", "--strict", "--record", "mine")
    assert checked.exit_code == 1  # what was there is not indexed


def test_init_without_a_folder_fills_the_current_one(fresh: Path, posdiff: Invoke) -> None:
    made = posdiff("init")
    assert made.exit_code == 0
    assert made.stdout.startswith("Created a record here:")
    assert "cd " not in made.stdout
    assert posdiff("check", "--strict").exit_code == 0


def test_a_second_init_refuses_and_changes_nothing(fresh: Path, posdiff: Invoke) -> None:
    posdiff("init", "talks")
    (fresh / "talks/positions/issues.yaml").write_text("issues: []\n", encoding="utf-8")
    before = _tree(fresh)
    again = posdiff("init", "talks")
    assert again.exit_code == 2
    assert "talks already has positions/issues.yaml, positions/example-party.yaml" in (
        again.stderr)
    assert "nothing was written" in again.stderr
    assert _tree(fresh) == before


def test_a_file_where_a_folder_goes_stops_every_write(fresh: Path, posdiff: Invoke) -> None:
    (fresh / ".github").write_text("not a folder\n", encoding="utf-8")
    before = _tree(fresh)
    refused = posdiff("init")
    assert refused.exit_code == 2
    assert refused.stderr == ("posdiff: this folder already has .github; nothing was "
                              "written (init never overwrites)\n")
    assert _tree(fresh) == before


def test_a_folder_that_cannot_be_resolved_is_refused(fresh: Path, posdiff: Invoke) -> None:
    (fresh / "loop").symlink_to(fresh / "loop")
    refused = posdiff("init", "loop")
    assert refused.exit_code == 2
    assert refused.stderr.startswith("posdiff: loop cannot be used: ")


def test_a_link_to_nowhere_is_not_a_folder(fresh: Path, posdiff: Invoke) -> None:
    (fresh / "dangling").symlink_to(fresh / "nowhere")
    refused = posdiff("init", "dangling")
    assert (refused.exit_code, refused.stderr) == (
        2, "posdiff: dangling is not a folder; nothing was written\n")
    assert sorted(p.name for p in fresh.iterdir()) == ["dangling"]


def test_a_folder_name_cannot_forge_a_line(fresh: Path, posdiff: Invoke) -> None:
    made = posdiff("init", "n\nok: 0 errors")
    assert made.exit_code == 0, made.stderr
    assert "Created a record in n\\nok: 0 errors:" in made.stdout
    assert not any(line.startswith("ok:") for line in made.stdout.splitlines())


def test_one_file_in_the_way_stops_every_write(fresh: Path, posdiff: Invoke) -> None:
    (fresh / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    (fresh / "seeds").mkdir()
    (fresh / "seeds/example.txt").symlink_to(fresh / "elsewhere.txt")  # dangling
    refused = posdiff("init")
    assert refused.exit_code == 2
    assert ("this folder already has seeds/example.txt, .pre-commit-config.yaml; nothing was "
            "written (init never overwrites)") in refused.stderr
    assert sorted(_tree(fresh)) == [".pre-commit-config.yaml"]
    assert not (fresh / "elsewhere.txt").exists() and not (fresh / "positions").exists()


def test_existing_names_only_what_is_there(tmp_path: Path) -> None:
    made = new_record()
    assert existing(tmp_path, made) == []
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema/party.schema.json").write_text("{}", encoding="utf-8")
    assert existing(tmp_path, made) == ["schema/party.schema.json"]


def test_the_schemas_are_those_of_posdiff_schema() -> None:
    written = {f.path: f.content for f in new_record()}
    for kind in SCHEMAS:
        assert written[f"schema/{kind}.schema.json"] == (
            REPO / "schema" / f"{kind}.schema.json").read_bytes()


def test_the_pre_commit_hook_is_posdiff_check_strict() -> None:
    written = {f.path: f.content for f in new_record()}
    hook = yaml.safe_load(written[".pre-commit-config.yaml"])["repos"][0]["hooks"][0]
    (ours,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["entry"] == "posdiff check --strict"
    for key in ("id", "entry", "files", "pass_filenames"):
        assert hook[key] == ours[key], key
    workflow = yaml.safe_load(written[".github/workflows/posdiff.yml"])
    assert {"run": "posdiff check --strict"} in workflow["jobs"]["check"]["steps"]


DIFF_STEP = 'posdiff diff "origin/$GITHUB_BASE_REF" --format markdown >> "$GITHUB_STEP_SUMMARY"'


def test_the_workflow_diffs_a_pull_request_against_its_target(tmp_path: Path) -> None:
    """The CI job fetches the target branch and, on a pull request, adds what the change
    moves to the job's summary: its step's script, run here as the runner would, on a
    record of `init` with a change on top of a `main` it knows as origin/main."""
    import os
    import subprocess
    import sys

    written = {f.path: f.content for f in new_record()}
    workflow = yaml.safe_load(written[".github/workflows/posdiff.yml"])
    steps = workflow["jobs"]["check"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    step = steps[-1]
    assert step["run"] == DIFF_STEP
    assert step["if"] == "github.event_name == 'pull_request' && !cancelled()"
    for path, content in written.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(content)

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "-C",
                        str(tmp_path), *args], check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "init")
    git("update-ref", "refs/remotes/origin/main", "HEAD")
    party = tmp_path / "positions" / "example-party.yaml"
    party.write_text(party.read_text(encoding="utf-8").replace("salience: 70", "salience: 60"),
                     encoding="utf-8")
    summary = tmp_path / "summary.md"
    env = {**os.environ, "GITHUB_BASE_REF": "main", "GITHUB_STEP_SUMMARY": str(summary),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    ran = subprocess.run(["bash", "-c", step["run"]], cwd=tmp_path, env=env,
                         capture_output=True, text=True, check=False)
    assert ran.returncode == 0, ran.stderr
    written_summary = summary.read_text(encoding="utf-8")
    assert written_summary.startswith("### Versions compared")
    assert "| old | origin/main (" in written_summary
    assert "### Entries added, removed or changed" in written_summary


def _readme_block(after: str, language: str) -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    found = re.compile(rf"```{language}\n(.*?)```\n", re.S).search(text, text.index(after))
    assert found is not None
    return found.group(1)


def test_the_readme_walk_from_init_to_compare(fresh: Path, posdiff: Invoke,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A new user's way in, as the README tells it: init, add the second party the
    example seed speaks of, check, compare."""
    assert _readme_block("## Start a record of your own", "sh").splitlines() == [
        "posdiff init my-talks && cd my-talks", "posdiff check --strict"]
    assert posdiff("init", "my-talks").exit_code == 0
    monkeypatch.chdir(fresh / "my-talks")
    assert posdiff("check", "--strict").exit_code == 0
    other = _readme_block("Record it in\n`positions/other-side.yaml`", "yaml")
    Path("positions/other-side.yaml").write_text(other, encoding="utf-8")
    assert _readme_block("Then check the record again", "sh").splitlines() == [
        "posdiff check --strict", "posdiff compare example-party other-side"]
    checked = posdiff("check", "--strict")
    assert checked.exit_code == 0, checked.stdout
    compared = posdiff("compare", "example-party", "other-side", "--format", "json")
    assert compared.exit_code == 0
    document = json.loads(compared.stdout)
    assert document["distance"] == 50
    assert document["issues"][0]["overlap"] == [50, 50]


def test_a_file_that_appears_after_the_check_is_not_overwritten(
        fresh: Path, posdiff: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    (fresh / "positions").mkdir()
    (fresh / "positions/issues.yaml").write_text("mine\n", encoding="utf-8")
    monkeypatch.setattr("posdiff.record.scaffold.existing", lambda *_: [])  # as if it raced in
    refused = posdiff("init")
    assert refused.exit_code == 74
    assert "cannot write positions/issues.yaml: File exists; nothing was kept" in (
        refused.stderr)
    assert (fresh / "positions/issues.yaml").read_text(encoding="utf-8") == "mine\n"


def test_a_write_that_fails_halfway_takes_back_all_it_made(
        fresh: Path, posdiff: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    (fresh / "talks").mkdir()
    (fresh / "talks/.github").write_text("in the way\n", encoding="utf-8")
    before = _tree(fresh)
    monkeypatch.setattr("posdiff.record.scaffold.existing", lambda *_: [])  # as if it raced in
    refused = posdiff("init", "talks")  # the workflow, written last, cannot be
    assert refused.exit_code == 74
    assert refused.stderr.startswith("posdiff: cannot write talks/.github/workflows/")
    assert _tree(fresh) == before
    assert sorted(p.name for p in (fresh / "talks").iterdir()) == [".github"]


def test_a_link_in_the_folder_is_never_written_through(fresh: Path, posdiff: Invoke) -> None:
    elsewhere = fresh / "elsewhere"
    elsewhere.mkdir()
    (fresh / "talks").mkdir()
    (fresh / "talks/schema").symlink_to(elsewhere)
    refused = posdiff("init", "talks")
    assert refused.exit_code == 2
    assert "talks already has schema; nothing was written" in refused.stderr
    assert list(elsewhere.iterdir()) == []


def test_the_new_record_follows_the_naming_rule_the_docs_give(tmp_path: Path,
                                                              posdiff: Invoke) -> None:
    """docs/curation.md: a seed's file is named after its id, seeds/<id>.txt."""
    assert posdiff("init", str(tmp_path / "mine")).exit_code == 0
    index = (tmp_path / "mine/seeds/index.yaml").read_text(encoding="utf-8")
    ids = re.findall(r"- id: (\S+)", index)
    files = re.findall(r"file: (\S+)", index)
    assert ids and [f"{i}.txt" for i in ids] == files
