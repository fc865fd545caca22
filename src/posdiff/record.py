"""Loading the record for the commands that read it: refuse to score an invalid one."""

from __future__ import annotations

from pathlib import Path

from posdiff.errors import PosdiffError
from posdiff.model import Dataset, LoadResult
from posdiff.paths import DatasetPaths, resolve_paths


def _load(paths: DatasetPaths) -> LoadResult:
    # Imported here: on a cache hit the YAML machinery is never loaded.
    from posdiff.loader import load_dataset

    return load_dataset(paths.positions, paths.seeds)


def load_record(positions: Path | None, seeds: Path | None, anchor: bool = False) -> Dataset:
    """The dataset, or a PosdiffError naming the first error; with ``anchor``, every quote
    is located in its seed so that evidence can be shown."""
    from posdiff.cache import cached

    paths = resolve_paths(positions, seeds)
    loaded = cached(paths.positions, paths.seeds, lambda: _load(paths))
    problems = loaded.errors
    if anchor and not problems:
        from posdiff.anchoring import DEFAULT_SETTINGS
        from posdiff.check import anchor_evidence

        evidence = [e for party in loaded.dataset.parties.values()
                    for position in party.positions for e in position.evidence]
        problems = [d for d in anchor_evidence(loaded.dataset, evidence, DEFAULT_SETTINGS)
                    if d.is_error]
    if problems:
        first = problems[0]
        raise PosdiffError(
            f"the record has {len(problems)} error(s), first at {first.file}:{first.line}:"
            f"{first.column}: [{first.code}] {first.message}\n"
            f"Run `posdiff check` to see them all; scores from a broken record "
            "would not be trustworthy.")
    return loaded.dataset
