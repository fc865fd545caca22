"""What a reader sees is explained where it is printed: every line of every command fits
80 columns, and every symbol a table prints is named in its legend."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from tests.conftest import Invoke

COMMANDS = [
    ["compare", "russia", "ukraine"], ["compare", "us", "europe", "--evidence"], ["matrix"],
    ["compromise"], ["compromise", "russia", "ukraine", "us", "-i", "territory"], ["parties"],
    ["issues"], ["issues", "--long"], ["coverage"], ["changes"], ["seeds"], ["show", "russia"],
    ["forecast"], ["forecast", "--sensitivity", "--rounds-detail"], ["trend"],
    ["trend", "russia", "ukraine"], ["check"], ["compare", "russia", "ukraine", "--stated-only"],
]

# Each symbol a table may print, and how its legend names it: "X : meaning" or "X: meaning",
# or the words it always stands in (× between two things weighed, → between from and to).
SYMBOLS = {
    "—": r"— ?:", "·": r"· ?:", "†": r"† ?:", "*": r"\* ?:", "…": r"… ?:", "«": r"«[^»]+»",
    "↔": r"↔ ?:|low ↔ high|or ↔ ", "×": r"salience × clout",
    "→": r"→ ?:|(from|before|start|first) → ",
    "▁": r"▁ near 0", "█": r"█ near 100", "[…]": r"\[…\] ?:",
    # and the tags a quote carries
    "[voice:": r"voice: whose words the quote is", "; supports:": r"supports: the claims",
}


# Printed forms that are not one character: the columns a reader may not know by name,
# as a stacked row labels them (a table's header is checked at full width below).
FORMS = {r"(^|\s)Gap: ": r"gap: ",
         r"Salience: +\d+(\.\d+)?/\d": r"salience: how much the issue matters to each, [^;]+/"}


@pytest.fixture
def shipped(posdiff: Invoke, monkeypatch: pytest.MonkeyPatch) -> Invoke:
    monkeypatch.setenv("COLUMNS", "80")
    return posdiff


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_every_line_fits_80_columns(shipped: Invoke, args: list[str]) -> None:
    printed = shipped(*args).stdout
    too_wide = [line for line in printed.splitlines() if cell_len(line) > 80]
    assert not too_wide, too_wide


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_every_symbol_printed_is_named_in_its_legend(shipped: Invoke, args: list[str]) -> None:
    printed = shipped(*args).stdout
    flat = " ".join(printed.split())
    unexplained = [symbol for symbol, legend in SYMBOLS.items()
                   if symbol in printed and not re.search(legend, flat)]
    unexplained += [form for form, legend in FORMS.items()
                    if re.search(form, printed, re.M) and not re.search(legend, flat)]
    assert not unexplained, (unexplained, printed)


KEY = "colour of a number: 60 or more, 30 to under 60, under 30"
HEATED = {"compare", "matrix", "trend", "changes"}  # distances and shifts coloured by size
_SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_colours_are_keyed_where_they_are_shown(shipped: Invoke, args: list[str]) -> None:
    """A terminal in colour paints distances red, yellow or green: the key says what each
    colour means; without colour there is nothing to key."""
    coloured = shipped("--color", "always", *args).stdout
    assert _SGR.search(coloured)
    plain = " ".join(_SGR.sub("", coloured).split())
    assert (KEY in plain) == (args[0] in HEATED), plain
    assert "colour of a number" not in shipped(*args).stdout


@pytest.mark.parametrize("pair", [["us", "europe"], ["russia", "ukraine"], ["us", "russia"]])
def test_a_position_is_never_squeezed_to_a_few_words_a_line(shipped: Invoke,
                                                            pair: list[str]) -> None:
    """A table whose rows would wrap to more than 3.5 lines each is printed as a stack,
    the position on one line of its own."""
    printed = shipped("compare", *pair).stdout.split("Only one side has a position")[0]
    lines = printed.splitlines()
    dated = [i for i, line in enumerate(lines) if re.search(r"\(\d{4}-\d\d-\d\d\)$", line)]
    assert dated, printed
    for i in dated:  # the position on a line of its own, wrapped at the page's width only
        assert re.match(r"  [A-Z][\w ]+: +\d+ \w", lines[i]) or len(lines[i - 1]) > 60, (
            lines[i], printed)


@pytest.mark.parametrize("columns", ["80", "200"])
def test_compare_names_its_gap_and_whose_salience_comes_first(posdiff: Invoke,
                                                               monkeypatch: pytest.MonkeyPatch,
                                                               columns: str) -> None:
    """"Salience 70/75" said nothing of whose 70 it is, and "Gap" was not explained."""
    monkeypatch.setenv("COLUMNS", columns)
    flat = " ".join(posdiff("compare", "russia", "ukraine").stdout.split())
    assert "Salience" in flat and "70/75" in flat
    assert "gap: how far apart the two positions are, 0..100" in flat
    assert "salience: how much the issue matters to each, Russia/Ukraine" in flat


@pytest.mark.parametrize(("args", "key"), [
    (["check"], "colour: green: what is fine"),
    (["parties"], "colour of other text: yellow: what asks a second look"),
    (["forecast"], "colour of other text: yellow: what asks a second look"),
])
def test_coloured_words_are_keyed_on_a_terminal(shipped: Invoke, args: list[str],
                                                key: str) -> None:
    """check's green 'ok', parties' yellow count of inferred entries and forecast's yellow
    cycles had no key; only numbers coloured by size had one."""
    coloured = " ".join(_SGR.sub("", shipped("--color", "always", *args).stdout).split())
    assert key in coloured
    assert "colour" not in shipped(*args).stdout.replace("colour of a number", "")
