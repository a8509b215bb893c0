"""The briefing's table of hand-offs between departments (who hands the customer to whom), in
runs of columns that fit the page, and the even runs the briefing's wide tables are cut into."""

from __future__ import annotations

from typing import Any, Sequence

from journeymap.analysis.analyse import Analysis

#: The most departments whose every row the wide tables (this one and the heatmap) show in each
#: run of columns. Past them, a run shows the departments with something in its columns and says
#: how many it leaves out: at SPEC 5's limits, 200 departments by 200 stages took 286 pages of
#: heatmap, 95 % of their cells empty, and 97 pages of this table (audit FD).
EVERY_ROW = 24


def even_runs(items: Sequence[Any], size: int) -> list[list[Any]]:
    """``items`` in as few runs of at most ``size`` as hold them, as even as can be: in runs of
    ``size`` a slide's heatmap of nine stages printed eight, then one stage on a slide of its own
    (audit BQ).

    >>> [len(c) for c in even_runs(range(9), 8)], [len(c) for c in even_runs(range(13), 6)], even_runs([], 6)
    ([5, 4], [5, 4, 4], [[]])
    """
    runs = -(-len(items) // size)
    if not runs:
        return [[]]
    bounds = [-(-i * len(items) // runs) for i in range(runs + 1)]  # the longer runs first
    return [list(items[a:b]) for a, b in zip(bounds, bounds[1:])]


def handoff_matrix(analysis: Analysis, columns: int) -> dict[str, Any]:
    """Department x department hand-off counts in runs of at most ``columns`` receiving departments.

    Each run's ``rows`` are every department, or past :data:`EVERY_ROW` departments those that hand
    a customer to one of the run's columns, and in the last run (which has the rows' totals) also
    those that hand one to anybody; ``left_out`` counts the others. ``received`` is what each
    column's department is handed in all.
    """
    m, risky = analysis.handoff_matrix, analysis.risky_handoff_matrix
    deps: list[dict[str, Any]] = [{"n": i + 1, "id": d.id, "name": d.name}
                                  for i, d in enumerate(analysis.journey.departments)]
    totals = {row["id"]: sum(m.get((row["id"], c["id"]), 0) for c in deps) for row in deps}
    runs = even_runs(deps, columns)
    chunks = []
    for cols in runs:
        last = cols is runs[-1]
        shown = deps
        if len(deps) > EVERY_ROW:  # none where nobody hands these a customer: 60 rows of dots, twice (review FH)
            shown = [row for row in deps if (last and totals[row["id"]]) or any(m.get((row["id"], c["id"])) for c in cols)]
        rows = [{"department": row, "total": totals[row["id"]],
                 "cells": [_cell(m.get((row["id"], c["id"]), 0), risky.get((row["id"], c["id"]), 0), row is c)
                           for c in cols]}
                for row in shown]
        # what each department receives, as the rows' totals give what each hands over
        received = [sum(m.get((row["id"], c["id"]), 0) for row in deps) for c in cols]
        chunks.append({"columns": cols, "rows": rows, "received": received, "left_out": len(deps) - len(shown)})
    return {"departments": deps, "chunks": chunks, "compact": len(deps) > 5, "total": sum(m.values()),
            "risky": sum(risky.values())}


def _cell(n: int, risky: int, diagonal: bool) -> dict[str, Any]:
    """A cell: its shade says how many hand-offs (1, 2, 3-4, 5 or more: the same in every
    briefing; it was relative to the largest cell), and risky ones turn it red."""
    level = 0 if not n else 1 if n == 1 else 2 if n == 2 else 3 if n <= 4 else 4
    return {"count": n, "risky": risky, "level": level, "diagonal": diagonal}
