"""The emotion curve follows the customer's path: markers joined along the flows, branches apart."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import journeymap
from journeymap.map.bridges import CLEAR, MAX_BRIDGES, RADIUS, curve_pieces
from journeymap.map.emotion import curve_pairs
from journeymap.map.gridshapes import Dot
from journeymap.map.render import render_map

FIXTURES = Path(__file__).parent / "fixtures" / "valid"
MAPS = Path(__file__).parent.parent / "maps"
NS = "{http://www.w3.org/2000/svg}"


def dots(*specs: tuple[str, float]) -> tuple[Dot, ...]:
    return tuple(Dot(name, x, 0.0, 0) for name, x in specs)


def joined(markers: tuple[Dot, ...], flows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(a.id, b.id) for a, b in curve_pairs(markers, flows)]


def test_alternative_branches_are_not_joined_to_each_other():
    # a splits into b (found) and c (not found), which meet again at d
    markers = dots(("a", 0), ("b", 100), ("c", 200), ("d", 300))
    flows = [("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")]
    assert joined(markers, flows) == [("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")]


def test_a_step_the_curve_reaches_another_way_is_not_drawn_again():
    """Flows letting customers skip ahead (a to c, a to d, b to d) drew a fan of lines from one
    marker, a closed triangle rather than a curve (audit AJ, "twelve"); the skips show in the lanes."""
    markers = dots(("a", 0), ("b", 100), ("c", 200), ("d", 300))
    flows = [("a", "b"), ("b", "c"), ("c", "d"), ("a", "c"), ("a", "d"), ("b", "d")]
    assert joined(markers, flows) == [("a", "b"), ("b", "c"), ("c", "d")]
    # through a touch-point without an emotion, too; a branch of its own stays
    flows = [("a", "x"), ("x", "b"), ("b", "c"), ("a", "c"), ("a", "d")]
    assert joined(markers, flows) == [("a", "b"), ("a", "d"), ("b", "c")]


def test_touch_points_without_an_emotion_are_passed_through_and_loops_draw_nothing_back():
    markers = dots(("a", 0), ("c", 200))
    assert joined(markers, [("a", "x"), ("x", "y"), ("y", "c"), ("c", "a")]) == [("a", "c")]


def test_a_marker_no_flow_reaches_is_joined_to_a_neighbour_so_one_line_joins_them_all():
    markers = dots(("a", 0), ("b", 100), ("lone", 150), ("c", 200))
    assert joined(markers, [("a", "b"), ("b", "c")]) == [("a", "b"), ("b", "lone"), ("b", "c")]
    # no flows at all: one line left to right, as the SPEC's minimal case
    assert joined(markers, []) == [("a", "b"), ("b", "lone"), ("lone", "c")]
    # two pieces no flow joins (a branch that ends, a part reached from elsewhere): joined where
    # they meet left to right, once (SPEC 4.1: a line joins the markers: review S)
    markers = dots(("a", 0), ("b", 100), ("c", 200), ("d", 300))
    assert joined(markers, [("a", "b"), ("c", "d")]) == [("a", "b"), ("b", "c"), ("c", "d")]


def test_markers_of_one_column_stand_in_the_flows_order():
    """Start -> A (-2) -> B (+2) -> End, with B listed before A in their column: B's marker stood
    left of A's, so the A to B step ran leftwards and was dropped (review S)."""
    text = """journeymap: 1
title: Order
departments: [{id: d, name: Desk}, {id: e, name: Elsewhere}]
stages:
  - name: One
    touchpoints:
      - {id: start, name: Start, department: d, emotion: 0, next: [a]}
  - name: Two
    touchpoints:
      - {id: b, name: B, department: d, emotion: 2, next: [end]}
      - {id: a, name: A, department: e, emotion: -2, next: [b]}
  - name: Three
    touchpoints:
      - {id: end, name: End, department: d, emotion: 1}
"""
    checked = journeymap.loads(text, "order.journey.yaml")
    from journeymap.map.grid import plan_grid

    grid = plan_grid(checked.analysis)
    x = {d.id: d.x for d in grid.dots}
    assert x["start"] < x["a"] < x["b"] < x["end"]
    pairs = joined(grid.dots, [(f.source, f.target) for f in checked.analysis.flows])
    assert pairs == [("start", "a"), ("a", "b"), ("b", "end")]


def test_house_move_curve_keeps_the_two_customers_of_the_address_check_apart():
    """The form's two outcomes (address found: +1 email; not found: -2 call) were joined as if one
    customer fell from +1 to -2 (audit P 15)."""
    checked = journeymap.load(FIXTURES / "house-move.journey.yaml")
    by_name = {tp.name: tp.id for tp in checked.journey.touchpoints}
    found, failed = by_name["Gets an email confirming the move dates"], next(
        i for n, i in by_name.items() if n.startswith("Calls the contact centre"))
    root = ET.fromstring(render_map(checked.analysis, "svg"))
    centres = {}
    for g in root.iter(f"{NS}g"):
        if g.get("id", "").startswith("emotion-dot."):
            xs = [float(v) for v in next(g.iter(f"{NS}path")).get("d", "").replace("M", " ").replace("C", " ")
                  .replace(",", " ").split()[::2]]
            centres[g.get("id")[len("emotion-dot."):]] = (min(xs) + max(xs)) / 2
    curve = next(g for g in root.iter(f"{NS}g") if g.get("id") == "emotion-curve")
    starts_ends = []
    for path in curve.iter(f"{NS}path"):
        numbers = [float(v) for v in path.get("d", "").replace("M", " ").replace("C", " ").replace(",", " ").split()]
        starts_ends.append((numbers[0], numbers[-2]))
    a, b = sorted((centres[found], centres[failed]))
    assert not any(abs(x0 - a) < 12 and abs(x1 - b) < 12 for x0, x1 in starts_ends)
    assert any(abs(x1 - centres[found]) < 12 for _, x1 in starts_ends)  # each is still on the line
    assert any(abs(x1 - centres[failed]) < 12 for _, x1 in starts_ends)


def test_markers_side_by_side_keep_a_clear_gap():
    """Markers of touch-points in one column stood 4 pt apart, "−1−1" printed as one mark (audit R)."""
    for name in ("house-move.journey.yaml",):
        checked = journeymap.load(FIXTURES / name)
        root = ET.fromstring(render_map(checked.analysis, "svg"))
        boxes = []
        for g in root.iter(f"{NS}g"):
            if g.get("id", "").startswith("emotion-dot."):
                numbers = [float(v) for v in next(g.iter(f"{NS}path")).get("d", "").replace("M", " ")
                           .replace("C", " ").replace(",", " ").split()]
                xs, ys = numbers[::2], numbers[1::2]
                boxes.append((min(xs), min(ys), max(xs), max(ys)))
        assert len(boxes) > 10
        for a in boxes:
            for b in boxes:
                if a < b and a[1] < b[3] and b[1] < a[3]:  # side by side
                    assert max(b[0] - a[2], a[0] - b[2]) >= 7.5, (a, b)


def _crosses(p: tuple[float, float], q: tuple[float, float], box: tuple[float, float, float, float]) -> bool:
    """Whether the segment ``p``-``q`` enters the box (x0, y0, x1, y1): Liang-Barsky clipping."""
    (x0, y0), (dx, dy) = p, (q[0] - p[0], q[1] - p[1])
    low, high = 0.0, 1.0
    for step, room in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if step == 0:
            if room < 0:
                return False
            continue
        t = room / step
        low, high = (max(low, t), high) if step < 0 else (low, min(high, t))
        if low > high:
            return False
    return True


def _numbers(d: str) -> list[float]:
    return [float(v) for v in d.replace("M", " ").replace("C", " ").replace(",", " ").split()]


@pytest.mark.parametrize("name", ["newsletter-subscriber", "house-move", "gen-100"])
def test_the_curve_runs_over_no_marker_it_does_not_join(name: str):
    """It bridges them: newsletter-subscriber's line from -1 to +2 of the customer who confirms at
    once ran through the 0 of the reminder, which the curve joins on the other customer's path."""
    if name.startswith("gen-"):
        from bench.generate import generate_journey

        checked = journeymap.loads(generate_journey(int(name[4:])), f"{name}.journey.yaml")
    else:
        found = [p for p in (FIXTURES / f"{name}.journey.yaml", MAPS / f"{name}.journey.yaml") if p.exists()]
        checked = journeymap.load(found[0])
    root = ET.fromstring(render_map(checked.analysis, "svg"))
    boxes = []
    for g in root.iter(f"{NS}g"):
        if g.get("id", "").startswith("emotion-dot."):
            n = _numbers(next(g.iter(f"{NS}path")).get("d", ""))
            boxes.append((min(n[::2]), min(n[1::2]), max(n[::2]), max(n[1::2])))
    assert len(boxes) > 5
    for g in root.iter(f"{NS}g"):
        if "emotion-curve" not in (g.get("class") or "").split():
            continue
        for path in g.iter(f"{NS}path"):
            n = _numbers(path.get("d", ""))
            p, q = (n[0], n[1]), (n[-2], n[-1])
            for x0, y0, x1, y1 in boxes:
                # a marker the piece starts or ends at (on its rim) is one it joins
                ends = any(x0 - 0.5 <= x <= x1 + 0.5 and y0 - 0.5 <= y <= y1 + 0.5 for x, y in (p, q))
                assert ends or not _crosses(p, q, (x0 + 0.5, y0 + 0.5, x1 - 0.5, y1 - 0.5)), (name, p, q)


@pytest.mark.parametrize("name,forks", [("home-claim", True), ("newsletter-subscriber", True),
                                        ("business-ordering", False)])
def test_the_emotion_strip_says_its_curve_follows_each_path_where_it_forks(name: str, forks: bool):
    """Where the path branches, the curve runs in two lines from one marker, which read as a
    drawing error or as two customers, with nothing to say why (audit BF)."""
    root = ET.fromstring(render_map(journeymap.load(MAPS / f"{name}.journey.yaml").analysis, "svg"))
    head = next(g for g in root.iter(f"{NS}g") if g.get("id") == "emotion-label")
    words = " ".join("".join(t.itertext()) for t in head.iter(f"{NS}text"))
    assert ("a line for each path" in words) == forks, words
    assert "+2 delighted" in words


def test_the_line_across_the_end_of_a_path_to_a_second_way_in_is_dashed():
    """A renewal ends (`next: []`) and a claim begins three months later by a second way in: the
    curve ran on from the renewal's +1 to the claim's -1 as if one led to the other (audit EE). It
    still joins them (SPEC 4.1: one line left to right), dashed, and the strip's heading says why."""
    text = ("journeymap: 1\ntitle: Renew, then claim\ndepartments:\n  - {id: web, name: Web}\n"
            "  - {id: cc, name: Contact centre}\nstages:\n  - name: Renew\n    touchpoints:\n"
            "      - {id: quote, name: Gets a quote, department: web, emotion: 0}\n"
            "      - {id: renew, name: Renews online, department: web, emotion: 1, next: []}\n"
            "  - name: Claim\n    touchpoints:\n"
            "      - {id: chip, name: Calls about a chip, department: cc, emotion: -1, ignore: [W113]}\n"
            "      - {id: fixed, name: Screen fixed, department: cc, emotion: 2}\n")
    root = ET.fromstring(render_map(journeymap.loads(text, "claim.journey.yaml").analysis, "svg"))
    (curve,) = [g for g in root.iter(f"{NS}g") if "emotion-curve" in (g.get("class") or "").split()]
    dashes = [p.get("stroke-dasharray") for p in curve.iter(f"{NS}path")]
    assert len(dashes) == 3 and dashes.count(None) == 2, dashes  # quote-renew and chip-fixed solid
    label = next(g for g in root.iter(f"{NS}g") if g.get("id") == "emotion-label")
    assert "dashed where no flow leads on" in "".join(label.itertext())
    # a journey whose markers the flows all join has no dashes, nor the words
    home = ET.fromstring(render_map(journeymap.load(MAPS / "home-claim.journey.yaml").analysis, "svg"))
    (curve,) = [g for g in home.iter(f"{NS}g") if "emotion-curve" in (g.get("class") or "").split()]
    assert not [p for p in curve.iter(f"{NS}path") if p.get("stroke-dasharray")]
    assert "dashed" not in "".join(next(g for g in home.iter(f"{NS}g") if g.get("id") == "emotion-label").itertext())


@pytest.mark.parametrize("between", [MAX_BRIDGES, MAX_BRIDGES + 1, 300])
def test_a_line_in_the_way_of_many_markers_bridges_them_at_once(between: int):
    """A journey at SPEC 5's limits (2,000 touch-points, four flows each to touch-points anywhere
    later) drew 480,000 bridges, one over each marker a line crossed: 30 s and an SVG of 120 MB.
    Up to MAX_BRIDGES markers each get their own; more, one bridge above them all."""
    ends = [Dot("a", 0.0, 50.0, 0), Dot("b", 100.0 * (between + 1), 50.0, 0)]
    markers = [Dot(f"m{k}", 100.0 * k, 50.0 - 4 * (k % 2), 1) for k in range(1, between + 1)]
    pieces = curve_pieces([tuple(ends)], ends + markers)
    if between <= MAX_BRIDGES:
        assert len(pieces) == 2 * between + 1
        return
    assert len(pieces) == 5
    top = min(m.y for m in markers) - RADIUS - CLEAR
    up, across, down = pieces[1:4]
    assert {y for _, y in across} == {top}
    assert across[0][0] < markers[0].x - RADIUS and across[-1][0] > markers[-1].x + RADIUS
    # straight up and down beside the first and the last marker (a slope ran over others: review ET)
    assert len({x for x, _ in up}) == 1 and len({x for x, _ in down}) == 1
