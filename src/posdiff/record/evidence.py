"""Locating a quote in its seed: verbatim, after a folding that cannot change meaning.

A quote is located when it occurs in its seed after folding both texts the same way
(`posdiff.record.folding`). A match starts and ends on word boundaries, within one
paragraph. `...` in a quote is an elision: each fragment must occur, in order, within one
paragraph. A quote that is not located gets the nearest passage as a hint
(`posdiff.record.nearest`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from posdiff.model import MatchKind, QuoteMatch
from posdiff.plain import Frozen
from posdiff.record.folding import ELISION, SeedText, fold, whole_words, word_count

if TYPE_CHECKING:
    from posdiff.record.nearest import Nearest

DEFAULT_MIN_WORDS = 4


# Why a quote was not located: its words are not in the seed ("not-found"); found only
# inside longer words ("mid-word"); the fragments of an elision are not there in this
# order ("order"), or are, but not in one paragraph ("paragraph"); found, but never with
# its prefix or suffix ("context"); found whole, but only running across a paragraph
# break ("across-paragraphs"). Strings, not an enum: making an enum class costs
# 0.1-0.4 ms at import, and every command imports this module.
Failure = Literal["not-found", "mid-word", "order", "paragraph", "context",
                  "across-paragraphs"]


class Location(Frozen):
    """What locating one quote found.

    ``match`` is the first place the quote fits (with its prefix and suffix, if any);
    ``occurrences`` counts the places it fits. With no match, ``failure`` says why and
    ``nearest`` shows the passage that comes closest.
    """

    __slots__ = ("match", "occurrences", "failure", "nearest", "shortest_fragment")

    def __init__(self, match: QuoteMatch | None, occurrences: int = 0,
                 failure: Failure | None = None, nearest: Nearest | None = None,
                 shortest_fragment: int = 0) -> None:
        self.match = match
        self.occurrences = occurrences
        self.failure = failure
        self.nearest = nearest
        self.shortest_fragment = shortest_fragment  # words in the shortest fragment


def locate(seed: SeedText, quote: str, prefix: str | None = None,
           suffix: str | None = None) -> Location:
    needle = fold(quote)
    if not needle:
        return Location(None, failure="not-found")
    spans = _places(seed, [needle])
    fragments = [needle]
    if not spans and ELISION in needle:
        fragments = [f.strip() for f in needle.split(ELISION) if f.strip()]
        spans = _places(seed, fragments) if fragments else []
    shortest = min(word_count(f) for f in fragments) if fragments else 0
    if not spans and len(fragments) == 1 and (
            start := _next_on_boundaries(seed, needle, 0)) is not None:
        from posdiff.record.nearest import Nearest  # here: a located quote needs none

        line, _ = seed.line_column(seed.span(start, start + len(needle))[0])
        return Location(None, failure="across-paragraphs", nearest=Nearest(line, "", ()),
                        shortest_fragment=shortest)
    if not spans:
        from posdiff.record.nearest import as_written, nearest

        # Compared: the first part not in the seed (the one at fault), else the longest.
        missing = [f for f in fragments if _next_on_boundaries(seed, f, 0) is None]
        compared = (missing or sorted(fragments, key=len, reverse=True) or [needle])[0]
        return Location(None, failure=_why_not(seed, fragments), shortest_fragment=shortest,
                        nearest=nearest(seed, as_written(quote, compared)))
    pinned = [s for s in spans if _context_fits(seed, s[0][0], s[-1][1], prefix, suffix)]
    if not pinned:
        from posdiff.record.nearest import Nearest

        start = seed.span(*spans[0][0])[0]
        line, _ = seed.line_column(start)
        passage = whole_words(seed.folded.text, spans[0][0][0], spans[0][-1][1], 40)
        return Location(None, occurrences=len(spans), failure="context",
                        nearest=Nearest(line, passage, ()), shortest_fragment=shortest)
    return Location(_match(seed, pinned[0], quote, elided=len(fragments) > 1),
                    occurrences=len(pinned), shortest_fragment=shortest)


Span = tuple[int, int]


def _places(seed: SeedText, fragments: list[str]) -> list[tuple[Span, ...]]:
    """Every place the fragments occur on word boundaries, in order, in one paragraph:
    one tuple of folded spans per place, keyed by where the first fragment starts."""
    text = seed.folded.text
    places: list[tuple[Span, ...]] = []
    for start in _find_all(text, fragments[0]):
        spans = [(start, start + len(fragments[0]))]
        if not seed.on_boundaries(*spans[0]):
            continue
        for fragment in fragments[1:]:
            found = _next_on_boundaries(seed, fragment, spans[-1][1])
            if found is None:
                break
            spans.append((found, found + len(fragment)))
        else:
            if seed.one_paragraph(spans[0][0], spans[-1][1]):
                places.append(tuple(spans))
    return places


def _next_on_boundaries(seed: SeedText, fragment: str, position: int) -> int | None:
    text = seed.folded.text
    found = text.find(fragment, position)
    while found >= 0:
        if seed.on_boundaries(found, found + len(fragment)):
            return found
        found = text.find(fragment, found + 1)
    return None


def _find_all(haystack: str, needle: str) -> list[int]:
    starts: list[int] = []
    start = haystack.find(needle)
    while start != -1:
        starts.append(start)
        start = haystack.find(needle, start + 1)
    return starts


def _why_not(seed: SeedText, fragments: list[str]) -> Failure:
    text = seed.folded.text
    if any(_next_on_boundaries(seed, f, 0) is None for f in fragments):
        inside = all(f in text for f in fragments)
        return "mid-word" if inside else "not-found"
    # Every part is there. If one paragraph holds them all, only their order is wrong.
    paragraphs = [{seed.paragraph(start) for start in _starts_on_boundaries(seed, f)}
                  for f in fragments]
    if set.intersection(*paragraphs):
        return "order"
    position = 0
    for fragment in fragments:
        found = _next_on_boundaries(seed, fragment, position)
        if found is None:
            return "order"
        position = found + len(fragment)
    return "paragraph"


def _starts_on_boundaries(seed: SeedText, fragment: str) -> list[int]:
    return [start for start in _find_all(seed.folded.text, fragment)
            if seed.on_boundaries(start, start + len(fragment))]


def _context_fits(seed: SeedText, start: int, end: int, prefix: str | None,
                  suffix: str | None) -> bool:
    text = seed.folded.text
    if prefix and not text[:start].rstrip().endswith(fold(prefix)):
        return False
    return not (suffix and not text[end:].lstrip().startswith(fold(suffix)))


def _match(seed: SeedText, spans: tuple[Span, ...], quote: str, elided: bool) -> QuoteMatch:
    start, end = seed.span(spans[0][0], spans[-1][1])
    line, column = seed.line_column(start)
    before, after = seed.around(start, end)
    passage = seed.text[start:end]
    # Exact when the quote stands as written in the seed: most often at the place found,
    # so the seed is searched again only for a quote that is not.
    exact = not elided and (passage == quote or seed.text.find(quote) >= 0)
    return QuoteMatch(start, end, line, column,
                      MatchKind.EXACT if exact else MatchKind.NORMALISED, passage=passage,
                      before=before, after=after,
                      fragments=tuple(seed.span(*s) for s in spans))
