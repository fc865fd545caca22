"""What one check read, kept for checking another version of the same record: `posdiff
diff` checks two, which mostly hold the same files.

A party file is read again only when its bytes, its name or what it is checked against
(the catalogue's issues, the seed index's ids) differ; a quote is located again only
when its seed's bytes, its words, prefix or suffix differ. Reading and locating are pure
functions of exactly these, so what is reused is what reading again would give; only
where it is shown (the file's path in the other version) is the new version's.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from posdiff.record.evidence import Location
    from posdiff.record.parties import PartyFile

# (the file's name, the sha256 of its bytes, what it was checked against)
PartyKey = tuple[str, str, Hashable]
# (the sha256 of the seed's bytes, the quote, its prefix, its suffix)
QuoteKey = tuple[str, str, str | None, str | None]


class ReadCache:
    """Give the same one to each check that may reuse what the others read."""

    def __init__(self) -> None:
        self.parties: dict[PartyKey, PartyFile] = {}
        self.quotes: dict[QuoteKey, Location] = {}
