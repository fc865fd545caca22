"""Fuzz posdiff with mutated copies of real records, through the loader and every command.

    python -m tests.fuzz --examples 10000 --jobs 2

Each input is a KTAB scenario file for `forecast --from-csv` (tests/fuzz_scenarios.py),
or a copy of the shipped record (positions/, seeds/) or of tests/data/river,
changed by one to three mutations drawn by hypothesis: edits of the YAML text (bytes,
punctuation, tags, anchors, BOM, NUL, non-UTF-8), structured edits (any field of any
file given any kind of value: other types, huge, negative, NaN and infinite numbers,
400-digit integers, empty and 100,000-character strings, control characters, line
breaks, rich markup, formula text) and changes to the files themselves (symbolic links
out of the record and in loops, pipes, odd and overlong names, sparse giants, missing
files). It runs through the loader and, with typer's CliRunner, `check` in every format
and `compare`, `matrix`, `compromise`, `show` and `changes` (in every format when the
record loads; in one drawn format when it does not, since each then stops at the same
load), and `brief`, which writes its page outside the record. Each input is classified
by its worst run:

- result: every run exited 0;
- diagnostic: a run exited 1 or 2 and said why;
- internal error: a run reached the last line of defence (exit 70), or failed silently;
- traceback: an exception escaped, or an exit code posdiff never uses.

A run that prints the content of a file outside the record, or changes a file on disk,
also counts as a traceback (it is a bug as bad); so does an input whose check, with its
work shared out to forked children, finds other problems, another record or other
places for its quotes than when all of it is done in one process. The command exits 1
when the last two counts are not 0. `tests/test_fuzz.py` runs a small sample of it in
the normal suite.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from posdiff.cli import INTERNAL_ERROR, app
from posdiff.record.cache import ReadCache
from posdiff.record.check import run_check
from posdiff.record.paths import RecordPaths
from posdiff.record.validate import build_record

from tests import fuzz_scenarios
from tests.sharing import processes

REPO = Path(__file__).resolve().parent.parent
BASES = {"shipped": REPO, "river": REPO / "tests" / "data" / "river"}
SECRET = "fuzz-secret-3f9c2a: the content of a file outside the record"
OUTCOMES = ("result", "diagnostic", "internal error", "traceback")
FORMATS = ("table", "json", "csv", "markdown")

# -- what goes into a record -------------------------------------------------------

SPECIAL_TEXT = ["", "x" * 100_000, "russia\n", "line\nbreak", "tab\there", "cr\rhere",
                "\x1b[31mred\x1b[0m", "\u2028sep", "[bold]x[/bold]", "[link=https://e.x]y[/link]",
                "=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1)",
                "::error file=a,line=1::forged", "ok: 0 errors, 0 warnings",
                "caf\u00e9 \u2014 \u201cquoted\u201d", "\ufeffbom", "\x00nul", "a" * 300,
                "2025-02-30", "9999-12-31", "yes", "null", "~"]
SPECIAL_NUMBERS = [float("nan"), float("inf"), float("-inf"), 1e308, -1e308, 10 ** 400,
                   -(10 ** 400), 0, -0.0, -1, 100, 100.0000001, 1_000_001, 2 ** 63, 1e-320]
scalars = st.one_of(
    st.sampled_from(SPECIAL_TEXT), st.sampled_from(SPECIAL_NUMBERS), st.text(max_size=20),
    st.integers(), st.floats(), st.booleans(), st.none(), st.dates())
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(
        ["id", "file", "party", "name", "quote", "seed", "at", "label", "x"]), inner,
        max_size=3)), max_leaves=6)

# Snippets that replace a value in the YAML text, where a structured edit cannot reach.
YAML_VALUES = ["!!bool maybe", '!!int ""', "!!timestamp x", "!!float abc", "!!null x",
               "!!seq x", "!!str [1]", "!!map [1]", "!!binary aGk=",
               "!!python/object/apply:os.system ['true']", "&a [*a, *a]", "*nowhere",
               "&b x", "[*b]", "|\n  block\n  text", ">-\n  folded", "{a: 1, a: 2}",
               '"\\x00\\u2028\\e"', "1" * 400, "-" + "9" * 400, ".nan", "-.inf", "1.0e+308",
               "[" * 100 + "]" * 100, "? [1]\n: x", "'unclosed", "{", "- - -"]
SPLICES = [b"\n", b": ", b"- ", b"&a ", b"*a", b"!!python/name:os.system ", b"'", b'"', b"\t",
           b"\xef\xbb\xbf", b"\x00", b"\xff\xfe", b"\xc3", b"\r", b"\x1b[2J", b"---\n", b"#",
           b"{", b"[", b"%YAML 1.1\n", b"\xe2\x80\xa8"]
ODD_NAMES = [b"caf\xe9.yaml", b"-rf.yaml", b"new\nline.yaml", b"x" * 250 + b".yaml",
             b" space .yaml", b"dup.yml", b"\xe2\x80\xae.yaml", b"issues.yml"]


@dataclass
class Case:
    """One fuzzed input: where its record is and what was done to it."""

    root: Path
    outside: Path
    steps: list[str] = field(default_factory=list)


def _yaml_files(root: Path) -> list[Path]:
    return sorted([*(root / "positions").glob("*.yaml"), root / "seeds" / "index.yaml"])


def _paths(document: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value inside a loaded YAML document."""
    yield prefix
    if isinstance(document, dict):
        for key, child in document.items():
            yield from _paths(child, (*prefix, key))
    elif isinstance(document, list):
        for index, child in enumerate(document):
            yield from _paths(child, (*prefix, index))


def _structured(case: Case, data: st.DataObject, target: Path) -> None:
    document = yaml.safe_load(target.read_text(encoding="utf-8"))
    paths = [p for p in _paths(document) if p]
    if not paths:
        return
    path = data.draw(st.sampled_from(paths))
    parent = document
    for key in path[:-1]:
        parent = parent[key]
    how = data.draw(st.sampled_from(["set", "set", "set", "delete", "add-field"]))
    if how == "delete":
        del parent[path[-1]]
    elif how == "add-field" and isinstance(parent, dict):
        parent[data.draw(st.sampled_from(["clout", "aliases", "prefix", "evil", "Party"]))] = \
            data.draw(values)
    else:
        parent[path[-1]] = data.draw(values)
    target.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False),
                      encoding="utf-8")
    case.steps.append(f"{how} {target.name}:{'.'.join(map(str, path))}")


def _text_value(case: Case, data: st.DataObject, target: Path) -> None:
    lines = target.read_text(encoding="utf-8").split("\n")
    keyed = [i for i, line in enumerate(lines) if ": " in line]
    if not keyed:
        return
    index = data.draw(st.sampled_from(keyed))
    snippet = data.draw(st.sampled_from(YAML_VALUES))
    key = lines[index].split(": ", 1)[0]
    lines[index] = f"{key}: {snippet}"
    target.write_text("\n".join(lines), encoding="utf-8")
    case.steps.append(f"value {target.name}:{index + 1} = {snippet!r}")


def _splice(case: Case, data: st.DataObject, target: Path) -> None:
    text = target.read_bytes()
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 30))
        insert = data.draw(st.sampled_from(SPLICES) | st.binary(max_size=8))
        text = text[:at] + insert + text[at + cut:]
        case.steps.append(f"splice {target.name}@{at} -{cut} +{insert!r}")
    target.write_bytes(text)


def _file_system(case: Case, data: st.DataObject) -> None:
    root = case.root
    folder = root / data.draw(st.sampled_from(["positions", "seeds"]))
    victims = sorted(p for p in folder.iterdir() if p.is_file())
    victim = data.draw(st.sampled_from(victims)) if victims else folder / "none.yaml"
    how = data.draw(st.sampled_from(["link-out", "link-loop", "link-dir", "fifo", "odd-name",
                                     "giant", "remove", "folder", "link-in", "empty"]))
    case.steps.append(f"{how} {victim.relative_to(root)}")
    if how == "link-out":
        victim.unlink(missing_ok=True)
        victim.symlink_to(case.outside)
    elif how == "link-loop":
        victim.unlink(missing_ok=True)
        victim.symlink_to(victim.name)
    elif how == "link-dir":
        victim.unlink(missing_ok=True)
        victim.symlink_to("/")
    elif how == "fifo":
        victim.unlink(missing_ok=True)
        os.mkfifo(victim)
    elif how == "odd-name":
        name = data.draw(st.sampled_from(ODD_NAMES))
        with contextlib.suppress(OSError):
            victim.rename(os.fsdecode(os.fsencode(folder) + b"/" + name))
    elif how == "giant":
        with victim.open("r+b") as handle:
            handle.truncate(11 * 1024 * 1024)  # sparse, over the 10 MB limit
    elif how == "remove":
        victim.unlink(missing_ok=True)
    elif how == "folder":
        victim.unlink(missing_ok=True)
        victim.mkdir()
    elif how == "link-in":
        (folder / f"alias-{len(case.steps)}.yaml").symlink_to(victim.name)
    else:
        victim.write_bytes(b"")


MUTATIONS: list[Callable[..., None]] = [_structured, _text_value, _splice]


def mutate(case: Case, data: st.DataObject) -> None:
    for _ in range(data.draw(st.integers(1, 3))):
        kind = data.draw(st.integers(0, len(MUTATIONS)))
        if kind == len(MUTATIONS):
            try:
                _file_system(case, data)
            except OSError as exc:  # e.g. the name was taken by an earlier mutation
                case.steps.append(f"(not done: {exc.strerror})")
            continue
        files = [p for p in _yaml_files(case.root) if p.is_file() and not p.is_symlink()]
        if not files:
            continue
        target = data.draw(st.sampled_from(files))
        try:
            MUTATIONS[kind](case, data, target)
        except Exception:  # PyYAML (here, not posdiff) cannot read what is already broken
            _splice(case, data, target)


# -- running and judging ------------------------------------------------------------

@dataclass
class Tally:
    inputs: Counter[str] = field(default_factory=Counter)
    runs: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.inputs.update(other.inputs)
        self.runs.update(other.runs)
        self.failures.extend(other.failures)


def _state(root: Path) -> dict[str, str]:
    """Every entry under the record with what it is, and a regular file's hash."""
    found = {}
    for path in sorted(root.rglob("*")):
        name = os.fsencode(path.relative_to(root)).hex()
        if path.is_symlink():
            found[name] = "link:" + os.readlink(path)
        elif path.is_file() and path.stat().st_size <= 1024 * 1024:
            found[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[name] = f"{path.stat().st_mode}:{path.stat().st_size}" if path.exists() \
                else "dangling"
    return found


def _commands(parties: list[str], issues: list[str], every_format: bool, quick: bool,
              data: st.DataObject, page: Path) -> list[list[str]]:
    a, b = [*parties, "russia", "ukraine"][:2]
    issue = [*issues, "ceasefire"][0]
    commands = [["check", "-f", f] for f in ("text", "json", "github")]
    commands.append(["check", "--strict"])
    for command in (["compare", a, b, "--evidence"], ["matrix"], ["compromise"],
                    ["compromise", a, b, "-i", issue, "-i", issue], ["show", a, "--history"],
                    ["changes", "--since", "2020-01-01"]):
        formats = FORMATS if every_format else [data.draw(st.sampled_from(FORMATS))]
        commands += [[*command, "-f", f] for f in formats]
    commands.append(["brief", "-o", str(page), "--force"])  # outside the record
    if quick:  # one check and one other command, drawn
        return [commands[1], data.draw(st.sampled_from(commands[4:]))]
    return commands


def _judge(result: Any) -> str:
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return "traceback"
    code = result.exit_code
    if code == 0:
        return "result"
    if code in (1, 2):
        return "diagnostic" if (result.stdout + result.stderr).strip() else "internal error"
    return "internal error" if code == INTERNAL_ERROR else "traceback"


def run_case(case: Case, data: st.DataObject, tally: Tally, quick: bool) -> None:
    worst = "result"
    before = _state(case.root)
    runner = CliRunner()
    try:
        loaded = build_record(case.root / "positions", case.root / "seeds")
        every_format = not loaded.errors
        parties, issues = list(loaded.record.parties), list(loaded.record.issues)
        outcomes = [("load", "result")]
    except Exception:
        every_format, parties, issues = False, [], []
        outcomes = [("load", "traceback")]
        tally.failures.append(f"{case.steps}: loader: {traceback.format_exc(limit=-3)}")
    alone = _checked(case, shared=False)
    for how, found in (("in shares", _checked(case, shared=True)),
                       ("after its base, reusing what that check read",
                        _checked(case, shared=False, after=BASES[case.steps[0]]))):
        if found != alone:
            outcomes.append(("shares", "traceback"))
            tally.failures.append(f"{case.steps}: checked {how}, the record, its problems or "
                                  "its quotes' places differ from checking it alone:"
                                  f"\n{_first_difference(repr(found), repr(alone))}")
    page = case.outside.with_name("brief.html")
    for args in _commands(parties, issues, every_format, quick, data, page):
        result = runner.invoke(app, [*args, "--positions", str(case.root / "positions"),
                                     "--seeds", str(case.root / "seeds")])
        outcome = _judge(result)
        written = page.read_text(encoding="utf-8") if args[0] == "brief" and page.exists() \
            else ""
        if SECRET in result.stdout + result.stderr + written:
            outcome = "traceback"
            tally.failures.append(f"{case.steps}: {args}: printed a file outside the record")
        elif outcome in ("internal error", "traceback"):
            detail = (result.stderr.strip() or "".join(traceback.format_exception(
                result.exception))[-1500:] if result.exception else result.stderr)
            tally.failures.append(f"{case.steps}: {args}: exit {result.exit_code}: {detail}")
        outcomes.append((" ".join(args[:1]), outcome))
    if _state(case.root) != before:
        outcomes.append(("disk", "traceback"))
        tally.failures.append(f"{case.steps}: a file on disk changed")
    for _, outcome in outcomes:
        tally.runs[outcome] += 1
        worst = max(worst, outcome, key=OUTCOMES.index)
    tally.inputs[worst] += 1


def run_scenario(data: st.DataObject, tally: Tally, quick: bool) -> None:
    """A mutated KTAB scenario (tests/fuzz_scenarios.py) through `forecast --from-csv`,
    read from a file and from the standard input; the file must stay as it was."""
    steps: list[str] = []
    content = fuzz_scenarios.scenario(data, steps)
    with tempfile.TemporaryDirectory(prefix="posdiff-fuzz-") as temporary:
        path = Path(temporary) / "scenario.csv"
        path.write_bytes(content)
        outcomes = []
        for args, given in fuzz_scenarios.commands(data, path, content, quick):
            result = CliRunner().invoke(app, args, input=given)
            outcome = _judge(result)
            if outcome in ("internal error", "traceback"):
                detail = (result.stderr.strip() or "".join(traceback.format_exception(
                    result.exception))[-1500:] if result.exception else result.stderr)
                tally.failures.append(f"{steps}: {args}: exit {result.exit_code}: {detail}")
            outcomes.append(outcome)
        if path.read_bytes() != content or len(list(Path(temporary).iterdir())) != 1:
            outcomes.append("traceback")
            tally.failures.append(f"{steps}: a file on disk changed")
    for outcome in outcomes:
        tally.runs[outcome] += 1
    tally.inputs[max(outcomes, key=OUTCOMES.index)] += 1


def _checked(case: Case, shared: bool, after: Path | None = None) -> object:
    """`posdiff check`'s findings, in full, with the work shared out to forked children
    (four processes, however small the record) or all done in this one; ``after`` another
    record: checked first, with a cache the case's check then reuses (as `diff` does)."""
    try:
        with processes(4 if shared else 1):
            cache = ReadCache() if after else None
            if after:
                run_check(RecordPaths(after / "positions", after / "seeds"), cache=cache)
            report = run_check(RecordPaths(case.root / "positions", case.root / "seeds"),
                               cache=cache)
        # Compared by value, not by repr: a frozenset (a quote's `supports`) sent back
        # pickled from a child may iterate in another order, and equal all the same.
        return (report.record, report.diagnostics, report.matches,
                [item.match for item in report.record.evidence()])
    except Exception as exc:  # the commands below report it; here only sameness counts
        return f"raised {type(exc).__name__}"


def _first_difference(found: str, alone: str, context: int = 300) -> str:
    """Where two findings first part: enough of each to see which field differs."""
    pairs = zip(found, alone, strict=False)  # one may be longer: it parts at the end
    at = next((i for i, (a, b) in enumerate(pairs) if a != b), min(len(found), len(alone)))
    start = max(0, at - context)
    return (f"  checked so: ...{found[start:at + context]!r}\n"
            f"  alone:      ...{alone[start:at + context]!r}")


@contextlib.contextmanager
def _record_copy(base: Path) -> Iterator[Case]:
    with tempfile.TemporaryDirectory(prefix="posdiff-fuzz-") as temporary:
        top = Path(temporary)
        outside = top / "outside.yaml"
        outside.write_text(f"{SECRET}\nparty: [\n", encoding="utf-8")
        root = top / "record"
        shutil.copytree(base / "positions", root / "positions", symlinks=True)
        shutil.copytree(base / "seeds", root / "seeds", symlinks=True)
        yield Case(root, outside)


def fuzz(examples: int, random_seed: int, quick: bool = False) -> Tally:
    """Try ``examples`` inputs; ``quick`` runs each through the loader, `check --format
    json` and one drawn command only (the sample in the test suite)."""
    tally = Tally()

    @seed(random_seed)
    @settings(max_examples=examples, deadline=None, database=None,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(st.data())
    def one(data: st.DataObject) -> None:
        base = data.draw(st.sampled_from(sorted([*BASES, "scenario"])))
        if base == "scenario":
            run_scenario(data, tally, quick)
            return
        with _record_copy(BASES[base]) as case:
            case.steps.append(base)
            try:
                mutate(case, data)
            except Exception as exc:  # a bug of this harness, not of posdiff: run anyway
                case.steps.append(f"(mutation failed: {exc!r})")
            run_case(case, data, tally, quick)

    one()
    return tally


def _chunk(examples: int, random_seed: int, timeout: float) -> Tally:
    """Run one share of the inputs in a child process, so that a child killed by a signal
    or stuck in a hang is reported with the seed that reproduces it, not waited for."""
    command = [sys.executable, "-m", "tests.fuzz", "--examples", str(examples),
               "--seed", str(random_seed), "--tally"]
    rerun = f"python -m tests.fuzz --examples {examples} --seed {random_seed}"
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              cwd=REPO, check=False)
    except subprocess.TimeoutExpired:
        return _lost(examples, f"seed {random_seed}: no answer after {timeout:.0f} s; {rerun}")
    try:
        counts = json.loads(done.stdout.splitlines()[-1])
    except (IndexError, ValueError):
        how = f"signal {-done.returncode}" if done.returncode < 0 else f"exit {done.returncode}"
        return _lost(examples, f"seed {random_seed}: the process ended with {how} "
                               f"before its report; {rerun}\n{done.stderr[-1500:]}")
    return Tally(Counter(counts["inputs"]), Counter(counts["runs"]), counts["failures"])


def _lost(examples: int, why: str) -> Tally:
    return Tally(Counter({"traceback": examples}), Counter({"traceback": 1}), [why])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=1000, help="inputs to try")
    parser.add_argument("--jobs", type=int, default=1, help="processes to share them")
    parser.add_argument("--seed", type=int, default=0, help="hypothesis seed of share 1")
    parser.add_argument("--share", type=int, default=250,
                        help="inputs per child process (each with the next seed)")
    parser.add_argument("--show", type=int, default=5, help="failures to print in full")
    parser.add_argument("--tally", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    started = time.monotonic()
    if options.tally:  # a child of the run below: counts as JSON on the last line
        part = fuzz(options.examples, options.seed)
        print(json.dumps({"inputs": part.inputs, "runs": part.runs,
                          "failures": part.failures}))
        return 0
    sizes = [min(options.share, options.examples - start)
             for start in range(0, options.examples, options.share)]
    tally = Tally()
    with concurrent.futures.ThreadPoolExecutor(options.jobs) as pool:
        futures = [pool.submit(_chunk, size, options.seed + number, max(600.0, 5.0 * size))
                   for number, size in enumerate(sizes)]
        for done, future in enumerate(concurrent.futures.as_completed(futures), 1):
            tally.add(future.result())
            bad = tally.inputs["internal error"] + tally.inputs["traceback"]
            print(f"[{done}/{len(sizes)}] {sum(tally.inputs.values()):,} inputs, {bad:,} "
                  f"failing, {time.monotonic() - started:,.0f} s", file=sys.stderr, flush=True)
    print(report(tally, time.monotonic() - started))
    for failure in tally.failures[:options.show]:
        print(f"\n--- failure\n{failure}")
    return 1 if tally.inputs["internal error"] or tally.inputs["traceback"] else 0


def report(tally: Tally, seconds: float) -> str:
    lines = [f"inputs tried: {sum(tally.inputs.values()):,} in {seconds:,.0f} s "
             f"({sum(tally.runs.values()):,} runs of the loader and the commands)"]
    lines += [f"  {name:15} {tally.inputs[name]:7,} inputs  {tally.runs[name]:8,} runs"
              for name in OUTCOMES]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
