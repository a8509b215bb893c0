"""An HTML page's tables as a screen reader meets them: which row headers each data cell takes.

HTML's table algorithm gives a data cell every row header to its left in its row, unless the
cell names its own with ``headers``. A row of two label-and-figure pairs must therefore name them.
"""

from __future__ import annotations

from html.parser import HTMLParser


class _Rows(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[tuple[str, dict[str, str]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td") and self.rows:
            self.rows[-1].append((tag, {k: v or "" for k, v in attrs}))


def row_header_problems(html: str) -> list[str]:
    """Data cells that, by HTML's table algorithm and their ``headers``, take none or more than
    one of their row's row headers."""
    parser = _Rows()
    parser.feed(html)
    problems = []
    for r, row in enumerate(parser.rows):
        heads = [(i, a.get("id", "")) for i, (tag, a) in enumerate(row) if tag == "th" and a.get("scope") == "row"]
        for c, (tag, attrs) in enumerate(row):
            if tag != "td" or not heads:
                continue
            if "headers" in attrs:
                taken = [i for i, id_ in heads if id_ and id_ in attrs["headers"].split()]
            else:
                taken = [i for i, _ in heads if i < c]
            if len(taken) != 1:
                problems.append(f"row {r} cell {c}: takes {len(taken)} row headers")
    return problems
