"""Text as quotes are compared with it: folded, with a map back to the original.

Folding can change no meaning: Unicode NFC, every run of white space as one space,
typographic quotes, apostrophes and dashes as their plain forms, and the ellipsis
character as three dots. Nothing else: no case folding. A seed's text (`SeedText`) also
knows its lines, its paragraphs and where its words start and end.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from itertools import accumulate

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
WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
# Words, and each punctuation mark: compiled when first used (only a quote that is not
# found is cut into them).
TOKEN = r"[^\W_]+(?:['-][^\W_]+)*|[^\w\s]"
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
    return len(WORD.findall(text))


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


def word_start(text: str, offset: int) -> int:
    while 0 < offset < len(text) and not text[offset - 1].isspace():
        offset -= 1
    return offset


def word_end(text: str, offset: int) -> int:
    while 0 < offset < len(text) and not text[offset].isspace():
        offset += 1
    return offset


def whole_words(text: str, start: int, end: int, context: int) -> str:
    """The folded text around [start, end), widened by ``context`` characters and cut on
    word boundaries."""
    return text[word_start(text, max(0, start - context)) :
                word_end(text, min(len(text), end + context))].strip()
