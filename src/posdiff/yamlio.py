"""The only module that talks to PyYAML.

We compose documents ourselves from the parser's event stream instead of calling
``yaml.safe_load`` because safe_load silently keeps the last of duplicate keys, loses
line numbers, recurses on deep nesting and expands alias bombs. Here every node keeps
its position, duplicate keys and foreign tags become diagnostics, and depth and
expanded size are bounded before any work is spent on them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from posdiff.diagnostics import Diagnostic, error
from posdiff.textio import decode_utf8, read_text

try:  # libyaml is much faster; the pure-Python parser is a fine fallback.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 64
MAX_NODES = 1_000_000

_STR = "tag:yaml.org,2002:str"
_IMPLICIT_STARTS = frozenset(_Loader.yaml_implicit_resolvers)
_SCALAR_TAGS = {
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "timestamp")
}
_COLLECTION_TAGS = {"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
_SAFE_TAGS = _SCALAR_TAGS | _COLLECTION_TAGS
_NULLS = {"", "~", "null", "Null", "NULL"}  # PyYAML's null constructor ignores the text


@dataclass(slots=True, eq=False)
class Node:
    """A YAML value with the 1-based position where it starts.

    ``value`` is a Python scalar, a ``list[Node]`` or a ``dict[str, Node]``; for a
    mapping, ``key_marks`` holds where each key starts.
    """

    value: Any
    line: int
    column: int
    key_marks: dict[str, tuple[int, int]] = field(default_factory=dict)
    size: int = 1


class _Abort(Exception):
    """Raised inside the composer to stop at the first fatal problem."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic


@dataclass
class LoadedYaml:
    root: Node | None
    diagnostics: list[Diagnostic]


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


def load_text(text: str, shown_as: str, diagnostics: list[Diagnostic] | None = None) -> LoadedYaml:
    diagnostics = list(diagnostics or [])
    composer = _Composer(text, shown_as)
    try:
        root = composer.compose()
    except _Abort as abort:
        diagnostics.append(abort.diagnostic)
        return LoadedYaml(None, diagnostics)
    diagnostics.extend(composer.problems)
    if root is None or root.value is None:
        diagnostics.append(error(shown_as, 1, 1, "empty-file",
                                 "file holds no YAML document; fill it in or remove it"))
        return LoadedYaml(None, diagnostics)
    return LoadedYaml(root, diagnostics)


# An open collection: its node, for a mapping the key waiting for its value (the key is
# None for a duplicate whose value is dropped), and its anchor name.
_Open = tuple[Node, tuple[str | None, int, int] | None, str | None]


class _Composer:
    """Builds ``Node`` trees from parser events without recursion.

    This loop runs once per YAML event, hundreds of thousands of times on a large
    record, so the common cases (plain text scalars, mapping entries) are inlined.
    """

    def __init__(self, text: str, shown_as: str) -> None:
        self.text = text
        self.file = shown_as
        self.anchors: dict[str, Node] = {}
        self.total_size = 0
        self.scalar_loader = _Loader("")
        self.problems: list[Diagnostic] = []  # problems that do not stop composition

    def compose(self) -> Node | None:
        stack: list[_Open] = []
        root: Node | None = None
        documents = 0
        parser = _Loader(self.text)
        try:
            while (event := parser.get_event()) is not None:
                if isinstance(event, yaml.ScalarEvent):
                    completed = self._scalar(event)
                    if event.anchor:
                        self.anchors[event.anchor] = completed
                elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                    self._refuse_tag(event, event.tag)
                    kind = "map" if isinstance(event, yaml.MappingStartEvent) else "seq"
                    if event.tag in _SAFE_TAGS and not event.tag.endswith(kind):
                        self.problems.append(self._tag_mismatch(
                            event, "a mapping" if kind == "map" else "a list", event.tag))
                    if len(stack) >= MAX_DEPTH:
                        raise _Abort(self._problem(event, "too-deep",
                            f"nesting is deeper than {MAX_DEPTH} levels; flatten the document"))
                    empty: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
                    stack.append((self._node(event, empty), None, event.anchor))
                    continue
                elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                    node, _, anchor = stack.pop()
                    if anchor:
                        self.anchors[anchor] = node
                    completed = node
                elif isinstance(event, yaml.AliasEvent):
                    if event.anchor not in self.anchors:
                        raise _Abort(self._problem(event, "yaml-syntax",
                                                   f"unknown alias *{event.anchor}"))
                    completed = self.anchors[event.anchor]
                elif isinstance(event, yaml.DocumentStartEvent):
                    documents += 1
                    if documents > 1:
                        raise _Abort(self._problem(event, "multiple-documents",
                            "file holds more than one YAML document (---); keep one"))
                    continue
                else:
                    continue
                # Aliases share nodes, so the expanded size is what a consumer would walk.
                self.total_size += completed.size
                if self.total_size > MAX_NODES:
                    raise _Abort(self._problem(event, "too-large",
                        f"document expands to more than {MAX_NODES:,} values "
                        "(an alias bomb?); remove the aliases or shrink the file"))
                if not stack:
                    root = completed
                    continue
                parent, pending_key, anchor = stack[-1]
                parent.size += completed.size
                if type(parent.value) is list:
                    parent.value.append(completed)
                elif pending_key is None:
                    stack[-1] = (parent, self._key(parent, completed, event), anchor)
                else:
                    key, line, column = pending_key
                    if key is not None:
                        parent.value[key] = completed
                        parent.key_marks[key] = (line, column)
                    stack[-1] = (parent, None, anchor)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            problem = exc.problem or exc.context or "invalid YAML"
            if "nesting depth" in problem:  # libyaml 0.2.6+ stops deep nesting itself
                raise _Abort(error(self.file, line, column, "too-deep",
                    f"nesting is deeper than the YAML parser allows ({problem}); "
                    "flatten the document")) from None
            raise _Abort(error(self.file, line, column, "yaml-syntax",
                               f"YAML syntax error: {problem}")) from None
        except yaml.YAMLError as exc:
            raise _Abort(error(self.file, 1, 1, "yaml-syntax",
                               f"YAML syntax error: {exc}")) from None
        finally:
            parser.dispose()
        return root

    def _key(self, parent: Node, node: Node, event: yaml.Event) -> tuple[str | None, int, int]:
        """The pending key of a mapping entry; None drops the value of a duplicate."""
        if isinstance(node.value, (dict, list)):
            raise _Abort(error(self.file, node.line, node.column, "yaml-syntax",
                               "a mapping key must be a plain value, not a list or mapping"))
        # Field names are matched as written: `yes:` is the key "yes", not True.
        key: str | None = event.value if isinstance(event, yaml.ScalarEvent) else str(node.value)
        if key in parent.key_marks:
            first_line, first_column = parent.key_marks[key]
            self.problems.append(error(self.file, node.line, node.column, "duplicate-key",
                f"duplicate key '{key}' (first at line {first_line}, column "
                f"{first_column}); YAML would silently keep only the last, remove one"))
            key = None
        return key, node.line, node.column

    def _scalar(self, event: yaml.ScalarEvent) -> Node:
        tag, value = event.tag, event.value
        if tag is None or tag == "!":
            # Quoted scalars, and plain ones no implicit type can start with, are text.
            if not event.implicit[0] or (value and value[0] not in _IMPLICIT_STARTS):
                return self._node(event, value)
            tag = self.scalar_loader.resolve(  # type: ignore[no-untyped-call]
                yaml.ScalarNode, value, event.implicit)
        if tag == _STR:  # most scalars: no constructor needed
            return self._node(event, event.value)
        self._refuse_tag(event, tag)
        explicit = event.tag not in (None, "!")
        if tag in _COLLECTION_TAGS or (tag.endswith(":null") and value not in _NULLS):
            self.problems.append(self._tag_mismatch(event, f"'{value}'", tag))
            return self._node(event, value)
        node = yaml.ScalarNode(tag, event.value, style=event.style)
        try:
            value = self.scalar_loader.yaml_constructors[tag](self.scalar_loader, node)
        except Exception:  # PyYAML's constructors raise KeyError, IndexError, ... on bad text
            if explicit:
                self.problems.append(self._tag_mismatch(event, f"'{value}'", tag))
            # Implicit, e.g. 2025-02-30: left as text for the validator to reject.
            value = event.value
        return self._node(event, value)

    def _tag_mismatch(self, event: yaml.Event, what: str, tag: str) -> Diagnostic:
        short = tag.removeprefix("tag:yaml.org,2002:")
        return self._problem(event, "tag-mismatch", f"{what[:60]} cannot be read as !!{short}; "
                             "remove the tag or write a value of that type")

    def _refuse_tag(self, event: yaml.Event, tag: str | None) -> None:
        if tag in (None, "!") or tag in _SAFE_TAGS:
            return
        raise _Abort(self._problem(event, "unsafe-tag",
            f"tag '{tag}' is not allowed; posdiff reads plain YAML values only"))

    @staticmethod
    def _position(event: yaml.Event) -> tuple[int, int]:
        mark = event.start_mark
        return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)

    def _node(self, event: yaml.Event, value: Any) -> Node:
        return Node(value, *self._position(event))

    def _problem(self, event: yaml.Event, code: str, message: str) -> Diagnostic:
        return error(self.file, *self._position(event), code, message)
