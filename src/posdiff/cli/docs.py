"""The user documentation, by topic: the Markdown files of docs/, shipped in the wheel.

There is one copy of each file: docs/ in the repository, which the wheel carries as
posdiff/_data/docs (see pyproject.toml), so `posdiff docs` and the repository cannot
disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from posdiff.errors import UsageError
from posdiff.record.paths import shipped_root
from posdiff.words import printable

DOCS = "docs"


@dataclass(frozen=True)
class Topic:
    name: str
    file: str  # inside docs/
    about: str  # one line for the list of topics


TOPICS = {topic.name: topic for topic in (
    Topic("data-format", "data-format.md", "the files of a record, field by field"),
    Topic("curation", "curation.md",
          "reading positions out of a text: voice, salience, red lines"),
    Topic("quotes", "quotes.md", "the rule a quote must meet to count as found in its seed"),
    Topic("record-changes", "record-changes.md",
          "what changed in the shipped record of the 2025 talks, and why"),
    Topic("forecast", "forecast.md",
          "the expected-utility forecast: formulas, cycles, KTAB CSV"),
    Topic("api", "api.md", "posdiff from Python: load a record, compare, matrix, forecast"),
)}


def topic(name: str) -> Topic:
    if name in TOPICS:
        return TOPICS[name]
    from posdiff.words import did_you_mean

    raise UsageError(f"no documentation topic '{printable(name)}'{did_you_mean(name, TOPICS)} "
                     f"(topics: {', '.join(TOPICS)})")


def topic_path(name: str) -> Path:
    return shipped_root() / DOCS / topic(name).file


def read_topic(name: str) -> str:
    return topic_path(name).read_text(encoding="utf-8")
