"""The seeds of a record: their files' size and hash, and who cites each one."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from posdiff.model import Record, Seed
from posdiff.record.files import Problem, read_bytes


@dataclass(frozen=True)
class SeedUse:
    seed: Seed
    size: int | None  # bytes; None when the file cannot be read
    sha256: str | None
    quotes: int
    parties: tuple[str, ...]

    @property
    def pin(self) -> str:
        """'ok', 'changed', 'unpinned' or 'unreadable'."""
        if self.sha256 is None:
            return "unreadable"
        if self.seed.sha256 is None:
            return "unpinned"
        return "ok" if self.seed.sha256 == self.sha256 else "changed"


def seed_uses(record: Record) -> list[SeedUse]:
    """Every indexed seed in index order, with its file's size and hash and its citations."""
    uses = []
    for seed in record.seeds.values():
        read = read_bytes(seed.path, record.seeds_dir)
        data = None if isinstance(read, Problem) else read
        citing = [(party.id, item) for party in record.parties.values()
                  for item in party.evidence() if item.seed == seed.id]
        uses.append(SeedUse(
            seed, len(data) if data is not None else None,
            hashlib.sha256(data).hexdigest() if data is not None else None,
            len(citing), tuple(dict.fromkeys(party for party, _ in citing))))
    return uses
