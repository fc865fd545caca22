"""Where the record is: given on the command line, found by walking up, or shipped."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from posdiff.errors import NotAFolder
from posdiff.plain import Frozen
from posdiff.words import printable

POSITIONS = "positions"
SEEDS = "seeds"
CATALOGUE = "issues.yaml"
SEEDS_INDEX = "index.yaml"


class RecordPaths(Frozen):
    """Where a record's two folders are."""

    __slots__ = ("positions", "seeds", "shipped")

    def __init__(self, positions: Path, seeds: Path, shipped: bool = False) -> None:
        self.positions = positions
        self.seeds = seeds
        self.shipped = shipped  # no record was found here, so posdiff's own is used


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
        if _is_dir(positions) and (_exists(positions / CATALOGUE) or _is_dir(folder / SEEDS)):
            return folder
    return None


def _exists(path: Path) -> bool:
    """Whether ``path`` exists; a folder one may not look into (no permission) is taken to
    hold what is asked for, so that reading it reports the problem with its name."""
    try:
        return path.exists()
    except OSError:
        return True


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def resolve_paths(positions: Path | None, seeds: Path | None,
                  cwd: Path | None = None, root: Path | None = None) -> RecordPaths:
    """The record's folders: inside ``root`` (the folder holding positions/ and seeds/),
    or ``positions`` and ``seeds`` as given, or found by walking up from ``cwd``, or the
    shipped record. A folder given in the wrong role is refused with the right one."""
    shipped = False
    seeds_given, positions_given = seeds is not None, positions is not None
    if root is not None:  # --positions and --seeds, when given too, are taken as given
        _require_folder("record", root, given=True)
        if positions is None and not (root / POSITIONS).is_dir():
            what, fits = what_it_is(root)
            raise NotAFolder("record", f"'{printable(str(root))}'"
                             f"{what or f' holds no {POSITIONS}/ folder'}", fits=fits)
        positions = positions or root / POSITIONS
        if seeds is None and not _is_dir(root / SEEDS):
            raise NotAFolder("record", f"'{printable(str(root))}' holds no {SEEDS}/ folder "
                             f"beside {POSITIONS}/ (the seed texts and their index.yaml)",
                             hint="Add it, or give --seeds DIR.")
        seeds = seeds or root / SEEDS
    elif positions is None:
        try:
            here: Path | None = (cwd or Path.cwd()).resolve()
        except OSError:  # the current folder was removed: there is no record here
            here = None
        found = discover(here) if here else None
        shipped = found is None
        if shipped and seeds is not None:  # the user's seeds and the example's positions: no
            if not _exists(seeds / SEEDS_INDEX):  # a record's root given as --seeds, say
                _refuse_in_wrong_role("seeds", seeds)
            beside = seeds.parent if _is_dir(seeds.parent / POSITIONS) else None
            both = (f" ('{printable(str(beside))}' holds {POSITIONS}/ beside them: --record "
                    f"{printable(str(beside))} reads both)") if beside else ""
            raise NotAFolder("positions", "--seeds is given, but there is no record here or "
                             f"above whose positions it would go with{both}", given=False)
        positions = (found or shipped_root()) / POSITIONS
    if seeds is None:
        seeds = positions.parent / SEEDS
    _require_folder("positions", positions, given=True)
    if (root is None or positions_given) and not _exists(positions / CATALOGUE):
        _refuse_in_wrong_role("positions", positions)
        if positions_given and not _holds_yaml(positions):  # nothing of a record: say so
            raise NotAFolder("positions", f"'{printable(str(positions))}' holds no "
                             f"{CATALOGUE} and no party file")
    _require_folder("seeds", seeds, given=seeds_given)
    if seeds_given and not _exists(seeds / SEEDS_INDEX):
        _refuse_in_wrong_role("seeds", seeds)
    return RecordPaths(positions, seeds, shipped)


def _refuse_in_wrong_role(role: str, folder: Path) -> None:
    """A folder given as ``role`` that is another part of a record is refused with the
    role it fits."""
    what, fits = what_it_is(folder)
    if fits:
        raise NotAFolder(role, f"'{printable(str(folder))}'{what}", fits=fits)


def _holds_yaml(folder: Path) -> bool:
    """Whether ``folder`` holds a YAML file (or cannot be listed, which reading says)."""
    try:
        with os.scandir(folder) as entries:
            return any(entry.name.endswith((".yaml", ".yml")) for entry in entries)
    except OSError:
        return True


def what_it_is(folder: Path) -> tuple[str, str]:
    """What a folder given in the wrong role is, and the role it fits: a record's root (it
    holds positions/), a positions folder (it holds issues.yaml) or a seeds folder (it
    holds index.yaml); ("", "") otherwise."""
    try:
        if (folder / POSITIONS).is_dir():
            return f" is a record's root (it holds {POSITIONS}/)", "record"
        if (folder / CATALOGUE).exists():
            return f" is a positions folder (it holds {CATALOGUE})", "positions"
        if (folder / SEEDS_INDEX).exists():
            return f" is a seeds folder (it holds {SEEDS_INDEX}, not {CATALOGUE})", "seeds"
    except OSError:
        pass
    return "", ""


def _require_folder(role: str, folder: Path, given: bool) -> None:
    try:
        if folder.is_dir():
            return
        reason = "is not a folder" if os.path.lexists(folder) else "does not exist"
    except (OSError, ValueError) as exc:  # a name too long, a NUL byte, a link loop
        reason = f"cannot be used: {getattr(exc, 'strerror', None) or exc}"
    looked = "" if given else f"no {role} folder beside the positions folder: "
    # As typed when given; found by walking up, as a path from the current folder.
    named = str(folder)
    if not given:
        with contextlib.suppress(OSError, ValueError):  # no current folder, another drive
            named = os.path.relpath(folder)
    named = printable(named)
    raise NotAFolder(role, f"{looked}'{named}' {reason}", given)
