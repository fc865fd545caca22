"""A record to start from: the files `posdiff init` writes, as values.

Everything is fixed text from templates/ (an example written for posdiff, pinned by its
sha256 in the seed index) plus the JSON Schemas, generated from the same spec the loader
enforces. Nothing here writes: the CLI checks `existing()` first and writes only when
nothing would be overwritten.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from posdiff.record.schema import SCHEMAS, schema_text


@dataclass(frozen=True)
class NewFile:
    path: str  # relative to the record's folder, with forward slashes
    content: bytes
    about: str  # what it is, for the list `init` prints


# template name -> where it goes, and what it is
RECORD = {
    "issues.yaml": ("positions/issues.yaml", "the issue catalogue: one example issue"),
    "example-party.yaml": ("positions/example-party.yaml",
                           "one party with one position and its quotes"),
    "index.yaml": ("seeds/index.yaml", "the seed index, the seed pinned by its sha256"),
    "example.txt": ("seeds/example.txt", "an example source text, made up"),
}
TOOLING = {
    "pre-commit-config.yaml": (".pre-commit-config.yaml",
                               "pre-commit hook: posdiff check --strict"),
    "workflow.yml": (".github/workflows/posdiff.yml", "CI: check --strict; diff on pull requests"),
}


def new_record() -> list[NewFile]:
    """The files of a new record that passes `posdiff check --strict` as it is."""
    templates = files("posdiff") / "templates"

    def copied(names: dict[str, tuple[str, str]]) -> list[NewFile]:
        return [NewFile(path, (templates / name).read_bytes(), about)
                for name, (path, about) in names.items()]

    schemas = [NewFile(f"schema/{kind}.schema.json", schema_text(kind).encode(),
                       f"JSON Schema of the {kind} file, for editors")
               for kind in SCHEMAS]
    return [*copied(RECORD), *schemas, *copied(TOOLING)]


def existing(root: Path, new: list[NewFile]) -> list[str]:
    """The files of ``new`` that are already there under ``root`` (a dangling symbolic
    link counts: writing would follow it), and the places where a folder of theirs would
    go but something else is (a file named `.github`, a link): any of them stops `init`
    before it writes a byte."""
    taken: dict[str, None] = {}  # in the order of ``new``, each once
    for made in new:
        parts = made.path.split("/")
        folders = ["/".join(parts[:depth]) for depth in range(1, len(parts))]
        for folder in folders:
            there = root / folder
            # A link is taken too: writing through it would put files outside the record.
            if os.path.lexists(there) and (there.is_symlink() or not there.is_dir()):
                taken[folder] = None
        if os.path.lexists(root / made.path):
            taken[made.path] = None
    return list(taken)
