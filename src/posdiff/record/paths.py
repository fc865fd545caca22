"""Where the record is: given on the command line, found by walking up, or shipped."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from posdiff.errors import NotAFolder
from posdiff.words import printable

POSITIONS = "positions"
SEEDS = "seeds"
CATALOGUE = "issues.yaml"


@dataclass(frozen=True)
class RecordPaths:
    positions: Path
    seeds: Path
    shipped: bool = False  # no record was found here, so posdiff's own is used


def shipped_root() -> Path:
    """The record that comes with posdiff: inside the wheel, or the source checkout."""
    package = Path(__file__).resolve().parent.parent  # posdiff/record -> posdiff
    bundled = package / "_data"
    if (bundled / POSITIONS).is_dir():
        return bundled
    return package.parent.parent  # src/posdiff -> the repository root


def discover(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that looks like a record: a positions
    folder with a catalogue, or beside a seeds folder. A broken record is still found,
    so that its problems are reported instead of silently checking another one."""
    for folder in (start, *start.parents):
        positions = folder / POSITIONS
        if positions.is_dir() and ((positions / CATALOGUE).exists() or (folder / SEEDS).is_dir()):
            return folder
    return None


def resolve_paths(positions: Path | None, seeds: Path | None,
                  cwd: Path | None = None) -> RecordPaths:
    shipped = False
    if positions is None:
        try:
            here: Path | None = (cwd or Path.cwd()).resolve()
        except OSError:  # the current folder was removed: there is no record here
            here = None
        found = discover(here) if here else None
        shipped = found is None
        positions = (found or shipped_root()) / POSITIONS
    seeds_given = seeds is not None
    if seeds is None:
        seeds = positions.parent / SEEDS
    _require_folder("positions", positions, given=True)
    _require_folder("seeds", seeds, given=seeds_given)
    return RecordPaths(positions, seeds, shipped)


def _require_folder(role: str, folder: Path, given: bool) -> None:
    try:
        if folder.is_dir():
            return
        reason = "is not a folder"
    except (OSError, ValueError) as exc:  # a name too long, a NUL byte, a link loop
        reason = f"cannot be used: {getattr(exc, 'strerror', None) or exc}"
    looked = "" if given else f"no {role} folder beside the positions folder: "
    raise NotAFolder(role, f"{looked}'{printable(str(folder))}' {reason}", given)
