"""The verbatim rule, through `posdiff check` on a small record of our own (tests/data/lakeside):
every edit that changes a quote's meaning fails with a word-level suggestion, and every
difference the normalisation allows passes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from posdiff.record.evidence import locate
from posdiff.record.folding import SeedText
from posdiff.record.nearest import NEAREST_MAX_CHARS, NEAREST_MAX_WORK, nearest

from tests.conftest import Invoke, edit, private_copy

PARTY = "positions/north.yaml"
QUOTE = 'quote: "will never accept a 60-day pause"'


@pytest.fixture
def lakeside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The lakeside record: one party, one quote, a seed with paragraphs and typography."""
    return private_copy("lakeside", tmp_path, monkeypatch)


def check_with(posdiff: Invoke, root: Path, evidence: str,
               *options: str) -> tuple[int, list[dict[str, object]]]:
    """`check --format json` with the party's one quote replaced by ``evidence``."""
    edit(root / PARTY, QUOTE, evidence)
    result = posdiff("check", "--format", "json", *options)
    return result.exit_code, json.loads(result.stdout)["problems"]


# (what the edit does, the evidence lines, the failure's words, a difference it must show)
MEANING_CHANGES = [
    ("negation added", 'quote: "The south never agreed to a limited 30-day ceasefire"',
     "not found", 'the quote adds "never"'),
    ("negation removed", 'quote: "delegation said it “will accept a 60-day pause"',
     "not found", 'the quote leaves out "never"'),
    ("number changed", 'quote: "The south agreed to a limited 60-day ceasefire on the river"',
     "not found", 'the seed has "30-day", the quote "60-day"'),
    ("actor swapped", 'quote: "Officials in the north rejected the plan"',
     "not found", 'the seed has "capital", the quote "north"'),
    ("word replaced", 'quote: "Officials in the capital welcomed the plan"',
     "not found", 'the seed has "rejected", the quote "welcomed"'),
    ("last word changed", 'quote: "Officials in the capital rejected the offer"',
     "not found", 'the seed has "plan", the quote "offer"'),
    ("first word changed", 'quote: "Diplomats in the capital rejected the plan"',
     "not found", 'the seed has "Officials", the quote "Diplomats"'),
    ("letter changed", 'quote: "Officials in the capital rejectd the plan"',
     "not found", 'the seed has "rejected", the quote "rejectd"'),
    ("letter case changed", 'quote: "Officials in the Capital rejected the plan"',
     "not found", 'the seed has "capital", the quote "Capital"'),
    ("words added at the start", 'quote: "Yesterday in Lakeside The south agreed to a limited '
     '30-day ceasefire"', "not found",
     'where they differ: the quote adds 3 words at the start: "Yesterday in Lakeside"'),
    ("words added at the end", 'quote: "a limited 30-day ceasefire on the river and the lake"',
     "not found", 'the quote adds 3 words at the end: "and the lake"'),
    ("cut mid-word at the start", 'quote: "orthern delegation said it"',
     "inside a word", 'the seed has "northern", the quote "orthern"'),
    ("cut mid-word at the end", 'quote: "Officials in the capital rejected the pla"',
     "inside a word", 'the seed has "plan", the quote "pla"'),
    ("elided parts out of order", 'quote: "and left the room ... The northern delegation said"',
     "not in seed 'lakeside' in this order", ""),
    ("elision across paragraphs", 'quote: "The northern delegation said it ... '
     'A second round is planned"', "not within one paragraph", ""),
    ("elided parts out of order in one paragraph", 'quote: "on the river. ... A second round '
     'is planned"', "not in seed 'lakeside' in this order", ""),
]


@pytest.mark.parametrize(("evidence", "why", "difference"),
                         [case[1:] for case in MEANING_CHANGES],
                         ids=[case[0] for case in MEANING_CHANGES])
def test_an_edit_that_changes_meaning_fails_with_a_suggestion(
        lakeside: Path, posdiff: Invoke, evidence: str, why: str, difference: str) -> None:
    code, found = check_with(posdiff, lakeside, evidence)
    assert code == 1
    assert [p["code"] for p in found] == ["quote-not-found"], found
    message = str(found[0]["message"])
    assert why in message
    assert "nearest passage, line" in message
    assert difference in message, message
    assert (found[0]["file"], found[0]["line"]) == (PARTY, 11)


HARMLESS = [
    ("straight quotes for curly", 'quote: \'said it "will never accept a 60-day pause"\''),
    ("straight apostrophe for curly", 'quote: "Mediators said the north\'s position was firm"'),
    ("hyphen for en dash", 'quote: "rejected the plan - and called the offer"'),
    ("line break where the seed has a space", 'quote: "Officials in the capital rejected\n'
     '          the plan"'),
    ("non-breaking space", 'quote: "Officials in the\u00a0capital rejected the plan"'),
    ("three dots for the ellipsis character",
     "quote: 'called the offer \"a trap\" ... for now'"),
    ("an elision within a paragraph",
     'quote: "The northern delegation said it ... and left the room"'),
    ("a short quote pinned by its prefix",
     'quote: "a trap"\n        prefix: "and called the offer “"'),
    ("a repeated quote pinned by its suffix",
     'quote: "The south agreed to a limited 30-day ceasefire"\n        suffix: "on the river.'
     '\n\n          A second round"'),
]


@pytest.mark.parametrize("evidence", [case[1] for case in HARMLESS],
                         ids=[case[0] for case in HARMLESS])
def test_a_harmless_difference_passes_strict(lakeside: Path, posdiff: Invoke,
                                             evidence: str) -> None:
    code, found = check_with(posdiff, lakeside, evidence, "--strict")
    assert (code, found) == (0, [])


def test_a_short_quote_without_context_is_an_error(lakeside: Path, posdiff: Invoke) -> None:
    code, found = check_with(posdiff, lakeside, 'quote: "a trap"')
    assert code == 1
    assert [p["code"] for p in found] == ["quote-too-short"]
    assert "2 words, fewer than 4" in str(found[0]["message"])
    # It occurs once already: what it needs is a prefix or suffix, not fewer places.
    assert str(found[0]["message"]).endswith(
        "quote more of the passage, or add a prefix or suffix (the words just before or "
        "after it in the seed) that pins it there")


def test_a_quote_one_word_short_is_an_error(lakeside: Path, posdiff: Invoke) -> None:
    code, found = check_with(posdiff, lakeside, 'quote: "Mediators said the"')
    assert (code, [p["code"] for p in found]) == (1, ["quote-too-short"])


def test_a_short_part_of_an_elision_is_an_error(lakeside: Path, posdiff: Invoke) -> None:
    code, found = check_with(posdiff, lakeside, 'quote: "The northern delegation said it ... '
                                                'left"')
    assert code == 1
    assert [p["code"] for p in found] == ["quote-too-short"]


def test_a_context_that_matches_twice_does_not_pin_a_short_quote(
        lakeside: Path, posdiff: Invoke) -> None:
    code, found = check_with(posdiff, lakeside,
                             'quote: "30-day ceasefire"\n        prefix: "to a limited"')
    assert code == 1
    assert [p["code"] for p in found] == ["quote-too-short"]
    assert "occurs 2 times" in str(found[0]["message"])


def test_min_words_is_an_option(lakeside: Path, posdiff: Invoke) -> None:
    code, found = check_with(posdiff, lakeside, 'quote: "Mediators said"', "--min-words", "2")
    assert (code, found) == (0, [])


def test_a_repeated_quote_warns_and_fails_strict(lakeside: Path, posdiff: Invoke) -> None:
    code, found = check_with(posdiff, lakeside,
                             'quote: "The south agreed to a limited 30-day ceasefire"')
    assert code == 0
    assert [(p["code"], p["severity"]) for p in found] == [("quote-ambiguous", "warning")]
    assert posdiff("check", "--strict").exit_code == 1


def test_a_pinned_seed_that_changed_is_an_error(lakeside: Path, posdiff: Invoke) -> None:
    digest = "cbfcf645141814b61cf7b3911379042cc07c7228a29aad814315e351634e8cef"
    assert digest in (lakeside / "seeds/index.yaml").read_text(encoding="utf-8")  # pinned
    assert posdiff("check", "--strict").exit_code == 0
    seed = lakeside / "seeds/lakeside.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("firm", "soft"), encoding="utf-8")
    result = posdiff("check", "--format", "json")
    assert result.exit_code == 1
    problem = json.loads(result.stdout)["problems"][0]
    assert (problem["code"], problem["file"], problem["line"]) == (
        "seed-changed", "seeds/index.yaml", 2)
    assert digest[:12] in problem["message"]
    # Its quotes are still located in the text as it is: those it broke are named, and
    # only those are counted as not located.
    report = json.loads(result.stdout)
    assert [p["code"] for p in report["problems"]] == ["seed-changed"]
    assert report["summary"]["quotes_unmatched"] == 0
    seed.write_text(seed.read_text(encoding="utf-8").replace("will never", "will not"),
                    encoding="utf-8")
    report = json.loads(posdiff("check", "--format", "json").stdout)
    assert [(p["code"], p["file"]) for p in report["problems"]] == [
        ("quote-not-found", PARTY), ("seed-changed", "seeds/index.yaml")]
    assert 'where they differ: the seed has "not", the quote "never"' in report["problems"][0][
        "message"]
    assert report["summary"]["quotes_unmatched"] == 1


def test_two_hashes_that_differ_late_are_shown_where_they_differ(lakeside: Path,
                                                                 posdiff: Invoke) -> None:
    """A pin one digit off: the hashes shown must not read the same."""
    digest = "cbfcf645141814b61cf7b3911379042cc07c7228a29aad814315e351634e8cef"
    edit(lakeside / "seeds/index.yaml", digest, digest[:-1] + "0")
    problem = json.loads(posdiff("check", "--format", "json").stdout)["problems"][0]
    assert problem["code"] == "seed-changed"
    assert f"has sha256 {digest}, but the index pins {digest[:-1]}0:" in problem["message"]


def test_the_retired_min_score_option_says_why(lakeside: Path, posdiff: Invoke) -> None:
    result = posdiff("check", "--min-score", "90")
    assert result.exit_code == 2
    assert "--min-score is gone" in result.stderr


def test_show_names_the_source_and_marks_the_elision(lakeside: Path, posdiff: Invoke) -> None:
    edit(lakeside / PARTY, QUOTE, 'quote: "The northern delegation said it ... and left the '
                                  'room"')
    data = json.loads(posdiff("show", "north", "--format", "json").stdout)
    item = data["positions"][0]["evidence"][0]
    assert item["source"] == {"seed": "lakeside", "outlet": "Lake Courier", "author": None,
                              "title": "Talks in Lakeside", "date": "2024-09-02",
                              "url": "https://example.org/lakeside"}
    assert (item["line"], item["column"], item["match"]) == (3, 1, "normalised")
    assert len(item["fragments"]) == 2
    page = posdiff("show", "north", "--format", "markdown").stdout
    # The context stops at the paragraph, and adds no space before the seed's full stop.
    assert ("| pause | north | 2024-09-01 | lakeside, line 3: Lake Courier, “Talks in Lakeside”, "
            "2024-09-02 | «The northern delegation said it […] and left the room». Officials in "
            "the capital rejected the plan – and called the offer “a trap” …… [voice: party] |"
            ) in page
    assert ("| lakeside | Lake Courier | 2024-09-02 | Talks in Lakeside "
            "https://example.org/lakeside |") in page


def test_the_nearest_passage_is_searched_only_within_its_bounds() -> None:
    """The hint costs more than the quote's length times the seed's (a 20,000-character
    quote took 39 s against a 7 KB seed, for every command that checks): past the bounds
    there is no hint, and the quote is still reported as not found."""
    text = "The delegation said the ceasefire would hold until the spring talks. " * 20_000
    seed = SeedText(text[:5_000])
    near = ("The delegation said the ceasefire would hold until the autumn talks " * 20)
    longest = near[:NEAREST_MAX_CHARS]
    assert nearest(seed, longest) is not None  # at the bound: still searched
    assert nearest(seed, longest + "s") is None
    short = near[:100]
    widest = text[: NEAREST_MAX_WORK // len(short)]  # quote × seed exactly at the bound
    assert len(SeedText(widest).folded.text) * len(short) == NEAREST_MAX_WORK
    assert nearest(SeedText(widest), short) is not None
    assert nearest(SeedText(text[: len(widest) + 1]), short) is None
    found = locate(seed, "x" * 100_000)
    assert found.match is None and found.failure == "not-found"
