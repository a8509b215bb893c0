"""Plan the swimlane grid: where every lane, column, box and dot goes, before Graphviz runs.

The grid is known from the journey alone, so we compute it ourselves and let Graphviz only
route the edges (``neato -n2`` with pinned positions; see DESIGN.md). Coordinates here are in
points with the origin at the top left and y growing downwards; :mod:`journeymap.map.dot` flips
them for Graphviz.

Inside a stage, each touch-point takes the next free slot of its department's lane, never left
of the touch-point before it, so the customer's path always reads left to right and lanes that
take turns share the same columns of slots.
"""

from __future__ import annotations

import functools
import math

from collections.abc import Sequence
from typing import Optional

from journeymap.journey.textsafe import isolated, named
from journeymap.map import theme as t
from journeymap.analysis.analyse import Analysis
from journeymap.analysis.checks import accountability_gaps
from journeymap.map.emotion import flow_order
from journeymap.map.gridcolumns import REMOVED_FLAG, RENAMED_FLAG, REPEAT_EVERY, SLOT, stage_columns, stage_header, widened
from journeymap.map.gridshapes import Band, Box, Column, Dot, Grid, Rect, Rule
from journeymap.map.legend import RULE_WORDS, plan_legend, rule_kind
from journeymap.map.marks import Ghost, Marks
from journeymap.journey.model import LAYER_WORDS, Journey, Touchpoint
from journeymap.map.slots import assign_slots, slot_gaps
from journeymap.map.text import balanced, wrap
from journeymap.map.textwidth import widest
from journeymap.map.textheight import line_height
from journeymap.report import counted

INNER = t.BOX_WIDTH - 2 * t.BOX_MARGIN_X


def _lines_height(lines: Sequence[str], size: float) -> float:
    return sum(line_height(line, size, t.LINE) for line in lines)


def tp_label(tp_name: str, reliability: str, channel: Optional[str], moment: bool) -> tuple[
        tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The three parts of a box label, wrapped: the moment-of-truth flag, the name, the footer."""
    rating = t.RATINGS[reliability]
    top = (f"{t.MOMENT_ICON} {t.MOMENT_WORD.upper()}",) if moment else ()
    foot = f"{rating.icon} {rating.word}" + (f" · {channel}" if channel else "")
    return (top, tuple(wrap(tp_name, INNER, t.NAME_SIZE)), tuple(wrap(foot, INNER, t.SMALL_SIZE)))


def box_height(top: tuple[str, ...], name: tuple[str, ...], foot: tuple[str, ...]) -> float:
    """Height a box needs for its label, margins included."""
    flags = len(top) * (t.FLAG_BAND + t.FLAG_GAP / 2) + t.FLAG_GAP / 2 if top else 0.0
    text = flags + _lines_height(foot, t.SMALL_SIZE) + _lines_height(name, t.NAME_SIZE)
    return text + 2 * t.BOX_MARGIN_Y + 4


def _lane_sub(lead: Optional[str], layer: Optional[str], gap: bool = False) -> list[str]:
    """A lane's lines under its name: its lead, a contact for a department outside the company (the
    other outputs call them so: "Lead: Pete Doyle / OUTSIDE OUR CONTROL" made the partner's account
    manager our lead, audit EE), or for a ``gap``, that it names none; then its layer."""
    lead = named(lead)  # "TBD" is no lead, as W102 says
    said = "Contact" if layer == "external" else "Lead"
    lines = wrap(f"{said}: {isolated(lead)}", t.LANE_HEADER_WIDTH - 16, t.SMALL_SIZE) if lead else \
        [t.NO_CONTACT if layer == "external" else t.NO_LEAD] if gap else []
    if layer:
        lines.append(LAYER_WORDS[layer].upper())
    return lines


#: A touch-point box's label: the flags above the name, the name's lines, the footer's lines.
Label = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def plan_grid(analysis: Analysis, marks: Optional[Marks] = None, names_again: bool = True) -> Grid:
    """Place every element of the map of ``analysis`` (and of ``marks``, when given); with
    ``names_again`` off, a wide map's lane names are not drawn again further right (the printed
    briefing's parts each have their own, and the room left for them was a blank column)."""
    journey = analysis.journey
    marks = marks or Marks()
    ghosts = tuple(g for g in marks.ghosts
                   if g.stage in journey.stage_by_id and g.department in journey.department_by_id)
    slots, widths = assign_slots(journey, tuple((g.id, g.stage, g.department, g.followers) for g in ghosts),
                                 [(f.source, f.target) for f in analysis.flows])
    labels, lane_of, stage_of = _box_labels(journey, marks, ghosts)
    heights = {d.id: 0.0 for d in journey.departments}
    for key, parts in labels.items():
        heights[lane_of[key]] = max(heights[lane_of[key]], box_height(*parts))
    missing = accountability_gaps(analysis)
    header = functools.partial(stage_header, missing=missing, removed=marks.removed_stages,
                               renamed=dict(marks.renamed_stages))
    spans = stage_columns(journey, slot_gaps(analysis, slots, widths, heights), header,
                          REPEAT_EVERY if names_again else math.inf)
    legend = plan_legend(analysis, marks, max(spans.right - t.MARGIN, 560.0))
    # the lanes end half a gap inside the right edge of the spans; the legend box is drawn 1.5 pt in (legend_dot)
    spans = widened(spans, t.MARGIN + 1.5 + legend.width + t.STAGE_GAP / 2, header, journey.stage_by_id)
    width = spans.right + t.MARGIN
    title, title_lines, subtitle_lines = _title_block(analysis, width, len(marks.removed_departments))
    y = title.bottom + 14
    header_h = max(_lines_height(n, t.HEADER_SIZE) + _lines_height(s, t.SMALL_SIZE)
                   for _, _, _, n, s in spans.columns) + 10
    header_y = y + header_h / 2
    y += header_h + 6
    emotion: Optional[Rect] = None
    emotion_top = y
    if any(tp.emotion is not None for tp in journey.touchpoints):
        strip_h = 4 * t.EMOTION_STEP + 26
        lanes_right = spans.columns[-1][2]
        emotion = Rect((t.MARGIN + lanes_right) / 2, y + strip_h / 2, lanes_right - t.MARGIN, strip_h)
        y += strip_h + 6
    centres = {key: spans.slot_x[stage_of[key]][slots[key]] + SLOT / 2 for key in labels}
    bands, boxes = _lanes(journey, y, heights, labels, lane_of, centres, missing, marks.removed_departments,
                          dict(marks.renamed_departments))
    columns = tuple(Column(sid, x0, x1, Rect((x0 + x1) / 2, header_y, x1 - x0 - 8, header_h), tuple(n), tuple(s))
                    for sid, x0, x1, n, s in spans.columns)
    order = flow_order([tp.id for tp in journey.touchpoints], ((f.source, f.target) for f in analysis.flows))
    dots = _emotion_dots(journey.touchpoints, boxes, emotion_top, order) if emotion else ()
    lanes_bottom = bands[-1].y1 if bands else y
    legend_top = lanes_bottom + 24
    return Grid(width, legend_top + legend.height + t.MARGIN, title, tuple(title_lines), tuple(subtitle_lines),
                columns, tuple(bands), boxes, _rules(journey, bands), dots, emotion, legend, y, lanes_bottom,
                legend_top, tuple(r + 10 for r in spans.repeats))


def _box_labels(journey: Journey, marks: Marks, ghosts: tuple[Ghost, ...]) -> tuple[
        dict[str, Label], dict[str, str], dict[str, str]]:
    """Each box's label (touch-points, then the ghosts of removed ones, flagged as ``marks`` say),
    and each box's lane and stage."""
    labels: dict[str, Label] = {}
    lane_of: dict[str, str] = {}
    stage_of: dict[str, str] = {}
    for tp in journey.touchpoints:
        labels[tp.id] = tp_label(tp.name, tp.reliability, tp.channel, tp.moment_of_truth)
        lane_of[tp.id], stage_of[tp.id] = tp.department, tp.stage
    for g in ghosts:
        _, ghost_name, ghost_foot = tp_label(g.name, g.reliability, None, False)
        labels[g.id] = ((REMOVED_FLAG,), ghost_name, ghost_foot)
        lane_of[g.id], stage_of[g.id] = g.department, g.stage
    changed = [(k, "\u25bc WORSE" if k in marks.worse else "\u25b2 BETTER" if k in marks.better else "~ CHANGED")
               for k in sorted(marks.changed)]
    for key, flag in [(k, "+ ADDED") for k in sorted(marks.added)] + changed:
        if key in labels:
            flags, names, feet = labels[key]
            labels[key] = ((flag,) + flags, names, feet)
    return labels, lane_of, stage_of


def _title_block(analysis: Analysis, width: float, drawn_back: int = 0) -> tuple[Rect, list[str], list[str]]:
    """The title and subtitle at the top left, wrapped to the map's width (900 pt at most);
    ``drawn_back``: how many lanes are removed departments a diff's map draws back."""
    room = min(width - 2 * t.MARGIN, 900.0)
    title_lines = balanced(analysis.journey.title, room, t.TITLE_SIZE, bold=True)
    subtitle_lines = wrap(_subtitle(analysis, drawn_back), room, t.SUBTITLE_SIZE)
    title_h = _lines_height(title_lines, t.TITLE_SIZE) + _lines_height(subtitle_lines, t.SUBTITLE_SIZE) + 8
    title_w = max(widest(title_lines, t.TITLE_SIZE, True), widest(subtitle_lines, t.SUBTITLE_SIZE)) + 4
    return Rect(t.MARGIN + title_w / 2, t.MARGIN + title_h / 2, title_w, title_h), title_lines, subtitle_lines


def _lanes(journey: Journey, top: float, heights: dict[str, float], labels: dict[str, Label],
           lane_of: dict[str, str], centres: dict[str, float], missing: set[tuple[str, str]],
           removed: frozenset[str] = frozenset(),
           renamed: Optional[dict[str, str]] = None) -> tuple[list[Band], dict[str, Box]]:
    """Lanes from ``top`` down, in the journey's order of departments, and the boxes in them:
    every box of a lane has the lane's tallest height. A department a diff's map draws back
    (``removed``) says so under its name."""
    y = top
    bands: list[Band] = []
    boxes: dict[str, Box] = {}
    for tint, dept in enumerate(journey.departments):
        name = wrap(dept.name, t.LANE_HEADER_WIDTH - 16, t.NAME_SIZE, bold=True)
        # a department with no lead, as W102 finds it and the file does not accept it (for an outside
        # party, no contact there)
        gap = ("W102", dept.id) in missing
        sub = [REMOVED_FLAG] if dept.id in removed else _lane_sub(dept.lead, dept.layer, gap)
        if renamed and dept.id in renamed:
            sub = wrap(f"{RENAMED_FLAG} {isolated(renamed[dept.id])}", t.LANE_HEADER_WIDTH - 16, t.SMALL_SIZE) + sub
        head_h = _lines_height(name, t.NAME_SIZE) + _lines_height(sub, t.SMALL_SIZE) + 8
        lane_h = max(heights[dept.id] or 40.0, head_h) + 2 * t.LANE_PAD
        fill = t.EXTERNAL_FILL if dept.layer == "external" else t.LANE_FILLS[tint % 2]
        head_w = max(widest(name, t.NAME_SIZE, True), widest(sub, t.SMALL_SIZE)) + 4
        header = Rect(t.MARGIN + 10 + head_w / 2, y + lane_h / 2, head_w, head_h)
        bands.append(Band(dept.id, y, y + lane_h, header, tuple(name), tuple(sub), fill))
        for key, (flags, lname, foot) in labels.items():
            if lane_of[key] == dept.id:
                rect = Rect(centres[key], y + lane_h / 2, t.BOX_WIDTH, heights[dept.id])
                boxes[key] = Box(key, rect, flags, lname, foot, ghost=key not in journey.touchpoint_by_id)
        y += lane_h
    return bands, boxes


def _subtitle(analysis: Analysis, drawn_back: int = 0) -> str:
    """The line under the title: owner, persona and the counts (of the journey as it is, not the
    lanes a diff's map draws back: review AQ); a count never wraps away from its noun ("5
    moments of / truth" did)."""
    j, h = analysis.journey, analysis.headline
    departments = h.departments - drawn_back
    counts = [counted(h.touchpoints, "touch-point", "touch-points"), counted(departments, "department", "departments"),
              f"{counted(h.handoffs, 'hand-off', 'hand-offs')} ({h.risky_handoffs} risky)",
              counted(h.moments_of_truth, "moment of truth", "moments of truth")]
    owner = named(j.owner)  # "TBD" is no owner, as W101 says (review DD)
    parts = [f"Owner: {isolated(owner)}"] if owner else []
    if j.persona and j.persona.name:
        parts.append(f"Persona: {isolated(j.persona.name)}")
    return "  ·  ".join(parts + [count.replace(" ", "\u00a0") for count in counts])


def _emotion_dots(tps: tuple[Touchpoint, ...], boxes: dict[str, Box], top: float,
                  order: dict[str, int]) -> tuple[Dot, ...]:
    """One marker per touch-point with an emotion, above its box; touch-points sharing a slot
    column stand side by side in the customer's ``order`` (:func:`~journeymap.map.emotion.flow_order`),
    so the curve, which joins the markers along the flows left to right, tells their story in order."""
    by_x: dict[float, list[tuple[int, str]]] = {}
    for tp in sorted(tps, key=lambda tp: order.get(tp.id, len(order))):
        if tp.emotion is not None:
            by_x.setdefault(boxes[tp.id].rect.x, []).append((tp.emotion, tp.id))
    dots: list[Dot] = []
    for x, values in by_x.items():
        # 24 apart, 8 between markers of 16: at 20 a printed part showed "−1−1" as one mark
        step = min(24.0, (t.BOX_WIDTH - 16) / max(len(values) - 1, 1))
        for k, (value, tp_id) in enumerate(values):
            dx = (k - (len(values) - 1) / 2) * step
            dots.append(Dot(tp_id, x + dx, top + 13 + (2 - value) * t.EMOTION_STEP, value))
    return tuple(dots)


def _rules(journey: Journey, bands: list[Band]) -> tuple[Rule, ...]:
    """Blueprint lines where the lanes cross from customer-facing to backstage to support."""
    depts = journey.departments
    kinds = [(rule_kind(upper.layer, lower.layer), band) for upper, lower, band in zip(depts, depts[1:], bands[1:])]
    return tuple(Rule(kind, band.y0, RULE_WORDS[kind]) for kind, band in kinds if kind)
