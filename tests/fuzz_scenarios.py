"""Mutated KTAB scenario files for `posdiff forecast --from-csv`, run by tests/fuzz.py.

Each scenario input is a copy of a scenario of tests/data/ktab changed by one to three
mutations drawn by hypothesis: a cell given another value (empty, NaN, infinite, 5,000
digits, a formula, a forged line, a quote or `$$` that KTAB's CSV reads specially), a line
repeated, dropped, emptied or moved, the rows repeated under new names past the actor
limit, a dimension added or its columns cut, bytes spliced (commas, quotes, a lone carriage
return, a BOM, NUL, bytes that are not UTF-8), or the whole written in another encoding.
The file is then read from disk and from the standard input, in a drawn format, and a
small one also with --rounds-detail and --sensitivity.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st

REPO = Path(__file__).resolve().parent.parent
BASES = sorted((REPO / "tests" / "data" / "ktab").glob("*.csv"))
FORMATS = ("table", "json", "csv", "markdown")

CELLS = ["", " ", "nan", "NaN", "inf", "-inf", "1e400", "-1e400", "1" * 5_000, "0x10",
         "1_000", "-0", "-5", "101", "1e-320", "1e8", "1e9", "0", "100", '"', '""', '"a,b"',
         "$$", "&quot;", "\t", "caf\u00e9", "\x1b[2J", "::error file=a,line=1::forged",
         "ok: 0 errors, 0 warnings", "=cmd|' /C calc'!A0", "[bold]x[/bold]", "x" * 100_000,
         "Netherlands", "\u202eevil"]
SPLICES = [b",", b'"', b"\r", b"\n", b"\r\n", b"\n\n", b"$$", b"&quot;", b"\xef\xbb\xbf",
           b"\x00", b"\xff", b"\xc3", b"\xe2\x80\xa8", b"\x1b[31m", b",,,,"]
ENCODINGS = ["utf-16", "utf-16-le", "utf-32", "latin-1", "utf-8-sig", "cp1252"]
ACTOR_COUNTS = [2, 3, 40, 251, 2_000]  # around KTAB's bounds: 3 to 250 actors


def scenario(data: st.DataObject, steps: list[str]) -> bytes:
    """A mutated scenario file's bytes; ``steps`` is told what was done to it."""
    base = data.draw(st.sampled_from(BASES))
    steps.append(f"scenario {base.name}")
    lines = base.read_text(encoding="utf-8").split("\n")
    encoding, spliced = "utf-8", 0
    for _ in range(data.draw(st.integers(1, 3))):
        how = data.draw(st.sampled_from(["cell", "cell", "line", "actors", "column",
                                         "splice", "encode"]))
        if how == "cell":
            _cell(lines, data, steps)
        elif how == "line":
            _line(lines, data, steps)
        elif how == "actors":
            _actors(lines, data, steps)
        elif how == "column":
            _column(lines, data, steps)
        elif how == "encode":
            encoding = data.draw(st.sampled_from(ENCODINGS))
            steps.append(f"encoded {encoding}")
        else:
            spliced += 1
    content = "\n".join(lines).encode(encoding, errors="replace")
    for _ in range(spliced):
        at = data.draw(st.integers(0, len(content)))
        cut = data.draw(st.integers(0, 10))
        insert = data.draw(st.sampled_from(SPLICES) | st.binary(max_size=6))
        content = content[:at] + insert + content[at + cut:]
        steps.append(f"splice @{at} -{cut} +{insert!r}")
    return content


def commands(data: st.DataObject, path: Path, content: bytes,
             quick: bool) -> list[tuple[list[str], bytes | None]]:
    """The runs of `forecast` on the scenario: (arguments, standard input)."""
    runs: list[tuple[list[str], bytes | None]] = [
        (["forecast", "--from-csv", str(path), "-f", data.draw(st.sampled_from(FORMATS))],
         None),
        (["forecast", "--from-csv", "-", "--rounds", "3", "--stop-rule",
          data.draw(st.sampled_from(["none", "median-repeat", "cycle"]))], content)]
    if quick:
        return runs
    runs.append((["forecast", "--from-csv", str(path), "-i",
                  data.draw(st.sampled_from(["Years", "dim1", "nosuch", ""]))], None))
    runs.append((["forecast", "--from-csv", str(path), "Netherlands", "Germany", "UK"], None))
    if content.count(b"\n") < 15:  # --sensitivity runs the forecast four times an input
        runs.append((["forecast", "--from-csv", str(path), "--rounds-detail",
                      "--sensitivity"], None))
    return runs


def _rows(lines: list[str]) -> list[int]:
    """The indexes of the actor rows: the lines after the header that hold a comma."""
    header = 1 if len(lines) > 1 and lines[1].startswith("Actor") else 0
    return [i for i in range(header + 1, len(lines)) if "," in lines[i]]


def _cell(lines: list[str], data: st.DataObject, steps: list[str]) -> None:
    index = data.draw(st.integers(0, max(0, len(lines) - 1)))
    fields = lines[index].split(",")
    at = data.draw(st.integers(0, max(0, len(fields) - 1)))
    value = data.draw(st.sampled_from(CELLS) | st.text(max_size=12))
    fields[at] = value
    lines[index] = ",".join(fields)
    steps.append(f"cell {index + 1}:{at + 1} = {value[:40]!r}")


def _line(lines: list[str], data: st.DataObject, steps: list[str]) -> None:
    index = data.draw(st.integers(0, max(0, len(lines) - 1)))
    how = data.draw(st.sampled_from(["repeat", "drop", "empty", "last"]))
    steps.append(f"{how} line {index + 1}")
    if how == "repeat":
        lines.insert(index, lines[index])
    elif how == "drop":
        del lines[index]
    elif how == "empty":
        lines[index] = ""
    else:
        lines.append(lines.pop(index))


def _actors(lines: list[str], data: st.DataObject, steps: list[str]) -> None:
    rows = _rows(lines)
    if not rows:
        return
    wanted = data.draw(st.sampled_from(ACTOR_COUNTS))
    steps.append(f"{wanted} actors")
    template = lines[rows[0]].split(",")
    made = [",".join([f"actor{n}", *template[1:]]) for n in range(wanted)]
    lines[rows[0]:rows[-1] + 1] = made
    if not lines[0].startswith("Actor"):  # the scenario line counts the rows
        first = lines[0].split(",")
        if len(first) > 2:
            first[2] = str(wanted)
            lines[0] = ",".join(first)


def _column(lines: list[str], data: st.DataObject, steps: list[str]) -> None:
    add = data.draw(st.booleans())
    steps.append("a dimension added" if add else "the last two columns cut")
    for index in range(len(lines)):
        if not lines[index].strip() or (index == 0 and not lines[0].startswith("Actor")):
            continue
        fields = lines[index].split(",")
        if add:
            named = fields[0].strip() == "Actor"
            fields[3:3] = ["Extra", "Sal2"] if named else [
                str(data.draw(st.integers(-5, 105))), str(data.draw(st.integers(-5, 105)))]
        else:
            fields = fields[:-2]
        lines[index] = ",".join(fields)
