"""Slots: which column of its stage each touch-point takes (journeymap/map/slots.py). A touch-point
shares the slot of the one before it only where the flow between them runs straight up or down
the slot, clear of its other boxes and flows (audit AJ H1: several such flows routed round the
boxes in one gutter beside the slot, their arrowheads on top of each other)."""

from __future__ import annotations

import pytest

import journeymap
from journeymap.map.slots import assign_slots
from svgmap import parse

LANES = ["a", "b", "c", "d", "e", "f"]


def _journey(steps: list[tuple[str, str]], flows: bool = True) -> str:
    """One stage of touch-points ``(id, lane)`` in order, joined one to the next unless not ``flows``."""
    lines = ["journeymap: 1", "title: Slots", "departments:", *[f"  - {{id: {d}, name: Lane {d}}}" for d in LANES],
             "stages:", "  - name: One", "    touchpoints:"]
    for key, lane in steps:
        lines.append(f"      - {{id: {key}, name: Step {key}, department: {lane}{'' if flows else ', next: []'}}}")
    return "\n".join(lines) + "\n"


def _slots(text: str) -> list[int]:
    checked = journeymap.loads(text, "slots.journey.yaml")
    journey, analysis = checked.journey, checked.analysis
    assert journey is not None and analysis is not None, checked.findings
    slots, _ = assign_slots(journey, (), [(f.source, f.target) for f in analysis.flows])
    return [slots[tp.id] for tp in journey.touchpoints]


def test_a_flow_that_would_run_through_a_box_of_the_slot_takes_the_next_slot() -> None:
    # c -> f, then f -> a would pass the box in lane c; a -> b runs clear
    assert _slots(_journey([("p", "c"), ("q", "f"), ("r", "a"), ("s", "b")])) == [0, 0, 1, 1]


def test_touch_points_without_flows_between_them_share_a_slot() -> None:
    assert _slots(_journey([("p", "c"), ("q", "f"), ("r", "a"), ("s", "b")], flows=False)) == [0, 0, 0, 0]


def test_a_box_on_a_flow_already_running_down_the_slot_takes_the_next_slot() -> None:
    text = _journey([("p", "a"), ("q", "e"), ("r", "c")], flows=False)
    # p -> q runs from lane a to lane e; r, in lane c between them and with no flow, would sit on it
    assert _slots(text.replace("department: a, next: []}", "department: a, next: [q]}")) == [0, 0, 1]
    assert _slots(_journey([("p", "a"), ("q", "e"), ("r", "f")])) == [0, 0, 0]  # e -> f runs on, clear


def test_a_fan_out_or_a_skipped_step_is_not_routed_round_a_box_of_the_slot() -> None:
    """Each flow between the new box and any box of the slot counts, not only the one from the
    step before (audit AN: a fan-out p -> q, r, s stacked three arrowheads beside the slot)."""
    fan = _journey([("p", "a"), ("q", "b"), ("r", "c"), ("s", "d")]).replace(
        "Step p, department: a}", "Step p, department: a, next: [q, r, s]}")
    for lane in ("b", "c"):
        fan = fan.replace(f"department: {lane}}}", f"department: {lane}, next: []}}")
    assert _slots(fan) == [0, 0, 1, 1]  # p -> r would pass q; s has no flow to r
    skip = _journey([("p", "a"), ("q", "b"), ("r", "c")], flows=False).replace(
        "Step p, department: a, next: []}", "Step p, department: a, next: [r]}")
    assert _slots(skip) == [0, 0, 1]  # p -> r would pass q


def test_a_removed_steps_box_on_a_diffs_map_is_not_in_the_way_of_the_flow_past_it() -> None:
    text = _journey([("p", "a"), ("r", "c")])
    journey = journeymap.loads(text, "slots.journey.yaml").journey
    assert journey is not None
    ghost = (("q", journey.stages[0].id, "b", ("r",)),)  # removed from between p and r, in lane b
    slots, _ = assign_slots(journey, ghost, [("p", "r")])
    assert (slots["p"], slots["q"], slots["r"]) == (0, 0, 1)
    assert assign_slots(journey, ghost, [])[0]["r"] == 0  # nothing runs past it: they share the slot


def test_a_lane_that_already_holds_the_slot_moves_on_as_before() -> None:
    assert _slots(_journey([("p", "a"), ("q", "a"), ("r", "b")])) == [0, 1, 1]


@pytest.mark.graphviz
def test_flows_between_boxes_of_one_slot_run_straight() -> None:
    """Twelve departments, six touch-points a stage: every flow from one step to the next between
    two boxes one above the other is one straight line, not a detour round a box in between, down
    the one gutter beside their slot."""
    from bench.generate import generate_journey

    svg = parse(journeymap.render(journeymap.loads(generate_journey(36, departments=12, stages=6), "g.journey.yaml")))
    boxes = {key[3:]: node.shape for key, node in svg.nodes.items() if key.startswith("tp-") and node.shape}
    stacked = 0
    for key, edge in svg.edges.items():
        if not key.startswith("flow-"):
            continue
        source, target = key[5:].split("--")
        if int(target[3:]) != int(source[3:]) + 1:
            continue  # a flow that skips a step: the rule is for one step to the next
        a, b = boxes[source], boxes[target]
        if abs((a.x0 + a.x1) / 2 - (b.x0 + b.x1) / 2) > 1:
            continue
        stacked += 1
        xs = {round(x, 1) for path in edge.paths for x, _ in path}
        assert max(xs) - min(xs) < 1, (key, sorted(xs))  # one vertical line
    assert stacked >= 5
