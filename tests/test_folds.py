"""Folded lanes on the printed map's parts (journeymap/briefing/folds.py): lanes that hold nothing
within a part print as a strip naming them, the flows through them still drawn."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import journeymap
from conftest import FIXTURES, MAPS
from journeymap.briefing.document import sanitize_tree
from journeymap.briefing.folds import FOLD_PT, Fold, Folded, clipped, folds_of, strip_height
from journeymap.briefing.foldstrip import RULE_NAME
from journeymap.briefing.mapgeometry import Box, read_layout
from journeymap.briefing.mappages import PAPERS, best_plan, map_pages
from journeymap.briefing.tileplan import SAFE, plan_tiles

pytestmark = [pytest.mark.graphviz]
NS = "{http://www.w3.org/2000/svg}"


def _checked(name: str) -> journeymap.pipeline.Checked:
    fixture = FIXTURES / "valid" / f"{name}.journey.yaml"
    return journeymap.load(fixture if fixture.exists() else MAPS / f"{name}.journey.yaml")


def _pages(checked: journeymap.pipeline.Checked, page: str) -> list[dict]:
    j = checked.journey
    assert j is not None
    tree = sanitize_tree(journeymap.render(checked, "svg").decode("utf-8"))
    return map_pages(tree, page, {s.id: s.name for s in j.stages}, {d.id: d.name for d in j.departments})


def _folds(svg: str) -> list[ET.Element]:
    return [g for g in ET.fromstring(str(svg)).iter(f"{NS}g") if g.get("class") == "fold"]


def _strips(svg: str) -> list[tuple[float, float]]:
    """The top and bottom of each fold strip of a part, in the part's coordinates."""
    spans = []
    for fold in _folds(svg):
        rect = fold.find(f"{NS}rect")
        assert rect is not None
        spans.append((float(rect.get("y", "0")), float(rect.get("y", "0")) + float(rect.get("height", "0"))))
    return spans


def test_a_run_of_empty_lanes_is_folded_where_its_strip_saves_half_its_height() -> None:
    lanes = [("a", 0, 100, True), ("b", 100, 130, False), ("c", 130, 230, True), ("d", 230, 330, False),
             ("e", 330, 430, False)]
    folds = folds_of(lanes, 1.0)
    # "b" alone is 30 high: its strip (about 22) would save too little; "d" and "e" fold into one
    assert [(f.lanes, f.y0, f.y1) for f in folds] == [(("d", "e"), 230, 430)]
    assert folds[0].height == pytest.approx(strip_height(2, 1.0)) and strip_height(2, 2.0) == strip_height(2, 1.0) / 2


def test_the_folded_axis_keeps_order_and_squeezes_only_the_folds() -> None:
    axis = Folded(0, 430, [Fold(230, 430, ("d", "e"), 25.0)])
    ys = [0, 100, 229, 230, 330, 430]
    mapped = [axis.y_in(y) for y in ys]
    assert mapped == sorted(mapped) and mapped[:4] == [0, 100, 229, 230]
    assert mapped[-1] == pytest.approx(axis.height) == pytest.approx(255.0)
    assert axis.kept() == [(0, 230)] and axis.in_fold(300) and not axis.in_fold(230)


def test_a_flow_is_clipped_to_the_strip_in_pieces() -> None:
    # into the box, along it and back out: one piece, from edge to edge
    pieces = clipped([(0, 0), (0, 50), (30, 50), (30, 0)], Box(-5, 20, 40, 60))
    assert pieces == [[(0.0, 20.0), (0.0, 50.0), (30.0, 50.0), (30.0, 20.0)]]
    assert clipped([(0, 0), (10, 0)], Box(0, 5, 10, 10)) == []


def test_business_ordering_on_a4_folds_each_stages_empty_lanes_and_draws_the_flows_through_them() -> None:
    """Seven portrait parts of mostly empty lanes, one holding a single box (audit AJ), are four
    landscape parts of a stage or two (five before a touch-point took the next slot where its
    flow would be routed round a box: audit AJ H1): every lane is on every part, in its own row or
    named in a strip, and a flow that crosses a strip is drawn across it, edge to edge."""
    checked = _checked("business-ordering")
    j = checked.journey
    assert j is not None
    tiles = [p for p in _pages(checked, "a4") if p["kind"] == "tile"]
    assert len(tiles) == 4
    crossing = 0
    for page in tiles:
        root = ET.fromstring(str(page["svg"]))
        text = " ".join(" ".join("".join(t.itertext()).split()) for t in root.iter(f"{NS}text"))
        assert all(d.name in text for d in j.departments), page["title"]
        for fold in _folds(page["svg"]):
            rect = fold.find(f"{NS}rect")
            assert rect is not None
            top, bottom = float(rect.get("y", "0")), float(rect.get("y", "0")) + float(rect.get("height", "0"))
            names = [t for t in fold.iter(f"{NS}text")]
            assert names and all(top < float(t.get("y", "0")) < bottom for t in names)
            for path in fold.iter(f"{NS}path"):
                ys = [float(v) for v in re.findall(r"[-\d.]+ ([-\d.]+)", path.get("d", ""))]
                assert all(top - 0.01 <= y <= bottom + 0.01 for y in ys)
                if min(ys) <= top + 0.01 and max(ys) >= bottom - 0.01:
                    crossing += 1
    assert crossing >= 3  # flows run through the strips from one edge to the other


def test_folding_leaves_a_map_uncut_between_lanes_where_it_had_to_cut_them() -> None:
    """business-ordering with an eighth lane, on letter: its lanes were cut between parts (five
    parts, two of them showing the same stages' other lanes: audit X). Folded, every part shows
    every lane; and with a stage cut between parts costed as in packing (audit AL: six portrait
    parts cut four stages), five landscape parts show a stage each."""
    layout = read_layout(sanitize_tree(journeymap.render(_checked("business-ordering-8-lanes"), "svg").decode("utf-8")))
    assert layout is not None
    paper = PAPERS["letter"]
    _, tiles = best_plan(layout, [paper.sheet("landscape"), paper.sheet("portrait")], SAFE / layout.min_font)
    everything = tuple(lane.removeprefix("lane-") for lane, _ in layout.lanes)
    assert len(tiles) == 5 and {t.lanes for t in tiles} == {everything}
    assert all(t.folds for t in tiles) and [len(t.stages) for t in tiles] == [1] * 5
    assert len({s for t in tiles for s in t.stages}) == 5  # no stage on two parts


def test_a_folded_lanes_name_prints_legibly_shortened_to_the_names_column_and_escaped(tmp_path: Path) -> None:
    """A long name without spaces is cut with an ellipsis inside the names column; markup stays text."""
    long_name = "<b>Warehouse&Logistics" + "X" * 60
    text = (MAPS / "business-ordering.journey.yaml").read_text(encoding="utf-8")
    text = text.replace("name: Warehouse & logistics", f"name: \"{long_name}\"", 1)
    assert long_name in text
    shutil.copy(MAPS / "journeymap.yaml", tmp_path / "journeymap.yaml")  # the departments' registry
    (tmp_path / "long.journey.yaml").write_text(text, encoding="utf-8")
    checked = journeymap.load(tmp_path / "long.journey.yaml")
    tiles = [p for p in _pages(checked, "a4") if p["kind"] == "tile"]
    layout = read_layout(sanitize_tree(journeymap.render(checked, "svg").decode("utf-8")))
    assert layout is not None
    seen = 0
    for page in tiles:
        root = ET.fromstring(str(page["svg"]))
        printed = float(re.search(r"width: ([\d.]+)pt", root.get("style", "")).group(1))  # type: ignore[union-attr]
        scale = printed / float(root.get("viewBox", "0 0 1 1").split()[2])
        for fold in _folds(page["svg"]):
            for t in fold.iter(f"{NS}text"):
                # a blueprint line's name (italic, like the caption) a little smaller, over 6 pt
                least = FOLD_PT * (RULE_NAME if t.get("font-style") == "italic" else 1.0)
                assert float(t.get("font-size", "0")) * scale >= max(least, 6.0) - 0.01
                words = "".join(t.itertext())
                if "Warehouse" in words:
                    seen += 1
                    assert words.startswith("<b>Warehouse") and words.endswith("\u2026")
                    assert len(words) < len(long_name)
    assert seen  # the lane is folded on some part
    # text, never markup: no element of the name's tag in any part (the name reads "<b>…" as text above)
    assert not [el for p in tiles for el in ET.fromstring(str(p["svg"])).iter() if el.tag.rpartition("}")[2] == "b"]


def test_parts_that_show_every_lane_do_not_say_so_in_their_heading() -> None:
    """A map whose first part left out its last lane headed every other "(lanes 1-12 of 12)"."""
    from bench.generate import generate_journey

    checked = journeymap.loads(generate_journey(36, departments=12, stages=6), "gen.journey.yaml")
    titles = [p["title"] for p in _pages(checked, "a4") if p["kind"] == "tile"]
    assert titles and not any("(lanes 1\u201312 of 12)" in t for t in titles), titles


def test_no_plan_folds_a_lane_that_holds_a_box_or_a_flow_label() -> None:
    for name in ("home-claim", "newsletter-subscriber", "moving-home"):
        layout = read_layout(sanitize_tree(journeymap.render(_checked(name), "svg").decode("utf-8")))
        assert layout is not None
        held = [i.box for i in layout.of_class("touchpoint")] + [i.box for i in layout.of_class("flow-label")]
        for orientation in ("landscape", "portrait"):
            for tile in plan_tiles(layout, PAPERS["a4"].sheet(orientation), SAFE / layout.min_font):
                for fold in tile.folds:
                    inside = Box(tile.body.x0, fold.y0, tile.body.x1, fold.y1)
                    assert not [b for b in held if b.meets(inside) and b.y0 < fold.y1 and b.y1 > fold.y0 and
                                b.x0 < tile.body.x1 and b.x1 > tile.body.x0], (name, tile.number, fold.lanes)


@pytest.mark.parametrize("shape", [(40, 30, 4), (60, 12, 8), (24, 24, 3)])
def test_no_part_is_taller_than_its_page_however_its_lanes_are_folded(shape: tuple[int, int, int]) -> None:
    """A run of empty lanes cut between two parts gave each piece a strip taller than its share,
    and could leave a part taller than its page; a run of 20 folded lanes is two strips (12 and 8)."""
    from bench.generate import generate_journey
    from journeymap.briefing.folds import FOLD_MOST
    from journeymap.briefing.tiles import tile_size

    n, departments, stages = shape
    checked = journeymap.loads(generate_journey(n, departments=departments, stages=stages), "g.journey.yaml")
    layout = read_layout(sanitize_tree(journeymap.render(checked, "svg").decode("utf-8")))
    assert layout is not None
    scale = SAFE / layout.min_font
    folded = 0
    for page, orientation in (("a4", "landscape"), ("a4", "portrait"), ("slide", "landscape")):
        sheet = PAPERS[page].sheet(orientation)
        for packed, even, trim in ((True, True, False), (False, False, False), (True, True, True)):
            for tile in plan_tiles(layout, sheet, scale, even, packed, trim):
                assert tile_size(layout, tile)[1] * scale <= sheet.height + 0.01, (page, orientation, tile.number)
                assert all(len(f.lanes) <= FOLD_MOST for f in tile.folds)
                folded += len(tile.folds)
    assert folded


def test_blueprint_lines_between_folded_lanes_are_drawn_between_their_names_and_the_strip_says_what_it_is() -> None:
    """Audit AL (H1): a line of visibility or of internal interaction between two folded lanes was
    neither drawn nor named (84 of 186 folded parts). Each folded lane now has its own line of the
    strip, and a blueprint line between two of them is drawn between their names, in its own pen,
    and named on it (review AM); the strip says "no touch-points here" where a stretch free of
    lines holds it."""
    from journeymap.briefing.foldstrip import CAPTION

    checked = _checked("business-ordering")
    last = [p for p in _pages(checked, "letter") if p["kind"] == "tile"][-1]
    assert last["title"].endswith("Review & grow")
    (fold,) = _folds(last["svg"])
    names = sorted((float(t.get("y", "0")), "".join(t.itertext())) for t in fold.iter(f"{NS}text"))
    rule_names = {"line of visibility", "line of internal interaction"}
    lanes = [n for _, n in names if n != CAPTION and n not in rule_names]
    assert lanes == ["Inside sales & ordering desk", "Contact centre", "Warehouse & logistics", "Billing & payments",
                     "Ordering portal & EDI team"]
    assert CAPTION in [n for _, n in names]
    baselines = {n: y for y, n in names}
    rules = [p for p in fold.iter(f"{NS}path") if p.get("stroke") == "#52708f"]
    ys = sorted({round(float(y), 1) for p in rules for y in re.findall(r"[-\d.]+ ([-\d.]+)", p.get("d", ""))})
    assert len(ys) == 2  # the line of visibility and the line of internal interaction, each level
    assert baselines["Contact centre"] < ys[0] < baselines["Warehouse & logistics"] < ys[1] < baselines["Billing & payments"]
    assert any(p.get("stroke-dasharray") for p in rules) and any(not p.get("stroke-dasharray") for p in rules)
    # each named on it, on a band of the strip's fill that breaks it, clear of the lanes' names
    assert abs(baselines["line of visibility"] - ys[0]) < 4 and abs(baselines["line of internal interaction"] - ys[1]) < 4
    assert len([r for r in fold.iter(f"{NS}rect")]) == 3  # the strip and the two names' bands


def test_a_folded_lanes_name_runs_on_where_no_line_crosses_its_line_of_the_strip() -> None:
    """Audit AL (M3): "Repair partners (plumbers…" was cut to the names column with the strip
    empty beside it."""
    checked = _checked("home-claim")
    j = checked.journey
    assert j is not None
    whole = {d.name for d in j.departments}
    shown = {"".join(t.itertext()) for p in _pages(checked, "a4") if p["kind"] == "tile"
             for fold in _folds(p["svg"]) for t in fold.iter(f"{NS}text")}
    assert "Repair partners (plumbers, joiners, decorators)" in shown & whole


def test_a_blueprint_line_starts_past_a_name_run_on_over_it() -> None:
    """On home-claim's first letter part, the line of visibility between two folded lanes ran
    through the descenders of "Repair partners (plumbers, joiners, decorators)", run on past the
    names column (audit AT). It starts past the name."""
    from journeymap.map.textwidth import text_width

    long = "Repair partners (plumbers, joiners, decorators)"
    checked = _checked("home-claim")
    part = [p for p in _pages(checked, "letter") if p["kind"] == "tile"][0]
    (fold,) = _folds(part["svg"])
    (name,) = [t for t in fold.iter(f"{NS}text") if "".join(t.itertext()) == long]
    size = float(name.get("font-size", "0"))
    end = float(name.get("x", "0")) + text_width(long, size)
    base = float(name.get("y", "0"))
    rules = [p for p in fold.iter(f"{NS}path") if p.get("stroke") == "#52708f"]
    pieces = [[float(v) for v in re.findall(r"[-\d.]+", p.get("d", ""))] for p in rules]
    near = [xs for xs in pieces if abs(xs[1] - base) < size]  # the line along the name's line
    assert near and all(min(xs[0::2]) > end for xs in near), (end, near)


def test_a_badge_where_a_flow_enters_through_a_strip_sits_in_the_strip() -> None:
    """business-ordering on a4, the last part ("Review & grow"): the flow from part 3 enters
    through the top strip (three lanes folded); its badge sits there, where the line begins, not
    where the map's y would put it without the fold (review AM: nothing tested it)."""
    checked = _checked("business-ordering")
    part = [p for p in _pages(checked, "a4") if p["kind"] == "tile"][-1]
    assert part["title"].endswith("Review & grow")
    root = ET.fromstring(str(part["svg"]))
    strips = _strips(part["svg"])
    badges = [g for g in root.iter(f"{NS}g") if g.get("class") == "continues"]
    entering = [g for g in badges if "".join(g.itertext()) in ("from part 3", "from 3")]  # short where only it fits
    middles = []
    for g in entering:
        rect = g.find(f"{NS}rect")
        assert rect is not None
        middles.append(float(rect.get("y", "0")) + float(rect.get("height", "0")) / 2)
    # one in the strip; the same-department flow entering Billing at the side has its own, beside
    # its arrow (joined to the strip's, its line ran up the part's edge like a branch: audit BF)
    assert len(middles) == 2 and sum(strips[0][0] <= m <= strips[0][1] for m in middles) == 1, (middles, strips)


def test_a_flow_label_left_to_a_part_in_lanes_it_folds_is_moved_to_lanes_it_shows() -> None:
    """Review AM: a part holding only a label was dropped, its label went to the part beside it,
    into lanes that part folds, and was drawn over the strip's names (120 touch-points, 16
    departments, every flow labelled, on a4: the last part)."""
    from bench.generate import generate_journey

    checked = journeymap.loads(generate_journey(120, departments=16, labels=True), "gen.journey.yaml")
    over = []
    for page in [p for p in _pages(checked, "a4") if p["kind"] == "tile"]:
        root = ET.fromstring(str(page["svg"]))
        strips = _strips(page["svg"])
        for view in root.findall(f"{NS}svg"):
            if any("flow-label" in (g.get("class") or "") for g in view.iter(f"{NS}g")):
                y0 = float(view.get("y", "0"))
                y1 = y0 + float(view.get("height", "0"))
                over += [(page["title"], y0) for a, b in strips if y1 > a + 0.01 and y0 < b - 0.01]
    assert over == []


def test_a_strip_edge_a_blueprint_line_lies_along_is_that_line_across_the_body() -> None:
    """Review AM (L2): the line of visibility along the foot of the Contact centre strip was drawn
    over the strip's dashed edge, one line twice; the dashes now stop at the names column."""
    checked = _checked("business-ordering")
    part = [p for p in _pages(checked, "a4") if p["kind"] == "tile"][1]
    strip = next(f for f in _folds(part["svg"]) if "Contact centre" in "".join(f.itertext()))
    rect = strip.find(f"{NS}rect")
    assert rect is not None
    width, bottom = float(rect.get("width", "0")), float(rect.get("y", "0")) + float(rect.get("height", "0"))
    edges = {round(float(e.get("y1", "0")), 1): float(e.get("x2", "0")) for e in strip.iter(f"{NS}line")}
    assert edges[round(bottom, 1)] < width / 3 and max(edges.values()) == pytest.approx(width)


def test_a_lane_taller_than_a_page_is_cut_across_parts_not_left_off() -> None:
    """Review AM (L1): cut between lanes only, a lane taller than a page would be on no part (none
    is, within the format's limits today; the planner must not lose boxes if one ever is)."""
    from journeymap.briefing.stageruns import cut_ranges
    from journeymap.briefing.tileplan import _lane_ranges

    bands = [("lane-a", 0.0, 100.0), ("lane-b", 100.0, 900.0)]
    ranges = _lane_ranges(bands, [Box(10, 500, 50, 540)], 0, 100, 500.0, cut_ranges, 1.0, False)
    assert ranges and ranges[0][0] == 0 and ranges[-1][1] == 900  # every lane, the tall one in pieces
    assert all(b - a <= 500 for a, b, _ in ranges)


def test_a_blueprint_line_breaks_around_the_strips_caption() -> None:
    """In a strip of four lanes of twelve, the line of internal interaction under the first lane's
    line ran along the descenders of "no touch-points here" (audit CA): it breaks around it."""
    from journeymap.briefing.foldstrip import CAPTION
    from journeymap.map.textwidth import text_width

    checked = _checked("twelve-lanes")
    captions = 0
    for part in (p for p in _pages(checked, "a4") if p["kind"] == "tile"):
        for fold in _folds(part["svg"]):
            level = []
            for line in fold.iter(f"{NS}path"):
                xy = [float(v) for v in re.findall(r"[-\d.]+", line.get("d", ""))]
                level += [(min(ax, bx), max(ax, bx), ay) for ax, ay, bx, by in zip(xy[0::2], xy[1::2], xy[2::2], xy[3::2])
                          if abs(ay - by) < 0.01]
            for text in (t for t in fold.iter(f"{NS}text") if "".join(t.itertext()) == CAPTION):
                captions += 1
                size, x0, base = (float(text.get(k, "0")) for k in ("font-size", "x", "y"))
                x1 = x0 + text_width(CAPTION, size)
                assert not [s for s in level if s[0] < x1 and s[1] > x0 and base - 0.93 * size < s[2] < base + 0.3 * size]
    assert captions >= 4


@pytest.mark.parametrize("name", ["outpatient-referral", "broadband-install", "home-claim", "business-ordering",
                                  "water-moving-home"])
def test_no_badge_or_its_line_runs_through_a_folded_lane_s_name(name: str) -> None:
    """outpatient-referral on a4, part 3: a flow from part 2 enters through a strip at the part's
    left edge, and its badge's line ran up that edge through "Cardiac diagnostics (ECG and
    echo|cardiography)", run on past the names column (audit DX). Names stop short of that edge
    where a flow enters there, as of any line that crosses them. water-moving-home on a4, part 8:
    two flows entering above a strip had their badges slid below it, and their lines ran down the
    edge through "Customer Contact Centre (Bradfor|d and Doncaster)" (audit EA)."""
    from journeymap.map.textwidth import text_width

    checked = _checked(name)
    for page in ("a4", "letter"):
        for part in (p for p in _pages(checked, page) if p["kind"] == "tile"):
            root = ET.fromstring(str(part["svg"]))
            names = []
            for fold in _folds(part["svg"]):
                for t in fold.iter(f"{NS}text"):
                    size, x, base = (float(t.get(k, "0")) for k in ("font-size", "x", "y"))
                    names.append(Box(x, base - 0.93 * size, x + text_width("".join(t.itertext()), size), base + 0.24 * size))
            marks = []
            for line in root.iter(f"{NS}polyline"):
                xy = [float(v) for v in re.findall(r"[-\d.]+", line.get("points", ""))]
                marks += [Box(min(a, c), min(b, d), max(a, c), max(b, d))
                          for a, b, c, d in zip(xy[0::2], xy[1::2], xy[2::2], xy[3::2])]
            for g in root.iter(f"{NS}g"):
                rect = g.find(f"{NS}rect")
                if g.get("class") == "continues" and rect is not None:
                    x, y, w, h = (float(rect.get(k, "0")) for k in ("x", "y", "width", "height"))
                    marks.append(Box(x, y, x + w, y + h))
            crossed = [(n, m) for n in names for m in marks
                       if m.x0 < n.x1 - 0.5 and m.x1 > n.x0 + 0.5 and m.y0 < n.y1 - 0.5 and m.y1 > n.y0 + 0.5]
            assert not crossed, (page, part["title"], crossed)
