"""The legend's DOT: a frame, and for every encoding the map uses a sample beside its words.

Captions (clusters), not nodes: Graphviz 2.43's orthogonal router aborts when two nodes share
one edge coordinate but not the opposite one (``maze.c: chkSgraph``), which left-aligned legend
rows would do. Samples are table cells drawn with the map's own colours and styles; a
blueprint line's sample is a line drawn with the very pen of that line on the map.
"""

from __future__ import annotations

from journeymap.map import theme as t
from journeymap.map.canvas import Attrs, Canvas, num, q
from journeymap.map.gridshapes import Grid, Rect
from journeymap.map.labels import text_run
from journeymap.map.legend import GAP, ROW, SAMPLE, SPACE, TEXT_SIZE, Entry
from journeymap.map.textwidth import text_width


SAMPLE_H = 18


def _cell(content: str, *, width: float = SAMPLE, height: float = SAMPLE_H, border: int = 0,
          style: str = "", color: str = "", bgcolor: str = "", sides: str = "", valign: str = "") -> str:
    parts = [f'WIDTH="{width:.0f}"', f'HEIGHT="{height:.0f}"', 'FIXEDSIZE="TRUE"', f'BORDER="{border}"',
             'CELLPADDING="0"'] + ([f'VALIGN="{valign}"'] if valign else [])
    for name, value in (("STYLE", style), ("COLOR", color), ("BGCOLOR", bgcolor), ("SIDES", sides)):
        if value:
            parts.append(f'{name}="{value}"')
    return f"<TD {' '.join(parts)}>{content}</TD>"


def _line(color: str, weight: float, style: str = "") -> str:
    return _cell("", height=8, border=max(1, round(weight)), style=style, color=color, sides="B")


def _two_lines(upper: tuple[str, str], lower: tuple[str, str], weight: float) -> str:
    """Two lines, one above the other (each a colour and a style), as a flow drawn in two colours."""
    border = max(1, round(weight))
    # a cell holds its border on both sides, shown or not: 5 pt under a 3 pt line warned "cell size too small"
    rows = "".join(f'<TR>{_cell("", height=max(5, 2 * border), border=border, style=style, color=color, sides="B")}</TR>'
                   for color, style in (upper, lower))
    return f'<TD WIDTH="{SAMPLE:.0f}" HEIGHT="{SAMPLE_H}" FIXEDSIZE="TRUE" BORDER="0" CELLPADDING="0">' \
           f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0">{rows}</TABLE></TD>'


def _rating(kind: str) -> str:
    r = t.RATINGS[kind]
    style = "rounded" if r.style == "solid" else r.style
    return _cell(text_run(r.icon, 9, r.text, bold=True), border=max(1, round(r.penwidth)), style=style,
                 color=r.border, bgcolor=r.fill)


def _flag(color: str, word: str) -> str:
    return _cell(text_run(word, 8, t.PAPER, bold=True), border=1, style="rounded", color=color, bgcolor=color)


def _emotion() -> str:
    cells = "".join(
        _cell(text_run(f"{v:+d}".replace("-", "−") if v else "0", t.EMOTION_PT, t.INK, bold=True), width=18, height=16,
              border=1, style="rounded", color=t.MUTED, bgcolor=t.EMOTION_FILLS[v], valign="BOTTOM")
        for v in (-2, -1, 0, 1, 2))
    return f'<TD><TABLE BORDER="0" CELLSPACING="2" CELLPADDING="0"><TR>{cells}</TR></TABLE></TD>'


def sample(kind: str) -> str:
    """The sample cell for one kind of legend entry."""
    if kind.startswith("rating:"):
        return _rating(kind.split(":", 1)[1])
    simple = {
        "moment": lambda: _flag(t.NAVY, t.MOMENT_ICON),
        "added": lambda: _flag(t.ADDED_COLOR, "+"),
        "changed": lambda: _flag(t.CHANGED_COLOR, "~"),
        "worse": lambda: _flag(t.WORSE_COLOR, "\u25bc"),
        "better": lambda: _flag(t.BETTER_COLOR, "\u25b2"),
        "removed": lambda: _cell(text_run("−", 8, t.REMOVED_COLOR, bold=True), border=1, style="dashed",
                                 color=t.REMOVED_COLOR),
        "flow": lambda: _line(t.FLOW_COLOR, t.FLOW_WIDTH),
        "handoff": lambda: _line(t.HANDOFF_COLOR, t.HANDOFF_WIDTH),
        "risky": lambda: _line(t.RISKY_COLOR, t.HANDOFF_WIDTH, "dashed"),
        "removed-flow": lambda: _line(t.REMOVED_COLOR, 1, "dotted"),
        "added-flow": lambda: _line(t.ADDED_COLOR, t.FLOW_WIDTH),
        "added-risky": lambda: _two_lines((t.RISKY_COLOR, "dashed"), (t.ADDED_COLOR, "dashed"), t.HANDOFF_WIDTH),
        "former-handoff": lambda: _line(t.CHANGED_COLOR, t.FLOW_WIDTH, "dashed"),
        "external": lambda: _cell("", width=30, border=1, color=t.LANE_BORDER, bgcolor=t.EXTERNAL_FILL),
        "emotion": _emotion,
    }
    if kind in simple:
        return simple[kind]()
    if kind.startswith("rule:"):
        style, width = t.BLUEPRINT_STYLES[kind.split(":", 1)[1]]
        return _line(t.BLUEPRINT_LINE, width, "" if style == "solid" else style)
    raise ValueError(f"no legend sample for {kind!r}")


def blueprint_pen(kind: str) -> Attrs:
    """The pen of one kind of service-blueprint line (:data:`theme.BLUEPRINT_STYLES`)."""
    style, width = t.BLUEPRINT_STYLES[kind]
    return {"style": style, "pencolor": q(t.BLUEPRINT_LINE), "penwidth": num(width)}


def _gap(width: float) -> str:
    return f'<TD FIXEDSIZE="TRUE" WIDTH="{width:.0f}" HEIGHT="{SAMPLE_H}"></TD>'


def legend_markup(entries: tuple[Entry, ...]) -> str:
    """The legend as one HTML-like table: a heading, then the entries row by row.

    Each row is a table of its own, fixed to the width the entries need and set at the left,
    so a short row is never stretched to the longest one's width (that pushed samples 220 pt
    away from their words); inside it, a sample is :data:`legend.GAP` from its explanation
    and :data:`legend.SPACE` from the previous entry's.
    """
    rows: dict[float, list[Entry]] = {}
    for entry in entries:
        rows.setdefault(entry.y, []).append(entry)
    body = []
    for row_entries in rows.values():
        cells, width = [], 0.0
        for k, e in enumerate(row_entries):
            words = text_width(e.text, TEXT_SIZE)
            cells += [_gap(SPACE)] if k else []
            cells += [sample(e.kind), _gap(GAP),
                      f'<TD ALIGN="LEFT" WIDTH="{words:.0f}">{text_run(e.text, TEXT_SIZE, t.INK)}</TD>']
            width += (SPACE if k else 0) + e.sample_width + GAP + round(words) + 2
        body.append(f'<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0" ALIGN="LEFT" '
                    f'FIXEDSIZE="TRUE" WIDTH="{width:.0f}" HEIGHT="{ROW:.0f}"><TR>{"".join(cells)}</TR></TABLE></TD></TR>')
    head = f'<TR><TD ALIGN="LEFT">{text_run("Legend", t.NAME_SIZE, t.NAVY, bold=True)}</TD></TR>'
    return (f'<TABLE BORDER="1" COLOR="{t.LANE_BORDER}" CELLBORDER="0" CELLSPACING="0" CELLPADDING="4">'
            f"{head}{''.join(body)}</TABLE>")


def legend_rect(grid: Grid) -> Rect:
    """Where the legend node goes: below the lanes, its left edge just off the title's."""
    legend = grid.legend
    # 1.5 pt right of the margin so no edge of the legend lines up with the title's.
    return Rect(t.MARGIN + 1.5 + legend.width / 2, grid.legend_top + legend.height / 2, legend.width, legend.height)


def legend_statements(c: Canvas, grid: Grid) -> None:
    """The legend node, placed below the lanes."""
    c.caption("legend", legend_rect(grid), legend_markup(grid.legend.entries), {"id": '"legend"', "class": '"legend"'},
              "Legend")


__all__ = ["ROW", "blueprint_pen", "legend_markup", "legend_rect", "legend_statements", "sample"]
