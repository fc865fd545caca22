"""Loading the record for the commands that read it: refuse to score an invalid one."""

from __future__ import annotations

from collections.abc import Iterable

from posdiff.diagnostics import Diagnostic
from posdiff.errors import PosdiffError
from posdiff.model import Dataset, Party
from posdiff.paths import DatasetPaths


def load_record(paths: DatasetPaths) -> Dataset:
    """The dataset, or a PosdiffError naming its first error."""
    from posdiff.loader import load_dataset

    loaded = load_dataset(paths.positions, paths.seeds)
    _refuse(loaded.errors)
    return loaded.dataset


def anchor_quotes(dataset: Dataset, parties: Iterable[Party]) -> None:
    """Locate the quotes of ``parties`` in their seeds, so that evidence can be shown;
    a quote that cannot be found is an error, as in `posdiff check`."""
    from posdiff.anchoring import DEFAULT_SETTINGS
    from posdiff.check import anchor_evidence

    evidence = [item for party in parties for item in party.evidence()]
    _refuse([d for d in anchor_evidence(dataset, evidence, DEFAULT_SETTINGS) if d.is_error])


def _refuse(problems: list[Diagnostic]) -> None:
    if not problems:
        return
    first = problems[0]
    raise PosdiffError(
        f"the record has {len(problems)} error(s), first at {first.file}:{first.line}:"
        f"{first.column}: [{first.code}] {first.message}",
        hint="Run `posdiff check` to see them all; scores from a broken record "
        "would not be trustworthy.")
