"""Turn a planned grid into DOT: pinned nodes, lanes and columns as clusters, routed edges.

Run with ``dot -Kneato -n2``: every node has ``pos="x,y!"`` in points and every cluster a
``bb``, so Graphviz only routes the edges (``splines=ortho``, linear in practice). User text
appears only inside HTML-like labels built by :mod:`journeymap.map.labels`; ids are built from slug
ids, which :func:`journeymap.map.escape.dot_id` checks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Optional

from journeymap.map import theme as t
from journeymap.analysis.analyse import Analysis, Flow
from journeymap.map.canvas import Attrs, Canvas, attrs, num, q
from journeymap.map.legend_dot import legend_statements
from journeymap.map.edgelabels import Key, Placed
from journeymap.map.escape import dot_id, html_label
from journeymap.map.grid import Box, Grid, Rect, plan_grid
from journeymap.map.labels import box_label, header_label, lines_rows, table, text_run, title_label
from journeymap.map.marks import Marks
from journeymap.map.text import wrap

def _header(width: float, height: float) -> list[str]:
    graph = {"splines": "ortho", "outputorder": "edgesfirst", "bb": q(f"0,0,{num(width)},{num(height)}"),
             "pad": "0.2", "fontname": q(t.FONT), "id": q("journeymap"),
             "forcelabels": "true"}
    node = {"fontname": q(t.FONT), "fontsize": "10", "fontcolor": q(t.INK), "shape": "box",
            "margin": q(f"{t.BOX_MARGIN_X / 72:.3f},{t.BOX_MARGIN_Y / 72:.3f}"), "penwidth": "1"}
    edge = {"fontname": q(t.FONT), "fontsize": num(t.SMALL_SIZE), "fontcolor": q(t.MUTED),
            "arrowsize": num(t.ARROW_SIZE), "color": q(t.FLOW_COLOR), "penwidth": num(t.FLOW_WIDTH)}
    return [f"digraph {dot_id('journeymap')} {{", f"  graph {attrs(graph)};", f"  node {attrs(node)};",
            f"  edge {attrs(edge)};"]


def _scaffold(c: Canvas, grid: Grid, analysis: Analysis) -> None:
    """Lanes, columns, blueprint lines, the title and the headers."""
    right = grid.lanes_right
    for band in grid.bands:
        c.cluster(f"lane_{band.id}", t.MARGIN, band.y0, right, band.y1,
                  {"id": q(f"lane-{band.id}"), "class": q("lane"), "style": "filled",
                   "fillcolor": q(band.fill), "pencolor": q(t.LANE_BORDER)})
    top = grid.columns[0].header.top - 4 if grid.columns else grid.lanes_top
    for col in grid.columns:
        c.cluster(f"column_{col.id}", col.x0, top, col.x1, grid.lanes_bottom,
                  {"id": q(f"column-{col.id}"), "class": q("stage-column"), "pencolor": q(t.STAGE_BORDER)})
    for i, rule in enumerate(grid.rules):
        c.cluster(f"rule_{i}", t.MARGIN, rule.y, right, rule.y,
                  {"id": q(f"rule-{rule.kind}-{i}"), "class": q(f"blueprint-line {rule.kind}"),
                   "style": "dashed", "pencolor": q(t.BLUEPRINT_LINE), "penwidth": "1.4"})
        label = table(lines_rows([rule.label], t.SMALL_SIZE, t.BLUEPRINT_LINE, italic=True))
        c.caption(f"rule_label_{i}", Rect(t.MARGIN + t.LANE_HEADER_WIDTH / 2, rule.y, t.LANE_HEADER_WIDTH - 30, 12),
                  label, {"style": "filled", "fillcolor": q(t.PAPER), "class": q("blueprint-label")})
    c.caption("title", grid.title, title_label(grid.title_lines, grid.subtitle_lines, grid.title.width),
              {"id": q("title"), "class": q("title")})
    for col in grid.columns:
        c.caption(f"stage_{col.id}", col.header, header_label(col.name, col.sub, t.HEADER_SIZE, "CENTER"),
                  {"id": q(f"stage-{col.id}"), "class": q("stage")})
    for band in grid.bands:
        c.caption(f"lane_label_{band.id}", band.header, header_label(band.name, band.sub, t.NAME_SIZE, width=band.header.width),
                  {"id": q(f"lane-label-{band.id}"), "class": q("lane-label")})


GUARD = 6.8  # under 7 pt, Graphviz's orthogonal router finds a channel too narrow to run along


def _guards(c: Canvas, grid: Grid) -> None:
    """Invisible posts that keep the router's channels off the grid lines.

    The orthogonal router cuts free space into cells along the edges of every node, extended
    until they meet another node, and runs a lone route down the middle of a cell. Boxes sit
    centred in their lanes, so between two lanes that middle is the lane boundary itself. A post
    6.8 pt across straddling each boundary, where no route goes (lane boundaries in the lane
    headers, column boundaries below the lanes), lays cuts 3.4 pt either side of it across the
    whole map: the thin cell between them costs the router dear to run along (it only crosses
    it), and every route keeps to the cells on either side, more than 3.4 pt from the line.
    The first column's left side gets none: routes that go round the grid there have the lane
    headers' width to spread over, and a post would squeeze them against the boxes.
    """
    edges = sorted({b.y0 for b in grid.bands} | {b.y1 for b in grid.bands})
    for i, y in enumerate(edges):
        c.node(f"guard.lane.{i}", Rect(t.MARGIN + 4, y, 6, GUARD), _GUARD)
    below = grid.lanes_bottom + 12
    inner = sorted({col.x0 for col in grid.columns[1:]} | {col.x1 for col in grid.columns})
    for i, x in enumerate(inner):
        c.node(f"guard.column.{i}", Rect(x, below, GUARD, 6), _GUARD)


_GUARD = {"style": "invis", "label": q(""), "class": q("guard")}


def _box(c: Canvas, box: Box, analysis: Analysis, marks: Marks) -> None:
    if box.ghost:
        label = box_label(box.top, box.name, box.foot, t.REMOVED_COLOR, box.rect.width - 2 * t.BOX_MARGIN_X,
                          flag_color=t.REMOVED_COLOR)
        c.node(f"ghost-{box.id}", box.rect,
               {"id": q(f"ghost-{box.id}"), "class": q("touchpoint removed"), "style": q("rounded,dashed"),
                "color": q(t.REMOVED_COLOR), "label": html_label(label)})
        return
    tp = analysis.journey.touchpoint_by_id[box.id]
    rating = t.RATINGS[tp.reliability]
    classes = ["touchpoint", f"reliability-{tp.reliability}"]
    border, width = rating.border, rating.penwidth
    flag = t.NAVY
    if tp.moment_of_truth:
        classes.append("moment-of-truth")
    if box.id in marks.added or box.id in marks.changed:
        kind = "added" if box.id in marks.added else "changed"
        classes.append(kind)
        border = flag = t.ADDED_COLOR if kind == "added" else t.CHANGED_COLOR
        width = max(width, 2.4)
    label = box_label(box.top, box.name, box.foot, rating.text, box.rect.width - 2 * t.BOX_MARGIN_X, flag)
    c.node(f"tp-{tp.id}", box.rect,
           {"id": q(f"tp-{tp.id}"), "class": q(" ".join(classes)), "style": q(f"rounded,filled,{rating.style}"),
            "fillcolor": q(rating.fill), "color": q(border), "penwidth": num(width), "label": html_label(label)})


def _emotion(c: Canvas, grid: Grid) -> None:
    strip = grid.emotion
    if strip is None:
        return
    c.cluster("emotion", strip.x - strip.width / 2, strip.top, strip.x + strip.width / 2, strip.bottom,
              {"id": q("emotion-strip"), "class": q("emotion-strip"), "pencolor": q(t.LANE_BORDER)})
    zero = strip.top + 13 + 2 * t.EMOTION_STEP
    left = t.MARGIN + t.LANE_HEADER_WIDTH
    c.cluster("emotion_zero", left, zero, strip.x + strip.width / 2 - 6, zero,
              {"style": "dotted", "pencolor": q(t.FAINT)})
    head = header_label(["Customer emotion"], ["+2 delighted … −2 very unhappy"], t.NAME_SIZE, width=130)
    c.caption("emotion_label", Rect(t.MARGIN + 10 + 65, strip.y, 130, 30),
              head, {"id": q("emotion-label"), "class": q("emotion-label")})
    for dot in grid.dots:
        # A cluster, not a node: clusters are no obstacles for the edge router, so the strip
        # costs nothing in routing time (nodes here doubled Graphviz's time at 500 touch-points).
        c.cluster(f"emotion_{dot.id}", dot.x - 8, dot.y - 8, dot.x + 8, dot.y + 8,
                  {**emotion_dot(dot.value, f"emotion-{dot.id}"), "lp": c.pos(dot.x, dot.y).replace("!", "")})


def emotion_dot(value: int, element_id: str) -> Attrs:
    """Cluster attributes of one emotion dot: colour and the signed value printed inside."""
    text = f"{value:+d}" if value else "0"
    return {"id": q(element_id), "class": q("emotion"), "style": q("rounded,filled"),
            "fillcolor": q(t.EMOTION_FILLS[value]), "pencolor": q(t.MUTED), "penwidth": "0.6",
            "fontname": q(t.FONT), "label": html_label(text_run(text.replace("-", "−"), 7, t.INK, bold=True))}


def _flow_attrs(flow: Flow, marks: Marks, labels: Optional[Mapping[Key, Placed]]) -> Attrs:
    classes = ["flow"]
    values: Attrs = {"id": q(f"flow-{flow.source}--{flow.target}")}
    if flow.handoff:
        classes.append("handoff")
        values.update(color=q(t.HANDOFF_COLOR), penwidth=num(t.HANDOFF_WIDTH))
    if flow.risky:
        classes.append("risky")
        values.update(color=q(t.RISKY_COLOR), style=q(t.RISKY_STYLE))
    if flow.key in marks.added_flows:
        classes.append("added")
        values.update(color=q(t.ADDED_COLOR))
    if flow.label and labels is not None and flow.key not in labels:
        lines = wrap(flow.label, t.EDGE_LABEL_WIDTH, t.SMALL_SIZE)
        values["xlabel"] = html_label(table(lines_rows(lines, t.SMALL_SIZE, t.MUTED, italic=True)))
    values["class"] = q(" ".join(classes))
    return values


def _edges(c: Canvas, analysis: Analysis, grid: Grid, marks: Marks,
           labels: Optional[Mapping[Key, Placed]]) -> None:
    for flow in analysis.flows:
        c.edge(f"tp-{flow.source}", f"tp-{flow.target}", _flow_attrs(flow, marks, labels))
    current = analysis.journey.touchpoint_by_id
    for source, target in marks.removed_flows:
        ends = [f"tp-{i}" if i in current else f"ghost-{i}" if i in grid.boxes else None for i in (source, target)]
        if ends[0] and ends[1]:
            c.edge(ends[0], ends[1], {"id": q(f"removed-flow-{source}--{target}"), "class": q("flow removed"),
                                      "style": "dotted", "color": q(t.REMOVED_COLOR)})


def _flow_labels(c: Canvas, grid: Grid, labels: Mapping[Key, Placed]) -> None:
    """Each placed flow label, on its lane's colour so a blueprint line under it breaks off."""
    for (source, target), spot in labels.items():
        label = table(lines_rows(spot.lines, t.SMALL_SIZE, t.MUTED, italic=True))
        fill = next((b.fill for b in grid.bands if b.y0 <= spot.rect.y < b.y1), t.PAPER)
        c.caption(f"flow_label_{source}__{target}", spot.rect, label,
                  {"id": q(f"flow-label-{source}--{target}"), "class": q("flow-label"),
                   "style": "filled", "fillcolor": q(fill)})


@dataclass(frozen=True)
class MapDrawing:
    """A map's DOT apart from its edges: lanes, columns, boxes and captions, drawn once.

    The edges and flow labels come last in the source, so the routing run and the final run of
    a labelled map share everything before them.
    """

    analysis: Analysis
    marks: Marks
    grid: Grid
    fixed: tuple[str, ...]

    def source(self, labels: Optional[Mapping[Key, Placed]] = None) -> str:
        """The whole DOT source with ``labels``, the flow labels already placed
        (:mod:`journeymap.map.edgelabels`); a labelled flow missing from them gets Graphviz's own
        ``xlabel``. ``None`` draws no flow labels at all: that is the routing run."""
        c = Canvas(self.grid.height)
        _edges(c, self.analysis, self.grid, self.marks, labels)
        if labels:
            _flow_labels(c, self.grid, labels)
        return "\n".join([*self.fixed, *c.lines, "}"]) + "\n"


def draw_map(analysis: Analysis, marks: Optional[Marks] = None) -> MapDrawing:
    """Plan the grid of ``analysis`` (with ``marks`` when given) and draw all but its edges."""
    marks = marks or Marks()
    grid = plan_grid(analysis, marks)
    c = Canvas(grid.height)
    _scaffold(c, grid, analysis)
    _emotion(c, grid)
    for box in grid.boxes.values():
        _box(c, box, analysis, marks)
    _guards(c, grid)
    legend_statements(c, grid)
    return MapDrawing(analysis, marks, grid, tuple(_header(grid.width, grid.height) + c.lines))
