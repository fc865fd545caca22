"""`posdiff check`: load the record, anchor every quote, and collect what is wrong."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from posdiff.anchoring import (
    DEFAULT_SETTINGS,
    Anchoring,
    AnchorSettings,
    SeedText,
    anchor_quote,
    word_count,
)
from posdiff.diagnostics import Diagnostic, Severity, count_by_severity, error, warning
from posdiff.files import shown
from posdiff.loader import load_dataset
from posdiff.model import Dataset, Evidence, MatchKind, QuoteMatch
from posdiff.paths import DatasetPaths
from posdiff.textio import read_text

EXCERPT_CHARS = 160


@dataclass
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


def run_check(paths: DatasetPaths, settings: AnchorSettings = DEFAULT_SETTINGS) -> CheckReport:
    loaded = load_dataset(paths.positions, paths.seeds)
    report = CheckReport(loaded.dataset, list(loaded.diagnostics))
    anchor_all(report, settings)
    report.diagnostics.sort(key=Diagnostic.sort_key)
    return report


def anchor_all(report: CheckReport, settings: AnchorSettings) -> None:
    """Anchor every quote of the record, and flag seeds that nobody cites."""
    dataset = report.dataset
    evidence = dataset.evidence()
    cited = {e.seed for e in evidence}
    for seed in dataset.seeds.values():
        if seed.id not in cited:
            report.diagnostics.append(warning(
                seed.location.file, seed.location.line, seed.location.column, "uncited-seed",
                f"seed '{seed.id}' is cited by no position; cite it or drop it from the index"))
    report.diagnostics.extend(anchor_evidence(dataset, evidence, settings, report.matches))


def anchor_evidence(dataset: Dataset, evidence: Iterable[Evidence], settings: AnchorSettings,
                    matches: Counter[str] | None = None) -> list[Diagnostic]:
    """Set ``match`` on each piece of evidence, reading each seed once; return problems."""
    matches = Counter() if matches is None else matches
    by_seed: dict[str, list[Evidence]] = defaultdict(list)
    for item in evidence:
        by_seed[item.seed].append(item)
    problems: list[Diagnostic] = []
    for seed_id, quotes in by_seed.items():
        seed = dataset.seeds[seed_id]
        text, unreadable = read_text(seed.path, dataset.seeds_dir, shown(seed.path))
        problems.extend(unreadable)
        if text is None:
            matches["unmatched"] += len(quotes)
            continue
        seed_text = SeedText(text)
        for item in quotes:
            result = anchor_quote(seed_text, item.quote, item.prefix, item.suffix, settings)
            item.match = result.match
            matches[result.match.kind.value if result.match else "unmatched"] += 1
            problems.extend(_judge(item, result, settings))
    return problems


def _judge(evidence: Evidence, result: Anchoring, settings: AnchorSettings) -> list[Diagnostic]:
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
                              f"\"{_excerpt(closest, 40)}\""))
    elif match is None:
        hint = "" if closest is None else (
            f" (best fuzzy score {closest.score:g} < {settings.min_score:g}); did you mean, "
            f"at line {closest.line}: \"{_excerpt(closest)}\"?")
        problems.append(error(*at, "quote-not-found",
                              f"quote not found in seed '{evidence.seed}'{hint}"))
    elif match.kind is MatchKind.FUZZY:
        problems.append(warning(*at, "quote-inexact",
                                f"quote matches seed '{evidence.seed}' at line {match.line} only "
                                f"approximately (score {match.score:g}); copy it verbatim: "
                                f"\"{_excerpt(match)}\""))
    if match is not None and result.occurrences > 1:
        problems.append(warning(*at, "quote-ambiguous",
                                f"quote occurs {result.occurrences} times in seed "
                                f"'{evidence.seed}'; add a prefix or suffix to say which is meant"))
    return problems


def _excerpt(match: QuoteMatch, context: int = 0) -> str:
    around = match.passage
    if context:
        around = match.before[-context:] + around + match.after[:context]
    text = " ".join(around.split())
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"
