"""Locating a quote in its seed: verbatim, after a normalisation that cannot change meaning.

A quote is located when it occurs in its seed after folding both texts the same way:
Unicode NFC, every run of white space as one space, typographic quotes, apostrophes and
dashes as their plain forms, and the ellipsis character as three dots. Nothing else: no
case folding, no fuzzy acceptance. A match starts and ends on word boundaries, within one
paragraph. `...` in a quote is an elision: each fragment must occur, in order, within one
paragraph.

Fuzzy search only serves a quote that is not found: it picks the nearest passage, and a
word-by-word diff says how the quote differs from it (a fuzzy score cannot tell a typo
from an inserted "never", so it never decides).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from itertools import accumulate
from typing import TYPE_CHECKING, Literal

from posdiff.model import MatchKind, QuoteMatch
from posdiff.plain import Frozen

if TYPE_CHECKING:
    from collections.abc import Sequence
    from difflib import Match, SequenceMatcher

DEFAULT_MIN_WORDS = 4
CONTEXT_CHARS = 160  # text kept on either side of a match, for showing it in context
ELISION = "..."

# Length-preserving folds: one character for one, so most of a text maps back 1:1. Done
# as a chain of `str.replace` over the characters a text holds: `str.translate` with a
# table this sparse walks every character through a dictionary, forty times slower.
_SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"
_ONE_FOR_ONE = (
    [(c, " ") for c in _SPACES]
    + [(c, "'") for c in "\u2018\u2019\u201a\u201b\u02bc"]
    + [(c, '"') for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb"]
    + [(c, "-") for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"]
    + [(c, " ") for c in "\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"
       + "".join(chr(c) for c in range(0x2000, 0x200B))]
)
_ASCII_ONE_FOR_ONE = _ONE_FOR_ONE[: len(_SPACES)]


def _one_for_one(text: str) -> str:
    for old, new in _ASCII_ONE_FOR_ONE if text.isascii() else _ONE_FOR_ONE:
        if old in text:
            text = text.replace(old, new)
    return text


# Folds that change length: runs of spaces, the ellipsis character, and (only in text
# that is not NFC already) a letter with its combining marks.
_RESIZING = re.compile(" {2,}|\u2026")
# Compiled (and cached by `re`) only when a text needs it: few do, and every run checks.
_COMBINING = ("[^\u0300-\u036f][\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff"
              "\u20d0-\u20ff\ufe20-\ufe2f]+")
_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
# Words, and each punctuation mark: compiled when first used (only a quote that is not
# found is cut into them).
_TOKEN = r"[^\W_]+(?:['-][^\W_]+)*|[^\w\s]"
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


class Folded:
    """A text folded for matching, with a map from folded offsets back to the original.

    The map is kept as the list of edits that changed length (where each starts in the
    folded and in the original text, and how long it is in each); between edits the two
    texts run in step.
    """

    def __init__(self, text: str) -> None:
        self.original_length = len(text)
        pieces: list[str] = []
        self._folded_starts: list[int] = []
        self._edits: list[tuple[int, int, int, int]] = []  # folded start, len, original start, len
        position = shift = 0
        translated = _one_for_one(text)
        for edit in _edits(translated, text):
            start, end, replacement = edit
            pieces.append(translated[position:start])
            folded_start = start + shift
            self._folded_starts.append(folded_start)
            self._edits.append((folded_start, len(replacement), start, end - start))
            pieces.append(replacement)
            shift += len(replacement) - (end - start)
            position = end
        pieces.append(translated[position:])
        self.text = "".join(pieces)

    def original_start(self, offset: int) -> int:
        """Where the folded character at ``offset`` starts in the original."""
        index = bisect_right(self._folded_starts, offset) - 1
        if index < 0:
            return offset
        folded_start, folded_length, start, length = self._edits[index]
        if offset < folded_start + folded_length:
            return start
        return start + length + offset - folded_start - folded_length

    def original_end(self, offset: int) -> int:
        """Where the folded text ending at ``offset`` ends in the original."""
        if offset <= 0:
            return 0
        index = bisect_right(self._folded_starts, offset - 1) - 1
        if index >= 0:
            folded_start, folded_length, start, length = self._edits[index]
            if offset - 1 < folded_start + folded_length:
                return start + length
        return self.original_start(offset - 1) + 1


def _edits(translated: str, original: str) -> list[tuple[int, int, str]]:
    """The length-changing folds of a text: (start, end, replacement), in order."""
    found = [] if "  " not in translated and "\u2026" not in translated else [
        (m.start(), m.end(), " " if m.group()[0] == " " else ELISION)
        for m in _RESIZING.finditer(translated)]
    if unicodedata.is_normalized("NFC", original):
        return found
    composed = [(m.start(), m.end(), unicodedata.normalize("NFC", m.group()))
                for m in re.finditer(_COMBINING, translated)]
    kept: list[tuple[int, int, str]] = []
    for edit in sorted(found + [c for c in composed if c[1] - c[0] != len(c[2])]):
        if not kept or edit[0] >= kept[-1][1]:  # a mark after a run of spaces: keep the run
            kept.append(edit)
    return kept


def fold(text: str) -> str:
    """The text as it is compared: the same folding as a seed's, trimmed (without the
    offset map, which only a seed needs)."""
    translated = _one_for_one(text)
    if "  " not in translated and "\u2026" not in translated and (
            text.isascii() or unicodedata.is_normalized("NFC", text)):
        return translated.strip()
    return Folded(text).text.strip()


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _is_word(char: str) -> bool:
    return char.isalnum()


class SeedText:
    """A seed's text with the indexes locating needs, built once and on demand."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._line_starts = list(accumulate((len(line) + 1 for line in text.split("\n")[:-1]),
                                            initial=0))
        # Folded at once: a seed is read only to locate quotes in it, and each needs this.
        self.folded = Folded(text)
        # Paragraphs are separated by blank lines; a text without any has one per line.
        self._paragraph_break = _BLANK_LINE if _BLANK_LINE.search(text) else re.compile("\n")
        self._breaks: list[int] | None = None

    def line_column(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def on_boundaries(self, start: int, end: int) -> bool:
        """Does the folded span [start, end) start and end between words?"""
        text = self.folded.text
        return _boundary(text, start) and _boundary(text, end)

    def one_paragraph(self, start: int, end: int) -> bool:
        """Is the folded span [start, end) inside one paragraph of the original?"""
        folded = self.folded
        inside = self.text[folded.original_start(start) : folded.original_end(end)]
        return self._paragraph_break.search(inside) is None

    def around(self, start: int, end: int) -> tuple[str, str]:
        """Up to CONTEXT_CHARS of the original on either side of [start, end), within the
        paragraph."""
        before = self.text[max(0, start - CONTEXT_CHARS) : start]
        after = self.text[end : end + CONTEXT_CHARS]
        breaks = list(self._paragraph_break.finditer(before))
        if breaks:
            before = before[breaks[-1].end() :]
        if found := self._paragraph_break.search(after):
            after = after[: found.start()]
        return before, after

    def paragraph(self, offset: int) -> int:
        """The index of the paragraph holding the folded ``offset``."""
        if self._breaks is None:
            self._breaks = [m.start() for m in self._paragraph_break.finditer(self.text)]
        return bisect_right(self._breaks, self.folded.original_start(offset))

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.folded.original_start(start), self.folded.original_end(end)


def _boundary(text: str, offset: int) -> bool:
    if offset <= 0 or offset >= len(text):
        return True
    before, after = text[offset - 1], text[offset]
    if not (_is_word(before) and _is_word(after)):
        # An apostrophe between letters is inside a word: "don't" has no boundary at "t".
        if before == "'" and offset >= 2 and _is_word(text[offset - 2]) and _is_word(after):
            return False
        return after != "'" or offset + 1 >= len(text) or not (
            _is_word(before) and _is_word(text[offset + 1]))
    return False


# Why a quote was not located: its words are not in the seed ("not-found"); found only
# inside longer words ("mid-word"); the fragments of an elision are not there in this
# order ("order"), or are, but not in one paragraph ("paragraph"); found, but never with
# its prefix or suffix ("context"); found whole, but only running across a paragraph
# break ("across-paragraphs"). Strings, not an enum: making an enum class costs
# 0.1-0.4 ms at import, and every command imports this module.
Failure = Literal["not-found", "mid-word", "order", "paragraph", "context",
                  "across-paragraphs"]


class Nearest(Frozen):
    """The passage of the seed nearest to a quote that was not located, in whole words,
    and how the quote differs from it (``seed → quote``, ``+word``, ``-word``)."""

    __slots__ = ("line", "passage", "differences")

    def __init__(self, line: int, passage: str, differences: tuple[str, ...]) -> None:
        self.line = line
        self.passage = passage
        self.differences = differences


# The nearest passage to a quote when none shares a fifth of its words, or two of them
# (a "the"): any passage shown would be arbitrary, and would read as the fix.
UNRELATED = Nearest(0, "", ())
UNRELATED_SHARE = 5


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
        line, _ = seed.line_column(seed.span(start, start + len(needle))[0])
        return Location(None, failure="across-paragraphs", nearest=Nearest(line, "", ()),
                        shortest_fragment=shortest)
    if not spans:
        # Compared: the first part not in the seed (the one at fault), else the longest.
        missing = [f for f in fragments if _next_on_boundaries(seed, f, 0) is None]
        compared = (missing or sorted(fragments, key=len, reverse=True) or [needle])[0]
        return Location(None, failure=_why_not(seed, fragments), shortest_fragment=shortest,
                        nearest=nearest(seed, _as_written(quote, compared)))
    pinned = [s for s in spans if _context_fits(seed, s[0][0], s[-1][1], prefix, suffix)]
    if not pinned:
        start = seed.span(*spans[0][0])[0]
        line, _ = seed.line_column(start)
        passage = _whole_words(seed.folded.text, spans[0][0][0], spans[0][-1][1], 40)
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


# -- the nearest passage, for a quote that is not located ---------------------------

MAX_DIFFERENCES = 6
# The nearest passage is a hint, and rapidfuzz's alignment grows faster than the quote's
# length times the seed's: against a 7 KB seed a quote of 1,000 characters takes 0.03 s,
# one of 5,000 1.7 s and one of 20,000 39 s. Past these bounds the hint is left out, so a
# hostile quote (or a quote that swallowed a file through a stray YAML quotation mark)
# cannot stall `check` for minutes.
NEAREST_MAX_CHARS = 1_000
NEAREST_MAX_WORK = 100_000_000  # characters of the quote times characters of the seed


def _as_written(quote: str, fragment: str) -> str:
    """The part of ``quote`` that folds to ``fragment``, with its own characters."""
    written = Folded(quote)
    at = written.text.find(fragment)
    if at < 0:
        return fragment
    return quote[written.original_start(at) : written.original_end(at + len(fragment))]


# A token: where it starts and ends in the folded text, and its folded form.
Token = tuple[int, int, str]


def nearest(seed: SeedText, quote: str) -> Nearest | None:
    """The passage of the seed nearest to ``quote`` (as written: a quote, or one part of
    an elided one), in whole words, with a word diff; UNRELATED when no passage holds
    a fifth of the quote's words; None when the seed is empty, or the search would cost too much."""
    quote_side = Words.of(quote)
    needle, text = quote_side.folded, seed.folded.text
    if len(needle) > NEAREST_MAX_CHARS or len(needle) * len(text) > NEAREST_MAX_WORK:
        return None
    from rapidfuzz import fuzz  # only a quote that is not found pays for it

    # Aligned regardless of case (where lowering keeps every offset), so that a quote
    # in capitals is compared with its passage, not with whatever else is capitalised.
    lowered = needle.lower(), text.lower()
    aligned = lowered if (len(lowered[0]), len(lowered[1])) == (len(needle), len(text)) \
        else (needle, text)
    found = fuzz.partial_ratio_alignment(*aligned) if text.strip() else None
    wanted = quote_side.tokens
    if found is None or not wanted:
        return None
    margin = len(needle) // 2 + 40
    window_start = _word_start(text, max(0, found.dest_start - margin))
    window = text[window_start : _word_end(text, min(len(text), found.dest_end + margin))]
    tokens: list[Token] = [(m.start() + window_start, m.end() + window_start, m.group())
                           for m in re.finditer(_TOKEN, window)]
    if not tokens:
        return None
    seed_words, quote_words, blocks = _matched(tokens, wanted)
    shared = sum(word[0].isalnum() for block in blocks
                 for word in seed_words[block.a : block.a + block.size])
    words = sum(word[0].isalnum() for word in quote_words)
    if shared * UNRELATED_SHARE < words or shared < min(2, words):  # one "the" of four
        return UNRELATED
    first, last = 0, len(tokens)
    if blocks:
        # Unmatched words at either end of the quote are the seed's words changed when
        # the seed has words there, and words the quote added when not.
        head, tail = blocks[0].b, len(wanted) - blocks[-1].b - blocks[-1].size
        first, last = blocks[0].a, blocks[-1].a + blocks[-1].size
        if head and _changed(quote_words[:head], seed_words[max(0, first - head) : first]):
            first = max(0, first - head)
        if tail and _changed(quote_words[-tail:], seed_words[last : last + tail]):
            last = min(len(tokens), last + tail)
    # Not from a mark that ends the sentence before, unless the quote starts with one.
    while last - first > 1 and not seed_words[first][0].isalnum() and \
            quote_words[0][0].isalnum():
        first += 1
    chosen = tokens[first:last]
    start, end = seed.span(chosen[0][0], chosen[-1][1])
    line, _ = seed.line_column(start)
    passage = " ".join(seed.text[start:end].split())
    seed_side = Words(seed.text, [(*seed.span(a, b), word) for a, b, word in chosen])
    said = differences(seed_side, quote_side)
    if not seed.one_paragraph(chosen[0][0], chosen[-1][1]):  # mended, it would be refused
        said = (*said, "the passage runs across a paragraph break, and a quote lies within "
                       "one: quote each paragraph's words separately")
    return Nearest(line, passage, said)


def _matcher(a: Sequence[str], b: Sequence[str]) -> SequenceMatcher[str]:
    from difflib import SequenceMatcher  # here: only a quote that is not found needs it

    return SequenceMatcher(None, a, b, autojunk=False)


def _matched(tokens: list[Token], wanted: list[Token]
             ) -> tuple[list[str], list[str], list[Match]]:
    """The words of the seed's window and of the quote, and the blocks where they match:
    as written, or lowered when more of the quote matches so (a quote in capitals). The
    differences are told from the words as written either way."""
    best: tuple[list[str], list[str], list[Match]] | None = None
    for lowered in (False, True):
        seed_words = [t[2].lower() if lowered else t[2] for t in tokens]
        quote_words = [t[2].lower() if lowered else t[2] for t in wanted]
        matcher = _matcher(seed_words, quote_words)
        blocks = _chain([b for b in matcher.get_matching_blocks() if b.size])
        if best is None or sum(b.size for b in blocks) > 2 * sum(b.size for b in best[2]):
            best = seed_words, quote_words, blocks
    assert best is not None
    return best


def _changed(quoted: list[str], seed_words: list[str]) -> bool:
    """Whether words at an end of the quote stand for the seed's words there: they
    resemble them, or the seed has as many words there with no mark between ("during the
    night" for "during the day"), so that the fix is to write the seed's words, not to
    drop the quote's ("during the")."""
    from rapidfuzz import fuzz

    if len(seed_words) == len(quoted) and all(word[0].isalnum() for word in seed_words):
        return True
    return fuzz.ratio(_join(quoted), _join(seed_words)) >= 50


def _chain(blocks: list[Match]) -> list[Match]:
    """The matching blocks without stray ones at either end: a block far from the next
    one in the seed but near it in the quote is a chance match of a common word. Of the
    two sides of such a gap, the one with fewer words matched is the chance match ("the
    offer" further on, for a quote whose last word changed to "offer")."""
    def stray(block: Match, other: Match) -> bool:
        seed_gap = abs(other.a - block.a) - (block.size if block.a < other.a else other.size)
        quote_gap = abs(other.b - block.b) - (block.size if block.b < other.b else other.size)
        return seed_gap > quote_gap + 3

    def size(part: list[Match]) -> int:
        return sum(block.size for block in part)

    while len(blocks) > 1 and stray(blocks[0], blocks[1]):
        blocks = blocks[:1] if blocks[0].size > size(blocks[1:]) else blocks[1:]
    while len(blocks) > 1 and stray(blocks[-1], blocks[-2]):
        blocks = blocks[-1:] if blocks[-1].size > size(blocks[:-1]) else blocks[:-1]
    return blocks


class Words:
    """One side of a comparison: a text as written and its tokens, each with where it
    starts and ends in that text and its folded form (which is what is compared)."""

    def __init__(self, text: str, tokens: list[Token], folded: str = "") -> None:
        self.text = text
        self.tokens = tokens
        self.words = [t[2] for t in tokens]
        self.folded = folded

    @classmethod
    def of(cls, text: str) -> Words:
        """The words of ``text``, folded, each placed in ``text`` as written."""
        written = Folded(text)
        return cls(text, [(written.original_start(m.start()), written.original_end(m.end()),
                           m.group()) for m in re.finditer(_TOKEN, written.text)], written.text)

    def part(self, first: int, last: int) -> str:
        """Tokens ``first`` to ``last`` (excluded) as written, white space as one space."""
        return " ".join(self.text[self.tokens[first][0] : self.tokens[last - 1][1]].split())

    def spaced(self, index: int) -> bool:
        """Whether anything stands between token ``index`` and the next one."""
        return self.tokens[index][1] < self.tokens[index + 1][0]


def differences(seed: Words, quote: Words) -> tuple[str, ...]:
    """How the quote differs from the seed, in the characters each has, said from the
    seed's side so that it reads as the fix: 'the seed has "rejected", the quote
    "welcomed"', 'the quote adds "never"', 'the quote leaves out "not"', 'the quote adds 3
    words at the end: "..."'; characters that look alike or cannot be seen are named."""
    ops = _matcher(seed.words, quote.words).get_opcodes()
    changed = [op for op in ops if op[0] != "equal"]
    if not changed:
        return _spacing(seed, quote)
    gone = {_join(seed.words[a1:a2]) for op, a1, a2, _, _ in changed if op == "delete"}
    added = {_join(quote.words[b1:b2]) for op, _, _, b1, b2 in changed if op == "insert"}
    if gone & added:  # words moved: one stretch from the first change to the last
        ops = [("replace", changed[0][1], changed[-1][2], changed[0][3], changed[-1][4])]
    found: list[str] = []
    for index, (op, a1, a2, b1, b2) in enumerate(ops):
        edge = " at the start" if index == 0 else " at the end" if index == len(ops) - 1 else ""
        if op == "equal":
            continue
        if op == "insert":
            # Words counted as words: a full stop or comma added with them is no word.
            count = sum(word[:1].isalnum() for word in quote.words[b1:b2])
            part = quote.part(b1, b2)
            found.append((f"the quote adds {_shown(part)}" if count <= 1 or not edge
                          else f"the quote adds {count} words{edge}: {_shown(part)}")
                         + _unseen("", part))
        elif op == "delete":
            part = seed.part(a1, a2)
            found.append(f"the quote leaves out {_shown(part)}{_unseen(part, '')}")
        else:
            had, has = seed.part(a1, a2), quote.part(b1, b2)
            case = " (in letter case only)" if had.lower() == has.lower() else ""
            found.append(f"the seed has {_shown(had)}, the quote {_shown(has)}{case}"
                         f"{_unseen(had, has)}")
    if len(found) > MAX_DIFFERENCES:
        found = [*found[:MAX_DIFFERENCES], f"and {len(found) - MAX_DIFFERENCES} more"]
    return tuple(found)


def _spacing(seed: Words, quote: Words) -> tuple[str, ...]:
    """The same words spaced otherwise ("agreement—without", "agreement - without")."""
    for index in range(min(len(seed.tokens), len(quote.tokens)) - 1):
        if seed.spaced(index) != quote.spaced(index):
            return (f"the seed has {_shown(seed.part(index, index + 2))}, the quote "
                    f"{_shown(quote.part(index, index + 2))}: the spacing differs",)
    return ()


def _shown(part: str) -> str:
    """A part in quotation marks; a lone mark by its code point and name, which reads
    more plainly (and names one that cannot be seen)."""
    if len(part) == 1 and not part.isalnum():
        return f"{part} ({_named(part)})"
    return f'"{part}"'


def _named(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, '').lower()}".rstrip()


def _unseen(had: str, has: str) -> str:
    """The characters where two parts differ that look like others or cannot be seen
    (a Cyrillic ie for a Latin e, a zero-width space), by code point and name."""
    named = []
    for op, a1, a2, b1, b2 in _matcher(had, has).get_opcodes():
        if op == "equal":
            continue
        for side, chars in (("the quote", has[b1:b2]), ("the seed", had[a1:a2])):
            named += [f"{side} has {_named(c)}" for c in chars if _unclear(c)
                      and not (len(chars) == 1 and chars in (had, has))]  # named by _shown
    return f" ({'; '.join(dict.fromkeys(named[:3]))})" if named else ""


def _unclear(char: str) -> bool:
    """A character a reader may not see, or may take for another: a control, a format
    or space character, or any letter, digit, mark or symbol outside ASCII (a fullwidth
    digit, a combining accent, a Cyrillic letter); not punctuation, which reads as
    itself."""
    if char.isascii():
        return not char.isprintable()
    return unicodedata.category(char)[0] != "P"


def _join(tokens: list[str]) -> str:
    """Tokens as text: a space between words, none before punctuation."""
    return "".join(t if not t[0].isalnum() or not i else " " + t
                   for i, t in enumerate(tokens))


def _word_start(text: str, offset: int) -> int:
    while 0 < offset < len(text) and not text[offset - 1].isspace():
        offset -= 1
    return offset


def _word_end(text: str, offset: int) -> int:
    while 0 < offset < len(text) and not text[offset].isspace():
        offset += 1
    return offset


def _whole_words(text: str, start: int, end: int, context: int) -> str:
    """The folded text around [start, end), widened by ``context`` characters and cut on
    word boundaries."""
    return text[_word_start(text, max(0, start - context)) :
                _word_end(text, min(len(text), end + context))].strip()
