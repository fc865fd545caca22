"""How well a party's positions rest on its own words: stated and inferred positions, and
the quotes behind them by voice."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from posdiff.model import Party, Voice


@dataclass(frozen=True)
class Strength:
    """How well a party's positions in force rest on its words: the issues whose position
    a quote in its voice states, those inferred, and their quotes by voice (None: a quote
    whose voice is not given)."""

    stated: tuple[str, ...]
    inferred: tuple[str, ...]
    voices: Counter[Voice | None]


def evidence_strength(party: Party, as_of: dt.date | None = None) -> Strength:
    current = party.stated(as_of)
    voices: Counter[Voice | None] = Counter({voice: 0 for voice in (*Voice, None)})
    voices.update(item.voice for position in current.values() for item in position.evidence)
    return Strength(tuple(i for i, p in current.items() if not p.inferred),
                    tuple(i for i, p in current.items() if p.inferred), voices)
