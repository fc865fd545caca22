"""The passage of a seed nearest to a quote that was not located, and how the two differ.

Fuzzy search only serves a quote that is not found: it picks the nearest passage, and a
word-by-word diff says how the quote differs from it (a fuzzy score cannot tell a typo
from an inserted "never", so it never decides). Only a run with such a quote loads this.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from posdiff.plain import Frozen
from posdiff.record.folding import TOKEN, Folded, SeedText, word_end, word_start

if TYPE_CHECKING:
    from collections.abc import Sequence
    from difflib import Match, SequenceMatcher


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


MAX_DIFFERENCES = 6
# The nearest passage is a hint, and rapidfuzz's alignment grows faster than the quote's
# length times the seed's: against a 7 KB seed a quote of 1,000 characters takes 0.03 s,
# one of 5,000 1.7 s and one of 20,000 39 s. Past these bounds the hint is left out, so a
# hostile quote (or a quote that swallowed a file through a stray YAML quotation mark)
# cannot stall `check` for minutes.
NEAREST_MAX_CHARS = 1_000
NEAREST_MAX_WORK = 100_000_000  # characters of the quote times characters of the seed


def as_written(quote: str, fragment: str) -> str:
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
    window_start = word_start(text, max(0, found.dest_start - margin))
    window = text[window_start : word_end(text, min(len(text), found.dest_end + margin))]
    tokens: list[Token] = [(m.start() + window_start, m.end() + window_start, m.group())
                           for m in re.finditer(TOKEN, window)]
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
                           m.group()) for m in re.finditer(TOKEN, written.text)], written.text)

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
