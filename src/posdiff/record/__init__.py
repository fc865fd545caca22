"""The record, from the files on disk to the model, in stages of one module each:

    paths     where the record is: given, found by walking up, or the shipped one
    files     every file access: inside the root, size-capped, no link followed
    text      bytes -> strict UTF-8 text
    yaml      text -> a tree of nodes with positions (PyYAML's compose)
    spec      the small schema language; schema: the three files' shapes in it
    document  one file: loaded, validated against its spec, its problems reported
    parties   one party file on its own -> a `PartyFile` (its party, its problems)
    validate  the seed index, the catalogue, then the party files, admitted in file
              order -> a `Record` with diagnostics (a `Loaded`)
    evidence  locating each quote in its seed
    workers   independent work (party files, quotes) shared out to forked children on
              a large record

Here: loading it for the commands that read it, refusing to score an invalid one.
Nothing is imported at the top, so that a module below (files, for the CLI's
`printable`) costs no more than itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from posdiff.diagnostics import Diagnostic
    from posdiff.model import Loaded, Party, Record
    from posdiff.record.paths import RecordPaths


def read_record(paths: RecordPaths,
                progress: Callable[[int, int], None] | None = None) -> Loaded:
    """The record as loaded, with every problem found; ``progress(done, total)`` is told
    the party files read."""
    from posdiff.record.validate import build_record

    return build_record(paths.positions, paths.seeds, progress)


def load_record(paths: RecordPaths,
                progress: Callable[[int, int], None] | None = None) -> Record:
    """The record, or an InvalidRecord naming its first error."""
    loaded = read_record(paths, progress)
    _refuse(loaded.errors)
    return loaded.record


def locate_quotes(record: Record, parties: Iterable[Party]) -> None:
    """Locate the quotes of ``parties`` in their seeds, so that evidence can be shown;
    a quote that cannot be located is an error, as in `posdiff check`."""
    from posdiff.check import locate_evidence
    from posdiff.record.evidence import DEFAULT_MIN_WORDS

    evidence = [item for party in parties for item in party.evidence()]
    _refuse([d for d in locate_evidence(record, evidence, DEFAULT_MIN_WORDS) if d.is_error])


def _refuse(problems: list[Diagnostic]) -> None:
    from posdiff.errors import InvalidRecord

    if not problems:
        return
    first = problems[0]
    raise InvalidRecord(
        f"the record has {len(problems)} error(s), first at {first.file}:{first.line}:"
        f"{first.column}: [{first.code}] {first.message}")
