"""`posdiff check`: load the record, locate every quote, and collect what is wrong."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from itertools import accumulate
from typing import TYPE_CHECKING

from posdiff.diagnostics import Diagnostic, Severity, count_by_severity, error, warning
from posdiff.errors import InvalidRecord
from posdiff.model import Evidence, MatchKind, Record, Seed
from posdiff.plain import Plain
from posdiff.record.evidence import DEFAULT_MIN_WORDS, Failure, Location, locate
from posdiff.record.files import BOM, Problem, decode_utf8, read_bytes, shown
from posdiff.record.folding import ELISION, SeedText, fold
from posdiff.record.paths import RecordPaths
from posdiff.record.validate import build_record, without_cycle_collection
from posdiff.record.workers import in_shares
from posdiff.words import count, printable

if TYPE_CHECKING:
    from posdiff.record.cache import QuoteKey, ReadCache

EXCERPT_CHARS = 160
# A process locates at least this many quotes: below it, forking one costs more than it
# saves (locating takes about 50 microseconds a quote).
SHARE_QUOTES = 4_000
UNMATCHED = "unmatched"


class CheckReport(Plain):
    """All `check` finds: the record as read, every problem, the quotes by match kind."""

    __slots__ = ("record", "diagnostics", "matches", "unread")

    def __init__(self, record: Record, diagnostics: list[Diagnostic],
                 matches: Counter[str] | None = None, unread: set[str] | None = None) -> None:
        self.record = record
        self.diagnostics = diagnostics
        self.matches: Counter[str] = Counter() if matches is None else matches  # kind -> quotes
        # Seeds whose text could not be read: their quotes were not looked for.
        self.unread: set[str] = set() if unread is None else unread

    def ok(self, strict: bool = False) -> bool:
        failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
        return not any(d.severity in failing for d in self.diagnostics)

    def summary(self) -> dict[str, int]:
        record = self.record
        located = sum(self.matches[kind.value] for kind in MatchKind)
        # The record as read, whatever failed: an entry left out still counts, and a quote
        # that could not be located (its seed unreadable, its entry broken) is not located.
        quotes = max(record.quotes_read, sum(self.matches.values()))
        looked = sum(self.matches.values())
        return {
            **{f"{name}s": n for name, n in count_by_severity(self.diagnostics).items()},
            "parties": max(record.files_read, len(record.parties)),
            "issues": max(record.issues_listed, len(record.issues)),
            "seeds": max(record.seeds_indexed, len(record.seeds)),
            "positions": max(record.entries_read,
                             sum(len(p.positions) for p in record.parties.values())),
            "quotes": quotes,
            **{f"quotes_{kind.value}": self.matches[kind.value] for kind in MatchKind},
            f"quotes_{UNMATCHED}": looked - located,
            "quotes_unchecked": quotes - looked,  # their entry or seed is broken
        }


def run_check(paths: RecordPaths, min_words: int = DEFAULT_MIN_WORDS,
              progress: Callable[[int, int], None] | None = None,
              reading: Callable[[int, int], None] | None = None,
              cache: ReadCache | None = None) -> CheckReport:
    """Load the record and locate every quote; ``reading(done, total)`` is told the
    party files read, then ``progress(done, total)`` the quotes located, seed by seed.
    What ``cache`` holds of an earlier check is not read or located again, and what
    this one reads is added to it."""
    loaded = build_record(paths.positions, paths.seeds, reading, cache)
    report = CheckReport(loaded.record, list(loaded.diagnostics))
    record = report.record
    evidence = record.evidence()
    cited = set(record.cited or ()) | {e.seed for e in evidence}
    # Not when no party file was read, or one could not be: what it cites is not known
    # (its own problem is said).
    for seed in record.seeds.values() if record.files_read and record.cited is not None \
            else ():
        if seed.id not in cited:
            report.diagnostics.append(warning(
                seed.location.file, seed.location.line, seed.location.column, "uncited-seed",
                f"seed '{seed.id}' is cited by no position; cite it or drop it from the index"))
    for seed in record.seeds.values():
        if not seed.sha256:
            report.diagnostics.append(warning(
                seed.location.file, seed.location.line, seed.location.column, "unpinned-seed",
                f"seed '{seed.id}' is not pinned: a change to {seed.file} would go unseen; add "
                f"`sha256:` with its hash (`posdiff seeds --format json` shows it, as does "
                "`sha256sum`)"))
    pinned = [s.id for s in record.seeds.values() if s.sha256 and s.id not in cited]
    _, problems = read_seeds(record, pinned)  # uncited but pinned: verify the pin too
    report.diagnostics += problems
    report.diagnostics += locate_evidence(record, evidence, min_words, report.matches,
                                          progress, cache, report.unread)
    report.diagnostics.sort(key=Diagnostic.sort_key)
    return report


def checked_record(paths: RecordPaths,
                   progress: Callable[[int, int], None] | None = None,
                   reading: Callable[[int, int], None] | None = None) -> Record:
    """The record, every quote located, once `check` finds no error in it: any error that
    check reports (a quote not in its seed as much as a broken file) raises InvalidRecord,
    so that nothing is scored from a record that fails check. Warnings do not block."""
    report = run_check(paths, progress=progress, reading=reading)
    if errors := [d for d in report.diagnostics if d.is_error]:
        raise InvalidRecord(errors)
    return report.record


def read_seeds(record: Record, seed_ids: Iterable[str]
               ) -> tuple[dict[str, SeedFile], list[Diagnostic]]:
    """The texts of these seeds, each checked against its pinned sha256 if it has one. A
    text that changed is still given: locating its quotes in it names those it broke."""
    texts: dict[str, SeedFile] = {}
    problems: list[Diagnostic] = []
    for seed_id in seed_ids:
        seed = record.seeds[seed_id]
        data = read_bytes(seed.path, record.seeds_dir)
        if isinstance(data, Problem):
            problems.append(error(shown(seed.path), 1, 1, data.code, data.message))
            continue
        if not data.removeprefix(BOM).strip():  # one problem, not one per quote (nor a pin)
            where = seed.location
            problems.append(error(where.file, where.line, where.column, "empty-seed",
                                  f"seed file '{printable(seed.file)}' holds no text; paste "
                                  "the source's text into it"))
            continue
        digest = hashlib.sha256(data).hexdigest()
        text, undecodable = decode_utf8(data, shown(seed.path))
        problems += undecodable
        if seed.sha256 and digest != seed.sha256 and text is not None:  # an encoding that
            # cannot be read is the one problem: saved again as UTF-8, it may match its pin
            problems.append(_changed(seed, digest))
        if text is not None:
            texts[seed_id] = SeedFile(text, digest)
    return texts, problems


def _changed(seed: Seed, digest: str) -> Diagnostic:
    where = seed.location
    pinned = seed.sha256 or ""
    # Shortened where the two differ, so that the two hashes shown never read the same.
    shown = next((i for i, (a, b) in enumerate(zip(digest, pinned, strict=False)) if a != b),
                 len(pinned)) + 8
    return error(where.file, where.line, where.column, "seed-changed",
                 f"seed '{seed.id}' ({seed.file}) has sha256 {_hash_start(digest, shown)}, but "
                 f"the index pins {_hash_start(pinned, shown)}: the text changed after its "
                 "quotes were checked; "
                 "restore it, or re-read every quote that cites it and update sha256 (the "
                 "quotes that no longer match are reported too)")


def _hash_start(digest: str, length: int) -> str:
    return digest if len(digest) <= max(length, 12) else digest[:max(length, 12)] + "…"


def locate_evidence(record: Record, evidence: Iterable[Evidence], min_words: int,
                    matches: Counter[str] | None = None,
                    progress: Callable[[int, int], None] | None = None,
                    cache: ReadCache | None = None,
                    unread: set[str] | None = None) -> list[Diagnostic]:
    """Set ``match`` on each piece of evidence, reading each seed once; return problems:
    those reading the seeds first, then those of the quotes, seed by seed. A quote that
    ``cache`` holds is not located again; those located are added to it. The seeds that
    cannot be read are added to ``unread``: their quotes are not counted in ``matches``
    (not looked for, rather than not found)."""
    matches = Counter() if matches is None else matches
    by_seed: dict[str, list[Evidence]] = defaultdict(list)
    for item in evidence:
        by_seed[item.seed].append(item)
    groups = list(by_seed.values())
    located_by = [0, *accumulate(map(len, groups))]  # quotes located after n seeds
    seeds_done = 0

    def advance(seeds: int) -> None:
        nonlocal seeds_done
        seeds_done += seeds
        if progress:
            progress(located_by[seeds_done], located_by[-1])

    advance(0)
    known = {} if cache is None else cache.quotes
    with without_cycle_collection():
        located = in_shares(partial(_locate_seed, record, known), groups,
                            [len(group) for group in groups], SHARE_QUOTES, advance)
    problems = [problem for reading, _, _ in located for problem in reading]
    for group, (_, digest, places) in zip(groups, located, strict=True):
        if digest is None and unread is not None:
            unread.add(group[0].seed)
        for item, place in zip(group, places, strict=True):
            item.match = place.match if place else None
            if place is None:
                continue
            matches[item.match.kind.value if item.match else UNMATCHED] += 1
            problems += _judge(item, place, min_words)
            if cache is not None and digest is not None:
                cache.quotes[_quote_key(digest, item)] = place
    return problems


class SeedFile(Plain):
    __slots__ = ("text", "digest")

    def __init__(self, text: str, digest: str) -> None:
        self.text = text
        self.digest = digest  # sha256 of its bytes: what a place found in it depends on


def _locate_seed(record: Record, known: Mapping[QuoteKey, Location], quotes: list[Evidence]
                 ) -> tuple[list[Diagnostic], str | None, list[Location | None]]:
    """The problems reading the seed of ``quotes``, the sha256 of its bytes, and where
    each quote is in it (None when the seed cannot be read); ``known`` places are not
    looked for again. Sets nothing: it may run in another process."""
    seed_id = quotes[0].seed
    texts, reading = read_seeds(record, [seed_id])
    if seed_id not in texts:
        return reading, None, [None] * len(quotes)
    text, digest = texts[seed_id].text, texts[seed_id].digest
    seed: SeedText | None = None  # made only if a quote is not known: it takes time
    places: list[Location | None] = []
    for item in quotes:
        place = known.get(_quote_key(digest, item))
        if place is None:
            seed = seed or SeedText(text)
            place = locate(seed, item.quote, item.prefix, item.suffix)
        places.append(place)
    return reading, digest, places


def _quote_key(digest: str, item: Evidence) -> QuoteKey:
    return digest, item.quote, item.prefix, item.suffix


_WHY: dict[Failure, str] = {
    "not-found": "quote not found in seed '{seed}'",
    "mid-word": "quote starts or ends inside a word of seed '{seed}'; quote whole words",
    "order": "the parts of this elided quote (...) are not in seed '{seed}' in this order",
    "paragraph": "the parts of this elided quote (...) occur in seed '{seed}', but not "
                       "within one paragraph; an elision may not span paragraphs",
}


def _judge(evidence: Evidence, found: Location, min_words: int) -> list[Diagnostic]:
    at = (evidence.location.file, evidence.location.line, evidence.location.column)
    nearest = found.nearest
    if found.failure == "context":
        line = f" (first at line {nearest.line})" if nearest else ""
        reads = f"; the text there reads: \"{_excerpt(nearest.passage)}\"" if nearest else ""
        return [error(*at, "quote-context-mismatch",
                      f"quote occurs {count(found.occurrences, 'time')} in seed "
                      f"'{evidence.seed}'{line} but never with the given prefix/suffix{reads}")]
    if found.failure == "across-paragraphs":
        line = f" at line {nearest.line}" if nearest else ""
        return [error(*at, "quote-not-found",
                      f"quote runs across a paragraph break of seed '{evidence.seed}'{line}; "
                      "a quote lies within one paragraph: quote each paragraph's words "
                      "separately")]
    if found.match is None:
        from posdiff.record.nearest import UNRELATED  # here: a located quote needs none

        message = _WHY[found.failure or "not-found"].format(seed=evidence.seed)
        if nearest == UNRELATED and _elided(evidence.quote):
            message += ("; no passage of it holds two words of the part not found, and a "
                        "fifth of them: is that part the seed's?")
        elif nearest == UNRELATED:
            message += ("; no passage of it holds two of the quote's words, and a fifth of "
                        "them: is it the seed meant?")
        elif nearest is not None:
            # The whole passage compared: every word the differences name is in it.
            message += f"; nearest passage, line {nearest.line}: \"{nearest.passage}\""
            if nearest.differences:
                message += f"; where they differ: {'; '.join(nearest.differences)}"
        return [error(*at, "quote-not-found", message)]
    pinned = bool(evidence.prefix or evidence.suffix)
    if found.shortest_fragment < min_words and not (pinned and found.occurrences == 1):
        part = "quote" if not found.match.elided else "shortest part of this elided quote"
        pin = ("add a prefix or suffix (the words just before or after it in the seed) that "
               "pins it there" if found.occurrences == 1 else
               "add a prefix or suffix that makes it occur exactly once (it occurs "
               f"{count(found.occurrences, 'time')})")
        return [error(*at, "quote-too-short",
                      f"{part} has {count(found.shortest_fragment, 'word')}, fewer than "
                      f"{min_words}: quote more of the passage, or {pin}")]
    if found.occurrences > 1:
        return [warning(*at, "quote-ambiguous",
                        f"quote occurs {found.occurrences} times in seed '{evidence.seed}' "
                        f"(first at line {found.match.line}); add a prefix or suffix to say "
                        "which is meant")]
    return []


def _elided(quote: str) -> bool:
    return ELISION in fold(quote)


def _excerpt(text: str) -> str:
    """At most EXCERPT_CHARS of a passage, cut after a whole word."""
    if len(text) <= EXCERPT_CHARS:
        return text
    cut = text[: EXCERPT_CHARS - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"
