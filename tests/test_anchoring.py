"""Quote anchoring: exact, normalised, fuzzy above the floor, and honest failures."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from posdiff.anchoring import AnchorSettings, Folded, SeedText, anchor_quote
from posdiff.model import MatchKind

TEXT = (
    "Headline\n"
    "The minister said: “We will not give up an inch of our land” — and left.\n"
    "Later the  ministry   repeated that it would keep talking.\n"
    "The minister said: “We will not give up an inch of our land” again on Friday.\n"
)
SEED = SeedText(TEXT)


def test_an_exact_quote_gives_offsets_line_and_column() -> None:
    found = anchor_quote(SEED, "repeated that it would keep talking")
    assert found.match is not None
    assert found.match.kind is MatchKind.EXACT
    assert TEXT[found.match.start : found.match.end] == "repeated that it would keep talking"
    assert (found.match.line, found.match.column) == (3, 23)
    assert found.occurrences == 1


def test_typography_case_and_white_space_are_normalised() -> None:
    found = anchor_quote(SEED, 'the ministry repeated THAT it would keep talking.')
    assert found.match is not None and found.match.kind is MatchKind.NORMALISED
    assert found.match.passage == "the  ministry   repeated that it would keep talking."
    quoted = anchor_quote(SEED, '"We will not give up an inch of our land" - and left')
    assert quoted.match is not None and quoted.match.kind is MatchKind.NORMALISED
    assert quoted.match.passage == "“We will not give up an inch of our land” — and left"


def test_a_near_miss_is_found_fuzzily_with_its_score() -> None:
    found = anchor_quote(SEED, "the ministry repeated that it wuold keep talkin")
    assert found.match is not None and found.match.kind is MatchKind.FUZZY
    assert 85 <= found.match.score < 100
    assert found.match.line == 3


def test_below_the_floor_there_is_no_match_but_the_closest_passage() -> None:
    found = anchor_quote(SEED, "the ministry refused to keep talking to anyone at all")
    assert found.match is None
    assert found.closest is not None and found.closest.line == 3
    strict = anchor_quote(SEED, "the ministry repeated that it wuold keep talkin",
                          settings=AnchorSettings(min_score=99))
    assert strict.match is None


def test_a_repeated_quote_is_ambiguous_until_prefix_or_suffix_pins_it() -> None:
    quote = "We will not give up an inch of our land"
    assert anchor_quote(SEED, quote).occurrences == 2
    pinned = anchor_quote(SEED, quote, suffix="” again on Friday")
    assert pinned.occurrences == 1 and pinned.match is not None and pinned.match.line == 4
    wrong = anchor_quote(SEED, quote, prefix="The president said: “")
    assert wrong.match is None and wrong.context_mismatch


def test_folding_maps_every_character_back_to_the_original() -> None:
    original = "A  “Quote”\t—  here\u00a0\n\n now"
    folded = Folded(original)
    assert folded.text == 'a "quote" - here now'
    kept = "A “Quote”\t— here\u00a0now"  # the first character of each white-space run
    assert [original[folded.original(i)] for i in range(len(folded.text))] == list(kept)
    assert folded.original_span(0, len(folded.text)) == (0, len(original))


@given(st.text(alphabet=st.sampled_from(list("ab “”—\t\n\u00a0İ")), max_size=40))
def test_folding_is_consistent_for_any_text(text: str) -> None:
    folded = Folded(text)
    for index, char in enumerate(folded.text):
        source = text[folded.original(index)]
        assert char == (" " if source.isspace() else Folded(source).text)


def test_letters_whose_lower_case_is_longer_keep_offsets_aligned() -> None:
    text = "İstanbul talks: the delegation said “no deal” today"
    found = anchor_quote(SeedText(text), 'the delegation said "no deal"')
    assert found.match is not None
    assert text[found.match.start : found.match.end] == "the delegation said “no deal”"
