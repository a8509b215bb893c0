"""The swimlane map: SPEC 4.1's geometry and structure, read back from the SVG Graphviz drew."""

from __future__ import annotations

import itertools
import re
import sys
from pathlib import Path

import pytest

from conftest import ROOT, UPDATE_GOLDEN, example_journeys, run_cli
from journeymap.analysis.analyse import analyse
from journeymap.map.render import render, render_map, tidy_svg
from journeymap.map.textwidth import text_width
from journeymap.journey.validate import load_journey, load_text
from svgmap import BBox, SvgMap, parse

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate_journey  # noqa: E402

GOLDEN = ROOT / "tests" / "golden" / "dot"
pytestmark = pytest.mark.graphviz


def analysis_of(path: Path):
    journey, findings = load_journey(path)
    assert journey is not None, findings
    return analyse(journey)


def generated(n: int):
    journey, findings = load_text(generate_journey(n), f"gen-{n}.journey.yaml")
    assert journey is not None, findings
    return analyse(journey)


def text_extent(texts) -> BBox:
    boxes = []
    for text, x, y, size, anchor, bold in texts:
        width = text_width(text, size, bold)
        x0 = x if anchor == "start" else x - width / 2 if anchor == "middle" else x - width
        boxes.append(BBox(x0, y - size, x0 + width, y + size * 0.3))
    return BBox(min(b.x0 for b in boxes), min(b.y0 for b in boxes), max(b.x1 for b in boxes), max(b.y1 for b in boxes))


#: Room right of the lanes in the SVG, in points: the stage gap's half and the map's margin.
RIGHT_MARGIN = 31.8


def _width(svg: SvgMap) -> float:
    return float(svg.root.get("viewBox", "0 0 0 0").split()[2])


def assert_spec_geometry(analysis, svg: SvgMap) -> None:
    """Every invariant of SPEC 4.1 that geometry can show."""
    journey = analysis.journey
    lanes = [svg.clusters[f"lane-{d.id}"] for d in journey.departments]
    assert all("lane" in lane.classes for lane in lanes)
    # Lanes: top to bottom in declared order, not overlapping, all the same full width.
    for upper, lower in zip(lanes, lanes[1:]):
        assert upper.shape.y1 <= lower.shape.y0 + 0.01
    assert len({(round(l.shape.x0, 1), round(l.shape.x1, 1)) for l in lanes}) == 1
    columns = [svg.clusters[f"column-{s.id}"] for s in journey.stages]
    headers = [svg.element(f"stage-{s.id}") for s in journey.stages]
    # Columns: left to right in declared order, not overlapping, inside the lanes' width.
    for left, right in zip(columns, columns[1:]):
        assert left.shape.x1 < right.shape.x0
    for column, header, stage in zip(columns, headers, journey.stages):
        assert "stage" in header.classes
        extent = text_extent(header.texts)
        assert column.shape.x0 <= extent.x0 and extent.x1 <= column.shape.x1 + 1, stage.id
        assert extent.y1 <= lanes[0].shape.y0, "stage headers sit above the lanes"
        assert lanes[0].shape.x0 <= column.shape.x0 and column.shape.x1 <= lanes[0].shape.x1
    # Department names at the left of their band, left of every column.
    for dept, lane in zip(journey.departments, lanes):
        label = svg.element(f"label-lane-{dept.id}")
        extent = text_extent(label.texts)
        assert extent.inside(lane.shape, tol=1), dept.id
        assert extent.x1 <= columns[0].shape.x0 if columns else True
    # Every touch-point box in its band and its column; no two boxes overlap.
    boxes = []
    for tp in journey.touchpoints:
        node = svg.nodes[f"tp-{tp.id}"]
        assert {"touchpoint", f"reliability-{tp.reliability}"} <= node.classes
        assert ("moment-of-truth" in node.classes) == tp.moment_of_truth
        lane = svg.clusters[f"lane-{tp.department}"].shape
        column = svg.clusters[f"column-{tp.stage}"].shape
        assert node.shape.inside(lane), (tp.id, node.shape, lane)
        assert node.shape.inside(column), (tp.id, node.shape, column)
        # No clipped text: every line of the label lies inside its box.
        assert text_extent(node.texts).inside(node.shape, tol=2), tp.id
        boxes.append((node.shape, tp.id))
    boxes.sort(key=lambda b: b[0].x0)
    for i, (box, name) in enumerate(boxes):
        for other, other_name in boxes[i + 1:]:
            if other.x0 >= box.x1:
                break
            assert not box.overlaps(other), (name, other_name)
    # Flow edges with their ids and classes; hand-offs marked.
    for flow in analysis.flows:
        edge = svg.edges[f"flow-{flow.source}--{flow.target}"]
        assert "flow" in edge.classes
        assert ("handoff" in edge.classes) == flow.handoff
        assert edge.paths and len(edge.paths[0]) >= 2, "the edge is drawn"
    assert "Legend" in " ".join(t[0] for t in svg.element("legend").texts)
    # The lanes span the map's full width: as far right as the legend (a map of one stage under a
    # wide legend had lanes 105 pt short of it: audit DQ), as far as its right margin allows.
    legend = svg.clusters["legend"].shape
    assert legend.x1 <= lanes[0].shape.x1 + 0.5 and abs(_width(svg) - lanes[0].shape.x1 - RIGHT_MARGIN) < 1
    assert_flow_labels(analysis, svg, [b for b, _ in boxes])


def assert_flow_labels(analysis, svg: SvgMap, boxes: list[BBox]) -> None:
    """Every flow label is placed by us, reads as written, and covers no box and no other label."""
    placed = []
    for flow in analysis.flows:
        if not flow.label:
            continue
        label = svg.element(f"label-flow-{flow.source}--{flow.target}")
        assert "flow-label" in label.classes
        assert "".join(t[0] for t in label.texts).replace(" ", "") == flow.label.replace(" ", "")
        extent = text_extent(label.texts)
        for box in boxes:
            assert not extent.overlaps(box), (flow.key, "label over a box")
        for other_key, other in placed:
            assert not extent.overlaps(other), (flow.key, other_key)
        placed.append((flow.key, extent))


@pytest.mark.parametrize("path", example_journeys(), ids=lambda p: p.name)
def test_example_map_geometry(path: Path):
    analysis = analysis_of(path)
    rendered = render(analysis, "svg")
    assert rendered.warnings == ()
    svg = parse(rendered.data)
    assert_spec_geometry(analysis, svg)
    text = svg.all_text()
    for tp in analysis.journey.touchpoints:
        assert " ".join(tp.name.split()[:2]) in text


@pytest.mark.parametrize("n", [1, 30, 200, pytest.param(2000, marks=pytest.mark.slow)])
def test_generated_map_geometry(n: int):
    analysis = generated(n)
    rendered = render(analysis, "svg", timeout=300)
    assert rendered.warnings == (), "Graphviz must stay silent on a valid journey"
    assert_spec_geometry(analysis, parse(rendered.data))


def test_svg_is_identical_on_repeated_renders(small_journey):
    analysis = analysis_of(small_journey)
    assert render_map(analysis, "svg") == render_map(analysis, "svg")


def test_svg_has_no_generator_comment_and_plain_hyphens(small_journey):
    data = render_map(analysis_of(small_journey), "svg")
    assert b"Generated by graphviz" not in data and b"&#45;" not in data
    assert tidy_svg(b"<!-- Generated by graphviz version 9 (0)\n -->\n<g id=\"a&#45;b\"/>") == b'<g id="a-b"/>'


@pytest.mark.parametrize("path", example_journeys(), ids=lambda p: p.name)
def test_golden_dot(path: Path):
    analysis = analysis_of(path)
    dot = render_map(analysis, "dot").decode("utf-8")
    golden = GOLDEN / f"{analysis.journey.id}.dot"
    if UPDATE_GOLDEN:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        golden.write_text(dot, encoding="utf-8")
    assert golden.exists(), "run with JOURNEYMAP_UPDATE_GOLDEN=1 to create the golden DOT"
    assert dot == golden.read_text(encoding="utf-8")


def test_dot_never_loads_files(small_journey):
    dot = render_map(analysis_of(small_journey), "dot").decode()
    for attribute in ("image=", "shapefile", "imagepath", "fontpath", "stylesheet", "shape=record", "URL", "href"):
        assert attribute not in dot


@pytest.mark.parametrize("fmt,magic", [("png", b"\x89PNG"), ("pdf", b"%PDF"), ("svg", b"<?xml")])
def test_formats(small_journey, tmp_path: Path, fmt: str, magic: bytes):
    out = tmp_path / f"map.{fmt}"
    result = run_cli("render", str(small_journey), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(magic)


def test_format_option_wins_over_suffix_and_default_name(small_journey, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run_cli("render", str(small_journey), "--format", "dot").exit_code == 0
    assert (tmp_path / "small.dot").read_text().startswith('digraph "journeymap"')
    assert run_cli("render", str(small_journey)).exit_code == 0
    assert (tmp_path / "small.svg").read_bytes().startswith(b"<?xml")
    assert run_cli("render", str(small_journey), "-o", "x.unknown").exit_code == 0
    assert (tmp_path / "x.unknown").read_bytes().startswith(b"<?xml")


def test_stdout(small_journey):
    result = run_cli("render", str(small_journey), "-o", "-", "--format", "dot")
    assert result.exit_code == 0
    assert result.stdout.startswith('digraph "journeymap"')


def test_hand_off_edges_stand_out_by_weight_and_colour(small_journey):
    analysis = analysis_of(small_journey)
    svg = render_map(analysis, "svg").decode()
    import xml.etree.ElementTree as ET

    root = ET.fromstring(svg)
    styles = {}
    for g in root.iter("{http://www.w3.org/2000/svg}g"):
        classes = (g.get("class") or "").split()
        if "flow" in classes:
            path = g.find("{http://www.w3.org/2000/svg}path")
            styles[g.get("id")] = ("handoff" in classes, path.get("stroke"), float(path.get("stroke-width", "1")))
    plain = {v[1:] for v in styles.values() if not v[0]}
    handoff = {v[1:] for v in styles.values() if v[0]}
    assert plain and handoff
    assert min(w for _, w in handoff) > max(w for _, w in plain)
    assert not ({c for c, _ in handoff} & {c for c, _ in plain})


def test_emotion_strip_only_when_emotions_exist():
    with_emotion = load_text(MINI.replace("reliability: reliable", "reliability: reliable\n        emotion: -2"), "m.yaml")[0]
    without = load_text(MINI, "m.yaml")[0]
    assert b'id="emotion-strip"' in render_map(analyse(with_emotion), "svg")
    assert b'id="emotion-strip"' not in render_map(analyse(without), "svg")


MINI = """journeymap: 1
title: Mini
departments:
  - {id: a, name: Alpha, layer: frontstage}
  - {id: b, name: Beta, layer: backstage}
stages:
  - id: s
    name: Only stage
    touchpoints:
      - id: one
        name: First step
        department: a
        reliability: reliable
      - id: two
        name: Second step
        department: b
"""


def test_blueprint_line_between_frontstage_and_backstage():
    analysis = analyse(load_text(MINI, "m.yaml")[0])
    svg = parse(render_map(analysis, "svg"))
    rules = [c for c in svg.clusters.values() if "blueprint-line" in c.classes]
    assert len(rules) == 1 and "visibility" in rules[0].classes
    a, b = svg.clusters["lane-a"].shape, svg.clusters["lane-b"].shape
    assert abs(rules[0].shape.y0 - a.y1) < 0.01 and abs(rules[0].shape.y0 - b.y0) < 0.01
    assert "line of visibility" in svg.all_text()


def test_lanes_out_of_layer_order_are_marked_where_their_zone_changes():
    """A support lane above a backstage one sat, unmarked, above the line of internal interaction
    (audit K): each change of zone is marked, whichever way it goes."""
    text = MINI.replace("  - {id: b, name: Beta, layer: backstage}\n",
                        "  - {id: b, name: Beta, layer: support}\n  - {id: c, name: Gamma, layer: backstage}\n"
                        "  - {id: d, name: Delta, layer: support}\n")
    assert text != MINI
    svg = parse(render_map(analyse(load_text(text, "m.yaml")[0]), "svg"))
    rules = sorted((c.shape.y0, [k for k in ("visibility", "internal", "control") if k in c.classes][0])
                   for c in svg.clusters.values() if "blueprint-line" in c.classes)
    assert [kind for _, kind in rules] == ["visibility", "internal", "internal"]
    # an outside lane declared last is set off by the line of control, not a second line of visibility
    last = text.replace("  - {id: d, name: Delta, layer: support}\n",
                        "  - {id: d, name: Delta, layer: support}\n  - {id: e, name: Epsilon, layer: external}\n")
    svg = parse(render_map(analyse(load_text(last, "m.yaml")[0]), "svg"))
    rules = sorted((c.shape.y0, [k for k in ("visibility", "internal", "control") if k in c.classes][0])
                   for c in svg.clusters.values() if "blueprint-line" in c.classes)
    assert [kind for _, kind in rules] == ["visibility", "internal", "internal", "control"]
    assert "limit of our control" in svg.all_text()
    # ... and declared first, above a back-office lane: the limit of our control, not a line of
    # visibility (there were two on a map of external, backstage, frontstage lanes: audit CK)
    first = MINI.replace("  - {id: a, name: Alpha, layer: frontstage}\n",
                         "  - {id: e, name: Epsilon, layer: external}\n").replace(
        "  - {id: b, name: Beta, layer: backstage}\n",
        "  - {id: b, name: Beta, layer: backstage}\n  - {id: a, name: Alpha, layer: frontstage}\n")
    svg = parse(render_map(analyse(load_text(first, "m.yaml")[0]), "svg"))
    rules = sorted((c.shape.y0, [k for k in ("visibility", "internal", "control") if k in c.classes][0])
                   for c in svg.clusters.values() if "blueprint-line" in c.classes)
    assert [kind for _, kind in rules] == ["control", "visibility"]


def test_long_names_wrap_and_are_never_clipped():
    long = "A very long touch-point name " * 6 + "Pneumonoultramicroscopicsilicovolcanoconiosis" * 2
    text = MINI.replace("name: First step", f"name: {long.strip()[:200]}")
    analysis = analyse(load_text(text, "m.yaml")[0])
    svg = parse(render_map(analysis, "svg"))
    node = svg.nodes["tp-one"]
    assert len(node.texts) > 5
    assert text_extent(node.texts).inside(node.shape, tol=2)
    joined = "".join(t[0] for t in node.texts).replace(" ", "")
    assert long.strip()[:200].replace(" ", "") in joined


def test_a_hyphenated_word_too_long_for_its_line_breaks_after_a_hyphen():
    """ "welcome-to-your-new-home" was broken as "...new-ho" / "me pack" (audit CJ), and a name
    with a lead's "Konstantinopoulou-Oyelaran-Featherstonehaugh" as "...-Feather" / "stonehaugh" (CK)."""
    from journeymap.map.text import wrap

    assert wrap("Gets a welcome-to-your-new-home pack", 100, 9) == ["Gets a", "welcome-to-your-", "new-home pack"]
    lines = wrap("Lead: Maximiliana Konstantinopoulou-Oyelaran-Featherstonehaugh", 150, 8)
    assert lines[-1] == "Featherstonehaugh" and lines[-2].endswith("-Oyelaran-"), lines
    assert wrap("Supercalifragilisticexpialidocious", 40, 10)[0] == "Superc"  # none: inside, as before
    # ... unless that takes more lines than breaking inside: "e-" alone over a long word (review CL)
    assert wrap("e-Supercalifragilisticexpialidocious", 60, 9) == _inside("e-Supercalifragilisticexpialidocious", 60, 9)


def _inside(word: str, width: float, size: float) -> list[str]:
    from journeymap.map.text import _pieces

    return _pieces([word], width, size, False)


def test_a_lead_ending_in_a_space_after_right_to_left_letters_renders():
    """Set apart (U+2068 ... U+2069), "瓔 ﯹ " ended in a word of its closing isolate alone: a line with
    nothing to draw, an empty <FONT> Graphviz refused, and the map failed (found by hypothesis)."""
    from journeymap.map.text import wrap

    assert wrap("Lead: \u2068\u05d0\u05d1 \u2069", 200, 8) == ["Lead: \u2068\u05d0\u05d1\u2069"]
    text = MINI.replace("{id: a, name: Alpha, layer: frontstage}", '{id: a, name: Alpha, layer: frontstage, lead: "]]> ﯹ瓔 "}')
    journey = load_text(text, "m.yaml")[0]
    assert journey is not None and journey.departments[0].lead == "]]> ﯹ瓔 "
    from journeymap.map.labels import text_run

    assert text_run("\u2069", 8) == text_run("", 8) == ""  # nothing to draw: no <FONT> at all, whatever the line
    dot = render_map(analyse(journey), "dot").decode()
    assert "></FONT>" not in re.sub(r"</(B|I)></FONT>", "", dot) and "ﯹ瓔" in dot


@pytest.mark.parametrize("name", ["ได้รับอีเมลยืนยันคำสั่งซื้อจากร้านค้าออนไลน์", "समीक्षाओं इंस्टॉलेशन वेबसाइट",
                                  "👩\u200d👩\u200d👧\u200d👦👩\u200d👩\u200d👧\u200d👦👩\u200d👩\u200d👧\u200d👦"])
def test_a_word_broken_over_lines_is_broken_between_the_characters_a_reader_sees(name):
    """Thai and Hindi names were broken between code points: lines began with a vowel sign drawn
    on a dotted circle ("◌ินค้า", "समीक्ष / ◌ाओं"), and an emoji sequence fell apart (audit BA)."""
    import unicodedata

    from journeymap.map.text import clusters, wrap

    lines = wrap(name, 60, 10)
    assert len(lines) > 2 and "".join(lines).replace(" ", "") == name.replace(" ", "")
    for line in lines:
        assert not unicodedata.category(line[0]).startswith("M") and line[0] != "\u200d", lines
        assert line[-1] not in "\u0e40\u0e41\u0e42\u0e43\u0e44\u094d\u200d", lines
    assert clusters(name)[0] == lines[0][:len(clusters(name)[0])]


@pytest.mark.parametrize("name, first", [
    ("Customer rings the desk: שירות לקוחות מוקד then gets reference 12345 by email", "\u2066"),
    ("שירות לקוחות מוקד ראשי: the customer then gets a reference by email", "\u2067")])
def test_every_line_of_a_wrapped_name_keeps_the_direction_of_the_whole_name(name, first):
    """Each line was isolated by its own first letter: the line "שירות לקוחות מוקד then" of an
    English sentence was laid out right to left, "then" drawn before the Hebrew it follows, in
    the SVG and the PNG alike (audit CA). A line is set in its paragraph's direction: left to
    right (U+2066) where it holds Hebrew in an English name, right to left (U+2067) every line of
    a name that begins in Hebrew."""
    text = MINI.replace("name: First step", f'name: "{name}"')
    svg = parse(render_map(analyse(load_text(text, "m.yaml")[0]), "svg"))
    lines = [t[0] for t in svg.nodes["tp-one"].texts if t[3] == 10.0]
    assert len(lines) >= 3, lines
    assert " ".join(line.strip("\u2066\u2067\u2069") for line in lines) == name
    for line in lines:
        rtl = any("\u0590" <= ch <= "\u05ff" for ch in line)
        assert line.startswith(first) and line.endswith("\u2069") if rtl or first == "\u2067" else line.isascii(), lines
    assert "\u2068" not in "".join(lines)


def test_a_line_holding_a_box_of_hex_digits_has_room_for_its_two_rows():
    """Without an emoji font, "👍🏽 and sends 🇬🇧 flag" is drawn as boxes of hex digits 14.25 pt
    tall, on 13 pt lines: their rows ran over the lines above and below (audit CA). Such a line is
    17.5 pt tall, in the box's plan too (U+0378 is unassigned: a box on every machine)."""
    from journeymap.map.textheight import HEX_BOX_TALL

    name = "Customer is happy and \u0378 sends a flag to the whole family at once"
    text = MINI.replace("name: First step", f'name: "{name}"')
    svg = parse(render_map(analyse(load_text(text, "m.yaml")[0]), "svg"))
    box = svg.nodes["tp-one"]
    ys = [t[2] for t in box.texts if t[3] == 10.0]
    boxed = next(i for i, t in enumerate(t for t in box.texts if t[3] == 10.0) if "\u0378" in t[0])
    assert len(ys) >= 3 and 0 < boxed < len(ys) - 1, box.texts
    gaps = [b - a for a, b in zip(ys, ys[1:])]
    assert min(gaps[boxed - 1], gaps[boxed]) >= HEX_BOX_TALL and min(gaps) >= 13 - 0.5, gaps  # 13 pt before
    assert box.shape is not None and max(t[2] for t in box.texts) < box.shape.y1 - 4


def test_a_line_holding_right_to_left_text_is_isolated_so_browsers_order_it_as_pango_does():
    """An SVG line has no direction of its own: a browser laid "تدفع ببطاقة مدى أو Apple Pay" out
    left to right ("أو مدى Apple Pay"), where the PNG and PDF, drawn by Pango, read right (audit BA)."""
    name = "مدى أو Apple Pay"
    text = MINI.replace("name: First step", f"name: {name}")
    svg = parse(render_map(analyse(load_text(text, "m.yaml")[0]), "svg"))
    lines = [t[0] for t in svg.nodes["tp-one"].texts if t[3] == 10.0]
    assert lines == [f"\u2067{name}\u2069"], lines  # a right-to-left paragraph's line
    assert [t[0] for t in svg.nodes["tp-two"].texts if t[3] == 10.0][0].isascii()
    # set upright, as Arabic is written: in italic the briefing drew it as another font's glyphs
    labelled = text.replace("        department: a\n", "        department: a\n        next: [{to: two, label: بعد تأكيد الموعد}]\n", 1)
    drawn = render_map(analyse(load_text(labelled, "m.yaml")[0]), "svg").decode("utf-8")
    line = next(x for x in drawn.splitlines() if "بعد تأكيد" in x and x.startswith("<text"))
    assert 'font-style="italic"' not in line
    # one style for all of a label's lines, and Vietnamese italic, as DejaVu Sans Oblique has it (audit BC)
    from journeymap.map.labels import lines_rows
    from journeymap.map.textwidth import text_width

    assert "<I>" not in "".join(lines_rows(["بعد التأكيد then", "Apple Pay payment"], 8, italic=True))
    assert "".join(lines_rows(["Gọi lại sau 2 ngày"], 8, italic=True)).count("<I>") == 1
    assert text_width("デ", 10) == text_width("テ", 10) < text_width("\u0e33", 10)  # one box; SARA AM two


def test_a_right_to_left_name_is_set_right_in_its_box_and_arabic_is_measured_as_it_joins():
    """Arabic and Hebrew names were set left in their boxes, the lines' beginnings ragged for a
    reader who starts each at the right; and Arabic, counted an em a letter, took five lines of a
    box where three hold it (session 46). The rating under the name, English, stays left, as do
    a right-to-left lane's name and an English box's name."""
    name = "تقارن مقاسات الغسالات وتقييمات العملاء في صفحة المنتج"
    text = MINI.replace("name: First step", f"name: {name}").replace("name: Alpha", "name: המוקד הטלפוני")
    svg = parse(render_map(analyse(load_text(text, "m.yaml")[0]), "svg"))
    box = svg.nodes["tp-one"]
    lines = [t for t in box.texts if t[3] == 10.0]
    assert len(lines) == 3, lines
    from journeymap.map.textwidth import text_width

    ends = [x + text_width(line, 10) / 1.04 for line, x, *_ in lines]  # Graphviz anchors each at its start
    assert all(abs(end - (box.shape.x1 - 8)) < 3 for end in ends), (ends, box.shape)
    assert len({round(x) for _, x, *_ in lines}) == 3  # ragged on the left
    left = box.shape.x0 + 8
    foot = [t for t in box.texts if t[3] < 10.0]
    assert foot and all(abs(t[1] - left) < 1 for t in foot), foot
    assert all(abs(t[1] - (svg.nodes["tp-two"].shape.x0 + 8)) < 1 for t in svg.nodes["tp-two"].texts)
    lane = svg.clusters["label-lane-a"].texts
    # the name, "⚠ No lead named" (the lane owns touch-points and names no lead) and the layer, all left
    assert "המוקד" in lane[0][0] and len(lane) == 3 and lane[0][1] == lane[1][1] == lane[2][1], lane


def test_scripts_without_a_font_keep_every_box_in_its_slot():
    """Glyphs no installed font has are drawn as boxes of hex digits that do not shrink with the
    text; found by the hostile-text property test, where one grew a box into its neighbour."""
    exotic = "𑤅듁ê𘌳,𡲒y𘮏𥮘𒑊m]𡯍 क्षत्रिय 日本語の請求 😀"
    text = f"""\
journeymap: 1
title: {exotic}
departments:
  - {{id: a, name: "{exotic}", lead: "{exotic}"}}
  - {{id: b, name: Billing}}
stages:
  - id: s
    name: "{exotic}"
    owner: "{exotic}"
    touchpoints:
      - {{id: one, name: "{exotic} {exotic}", department: a, reliability: reliable, channel: "{exotic}",
         next: [{{to: two, label: "{exotic}"}}]}}
      - {{id: two, name: "{exotic}", department: a, reliability: unreliable, moment_of_truth: true,
         next: [{{to: three, label: "{exotic}"}}]}}
      - {{id: three, name: Pays, department: b, reliability: reliable}}
"""
    journey, findings = load_text(text, "exotic.journey.yaml")
    assert journey is not None, findings
    analysis = analyse(journey)
    rendered = render(analysis, "svg")
    assert rendered.warnings == (), "no box grown, no straight-line fallback"
    svg = parse(rendered.data)
    # (Our width estimate is on purpose wider than these glyphs come out, so the text-extent
    # checks of assert_spec_geometry, which use it, do not apply to centred text here.)
    boxes = [(svg.nodes[f"tp-{tp.id}"].shape, tp) for tp in journey.touchpoints]
    for box, tp in boxes:
        assert box.x1 - box.x0 == pytest.approx(150.0, abs=1), tp.id
        assert box.inside(svg.clusters[f"lane-{tp.department}"].shape), tp.id
    for (one, a), (other, b) in itertools.combinations(boxes, 2):
        assert not one.overlaps(other), (a.id, b.id)
    for flow in analysis.flows:
        assert svg.edges[f"flow-{flow.source}--{flow.target}"].paths


def test_ids_stay_unique_when_journey_ids_look_like_our_own() -> None:
    """Lanes 'a' and 'label-a', 'x' and 'label_x', touch-points 'zero' and 'label' (the emotion
    strip has a zero line and a label), a flow from 'label-s': every id once, no lane merged."""
    text = """journeymap: 1
title: Look-alike ids
departments:
  - {id: a, name: A}
  - {id: label-a, name: Label A}
  - {id: x, name: X}
  - {id: label_x, name: Label X}
stages:
  - name: One
    touchpoints:
      - {id: s, name: S, department: a, emotion: 1, next: [{to: label-s, label: go}]}
      - {id: label-s, name: Label S, department: label-a, emotion: -1, next: [zero]}
      - {id: zero, name: Zero, department: x, emotion: 0, next: [label]}
      - {id: label, name: Label, department: label_x, emotion: 2}
"""
    journey, findings = load_text(text, "ids.journey.yaml")
    assert journey is not None, findings
    svg = render(analyse(journey), "svg").data.decode("utf-8")
    ids = re.findall(r' id="([^"]+)"', svg)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert {f"lane-{d}" for d in ("a", "label-a", "x", "label_x")} <= set(ids)
    assert svg.count('class="cluster lane"') == 4
    assert svg.count('class="cluster emotion"') == 4


@pytest.mark.graphviz
def test_flow_ids_stay_unique_when_touchpoint_ids_hold_double_dashes(tmp_path):
    """x -> y--z and x--y -> z both spell flow-x--y--z (SPEC 4.1: every id unique): the later is .2."""
    import re

    import journeymap

    text = ("journeymap: 1\ntitle: Ambiguous ids\ndepartments:\n  - {id: d, name: D}\n  - {id: e, name: E}\n"
            "stages:\n  - name: S\n    touchpoints:\n"
            "      - {id: x, name: X, department: d, reliability: reliable, next: [y--z, {to: z, label: again}, z]}\n"
            "      - {id: x--y, name: XY, department: e, reliability: reliable, next: [z]}\n"
            "      - {id: y--z, name: YZ, department: d, reliability: reliable, next: [{to: x--y, label: back}]}\n"
            "      - {id: z, name: Z, department: e, reliability: reliable}\n")
    checked = journeymap.loads(text, "amb.journey.yaml")
    assert checked.ok, checked.findings
    svg = journeymap.render(checked).decode("utf-8")
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert len(ids) == len(set(ids))
    assert {"flow-x--y--z", "flow-x--y--z.2", "flow-x--z", "flow-y--z--x--y"} <= set(ids)
    assert "again" in svg  # a target named twice keeps the label one of its entries gives


def test_a_character_the_shaper_splits_is_measured_as_its_parts():
    """Thai SARA AM (U+0E33) is drawn as NIKHAHIT and SARA AA: without a Thai font, two hex boxes
    (Graphviz measured 38 pt at 8 pt); estimated as one, the box was too small for its label."""
    assert text_width("\u0e33", 8) >= 38
    assert text_width("0\u0e33\u0e33", 8) >= 81


def test_a_bidirectional_override_in_a_name_is_dropped_from_the_map():
    """A U+202E in a touch-point's name drew the rest of its box's line reversed (and its tooltip):
    the briefing, the portfolio and Markdown dropped it, the map kept it (review V)."""
    source = (ROOT / "tests" / "fixtures" / "valid" / "small.journey.yaml").read_text(encoding="utf-8")
    assert "name: Visits shop" in source
    journey, findings = load_text(source.replace("name: Visits shop", "name: Visits \u202eshop \u2068يدفع\u2069"),
                                  "bidi.journey.yaml")
    assert journey is not None, findings
    data = render(analyse(journey), "svg").data.decode("utf-8")
    assert "\u202e" not in data and "Visits shop \u2068يدفع\u2069" in data


def test_a_map_pdf_larger_than_a3_says_how_to_print_it(tmp_path):
    """`render --format pdf` wrote home-claim's map on a page 96 cm wide, whose 8 pt text prints at
    2.5 pt fitted to A4, and said nothing (audit AJ): it points to the briefing now."""
    out = tmp_path / "m.pdf"
    result = run_cli("render", str(ROOT / "maps" / "home-claim.journey.yaml"), "--format", "pdf", "-o", str(out))
    assert result.exit_code == 0 and out.read_bytes().startswith(b"%PDF")
    assert "the map's page is 2,713 × 1,107 pt" in result.stderr and "prints at 3.5 pt" in result.stderr
    assert "`journeymap brief --page a3`" in result.stderr
    # wordy's page, 916 x 1,133 pt, prints its text at 7.3 pt fitted to A3: nothing to say (audit AK)
    for name in ("small", "wordy"):
        fits = run_cli("render", str(ROOT / "tests" / "fixtures" / "valid" / f"{name}.journey.yaml"), "--format",
                       "pdf", "-o", str(tmp_path / f"{name}.pdf"))
        assert fits.exit_code == 0 and "A3" not in fits.stderr, name


def test_a_map_pdf_scaled_to_pdf_viewers_limit_says_the_size_its_text_prints_at(tmp_path):
    """A map beyond PDF viewers' 200 inches is scaled down (500 touch-points: to 29 %): the note
    pointing to the briefing was not said at all (audit FU), then said its 8 pt text printed at
    0.7 pt on A3, as if unscaled (review FY): 2.3 pt on its page, 0.2 pt on A3."""
    source = tmp_path / "g.journey.yaml"
    source.write_text(generate_journey(500), encoding="utf-8")
    out = tmp_path / "g.pdf"
    result = run_cli("render", str(source), "-o", str(out))
    assert result.exit_code == 0 and out.read_bytes().startswith(b"%PDF")
    scaled = re.search(r"the PDF is scaled to (\d+)%", result.stderr)
    assert scaled, result.stderr
    printed = re.search(r"its ([\d.]+) pt text prints at ([\d.]+) pt; `journeymap brief --page a3`", result.stderr)
    assert printed, result.stderr
    assert float(printed.group(1)) == pytest.approx(8 * int(scaled.group(1)) / 100, abs=0.1)
    assert float(printed.group(2)) < 0.5


def test_no_break_spaces_are_kept_in_the_map_s_text():
    """French sets a no-break space before "!" and "?": the map drew it as a plain space, so text
    copied from it lost it, and a line could break there (audit DG)."""
    import journeymap

    text = ("journeymap: 1\ntitle: T\ndepartments: [{id: a, name: A}]\nstages: [{name: S, touchpoints: ["
            "{name: \"Reçoit\u00a0une alerte de surconsommation électrique\u202f!\", department: a}]}]\n")
    svg = journeymap.render(journeymap.loads(text, "nb.journey.yaml")).decode("utf-8")
    assert "\u202f!" in svg and "Reçoit\u00a0une" in svg
    assert ">!<" not in svg  # the mark never on a line of its own


def test_the_lanes_of_a_map_narrower_than_its_legend_span_the_map():
    """One stage, four departments: the legend (478 pt) set the map's width and the lanes ended
    105 pt short of its right edge (SPEC 4.1: each lane spans the full width of the map; audit DQ).
    The column is widened, its boxes kept in its middle."""
    text = ("journeymap: 1\ntitle: One stage\nowner: Ops\ndepartments:\n"
            + "".join(f"  - {{id: d{n}, name: Dept {n}, lead: L{n}, layer: {layer}}}\n" for n, layer in
                      enumerate(["frontstage", "external", "frontstage", "support"]))
            + "stages:\n  - id: s0\n    name: Stage\n    owner: O\n    touchpoints:\n"
              "      - {id: a, name: Asks, department: d0, reliability: reliable}\n"
              "      - {id: b, name: Answers, department: d2, reliability: it-depends}\n")
    journey, findings = load_text(text, "one.journey.yaml")
    assert journey is not None, findings
    analysis = analyse(journey)
    svg = parse(render(analysis, "svg").data)
    assert_spec_geometry(analysis, svg)
    column, box = svg.clusters["column-s0"].shape, svg.nodes["tp-a"].shape
    assert svg.clusters["legend"].shape.x1 - svg.clusters["lane-d0"].shape.x1 == pytest.approx(0, abs=0.5)
    assert (box.x0 + box.x1) / 2 == pytest.approx((column.x0 + column.x1) / 2, abs=1)
    # its header wrapped to the column as widened, not as it was (review DT: 4 lines in 560 pt)
    long = text.replace("name: Stage\n", "name: A very long stage name that wraps over several lines because it is "
                                          "long indeed yes\n")
    journey, findings = load_text(long, "one.journey.yaml")
    assert journey is not None, findings
    header = parse(render(analyse(journey), "svg").data).element("stage-s0")
    assert [t[0] for t in header.texts] == ["A very long stage name that wraps over several",
                                            "lines because it is long indeed yes", "Owner: O"]


def test_titles_graphviz_writes_in_a_form_we_do_not_know_stop_the_render():
    """The tooltips are swapped by a pattern over Graphviz's SVG: a title it missed (another
    Graphviz version's layout) left an internal id as a tooltip and nothing said so (review EM)."""
    from journeymap.map.graphviz import GraphvizFailed
    from journeymap.map.titles import retitle

    known = b'<g id="tp-a" class="node">\n<title>tp-a</title>\n<path/></g>'
    assert retitle(known, {"tp-a": "Calls"}) == b'<g id="tp-a" class="node">\n<title>Calls</title>\n<path/></g>'
    with pytest.raises(GraphvizFailed, match="1 SVG titles"):
        retitle(known + b'<g id="tp-b" class="node">\n<!-- tp-b -->\n<title>tp-b</title></g>', {"tp-b": "Pays"})


def test_every_lane_name_shows_in_a_wide_maps_pdf(tmp_path: Path) -> None:
    """Graphviz 2.43's cairo renderer (PNG and PDF) drew the name of one lane of this map, 300
    touch-points in 20 lanes, invisibly, in the lane's fill: its words were in the PDF's text and
    its SVG showed it, but the page showed a blank band (audit EX). Each first-column lane name is
    found in the PDF's text and looked for on the page, rasterised."""
    import shutil
    import subprocess

    from PIL import Image

    if not shutil.which("pdftoppm") or not shutil.which("pdftotext"):
        pytest.skip("poppler-utils is not installed")
    out = tmp_path / "wide.pdf"
    assert run_cli("render", str(ROOT / "tests" / "fixtures" / "wide" / "twenty-lanes.journey.yaml"), "-o",
                   str(out)).exit_code == 0
    boxes = subprocess.run(["pdftotext", "-bbox", str(out), "-"], capture_output=True, text=True, check=True).stdout
    words = [(float(a), float(b), float(c), float(d)) for a, b, c, d in re.findall(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">Department<', boxes)]
    left = min(x0 for x0, _, _, _ in words)
    names = [w for w in words if w[0] < left + 1]
    assert len(names) == 20
    dpi = 144
    subprocess.run(["pdftoppm", "-gray", "-singlefile", "-r", str(dpi), "-x", "0", "-y", "0", "-W",
                    str(int(max(w[2] for w in names) * dpi / 72) + 4), "-H", str(int(max(w[3] for w in names) * dpi / 72) + 4),
                    str(out), str(tmp_path / "left")], check=True)
    page = Image.open(tmp_path / "left.pgm")
    k = dpi / 72
    ink = [min(page.crop((int(x0 * k), int(y0 * k), int(x1 * k) + 1, int(y1 * k) + 1)).getextrema())
           for x0, y0, x1, y1 in names]
    assert all(value < 110 for value in ink), ink  # dark navy type, not the lane's near-white fill
