"""How an entry is worded wherever it is shown: its position, range, date and
basis, its quotes with their voice, and the legends that explain each mark."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from posdiff.model import Basis, Issue, Party, Position
from posdiff.reports.sheet import Cell, number
from posdiff.words import count

GAP_STYLES = ((60.0, "bold red"), (30.0, "yellow"), (0.0, "green"))


def heat(value: float | None) -> str:
    if value is None:
        return "dim"
    return next(style for floor, style in GAP_STYLES if value >= floor)


def _heat_key() -> tuple[tuple[str, str], ...]:
    floors = [floor for floor, _ in GAP_STYLES]
    return tuple((style, f"{floor:g} or more" if index == 0
                  else f"under {floors[index - 1]:g}" if floor == 0
                  else f"{floor:g} to under {floors[index - 1]:g}")
                 for index, (floor, style) in enumerate(GAP_STYLES))


# What each colour of `heat` means, as (style, words): printed where the colour is.
HEAT_KEY = _heat_key()


INFERRED = "inferred"  # the word that marks a claim no words of the party's state
# Where a cell has no room for the word: a number resting on an inferred position.
INFERRED_MARK = "†"
FAR_APART = dt.timedelta(days=60)  # two entries this far apart may not answer each other
POSITIONS_LEGEND = ("position: 0..100 and its labelled point, or the nearest one when it sits "
                    "between two")
VOICES_LEGEND = ("voice: whose words the quote is: party (its own), reported (the source "
                 "tells what it said), author (the source's reading), conduct (what it did); "
                 "only party and reported quotes state a claim; supports: the claims the "
                 "quote backs, when more than the position")
INFERRED_LEGEND = (f"[{INFERRED}]: no quote in the party's own or reported words states "
                   "the position, only the source's reading or the party's conduct "
                   f"(--stated-only leaves it out); [red line]: the range is a red line a "
                   f"quote in those words states, [{INFERRED} red line]: one no such quote "
                   "states (each mark is said of what it names: the position, or the red "
                   "line)")


def position_text(issue: Issue, position: Position) -> str:
    """'100 no ceasefire before settlement' at a labelled point; between two, the value
    and apart the nearest point: '95, nearest point: no ceasefire before settlement', or
    both when it is midway: '25, midway between no fee and half the fee'."""
    nearest = issue.nearest_points(position.value)
    if len(nearest) > 1:
        said = f", midway between {nearest[0].label} and {nearest[-1].label}"
    elif nearest[0].at == position.value:
        said = f" {nearest[0].label}"
    else:
        said = f", nearest point: {nearest[0].label}"
    marker = f" [{INFERRED}]" if position.inferred else ""
    if position.red_line:
        marker += f" [{INFERRED} red line]" if position.red_line_basis is Basis.INFERRED \
            else " [red line]"
    return f"{number(position.value)}{said}{marker}"


def dated_text(issue: Issue, position: Position) -> str:
    return f"{position_text(issue, position)} ({position.as_of.isoformat()})"


def range_text(span: tuple[float, float] | None, inferred: bool = False) -> str:
    if span is None:
        return "—"
    return f"{number(span[0])}–{number(span[1])}" + (f" ({INFERRED})" if inferred else "")


def acceptable_text(position: Position) -> str:
    return range_text(position.acceptable, position.acceptable_basis is Basis.INFERRED)


def as_of_text(as_of: dt.date | None) -> str:
    return f" as of {as_of.isoformat()}" if as_of else ""





def stated_only_note(parties: Sequence[Party]) -> Cell:
    """What --stated-only left out of these parties."""
    left = {p.id: p.inferred_entries for p in parties if p.inferred_entries}
    whose = f" ({', '.join(f'{p} {n}' for p, n in left.items())})" if left else ""
    return Cell(f"--stated-only: {count(sum(left.values()), 'entry', 'entries')} whose position "
                f"is inferred left out{whose}, and every inferred range and red line", "dim")


def claims_data(position: Position | None) -> dict[str, Basis | None] | None:
    """Whether each claim of an entry is stated or inferred (None: the entry has none)."""
    if position is None:
        return None
    return {"position": position.position_basis, "acceptable": position.acceptable_basis,
            "red_line": position.red_line_basis}


def basis_word(inferred: bool) -> str:
    """'inferred' or 'stated': the basis of an overlap or a clash."""
    return Basis.INFERRED.value if inferred else Basis.STATED.value
