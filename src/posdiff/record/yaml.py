"""The only module that talks to PyYAML: bytes to a tree of `Node`s with positions.

PyYAML composes the node tree (in C, with libyaml, where PyYAML was built with it; in
Python otherwise): it parses, resolves implicit types, keeps every node's mark and
shares the node of an alias instead of copying it. What it does not do is done in one
walk over that tree here: duplicate keys and foreign tags become diagnostics, a value
whose tag it cannot take is a diagnostic, and depth and expanded size (an alias bomb) are
bounded. Nothing is ever constructed from a tag other than YAML's plain scalar types.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from functools import cache
from itertools import pairwise
from pathlib import Path
from types import FrameType, MappingProxyType
from typing import Any

import yaml

from posdiff.diagnostics import Diagnostic, error, warning
from posdiff.plain import Plain
from posdiff.record.files import decode_utf8, read_text
from posdiff.words import figure


def _libyaml_loader() -> type[yaml.SafeLoader] | None:
    """PyYAML's C loader, when it has one with libyaml 0.2.6 or later, which bounds the
    nesting of a document itself (older releases recurse without limit)."""
    try:
        from yaml import CSafeLoader
        from yaml._yaml import get_version
    except ImportError:  # pragma: no cover - depends on how PyYAML was built
        return None
    return CSafeLoader if get_version() >= (0, 2, 6) else None  # type: ignore[return-value]


MAX_DEPTH = 64
MAX_NODES = 1_000_000
PURE_FRAMES = 900  # for the pure-Python composer: about 450 levels of nesting

_YAML = "tag:yaml.org,2002:"
_STR = _YAML + "str"
_SEQ, _MAP, _INT = _YAML + "seq", _YAML + "map", _YAML + "int"
_FLOAT = _YAML + "float"
_SCALAR_TAGS = frozenset(_YAML + name
                         for name in ("str", "int", "float", "bool", "null", "timestamp"))
_SAFE_TAGS = _SCALAR_TAGS | {_SEQ, _MAP}
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})  # PyYAML's null ignores the text
# A tag resolved from a plain scalar's text, not written: a value that its constructor
# refuses (2025-02-30) stays text for the validator. No YAML tag can hold a space.
_IMPLICIT = " (implicit)"


def _loader_class(base: type[yaml.SafeLoader]) -> type[yaml.SafeLoader]:
    # PyYAML's implicit types by the first character of a plain scalar, each tag marked
    # as resolved; SafeLoader has no resolver for any first character (None) and no
    # path resolvers, so the first character decides which patterns are tried.
    by_start: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
        start: tuple((tag if tag == _STR else tag + _IMPLICIT, pattern)
                     for tag, pattern in resolvers)
        for start, resolvers in base.yaml_implicit_resolvers.items()}
    assert None not in by_start and not base.yaml_path_resolvers

    class Loader(base):  # type: ignore[valid-type, misc]
        """Composes with ``base``; resolves as it does, marking the tags it resolves.

        The composer calls this once per node, so it is kept to a dictionary lookup for
        most scalars (PyYAML's own walks its resolver lists through two method calls)."""

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            if kind is yaml.ScalarNode:
                if implicit[0]:  # plain: an implicit type may apply
                    for tag, pattern in by_start.get(value[:1], ()):
                        if pattern.match(value):
                            return tag
                return _STR
            return _MAP if kind is yaml.MappingNode else _SEQ

        # The composer also calls these around every node, for path resolvers, which
        # SafeLoader has none of: do nothing, without a Python frame each time.
        descend_resolver = staticmethod(slice)  # takes any two arguments, in C
        ascend_resolver = staticmethod(tuple)  # takes none, in C

    return Loader


_LIBYAML = _libyaml_loader()


@cache
def _loader(pure: bool) -> type[yaml.SafeLoader]:
    """The loader on libyaml's composer, or on PyYAML's own when it has no libyaml or
    ``pure`` asks for it; each made when first used (0.15 ms each)."""
    return _loader_class(yaml.SafeLoader if pure or _LIBYAML is None else _LIBYAML)


_CONSTRUCT = yaml.SafeLoader.yaml_constructors
# The problems after which a value is dropped (read as null): the one problem there, so
# the schema's word on the same value would be its echo.
DROPPED = frozenset({"number-too-long", "number-notation"})
# Digits in a number: Python reads no int of over 4,300, and no value of a record needs
# more than a few (0..100, clouts up to 1,000,000).
MAX_DIGITS = 4_000


# A number as people write it: YAML 1.1 also reads 0x10 (16), 017 (15, octal), 0b11,
# 1_000 and 1:30 (90, base 60), which a curator never means.
_PLAIN_NUMBER = (r"[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?"
                  r"|[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
                  r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")


def _number_read_as(text: str, value: float) -> str:
    """What is wrong with a number YAML read from ``text`` as ``value``: a notation no
    curator means, or a magnitude no float holds; "" when nothing is."""
    if not re.fullmatch(_PLAIN_NUMBER, text):  # compiled by `re` when first needed
        return (f"reads as {figure(value)} in YAML; write numbers in plain decimal digits (or "
                "quote the text to mean text)")
    if value in (float("inf"), float("-inf")) and "inf" not in text.lower():
        return "is too large for a number (it reads as infinity)"
    if value == 0 and any(digit in text.split("e")[0].split("E")[0] for digit in "123456789"):
        return "is too small to tell from 0"  # whether 0 will do is the field's to say
    return ""


# Words after a hyphen that ends a line and is meant ("pre- and post-war").
_SUSPENDED = frozenset({"and", "or", "nor", "to"})

_NO_KEYS: Mapping[str, tuple[int, int]] = MappingProxyType({})  # shared by non-mappings


class Node:
    """A YAML value with the 1-based position where it starts.

    ``value`` is a Python scalar, a ``list[Node]`` or a ``dict[str, Node]``; for a
    mapping, ``key_marks`` holds where each key starts. (A plain slotted class: a
    record of 20,000 quotes makes a quarter of a million of these, and a dataclass
    field cannot default to one shared, read-only mapping.)
    """

    __slots__ = ("column", "key_marks", "line", "size", "value")

    def __init__(self, value: Any, line: int, column: int,
                 key_marks: Mapping[str, tuple[int, int]] = _NO_KEYS, size: int = 1) -> None:
        self.value = value
        self.line = line
        self.column = column
        self.key_marks = key_marks
        self.size = size  # values under it, counted as a consumer walks them (aliases too)

    def __repr__(self) -> str:
        return f"Node({self.value!r}, {self.line}, {self.column})"


class _Abort(Exception):
    """Stops the walk at the first problem that leaves no usable document."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic


class LoadedYaml(Plain):
    __slots__ = ("root", "diagnostics")

    def __init__(self, root: Node | None, diagnostics: list[Diagnostic]) -> None:
        self.root = root
        self.diagnostics = diagnostics


def load_file(path: Path, root: Path, shown_as: str) -> LoadedYaml:
    """Read and compose one YAML file of the record under ``root``; problems come back
    as diagnostics, never raised."""
    text, diagnostics = read_text(path, root, shown_as)
    if text is None:
        return LoadedYaml(None, diagnostics)
    return load_text(text, shown_as, diagnostics)


def load_bytes(data: bytes, shown_as: str) -> LoadedYaml:
    text, diagnostics = decode_utf8(data, shown_as)
    if text is None:
        return LoadedYaml(None, diagnostics)
    return load_text(text, shown_as, diagnostics)


def load_text(text: str, shown_as: str, diagnostics: list[Diagnostic] | None = None,
              pure: bool = False) -> LoadedYaml:
    """The node tree of ``text``; ``pure`` composes with PyYAML's Python code, as where
    it was built without libyaml."""
    diagnostics = list(diagnostics or [])
    walk = _Walk(shown_as, text)
    try:
        root = walk.tree(_compose(text, shown_as, pure or _LIBYAML is None))
    except _Abort as abort:
        diagnostics.append(abort.diagnostic)
        return LoadedYaml(None, diagnostics)
    diagnostics.extend(walk.problems)
    if root is None or root.value is None:
        diagnostics.append(error(shown_as, 1, 1, "empty-file",
                                 "file holds no YAML document; fill it in or remove it"))
        return LoadedYaml(None, diagnostics)
    return LoadedYaml(root, diagnostics)


def _compose(text: str, file: str, pure: bool) -> yaml.Node | None:
    """PyYAML's node tree of the one document in ``text``; a syntax error aborts."""
    parser = _loader(pure)(text)
    limit = sys.getrecursionlimit()
    if pure:
        # The pure-Python composer recurses with the nesting, so the depth at which it
        # gives up must not depend on how deep the caller already is (a forked child
        # reading party files is a few frames deeper than the parent), or the same file
        # would be reported in two ways.
        sys.setrecursionlimit(_frames() + PURE_FRAMES)
    try:
        return parser.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        if "expected a single document" in (exc.context or ""):
            raise _Abort(error(file, line, column, "multiple-documents",
                               "file holds more than one YAML document (---); keep one")
                         ) from None
        if "nesting depth" in problem:  # libyaml 0.2.6+ stops deep nesting itself
            raise _Abort(error(file, line, column, "too-deep",
                               f"nesting is deeper than the YAML parser allows ({problem}); "
                               "flatten the document")) from None
        raise _Abort(error(file, line, column, "yaml-syntax",
                           f"YAML syntax error: {problem}{_syntax_hint(exc, text)}")) from None
    except yaml.YAMLError as exc:
        raise _Abort(error(file, 1, 1, "yaml-syntax", f"YAML syntax error: {exc}")) from None
    except RecursionError:  # the pure-Python composer on very deep nesting
        raise _Abort(error(file, 1, 1, "too-deep", f"nesting is deeper than {MAX_DEPTH} "
                                                   "levels; flatten the document")) from None
    finally:
        sys.setrecursionlimit(limit)
        parser.dispose()


def _syntax_hint(exc: yaml.MarkedYAMLError, text: str) -> str:
    """Where the construct that went wrong began (an unclosed bracket is found lines
    later), and the fix for a tab."""
    hint = ""
    start, end = exc.context_mark, exc.problem_mark
    if exc.context and start and end:
        hint = f" ({exc.context} that starts at line {start.line + 1}, column {start.column + 1})"
    if "tab" in (exc.problem or "") or (end and _character(text, end.line, end.column) == "\t"):
        hint += "; indent with spaces: YAML does not allow tabs there"
    elif "mapping values are not allowed" in (exc.problem or ""):
        hint += ('; a value that holds ": " must be quoted: wrap it in "double quotes" (or '
                 "'single quotes' when it holds a double quote)")
    return hint


def _character(text: str, line: int, column: int) -> str:
    """The character at a 0-based line and column of ``text``, or '' past its end."""
    lines = text.split("\n", line + 1)
    return lines[line][column : column + 1] if line < len(lines) else ""


def _frames() -> int:
    """How deep the stack is here."""
    frame: FrameType | None = sys._getframe()
    depth = 0
    while frame is not None:
        frame, depth = frame.f_back, depth + 1
    return depth


class _Walk:
    """Turns PyYAML's nodes into `Node`s in document order, checking what PyYAML lets
    through. A collection reached again through an alias is the same `Node`, walked once."""

    def __init__(self, file: str, text: str = "") -> None:
        self.file = file
        self.text = text  # the document, for what its nodes do not keep (line ends)
        self._lines: list[str] | None = None
        self.problems: list[Diagnostic] = []  # problems that leave the document usable
        self.done: dict[int, Node] = {}  # id of a walked collection -> its Node
        self.open: set[int] = set()  # collections being walked: an alias to one loops
        self.constructor = yaml.SafeLoader("")

    def tree(self, root: yaml.Node | None) -> Node | None:
        return None if root is None else self.node(root, 1)

    def node(self, node: yaml.Node, depth: int) -> Node:
        mark = node.start_mark
        tag = node.tag
        if type(node) is yaml.ScalarNode:
            if tag == _STR:  # most values: no constructor needed
                if node.end_mark.line > mark.line:  # a text of several lines
                    self.check_folding(mark.line, node.end_mark.line)
                return Node(node.value, mark.line + 1, mark.column + 1)
            return self.scalar(node, tag, mark.line + 1, mark.column + 1)
        known = self.done.get(id(node))
        if known is not None:
            return known
        line, column = mark.line + 1, mark.column + 1
        if id(node) in self.open:
            raise _Abort(error(self.file, line, column, "yaml-syntax",
                               "an alias refers to the collection it is inside"))
        self.check_tag(tag, line, column)
        is_map = type(node) is yaml.MappingNode
        if tag in _SCALAR_TAGS or tag == (_SEQ if is_map else _MAP):
            self.problems.append(self.mismatch(line, column,
                                               "a mapping" if is_map else "a list", tag))
        if depth > MAX_DEPTH:
            raise _Abort(error(self.file, line, column, "too-deep",
                               f"nesting is deeper than {MAX_DEPTH} levels; flatten the "
                               "document"))
        self.open.add(id(node))
        made = self.mapping(node, depth) if is_map else self.sequence(node, depth, line, column)
        self.open.discard(id(node))
        if made.size > MAX_NODES:
            raise _Abort(error(self.file, line, column, "too-large",
                               f"document expands to more than {MAX_NODES:,} values "
                               "(an alias bomb?); remove the aliases or shrink the file"))
        self.done[id(node)] = made
        return made

    def sequence(self, node: yaml.Node, depth: int, line: int, column: int) -> Node:
        items = [self.node(item, depth + 1) for item in node.value]
        return Node(items, line, column, size=1 + sum(item.size for item in items))

    def mapping(self, node: yaml.Node, depth: int) -> Node:
        mark = node.start_mark
        values: dict[str, Node] = {}
        marks: dict[str, tuple[int, int]] = {}
        made = Node(values, mark.line + 1, mark.column + 1, marks)
        size = 1
        for key_node, value_node in node.value:
            key_mark = key_node.start_mark
            line, column = key_mark.line + 1, key_mark.column + 1
            if type(key_node) is not yaml.ScalarNode:
                raise _Abort(error(self.file, line, column, "yaml-syntax",
                                   "a mapping key must be a plain value, not a list or "
                                   "mapping"))
            if key_node.tag != _STR:
                self.scalar(key_node, key_node.tag, line, column)  # refuses a foreign tag
            # Field names are matched as written: `yes:` is the key "yes", not True.
            key: str = key_node.value
            value = self.node(value_node, depth + 1)
            size += 1 + value.size
            if key in marks:
                first_line, first_column = marks[key]
                self.problems.append(error(
                    self.file, line, column, "duplicate-key",
                    f"duplicate key '{key}' (first at line {first_line}, column "
                    f"{first_column}); YAML would silently keep only the last, remove one"))
                continue
            values[key] = value
            marks[key] = (line, column)
        made.size = size
        return made

    def scalar(self, node: yaml.Node, tag: str, line: int, column: int) -> Node:
        implicit = tag.endswith(_IMPLICIT)
        if implicit:
            tag = tag.removesuffix(_IMPLICIT)
        else:
            self.check_tag(tag, line, column)
        text: str = node.value
        if tag in (_SEQ, _MAP) or (tag.endswith(":null") and text not in _NULLS):
            self.problems.append(self.mismatch(line, column, f"'{text}'", tag))
            return Node(text, line, column)
        if tag == _STR:
            return Node(text, line, column)
        if tag in (_INT, _FLOAT) and sum(c.isdigit() for c in text) > MAX_DIGITS:
            self.problems.append(error(self.file, line, column, "number-too-long",
                                       f"a number of {len(text):,} characters; no value of a "
                                       f"record needs more than {MAX_DIGITS:,} digits"))
            return Node(None, line, column)  # no value: the one problem, said here
        if tag == _INT and implicit and text.isdigit() and (text[0] != "0" or len(text) == 1):
            return Node(int(text), line, column)  # plain decimal, the common case
        try:
            value = _CONSTRUCT[tag](self.constructor, yaml.ScalarNode(tag, text))
        except Exception:  # PyYAML's constructors raise KeyError, IndexError, ... on bad text
            if not implicit:
                self.problems.append(self.mismatch(line, column, f"'{text}'", tag))
            value = text  # implicit, e.g. 2025-02-30: left as text for the validator
        if tag in (_INT, _FLOAT) and not isinstance(value, str):
            read_as = _number_read_as(text, value)
            if read_as:
                self.problems.append(error(self.file, line, column, "number-notation",
                                           f"'{text}' {read_as}"))
                return Node(None, line, column)
        return Node(value, line, column)

    def check_folding(self, first: int, last: int) -> None:
        """Warn of a word split at a hyphen across lines ``first`` to ``last`` (0-based)
        of a text: YAML joins the lines of a plain, quoted or folded text with a space
        ("grand- bargain"), and a table shows a literal block's line breaks as spaces."""
        if self._lines is None:
            self._lines = self.text.split("\n")
        lines = self._lines[first : last + 1]
        for index, (before, after) in enumerate(pairwise(lines)):
            end, start = before.rstrip(), after.lstrip()
            if len(end) > 2 and end[-1] == "-" and end[-2].isalnum() and start[:1].isalpha() \
                    and start.split()[0].lower() not in _SUSPENDED:
                word = end.split()[-1]
                broken = f"{word} {start.split()[0]}"
                self.problems.append(warning(
                    self.file, first + index + 1, len(end) - len(word) + 1, "split-word",
                    f"'{broken}': a line of this text ends in a hyphen, and YAML joins the "
                    "lines with a space, so the word reads broken; keep it on one line"))
                return

    def check_tag(self, tag: str, line: int, column: int) -> None:
        if tag not in _SAFE_TAGS:
            raise _Abort(error(self.file, line, column, "unsafe-tag",
                               f"tag '{tag}' is not allowed; posdiff reads plain YAML values "
                               "only"))

    def mismatch(self, line: int, column: int, what: str, tag: str) -> Diagnostic:
        short = tag.removeprefix(_YAML)
        return error(self.file, line, column, "tag-mismatch",
                     f"{what[:60]} cannot be read as !!{short}; remove the tag or write a "
                     "value of that type")
