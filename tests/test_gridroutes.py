"""Flows routed on the grid (journeymap.map.gridroutes), for maps Graphviz cannot route in time."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import journeymap
from bench.generate import generate_journey, generate_limits_journey
from journeymap.map import gridroutes
from journeymap.map import theme as t
from journeymap.map.dot import draw_map
from journeymap.map.gridruns import runs_on_grid
from journeymap.map.gridshapes import Rect
from journeymap.map.marks import Marks
from journeymap.map.render import render

MAPS = Path(__file__).parent.parent / "maps"
FIXTURES = Path(__file__).parent / "fixtures" / "valid"
NS = "{http://www.w3.org/2000/svg}"
needs_graphviz = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz")


def _checked(name: str) -> journeymap.Checked:
    """The examples and a fixture as files (the examples' departments come from maps/journeymap.yaml),
    and a journey of 120 touch-points with flows to anywhere up to 40 touch-points on."""
    if name == "random-120":
        return journeymap.loads(generate_limits_journey(120, 8, 6, 2), "random.journey.yaml")
    if name == "gen-50":
        return journeymap.loads(generate_journey(50), "gen-50.journey.yaml")
    if name == "wide-stages":  # stages wider than 3,600 pt: lane names drawn again inside them (review ET)
        return journeymap.loads(generate_limits_journey(140, 60, 2, 4), "wide.journey.yaml")
    return journeymap.load(next(p for p in (MAPS / f"{name}.journey.yaml", FIXTURES / f"{name}.journey.yaml") if p.exists()))


def _inside(rect: Rect, x: float, y: float, slack: float = 0.5) -> bool:
    return (abs(x - rect.x) < rect.width / 2 - slack) and (abs(y - rect.y) < rect.height / 2 - slack)


def _crosses(rect: Rect, a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether the axis-parallel segment a-b runs through the inside of ``rect``."""
    (x0, y0), (x1, y1) = a, b
    left, right = rect.x - rect.width / 2 + 0.5, rect.x + rect.width / 2 - 0.5
    top, bottom = rect.top + 0.5, rect.bottom - 0.5
    if abs(y0 - y1) < 1e-9:
        return top < y0 < bottom and min(x0, x1) < right and max(x0, x1) > left
    return left < x0 < right and min(y0, y1) < bottom and max(y0, y1) > top


@pytest.mark.parametrize("name", ["home-claim", "newsletter-subscriber", "business-ordering", "house-move", "wordy",
                                  "random-120", "wide-stages", "gen-50"])
def test_grid_routes_cross_no_box_and_keep_off_the_grid_lines(name: str):
    checked = _checked(name)
    drawing = draw_map(checked.analysis)
    grid = drawing.grid
    ends = drawing.edge_ends()
    positions, corners = gridroutes.grid_routes(grid, ends)
    assert set(positions) == set(corners) == {key for key, _, _ in ends}
    # boxes, lane names (at the left, and drawn again further right: review ET) and stage headers
    obstacles = [box.rect for box in grid.boxes.values()] + [band.header for band in grid.bands] + \
        [rect for _, _, rect in grid.repeated_names()] + [column.header for column in grid.columns]
    assert name != "wide-stages" or grid.repeated_names()
    boundaries_y = sorted({y for band in grid.bands for y in (band.y0, band.y1)})
    boundaries_x = sorted({x for column in grid.columns for x in (column.x0, column.x1)})
    for key, source, target in ends:
        points = corners[key]
        start, end = grid.boxes[source].rect, grid.boxes[target].rect
        assert points[0] == (start.x + start.width / 2, start.y) and points[-1] == (end.x - end.width / 2, end.y)
        for a, b in zip(points, points[1:]):
            assert a[0] == b[0] or a[1] == b[1], (key, a, b)  # orthogonal
            for rect in obstacles:
                assert not _crosses(rect, a, b), (key, rect, a, b)
            length = abs(a[0] - b[0]) + abs(a[1] - b[1])
            if length > 20 and a[1] == b[1]:  # SPEC 4.1: no long run within 3 pt of a lane's edge
                assert all(abs(a[1] - y) > 3 for y in boundaries_y), (key, a, b)
            if length > 20 and a[0] == b[0]:  # nor of a stage column's edge
                assert all(abs(a[0] - x) > 3 for x in boundaries_x), (key, a, b)
        # the arrow's tip on the target's left side, the spline ending an arrowhead before it
        tip = re.match(r"e,([-\d.]+),([-\d.]+) ", positions[key])
        assert tip and float(tip.group(1)) == pytest.approx(end.x - end.width / 2, abs=0.01)
        assert float(tip.group(2)) == pytest.approx(grid.height - end.y, abs=0.01)
        spline = positions[key].split()[1:]
        assert (len(spline) - 1) % 3 == 0
    assert gridroutes.grid_routes(grid, ends)[0] == positions  # the same every time
    # runs of two flows side by side are a track apart, or one on the other: 0.5 pt apart, two
    # read as one thick line (review EU)
    runs = [(a[0], min(a[1], b[1]), max(a[1], b[1])) for points in corners.values()
            for a, b in zip(points, points[1:]) if a[0] == b[0] and abs(a[1] - b[1]) > 1]
    for i, (x, y0, y1) in enumerate(runs):
        for x2, z0, z1 in runs[i + 1:]:
            assert not (0 < abs(x - x2) < 1.5 and min(y1, z1) > max(y0, z0)), (x, x2)


def test_parallel_flows_take_tracks_apart():
    """Flows sharing a gap or a lane's top margin were drawn on one line, one hiding the other."""
    drawing = draw_map(_checked("random-120").analysis)
    _, corners = gridroutes.grid_routes(drawing.grid, drawing.edge_ends())
    verticals = [(a[0], min(a[1], b[1]), max(a[1], b[1])) for points in corners.values()
                 for a, b in zip(points, points[1:]) if a[0] == b[0] and a[1] != b[1]]
    overlapping = sum(1 for i, (x, y0, y1) in enumerate(verticals) for x2, z0, z1 in verticals[i + 1:]
                      if abs(x - x2) < 0.5 and min(y1, z1) - max(y0, z0) > 1)
    assert len(verticals) > 100 and overlapping < len(verticals) // 4, (overlapping, len(verticals))


def test_the_estimate_sends_only_maps_graphviz_cannot_route_to_the_grid():
    """home-claim and a generated 2,000-touch-point journey (2.3 s to route) go to Graphviz; SPEC
    5's limits (over 100 s) to the grid."""
    def estimate(text: str) -> float:
        drawing = draw_map(journeymap.loads(text, "x.journey.yaml").analysis)
        return gridroutes.routing_estimate(drawing.grid, drawing.edge_ends())

    share = 120 * 0.4
    assert estimate((MAPS / "home-claim.journey.yaml").read_text(encoding="utf-8")) < 0.01
    assert estimate(generate_journey(2000)) < share / 4
    assert estimate(generate_limits_journey(600, 200, 60, 4)) > share


def test_removed_flows_of_a_diff_map_are_routed_too():
    checked = journeymap.load(MAPS / "home-claim.journey.yaml")
    flows = checked.analysis.flows
    gone = (flows[0].target, flows[0].source)  # the way back, drawn as a removed flow
    drawing = draw_map(checked.analysis, Marks(removed_flows=(gone,)))
    ends = drawing.edge_ends()
    assert ends[-1] == (f"removed-flow-{gone[0]}--{gone[1]}", *gone)
    assert len(ends) == len(flows) + 1


@needs_graphviz
def test_a_journey_at_spec_5_limits_lays_out_with_its_flows_on_the_grid():
    """SPEC 5: layout of a valid journey within the limits must finish. Audit EO's journey (2,000
    touch-points, 200 departments, 200 stages, four flows each) stopped with exit 3 after 194 s;
    its emotion curve alone took 30 s and 120 MB. It now takes about 4 s, its flows on the grid."""
    checked = journeymap.loads(generate_limits_journey(), "limits.journey.yaml")
    assert not [f for f in checked.findings if f.code.startswith("E")]
    rendered = render(checked.analysis, "svg")
    assert rendered.warnings == ()
    assert "routed along the gaps between the boxes" in rendered.notes[0] and "200 lanes" in rendered.notes[0]
    assert len(rendered.data) < 30_000_000
    assert not runs_on_grid(rendered.data)
    root = ET.fromstring(rendered.data)
    flows = [g for g in root.iter(f"{NS}g") if "flow" in (g.get("class") or "").split()]
    assert len(flows) == len(checked.analysis.flows)


@needs_graphviz
def test_a_map_routed_on_the_grid_draws_every_flow_and_its_labels(monkeypatch):
    """Forced onto the grid, home-claim keeps every flow, its labels and no Graphviz warning."""
    monkeypatch.setattr(gridroutes, "SECONDS_PER_SPAN", 10.0)
    checked = journeymap.load(MAPS / "home-claim.journey.yaml")
    rendered = render(checked.analysis, "svg")
    assert rendered.warnings == () and "along the gaps" in rendered.notes[0]
    svg = rendered.data.decode("utf-8")
    for flow in checked.analysis.flows:
        assert f'id="flow-{flow.source}--{flow.target}"' in svg
    labelled = [flow for flow in checked.analysis.flows if flow.label]
    assert labelled and all(f'id="label-flow-{f.source}--{f.target}"' in svg for f in labelled)
    assert not runs_on_grid(rendered.data)
    assert t.FLOW_COLOR in svg


@needs_graphviz
def test_a_map_costly_to_route_is_routed_once_then_drawn_as_routed(monkeypatch):
    """A map without labels is routed and drawn in one run, and routed again when that run lays a
    flow along a grid line: 100 touch-points whose flows cross many lanes took 6.9 s twice. Past
    ONE_RUN_UP_TO of estimated routing it is routed in a run of its own, then drawn as routed;
    the map comes out the same."""
    from journeymap.map import render as map_render

    checked = journeymap.load(FIXTURES / "outpatient-referral.journey.yaml")
    assert not any(flow.label for flow in checked.analysis.flows)
    calls: list[str] = []
    real = map_render.run_dot

    def counted(source: str, fmt: str, **kwargs: object):
        calls.append(fmt)
        return real(source, fmt, **kwargs)

    monkeypatch.setattr(map_render, "run_dot", counted)
    once = render(checked.analysis, "svg").data
    assert calls == ["svg"]
    calls.clear()
    monkeypatch.setattr(map_render, "ONE_RUN_UP_TO", 0.0)
    routed = render(checked.analysis, "svg").data
    assert calls == ["xdot", "svg"]

    def paths(svg: bytes) -> list[list[float]]:
        root = ET.fromstring(svg)
        return [[float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", p.get("d", ""))]
                for g in root.iter(f"{NS}g") if "flow" in (g.get("class") or "").split() for p in g.iter(f"{NS}path")]

    assert len(paths(once)) == len(checked.analysis.flows)
    for a, b in zip(paths(once), paths(routed)):
        assert len(a) == len(b) and max(abs(x - y) for x, y in zip(a, b)) < 0.02


@needs_graphviz
def test_a_small_map_too_slow_to_route_with_posts_is_routed_without_them(monkeypatch):
    """149 touch-points estimated at 85 s with the posts went to the grid, while 150, routed
    without posts as big maps are, went to Graphviz (review ET): without the posts it is routed by
    Graphviz and its runs moved off the grid lines."""
    from journeymap.map import render as map_render

    monkeypatch.setattr(map_render, "POSTS_COST", 1e9)
    checked = journeymap.load(MAPS / "home-claim.journey.yaml")
    calls: list[str] = []
    real = map_render.run_dot

    def counted(source: str, fmt: str, **kwargs: object):
        calls.append("posts" if '"guard.column.' in source and fmt == "xdot" else fmt)
        return real(source, fmt, **kwargs)

    monkeypatch.setattr(map_render, "run_dot", counted)
    rendered = render(checked.analysis, "svg")
    assert rendered.notes == () and rendered.warnings == ()
    assert calls == ["xdot", "svg"]  # routed without the posts (they stay in the drawing run only)
    assert not runs_on_grid(rendered.data)


@needs_graphviz
@pytest.mark.parametrize("path", [MAPS / "home-claim.journey.yaml", FIXTURES / "outpatient-referral.journey.yaml"])
def test_the_dot_of_a_map_routed_on_the_grid_carries_its_routes(monkeypatch, path: Path):
    """Its labels are placed beside the grid's routes; without them, neato -n2 routed the DOT with
    the very router the grid avoids, the labels beside other routes (review ET); a map without
    labels gave its DOT unrouted and said nothing (review EU)."""
    monkeypatch.setattr(gridroutes, "SECONDS_PER_SPAN", 10.0)
    checked = journeymap.load(path)
    rendered = render(checked.analysis, "dot")
    assert "along the gaps" in rendered.notes[0]
    edges = [line for line in rendered.data.decode("utf-8").splitlines() if ' -> "tp-' in line and 'class="flow' in line]
    assert len(edges) == len(checked.analysis.flows) and all(' pos="e,' in line for line in edges)
