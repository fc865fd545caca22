""""Did you mean ...?" for misspelt names, fields and ids."""

from __future__ import annotations

from collections.abc import Iterable


def closest(word: str, choices: Iterable[str], cutoff: float = 70) -> str | None:
    # Imported here so that only the error path pays for loading rapidfuzz.
    from rapidfuzz import fuzz, process, utils

    best = process.extractOne(word, list(choices), scorer=fuzz.WRatio,
                              processor=utils.default_process, score_cutoff=cutoff)
    return best[0] if best else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """'; did you mean 'x'?' for the closest choice, or an empty string."""
    best = closest(word, choices)
    return f"; did you mean '{best}'?" if best else ""
