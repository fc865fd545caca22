"""The benchmark's synthetic record: deterministic, and valid as generated."""

from __future__ import annotations

from pathlib import Path

from benchmarks.synthetic import Size, generate

from posdiff.record.check import run_check
from posdiff.record.paths import RecordPaths

TINY = Size(seeds=3, seed_bytes=3_000, parties=3, issues=4, quotes=16)


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_same_seed_gives_the_same_record(tmp_path: Path) -> None:
    generate(TINY, tmp_path / "a")
    generate(TINY, tmp_path / "b")
    generate(TINY, tmp_path / "c", seed=1)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_the_record_passes_a_strict_check(tmp_path: Path) -> None:
    made = generate(TINY, tmp_path)
    report = run_check(RecordPaths(made.positions, made.seeds))
    assert [d for d in report.diagnostics] == []
    summary = report.summary()
    assert (summary["parties"], summary["issues"], summary["seeds"]) == (3, 4, 3)
    assert summary["quotes"] == made.stats.quotes >= 16
    assert summary["quotes_unmatched"] == 0
    assert summary["quotes_normalised"] == made.stats.quote_mix["normalised"] + \
        made.stats.quote_mix["elided"]
