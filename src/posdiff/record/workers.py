"""Reading the party files, in more than one process when they are large."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from posdiff.record.parties import PartyContext, PartyFile, read_party


def read_parties(files: Sequence[Path], context: PartyContext) -> Iterator[PartyFile]:
    """Each party file as read on its own, in the order given."""
    for path in files:
        yield read_party(path, context)
