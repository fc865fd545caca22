"""Reading one file of the record: load its YAML, validate it against its spec, and
report what is wrong, in the report of the reader that asked."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from posdiff.diagnostics import Diagnostic, Severity, error, warning
from posdiff.record.files import shown
from posdiff.record.spec import Spec, join_path, validate
from posdiff.record.yaml import DROPPED, Node, load_file
from posdiff.words import printable


class Reader:
    """Reads documents into ``report``; subclasses turn their entries into the model."""

    def __init__(self) -> None:
        self.report: list[Diagnostic] = []

    def document(self, path: Path, root: Path, spec: Spec) -> tuple[Node | None, str, set[str]]:
        """Load and validate a file: its root, its display name, and the document paths
        with a problem at or inside them (entries there are left out of the record)."""
        file = shown(path)
        if not os.path.lexists(path):
            spelt = _spelt_otherwise(path)
            fix = f"{printable(spelt)} is there: name it {path.name}" if spelt else \
                "see `posdiff docs data-format`"
            self.report.append(error(file, 1, 1, "missing-file", f"{path.name} not found; {fix}"))
            return None, file, set()
        loaded = load_file(path, root, file)
        if loaded.root is None:
            self.report.extend(loaded.diagnostics)
            return None, file, set()
        problems = validate(loaded.root, spec, file)
        # A number YAML reads otherwise than meant is said once, by the YAML reader, with
        # the field the schema names there: the schema's word on the same value (dropped)
        # would be its echo.
        fields = {(p.line, p.column): p.path for p in problems}
        said = set()
        for found in loaded.diagnostics:
            where = (found.line, found.column)
            if found.code in DROPPED:
                said.add(where)
                if fields.get(where):
                    found = found.replace(message=f"{fields[where]}: {found.message}",
                                           path=fields[where])
            self.report.append(found)
        self.report.extend(p for p in problems if (p.line, p.column) not in said)
        return loaded.root, file, _with_ancestors(p.path for p in problems)

    def problem(self, file: str, node: Node, code: str, message: str, path: str,
                severity: Severity = Severity.ERROR) -> None:
        made = error if severity is Severity.ERROR else warning
        self.report.append(made(file, node.line, node.column, code, message, path))


def _spelt_otherwise(path: Path) -> str | None:
    """A file beside ``path`` named as it is but for letter case or .yml (`Issues.YAML`
    for issues.yaml)."""
    meant = {f"{path.stem}.yaml", f"{path.stem}.yml"}
    try:
        with os.scandir(path.parent) as entries:
            return next((entry.name for entry in entries if entry.name.lower() in meant), None)
    except OSError:
        return None


def items(root: Node, key: str, tainted: set[str]) -> Iterable[tuple[str, Node]]:
    """The valid items of the list under ``key``, with their document paths."""
    if not isinstance(root.value, dict) or key not in root.value:
        return
    entries = root.value[key].value
    if not isinstance(entries, list):
        return
    for index, item in enumerate(entries):
        path = join_path(key, index)
        if path not in tainted:
            yield path, item


def values(node: Node) -> dict[str, Any]:
    """A validated mapping's fields as plain scalars (lists of scalars stay Nodes)."""
    return {key: child.value for key, child in node.value.items()}


def _with_ancestors(paths: Iterable[str]) -> set[str]:
    """Each path and every path that contains it: ``a[1].b`` gives a, a[1] and a[1].b."""
    out: set[str] = set()
    for path in paths:
        out.update(path[: m.start()] for m in re.finditer(r"(?=[.\[])", path) if m.start())
        out.add(path)
    return out
