"""A small declarative description of the YAML files.

One description serves twice: ``validate`` walks a composed document against it and
reports every structural problem with its position, and ``json_schema`` turns it into
the JSON Schema that editors use. Keeping both in one place means they cannot drift.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from posdiff.diagnostics import Diagnostic, error, warning
from posdiff.plain import Plain
from posdiff.record.yaml import Node
from posdiff.words import count, did_you_mean, figure

KEBAB = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Problem = tuple[str, str]  # (diagnostic code, message)

# The spec types are plain classes (posdiff.plain): every command that reads a record
# creates these classes at start-up, and a NamedTuple class costs twenty times as much to
# create, a dataclass a hundred. They are compared by type (isinstance), never by value.


# Control characters but tab, line feed and carriage return, which YAML text may hold,
# the Unicode line and paragraph separators, and the bidirectional embeddings, overrides
# and isolates, which reorder what a line shows. A set, not a pattern: compiling a
# character class past Latin-1 costs every start half a millisecond.
_CONTROLS = frozenset(chr(code) for code in (
    *range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0), 0x2028, 0x2029,
    *range(0x202A, 0x202F), *range(0x2066, 0x206A)))


class Str(Plain):
    __slots__ = ("pattern", "hint", "pasted", "trimmed")

    def __init__(self, pattern: str | None = None, hint: str = "", pasted: bool = False,
                 trimmed: bool = False) -> None:
        self.pattern = pattern
        self.hint = hint  # said when the pattern does not match
        # A value pasted from a tool's output ("SHA256:AB12…  file.txt"): suggest its
        # first word, lower-cased, without a "name:" prefix, when that would do.
        self.pasted = pasted
        # A name matched as typed ('kyiv ' is not 'kyiv', nor 'new\tyork' 'new york'):
        # words separated by single spaces, none at either end.
        self.trimmed = trimmed

    def check(self, value: Any) -> Problem | None:
        if not isinstance(value, str):
            # Quoting helps only where the text written would then do.
            quote = ("; put it in quotes to make it text"
                     if isinstance(value, (int, float, bool, dt.date)) and not (
                         self.pattern and not re.fullmatch(self.pattern, str(value)))
                     else f"; {self.hint}" if self.pattern else "")
            return "wrong-type", f"expected text, got {describe(value)}{quote}"
        if not value.strip():
            return "empty-value", "must not be empty"
        # Most text is printable as a whole, which `isprintable` (C) tells at once.
        at = None if value.isprintable() else next(
            (index for index, char in enumerate(value) if char in _CONTROLS), None)
        if at is not None:
            return "control-character", (
                f"holds the character U+{ord(value[at]):04X} at character {at + 1}, "
                "a control, a line separator or a text-direction override: remove it, or "
                "write a space (no output of posdiff should carry it)")
        if self.trimmed and value != (words := " ".join(value.split())):
            what = ("white space at an end" if value.strip() == words else
                    "white space other than one space between its words")
            return "padded-name", (f"'{value}' has {what}, and a name is matched as "
                                   f"written: write '{words}'")
        # fullmatch: `$` alone would accept a trailing newline ("russia\n").
        if self.pattern and not re.fullmatch(self.pattern, value):
            tidy = value.split()[0].rpartition(":")[2].lower() if self.pasted else ""
            meant = f"; write {tidy}" if tidy and re.fullmatch(self.pattern, tidy) else ""
            return "invalid-id", f"'{value}' is not valid: {self.hint}{meant}"
        return None

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "string", "minLength": 1}
        if self.pattern or self.trimmed:
            out["pattern"] = self.pattern or r"^\S+( \S+)*$"
        return out


class Choice(Plain):
    """One of a fixed set of words."""

    __slots__ = ("values",)

    def __init__(self, values: tuple[str, ...]) -> None:
        self.values = values

    def check(self, value: Any) -> Problem | None:
        if not isinstance(value, str):
            return "wrong-type", f"expected one of {', '.join(self.values)}, got {describe(value)}"
        if value not in self.values:
            return "invalid-choice", (f"'{value}' is not one of {', '.join(self.values)}"
                                      f"{did_you_mean(value, self.values)}")
        return None

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.values)}


class Number(Plain):
    """A finite number in [minimum, maximum]: every number has both bounds, so that no
    sum or product of them can overflow to infinity or NaN. Past ``smallest``, a number
    other than 0 is refused nearer 0 than that: a product of such numbers falls below
    the floats' precision (a salience of 5e-324 made a weighted mean gap of 1.5 read 2)."""

    __slots__ = ("minimum", "maximum", "exclusive_minimum", "smallest")

    def __init__(self, minimum: float, maximum: float, exclusive_minimum: bool = False,
                 smallest: float = 0.0) -> None:
        self.minimum = minimum
        self.maximum = maximum
        self.exclusive_minimum = exclusive_minimum
        self.smallest = smallest

    def check(self, value: Any) -> Problem | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return "wrong-type", (f"expected a number, got {describe(value)}"
                                  f"{number_hint(value, self)}")
        try:
            finite = math.isfinite(value)  # an int of 400 digits has no float
        except OverflowError:
            return "out-of-range", f"{describe(value)} is out of range: {self.range_text()}"
        if not finite:
            return "wrong-type", f"expected a finite number, got {describe(value)}"
        low, high = self.minimum, self.maximum
        if (value <= low if self.exclusive_minimum else value < low) or value > high:
            return "out-of-range", f"{figure(value)} is out of range: {self.range_text()}"
        if value and abs(value) < self.smallest:
            zero = "" if self.exclusive_minimum and self.minimum == 0 else "0 or "
            return "out-of-range", (f"{figure(value)} is finer than this number allows: "
                                    f"write {zero}at least {figure(self.smallest)}")
        return None

    def range_text(self) -> str:
        if self.exclusive_minimum:
            return (f"must be greater than {figure(self.minimum)} and at most "
                    f"{figure(self.maximum)}")
        return f"must be between {figure(self.minimum)} and {figure(self.maximum)}"

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": "number",
            "exclusiveMinimum" if self.exclusive_minimum else "minimum": self.minimum,
            "maximum": self.maximum}
        if self.smallest:
            out["not"] = {"exclusiveMinimum": -self.smallest, "exclusiveMaximum": self.smallest,
                          "not": {"const": 0}}
        return out


class Bool(Plain):
    __slots__ = ()

    def check(self, value: Any) -> Problem | None:
        if isinstance(value, bool):
            return None
        return "wrong-type", f"expected true or false, got {describe(value)}"

    def schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


class Date(Plain):
    """A calendar date, written 2025-03-18; never in the future."""

    __slots__ = ()

    def check(self, value: Any) -> Problem | None:
        parsed = as_date(value)
        if parsed is None:
            why = no_such_day(value) if isinstance(value, str) else None
            if why:
                return "invalid-date", f"{value} is not a date: {why}"
            return "invalid-date", f"expected a date like 2025-03-18, got {describe(value)}"
        today = dt.date.today()
        if parsed > today:
            return "future-date", (f"{parsed.isoformat()} is in the future (today is "
                                   f"{today.isoformat()}); give the date it was stated or "
                                   "published")
        return None

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "date"}


class AnyOf(Plain):
    __slots__ = ("options", "expected")

    def __init__(self, options: tuple[Str | Number, ...], expected: str) -> None:
        self.options = options
        self.expected = expected

    def check(self, value: Any) -> Problem | None:
        failures = [option.check(value) for option in self.options]
        if not all(failures):
            return None
        # A value of the right kind but a bad content says what is wrong with it.
        specific = [f for f in failures if f and f[0] != "wrong-type"]
        return specific[0] if specific else (
            "wrong-type", f"expected {self.expected}, got {describe(value)}")

    def schema(self) -> dict[str, Any]:
        return {"anyOf": [option.schema() for option in self.options]}


class Seq(Plain):
    """A list of ``item``; ``unique``: an item given twice says nothing more (a warning)."""

    __slots__ = ("item", "min_items", "max_items", "unique")

    def __init__(self, item: Spec, min_items: int = 0, max_items: int | None = None,
                 unique: bool = False) -> None:
        self.item = item
        self.min_items = min_items
        self.max_items = max_items
        self.unique = unique


class Field(Plain):
    __slots__ = ("spec", "description", "required")

    def __init__(self, spec: Spec, description: str, required: bool = False) -> None:
        self.spec = spec
        self.description = description
        self.required = required


class Obj(Plain):
    __slots__ = ("fields", "title", "elsewhere")

    def __init__(self, fields: dict[str, Field], title: str = "",
                 elsewhere: dict[str, str] | None = None) -> None:
        self.fields = fields
        self.title = title
        self.elsewhere = elsewhere or {}  # field -> where it goes


Scalar = Str | Number | Bool | Date | Choice | AnyOf
Spec = Scalar | Seq | Obj


# Patterns, compiled by `re` when first needed: only text where a number was due.
_EXPONENT = r"\s*([-+]?[0-9]+)(\.[0-9]*)?[eE]([-+]?)([0-9]+)\s*"
_DECIMAL = r"\s*-?[0-9]+(?:\.[0-9]+)?\s*"
_PERCENT = r"\s*(-?[0-9]+(?:\.[0-9]+)?)\s*(?:%|per ?cent|percent)\s*"


def number_hint(value: Any, within: Number, scale: bool = False) -> str:
    """For text that a person reads as a number, how to make YAML read it as one; or,
    when the number meant is refused ``within`` its bounds too, why (no suggestion that
    the next check refuses, nor one that may change the meaning: a per cent is a point of
    an issue's ``scale`` only as the scale says)."""
    if not isinstance(value, str):
        return ""
    if percent := re.fullmatch(_PERCENT, value):
        if scale:
            return ("; a position is a point of the issue's 0..100 scale, not a per cent: "
                    "write the point the per cent stands for")
        if (within.minimum, within.maximum) != (0, 100):
            return "; write a plain number (a per cent sign is no part of one)"
        refused = within.check(float(percent[1]))  # a share of 100 already
        return f"; as a number it is refused too: {refused[1]}" if refused else \
            f"; write {percent[1]}, without the per cent sign"
    if re.fullmatch(_EXPONENT, value) or re.fullmatch(_DECIMAL, value):
        meant = float(value)
        if math.isinf(meant):
            return "; as a number it is too large for one"
        if meant == 0 and any(digit in value.split("e")[0].split("E")[0]
                              for digit in "123456789"):
            return "; as a number it is too small to tell from 0"
        refused = within.check(meant)
        if refused:
            return f"; as a number it is refused too: {refused[1]}"
    if exponent := re.fullmatch(_EXPONENT, value):
        whole, fraction, sign, power = exponent.groups()
        readable = f"{whole}{fraction or '.0'}e{sign or '+'}{power}"
        if readable != value.strip():  # YAML 1.1 wants both a dot and a sign
            return (f"; YAML reads an exponent as a number only with a dot and a sign: "
                    f"write {readable}, or the number in plain digits")
        return f"; to give the number {readable}, write it without quotes"
    if re.fullmatch(_DECIMAL, value):
        number = value.strip()
        digits = number.lstrip("-")
        if len(digits) > 1 and digits[0] == "0" and digits[1].isdigit():
            from decimal import Decimal  # here: only this hint needs it

            plain = str(Decimal(number)) if "." in number else str(int(number))
            return ("; YAML reads a number with a leading 0 as text (or as octal): write "
                    f"{plain}")
        return f"; to give the number {number}, write it without quotes"
    return ""


def describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, float) and not math.isfinite(value):
        if math.isnan(value):
            return "not a number (.nan)"
        return "infinity (.inf)" if value > 0 else "minus infinity (-.inf)"
    if isinstance(value, (int, float)):
        text = str(value)
        return f"a number ({text[:10]}…{text[-10:]})" if len(text) > 21 else \
            f"a number ({text})"
    if isinstance(value, dt.datetime):
        return f"a date and time ({value.isoformat(' ')})"
    if isinstance(value, dt.date):
        return f"a date ({value.isoformat()})"
    text = str(value)
    return f"'{text[:20]}…{text[-20:]}'" if len(text) > 41 else f"'{text}'"


_CALENDAR_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def as_date(value: Any) -> dt.date | None:
    """A calendar date: YAML's own (2025-03-18 unquoted) or text written so; a date
    with a time of day is not one."""
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    return parse_date(value) if isinstance(value, str) else None


def parse_date(text: str) -> dt.date | None:
    """A date written as 2025-03-18, and only so: Python reads 20250318 and 2025-W12
    as dates too, which no curator or user means by one."""
    if not _CALENDAR_DATE.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:  # 2025-02-30
        return None


def no_such_day(text: str) -> str | None:
    """Why text of the right shape (2024-02-30) names no day: "February 2024 has 29
    days", "there is no month 13"; None when it is a day, or not of that shape."""
    if not _CALENDAR_DATE.fullmatch(text):
        return None
    year, month, day = (int(part) for part in text.split("-"))
    if not 1 <= month <= 12:
        return f"there is no month {month} (months run from 01 to 12)"
    import calendar

    days = calendar.monthrange(year, month)[1] if year else 31
    if not 1 <= day <= days:
        return (f"{calendar.month_name[month]} {year} has {days} days" if day
                else "days run from 01")
    if not year:
        return "there is no year 0"
    return None


def join_path(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def validate(node: Node, spec: Spec, file: str, path: str = "") -> list[Diagnostic]:
    """Every structural problem of ``node`` against ``spec``, in document order."""
    if isinstance(spec, Obj):
        return _validate_obj(node, spec, file, path)
    if isinstance(spec, Seq):
        return _validate_seq(node, spec, file, path)
    problem = spec.check(node.value)
    return [] if problem is None else [_scalar_error(node, file, path, problem)]


def _child(node: Node, spec: Spec, file: str, parent: str, key: str | int) -> list[Diagnostic]:
    """``validate`` of one item or field; the path is joined only where it is needed (a
    large record has a third of a million values, nearly all of them sound)."""
    if isinstance(spec, Obj | Seq):
        return validate(node, spec, file, join_path(parent, key))
    problem = spec.check(node.value)
    return [] if problem is None else [_scalar_error(node, file, join_path(parent, key),
                                                     problem)]


# Two numbers written as one text: "50-100", "50 to 100", "50 100" (a range meant).
_PAIR = r"\s*(-?[0-9]+(?:\.[0-9]+)?)\s*(?:-|–|to|\s)\s*(-?[0-9]+(?:\.[0-9]+)?)\s*"
_HINTED = 60  # characters of a value a hint repeats; a longer one is not written out


def _pair_hint(value: Any) -> str:
    pair = re.fullmatch(_PAIR, value) if isinstance(value, str) else None
    return f"; write [{pair[1]}, {pair[2]}]" if pair else ""


def _list_hint(value: Any, spec: Seq) -> str:
    """How to write as a list what was written otherwise: a range as [50, 100], a name
    as [kremlin], nothing as []."""
    if value is None:
        return "; write [] for none" if spec.min_items == 0 else \
            f"; give at least {count(spec.min_items, 'item')} in brackets, as [a, b]"
    if not isinstance(value, str) or len(value) > _HINTED:
        return _alone_hint(value, spec)
    if pair := _pair_hint(value):
        return pair
    return f"; write it in brackets: [{value}]" if spec.min_items <= 1 else ""  # one of two


def _alone_hint(value: Any, spec: Seq) -> str:
    """One number where a range of two goes: what a range is, not a range made of it
    ([60, 60] would be refused next when the position is not 60)."""
    if spec.min_items != 2 or spec.max_items != 2 or isinstance(value, bool) or \
            not isinstance(value, int | float):
        return ""
    return "; a range is two points, [low, high], that hold the position"


def _scalar_error(node: Node, file: str, path: str, problem: Problem) -> Diagnostic:
    code, message = problem
    return error(file, node.line, node.column, code, f"{path}: {message}", path)


def _validate_seq(node: Node, spec: Seq, file: str, path: str) -> list[Diagnostic]:
    if not isinstance(node.value, list):
        return [error(file, node.line, node.column, "wrong-type",
                      f"{path}: expected a list, got {describe(node.value)}"
                      f"{_list_hint(node.value, spec)}", path)]
    items: list[Node] = node.value
    given = len(items)
    if given < spec.min_items or (spec.max_items is not None and given > spec.max_items):
        if spec.max_items == spec.min_items:
            wanted = f"exactly {count(spec.min_items, 'item')}"
        else:
            wanted = f"at least {count(spec.min_items, 'item')}"
        pair = _pair_hint(items[0].value) or _alone_hint(items[0].value, spec) \
            if given == 1 else ""
        return [error(file, node.line, node.column, "wrong-length",
                      f"{path}: expected {wanted}, got {given}{pair}", path)]
    problems: list[Diagnostic] = []
    seen: set[str] = set()  # the sound text items, when each may be given once
    for index, item in enumerate(items):
        found = _child(item, spec.item, file, path, index)
        problems += found
        if not spec.unique or found or not isinstance(item.value, str):
            continue
        if item.value in seen:  # a refused item is reported once, as refused
            problems.append(warning(
                file, item.line, item.column, "repeated-item",
                f"{join_path(path, index)}: '{item.value}' is already in this list; "
                "once says it: remove this one", join_path(path, index)))
        seen.add(item.value)
    return problems


def _validate_obj(node: Node, spec: Obj, file: str, path: str) -> list[Diagnostic]:
    where = path or "document"
    if not isinstance(node.value, dict):
        return [error(file, node.line, node.column, "wrong-type",
                      f"{where}: expected a mapping of fields, got {describe(node.value)}", path)]
    fields: dict[str, Node] = node.value
    problems: list[Diagnostic] = []
    suggested: set[str] = set()  # fields an unknown one was taken for: one problem, not two
    for name, child in fields.items():
        if name not in spec.fields:
            line, column = node.key_marks[name]
            hint = (f" here; {spec.elsewhere[name]}" if name in spec.elsewhere
                    else did_you_mean(name, spec.fields))
            suggested.update(field for field in spec.fields if f"'{field}'" in hint)
            problems.append(error(file, line, column, "unknown-field",
                                  f"{where}: unknown field '{name}'{hint}",
                                  join_path(path, name)))
        else:
            problems += _child(child, spec.fields[name].spec, file, path, name)
    for name, wanted in spec.fields.items():
        if wanted.required and name not in fields and name not in suggested:
            problems.append(error(file, node.line, node.column, "missing-field",
                                  f"{where}: missing required field '{name}' "
                                  f"({wanted.description})", join_path(path, name)))
    return problems


def json_schema(spec: Spec) -> dict[str, Any]:
    if isinstance(spec, Obj):
        out: dict[str, Any] = {
            "type": "object",
            "properties": {
                name: {**json_schema(f.spec), "description": f.description}
                for name, f in spec.fields.items()
            },
            "additionalProperties": False,
        }
        required = [name for name, f in spec.fields.items() if f.required]
        if required:
            out["required"] = required
        return out
    if isinstance(spec, Seq):
        out = {"type": "array", "items": json_schema(spec.item)}
        if spec.min_items:
            out["minItems"] = spec.min_items
        if spec.max_items is not None:
            out["maxItems"] = spec.max_items
        if spec.unique:
            out["uniqueItems"] = True
        return out
    return spec.schema()
