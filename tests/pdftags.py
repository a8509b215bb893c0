"""A tagged PDF's tables as a screen reader meets them: each data cell's ``/Headers`` (read with pypdf).

A screen reader announces a cell with the header cells its ``/Headers`` names. A data cell in a
row that has header cells must name exactly one of them: none, and a heatmap's cell is read
without its department; two, and a scorecard's figure is read with its neighbour's label too.
"""

from __future__ import annotations

import io
from typing import Any, Iterator


def _kids(element: Any) -> Iterator[Any]:
    kids = element.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, dict) and "/S" in kid:
            yield kid


def _walk(element: Any) -> Iterator[Any]:
    yield element
    for kid in _kids(element):
        yield from _walk(kid)


def _rows(table: Any) -> Iterator[Any]:
    for kid in _kids(table):
        if kid["/S"] == "/TR":
            yield kid
        elif kid["/S"] in ("/THead", "/TBody", "/TFoot"):
            yield from _rows(kid)


def table_rows(pdf: bytes) -> list[list[tuple[str, str, list[str]]]]:
    """Each table's rows: per cell its tag (``/TH`` or ``/TD``), its ``/ID`` and its ``/Headers``."""
    import pypdf

    root = pypdf.PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    tables = [e for e in _walk(root["/StructTreeRoot"].get_object()) if e.get("/S") == "/Table"]
    out = []
    for table in tables:
        rows = []
        for row in _rows(table):
            cells = []
            for cell in _kids(row):
                attributes = cell.get("/A")
                attributes = attributes.get_object() if hasattr(attributes, "get_object") else attributes
                headers = [str(h) for h in (attributes or {}).get("/Headers", [])]
                cells.append((str(cell["/S"]), str(cell.get("/ID", "")), headers))
            rows.append(cells)
        out.append(rows)
    return out


def row_header_problems(pdf: bytes) -> list[str]:
    """Data cells that name none, or more than one, of the header cells of their own row."""
    problems = []
    for t, rows in enumerate(table_rows(pdf)):
        for r, cells in enumerate(rows):
            own = {id_ for tag, id_, _ in cells if tag == "/TH"}
            if not own or not any(tag == "/TD" for tag, _, _ in cells):
                continue
            for c, (tag, _, headers) in enumerate(cells):
                named = own.intersection(headers)
                if tag == "/TD" and len(named) != 1:
                    problems.append(f"table {t} row {r} cell {c}: {len(named)} of its row's {len(own)} headers")
    return problems


def tables_with_row_headers(pdf: bytes) -> int:
    """How many tables have a row that holds both header and data cells."""
    return sum(any(any(tag == "/TH" for tag, _, _ in cells) and any(tag == "/TD" for tag, _, _ in cells)
                   for cells in rows) for rows in table_rows(pdf))


def lists_in_lists(pdf: bytes) -> int:
    """How many list elements (``/L``) hold another list directly: a ``display: table`` list's
    anonymous boxes came out as lists nested three deep."""
    import pypdf

    root = pypdf.PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    return sum(1 for e in _walk(root["/StructTreeRoot"].get_object())
               if e.get("/S") == "/L" and any(kid["/S"] == "/L" for kid in _kids(e)))


def figure_alts(pdf: bytes) -> list[str]:
    """The alternative text of each figure, in the structure tree's order."""
    import pypdf

    root = pypdf.PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    return [str(e.get("/Alt", "")) for e in _walk(root["/StructTreeRoot"].get_object()) if e.get("/S") == "/Figure"]


def items_without_body(pdf: bytes) -> int:
    """How many list items (``/LI``) hold no ``/LBody``: what an item says belongs in its body,
    beside its label (a block link in a contents entry stood beside the number)."""
    import pypdf

    root = pypdf.PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    return sum(1 for e in _walk(root["/StructTreeRoot"].get_object())
               if e.get("/S") == "/LI" and not any(kid["/S"] == "/LBody" for kid in _kids(e)))
