"""Turn a planned grid into DOT: pinned nodes, lanes and columns as clusters, routed edges.

Run with ``dot -Kneato -n2``: every node has ``pos="x,y!"`` in points and every cluster a
``bb``, so Graphviz only routes the edges (``splines=ortho``, linear in practice). User text
appears only inside HTML-like labels built by :mod:`journeymap.map.labels`; ids are built from slug
ids, which :func:`journeymap.map.escape.dot_id` checks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Optional

from msgspec import Struct

from journeymap.journey.language import word_breaks
from journeymap.journey.textsafe import isolated
from journeymap.map import theme as t
from journeymap.analysis.analyse import Analysis, Flow
from journeymap.map.canvas import Attrs, Canvas, attrs, num, q
from journeymap.map.legend_dot import blueprint_pen, legend_statements
from journeymap.map.edgelabels import Key, Placed
from journeymap.map.emotion import draw_emotion
from journeymap.map.guards import ENDS, draw_guards
from journeymap.map.escape import dot_id, html_label
from journeymap.map.grid import plan_grid
from journeymap.map.gridshapes import Box, Grid, Rect
from journeymap.map.labels import box_label, header_label, lines_rows, table, title_label
from journeymap.map.marks import Marks
from journeymap.map.text import breaking_words, wrap

# No edge pinned: Graphviz routes them all.
_UNPINNED: Mapping[str, str] = MappingProxyType({})


def _header(width: float, height: float) -> list[str]:
    # A root fontcolor works around a state fault of Graphviz 2.43's cairo renderer (PNG, PDF): it
    # drew one lane name of a 300-touch-point map of 20 lanes in the lane's fill, invisible, though
    # the name's <FONT COLOR> says navy and the SVG showed it (audit EX). Found by trial: with the
    # graph's fontcolor declared it draws every one; nothing of ours prints in the default colour.
    graph = {"splines": "ortho", "outputorder": "edgesfirst", "bb": q(f"0,0,{num(width)},{num(height)}"),
             "pad": "0.2", "fontname": q(t.FONT), "fontcolor": q(t.INK), "id": q("journeymap"),
             "forcelabels": "true"}
    node = {"fontname": q(t.FONT), "fontsize": "10", "fontcolor": q(t.INK), "shape": "box",
            "margin": q(f"{t.BOX_MARGIN_X / 72:.3f},{t.BOX_MARGIN_Y / 72:.3f}"), "penwidth": "1"}
    edge = {"fontname": q(t.FONT), "fontsize": num(t.SMALL_SIZE), "fontcolor": q(t.MUTED),
            "arrowsize": num(t.ARROW_SIZE), "color": q(t.FLOW_COLOR), "penwidth": num(t.FLOW_WIDTH)}
    return [f"digraph {dot_id('journeymap')} {{", f"  graph {attrs(graph)};", f"  node {attrs(node)};",
            f"  edge {attrs(edge)};"]


def _scaffold(c: Canvas, grid: Grid, analysis: Analysis, marks: Marks) -> None:
    """Lanes, columns, blueprint lines, the title and the headers.

    Subgraph names, and the ids of the elements SPEC 4.1 does not name, join a kind and a
    journey's id with ".", which no id contains, so no two can be equal: with "-", the label
    of lane ``a`` and the lane ``label-a`` were both ``lane-label-a``.
    """
    right = grid.lanes_right
    journey = analysis.journey
    for band in grid.bands:
        gone = band.id in marks.removed_departments
        c.cluster(f"lane.{band.id}", t.MARGIN, band.y0, right, band.y1,
                  {"id": q(f"lane-{band.id}"), "class": q("lane removed-department removed" if gone else "lane"),
                   "style": q("filled,dashed") if gone else "filled", "fillcolor": q(band.fill),
                   "pencolor": q(t.REMOVED_COLOR if gone else t.LANE_BORDER)}, journey.department_by_id[band.id].name)
    top = grid.columns[0].header.top - 4 if grid.columns else grid.lanes_top
    for col in grid.columns:
        gone = col.id in marks.removed_stages
        c.cluster(f"column.{col.id}", col.x0, top, col.x1, grid.lanes_bottom,
                  {"id": q(f"column-{col.id}"),
                   "class": q("stage-column removed-stage removed" if gone else "stage-column"),
                   "pencolor": q(t.REMOVED_COLOR if gone else t.STAGE_BORDER), **({"style": "dashed"} if gone else {})},
                  journey.stage_by_id[col.id].name)
    for i, rule in enumerate(grid.rules):
        c.cluster(f"rule.{i}", t.MARGIN, rule.y, right, rule.y, {
            "id": q(f"rule-{rule.kind}-{i}"), "class": q(f"blueprint-line {rule.kind}"), **blueprint_pen(rule.kind)},
            rule.label)
        label = table(lines_rows([rule.label], t.SMALL_SIZE, t.BLUEPRINT_LINE, italic=True))
        c.caption(f"rule_label.{i}", Rect(t.MARGIN + t.LANE_HEADER_WIDTH / 2, rule.y, t.LANE_HEADER_WIDTH - 30, 12),
                  label, {"id": q(f"rule-label-{rule.kind}-{i}"), "style": "filled", "fillcolor": q(t.PAPER),
                          "class": q("blueprint-label")}, rule.label)
    c.caption("title", grid.title, title_label(grid.title_lines, grid.subtitle_lines, grid.title.width),
              {"id": q("title"), "class": q("title")}, journey.title)
    for col in grid.columns:
        c.caption(f"stage.{col.id}", col.header, header_label(col.name, col.sub, t.HEADER_SIZE, "CENTER"),
                  {"id": q(f"stage-{col.id}"), "class": q("stage")}, journey.stage_by_id[col.id].name)
    for band in grid.bands:
        name = journey.department_by_id[band.id].name
        label = header_label(band.name, band.sub, t.NAME_SIZE, width=band.header.width)
        c.caption(f"lane_label.{band.id}", band.header, label,
                  {"id": q(f"label-lane-{band.id}"), "class": q("lane-label")}, name)
    # Further right, the name alone, high in the lane: flows between neighbouring boxes run at
    # their middle and flows between lanes in the pads, so they seldom cross it there.
    for band, k, rect in grid.repeated_names():
        again = header_label(band.name, (), t.NAME_SIZE, width=band.header.width)
        c.caption(f"lane_label.{band.id}.{k}", rect, again, {"id": q(f"label-lane-{band.id}.{k}"),
                  "class": q("lane-label repeat")}, journey.department_by_id[band.id].name)


def _box(c: Canvas, box: Box, analysis: Analysis, marks: Marks) -> None:
    if box.ghost:
        label = box_label(box.top, box.name, box.foot, t.REMOVED_COLOR, box.rect.width - 2 * t.BOX_MARGIN_X,
                          flag_color=t.REMOVED_COLOR)
        c.node(f"ghost-{box.id}", box.rect,
               {"id": q(f"ghost-{box.id}"), "class": q("removed-touchpoint removed"), "style": q("rounded,dashed"),
                "color": q(t.REMOVED_COLOR), "label": html_label(label)}, f"{_name(box.id, analysis, marks)} (removed)")
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
        if box.id in marks.worse or box.id in marks.better:
            classes.append("worse" if box.id in marks.worse else "better")
            border = flag = t.WORSE_COLOR if box.id in marks.worse else t.BETTER_COLOR
        width = max(width, 2.4)
    label = box_label(box.top, box.name, box.foot, rating.text, box.rect.width - 2 * t.BOX_MARGIN_X, flag)
    what = dict(marks.what).get(tp.id) if box.id in marks.changed else None
    c.node(f"tp-{tp.id}", box.rect,
           {"id": q(f"tp-{tp.id}"), "class": q(" ".join(classes)), "style": q(f"rounded,filled,{rating.style}"),
            "fillcolor": q(rating.fill), "color": q(border), "penwidth": num(width), "label": html_label(label)},
           f"{tp.name} (changed: {what})" if what else tp.name)


def _name(key: str, analysis: Analysis, marks: Marks) -> str:
    """The name of a touch-point, current or removed, as its author wrote it."""
    tp = analysis.journey.touchpoint_by_id.get(key)
    if tp is not None:
        return tp.name
    return next((g.name for g in marks.ghosts if g.id == key), key)


def _flow_title(source: str, target: str, analysis: Analysis, marks: Marks, label: Optional[str] = None) -> str:
    words = f"{isolated(_name(source, analysis, marks))} → {isolated(_name(target, analysis, marks))}"
    if (source, target) in marks.former_handoffs:
        words = f"no longer a hand-off: {words}"
    elif (source, target) in marks.added_flows:
        risky = any(f.key == (source, target) for f in analysis.risky_handoffs)
        words = f"added{' risky hand-off' if risky else ''}: {words}"
    return f"{words}: {isolated(label)}" if label else words


def flow_ids(pairs: Iterable[Key], prefix: str = "flow-") -> dict[Key, str]:
    """Each flow's id, ``flow-<from>--<to>`` (SPEC 4.1), unique: ids may hold ``--`` themselves, so
    ``x`` -> ``y--z`` and ``x--y`` -> ``z`` spell the same; the later flow gets ``.2`` (no id holds a dot)."""
    ids: dict[Key, str] = {}
    spelled: dict[str, int] = {}
    for source, target in pairs:
        base = f"{prefix}{source}--{target}"
        spelled[base] = spelled.get(base, 0) + 1
        ids[(source, target)] = base if spelled[base] == 1 else f"{base}.{spelled[base]}"
    return ids


def _flow_attrs(flow: Flow, ident: str, marks: Marks, labels: Optional[Mapping[Key, Placed]]) -> Attrs:
    classes = ["flow"]
    values: Attrs = {"id": q(ident)}
    if flow.handoff:
        classes.append("handoff")
        values.update(color=q(t.HANDOFF_COLOR), penwidth=num(t.HANDOFF_WIDTH))
    if flow.risky:
        classes.append("risky")
        values.update(color=q(t.RISKY_COLOR), style=q(t.RISKY_STYLE))
    if flow.key in marks.added_flows:
        classes.append("added")
        # a risky one keeps its red dashes, the risk a reviewer must see, beside a green line: drawn
        # green alone, it no longer read as risky; red alone, not as added (audit DR, review DT)
        values.update(color=q(f"{t.RISKY_COLOR}:{t.ADDED_COLOR}" if flow.risky else t.ADDED_COLOR))
    elif flow.key in marks.former_handoffs:
        classes.append("changed")
        values.update(color=q(t.CHANGED_COLOR), style="dashed")
    if flow.label and labels is not None and flow.key not in labels:
        lines = wrap(flow.label, t.EDGE_LABEL_WIDTH, t.SMALL_SIZE)
        values["xlabel"] = html_label(table(lines_rows(lines, t.SMALL_SIZE, t.MUTED, italic=True)))
    values["class"] = q(" ".join(classes))
    return values


def _edges(c: Canvas, analysis: Analysis, grid: Grid, marks: Marks,
           labels: Optional[Mapping[Key, Placed]], routes: Mapping[str, str]) -> None:
    ids = flow_ids(flow.key for flow in analysis.flows)
    for flow in analysis.flows:
        values = _flow_attrs(flow, ids[flow.key], marks, labels)
        _pin(values, ids[flow.key], routes)
        c.edge(f"tp-{flow.source}", f"tp-{flow.target}", values,
               _flow_title(flow.source, flow.target, analysis, marks, flow.label))
    current = analysis.journey.touchpoint_by_id
    for key, source, target in _removed_edges(grid, marks):
        ends = [f"tp-{i}" if i in current else f"ghost-{i}" for i in (source, target)]
        kind = "flow handoff removed" if (source, target) in marks.removed_handoffs else "flow removed"
        values = {"id": q(key), "class": q(kind), "style": "dotted", "color": q(t.REMOVED_COLOR)}
        _pin(values, key, routes)
        c.edge(ends[0], ends[1], values, "removed: " + _flow_title(source, target, analysis, marks))


def _removed_edges(grid: Grid, marks: Marks) -> list[tuple[str, str, str]]:
    """The flows a diff's map draws back as removed, as ``(edge id, source box, target box)``:
    those whose two ends are on the map (a touch-point, or the ghost of a removed one)."""
    removed = flow_ids(marks.removed_flows, "removed-flow-")
    return [(removed[(a, b)], a, b) for a, b in marks.removed_flows if a in grid.boxes and b in grid.boxes]


def _pin(values: Attrs, key: str, routes: Mapping[str, str]) -> None:
    """The route worked out by the routing run, when there is one (see :mod:`journeymap.map.pinroutes`)."""
    if key in routes:
        values["pos"] = q(routes[key])


def _flow_labels(c: Canvas, grid: Grid, labels: Mapping[Key, Placed], analysis: Analysis, marks: Marks) -> None:
    """Each placed flow label, on its lane's colour so a blueprint line under it breaks off."""
    ids = flow_ids(flow.key for flow in analysis.flows)
    whole = {flow.key: flow.label for flow in analysis.flows}  # a shortened label's tooltip has it all
    for (source, target), spot in labels.items():
        label = table(lines_rows(spot.lines, t.SMALL_SIZE, t.MUTED, italic=True))
        fill = next((b.fill for b in grid.bands if b.y0 <= spot.rect.y < b.y1), t.PAPER)
        c.caption(f"flow_label.{source}.{target}", spot.rect, label,
                  {"id": q("label-" + ids[(source, target)]), "class": q("flow-label"),
                   "style": "filled", "fillcolor": q(fill)},
                  _flow_title(source, target, analysis, marks, whole[(source, target)]))


class MapDrawing(Struct, frozen=True):
    """A map's DOT apart from its edges: lanes, columns, boxes and captions, drawn once.

    The edges and flow labels come last in the source, so the routing run and the final run of
    a labelled map share everything before them. ``routing`` is the same drawing with no text
    and no styles (nodes as bare pinned boxes, one cluster as big as all of them): Graphviz
    routes it exactly as the whole map (a test compares), without measuring any text, in about
    half the time.
    """

    analysis: Analysis
    marks: Marks
    grid: Grid
    fixed: tuple[str, ...]
    routing: tuple[str, ...] = ()
    titles: tuple[tuple[str, str], ...] = ()

    def source(self, labels: Optional[Mapping[Key, Placed]] = None, routes: Mapping[str, str] = _UNPINNED) -> str:
        """The whole DOT source with ``labels``, the flow labels already placed
        (:mod:`journeymap.map.edgelabels`); a labelled flow missing from them gets Graphviz's own
        ``xlabel``. ``None`` draws no flow labels at all: that is the routing run. ``routes``
        (edge id to ``pos``) pins edges to routes already worked out."""
        c = self._edges(labels, routes)
        return "\n".join([*self.fixed, *c.lines, "}"]) + "\n"

    def _edges(self, labels: Optional[Mapping[Key, Placed]], routes: Mapping[str, str] = _UNPINNED) -> Canvas:
        c = Canvas(self.grid.height)
        _edges(c, self.analysis, self.grid, self.marks, labels, routes)
        if labels:
            _flow_labels(c, self.grid, labels, self.analysis, self.marks)
        return c

    def tooltips(self, labels: Optional[Mapping[Key, Placed]] = None) -> dict[str, str]:
        """Each element id of :meth:`source` (with the same ``labels``) and its tooltip: names
        people wrote, for :func:`journeymap.map.titles.retitle`."""
        return {**dict(self.titles), **self._edges(labels).titles}

    def edge_ends(self) -> list[tuple[str, str, str]]:
        """Every edge of :meth:`source` as ``(edge id, source box, target box)``: the flows, then
        the flows a diff's map draws back as removed."""
        ids = flow_ids(flow.key for flow in self.analysis.flows)
        ends = [(ids[flow.key], flow.source, flow.target) for flow in self.analysis.flows]
        return ends + _removed_edges(self.grid, self.marks)

    def routing_source(self, posts: bool = True) -> str:
        """The DOT of the routing run: the graph's settings, bare nodes, one cluster covering all
        the map's clusters (:meth:`Canvas.routing_lines`), the edges. Without ``posts`` the
        guards' posts are left out but for the two the emotion curve hangs on (big maps: see
        :mod:`journeymap.map.nudge`)."""
        c = Canvas(self.grid.height)
        _edges(c, self.analysis, self.grid, self.marks, None, _UNPINNED)
        header = _header(self.grid.width, self.grid.height)
        keep = tuple(f"  {dot_id(name)} " for name in ENDS)
        nodes = self.routing if posts else [line for line in self.routing
                                            if not line.startswith('  "guard.') or line.startswith(keep)]
        return "\n".join([*header, *nodes, *c.lines, "}"]) + "\n"


def draw_map(analysis: Analysis, marks: Optional[Marks] = None, names_again: bool = True) -> MapDrawing:
    """Plan the grid of ``analysis`` (with ``marks`` when given; ``names_again``: see
    :func:`~journeymap.map.grid.plan_grid`) and draw all but its edges."""
    marks = marks or Marks()
    with breaking_words(lambda: word_breaks(analysis.journey)):
        grid = plan_grid(analysis, marks, names_again)
    c = Canvas(grid.height)
    _scaffold(c, grid, analysis, marks)
    for box in grid.boxes.values():
        _box(c, box, analysis, marks)
    draw_guards(c, grid)
    draw_emotion(c, grid, analysis, ENDS)
    legend_statements(c, grid)
    c.titles["journeymap"] = analysis.journey.title
    return MapDrawing(analysis, marks, grid, tuple(_header(grid.width, grid.height) + c.lines),
                      tuple(c.routing_lines()),
                      tuple(c.titles.items()))
