"""A cache of the loaded record for the commands that only read it.

Parsing YAML dominates every run on a large record (about 4 s for 100 parties and
20,000 quotes), while the files rarely change between two commands. The loaded record
is pickled under the user's cache folder, keyed by everything it was built from: the
bytes of every YAML file, which seed files exist where, the folder paths are shown
relative to, today's date (future dates are judged against it) and posdiff's own
code. `posdiff check` never uses the cache. POSDIFF_NO_CACHE=1 turns it off;
POSDIFF_CACHE_DIR moves it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from posdiff.model import LoadResult

FORMAT = 1  # bump when the pickled layout changes in a way stat keys cannot see


def cache_dir() -> Path | None:
    if os.environ.get("POSDIFF_NO_CACHE"):
        return None
    if configured := os.environ.get("POSDIFF_CACHE_DIR"):
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "posdiff"


def _stamp(path: Path) -> str:
    """Identity of a file by its stat: enough for posdiff's own code."""
    try:
        info = path.stat()
    except OSError:
        return f"{path}:missing"
    return f"{path}:{info.st_size}:{info.st_mtime_ns}"


def _content(path: Path) -> str:
    """Identity of a file the record is read from, by its bytes: a stat could miss an
    edit that keeps the size within the file system's time resolution."""
    try:
        if not path.is_file():
            return f"{path}:not-a-file"
        return f"{path}:{hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()}"
    except OSError:
        return f"{path}:unreadable"


def _listing(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError:
        return []


def _seed_files(seeds: Path) -> list[str]:
    """The loader only looks seed texts up, it does not read them: what counts is which
    names are regular files, and where symbolic links lead."""
    try:
        entries = sorted(os.scandir(seeds), key=lambda e: e.name)
    except OSError:
        return [f"{seeds}:unlistable"]
    return [f"{e.name}:{e.is_file()}:{os.path.realpath(e.path) if e.is_symlink() else ''}"
            for e in entries]


def fingerprint(positions: Path, seeds: Path) -> str:
    code = Path(__file__).parent
    parts = [str(FORMAT), sys.version, str(Path.cwd()), dt.date.today().isoformat(),
             *(_stamp(p) for p in sorted(code.rglob("*.py"))),
             str(positions.resolve()), str(seeds.resolve()),
             *(_content(p) for p in _listing(positions)),
             _content(seeds / "index.yaml"),
             *_seed_files(seeds)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def cached(positions: Path, seeds: Path, load: Callable[[], LoadResult]) -> LoadResult:
    """``load()``'s result, from the cache when nothing it depends on has changed."""
    folder = cache_dir()
    if folder is None:
        return load()
    key = fingerprint(positions, seeds)
    name = hashlib.sha256(f"{positions.resolve()}\n{seeds.resolve()}".encode()).hexdigest()
    file = folder / f"{name[:32]}.pickle"
    hit = _read(file, key)
    if hit is not None:
        return hit
    result = load()
    _write(folder, file, key, result)
    return result


def _read(file: Path, key: str) -> LoadResult | None:
    try:
        # Only our own files: a pickle can run code, so never one another user wrote.
        if hasattr(os, "getuid") and file.stat().st_uid != os.getuid():
            return None
        with file.open("rb") as handle:
            stored_key, result = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception:  # a damaged or outdated cache is a miss, never a failure
        return None
    return result if stored_key == key and isinstance(result, LoadResult) else None


def _write(folder: Path, file: Path, key: str, result: LoadResult) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        try:
            with os.fdopen(descriptor, "wb") as handle:
                pickle.dump((key, result), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, file)  # atomic: readers see the old file or the new one
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except (OSError, pickle.PicklingError):
        pass  # a read-only or full disk only costs speed
