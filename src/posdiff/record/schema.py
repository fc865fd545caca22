"""The shape of the three kinds of YAML file: seed index, issue catalogue, party."""

from __future__ import annotations

from typing import Any

from posdiff.record.spec import (
    KEBAB,
    AnyOf,
    Bool,
    Choice,
    Date,
    Field,
    Number,
    Obj,
    Seq,
    Spec,
    Str,
    json_schema,
)

ID = Str(KEBAB, "use lower-case letters, digits and single hyphens, like 'security-guarantees'")
TEXT = Str()
NAME = Str(trimmed=True)  # a name matched as typed: a party's name or alias, a label
# The finest step of a score or a clout: every weight (clout x salience) times every gap
# then stays far above the smallest float, so no weighted sum loses its precision.
SMALLEST = 0.001
SCORE = Number(0, 100, smallest=SMALLEST)
MAX_CLOUT = 1_000_000  # bounds every weight (clout x salience), so sums stay finite

SEED = Obj({
    "id": Field(ID, "short id that evidence uses to cite this seed", required=True),
    "file": Field(TEXT, "path of the text inside the seeds folder", required=True),
    "outlet": Field(TEXT, "where it was published, as the text tells it"),
    "author": Field(TEXT, "who wrote it, as the text tells it"),
    "title": Field(TEXT, "its headline"),
    "date": Field(Date(), "publication date, where the text tells it"),
    "url": Field(TEXT, "where it can be read"),
    "sha256": Field(Str(r"^[0-9a-f]{64}$", "64 lower-case hex digits, as `sha256sum` prints",
                        pasted=True),
                    "SHA-256 of the file: check fails when the seed changes after pinning"),
    "note": Field(TEXT, "what the curator inferred about this seed (a date, an outlet) and why"),
})

SEEDS_INDEX = Obj({
    "seeds": Field(Seq(SEED, min_items=1), "the source texts", required=True),
}, title="posdiff seed index")

ANCHOR = Obj({
    "at": Field(SCORE, "where the point sits on 0..100", required=True),
    "label": Field(NAME, "short name, usable as a party's position", required=True),
    "description": Field(TEXT, "what the point means in full"),
})

ISSUE = Obj({
    "id": Field(ID, "kebab-case id that party files refer to", required=True),
    "title": Field(TEXT, "short human title", required=True),
    "question": Field(TEXT, "the question the scale answers", required=True),
    "scale": Field(Seq(ANCHOR, min_items=2),
                   "labelled points on 0..100; 0 and 100 are required", required=True),
})

ISSUES = Obj({
    "title": Field(TEXT, "the negotiation's name, e.g. 'The 2025 ceasefire talks on the war "
                   "in Ukraine': the brief's title"),
    "issues": Field(Seq(ISSUE, min_items=1), "the issue catalogue", required=True),
}, title="posdiff issue catalogue")

CLAIMS = ("position", "acceptable", "red_line")  # what a quote can state
BASES = ("stated", "inferred")
ROLES = ("party", "mediator", "observer")
VOICES = ("party", "reported", "author", "conduct")  # whose words a quote is

EVIDENCE = Obj({
    "seed": Field(ID, "id of the seed in seeds/index.yaml", required=True),
    "quote": Field(TEXT, "verbatim passage of the seed", required=True),
    "prefix": Field(TEXT, "text just before the quote, to pin one of several occurrences"),
    "suffix": Field(TEXT, "text just after the quote, to pin one of several occurrences"),
    "supports": Field(Seq(Choice(CLAIMS), min_items=1, unique=True),
                      "what the quote states: position, acceptable, red_line [default: position]"),
    "voice": Field(Choice(VOICES),
                   "whose words: party (its own), reported (the source tells what it said), "
                   "author (the source's reading) or conduct (what it did); only party and "
                   "reported quotes make a claim stated"),
})
# Fields of a quote written on its entry: said where they go, not only "unknown".
ON_EACH_QUOTE = {name: "it belongs on each quote, under `evidence`"
                 for name in ("voice", "seed", "quote", "prefix", "suffix", "supports")}

POSITION = Obj({
    "issue": Field(ID, "id of the issue in issues.yaml", required=True),
    "as_of": Field(Date(), "date the position was stated", required=True),
    "position": Field(AnyOf((SCORE, TEXT), "a number from 0 to 100 or the label of a point"),
                      "0..100 on the issue's scale, or the label of one of its points",
                      required=True),
    "salience": Field(SCORE, "0..100: how much the issue matters to this party", required=True),
    "acceptable": Field(Seq(AnyOf((SCORE, TEXT), "a number from 0 to 100 or the label of a "
                              "point"), min_items=2, max_items=2),
                        "[lo, hi]: the range the party could live with, each end 0..100 or the "
                        "label of one of the issue's points"),
    "red_line": Field(Bool(), "true when the party will not accept anything outside `acceptable`"),
    "basis": Field(Choice(BASES), "inferred: a claim (position, acceptable, red_line) that no "
                   "quote in the party's voice (party or reported) states is the curator's "
                   "inference [default: stated]"),
    "reason": Field(TEXT, "one line: why the inferred claims are read as they are"),
    "note": Field(TEXT, "one line: why a number between labelled points sits there"),
    "stance": Field(TEXT, "one sentence, in the curator's words", required=True),
    "evidence": Field(Seq(EVIDENCE, min_items=1), "quotes from seeds that state it",
                      required=True),
}, elsewhere=ON_EACH_QUOTE)

PARTY = Obj({
    "party": Field(ID, "kebab-case id of the party", required=True),
    "name": Field(NAME, "display name", required=True),
    "aliases": Field(Seq(NAME), "other names users may type (case-insensitive)"),
    "clout": Field(Number(0, MAX_CLOUT, exclusive_minimum=True, smallest=SMALLEST),
                   "capability weight, default 1; at most 1,000,000"),
    "role": Field(Choice(ROLES), "party (default), mediator or observer: mediators and "
                  "observers carry no weight in compromise points"),
    "positions": Field(Seq(POSITION), "the party's stated positions (none yet is fine)"),
}, title="posdiff party")

SCHEMAS: dict[str, Spec] = {"party": PARTY, "issues": ISSUES, "seeds": SEEDS_INDEX}


def schema_document(kind: str) -> dict[str, Any]:
    spec = SCHEMAS[kind]
    assert isinstance(spec, Obj)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": spec.title,
        **json_schema(spec),
    }


def schema_text(kind: str) -> str:
    """The schema as `posdiff schema` prints it and `posdiff init` writes it."""
    import json  # here: loading a record needs no JSON

    return json.dumps(schema_document(kind), indent=2) + "\n"
