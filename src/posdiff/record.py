"""Loading the record for the commands that read it: refuse to score an invalid one."""

from __future__ import annotations

from collections.abc import Iterable

from posdiff.diagnostics import Diagnostic
from posdiff.errors import PosdiffError
from posdiff.model import Loaded, Party, Record
from posdiff.paths import RecordPaths


def read_record(paths: RecordPaths) -> Loaded:
    """The record as loaded, with every problem found."""
    from posdiff.loader import build_record

    return build_record(paths.positions, paths.seeds)


def load_record(paths: RecordPaths) -> Record:
    """The record, or a PosdiffError naming its first error."""
    loaded = read_record(paths)
    _refuse(loaded.errors)
    return loaded.record


def locate_quotes(record: Record, parties: Iterable[Party]) -> None:
    """Locate the quotes of ``parties`` in their seeds, so that evidence can be shown;
    a quote that cannot be located is an error, as in `posdiff check`."""
    from posdiff.anchoring import DEFAULT_MIN_WORDS
    from posdiff.check import locate_evidence

    evidence = [item for party in parties for item in party.evidence()]
    _refuse([d for d in locate_evidence(record, evidence, DEFAULT_MIN_WORDS) if d.is_error])


def _refuse(problems: list[Diagnostic]) -> None:
    if not problems:
        return
    first = problems[0]
    raise PosdiffError(
        f"the record has {len(problems)} error(s), first at {first.file}:{first.line}:"
        f"{first.column}: [{first.code}] {first.message}",
        hint="Run `posdiff check` to see them all; scores from a broken record "
        "would not be trustworthy.")
