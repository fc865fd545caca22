"""`posdiff diff`: what a change to the record moves, read from git revisions of a
repository built here (the river record committed, then changed), or from folders.

The river record (README, "Worked example"): Upstream (clout 2) at 60 on water-share
(salience 90, range 60-70, a red line) and 0 on monitoring (30); Downstream (clout 1) at
30 (80, range 20-45) and 0 (60); the Mediator at 45 on water-share (50, range 40-60).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Invoke, edit

UP, DOWN, MEDIATOR = "positions/upstream.yaml", "positions/downstream.yaml", \
    "positions/mediator.yaml"


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                           "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main",
                           "-C", str(root), *args],
                          check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(river: Path) -> Path:
    """The river record, committed as the repository's only commit."""
    git(river, "init", "-q")
    git(river, "add", "-A")
    git(river, "commit", "-qm", "the river record")
    return river


def found(posdiff: Invoke, *args: str) -> dict[str, Any]:
    result = posdiff("diff", *args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_an_unchanged_record_moves_nothing(repo: Path, posdiff: Invoke) -> None:
    result = posdiff("diff", "--exit-code")
    assert result.exit_code == 0, result.stderr
    assert "No finding moved; 0 entries added, removed or changed" in result.stdout
    assert "HEAD (" in result.stdout and "the working tree" in result.stdout
    data = found(posdiff)
    assert data["moved"] == 0 and data["old"]["ok"] and data["new"]["ok"]
    assert data["old"]["revision"] == git(repo, "rev-parse", "HEAD").strip()


def test_a_moved_position_moves_distances_and_the_mean(repo: Path, posdiff: Invoke) -> None:
    edit(repo / DOWN, "position: 30", "position: 40")
    data = found(posdiff)
    pairs = {tuple(p["parties"]): p for p in data["pairs"]}
    # water-share gap 30 -> 20 (weight 85), monitoring 0 (weight 45):
    # 85*30/130 = 19.62 -> 85*20/130 = 13.08
    assert pairs[("downstream", "upstream")]["distance"] == {"old": 19.62, "new": 13.08,
                                                             "change": -6.5}
    assert pairs[("downstream", "upstream")]["shared"] == {"old": 2, "new": 2}
    # the mediator states water-share only: gap 15 -> 5
    assert pairs[("downstream", "mediator")]["distance"]["new"] == 5
    assert ("mediator", "upstream") not in pairs  # neither of them changed
    # mean over upstream (2 x 90 = 180 at 60) and downstream (80 at 30 -> 40), the
    # mediator not weighed: 13200/260 = 50.77 -> 14000/260 = 53.85; the median stays 60
    assert data["compromises"] == [{"issue": "water-share", "point": "mean", "old": 50.77,
                                    "new": 53.85, "change": 3.1}]
    assert data["overlaps"] == data["clashes"] == data["coverage"] == []
    [entry] = data["entries"]
    assert (entry["party"], entry["issue"], entry["change"], entry["changed"]) == (
        "downstream", "water-share", "changed", ["position"])
    assert data["moved"] == 3
    table = posdiff("diff").stdout
    assert "downstream vs upstream   19.6 → 13.1" in table
    # The JSON's change is the exact one (53.846 - 50.769 = 3.077, to 3.1); the table's
    # agrees with the two numbers it prints beside it: 53.8 - 50.8 = 3.
    [mean] = [line.split() for line in table.splitlines() if line.startswith("water-share")]
    assert mean == ["water-share", "mean", "50.8", "→", "53.8", "+3"]
    assert "3 findings moved (2 pairs, 0 overlaps or clashes, 1 compromise point, 0 " \
        "coverage changes); 1 entry added, removed or changed" in " ".join(table.split())


def test_overlaps_and_clashes_appear_and_vanish(repo: Path, posdiff: Invoke) -> None:
    # Downstream's range reaches Upstream's [60, 70]: they overlap on [60, 61], so the
    # red-line clash is gone; and back again, comparing two revisions.
    edit(repo / DOWN, "acceptable: [20, 45]", "acceptable: [20, 61]")
    data = found(posdiff)
    assert [(o["parties"], o["issue"], o["change"], o["old"], o["new"], o["basis"])
            for o in data["overlaps"]] == [
        (["downstream", "mediator"], "water-share", "moved", [40, 45], [40, 60], "inferred"),
        (["downstream", "upstream"], "water-share", "appeared", None, [60, 61], "inferred")]
    assert [(c["parties"], c["change"]) for c in data["clashes"]] == [
        (["downstream", "upstream"], "vanished")]
    git(repo, "commit", "-qam", "a wider range")
    back = found(posdiff, "HEAD", "HEAD~1")
    assert [(o["parties"], o["change"]) for o in back["overlaps"]][1] == (
        ["downstream", "upstream"], "vanished")
    assert [(c["parties"], c["change"]) for c in back["clashes"]] == [
        (["downstream", "upstream"], "appeared")]
    assert "HEAD~1 (" in back["new"]["label"]


def test_coverage_gained_and_lost(repo: Path, posdiff: Invoke) -> None:
    text = (repo / DOWN).read_text(encoding="utf-8")
    (repo / DOWN).write_text(text[: text.index("  - issue: monitoring")], encoding="utf-8")
    with (repo / MEDIATOR).open("a", encoding="utf-8") as mediator:
        mediator.write("""  - issue: monitoring
    as_of: 2024-05-20
    position: 0
    salience: 40
    stance: Backs the joint commission.
    evidence:
      - seed: river-report
        quote: a joint monitoring commission was acceptable in principle
        voice: author
    basis: inferred
    reason: the report gives upstream's words; the mediator's support is read from it
""")
    data = found(posdiff)
    assert [(c["party"], c["issue"], c["change"]) for c in data["coverage"]] == [
        ("downstream", "monitoring", "lost"), ("mediator", "monitoring", "gained")]
    pairs = {tuple(p["parties"]): p for p in data["pairs"]}
    # monitoring gone between them: the distance is water-share's gap alone, 30
    assert pairs[("downstream", "upstream")]["distance"]["new"] == 30
    assert pairs[("downstream", "upstream")]["shared"] == {"old": 2, "new": 1}
    assert pairs[("mediator", "upstream")]["shared"] == {"old": 1, "new": 2}
    assert {(e["party"], e["change"]) for e in data["entries"]} == {
        ("downstream", "removed"), ("mediator", "added")}
    # monitoring's points: 0 either way (everyone there says 0), so they did not move
    assert data["compromises"] == []


def test_entries_changed_name_what_changed(repo: Path, posdiff: Invoke) -> None:
    # Downstream's monitoring entry: its quote becomes the source's reading (so the
    # position is inferred), and it matters more; Upstream's quote is corrected.
    edit(repo / DOWN, "quote: at least 70 per cent of the summer flow and a joint monitoring "
         "commission\n        voice: reported",
         "quote: at least 70 per cent of the summer flow and a joint monitoring commission"
         "\n        voice: author\n    basis: inferred\n    reason: read from the report")
    edit(repo / DOWN, "salience: 60", "salience: 70")
    edit(repo / UP, "quote: a joint monitoring commission was acceptable in principle",
         "quote: officials said a joint monitoring commission was acceptable")
    data = found(posdiff)
    changed = {(e["party"], e["issue"]): e for e in data["entries"]}
    assert changed[("downstream", "monitoring")]["changed"] == [
        "position", "salience", "quotes", "reason"]
    assert changed[("downstream", "monitoring")]["new"]["position_basis"] == "inferred"
    assert changed[("upstream", "monitoring")]["changed"] == ["quotes"]
    table = " ".join(posdiff("diff").stdout.split())
    assert "quotes: 1 added, 1 removed" in table
    assert "quotes: voice or what they state changed" in table
    assert "[inferred]" in table and "salience 60 → 70" in table
    # a basis that changes is a finding only where it moves one: monitoring's weight moved
    assert data["moved"] >= 1


def test_a_version_that_fails_check_is_reported_not_scored(repo: Path,
                                                           posdiff: Invoke) -> None:
    edit(repo / UP, "called any higher share a red line", "called any share a red line")
    result = posdiff("diff", "--exit-code")
    assert result.exit_code == 1
    assert "failed: 1 error" in result.stdout
    assert "[quote-not-found]" in result.stdout
    assert "Nothing compared: the new version (1 error) fails check" in result.stdout
    assert "Pairs whose" not in result.stdout
    assert posdiff("diff").exit_code == 0  # a report, unless --exit-code asks
    git(repo, "commit", "-qam", "a broken quote")
    edit(repo / UP, "called any share a red line", "called any higher share a red line")
    data = found(posdiff)
    assert not data["old"]["ok"] and data["new"]["ok"] and not data["compared"]
    assert data["old"]["first_errors"][0].startswith("HEAD:positions/upstream.yaml:")


def test_exit_code_says_whether_a_finding_moved(repo: Path, posdiff: Invoke) -> None:
    edit(repo / UP, "stance: Releases at most", "stance: Will release at most")
    quiet = posdiff("diff", "--exit-code")
    assert quiet.exit_code == 0  # a stance reworded moves no finding
    assert "stance reworded" in quiet.stdout
    edit(repo / UP, "salience: 90", "salience: 95")
    assert posdiff("diff", "--exit-code").exit_code == 1


def test_two_folders_need_no_git(river: Path, posdiff: Invoke, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(river, other)
    edit(other / UP, "salience: 90", "salience: 40")
    data = found(posdiff, str(river), str(other))
    assert data["old"]["revision"] is None and data["moved"] > 0


def test_a_renamed_party_is_one_removed_and_one_added(repo: Path, posdiff: Invoke) -> None:
    """The old id and the new one are never in one version, so no pair holds both."""
    (repo / "positions/downstream.yaml").rename(repo / "positions/delta.yaml")
    edit(repo / "positions/delta.yaml", "party: downstream", "party: delta")
    data = found(posdiff)
    assert {(e["party"], e["change"]) for e in data["entries"]} >= {
        ("downstream", "removed"), ("delta", "added")}
    assert any("delta" in p["parties"] for p in data["pairs"])
    assert not any({"delta", "downstream"} <= set(p["parties"]) for p in data["pairs"])


def test_two_records_with_no_party_in_common(river: Path, posdiff: Invoke,
                                             tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(river, other)
    for name in ("upstream", "downstream", "mediator"):
        path = other / "positions" / f"{name}.yaml"
        path.rename(other / "positions" / f"new-{name}.yaml")
        edit(other / "positions" / f"new-{name}.yaml", f"party: {name}", f"party: new-{name}")
    data = found(posdiff, str(river), str(other))
    assert {(e["party"], e["change"]) for e in data["entries"]} == {
        *((name, "removed") for name in ("upstream", "downstream", "mediator")),
        *((f"new-{name}", "added") for name in ("upstream", "downstream", "mediator"))}


def test_a_pair_with_nothing_to_compare_in_either_version_has_not_moved(
        repo: Path, posdiff: Invoke) -> None:
    """A party added whose entries all postdate --as-of holds nothing then: its pairs
    have no distance and no shared issue in either version, so nothing of theirs moved."""
    observer = (repo / MEDIATOR).read_text(encoding="utf-8")
    (repo / "positions/observer.yaml").write_text(
        observer.replace("party: mediator", "party: observer").replace(
            "name: Mediator", "name: Observer").replace("2024-05-20", "2024-06-30"),
        encoding="utf-8")
    edit(repo / UP, "salience: 90", "salience: 40")
    data = found(posdiff, "--as-of", "2024-06-01")
    assert not any("observer" in p["parties"] for p in data["pairs"]), data["pairs"]
    assert data["pairs"] and data["moved"] == sum(
        len(data[finding]) for finding in ("pairs", "overlaps", "clashes", "compromises",
                                           "coverage"))
    later = found(posdiff, "--as-of", "2024-07-01")
    assert any("observer" in p["parties"] for p in later["pairs"])


def _snapshot(root: Path) -> dict[str, tuple[int, bytes]]:
    return {str(p.relative_to(root)): (p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_working_tree_and_repository_are_left_as_they_were(repo: Path,
                                                                posdiff: Invoke) -> None:
    edit(repo / DOWN, "position: 30", "position: 40")
    (repo / "untracked.txt").write_text("mine\n", encoding="utf-8")
    git(repo, "add", "untracked.txt")
    status = git(repo, "status", "--porcelain")
    before = _snapshot(repo)
    temporary = set(os.listdir(tempfile.gettempdir()))
    for output in ("table", "json", "markdown"):
        assert posdiff("diff", "-f", output).exit_code == 0
    assert posdiff("diff", "HEAD", "HEAD").exit_code == 0
    assert _snapshot(repo) == before  # the index too, and every file's time
    assert git(repo, "status", "--porcelain") == status
    left = {n for n in set(os.listdir(tempfile.gettempdir())) - temporary
            if n.startswith("posdiff-revision-")}
    assert not left


def test_a_table_fits_80_columns_and_markdown_is_a_comment(repo: Path, posdiff: Invoke,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    edit(repo / DOWN, "acceptable: [20, 45]", "acceptable: [20, 56]")
    edit(repo / DOWN, "position: 30", "position: 40")
    monkeypatch.setenv("COLUMNS", "80")
    table = posdiff("diff").stdout
    assert max(map(len, table.splitlines())) <= 80
    markdown = posdiff("diff", "-f", "markdown").stdout
    assert markdown.startswith("### Versions compared\n")
    assert "### Overlaps and red-line clashes that appeared or vanished" in markdown
    assert markdown.rstrip().splitlines()[-1].startswith("- ")


def test_csv_is_refused_with_the_formats_there_are(repo: Path, posdiff: Invoke) -> None:
    result = posdiff("diff", "-f", "csv")
    assert result.exit_code == 2
    assert "'csv' is not one of 'table', 'json', 'markdown'" in result.stderr


# -- bad input: one line, exit 2 ------------------------------------------------

def _one_line(posdiff: Invoke, *args: str) -> str:
    result = posdiff("diff", *args)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("posdiff: "), result.stderr
    return lines[0]


def test_an_unknown_revision(repo: Path, posdiff: Invoke) -> None:
    assert "unknown revision 'no-such-branch'" in _one_line(posdiff, "no-such-branch")
    assert "neither a folder nor a git revision" in _one_line(posdiff, "--", "-x")


def test_a_revision_without_the_record(repo: Path, posdiff: Invoke) -> None:
    # a history whose first commit predates the record
    git(repo, "rm", "-rq", "--cached", "seeds")
    git(repo, "commit", "-qm", "the seeds untracked")
    git(repo, "add", "seeds")
    git(repo, "commit", "-qm", "the seeds back")
    said = _one_line(posdiff, "HEAD~1")
    assert "revision 'HEAD~1' has no folder seeds/: the record was not there then" in said


def test_a_revision_outside_a_repository(river: Path, posdiff: Invoke) -> None:
    said = _one_line(posdiff)
    assert "'HEAD' is not a folder, and the record" in said
    assert "is in no git repository" in said


def test_a_shallow_clone_without_the_base(repo: Path, posdiff: Invoke, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    edit(repo / UP, "salience: 90", "salience: 95")
    git(repo, "commit", "-qam", "second")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    monkeypatch.chdir(clone)
    said = _one_line(posdiff, "HEAD~1")
    assert "unknown revision 'HEAD~1'" in said and "shallow clone" in said
    assert "fetch-depth: 0" in said


def test_a_folder_that_is_no_record(repo: Path, posdiff: Invoke) -> None:
    (repo / "empty").mkdir()
    assert "is a folder without a positions/ folder" in _one_line(posdiff, "empty")
    assert "'seeds' is a seeds folder (it holds index.yaml" in _one_line(posdiff, "seeds")
    assert "'positions' is a positions folder" in _one_line(posdiff, "positions")


def test_diff_names_the_folder_or_name_it_was_given(river: Path, posdiff: Invoke,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    """Outside any repository: a record without seeds/, a file and a name that is neither
    folder nor revision are each named, and no option that was not used is."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "noseeds").mkdir()
    shutil.copytree(river / "positions", tmp_path / "noseeds/positions")
    (tmp_path / "a-file.txt").write_text("x\n", encoding="utf-8")
    for args, said in ((["noseeds", str(river)], "'noseeds' holds no seeds/ folder"),
                       (["a-file.txt", str(river)], "'a-file.txt' is a file"),
                       ([str(river), "nope"], "'nope' is not a folder, and as a git revision")):
        line = _one_line(posdiff, *args)
        assert said in line and "--record:" not in line, line


def test_the_json_follows_its_schema(repo: Path, posdiff: Invoke) -> None:
    import jsonschema

    edit(repo / DOWN, "acceptable: [20, 45]", "acceptable: [20, 61]")
    edit(repo / DOWN, "position: 30", "position: 40")
    text = (repo / UP).read_text(encoding="utf-8")
    (repo / UP).write_text(text[: text.index("  - issue: monitoring")], encoding="utf-8")
    published = json.loads(posdiff("schema", "--output", "diff").stdout)
    jsonschema.Draft202012Validator.check_schema(published)
    data = found(posdiff)
    assert all(data[key] for key in ("entries", "pairs", "overlaps", "clashes",
                                     "compromises", "coverage"))
    jsonschema.validate(data, published, format_checker=jsonschema.FormatChecker())
    edit(repo / MEDIATOR, "The mediator proposed", "The mediator wanted")
    jsonschema.validate(found(posdiff), published, format_checker=jsonschema.FormatChecker())


def test_a_shared_issue_added_moves_a_pair_whose_distance_stays(repo: Path,
                                                               posdiff: Invoke) -> None:
    # The mediator at 15 on monitoring, where Upstream is at 0: a gap of 15, as on
    # water-share (60 vs 45), so their distance stays 15 over two shared issues, not one.
    with (repo / MEDIATOR).open("a", encoding="utf-8") as mediator:
        mediator.write("""  - issue: monitoring
    as_of: 2024-05-20
    position: 15
    salience: 40
    stance: Backs a commission with a light hand.
    note: a commission that meets rarely, near the joint commission end of the scale
    evidence:
      - seed: river-report
        quote: reviewed every five years by independent engineers
        voice: reported
""")
    data = found(posdiff)
    pairs = {tuple(p["parties"]): p for p in data["pairs"]}
    assert pairs[("mediator", "upstream")] == {
        "parties": ["mediator", "upstream"], "distance": {"old": 15, "new": 15, "change": 0},
        "shared": {"old": 1, "new": 2}}


def test_two_revisions_share_the_files_they_both_hold(repo: Path) -> None:
    """A file the old revision already wrote is linked into the new one, not fetched and
    written again; a changed file is the new revision's own, and both read as git has them."""
    from posdiff.record.paths import RecordPaths, resolve_paths
    from posdiff.record.revisions import opened

    edit(repo / DOWN, "position: 30", "position: 40")
    git(repo, "commit", "-qam", "downstream moves")
    written: dict[str, Path] = {}

    def here() -> RecordPaths:
        return resolve_paths(None, None, root=repo)

    with opened("HEAD~1", here, written) as old, opened("HEAD", here, written) as new:
        for folder, name in ((old.paths.positions, "old"), (new.paths.positions, "new")):
            assert {p.name for p in folder.iterdir()} == {
                "issues.yaml", "upstream.yaml", "downstream.yaml", "mediator.yaml"}, name
        same = [(old.paths.positions / n, new.paths.positions / n)
                for n in ("issues.yaml", "upstream.yaml", "mediator.yaml")]
        same.append((old.paths.seeds / "talks.txt", new.paths.seeds / "talks.txt"))
        assert all(a.stat().st_ino == b.stat().st_ino for a, b in same)
        was, now = (side.paths.positions / "downstream.yaml" for side in (old, new))
        assert was.stat().st_ino != now.stat().st_ino
        for side, revision in ((old, "HEAD~1"), (new, "HEAD")):
            for path in [*side.paths.positions.iterdir(), *side.paths.seeds.iterdir()]:
                folder = path.parent.name
                assert path.read_text(encoding="utf-8") == git(
                    repo, "show", f"{revision}:{folder}/{path.name}"), (revision, path.name)


def test_a_pair_is_named_in_the_order_the_matrix_names_it(repo: Path, posdiff: Invoke) -> None:
    (repo / MEDIATOR).unlink()
    edit(repo / UP, "salience: 90", "salience: 40")
    data = found(posdiff)
    assert data["pairs"] and all(p["parties"] == sorted(p["parties"]) for p in data["pairs"])
