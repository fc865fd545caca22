"""The geometry and colours of the brief's pictures: where a value sits, how big a mark
is, which colour a distance gets. Pure functions of numbers; the templates only place
what these return.

Strips and timelines are drawn across the page's full width: x is given in percent of
the picture's width, so text and marks keep their size in pixels on a phone and on a
wide screen alike (a viewBox would shrink the text with the picture).
"""

from __future__ import annotations

import datetime as dt
import math

EDGE = 4.0  # percent of the width kept clear on either side, so a mark at 0 or 100 is whole
R_MIN, R_MAX = 3.0, 10.0  # px: the marks of salience 0 and 100

# The heatmap's sequential scale: ten steps of viridis (colour-blind safe, and ordered in
# lightness, so it reads in grey too), from light (close, distance 0) to dark (far, 100).
HEAT = ("#fde725", "#bddf26", "#7ad151", "#44bf70", "#22a884",
        "#21918c", "#2a788e", "#355f8d", "#414487", "#482475")
NO_VALUE = "#e5e5e5"  # a pair with no issue in common has no distance

# One colour per party in the strips and timelines: the Okabe-Ito palette (colour-blind
# safe), without its yellow, which is too light on white. Parties past the seventh reuse
# them; every picture names its parties in words as well.
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#56b4e9", "#e69f00", "#000000")


# Characters of 12 px text that fit across a strip on a 375 px phone: SVG text never
# wraps, so a longer label would run off the picture.
LABEL_CHARS = 44


def label(text: str, limit: int = LABEL_CHARS) -> str:
    """``text`` as a picture can show it: whole when short, else cut after a word where
    one ends past half the room (else at the room), with an ellipsis. The whole text is
    in the picture's tooltip and in the table under it."""
    if len(text) <= limit:
        return text
    space = text.rfind(" ", 0, limit)
    cut = text[:space] if space > limit // 2 else text[: limit - 1]
    return cut.rstrip(" ,;:-") + "…"


def across(value: float, edge: float = EDGE) -> float:
    """Where a value of a 0..100 scale sits across a picture, in percent of its width."""
    clamped = min(max(value, 0.0), 100.0)
    return round(edge + clamped * (100.0 - 2 * edge) / 100.0, 2)


def down(value: float, top: float, height: float) -> float:
    """Where a value of a 0..100 scale sits down a plot ``height`` px tall, 100 at the top."""
    clamped = min(max(value, 0.0), 100.0)
    return round(top + (100.0 - clamped) * height / 100.0, 2)


def day_across(day: dt.date, first: dt.date, last: dt.date, edge: float = EDGE) -> float:
    """Where a date sits across a timeline from ``first`` to ``last``, in percent."""
    span = (last - first).days
    share = 0.0 if span <= 0 else (day - first).days / span
    return across(100.0 * share, edge)


def text_anchor(x: float) -> str:
    """How a label at ``x`` percent is anchored so that it stays inside the picture."""
    return "start" if x < 15 else "end" if x > 85 else "middle"


def radius(salience: float) -> float:
    """A mark's radius, its area growing with salience: twice the salience, twice the ink."""
    share = min(max(salience, 0.0), 100.0) / 100.0
    return round(math.sqrt(R_MIN**2 + (R_MAX**2 - R_MIN**2) * share), 2)


def heat_step(value: float | None) -> int | None:
    """Which of the HEAT steps a distance on 0..100 falls in (90..100 the last); None
    for no distance."""
    if value is None:
        return None
    step = int(min(max(value, 0.0), 100.0) // (100 / len(HEAT)))
    return min(step, len(HEAT) - 1)


def ink(fill: str) -> str:
    """Black or white, whichever contrasts more with ``fill`` (#rrggbb), for text on it."""
    channels = [int(fill[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    # WCAG contrast: (L1 + 0.05) / (L2 + 0.05); black wins when the fill is light enough.
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#ffffff"


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def dashes(index: int) -> str:
    """A dash pattern for the line of the ``index``th party: past the palette's end the
    colours come round again, the pattern does not."""
    return ("", "6 3", "2 3", "8 3 2 3")[index // len(PALETTE) % 4]
