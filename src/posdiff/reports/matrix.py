"""`posdiff matrix`: every party against every other."""

from __future__ import annotations

from functools import partial

from posdiff.analysis.distance import Matrix
from posdiff.reports.sheet import Cell, Column, Report, Sheet, Tidy, number, rounded
from posdiff.reports.wording import (
    INFERRED_MARK,
    as_of_text,
    heat,
)

# -- matrix ------------------------------------------------------------------

def matrix_report(result: Matrix) -> Report:
    ids = [p.id for p in result.parties]
    scope = (f"issue {result.issues[0].id}" if len(result.issues) == 1
             else f"{len(result.issues)} issues")
    sheet = Sheet(f"Distance between parties ({scope}{as_of_text(result.as_of)})",
                  [Column("Party", key=True)] + [Column(i, numeric=True) for i in ids],
                  caption=f"cell: distance 0..100 (shared issues); {INFERRED_MARK}: it rests "
                          "on at least one inferred position (--stated-only leaves those out); "
                          "— : no issue in common; · : a party against itself", heat=True)
    for a in ids:
        cells = [Cell(a)]
        for b in ids:
            value, shared = result.distance[a][b], result.shared[a][b]
            if a == b:
                cells.append(Cell("·", "dim"))
            else:
                mark = INFERRED_MARK if result.inferred[a][b] else ""
                cells.append(Cell(f"{number(value)} ({shared}){mark}", heat(value)))
        sheet.rows.append(cells)
    data = {
        "parties": ids,
        "issues": [i.id for i in result.issues],
        "as_of": result.as_of.isoformat() if result.as_of else None,
        "distance": {a: {b: rounded(result.distance[a][b]) for b in ids} for a in ids},
        "coverage": {a: {b: result.shared[a][b] for b in ids} for a in ids},
        "inferred": {a: {b: result.inferred[a][b] for b in ids} for a in ids},
    }
    return Report([sheet], data, partial(matrix_rows, result))


def matrix_rows(result: Matrix) -> Tidy:
    from posdiff.analysis import rows  # here: only CSV asks for them

    return Tidy(rows.MATRIX, rows.matrix(result))
