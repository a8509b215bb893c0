"""Slots: which column of its stage each touch-point takes, and how wide the gaps between them are.

Inside a stage, each touch-point takes the next free slot of its department's lane, never left
of the touch-point before it, and the slot after that one's where a flow between two boxes of
the slot would have to be routed round a box (:class:`_Column`). The gap after a slot is
:data:`theme.SLOT_GAP`, wider where a labelled flow runs straight between two neighbouring
boxes of one lane, so the label fits.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Optional

from journeymap.map import theme as t
from journeymap.analysis.analyse import Analysis
from journeymap.journey.model import Journey
from journeymap.map.text import wrap
from journeymap.map.textwidth import widest


def label_box(lines: Sequence[str]) -> tuple[float, float]:
    """Width and height in points of a flow label set in ``lines`` (small italic type)."""
    # Oblique DejaVu keeps the upright advance widths; a little extra covers the slant.
    return widest(lines, t.SMALL_SIZE) * 1.03 + 4, len(lines) * t.SMALL_SIZE * t.LINE + 2


def assign_slots(journey: Journey, ghosts: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (),
                 flows: Collection[tuple[str, str]] = ()) -> tuple[dict[str, int], dict[str, int]]:
    """``(slot of each touch-point within its stage, number of slots of each stage)``.

    ``ghosts`` are ``(id, stage, department, followers)`` of removed touch-points, in their old
    order: each is placed before the first of its ``followers`` (the touch-points after it in its
    old stage) that is still there, else after the current touch-points of its stage. A
    touch-point shares the slot of the one before it only where each of its ``flows`` to a box of
    that slot runs straight down or up it, clear of the slot's other boxes and flows, and it
    stands on none of them (:class:`_Column`); else it takes the next slot.
    """
    slots: dict[str, int] = {}
    widths: dict[str, int] = {}
    lane = {d.id: i for i, d in enumerate(journey.departments)}
    linked = {pair for a, b in flows for pair in ((a, b), (b, a))}
    for stage in journey.stages:
        items = [(tp.id, tp.department) for tp in stage.touchpoints]
        for gid, sid, dept, followers in ghosts:
            if sid == stage.id:
                later = set(followers)
                items.insert(next((i for i, (key, _) in enumerate(items) if key in later), len(items)), (gid, dept))
        last: dict[str, int] = {}
        column = _Column()
        previous = 0
        for key, dept in items:
            slot = max(previous, last.get(dept, -1) + 1)
            if slot == previous and not column.takes(key, lane[dept], linked):
                slot += 1
            if slot != previous:
                column = _Column()
            column.add(key, lane[dept], linked)
            slots[key] = last[dept] = previous = slot
        widths[stage.id] = max([s + 1 for s in last.values()], default=1)
    return slots, widths


class _Column:
    """The boxes of the slot being filled (their lanes, by number) and the flows running straight up
    or down it between them. Several touch-points of one slot joined by flows through lanes where
    another of them stood were routed round it, all in the one gutter beside the slot, their
    arrowheads on top of each other (twelve departments: audit AJ); so were a fan-out to three
    boxes of one slot, a flow that skips a step, and, on a diff's map, a flow past a removed
    step's box."""

    def __init__(self) -> None:
        self.boxes: dict[str, int] = {}
        self.runs: list[tuple[int, int]] = []

    def _runs_to(self, key: str, lane: int, linked: Collection[tuple[str, str]]) -> list[tuple[int, int]]:
        return [(min(other, lane), max(other, lane)) for box, other in self.boxes.items() if (box, key) in linked]

    def takes(self, key: str, lane: int, linked: Collection[tuple[str, str]]) -> bool:
        """Whether box ``key`` in ``lane`` can join the slot: on no flow of the slot, and each of
        its flows (``linked`` pairs, both ways) to a box of the slot across no box and no flow."""
        if any(low < lane < high for low, high in self.runs):
            return False
        return not any(any(low < other < high for other in self.boxes.values())
                       or any(max(low, a) < min(high, b) for a, b in self.runs)
                       for low, high in self._runs_to(key, lane, linked))

    def add(self, key: str, lane: int, linked: Collection[tuple[str, str]]) -> None:
        """Box ``key`` in ``lane``, and its flows straight to the boxes of the slot."""
        self.runs += self._runs_to(key, lane, linked)
        self.boxes[key] = lane


def slot_gaps(analysis: Analysis, slots: dict[str, int], widths: dict[str, int],
               heights: dict[str, float]) -> dict[str, list[float]]:
    """The gap after each slot of each stage but the last: wider where a labelled flow runs
    straight across it, between neighbouring boxes of one lane, so its label fits between them."""
    journey = analysis.journey
    gaps = {s.id: [t.SLOT_GAP] * (widths[s.id] - 1) for s in journey.stages}
    by_id = journey.touchpoint_by_id
    for flow in analysis.flows:
        a, b = by_id[flow.source], by_id[flow.target]
        if flow.label and a.department == b.department and a.stage == b.stage \
                and abs(slots[a.id] - slots[b.id]) == 1:
            k = min(slots[a.id], slots[b.id])
            gaps[a.stage][k] = max(gaps[a.stage][k], label_gap(flow.label, heights[a.department] / 2))
    return gaps


def label_gap(label: str, room: float) -> float:
    """The gap between two boxes that holds ``label`` above or below a line at their middle,
    ``room`` points from the line to the boxes' edge: the narrowest wrapping that fits.

    >>> label_gap("ok", 30.0) == t.SLOT_GAP
    True
    >>> label_gap("invoice matches deliveries", 30.0) > t.SLOT_GAP
    True
    """
    best: Optional[float] = None
    for width in (60.0, 80.0, t.EDGE_LABEL_WIDTH):
        box_width, box_height = label_box(wrap(label, width, t.SMALL_SIZE))
        if box_height + t.LABEL_OFFSET + 2 * t.LABEL_CLEARANCE <= room:
            # The route ends at the arrowhead's base, so its middle is off the gap's by half an arrow.
            need = box_width + 2 * t.LABEL_CLEARANCE + 16
            best = need if best is None else min(best, need)
    if best is None:
        best = label_box(wrap(label, 60.0, t.SMALL_SIZE))[0] + 16 + 2 * t.LABEL_CLEARANCE
    return max(t.SLOT_GAP, best)
