"""`posdiff init`: a new record of one's own, written all or nothing."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Annotated

import typer

from posdiff.errors import (
    OutputError,
    UsageError,
)
from posdiff.render.inert import inert
from posdiff.words import printable


def init(
    folder: Annotated[Path, typer.Argument(
        metavar="[DIR]", help="Where to create the record [default: here].",
        show_default=False)] = Path("."),
) -> None:
    """Start a record of your own: an example issue, party and seed that pass
    `posdiff check --strict`, the schemas for editors, a pre-commit hook and a CI job.
    Refuses, writing nothing, if any of those files is already there.

    Example: posdiff init my-talks
    """
    import shlex

    from posdiff.record.scaffold import existing, new_record

    try:
        where = folder.resolve()
    except (OSError, RuntimeError) as exc:  # a link loop
        raise UsageError(f"{printable(str(folder))} cannot be used: "
                         f"{getattr(exc, 'strerror', None) or exc}") from None
    try:
        here = where == Path.cwd().resolve()
    except OSError:  # the current folder was removed: a folder given is elsewhere
        here = False
    if os.path.lexists(folder) and not folder.is_dir():  # a file, or a link to nowhere
        raise UsageError(f"{printable(str(folder))} is not a folder; nothing was written")
    made = new_record()
    there = _already_there(folder)
    if taken := existing(folder, made):
        raise UsageError(f"{'this folder' if here else printable(str(folder))} already has "
                         f"{', '.join(taken)}; nothing was written (init never overwrites)")
    made_here: list[Path] = []  # folders and files created, taken back on a failure
    for new in made:
        target = folder / new.path
        try:
            _make_folders(target.parent, made_here)
            with target.open("xb") as handle:  # "x": never overwrite, even in a race
                made_here.append(target)
                handle.write(new.content)
        except OSError as exc:
            _take_back(made_here)
            raise OutputError(f"cannot write {printable(str(target))}: {exc.strerror}; "
                              "nothing was kept") from None
    shown_as = inert(printable(str(folder)))  # a name cannot start a line of its own
    typer.echo(f"Created a record {'here' if here else f'in {shown_as}'}:")
    width = max(len(new.path) for new in made)
    for new in made:
        typer.echo(f"  {new.path:<{width}}  {new.about}")
    if there:
        typer.echo("\nAlready there, beside the example (check looks at these too):")
        for name in there[:SHOWN_THERE]:
            typer.echo(f"  {inert(printable(name))}")
        if len(there) > SHOWN_THERE:
            typer.echo(f"  and {len(there) - SHOWN_THERE:,} more")
    typer.echo(_NEXT_STEPS.format(
        cd="" if here else f"\n  cd {inert(shlex.quote(str(folder)))}",
        strict="# passes as created" if not there else "# checks the example and what was there"))


SHOWN_THERE = 5  # files already in positions/ or seeds/ named one by one


def _already_there(folder: Path) -> list[str]:
    """What positions/ and seeds/ hold before init writes: check looks at it with the
    example, so the example passing no longer means the record does."""
    there: list[str] = []
    for part in ("positions", "seeds"):
        with contextlib.suppress(OSError):
            there += sorted(f"{part}/{entry.name}" for entry in (folder / part).iterdir())
    return there


def _make_folders(folder: Path, made_here: list[Path]) -> None:
    """``folder`` and every missing folder above it, each noted in ``made_here``."""
    missing = []
    for place in (folder, *folder.parents):
        if place.is_dir():
            break
        missing.append(place)
    for place in reversed(missing):
        place.mkdir()
        made_here.append(place)


def _take_back(made_here: list[Path]) -> None:
    """Remove what a failed `init` made, last first: it writes all or nothing."""
    for place in reversed(made_here):
        with contextlib.suppress(OSError):
            if place.is_dir() and not place.is_symlink():
                place.rmdir()
            else:
                place.unlink()


_NEXT_STEPS = """
Next steps:{cd}
  posdiff check --strict          {strict}
  posdiff docs curation           # how to read positions out of a text

Replace the example with your own sources (seeds/), issues (issues.yaml) and
parties (positions/, a file each: copy example-party.yaml). To practise, write
positions/other-side.yaml for the Other Side, whom the example seed quotes too:
  posdiff check --strict
  posdiff compare example-party other-side

The CI job's install line is a placeholder: say where posdiff comes from."""
