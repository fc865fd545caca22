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

Here: reading it. `posdiff.record.check.checked_record` is what the commands that score it
use: the record once check finds no error in it. Nothing is imported at the top, so that
a module below (files, for the CLI's `printable`) costs no more than itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from posdiff.model import Loaded
    from posdiff.record.paths import RecordPaths


def read_record(paths: RecordPaths,
                progress: Callable[[int, int], None] | None = None) -> Loaded:
    """The record as loaded, with every problem found; ``progress(done, total)`` is told
    the party files read."""
    from posdiff.record.validate import build_record

    return build_record(paths.positions, paths.seeds, progress)
