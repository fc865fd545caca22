"""Locating quotes, at the level of the core: folding, offsets, boundaries, elision and the
nearest passage. The table of edits a curator might make is in test_evidence.py."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posdiff.model import MatchKind
from posdiff.record.evidence import locate
from posdiff.record.folding import Folded, SeedText, fold, word_count
from posdiff.record.nearest import UNRELATED, Words, differences

TEXT = (
    "Headline\n"
    "The minister said: “We will not give up an inch of our land” — and left.\n"
    "Later the  ministry   repeated that it would keep talking…\n"
    "The minister said: “We will not give up an inch of our land” again on Friday.\n"
)
SEED = SeedText(TEXT)


def test_an_exact_quote_gives_offsets_line_and_column() -> None:
    found = locate(SEED, "repeated that it would keep talking")
    assert found.match is not None
    assert found.match.kind is MatchKind.EXACT
    assert TEXT[found.match.start : found.match.end] == "repeated that it would keep talking"
    assert (found.match.line, found.match.column) == (3, 23)
    assert found.occurrences == 1


def test_a_quote_written_as_in_the_seed_is_exact_though_first_found_folded() -> None:
    # Located at its first place, whose spaces differ; written so further on: exact.
    seed = SeedText("Then the  talks failed.\n\nBy noon the talks failed again.\n")
    found = locate(seed, "the talks failed")
    assert found.match is not None and found.occurrences == 2
    assert (found.match.line, found.match.passage) == (1, "the  talks failed")
    assert found.match.kind is MatchKind.EXACT
    # Written so at the very start, and the prefix picks the place further on.
    pinned = locate(SeedText("the talks failed. Then Kyiv said the  talks failed.\n"),
                    "the talks failed", prefix="Kyiv said")
    assert pinned.match is not None and pinned.match.start == 33
    assert pinned.match.kind is MatchKind.EXACT
    # Folded at every place it occurs: normalised.
    folded = locate(SeedText("Then the  talks failed.\n"), "the talks failed")
    assert folded.match is not None and folded.match.kind is MatchKind.NORMALISED


def test_white_space_and_typography_fold_but_letter_case_does_not() -> None:
    found = locate(SEED, 'the ministry repeated that it would keep talking...')
    assert found.match is not None and found.match.kind is MatchKind.NORMALISED
    assert found.match.passage == "the  ministry   repeated that it would keep talking…"
    quoted = locate(SEED, '"We will not give up an inch of our land" - and left')
    assert quoted.match is not None
    assert quoted.match.passage == "“We will not give up an inch of our land” — and left"
    assert locate(SEED, "the Ministry repeated that it would keep talking").match is None


def test_a_match_must_start_and_end_on_word_boundaries() -> None:
    assert locate(SEED, "inister said: “We will").failure == "mid-word"
    assert locate(SEED, "The minister said: “We wil").failure == "mid-word"
    assert locate(SEED, "minister said: “We will").match is not None


def test_an_apostrophe_inside_a_word_is_not_a_boundary() -> None:
    seed = SeedText("They said they don't agree to the plan.")
    assert locate(seed, "t agree to the plan").failure == "mid-word"
    assert locate(seed, "don't agree to the plan").match is not None


def test_a_repeated_quote_counts_its_places_until_context_pins_it() -> None:
    quote = "We will not give up an inch of our land"
    assert locate(SEED, quote).occurrences == 2
    pinned = locate(SEED, quote, suffix="” again on Friday")
    assert pinned.occurrences == 1 and pinned.match is not None and pinned.match.line == 4
    wrong = locate(SEED, quote, prefix="The president said: “")
    assert wrong.match is None and wrong.failure == "context"


def test_an_elision_keeps_the_offsets_of_each_part() -> None:
    found = locate(SEED, "The minister said: ... again on Friday")
    assert found.match is not None and found.match.elided
    assert [TEXT[s:e] for s, e in found.match.fragments] == ["The minister said:",
                                                             "again on Friday"]
    assert found.match.line == 4  # the part on line 2 is not followed by "again on Friday"
    assert found.shortest_fragment == 3


def test_an_elision_stays_in_one_paragraph() -> None:
    lines = SeedText("One two three four.\nFive six seven eight.\n")  # no blank line: lines
    assert locate(lines, "One two three four. ... Five six seven").failure == "paragraph"
    blocks = SeedText("One two three four.\nFive six seven eight.\n\nNine ten eleven.\n")
    assert locate(blocks, "One two three four. ... Five six seven").match is not None
    assert locate(blocks, "Five six seven eight. ... Nine ten").failure == "paragraph"


def test_a_whole_quote_stays_in_one_paragraph_and_is_told_so() -> None:
    """A quote found only across a paragraph break is refused as such (it was called an
    elided quote in the wrong order, and its "nearest passage" was the quote itself)."""
    blocks = SeedText("Title line here.\n\nOne two three four.\n\nFive six seven eight.\n")
    found = locate(blocks, "three four. Five six")
    assert (found.match, found.failure) == (None, "across-paragraphs")
    assert found.nearest is not None and found.nearest.line == 3
    lines = SeedText("One two three four.\nFive six seven eight.\n")  # no blank line: lines
    assert locate(lines, "three four. Five six").failure == "across-paragraphs"
    assert locate(lines, "two three four.").match is not None


def test_no_passage_is_offered_for_a_quote_whose_words_are_not_there() -> None:
    """A quote of another text got "nearest passage: "The mayor"", matched on one "the",
    which read as the fix; a paraphrase sharing two words still gets its passage."""
    seed = SeedText("Harbour talks.\n\nThe mayor spoke first.\n")
    assert locate(seed, "wants a ferry that runs every hour during the day").nearest == UNRELATED
    assert locate(seed, "could live with a ferry every two hours").nearest == UNRELATED
    putin = SeedText("Putin refused a truce on Tuesday.\n")
    assert locate(putin, "Putin rejected the ceasefire").nearest == UNRELATED  # one word
    near = locate(putin, "Putin refused the ceasefire").nearest
    assert near is not None and near != UNRELATED and near.passage.startswith("Putin")


def test_the_nearest_passage_is_whole_words_and_the_diff_word_by_word() -> None:
    found = locate(SEED, "the ministry never repeated that it would keep talking")
    assert found.failure == "not-found" and found.nearest is not None
    assert found.nearest.line == 3
    assert found.nearest.passage == "the ministry repeated that it would keep talking"
    assert found.nearest.differences == ('the quote adds "never"',)


def test_differences_name_each_kind_of_edit() -> None:
    seed = Words.of("this plan was rejected by the Kremlin")
    assert differences(seed, Words.of("this plan was welcomed by the Kremlin")) == (
        'the seed has "rejected", the quote "welcomed"',)
    assert differences(seed, Words.of("this plan was by the Kremlin")) == (
        'the quote leaves out "rejected"',)
    assert differences(seed, Words.of("this plan was rejected by the Kremlin and by Kyiv")) == (
        'the quote adds 3 words at the end: "and by Kyiv"',)
    assert differences(seed, Words.of("so then this plan was rejected by the Kremlin")) == (
        'the quote adds 2 words at the start: "so then"',)


@pytest.mark.parametrize(("seed", "quote", "said"), [
    ("the cost of Ukraine\u2019s integrity", "the cost of Ukraine`s integrity",
     'the seed has "Ukraine\u2019s", the quote "Ukraine`s"'),
    ("a ceasefire agreement—without strong mechanisms", "a ceasefire agreement - without strong",
     'the seed has "agreement—without", the quote "agreement - without"'),
    ("a ceasefire agreement - without strong", "a ceasefire agreement—without strong",
     'the seed has "agreement - without", the quote "agreement—without"'),
    ("a comprehensive ceasefire now", "a compre\u200bhensive ceasefire now",
     "(the quote has U+200B zero width space)"),
    ("a full ceasefire now", "a full ceasefir\u0435 now",
     "(the quote has U+0435 cyrillic small letter ie)"),
    ("Zelenskyy has repeatedly called", "Zelenskyy repeatedly has called",
     'the seed has "has repeatedly", the quote "repeatedly has"'),
    ("President Zelenskyy called", "President zelenskyy called",
     'the seed has "Zelenskyy", the quote "zelenskyy" (in letter case only)'),
    ("include “the need to stop", "include the need to stop",
     "the quote leaves out “ (U+201C left double quotation mark)"),
    ("a compre\u200bhensive ceasefire now", "a comprehensive ceasefire now",
     "(the seed has U+200B zero width space)"),
    ("the talks \x07 resumed today", "the talks resumed today",
     "the quote leaves out \x07 (U+0007)"),
    ("a limited 30-day ceasefire", "a limited \uff13\uff10-day ceasefire",
     "(the quote has U+FF13 fullwidth digit three; the quote has U+FF10 fullwidth digit zero)"),
    ("the south agreed to it", "the south agree\u0301d to it",
     "(the quote has U+0301 combining acute accent)"),
    ("words  spaced here", "words spaced\nhere", None),
])
def test_differences_show_each_side_as_written(seed: str, quote: str, said: str | None) -> None:
    """The characters each side has, never text rebuilt from tokens; what cannot be seen,
    or looks like another letter, by its code point; words moved as one change."""
    found = differences(Words.of(seed), Words.of(quote))
    if said is None:
        assert found == ()  # folded alike: no difference to tell
    else:
        assert any(said in difference for difference in found), found


def test_folding_maps_every_character_back_to_the_original() -> None:
    original = "A  “Quote”\t—  here\u00a0\n\n now…"
    folded = Folded(original)
    assert folded.text == 'A "Quote" - here now...'
    assert folded.original_start(0) == 0
    assert folded.original_end(len(folded.text)) == len(original)
    assert original[folded.original_start(2) : folded.original_end(9)] == "“Quote”"
    dots = folded.text.index("...")
    assert folded.original_start(dots + 1) == len(original) - 1  # inside the ellipsis


def test_decomposed_letters_are_composed_first() -> None:
    decomposed = unicodedata.normalize("NFD", "Café talks in Zürich ended early.")
    seed = SeedText(decomposed)
    found = locate(seed, "Café talks in Zürich ended")
    assert found.match is not None
    assert unicodedata.normalize("NFC", found.match.passage) == "Café talks in Zürich ended"


@given(st.text(alphabet=st.sampled_from(list("ab “”—\t\n\u00a0…e\u0301")), max_size=40))
def test_every_folded_span_maps_back_to_a_span_that_covers_it(text: str) -> None:
    # A span that ends inside one fold (part of "..." for "…") maps to the whole fold.
    folded = Folded(text)
    for start in range(len(folded.text)):
        for end in range(start + 1, len(folded.text) + 1):
            piece = text[folded.original_start(start) : folded.original_end(end)]
            assert folded.text[start:end].strip() in Folded(piece).text


def test_word_counts_ignore_punctuation() -> None:
    assert word_count("— don't stop, 30-day pause —") == 4
    assert fold("  “a”\n b ") == '"a" b'


def test_an_elided_quote_is_compared_at_its_part_that_is_not_there() -> None:
    """Not at its longest part, which may be in the seed word for word."""
    seed = SeedText("The minister said the talks would resume and that the army would hold "
                    "every line it holds today.\n")
    found = locate(seed, "The minister said the talks would resume ... every line it held today")
    assert found.match is None and found.nearest is not None
    assert found.nearest.differences == ('the seed has "holds", the quote "held"',)


def test_one_shared_word_of_four_is_no_nearest_passage() -> None:
    seed = SeedText("We met on the first day, and the talks began.\n")
    assert locate(seed, "The xylophone zebra quark").nearest == UNRELATED


def test_a_nearest_passage_across_a_paragraph_break_says_so() -> None:
    """Its one difference mended, the quote was refused for running across the break."""
    seed = SeedText("The two sides met.\n\nWhile this sounds like a reasonable response, no.\n")
    near = locate(seed, "met. While this sounds like an reasonable response").nearest
    assert near is not None and near != UNRELATED
    assert near.differences == ('the seed has "a", the quote "an"', "the passage runs across a "
                                "paragraph break, and a quote lies within one: quote each "
                                "paragraph's words separately")


def test_words_added_are_counted_without_their_marks() -> None:
    seed = SeedText("Putin said he could be swayed if certain conditions were met.\n")
    near = locate(seed, "xylophone zebra quark. Putin said he could be swayed").nearest
    assert near is not None
    assert near.differences == ('the quote adds 3 words at the start: "xylophone zebra quark."',)
