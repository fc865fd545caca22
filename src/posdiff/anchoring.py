"""Locating a quote in its seed: exact, then normalised, then fuzzy with a floor.

Annotation tools re-anchor a quote to the best candidate they find, whatever its score,
and so sometimes attach it to the wrong passage. Here a fuzzy match below
``min_score`` is not a match: it is reported with the closest passage instead.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass

from posdiff.model import MatchKind, QuoteMatch

DEFAULT_MIN_SCORE = 85.0
DEFAULT_MIN_WORDS = 4
CONTEXT_CHARS = 160  # text kept on either side of a match, for showing it in context

_TYPOGRAPHY = str.maketrans({
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4`", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    "\u2026": ".",  # one character for one, so that offsets map back one to one
})
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class AnchorSettings:
    min_score: float = DEFAULT_MIN_SCORE  # a fuzzy match below this is an error
    min_words: int = DEFAULT_MIN_WORDS  # shorter quotes say too little to pin a claim


DEFAULT_SETTINGS = AnchorSettings()


def normalise(text: str) -> str:
    return fold(text)[0]


def fold(text: str) -> tuple[str, array[int]]:
    """Fold typography, case and white space; return the text and, per character, its
    offset in the original."""
    translated = text.translate(_TYPOGRAPHY)
    lowered = translated.lower()
    if len(lowered) != len(translated):  # rare letters whose lower case is longer
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in translated)
    pieces: list[str] = []
    offsets: array[int] = array("q")
    position = 0
    for run in _SPACE.finditer(lowered):
        pieces.append(lowered[position : run.start()])
        offsets.extend(range(position, run.start()))
        pieces.append(" ")
        offsets.append(run.start())
        position = run.end()
    pieces.append(lowered[position:])
    offsets.extend(range(position, len(lowered)))
    return "".join(pieces), offsets


class SeedText:
    """A seed's text with the indexes anchoring needs, built once and on demand."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._folded: tuple[str, array[int]] | None = None

    @property
    def folded(self) -> tuple[str, array[int]]:
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded

    def line_column(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1


@dataclass(frozen=True, slots=True)
class Anchoring:
    """What was found for one quote.

    ``match`` is None when nothing reached the floor; then ``closest`` and
    ``closest_score`` say what came nearest. ``occurrences`` counts the places the
    quote fits (more than one means it is ambiguous without prefix or suffix), and
    ``context_mismatch`` says that the quote was found but never with its prefix/suffix.
    """

    match: QuoteMatch | None
    occurrences: int = 0
    closest: QuoteMatch | None = None
    context_mismatch: bool = False


def anchor_quote(seed: SeedText, quote: str, prefix: str | None = None,
                 suffix: str | None = None,
                 settings: AnchorSettings = DEFAULT_SETTINGS) -> Anchoring:
    starts = _find_all(seed.text, quote)
    kind = MatchKind.EXACT
    length = len(quote)
    if not starts:
        folded, offsets = seed.folded
        needle = normalise(quote).strip()
        spans = [(offsets[s], _end_offset(offsets, s + len(needle), len(seed.text)))
                 for s in _find_all(folded, needle)] if needle else []
        kind = MatchKind.NORMALISED
    else:
        spans = [(s, s + length) for s in starts]
    if not spans:
        return _fuzzy(seed, quote, settings)
    pinned = [span for span in spans if _context_fits(seed, span, prefix, suffix)]
    if not pinned:
        return Anchoring(None, occurrences=len(spans), closest=_match(seed, spans[0], kind, 100),
                         context_mismatch=True)
    return Anchoring(_match(seed, pinned[0], kind, 100.0), occurrences=len(pinned))


def _fuzzy(seed: SeedText, quote: str, settings: AnchorSettings) -> Anchoring:
    from rapidfuzz import fuzz  # only quotes that are not found verbatim pay for it

    folded, offsets = seed.folded
    needle = normalise(quote).strip()
    if not needle or not folded:
        return Anchoring(None)
    found = fuzz.partial_ratio_alignment(needle, folded)
    if found is None:
        return Anchoring(None)
    span = (offsets[found.dest_start], _end_offset(offsets, found.dest_end, len(seed.text)))
    match = _match(seed, span, MatchKind.FUZZY, round(found.score, 1))
    if found.score < settings.min_score:
        return Anchoring(None, closest=match)
    return Anchoring(match, occurrences=1)


def _find_all(haystack: str, needle: str) -> list[int]:
    starts: list[int] = []
    if not needle:
        return starts
    start = haystack.find(needle)
    while start != -1:
        starts.append(start)
        start = haystack.find(needle, start + 1)
    return starts


def _end_offset(offsets: array[int], folded_end: int, text_length: int) -> int:
    """Map an exclusive end in the folded text back to the original text."""
    if folded_end >= len(offsets):
        return text_length
    return offsets[folded_end - 1] + 1 if folded_end > 0 else 0


def _context_fits(seed: SeedText, span: tuple[int, int], prefix: str | None,
                  suffix: str | None) -> bool:
    start, end = span
    if prefix:
        wanted = normalise(prefix).strip()
        before = normalise(seed.text[max(0, start - len(prefix) - 16) : start]).strip()
        if not before.endswith(wanted):
            return False
    if suffix:
        wanted = normalise(suffix).strip()
        after = normalise(seed.text[end : end + len(suffix) + 16]).strip()
        if not after.startswith(wanted):
            return False
    return True


def _match(seed: SeedText, span: tuple[int, int], kind: MatchKind, score: float) -> QuoteMatch:
    start, end = span
    line, column = seed.line_column(start)
    text = seed.text
    return QuoteMatch(start, end, line, column, kind, score, passage=text[start:end],
                      before=text[max(0, start - CONTEXT_CHARS) : start],
                      after=text[end : end + CONTEXT_CHARS])


def word_count(quote: str) -> int:
    return len(quote.split())
