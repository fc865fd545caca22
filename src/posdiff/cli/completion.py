"""Shell completion: party and issue ids of the record in use, and documentation topics.

Click calls these only while the shell asks for candidates, so a normal run never loads
the record for them. Whatever they print would land on the user's command line, and a
half-typed command line often names a folder that is not there yet: they never print
or raise, and any failure means no candidates.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from posdiff.model import Record

Candidates = list[tuple[str, str]]  # (what to complete to, what it is)


def party_ids(ctx: typer.Context, incomplete: str) -> Candidates:
    record = _record(ctx)
    parties = record.parties.values() if record else []
    return [(p.id, p.name) for p in parties if p.id.startswith(incomplete)]


def issue_ids(ctx: typer.Context, incomplete: str) -> Candidates:
    record = _record(ctx)
    issues = record.issues.values() if record else []
    return [(i.id, i.title) for i in issues if i.id.startswith(incomplete)]


def topics(incomplete: str) -> Candidates:
    from posdiff.cli.docs import TOPICS

    return [(t.name, t.about) for t in TOPICS.values() if t.name.startswith(incomplete)]


def _record(ctx: typer.Context) -> Record | None:
    """The record the command would use, given --record, --positions and --seeds if they come
    before the word being completed; a record with errors still has its ids."""
    from posdiff.record import read_record
    from posdiff.record.paths import resolve_paths

    try:
        paths = resolve_paths(_folder(ctx, "positions"), _folder(ctx, "seeds"),
                              root=_folder(ctx, "record_dir"))
        return read_record(paths).record
    except Exception:  # no candidates rather than a traceback in the middle of a command
        return None


def _folder(ctx: typer.Context, name: str) -> Path | None:
    value = ctx.params.get(name)
    return Path(value) if value else None
