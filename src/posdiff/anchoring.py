"""Locating a quote in its seed: exact, then normalised, then fuzzy with a floor.

Annotation tools re-anchor a quote to the best candidate they find, whatever its score,
and so sometimes attach it to the wrong passage. Here a fuzzy match below
``min_score`` is not a match: it is reported with the closest passage instead.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from posdiff.model import MatchKind, QuoteMatch

DEFAULT_MIN_SCORE = 85.0
DEFAULT_MIN_WORDS = 4
CONTEXT_CHARS = 160  # text kept on either side of a match, for showing it in context

# Every white-space character \s matches becomes a plain space, so that only runs of
# two or more spaces change lengths when they are collapsed.
_WHITE_SPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"
                + "".join(chr(c) for c in range(0x2000, 0x200B)))
_FOLD_TABLE = str.maketrans({
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4`", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    **dict.fromkeys(_WHITE_SPACE, " "),
    "\u2026": ".",  # one character for one, so that offsets map back one to one
})
_RUN_OF_SPACES = re.compile(" {2,}")


@dataclass(frozen=True)
class AnchorSettings:
    min_score: float = DEFAULT_MIN_SCORE  # a fuzzy match below this is an error
    min_words: int = DEFAULT_MIN_WORDS  # shorter quotes say too little to pin a claim


DEFAULT_SETTINGS = AnchorSettings()


class Folded:
    """A text with typography, case and white space folded, mapping back to the original.

    Only collapsed runs of spaces move characters, so the map is kept as break points
    (folded offset where the shift grows, and the shift from there on) instead of one
    entry per character.
    """

    def __init__(self, text: str) -> None:
        translated = text.translate(_FOLD_TABLE)
        lowered = translated.lower()
        if len(lowered) != len(translated):  # rare letters whose lower case is longer
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in translated)
        pieces: list[str] = []
        self._breaks: list[int] = []
        self._shifts: list[int] = []
        position = shift = 0
        for run in _RUN_OF_SPACES.finditer(lowered):
            pieces.append(lowered[position : run.start() + 1])  # keep one space
            shift += run.end() - run.start() - 1
            self._breaks.append(run.end() - shift)
            self._shifts.append(shift)
            position = run.end()
        pieces.append(lowered[position:])
        self.text = "".join(pieces)
        self.original_length = len(text)

    def original(self, offset: int) -> int:
        """Where the folded character at ``offset`` sits in the original text."""
        index = bisect_right(self._breaks, offset) - 1
        return offset + (self._shifts[index] if index >= 0 else 0)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) of the folded [start, end)."""
        if end >= len(self.text):
            return self.original(start), self.original_length
        return self.original(start), (self.original(end - 1) + 1 if end > 0 else 0)


def normalise(text: str) -> str:
    return Folded(text).text


class SeedText:
    """A seed's text with the indexes anchoring needs, built once and on demand."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._folded: Folded | None = None

    @property
    def folded(self) -> Folded:
        if self._folded is None:
            self._folded = Folded(self.text)
        return self._folded

    def line_column(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1


@dataclass(frozen=True)
class Anchoring:
    """What was found for one quote.

    ``match`` is None when nothing reached the floor; then ``closest`` (with its
    score) says what came nearest. ``occurrences`` counts the places the
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
        folded = seed.folded
        needle = normalise(quote).strip()
        spans = [folded.original_span(s, s + len(needle))
                 for s in _find_all(folded.text, needle)] if needle else []
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

    folded = seed.folded
    needle = normalise(quote).strip()
    if not needle or not folded.text:
        return Anchoring(None)
    found = fuzz.partial_ratio_alignment(needle, folded.text)
    if found is None:
        return Anchoring(None)
    span = folded.original_span(found.dest_start, found.dest_end)
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
