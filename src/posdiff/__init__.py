"""posdiff: compare what the parties to a negotiation have said they want.

The Python API (the command line's own): `load` a record, or `check` it, then
`compare`, `matrix`, `compromise`, `changes`, `forecast`, `trend`, and `diff` of two
versions. Each result is a plain
typed object with ``rows()`` (tidy rows, as ``--format csv``). `posdiff docs api`
prints the guide.

The names are loaded when first used, so that `import posdiff` (and each run of the
command line, which imports it) costs nothing until then.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = [
    "Changes",
    "CheckReport",
    "Comparison",
    "Compromises",
    "Forecast",
    "InvalidRecord",
    "Matrix",
    "PosdiffError",
    "Record",
    "Revisions",
    "Trends",
    "changes",
    "check",
    "compare",
    "compromise",
    "diff",
    "example",
    "forecast",
    "load",
    "matrix",
    "paths",
    "select_issues",
    "select_parties",
    "trend",
]

_HOMES = {
    "Comparison": "posdiff.analysis.distance", "Matrix": "posdiff.analysis.distance",
    "Compromises": "posdiff.analysis.compromise", "Changes": "posdiff.analysis.changes",
    "Forecast": "posdiff.analysis.forecast.inputs",
    "Revisions": "posdiff.analysis.revisions", "Trends": "posdiff.analysis.trend",
    "CheckReport": "posdiff.record.check", "Record": "posdiff.model",
    "InvalidRecord": "posdiff.errors", "PosdiffError": "posdiff.errors",
}

if TYPE_CHECKING:
    from posdiff.analysis.changes import Changes
    from posdiff.analysis.compromise import Compromises
    from posdiff.analysis.distance import Comparison, Matrix
    from posdiff.analysis.forecast.inputs import Forecast
    from posdiff.analysis.revisions import Revisions
    from posdiff.analysis.trend import Trends
    from posdiff.api import (
        changes,
        check,
        compare,
        compromise,
        diff,
        example,
        forecast,
        load,
        matrix,
        paths,
        select_issues,
        select_parties,
        trend,
    )
    from posdiff.errors import InvalidRecord, PosdiffError
    from posdiff.model import Record
    from posdiff.record.check import CheckReport
    from posdiff.version import __version__ as __version__


def __getattr__(name: str) -> Any:
    if name not in __all__ and name != "__version__":
        raise AttributeError(f"module 'posdiff' has no attribute '{name}'")
    from importlib import import_module

    home = "posdiff.version" if name == "__version__" else _HOMES.get(name, "posdiff.api")
    return getattr(import_module(home), name)


def __dir__() -> list[str]:
    return sorted([*__all__, "__version__"])
