"""The JSON Schema of each command's `--format json` output, for those who parse it.

Written out by hand, once: a test validates every command's real output against these,
so a change to a view that forgets its schema fails.
"""

from __future__ import annotations

from typing import Any

Schema = dict[str, Any]

TEXT: Schema = {"type": "string"}
NUMBER: Schema = {"type": "number"}
COUNT: Schema = {"type": "integer", "minimum": 0}
BOOL: Schema = {"type": "boolean"}
DATE: Schema = {"type": "string", "format": "date"}
ID: Schema = {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"}
BASIS: Schema = {"enum": ["stated", "inferred"]}
# Whose words a quote is; null in a record written before voices were asked for.
VOICE: Schema = {"enum": ["party", "reported", "author", "conduct"]}


def maybe(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


def listing(item: Schema) -> Schema:
    return {"type": "array", "items": item}


def record(properties: dict[str, Schema]) -> Schema:
    """An object with exactly these keys, all present."""
    return {"type": "object", "properties": properties, "required": list(properties),
            "additionalProperties": False}


def by_id(value: Schema) -> Schema:
    """An object keyed by party or issue ids."""
    return {"type": "object", "additionalProperties": value}


RANGE: Schema = {"type": "array", "items": NUMBER, "minItems": 2, "maxItems": 2}
CLAIMS = record({"position": BASIS, "acceptable": maybe(BASIS), "red_line": maybe(BASIS)})
SOURCE = record({"seed": ID, "outlet": maybe(TEXT), "author": maybe(TEXT),
                 "title": maybe(TEXT), "date": maybe(DATE), "url": maybe(TEXT)})
EVIDENCE = record({
    "seed": ID, "quote": TEXT,
    "supports": listing({"enum": ["position", "acceptable", "red_line"]}),
    "located": BOOL, "line": maybe(COUNT), "column": maybe(COUNT), "start": maybe(COUNT),
    "end": maybe(COUNT), "match": maybe({"enum": ["exact", "normalised"]}),
    "fragments": maybe(listing(RANGE)), "source": SOURCE,
    "voice": maybe(VOICE),
})
POSITION = record({
    "issue": ID, "as_of": DATE, "position": NUMBER, "label": maybe(TEXT),
    "position_basis": BASIS, "salience": NUMBER,
    "acceptable": maybe(RANGE), "red_line": BOOL, "stance": TEXT,
    "acceptable_basis": maybe(BASIS), "red_line_basis": maybe(BASIS), "reason": maybe(TEXT),
    "note": maybe(TEXT), "evidence": listing(EVIDENCE),
})

COMPARE = {
    **record({
        "parties": listing(ID), "as_of": maybe(DATE), "distance": maybe(NUMBER),
        "coverage": record({"shared": COUNT, "total": COUNT}),
        "issues": listing({**record({
            "issue": ID, "positions": by_id(maybe(NUMBER)), "saliences": by_id(maybe(NUMBER)),
            "dates": by_id(maybe(DATE)), "acceptable": by_id(maybe(RANGE)),
            "red_lines": by_id(BOOL), "gap": maybe(NUMBER), "overlap": maybe(RANGE),
            "red_line_clash": BOOL,
            "basis": record({"overlap": maybe(BASIS), "red_line_clash": maybe(BASIS)}),
            "claims": by_id(maybe(CLAIMS)),
            # only with --evidence:
            "evidence": by_id(listing(EVIDENCE)),
        }), "required": ["issue", "positions", "saliences", "dates", "acceptable",
                         "red_lines", "gap", "overlap", "red_line_clash", "basis",
                         "claims"]}),
    }),
}
MATRIX = record({"parties": listing(ID), "issues": listing(ID), "as_of": maybe(DATE),
                 "distance": by_id(by_id(maybe(NUMBER))), "coverage": by_id(by_id(COUNT)),
                 "inferred": by_id(by_id(COUNT))})
COMPROMISE = record({
    "parties": listing(ID), "left_out": listing(record({"party": ID, "role": TEXT})),
    "stated_only": BOOL, "as_of": maybe(DATE),
    "issues": listing(record({
        "issue": ID, "mean": maybe(NUMBER), "median": maybe(NUMBER),
        "mean_acceptable_to": listing(ID), "median_acceptable_to": listing(ID),
        "positions": by_id(NUMBER), "weights": by_id(NUMBER), "silent": listing(ID),
        "inferred_positions": listing(ID), "inferred_ranges": listing(ID),
    })),
})
PARTIES = record({
    "parties": listing(record({
        "party": ID, "name": TEXT, "role": {"enum": ["party", "mediator", "observer"]},
        "aliases": listing(TEXT), "clout": NUMBER, "issues_stated": listing(ID),
        "positions_stated": listing(ID), "positions_inferred": listing(ID),
        "quotes_by_voice": record({name: COUNT for name in (*VOICE["enum"], "not_given")}),
        "entries": COUNT})),
    "issues_total": COUNT,
})
ISSUES = record({"issues": listing(record({
    "issue": ID, "title": TEXT, "question": TEXT,
    "scale": listing(record({"at": NUMBER, "label": TEXT, "description": maybe(TEXT)})),
    "stated_by": listing(ID)}))})
COVERAGE = record({"parties": listing(ID), "as_of": maybe(DATE),
                   "positions": by_id(by_id(maybe(NUMBER))),
                   "bases": by_id(by_id(maybe(BASIS)))})
SHOW = record({
    "party": ID, "name": TEXT, "role": {"enum": ["party", "mediator", "observer"]},
    "aliases": listing(TEXT), "clout": NUMBER, "as_of": maybe(DATE),
    "positions": listing(POSITION), "not_stated": listing(ID),
})
CHANGES = record({
    "since": maybe(DATE), "until": maybe(DATE),
    "changes": listing(record({
        "party": ID, "issue": ID, "shift": NUMBER,
        "changed": listing({"enum": ["position", "acceptable", "red_line", "salience"]}),
        "from": POSITION, "to": POSITION})),
})
SEEDS = record({
    "seeds": listing(record({
        **SOURCE["properties"], "file": TEXT, "bytes": maybe(COUNT),
        "sha256": maybe(TEXT), "pinned_sha256": maybe(TEXT),
        "pin": {"enum": ["ok", "changed", "unpinned", "unreadable"]}, "note": maybe(TEXT),
        "quotes": COUNT, "cited_by": listing(ID)})),
    "uncited": listing(ID),
})

MOVE = record({"actor": TEXT, "type": {"enum": ["confrontation", "compromise", "capitulation"]},
               "towards": TEXT, "from": NUMBER, "to": NUMBER})
ROUND = {**record({"round": COUNT, "positions": by_id(NUMBER), "median": maybe(NUMBER),
                   "mean": maybe(NUMBER), "risk": by_id(NUMBER), "moves": listing(MOVE)}),
         "required": ["round", "positions", "median", "mean"]}
FORECAST = record({
    "model": TEXT, "variant": TEXT,
    "params": record({"rounds": COUNT,
                      "stop_rule": {"enum": ["none", "median-repeat", "cycle"]},
                      "Q": NUMBER, "source": TEXT, "as_of": maybe(DATE),
                      "left_out": listing(record({"party": ID, "role": TEXT}))}),
    "issues": listing({**record({
        "issue": TEXT, "actors": listing(TEXT), "range": NUMBER, "rounds": listing(ROUND),
        "forecast": record({"median": maybe(NUMBER), "mean": maybe(NUMBER),
                            "stopped_at_round": COUNT, "stop_rule_fired": BOOL,
                            "settled": BOOL,
                            "outcome": {"enum": ["settled", "median held", "cycle",
                                                 "no settled answer", "no weight"]}}),
        "cycle": maybe(record({"period": COUNT, "from_round": COUNT,
                               "medians": listing(maybe(NUMBER)),
                               "means": listing(maybe(NUMBER))})),
        # only with --sensitivity:
        "sensitivity": listing(record({"actor": TEXT, "input": {"enum": ["position",
                                                                         "salience"]},
                                       "step": NUMBER, "median_shift": maybe(NUMBER),
                                       "mean_shift": maybe(NUMBER)})),
    }), "required": ["issue", "actors", "range", "rounds", "forecast", "cycle"]}),
    "unstated": listing(ID),
})

VERSION = record({"label": TEXT, "revision": maybe(TEXT), "ok": BOOL, "errors": COUNT,
                  "warnings": COUNT, "first_errors": listing(TEXT)})
PAIR = {**listing(ID), "minItems": 2, "maxItems": 2}
BEFORE_AFTER = record({"old": maybe(NUMBER), "new": maybe(NUMBER), "change": maybe(NUMBER)})
DIFF = record({
    "old": VERSION, "new": VERSION, "compared": BOOL, "as_of": maybe(DATE),
    "stated_only": BOOL, "moved": maybe(COUNT),
    "entries": listing(record({
        "party": ID, "issue": ID, "as_of": DATE,
        "change": {"enum": ["added", "removed", "changed"]},
        "changed": listing({"enum": ["position", "acceptable", "red_line", "salience",
                                     "quotes", "stance", "note", "reason"]}),
        "old": maybe(POSITION), "new": maybe(POSITION)})),
    "pairs": listing(record({"parties": PAIR, "distance": BEFORE_AFTER,
                             "shared": record({"old": maybe(COUNT), "new": maybe(COUNT)})})),
    "overlaps": listing(record({"parties": PAIR, "issue": ID,
                                "change": {"enum": ["appeared", "vanished", "moved"]},
                                "old": maybe(RANGE), "new": maybe(RANGE), "basis": BASIS})),
    "clashes": listing(record({"parties": PAIR, "issue": ID,
                               "change": {"enum": ["appeared", "vanished"]}, "basis": BASIS})),
    "compromises": listing(record({"issue": ID, "point": {"enum": ["mean", "median"]},
                                   "old": maybe(NUMBER), "new": maybe(NUMBER),
                                   "change": maybe(NUMBER)})),
    "coverage": listing(record({"party": ID, "issue": ID,
                                "change": {"enum": ["gained", "lost"]}, "position": NUMBER,
                                "as_of": DATE})),
})
TREND = record({
    "parties": listing(ID), "as_of": maybe(DATE),
    "rule": record({"threshold": NUMBER, "min_points": COUNT, "text": TEXT}),
    "pairs": listing(record({
        "parties": PAIR, "change": maybe(NUMBER),
        "verdict": {"enum": ["converging", "diverging", "unchanged", "too little data"]},
        "points": listing(record({
            "date": DATE, "distance": NUMBER, "shared": COUNT,
            "moves": listing(record({"party": ID, "issue": ID, "from": maybe(NUMBER),
                                     "to": NUMBER, "basis": BASIS}))}))})),
})

PROBLEM = record({"file": TEXT, "line": COUNT, "column": COUNT,
                  "severity": {"enum": ["error", "warning"]},
                  "code": {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"},
                  "message": TEXT, "path": TEXT})
CHECK = record({
    "ok": BOOL, "problems": listing(PROBLEM),
    "summary": record({name: COUNT for name in (
        "errors", "warnings", "parties", "issues", "seeds", "positions", "quotes",
        "quotes_exact", "quotes_normalised", "quotes_unmatched", "quotes_unchecked")}),
})

OUTPUTS: dict[str, Schema] = {
    "check": CHECK,
    "compare": COMPARE, "matrix": MATRIX, "compromise": COMPROMISE, "parties": PARTIES,
    "issues": ISSUES, "coverage": COVERAGE, "show": SHOW, "changes": CHANGES, "seeds": SEEDS,
    "forecast": FORECAST, "diff": DIFF, "trend": TREND,
}


def output_schema(command: str) -> Schema:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": f"posdiff {command} --format json", **OUTPUTS[command]}
