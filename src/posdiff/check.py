"""`posdiff check`: load the record, anchor every quote, and collect what is wrong."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from posdiff.anchoring import AnchorSettings, Anchoring, SeedText, anchor_quote, word_count
from posdiff.diagnostics import Diagnostic, Severity, count_by_severity, error, warning
from posdiff.loader import load_dataset, shown
from posdiff.model import Dataset, Evidence, MatchKind, QuoteMatch
from posdiff.paths import DatasetPaths
from posdiff.textio import read_text

MAX_SEED_BYTES = 20 * 1024 * 1024
EXCERPT_CHARS = 160


@dataclass(slots=True)
class CheckReport:
    dataset: Dataset
    diagnostics: list[Diagnostic]
    matches: Counter[str] = field(default_factory=Counter)  # match kind -> quotes

    def ok(self, strict: bool = False) -> bool:
        failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
        return not any(d.severity in failing for d in self.diagnostics)

    def summary(self) -> dict[str, int]:
        dataset = self.dataset
        return {
            **{f"{name}s": n for name, n in count_by_severity(self.diagnostics).items()},
            "parties": len(dataset.parties),
            "issues": len(dataset.issues),
            "seeds": len(dataset.seeds),
            "positions": sum(len(p.positions) for p in dataset.parties.values()),
            "quotes": sum(self.matches.values()),
            **{f"quotes_{kind.value}": self.matches[kind.value] for kind in MatchKind},
            "quotes_unmatched": self.matches["unmatched"],
        }


def run_check(paths: DatasetPaths, settings: AnchorSettings = AnchorSettings()) -> CheckReport:
    loaded = load_dataset(paths.positions, paths.seeds)
    report = CheckReport(loaded.dataset, list(loaded.diagnostics))
    anchor_all(report, settings)
    report.diagnostics.sort(key=Diagnostic.sort_key)
    return report


def anchor_all(report: CheckReport, settings: AnchorSettings) -> None:
    """Anchor every quote, one seed at a time so each seed is read and indexed once."""
    dataset = report.dataset
    by_seed: dict[str, list[Evidence]] = defaultdict(list)
    for party in dataset.parties.values():
        for position in party.positions:
            for evidence in position.evidence:
                by_seed[evidence.seed].append(evidence)
    for seed_id, seed in dataset.seeds.items():
        quotes = by_seed.get(seed_id, [])
        if not quotes:
            report.diagnostics.append(warning(
                seed.location.file, seed.location.line, seed.location.column, "uncited-seed",
                f"seed '{seed_id}' is cited by no position; cite it or drop it from the index"))
            continue
        text, problems = read_text(seed.path, shown(seed.path), MAX_SEED_BYTES)
        report.diagnostics.extend(problems)
        if text is None:
            report.matches["unmatched"] += len(quotes)
            continue
        seed_text = SeedText(text)
        for evidence in quotes:
            result = anchor_quote(seed_text, evidence.quote, evidence.prefix, evidence.suffix,
                                  settings)
            evidence.match = result.match
            report.matches[result.match.kind.value if result.match else "unmatched"] += 1
            report.diagnostics.extend(_judge(evidence, result, seed_text, settings))


def _judge(evidence: Evidence, result: Anchoring, seed: SeedText,
           settings: AnchorSettings) -> list[Diagnostic]:
    at = (evidence.location.file, evidence.location.line, evidence.location.column)
    problems: list[Diagnostic] = []
    words = word_count(evidence.quote)
    if words < settings.min_words:
        problems.append(warning(*at, "quote-too-short",
                                f"quote has {words} word(s); quote at least "
                                f"{settings.min_words} so the passage is unmistakable"))
    match, closest = result.match, result.closest
    if result.context_mismatch and closest is not None:
        problems.append(error(*at, "quote-context-mismatch",
                              f"quote occurs {result.occurrences} time(s) in seed "
                              f"'{evidence.seed}' (first at line {closest.line}) but never with "
                              f"the given prefix/suffix; the text there reads: "
                              f"\"{_excerpt(seed, closest, 40)}\""))
    elif match is None:
        hint = "" if closest is None else (
            f" (best fuzzy score {closest.score:g} < {settings.min_score:g}); did you mean, "
            f"at line {closest.line}: \"{_excerpt(seed, closest)}\"?")
        problems.append(error(*at, "quote-not-found",
                              f"quote not found in seed '{evidence.seed}'{hint}"))
    elif match.kind is MatchKind.FUZZY:
        problems.append(warning(*at, "quote-inexact",
                                f"quote matches seed '{evidence.seed}' at line {match.line} only "
                                f"approximately (score {match.score:g}); copy it verbatim: "
                                f"\"{_excerpt(seed, match)}\""))
    if match is not None and result.occurrences > 1:
        problems.append(warning(*at, "quote-ambiguous",
                                f"quote occurs {result.occurrences} times in seed "
                                f"'{evidence.seed}'; add a prefix or suffix to say which is meant"))
    return problems


def _excerpt(seed: SeedText, match: QuoteMatch, context: int = 0) -> str:
    text = " ".join(seed.excerpt(match.start, match.end, context).split())
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"
