#!/usr/bin/env python3
"""Benchmark posdiff: wall time, peak memory and growth of `check`, `compare` and `matrix`.

Run it with the Python of the environment where posdiff is installed:

    python benchmarks/bench.py                       # every size, default repeats
    python benchmarks/bench.py --sizes small,medium --repeat 3

What it does, in order:

1. prints the machine (CPU, cores, load, Python, date, commit);
2. builds the datasets: ``shipped`` is the repository's own positions/ and seeds/ (skipped
   when empty); ``small``, ``medium`` and ``large`` are synthetic, generated from a fixed
   random seed, so every run measures the same bytes. Each is checked once with
   ``posdiff check`` and its summary line is shown, so one can see the data are valid;
3. times the cold start of ``posdiff compare`` against the cold import of posdiff's own
   dependencies (and bare Python), alternating them in one loop so that machine noise
   falls on all alike; on the shipped data, else on the small dataset;
4. times ``check``, ``compare A B`` and ``matrix`` on every dataset as child processes
   (median wall time, and peak RSS from ``os.wait4`` in a minimal launcher) and prints
   how time grows from one size to the next against how the data grow;
5. prints each target with PASS or FAIL.

Only the standard library and posdiff's own dependencies (PyYAML, RapidFuzz) are used.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
import math
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
GENERATOR_VERSION = 2  # bump when the generated data change, so cached copies are rebuilt
RANDOM_SEED = 20250318

# -- targets -------------------------------------------------------------------------

COLD_START_MAX_RATIO = 1.3  # cold `posdiff compare` vs the cold import of its dependencies
CHECK_LARGE_MAX_SECONDS = 10.0
CHECK_LARGE_MAX_MB = 500.0
MATRIX_LARGE_MAX_SECONDS = 1.0
# "Close to linear": from one size to the next, time may grow at most this much faster
# than the number of quotes (a ratio of ratios; 1.0 is exactly linear).
GROWTH_MAX_EXCESS = 1.25

DEPENDENCY_IMPORT = "import typer, rich, yaml, rapidfuzz"


# -- dataset sizes -------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class SizeSpec:
    """One synthetic dataset. ``quotes`` is the total number of evidence quotes."""

    name: str
    seeds: int
    seed_bytes: int  # typical size of one seed text
    parties: int
    issues: int
    quotes: int


SYNTHETIC: dict[str, SizeSpec] = {
    # about the scale of a hand-curated record for one negotiation
    "small": SizeSpec("small", seeds=5, seed_bytes=10_000, parties=6, issues=12, quotes=72),
    "medium": SizeSpec("medium", seeds=200, seed_bytes=8_000, parties=20, issues=50,
                       quotes=1_000),
    "large": SizeSpec("large", seeds=1_000, seed_bytes=8_000, parties=100, issues=200,
                      quotes=20_000),
}
ALL_SIZES = ("shipped", *SYNTHETIC)

# The mix of quotes, the same at every size so that sizes compare like with like.
FUZZY_SHARE = 0.10  # a few characters changed, words swapped, curly quotes: fuzzy path
NORMALISED_SHARE = 0.05  # white space, case or typography differ: normalised path
STATED_SHARE = (0.60, 0.90)  # each party states a random share of the issues in this range
HISTORY_SHARE = 0.15  # stated issues that also have an older, superseded entry


# -- English-ish text ----------------------------------------------------------------

ACTORS = (
    "the Kremlin", "Kyiv", "Washington", "Brussels", "Beijing", "Ankara", "the delegation",
    "European officials", "the mediators", "the foreign ministry", "the negotiators",
    "the White House", "NATO allies", "the security council", "the prime minister",
    "the president", "Western diplomats", "the envoy", "the parliament", "the generals",
)
OWNERS = (  # who can own something, in the singular
    "the Kremlin", "Kyiv", "Washington", "Moscow", "Brussels", "the envoy", "the president",
    "the delegation", "the alliance", "the foreign minister",
)
PEOPLE = (
    "Marco Rubio", "Sergei Lavrov", "Andriy Yermak", "Kaja Kallas", "Keith Kellogg",
    "Dmitry Peskov", "Emmanuel Macron", "Olaf Scholz", "Wang Yi", "Hakan Fidan",
    "Steve Witkoff", "Mark Rutte", "Ursula von der Leyen", "Keir Starmer", "Yuri Ushakov",
)
OUTLETS = (
    "POLITICO Europe", "The Tribune", "Foreign Desk", "Eastern Review", "The Ledger",
    "Global Monitor", "Capital Post", "The Dispatch", "Kyiv Independent", "Defence Weekly",
)
NOUNS = (
    "ceasefire", "border", "settlement", "guarantee", "sanction", "agreement", "proposal",
    "framework", "deadline", "withdrawal", "referendum", "corridor", "reactor", "port",
    "grain", "pipeline", "prisoner", "exchange", "treaty", "summit", "mission", "deployment",
    "territory", "region", "front", "line", "truce", "monitoring", "inspection", "election",
    "constitution", "neutrality", "membership", "alliance", "army", "navy", "airspace",
    "reparation", "asset", "fund", "loan", "reconstruction", "tariff", "embargo", "quota",
    "convoy", "airport", "bridge", "dam", "plant", "harbour", "checkpoint", "zone", "buffer",
    "accord", "protocol", "memorandum", "clause", "annex", "amendment", "veto", "mandate",
    "envoy", "channel", "talks", "round", "draft", "position", "demand", "concession",
    "timeline", "sequence", "phase", "stage", "roadmap", "mechanism", "commission", "court",
)
ADJECTIVES = (
    "comprehensive", "partial", "immediate", "lasting", "fragile", "binding", "formal",
    "temporary", "permanent", "unconditional", "limited", "broad", "narrow", "joint",
    "bilateral", "multilateral", "regional", "strategic", "military", "civilian", "economic",
    "legal", "political", "credible", "verifiable", "phased", "gradual", "swift", "slow",
    "contested", "frozen", "disputed", "occupied", "neutral", "sovereign", "independent",
    "western", "eastern", "southern", "northern", "maritime", "nuclear", "humanitarian",
)
VERBS_PAST = (
    "rejected", "accepted", "proposed", "demanded", "signalled", "insisted on", "refused",
    "welcomed", "questioned", "endorsed", "blocked", "delayed", "outlined", "drafted",
    "discussed", "offered", "dismissed", "conditioned", "linked", "tied", "ruled out",
    "floated", "pushed for", "warned against", "backed", "opposed", "revived", "froze",
)
VERBS_BASE = (
    "accept", "reject", "sign", "negotiate", "freeze", "extend", "restore", "guarantee",
    "verify", "monitor", "enforce", "lift", "impose", "recognise", "withdraw from",
    "return", "secure", "protect", "rebuild", "fund", "deploy to", "hand over", "reopen",
)
ADVERBS = (
    "firmly", "quietly", "openly", "reluctantly", "repeatedly", "publicly", "privately",
    "cautiously", "sharply", "briefly", "again", "finally", "already", "still", "largely",
)
PREPOSITIONS = ("along", "across", "inside", "around", "near", "beyond", "within", "under")
MODALS = ("would", "could", "must", "should", "might", "will", "cannot")
CONNECTIVES = ("while", "although", "because", "after", "before", "even as", "since")
TIMES = (
    "on Tuesday", "last week", "this month", "in March", "overnight", "after the call",
    "before the summit", "in Riyadh", "in Istanbul", "in Geneva", "at the talks",
)


class Prose:
    """Sentences of plausible news English about a negotiation, from a seeded RNG."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.templates: tuple[Callable[[], str], ...] = (
            self._claim, self._report, self._quote, self._possessive, self._contrast,
            self._plain,
        )

    def pick(self, words: Sequence[str]) -> str:
        return self.rng.choice(words)

    def phrase(self) -> str:
        """'the fragile ceasefire along the border' and the like."""
        words = ["the", self.pick(ADJECTIVES), self.pick(NOUNS)]
        if self.rng.random() < 0.5:
            words += ["of", "the", self.pick(NOUNS)]
        if self.rng.random() < 0.4:
            words += [self.pick(PREPOSITIONS), "the", self.pick(ADJECTIVES), self.pick(NOUNS)]
        return " ".join(words)

    def _claim(self) -> str:
        return (f"{self.pick(ACTORS)} {self.pick(VERBS_PAST)} {self.phrase()} "
                f"{self.pick(TIMES)}, saying it {self.pick(MODALS)} {self.pick(VERBS_BASE)} "
                f"{self.phrase()}.")

    def _report(self) -> str:
        return (f"{self.pick(PEOPLE)} said {self.pick(ACTORS)} stood {self.pick(ADVERBS)} "
                f"ready to {self.pick(VERBS_BASE)} {self.phrase()}.")

    def _quote(self) -> str:
        said = (f"We {self.pick(MODALS)} {self.pick(VERBS_BASE)} {self.phrase()}, "
                f"not {self.phrase()}")
        return f"\u201c{said},\u201d {self.pick(PEOPLE)} told {self.pick(OUTLETS)}."

    def _possessive(self) -> str:
        return (f"{self.pick(OWNERS)}\u2019s {self.pick(NOUNS)} {self.pick(VERBS_PAST)} "
                f"{self.phrase()} \u2014 "
                f"{self.pick(ADVERBS)}, {self.pick(CONNECTIVES)} {self.phrase()} "
                f"{self.pick(VERBS_PAST)} {self.phrase()}.")

    def _contrast(self) -> str:
        return (f"{self.pick(CONNECTIVES).capitalize()} {self.pick(ACTORS)} "
                f"{self.pick(VERBS_PAST)} {self.phrase()}, {self.pick(ACTORS)} "
                f"{self.pick(ADVERBS)} {self.pick(VERBS_PAST)} {self.phrase()}.")

    def _plain(self) -> str:
        return (f"{self.phrase().capitalize()} {self.pick(VERBS_PAST)} "
                f"{self.phrase()} {self.pick(TIMES)}.")

    def sentence(self) -> str:
        text = self.rng.choice(self.templates)()
        return text[0].upper() + text[1:]

    def article(self, author: str, outlet: str, target_bytes: int) -> str:
        """A seed text of about ``target_bytes`` bytes: a byline, then paragraphs."""
        paragraphs = [f"{author} writes for {outlet}."]
        size = len(paragraphs[0])
        while size < target_bytes:
            paragraph = " ".join(self.sentence() for _ in range(self.rng.randint(2, 5)))
            paragraphs.append(paragraph)
            size += len(paragraph.encode()) + 1
        return "\n".join(paragraphs) + "\n"


# -- quotes --------------------------------------------------------------------------

_WORD = re.compile(r"\S+")
_TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                             "\u2014": "-", "\u2013": "-"})


def fold(text: str) -> str:
    """Typography, case and white space folded, as posdiff's normalised match does."""
    return " ".join(text.translate(_TYPOGRAPHY).lower().split())


class QuotePicker:
    """Takes quotes of 8-25 words from a seed's paragraphs, unique in the seed if it can."""

    def __init__(self, rng: random.Random, text: str) -> None:
        self.rng = rng
        self.text = text
        self.paragraphs: list[list[tuple[int, int]]] = []  # word spans per paragraph
        offset = 0
        for line in text.split("\n"):
            spans = [(offset + m.start(), offset + m.end()) for m in _WORD.finditer(line)]
            if len(spans) >= 25:
                self.paragraphs.append(spans)
            offset += len(line) + 1
        if not self.paragraphs:
            raise ValueError("seed text has no paragraph long enough to quote")

    def pick(self, min_words: int = 8, max_words: int = 25) -> str:
        quote = ""
        for _ in range(12):
            spans = self.rng.choice(self.paragraphs)
            count = self.rng.randint(min_words, max_words)
            first = self.rng.randrange(len(spans) - count + 1)
            quote = self.text[spans[first][0] : spans[first + count - 1][1]]
            if self.text.count(quote) == 1:
                break
        return quote


def normalised_variant(rng: random.Random, quote: str) -> str:
    """The quote with white space, case and typography changed: found only after folding."""
    words = quote.split(" ")
    gap = rng.randrange(1, len(words))
    words[gap] = (" " if rng.random() < 0.5 else "\n") + words[gap]  # doubled space/newline
    variant = " ".join(words)
    variant = variant.lower() if rng.random() < 0.5 else variant.upper()
    return variant.translate(_TYPOGRAPHY)


def fuzzy_variant(rng: random.Random, quote: str) -> str:
    """The quote slightly misquoted, so only the fuzzy path finds it (score well above 85)."""
    from rapidfuzz import fuzz

    for _ in range(20):
        variant = _misquote(rng, quote)
        if fold(variant) != fold(quote) and fuzz.ratio(fold(variant), fold(quote)) >= 92:
            return variant
    return _edit_characters(rng, quote, 1)


def _misquote(rng: random.Random, quote: str) -> str:
    kind = rng.choice(("characters", "swap", "curly"))
    if kind == "swap":
        words = quote.split(" ")
        short = [i for i in range(len(words) - 1)
                 if len(words[i]) <= 5 and len(words[i + 1]) <= 5 and words[i] != words[i + 1]]
        if short:
            i = rng.choice(short)
            words[i], words[i + 1] = words[i + 1], words[i]
            return " ".join(words)
    if kind == "curly":  # curly quotes around it, and a typo as well
        return "\u201c" + _edit_characters(rng, quote, 1) + "\u201d"
    return _edit_characters(rng, quote, rng.randint(1, 3))


def _edit_characters(rng: random.Random, quote: str, edits: int) -> str:
    chars = list(quote)
    for _ in range(edits):
        letters = [i for i, c in enumerate(chars) if c.isalpha()]
        i = rng.choice(letters)
        action = rng.choice(("replace", "drop", "double"))
        if action == "replace":
            chars[i] = rng.choice([c for c in "aeioustrnl" if c != chars[i].lower()])
        elif action == "drop":
            del chars[i]
        else:
            chars.insert(i, chars[i])
    return "".join(chars)


# -- generating a dataset ------------------------------------------------------------

QUALIFIERS = (
    "border", "energy", "grain", "nuclear", "maritime", "prisoner", "sanctions", "security",
    "territorial", "language", "church", "media", "election", "reparations", "refugee",
    "airspace", "minority", "water", "rail", "cyber",
)
TOPICS = (
    "ceasefire", "guarantees", "monitoring", "withdrawal", "exchange", "referendum",
    "relief", "corridor", "demarcation", "inspections", "sequencing", "compensation",
    "neutrality", "deployment", "recognition", "amnesty", "access", "tribunal", "quotas",
    "status",
)
SCALE_LABELS = ("symbolic", "token", "limited", "partial", "phased", "conditional",
                "substantial", "near-complete")
SYLLABLES = ("va", "lor", "ka", "ren", "mi", "dor", "sa", "tel", "o", "bra", "nis", "ul",
             "ze", "ran", "po", "vek", "ta", "mor", "li", "gar", "e", "sto", "nia", "ber")
REGIONS = ("north", "south", "east", "west", "upper", "lower", "new", "greater")


@dataclass(slots=True)
class DataStats:
    """What a dataset holds; the basis of the growth ratios."""

    parties: int = 0
    issues: int = 0
    positions: int = 0
    quotes: int = 0
    seeds: int = 0
    seed_bytes: int = 0
    yaml_bytes: int = 0
    quote_mix: dict[str, int] = field(default_factory=dict)  # generated data only


@dataclass(frozen=True, slots=True)
class Dataset:
    name: str
    positions: Path
    seeds: Path
    stats: DataStats
    first_party: str
    second_party: str

    def args(self) -> list[str]:
        return ["--positions", str(self.positions), "--seeds", str(self.seeds)]


def write_yaml(path: Path, schema: str, document: dict[str, Any]) -> int:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = (f"# yaml-language-server: $schema=../schema/{schema}.schema.json\n"
            + yaml.dump(document, Dumper=dumper, sort_keys=False, allow_unicode=True,
                        width=1_000_000))
    data = text.encode()
    path.write_bytes(data)
    return len(data)


def _names(rng: random.Random, count: int, used: set[str]) -> Iterator[str]:
    """Unique made-up place names, kebab-case, none in ``used`` (which is updated)."""
    made = 0
    while made < count:
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
        if rng.random() < 0.2:
            name = f"{rng.choice(REGIONS)}-{name}"
        if len(name) >= 4 and name not in used:
            used.add(name)
            made += 1
            yield name


def _random_date(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def generate(spec: SizeSpec, root: Path) -> Dataset:
    """Write the dataset ``spec`` under ``root`` (positions/ and seeds/); deterministic."""
    rng = random.Random(f"{RANDOM_SEED}-{spec.name}")
    prose = Prose(rng)
    positions_dir, seeds_dir = root / "positions", root / "seeds"
    for folder in (positions_dir, seeds_dir):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    stats = DataStats(parties=spec.parties, issues=spec.issues, seeds=spec.seeds)
    pickers = _write_seeds(spec, rng, prose, seeds_dir, stats)
    issues = _write_issues(spec, rng, positions_dir, stats)
    ids = _write_parties(spec, rng, prose, issues, pickers, positions_dir, stats)
    return Dataset(spec.name, positions_dir, seeds_dir, stats, ids[0], ids[1])


def _write_seeds(spec: SizeSpec, rng: random.Random, prose: Prose, seeds_dir: Path,
                 stats: DataStats) -> list[tuple[str, QuotePicker]]:
    """Seed texts of about ``spec.seed_bytes``, named like the shipped ones, and their
    index; returns a quote picker per seed id."""
    index: list[dict[str, Any]] = []
    pickers: list[tuple[str, QuotePicker]] = []
    for number in range(spec.seeds):
        author, outlet = rng.choice(PEOPLE), rng.choice(OUTLETS)
        text = prose.article(author, outlet, int(spec.seed_bytes * rng.uniform(0.8, 1.2)))
        data = text.encode()
        file = f"{number:03d}_{hashlib.sha256(data).hexdigest()[:16]}.txt"
        (seeds_dir / file).write_bytes(data)
        stats.seed_bytes += len(data)
        seed_id = f"{author.split()[-1].lower()}-{outlet.lower().replace(' ', '-')}-{number}"
        index.append({"id": seed_id, "file": file, "outlet": outlet, "author": author,
                      "title": prose.phrase().capitalize(),
                      "date": _random_date(rng, dt.date(2022, 2, 1), dt.date(2025, 6, 30))})
        pickers.append((seed_id, QuotePicker(rng, text)))
    stats.yaml_bytes += write_yaml(seeds_dir / "index.yaml", "seeds", {"seeds": index})
    return pickers


def _write_issues(spec: SizeSpec, rng: random.Random, positions_dir: Path,
                  stats: DataStats) -> list[dict[str, Any]]:
    """The catalogue: kebab-case ids, 2-5 labelled anchors with 0 and 100 among them."""
    pairs = [(q, t) for q in QUALIFIERS for t in TOPICS]
    rng.shuffle(pairs)
    issues: list[dict[str, Any]] = []
    for qualifier, topic in pairs[: spec.issues]:
        middle = sorted(rng.sample(range(5, 96, 5), rng.randint(0, 3)))
        labels = rng.sample(SCALE_LABELS, len(middle))
        scale = [{"at": 0, "label": f"no {topic}",
                  "description": f"nothing on {qualifier} {topic} is conceded"}]
        scale += [{"at": at, "label": f"{label} {topic}"}
                  for at, label in zip(middle, labels, strict=True)]
        scale.append({"at": 100, "label": f"full {topic}"})
        issues.append({"id": f"{qualifier}-{topic}",
                       "title": f"{qualifier.capitalize()} {topic}",
                       "question": f"How far should the settlement go on {qualifier} {topic}?",
                       "scale": scale})
    stats.yaml_bytes += write_yaml(positions_dir / "issues.yaml", "issues", {"issues": issues})
    return issues


def _write_parties(spec: SizeSpec, rng: random.Random, prose: Prose,
                   issues: list[dict[str, Any]], pickers: list[tuple[str, QuotePicker]],
                   positions_dir: Path, stats: DataStats) -> list[str]:
    """One file per party; returns the party ids in file order."""
    # Which issues each party states (some twice, with an older entry), then how many
    # quotes each entry carries so that the total is spec.quotes.
    used: set[str] = set()
    ids = sorted(_names(rng, spec.parties, used))
    entries: list[tuple[str, dict[str, Any], dt.date]] = []  # (party, issue, as_of)
    for party in ids:
        share = rng.uniform(*STATED_SHARE)
        for issue in rng.sample(issues, max(1, round(share * len(issues)))):
            latest = _random_date(rng, dt.date(2023, 1, 1), dt.date(2025, 6, 30))
            entries.append((party, issue, latest))
            if rng.random() < HISTORY_SHARE:
                entries.append((party, issue, latest - dt.timedelta(days=rng.randint(30, 400))))
    quote_counts = [1] * len(entries)
    for _ in range(max(0, spec.quotes - len(entries))):
        quote_counts[rng.randrange(len(entries))] += 1
    stats.positions, stats.quotes = len(entries), sum(quote_counts)

    order: list[int] = []  # every seed is cited: quotes take seeds in shuffled rounds
    mix = stats.quote_mix = {"exact": 0, "normalised": 0, "fuzzy": 0}

    def next_evidence() -> dict[str, str]:
        if not order:
            order.extend(rng.sample(range(len(pickers)), len(pickers)))
        seed_id, picker = pickers[order.pop()]
        roll = rng.random()
        if roll < FUZZY_SHARE:
            mix["fuzzy"] += 1
            return {"seed": seed_id, "quote": fuzzy_variant(rng, picker.pick(12, 25))}
        if roll < FUZZY_SHARE + NORMALISED_SHARE:
            mix["normalised"] += 1
            return {"seed": seed_id, "quote": normalised_variant(rng, picker.pick())}
        mix["exact"] += 1
        return {"seed": seed_id, "quote": picker.pick()}

    by_party: dict[str, list[dict[str, Any]]] = {party: [] for party in ids}
    for (party, issue, as_of), quotes in zip(entries, quote_counts, strict=True):
        by_party[party].append(_position(rng, prose, issue, as_of,
                                         [next_evidence() for _ in range(quotes)]))
    for party in ids:
        alias = next(_names(rng, 1, used))
        document = {"party": party, "name": party.replace("-", " ").title(),
                    "aliases": [alias], "clout": round(rng.uniform(0.5, 3.0), 1),
                    "positions": by_party[party]}
        stats.yaml_bytes += write_yaml(positions_dir / f"{party}.yaml", "party", document)
    return ids


def _position(rng: random.Random, prose: Prose, issue: dict[str, Any], as_of: dt.date,
              evidence: list[dict[str, str]]) -> dict[str, Any]:
    """One valid position entry: value or anchor label, range containing it, red line."""
    value: int = rng.randint(0, 100)
    position: int | str = value
    if rng.random() < 0.1:
        anchor = rng.choice(issue["scale"])
        position, value = anchor["label"], anchor["at"]
    entry: dict[str, Any] = {"issue": issue["id"], "as_of": as_of, "position": position,
                             "salience": rng.randint(0, 100)}
    if rng.random() < 0.6:
        entry["acceptable"] = [rng.randint(0, value), rng.randint(value, 100)]
        if rng.random() < 0.25:
            entry["red_line"] = True
    entry["stance"] = prose.sentence()
    entry["evidence"] = evidence
    return entry


def shipped_dataset() -> Dataset | None:
    """The repository's own record, or None (with the reason printed) when there is none."""
    positions, seeds = REPO / "positions", REPO / "seeds"
    parties = sorted(p for p in positions.glob("*.y*ml") if p.stem != "issues") \
        if positions.is_dir() else []
    if not parties or not (positions / "issues.yaml").is_file() \
            or not (seeds / "index.yaml").is_file():
        print(f"  shipped: skipped, {positions} has no issues.yaml and party files "
              f"or {seeds} has no index.yaml")
        return None
    stats = DataStats(seed_bytes=sum(p.stat().st_size for p in seeds.glob("*.txt")))
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    ids: list[str] = []
    for path in [positions / "issues.yaml", seeds / "index.yaml", *parties]:
        stats.yaml_bytes += path.stat().st_size
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
        if path.name == "issues.yaml":
            stats.issues = len(document.get("issues") or [])
        elif path.name == "index.yaml":
            stats.seeds = len(document.get("seeds") or [])
        else:
            ids.append(str(document.get("party", path.stem)))
            entries = document.get("positions") or []
            stats.positions += len(entries)
            stats.quotes += sum(len(e.get("evidence") or []) for e in entries)
    stats.parties = len(ids)
    first, second = ("russia", "ukraine") if {"russia", "ukraine"} <= set(ids) \
        else (ids[0], ids[min(1, len(ids) - 1)])
    return Dataset("shipped", positions, seeds, stats, first, second)


def prepare(spec: SizeSpec, out: Path) -> Dataset:
    """Generate ``spec`` under ``out``, or reuse a copy made by the same generator."""
    root = out / spec.name
    manifest = root / "manifest.json"
    key = {"generator": GENERATOR_VERSION, "seed": RANDOM_SEED, "spec": asdict(spec)}
    if manifest.is_file():
        saved = json.loads(manifest.read_text())
        if saved.get("key") == key:
            print(f"  {spec.name}: reused from {root}")
            return Dataset(spec.name, root / "positions", root / "seeds",
                           DataStats(**saved["stats"]), *saved["parties"])
    started = time.perf_counter()
    dataset = generate(spec, root)
    manifest.write_text(json.dumps({"key": key, "stats": asdict(dataset.stats),
                                    "parties": [dataset.first_party, dataset.second_party]},
                                   indent=2))
    print(f"  {spec.name}: generated in {time.perf_counter() - started:.1f} s")
    return dataset


# -- running child processes ---------------------------------------------------------

# Linux folds the high-water RSS of the memory a process had before exec() into the
# child's ru_maxrss; a child forked straight from this script (which holds the generated
# data) would report this script's peak, not its own. So each timed command is started
# by this minimal launcher (bare Python, no site: a few MiB), which spawns it with its
# output to /dev/null and reports the exit code, wall time and ru_maxrss from os.wait4.
LAUNCHER = """
import os, sys, time
null = os.open(os.devnull, os.O_RDWR)
streams = [(os.POSIX_SPAWN_DUP2, null, fd) for fd in (0, 1, 2)]
started = time.perf_counter()
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ, file_actions=streams)
_, status, usage = os.wait4(pid, 0)
print(os.waitstatus_to_exitcode(status), time.perf_counter() - started, usage.ru_maxrss)
"""


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float
    max_rss_mb: float  # peak resident set size, in 10^6 bytes


@dataclass(frozen=True, slots=True)
class Runner:
    """Starts the measured commands, every one with the same environment."""

    env: dict[str, str]
    bytecode: str  # how Python's bytecode cache is set up, said in the report

    @classmethod
    def create(cls, out: Path, cache_bytecode: bool) -> Runner:
        """With ``cache_bytecode``, modules are compiled once into ``out``/pycache and
        loaded from there, as from an installed package (and src/ gets no __pycache__);
        without it, nothing is written and modules without a .pyc compile on every run."""
        env = dict(os.environ)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.pop("PYTHONPYCACHEPREFIX", None)
        if cache_bytecode:
            env["PYTHONPYCACHEPREFIX"] = str(out / "pycache")
            return cls(env, f"cached in {out / 'pycache'} (PYTHONPYCACHEPREFIX)")
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        return cls(env, "not cached (PYTHONDONTWRITEBYTECODE=1): posdiff compiles every run")

    def time(self, argv: Sequence[str], cwd: Path) -> Run:
        """Run ``argv`` once through the launcher: its wall time and peak RSS."""
        report = subprocess.run([sys.executable, "-I", "-S", "-c", LAUNCHER, *argv],
                                cwd=cwd, env=self.env, capture_output=True, text=True,
                                check=True).stdout.split()
        code, seconds, max_rss_kib = int(report[0]), float(report[1]), int(report[2])
        if code != 0:
            output = self.captured(argv, cwd)[1]
            raise SystemExit(f"bench: `{' '.join(argv)}` exited {code}:\n{output[-2000:]}")
        return Run(seconds, max_rss_kib * 1024 / 1e6)

    def measure(self, argv: Sequence[str], cwd: Path, repeat: int) -> list[Run]:
        return [self.time(argv, cwd) for _ in range(repeat)]

    def captured(self, argv: Sequence[str], cwd: Path) -> tuple[int, str]:
        """Run ``argv`` once; its exit code and output (stdout and stderr)."""
        done = subprocess.run(argv, cwd=cwd, env=self.env, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True)
        return done.returncode, done.stdout + done.stderr


def summarise(runs: Sequence[Run]) -> Run:
    """Median wall time, highest peak RSS."""
    return Run(statistics.median(r.seconds for r in runs), max(r.max_rss_mb for r in runs))


def posdiff_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "posdiff", *args]


# -- reporting -----------------------------------------------------------------------

def table(headers: Sequence[str], rows: Sequence[Sequence[str]], left: int = 1) -> str:
    """A plain-text table; the first ``left`` columns left-aligned, the others right."""
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(str(c).ljust(w) if i < left else str(c).rjust(w)
                         for i, (c, w) in enumerate(zip(cells, widths, strict=True))).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def heading(text: str) -> None:
    print(f"\n## {text}\n", flush=True)


def machine_facts() -> list[tuple[str, str]]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:  # read-only git commands
        commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, check=True).stdout.strip()
        changed = subprocess.run(["git", "-C", str(REPO), "diff", "--quiet", "HEAD", "--",
                                  "src"], capture_output=True).returncode
        commit += " (src/ has uncommitted changes)" if changed else ""
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        ("date", dt.datetime.now().astimezone().isoformat(timespec="seconds")),
        ("cpu", cpu),
        ("cores", f"{os.cpu_count()} (usable: {len(os.sched_getaffinity(0))})"),
        ("load average", f"{load} (1, 5, 15 min)"),
        ("os", platform.platform()),
        ("python", f"{platform.python_version()} ({sys.executable})"),
        ("posdiff commit", commit),
        ("dependencies", dependency_versions()),
    ]


def dependency_versions() -> str:
    """Versions as installed for the Python that runs the commands (this one)."""
    from importlib import metadata

    versions = []
    for name in ("typer", "click", "rich", "PyYAML", "rapidfuzz", "pydantic"):
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return ", ".join(versions)


@dataclass(slots=True)
class Target:
    name: str
    measured: str
    passed: bool | None  # None: not measured in this run


def verdict(passed: bool | None) -> str:
    return {True: "PASS", False: "FAIL", None: "n/a"}[passed]


# -- the benchmark -------------------------------------------------------------------

COMMANDS = ("check", "compare", "matrix")


def command_args(command: str, dataset: Dataset) -> list[str]:
    if command == "compare":
        return ["compare", dataset.first_party, dataset.second_party, *dataset.args()]
    return [command, *dataset.args()]


def check_once(runner: Runner, dataset: Dataset) -> bool:
    """Run `posdiff check` and print its summary line; True when it reports no error.
    This also warms the file cache and the bytecode cache for the timed runs."""
    started = time.perf_counter()
    code, output = runner.captured(posdiff_argv("check", *dataset.args()),
                                   dataset.positions.parent)
    seconds = time.perf_counter() - started
    lines = [line for line in output.splitlines() if line.strip()]
    summary = lines[-1] if lines else "(no output)"
    print(f"  {dataset.name:8} {summary}  [exit {code}, {seconds:.2f} s]")
    if code != 0:
        errors = [line for line in lines if " error [" in line][:5]
        print("\n".join(f"           {line}" for line in errors))
    return code == 0


def cold_start(runner: Runner, dataset: Dataset, rounds: int) -> dict[str, Run]:
    """Median time (and peak RSS) of a cold `posdiff compare`, of the cold import of its
    dependencies and of bare Python, run in rotating order within each round so that
    machine noise falls on all three alike."""
    script = Path(sys.executable).parent / "posdiff"
    front = [str(script)] if script.is_file() else posdiff_argv()
    compare = [*front, "compare", dataset.first_party, dataset.second_party, *dataset.args()]
    subjects = {
        "posdiff compare": compare,
        "import floor": [sys.executable, "-c", DEPENDENCY_IMPORT],
        "bare python": [sys.executable, "-c", "pass"],
    }
    names = list(subjects)
    runs: dict[str, list[Run]] = {name: [] for name in names}
    cwd = dataset.positions.parent
    for name in names:  # warm-up, not timed
        runner.time(subjects[name], cwd)
    for round_ in range(rounds):
        turn = round_ % len(names)
        for name in names[turn:] + names[:turn]:
            runs[name].append(runner.time(subjects[name], cwd))
    for name in names:
        shown = " ".join(Path(arg).name if arg.startswith("/") else arg
                         for arg in subjects[name])
        print(f"  {name:16} {shown}")
    print(f"\n  {rounds} rounds on the {dataset.name} data, order rotating each round\n")
    return {name: summarise(values) for name, values in runs.items()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(ALL_SIZES),
                        help=f"comma-separated, from: {', '.join(ALL_SIZES)} [default: all]")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per command [5]")
    parser.add_argument("--repeat-large", type=int, default=3,
                        help="timed runs per command on the large dataset [3]")
    parser.add_argument("--cold-rounds", type=int, default=20,
                        help="alternating rounds of the cold-start measurement [20]")
    parser.add_argument("--out", type=Path, default=None,
                        help="keep the generated datasets here and reuse them on the next run "
                        "(e.g. benchmarks/out) [default: a temporary folder, removed]")
    parser.add_argument("--no-bytecode-cache", action="store_true",
                        help="run the commands with PYTHONDONTWRITEBYTECODE=1, so that "
                        "posdiff (in src/, without .pyc files) compiles on every run")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    options = parser.parse_args(argv)
    sizes = [s.strip() for s in options.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in ALL_SIZES]
    if unknown:
        parser.error(f"unknown size(s) {', '.join(unknown)}; choose from {', '.join(ALL_SIZES)}")
    if subprocess.run([sys.executable, "-c", "import posdiff"], capture_output=True).returncode:
        parser.error(f"posdiff is not importable by {sys.executable}; run this with the "
                     "Python of the environment where posdiff is installed")

    # Absolute, because the commands run with the dataset's folder as their cwd.
    out = (options.out or Path(tempfile.mkdtemp(prefix="posdiff-bench-"))).resolve()
    out.mkdir(parents=True, exist_ok=True)
    try:
        return benchmark(sizes, options, out)
    finally:
        if options.out is None:
            shutil.rmtree(out, ignore_errors=True)


def benchmark(sizes: list[str], options: argparse.Namespace, out: Path) -> int:
    print("# posdiff benchmark\n")
    runner = Runner.create(out, cache_bytecode=not options.no_bytecode_cache)
    facts = [*machine_facts(), ("bytecode", runner.bytecode)]
    width = max(len(key) for key, _ in facts)
    print("\n".join(f"{key.ljust(width)}  {value}" for key, value in facts))
    results: dict[str, Any] = {"machine": dict(facts)}

    heading("Datasets")
    datasets = build_datasets(sizes, out)
    valid = all([check_once(runner, d) for d in datasets])
    if not valid:
        print("\nbench: some datasets have errors; the figures below are not trustworthy")
    results["datasets"] = {d.name: asdict(d.stats) for d in datasets}

    heading("Cold start")
    cold = cold_start_section(runner, datasets, options.cold_rounds)
    results["cold_start"] = {name: asdict(run) for name, run in cold.items()}

    heading("Wall time and peak memory")
    timings = timing_section(runner, datasets, options.repeat, options.repeat_large)
    results["timings"] = {f"{d} {c}": asdict(run) for (d, c), run in timings.items()}

    heading("Growth from one size to the next")
    floor = cold["import floor"].seconds if cold else 0.0
    growth = growth_section([d for d in datasets if d.name in SYNTHETIC], timings, floor)

    heading("Targets")
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average now: {load} (1, 5, 15 min); figures from a busy machine vary\n")
    targets = judge(cold, timings, growth)
    print(table(["target", "measured", "verdict"],
                [[t.name, t.measured, verdict(t.passed)] for t in targets], left=3))
    results["targets"] = [asdict(t) for t in targets]
    if options.json:
        options.json.write_text(json.dumps(results, indent=2, default=str) + "\n")
    return 0 if valid else 1


def build_datasets(sizes: Sequence[str], out: Path) -> list[Dataset]:
    datasets: list[Dataset] = []
    for size in sizes:
        dataset = shipped_dataset() if size == "shipped" else prepare(SYNTHETIC[size], out)
        if dataset is not None:
            datasets.append(dataset)
    print()
    mix = ("exact", "normalised", "fuzzy")
    print(table(["dataset", "parties", "issues", "positions", "quotes", "exact/norm/fuzzy",
                 "seeds", "seed MB", "YAML MB"],
                [[d.name, str(d.stats.parties), str(d.stats.issues), str(d.stats.positions),
                  str(d.stats.quotes),
                  "/".join(str(d.stats.quote_mix[k]) for k in mix) if d.stats.quote_mix else "-",
                  str(d.stats.seeds), f"{d.stats.seed_bytes / 1e6:.2f}",
                  f"{d.stats.yaml_bytes / 1e6:.2f}"] for d in datasets]))
    print("\n`posdiff check` on each (errors must be 0; the fuzzy quotes give warnings):\n")
    return datasets


def cold_start_section(runner: Runner, datasets: Sequence[Dataset],
                       rounds: int) -> dict[str, Run]:
    """The shipped data if there are any, else the smallest generated dataset."""
    chosen = next((d for d in datasets if d.name == "shipped"), None)
    if chosen is None:
        chosen = next((d for d in datasets if d.name in SYNTHETIC), None)
        if chosen is None:
            print("  skipped: no dataset to compare on")
            return {}
        print(f"  no shipped parties: using the {chosen.name} dataset instead\n")
    medians = cold_start(runner, chosen, rounds)
    floor = medians["import floor"].seconds
    print(table(["command", "median ms", "vs import floor", "peak RSS MB"],
                [[name, f"{run.seconds * 1000:.0f}", f"{run.seconds / floor:.2f}x",
                  f"{run.max_rss_mb:.0f}"] for name, run in medians.items()]))
    return medians


def timing_section(runner: Runner, datasets: Sequence[Dataset], repeat: int,
                   repeat_large: int) -> dict[tuple[str, str], Run]:
    """Median wall time and peak RSS of each command on each dataset."""
    medians: dict[tuple[str, str], Run] = {}
    rows = []
    for dataset in datasets:
        runs_wanted = repeat_large if dataset.name == "large" else repeat
        for command in COMMANDS:
            argv = posdiff_argv(*command_args(command, dataset))
            cwd = dataset.positions.parent
            if command != "check":
                runner.time(argv, cwd)  # warm-up; `check` was warmed by check_once
            runs = runner.measure(argv, cwd, runs_wanted)
            median = medians[dataset.name, command] = summarise(runs)
            seconds = [run.seconds for run in runs]
            rows.append([dataset.name, command, f"{median.seconds:.3f}", f"{min(seconds):.3f}",
                         f"{max(seconds):.3f}", str(runs_wanted), f"{median.max_rss_mb:.0f}"])
            print(f"  {dataset.name} {command}: {median.seconds:.3f} s", flush=True)
    print()
    print(table(["dataset", "command", "median s", "min s", "max s", "runs", "peak RSS MB"],
                rows))
    return medians


@dataclass(frozen=True, slots=True)
class Step:
    """How one command's time grew from one dataset to the next larger one."""

    smaller: str
    larger: str
    command: str
    time_ratio: float
    net_ratio: float  # of the time above the import floor
    quote_ratio: float

    @property
    def linear(self) -> bool:
        return self.net_ratio <= GROWTH_MAX_EXCESS * self.quote_ratio


def growth_section(synthetic: Sequence[Dataset], medians: dict[tuple[str, str], Run],
                   floor: float) -> list[Step]:
    steps: list[Step] = []
    rows = []
    for smaller, larger in itertools.pairwise(synthetic):
        quotes = larger.stats.quotes / smaller.stats.quotes
        seed_bytes = larger.stats.seed_bytes / smaller.stats.seed_bytes
        yaml_bytes = larger.stats.yaml_bytes / smaller.stats.yaml_bytes
        for command in COMMANDS:
            before = medians[smaller.name, command].seconds
            after = medians[larger.name, command].seconds
            step = Step(smaller.name, larger.name, command, after / before,
                        max(after - floor, 1e-3) / max(before - floor, 1e-3), quotes)
            steps.append(step)
            rows.append([f"{smaller.name} -> {larger.name}", command,
                         f"{step.time_ratio:.2f}x", f"{step.net_ratio:.2f}x", f"{quotes:.1f}x",
                         f"{yaml_bytes:.1f}x", f"{seed_bytes:.1f}x",
                         f"{math.log(step.net_ratio) / math.log(quotes):.2f}"
                         if quotes != 1 else "-",
                         "yes" if step.linear else "NO"])
    if not rows:
        print("  needs two generated sizes")
        return steps
    print(table(["step", "command", "time", "time-floor", "quotes", "YAML bytes",
                 "seed bytes", "exponent", "<= linear"], rows))
    print(f"\ntime-floor: time above the import floor ({floor * 1000:.0f} ms), the part that "
          "depends on the data.\nexponent: log(time-floor ratio) / log(quote ratio); "
          "1 is linear in the quotes.\n<= linear: time-floor ratio at most "
          f"{GROWTH_MAX_EXCESS}x the quote ratio.")
    return steps


def judge(cold: dict[str, Run], timings: dict[tuple[str, str], Run],
          growth: Sequence[Step]) -> list[Target]:
    targets: list[Target] = []
    if cold:
        compare, floor = cold["posdiff compare"].seconds, cold["import floor"].seconds
        targets.append(Target(f"cold compare <= {COLD_START_MAX_RATIO}x import floor",
                              f"{compare / floor:.2f}x ({compare * 1000:.0f} ms vs "
                              f"{floor * 1000:.0f} ms)", compare / floor <= COLD_START_MAX_RATIO))
    else:
        targets.append(Target(f"cold compare <= {COLD_START_MAX_RATIO}x import floor",
                              "not measured", None))
    check, matrix = timings.get(("large", "check")), timings.get(("large", "matrix"))
    targets += [
        Target(f"check on large <= {CHECK_LARGE_MAX_SECONDS:g} s",
               f"{check.seconds:.2f} s" if check else "not measured",
               check.seconds <= CHECK_LARGE_MAX_SECONDS if check else None),
        Target(f"check on large < {CHECK_LARGE_MAX_MB:g} MB peak RSS",
               f"{check.max_rss_mb:.0f} MB" if check else "not measured",
               check.max_rss_mb < CHECK_LARGE_MAX_MB if check else None),
        Target(f"matrix on large <= {MATRIX_LARGE_MAX_SECONDS:g} s",
               f"{matrix.seconds:.2f} s" if matrix else "not measured",
               matrix.seconds <= MATRIX_LARGE_MAX_SECONDS if matrix else None),
    ]
    bad = [f"{s.command} {s.smaller}->{s.larger}: {s.net_ratio:.1f}x for {s.quote_ratio:.1f}x "
           "the quotes" for s in growth if not s.linear]
    targets.append(Target("growth close to linear in the quotes",
                          "; ".join(bad) or ("every step" if growth else "not measured"),
                          not bad if growth else None))
    return targets


if __name__ == "__main__":
    sys.exit(main())
