"""A version of the record to compare: the working tree, a folder, or a git revision. A
revision is read with git's plumbing (``ls-tree`` and ``cat-file``) into a private
temporary folder that is removed afterwards: nothing is checked out, and the working
tree, the index and the repository are left as they were.

git runs without a shell, with a time limit; every way it can fail (no git, no
repository, an unknown revision, a shallow clone without it, a revision without the
record's folders) is a `UsageError` of one line.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from posdiff.errors import NotAFolder, UsageError
from posdiff.record.paths import RecordPaths, resolve_paths, what_it_is
from posdiff.words import printable

GIT_TIMEOUT = 120.0  # seconds for one git command
WORKING_TREE = "the working tree"
SHALLOW_HINT = ("this is a shallow clone that may lack it: fetch more history "
                "(`git fetch --unshallow`, or `fetch-depth: 0` in actions/checkout)")


class Side(NamedTuple):
    """One of the two versions compared: what to call it, and where its files are."""

    label: str  # "HEAD (1a2b3c4)", "the working tree", or the folder as given
    paths: RecordPaths
    revision: str | None = None  # the commit, when read from git
    spec: str = ""  # the revision as given
    copy: Path | None = None  # the temporary folder the revision was read into


@contextmanager
def opened(spec: str | None, here: Callable[[], RecordPaths],
           written: dict[str, Path] | None = None) -> Iterator[Side]:
    """The version ``spec`` names: None for the working tree (the record ``here`` finds),
    an existing folder for the record in it, anything else for a git revision of the
    repository that holds the working tree's record, read into a temporary folder that
    lasts as long as the context. ``written`` (git's object id -> a file holding it),
    shared by the versions opened together, lets a file another version already wrote
    be linked instead of read from git again: two revisions share most of their files."""
    if spec is None:
        yield Side(WORKING_TREE, here())
        return
    folder = Path(spec)
    if _is_folder(folder):
        if not _is_folder(folder / "positions"):
            what = what_it_is(folder)[0] or " is a folder without a positions/ folder"
            raise UsageError(f"'{printable(spec)}'{what}: give the folder of a record "
                             "(holding positions/ and seeds/), or a git revision")
        try:
            found = resolve_paths(None, None, root=folder)
        except NotAFolder as exc:  # said of the folder given, not of an option not used
            raise UsageError(f"{exc}: give the folder of a record (holding positions/ and "
                             "seeds/), or a git revision") from None
        yield Side(printable(spec), found)
        return
    if os.path.lexists(folder):
        raise UsageError(f"'{printable(spec)}' is a file: give the folder of a record "
                         "(holding positions/ and seeds/), or a git revision")
    try:
        current = here()
    except (NotAFolder, UsageError) as exc:  # no record here: no repository to look in
        raise UsageError(f"'{printable(spec)}' is not a folder, and as a git revision: "
                         f"{exc}") from None
    top = repository_top(current.positions, spec)
    commit = commit_of(top, spec)
    with tempfile.TemporaryDirectory(prefix="posdiff-revision-") as temporary:
        into = Path(temporary)
        paths = []
        for folder_ in (current.positions, current.seeds):
            relative = inside(top, folder_, spec)
            copy_tree(top, commit, relative, into, spec, {} if written is None else written)
            paths.append(into.joinpath(*relative.parts))
        yield Side(f"{printable(spec)} ({commit[:7]})", RecordPaths(paths[0], paths[1]),
                   commit, printable(spec), into)


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def repository_top(folder: Path, spec: str) -> Path:
    """The top of the git repository that holds ``folder``."""
    try:
        done = _git(folder, "rev-parse", "--show-toplevel")
    except _GitFailed:
        raise UsageError(f"'{printable(spec)}' is not a folder, and the record "
                         f"({printable(str(folder.parent))}) is in no git repository, so "
                         "it has no revision to read; give two folders, or run it in a "
                         "repository") from None
    return Path(os.fsdecode(done.rstrip(b"\n")))


def commit_of(top: Path, spec: str) -> str:
    """The commit ``spec`` names in the repository at ``top``."""
    if not spec or spec.startswith("-") or "\x00" in spec:
        raise UsageError(f"'{printable(spec)}' is neither a folder nor a git revision")
    try:
        return _git(top, "rev-parse", "--verify", "--quiet",
                    f"{spec}^{{commit}}").decode("ascii").strip()
    except _GitFailed:
        shallow = _shallow(top)
        raise UsageError(f"unknown revision '{printable(spec)}' in the repository at "
                         f"{printable(str(top))}" + (f"; {SHALLOW_HINT}" if shallow else
                                                     " (nor is it a folder)")) from None


def _shallow(top: Path) -> bool:
    try:
        return _git(top, "rev-parse", "--is-shallow-repository").strip() == b"true"
    except _GitFailed:
        return False


def inside(top: Path, folder: Path, spec: str) -> PurePosixPath:
    """Where ``folder`` is relative to the repository's top."""
    try:
        relative = Path(os.path.realpath(folder)).relative_to(os.path.realpath(top))
    except ValueError:
        raise UsageError(f"the folder {printable(str(folder))} is outside the git "
                         f"repository at {printable(str(top))}, so revision "
                         f"'{printable(spec)}' cannot hold it") from None
    return PurePosixPath(relative.as_posix())


def copy_tree(top: Path, commit: str, relative: PurePosixPath, into: Path, spec: str,
              written: dict[str, Path]) -> None:
    """Write the files of folder ``relative`` at ``commit`` under ``into``/``relative``:
    regular files and links as they are in the tree; submodules are skipped. A file
    whose object ``written`` holds is linked to that copy (and copied where links fail)."""
    tree = f"{commit}:{relative.as_posix()}" if relative.parts else f"{commit}:"
    try:
        listing = _git(top, "ls-tree", "-r", "-z", "--full-tree", tree)
    except _GitFailed:
        raise UsageError(f"revision '{printable(spec)}' has no folder "
                         f"{printable(relative.as_posix() or '.')}/: the record was not "
                         "there then") from None
    entries: list[tuple[str, str, PurePosixPath]] = []  # (mode, object, path)
    for line in listing.split(b"\x00"):
        if not line:
            continue
        meta, _, name = line.partition(b"\t")
        mode, kind, sha = meta.decode("ascii").split(" ")
        path = PurePosixPath(os.fsdecode(name))
        if kind != "blob" or path.is_absolute() or ".." in path.parts:
            continue
        entries.append((mode, sha, path))
    wanted = [sha for mode, sha, _ in entries if mode == "120000" or sha not in written]
    contents = dict(zip(wanted, _blobs(top, wanted), strict=True))
    base = into.joinpath(*relative.parts)
    base.mkdir(parents=True, exist_ok=True)
    for mode, sha, path in entries:
        target = base.joinpath(*path.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        if mode == "120000":
            target.symlink_to(os.fsdecode(contents[sha]))
        elif sha in contents:
            target.write_bytes(contents[sha])
            written[sha] = target
        else:
            _link(written[sha], target)


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # no hard links here (another file system, a limit): copy it
        shutil.copyfile(source, target)


def _blobs(top: Path, shas: list[str]) -> list[bytes]:
    """The content of each blob, in one ``git cat-file --batch``."""
    if not shas:
        return []
    out = _git(top, "cat-file", "--batch", given="".join(f"{s}\n" for s in shas).encode())
    found: list[bytes] = []
    at = 0
    for _ in shas:
        end = out.index(b"\n", at)
        header = out[at:end].split(b" ")
        if len(header) != 3:
            raise UsageError(f"git could not read object {printable(header[0].decode())} of "
                             "the revision (a partial or damaged clone?)")
        size = int(header[2])
        found.append(out[end + 1:end + 1 + size])
        at = end + 1 + size + 1
    return found


class _GitFailed(Exception):
    """git ran and said no (its message in ``args[0]``)."""


def _git(where: Path, *args: str, given: bytes | None = None) -> bytes:
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0",
           "LC_ALL": "C"}
    try:
        done = subprocess.run(["git", "-C", str(where), *args], input=given,
                              capture_output=True, timeout=GIT_TIMEOUT, check=False, env=env)
    except FileNotFoundError:
        raise UsageError("git is not installed (or not on PATH), and reading a revision "
                         "needs it; give two folders instead") from None
    except subprocess.TimeoutExpired:
        raise UsageError(f"git took over {GIT_TIMEOUT:.0f} s to answer `git "
                         f"{args[0]}`; nothing was compared") from None
    except OSError as exc:
        raise UsageError(f"git could not be run: {exc.strerror or exc}") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _GitFailed(said[0] if said else f"git {args[0]} failed")
    return done.stdout
