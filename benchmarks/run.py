#!/usr/bin/env python3
"""Benchmark posdiff against its speed targets (issues 13 and 15) and store the figures
as JSON.

    python benchmarks/run.py                      # every figure; writes benchmarks/results.json
    python benchmarks/run.py --rounds 5 --repeat 1 --json /tmp/quick.json
    python benchmarks/run.py --compare benchmarks/results.json /tmp/quick.json

Every command runs as a child process, started by a tiny launcher that reports its wall
time, its CPU time (user + system) and its peak resident memory from ``os.wait4``. The
commands being compared run in turn within each round (their order rotating), so that a
busy machine slows all of them alike; the figures are medians. Only the standard library
is used here, and the generator (``benchmarks/synthetic.py``) needs PyYAML, which posdiff
depends on.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from benchmarks.synthetic import GENERATOR_VERSION, RANDOM_SEED, Size, Stats, generate  # noqa: E402

RESULTS = HERE / "results.json"
FLOOR = "import typer, rich, yaml, rapidfuzz"  # the dependencies' own import: the floor

# The records: the largest, the same with 3x the parties (for the matrix), and with 2x
# the quotes or 2x the seed text (for how check grows with each, the other held).
RECORDS = {
    "large": Size(seeds=1_000, seed_bytes=8_000, parties=100, issues=200, quotes=20_000),
    "3x-parties": Size(seeds=1_000, seed_bytes=8_000, parties=300, issues=200, quotes=60_000),
    "2x-quotes": Size(seeds=1_000, seed_bytes=8_000, parties=100, issues=200, quotes=40_000),
    "2x-seed-bytes": Size(seeds=1_000, seed_bytes=16_000, parties=100, issues=200,
                          quotes=20_000),
}

# The targets: (figure, limit, what it is).
TARGETS = [
    ("cold compare / floor", 1.0, "cold `compare russia ukraine` at most 1.0x the floor"),
    ("posdiff import ms, compare", 15.0, "posdiff's own modules on compare's path: 15 ms"),
    ("check large s", 2.5, "`check` on the largest record at most 2.5 s"),
    ("check large MB", 300.0, "`check` on the largest record at most 300 MB"),
    ("matrix large s", 1.5, "`matrix` on the largest record at most 1.5 s (from scratch)"),
    ("matrix 3x parties / large", 3.0, "3x the parties at most 3x the matrix time"),
    ("check growth / quote growth", 1.0, "`check` grows at most as the quotes (2x)"),
    ("check growth / seed-byte growth", 1.0, "`check` grows at most as the seed text (2x)"),
    ("brief large s", 3.0, "`brief` of the largest record under 3 s"),
    ("brief large page MB", 5.0, "... and its page under 5 MB"),
    ("diff large / check large", 2.0, "`diff` of two revisions at most about 2x `check`"),
]

# Each command is spawned by this launcher (bare Python without site: a few MB), so that
# the peak memory is the command's own: Linux counts a process's peak before exec() into
# its ru_maxrss, and this script holds the generated records.
LAUNCHER = """
import os, sys, time
null = os.open(os.devnull, os.O_RDWR)
streams = [(os.POSIX_SPAWN_DUP2, null, fd) for fd in (0, 1, 2)]
started = time.perf_counter()
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ, file_actions=streams)
_, status, usage = os.wait4(pid, 0)
print(os.waitstatus_to_exitcode(status), time.perf_counter() - started,
      usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
"""


@dataclass(frozen=True, slots=True)
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds
    peak_mb: float  # peak resident memory, 10^6 bytes


def run_once(argv: Sequence[str], cwd: Path, env: dict[str, str]) -> Run:
    out = subprocess.run([sys.executable, "-I", "-S", "-c", LAUNCHER, *argv], cwd=cwd,
                         env=env, capture_output=True, text=True, check=True).stdout.split()
    code, wall, cpu, peak_kib = int(out[0]), float(out[1]), float(out[2]), int(out[3])
    if code != 0:
        raise SystemExit(f"run.py: `{' '.join(argv)}` in {cwd} exited {code}")
    return Run(wall, cpu, peak_kib * 1024 / 1e6)


def alternate(subjects: dict[str, tuple[list[str], Path]], rounds: int,
              env: dict[str, str]) -> dict[str, list[Run]]:
    """Each subject once a round, in an order that rotates; one warm-up run each first."""
    names = list(subjects)
    for argv, cwd in subjects.values():
        run_once(argv, cwd, env)
    runs: dict[str, list[Run]] = {name: [] for name in names}
    for number in range(rounds):
        turn = number % len(names)
        for name in names[turn:] + names[:turn]:
            argv, cwd = subjects[name]
            runs[name].append(run_once(argv, cwd, env))
        print(f"  round {number + 1} of {rounds}", end="\r", flush=True, file=sys.stderr)
    return runs


_IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+\d+ \| \s*(posdiff\S*)$")


def own_import_ms(argv: Sequence[str], cwd: Path, env: dict[str, str], rounds: int
                  ) -> tuple[float, dict[str, float]]:
    """The median over ``rounds`` runs of the self time (python -X importtime) of every
    posdiff module a command imports, in ms, and each module's median."""
    totals: list[float] = []
    each: dict[str, list[float]] = {}
    for _ in range(rounds):
        err = subprocess.run([sys.executable, "-X", "importtime", "-m", "posdiff", *argv],
                             cwd=cwd, env=env, capture_output=True, text=True).stderr
        found = {m.group(2): int(m.group(1)) / 1000 for line in err.splitlines()
                 if (m := _IMPORT_LINE.match(line))}
        totals.append(sum(found.values()))
        for name, ms in found.items():
            each.setdefault(name, []).append(ms)
    return statistics.median(totals), {n: statistics.median(v) for n, v in each.items()}


def median(runs: list[Run]) -> dict[str, float]:
    return {"wall": statistics.median(r.wall for r in runs),
            "cpu": statistics.median(r.cpu for r in runs),
            "peak_mb": max(r.peak_mb for r in runs), "runs": len(runs)}


def prepared(name: str, size: Size, out: Path) -> tuple[Path, Stats]:
    """The record ``size`` under ``out``/name, generated again only when it changed."""
    root = out / name
    manifest = root / "manifest.json"
    key = {"generator": GENERATOR_VERSION, "seed": RANDOM_SEED, "size": asdict(size)}
    if manifest.is_file():
        saved = json.loads(manifest.read_text())
        if saved.get("key") == key:
            return root, Stats(**saved["stats"])
    print(f"  generating {name} ({size.key()})", flush=True)
    made = generate(size, root)
    manifest.write_text(json.dumps({"key": key, "stats": asdict(made.stats)}, indent=2))
    return root, made.stats


def revisions(root: Path, out: Path) -> Path:
    """A git repository of the record at ``root`` with a small change on top: one
    salience moved in the first party file, committed as a second revision. Made once;
    the diff reads HEAD~1 and HEAD, so the working tree is not what is measured."""
    repo = out / "large-git"
    if (repo / ".git").is_dir():
        return repo
    shutil.rmtree(repo, ignore_errors=True)
    repo.mkdir(parents=True)
    for folder in ("positions", "seeds"):
        shutil.copytree(root / folder, repo / folder)

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org",
                        "-c", "commit.gpgsign=false", "-C", str(repo), *args], check=True,
                       capture_output=True)

    git("init", "-q")
    git("add", "positions", "seeds")
    git("commit", "-qm", "the large record")
    first = sorted(p for p in (repo / "positions").glob("*.yaml") if p.name != "issues.yaml")[0]
    text = first.read_text(encoding="utf-8")
    at = text.index("salience: ") + len("salience: ")
    end = text.index("\n", at)
    old = float(text[at:end])
    first.write_text(f"{text[:at]}{50 if old != 50 else 60}{text[end:]}", encoding="utf-8")
    git("commit", "-qam", "one salience moved")
    return repo


def diff_figures(options: argparse.Namespace, env: dict[str, str], posdiff: str,
                 root: Path) -> dict[str, Any]:
    """`diff HEAD~1 HEAD` against `check` on the large record, alternated."""
    repo = revisions(root, options.out)
    print("diff of two revisions of the large record (rounds alternate the two)", flush=True)
    runs = alternate({
        "check large (git)": ([posdiff, "check", "--strict"], repo),
        "diff large": ([posdiff, "diff", "HEAD~1", "HEAD"], repo),
    }, options.repeat, env)
    print(file=sys.stderr)
    figures = {name: median(found) for name, found in runs.items()}
    figures["diff large / check large"] = (figures["diff large"]["wall"]
                                           / figures["check large (git)"]["wall"])
    return figures


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(line.split(":", 1)[1].strip() for line in
                   Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    try:
        commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    from importlib import metadata

    versions = []
    for package in ("typer", "rich", "PyYAML", "rapidfuzz", "numpy"):
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            continue
    return {"date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "cpu": cpu,
            "cores": str(os.cpu_count()), "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
            "python": platform.python_version(), "commit": commit,
            "dependencies": ", ".join(versions)}


def benchmark(options: argparse.Namespace) -> dict[str, Any]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # compiled once, as from an installed wheel
    env["PYTHONPYCACHEPREFIX"] = str(options.out / "pycache")
    posdiff = shutil.which("posdiff", path=str(Path(sys.executable).parent)) or "posdiff"
    python = sys.executable
    results: dict[str, Any] = {"machine": machine(), "figures": {}, "records": {}}
    figures = results["figures"]

    print("cold start on the shipped record (rounds alternate the four)", flush=True)
    cold = alternate({
        "compare": ([posdiff, "compare", "russia", "ukraine"], REPO),
        "help": ([posdiff, "--help"], REPO),
        "check": ([posdiff, "check"], REPO),
        "floor": ([python, "-c", FLOOR], REPO),
    }, options.rounds, env)
    floor = median(cold["floor"])
    for name in ("compare", "help", "check", "floor"):
        figures[f"cold {name}"] = median(cold[name])
        figures[f"cold {name} / floor"] = figures[f"cold {name}"]["wall"] / floor["wall"]
    print(file=sys.stderr)
    own, modules = own_import_ms(["compare", "russia", "ukraine"], REPO, env, options.rounds)
    figures["posdiff import ms, compare"] = own
    results["import ms by module, compare"] = dict(
        sorted(modules.items(), key=lambda item: -item[1])[:12])
    if options.start_only:
        results["targets"] = [{"figure": f, "limit": limit, "what": what,
                               "measured": figures[f], "holds": figures[f] <= limit}
                              for f, limit, what in TARGETS if f in figures]
        return results

    roots: dict[str, Path] = {}
    if options.diff_only:
        roots["large"], stats = prepared("large", RECORDS["large"], options.out)
        figures.update(diff_figures(options, env, posdiff, roots["large"]))
        results["targets"] = [{"figure": f, "limit": limit, "what": what,
                               "measured": figures[f], "holds": figures[f] <= limit}
                              for f, limit, what in TARGETS if f in figures]
        return results
    for name, size in RECORDS.items():
        roots[name], stats = prepared(name, size, options.out)
        results["records"][name] = {"size": asdict(size), "stats": asdict(stats)}
    page = options.out / "brief-large.html"
    print("large records (rounds alternate the eight)", flush=True)
    big = alternate({
        "check large": ([posdiff, "check", "--strict"], roots["large"]),
        "check 2x-quotes": ([posdiff, "check", "--strict"], roots["2x-quotes"]),
        "check 2x-seed-bytes": ([posdiff, "check", "--strict"], roots["2x-seed-bytes"]),
        "matrix large": ([posdiff, "matrix"], roots["large"]),
        "matrix 3x-parties": ([posdiff, "matrix"], roots["3x-parties"]),
        "matrix large json": ([posdiff, "matrix", "-f", "json"], roots["large"]),
        "matrix 3x-parties json": ([posdiff, "matrix", "-f", "json"], roots["3x-parties"]),
        # Written outside the record, so that the record stays as generated.
        "brief large": ([posdiff, "brief", "-o", str(page), "--force"], roots["large"]),
    }, options.repeat, env)
    print(file=sys.stderr)
    for name, runs in big.items():
        figures[name] = median(runs)
    stats = {name: results["records"][name]["stats"] for name in RECORDS}
    figures["check large s"] = figures["check large"]["wall"]
    figures["check large MB"] = figures["check large"]["peak_mb"]
    figures["matrix large s"] = figures["matrix large"]["wall"]
    figures["brief large s"] = figures["brief large"]["wall"]
    figures["brief large page MB"] = page.stat().st_size / 1e6
    figures["brief / check, large"] = figures["brief large s"] / figures["check large s"]
    figures["matrix 3x parties / large"] = (figures["matrix 3x-parties"]["wall"]
                                            / figures["matrix large"]["wall"])
    figures["matrix json 3x parties / large"] = (figures["matrix 3x-parties json"]["wall"]
                                                 / figures["matrix large json"]["wall"])
    quote_growth = stats["2x-quotes"]["quotes"] / stats["large"]["quotes"]
    byte_growth = stats["2x-seed-bytes"]["seed_bytes"] / stats["large"]["seed_bytes"]
    figures["check growth with quotes"] = (figures["check 2x-quotes"]["wall"]
                                           / figures["check large"]["wall"])
    figures["check growth with seed bytes"] = (figures["check 2x-seed-bytes"]["wall"]
                                               / figures["check large"]["wall"])
    figures["quote growth"], figures["seed-byte growth"] = quote_growth, byte_growth
    figures["check growth / quote growth"] = figures["check growth with quotes"] / quote_growth
    figures["check growth / seed-byte growth"] = (figures["check growth with seed bytes"]
                                                  / byte_growth)
    figures["cold compare / floor"] = figures["cold compare / floor"]
    figures.update(diff_figures(options, env, posdiff, roots["large"]))
    results["targets"] = [{"figure": figure, "limit": limit, "what": what,
                           "measured": figures[figure], "holds": figures[figure] <= limit}
                          for figure, limit, what in TARGETS]
    return results


def report(results: dict[str, Any]) -> None:
    print("\nmachine: " + "; ".join(f"{k} {v}" for k, v in results["machine"].items()))
    print(f"\n{'figure':34} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} {'runs':>5}")
    for name, value in results["figures"].items():
        if isinstance(value, dict):
            print(f"{name:34} {value['wall']:8.3f} {value['cpu']:8.3f} {value['peak_mb']:8.0f} "
                  f"{value['runs']:5d}")
    slowest = results.get("import ms by module, compare", {})
    if slowest:
        print("\nposdiff's slowest modules to import on compare's path (self ms, median):")
        for name, ms in slowest.items():
            print(f"  {ms:6.2f}  {name}")
    print(f"\n{'target':62} {'measured':>9}  verdict")
    for target in results["targets"]:
        print(f"{target['what']:62} {target['measured']:9.2f}  "
              f"{'holds' if target['holds'] else 'MISSED'}")


def compare(before: Path, after: Path) -> None:
    """Each figure of two result files side by side, with the ratio after / before."""
    old = json.loads(before.read_text())["figures"]
    new = json.loads(after.read_text())["figures"]
    print(f"{'figure':34} {'before':>9} {'after':>9} {'after/before':>12}")
    for name, value in new.items():
        if name not in old:
            continue
        a = old[name]["wall"] if isinstance(old[name], dict) else old[name]
        b = value["wall"] if isinstance(value, dict) else value
        print(f"{name:34} {a:9.3f} {b:9.3f} {b / a if a else float('nan'):12.2f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20, help="cold-start rounds [20]")
    parser.add_argument("--repeat", type=int, default=3, help="rounds on the large records [3]")
    parser.add_argument("--start-only", action="store_true",
                        help="only the cold start and the import time (a minute, not ten)")
    parser.add_argument("--diff-only", action="store_true",
                        help="the cold start, then only diff against check on the large "
                             "record")
    parser.add_argument("--out", type=Path, default=HERE / "out",
                        help="where the generated records are kept and reused [benchmarks/out]")
    parser.add_argument("--json", type=Path, default=RESULTS,
                        help="where the figures are written [benchmarks/results.json]")
    parser.add_argument("--compare", type=Path, nargs=2, metavar=("BEFORE", "AFTER"),
                        help="print the figures of two result files side by side, and stop")
    options = parser.parse_args(argv)
    if options.compare:
        compare(*options.compare)
        return 0
    options.out = options.out.resolve()
    options.out.mkdir(parents=True, exist_ok=True)
    results = benchmark(options)
    report(results)
    options.json.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwritten to {options.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
