"""Names as users type and read them: "did you mean ...?" for misspelt names, fields and
ids, any name made printable, counts of things with their nouns, and numbers as
written."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

SHOWN_CHARS = 200  # a longer name is shortened in the middle when printed
# Choices scored this near the best are as likely meant: each is named, so that a
# suggestion never picks one meaning for the user ('ferry every 2 hours' is as near to
# 'ferry every hour' as to 'ferry every two hours').
NEAR_EQUAL = 5.0
MOST_SUGGESTED = 3


def closest(word: str, choices: Iterable[str], cutoff: float = 70) -> list[str]:
    """The choices nearest to ``word``, best first: the best, and those scored nearly as
    well; none when nothing is near."""
    # Imported here so that only the error path pays for loading rapidfuzz.
    from rapidfuzz import fuzz, process, utils

    found = process.extract(word, list(choices), scorer=fuzz.WRatio,
                            processor=utils.default_process, score_cutoff=cutoff,
                            limit=MOST_SUGGESTED)
    typed = utils.default_process(word)

    def near(choice: str) -> bool:
        # WRatio rates a short word high inside any long one ('nope' in 'ceasefire-scope'):
        # such a match stands only when one holds the other as a whole part ('nato' and
        # 'nato-membership').
        other = utils.default_process(choice)
        return fuzz.ratio(typed, other) >= 50 or bool(set(typed.split()) & set(other.split()))

    kept = [(str(choice), score, fuzz.ratio(typed, utils.default_process(choice)))
            for choice, score, _ in found if near(choice)]
    # As near by both measures, or holding the word whole: 'us' is as near to 'rusia' as
    # 'russia' by WRatio (a part of it), not letter by letter; 'ceasefire' is a whole part
    # of 'ceasefire-scope' and of 'ceasefire-conditions' alike.
    words = set(typed.split())
    return [choice for choice, score, letters in kept
            if score >= kept[0][1] - NEAR_EQUAL and (
                letters >= kept[0][2] - 2 * NEAR_EQUAL
                or words <= set(utils.default_process(choice).split()))]


def did_you_mean(word: str, choices: Iterable[str],
                 meaning: Callable[[str], str] | None = None) -> str:
    """'; did you mean 'x'?' (or 'x' or 'y', when as near) for the closest choices, each
    with its ``meaning`` when given ('x' (100)); an empty string when none is near."""
    named = [f"'{choice}'" + (f" ({meaning(choice)})" if meaning else "")
             for choice in closest(word, choices)]
    return f"; did you mean {' or '.join(named)}?" if named else ""


def printable_text(text: str) -> str:
    """Text as valid UTF-8: bytes that were not (kept by Python as lone surrogates) become
    ``\\xNN``; nothing is cut."""
    return os.fsencode(text).decode("utf-8", "backslashreplace")


def printable(name: str) -> str:
    """A file name as valid UTF-8 text: undecodable bytes (which Python keeps as lone
    surrogates) become ``\\xNN``; very long names are cut in the middle."""
    text = printable_text(name)
    if len(text) > SHOWN_CHARS:
        half = SHOWN_CHARS // 2
        text = f"{text[:half]}…{text[-half:]}"
    return text


def count(how_many: int, noun: str, plural: str = "") -> str:
    """``3 parties``, ``1 party``: the noun as many as there are, thousands grouped."""
    return f"{how_many:,} {noun if how_many == 1 else plural or noun + 's'}"


def figure(value: float) -> str:
    """A number as a message about it must show it: every digit it has, never rounded as
    ``:g`` rounds (1000001 is not '1e+06', nor 100.0001 '100'), thousands grouped, no
    exponent between 1e-7 and 1e16; a longer one is cut (a number of 400 digits)."""
    if isinstance(value, int):
        text = f"{value:,}"
    elif abs(value) < 1e16 and value == int(value):
        text = f"{int(value):,}"
    elif 1e-7 <= abs(value) < 1e16:
        from decimal import Decimal  # here: only messages pay for loading it

        text = format(Decimal(repr(value)), ",f")
    else:
        text = repr(value)
    return f"{text[:10]}…{text[-10:]}" if len(text) > 24 else text
