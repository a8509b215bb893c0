"""The grid's stage columns, left to right (:func:`~journeymap.map.grid.plan_grid`): each one's x
range and header lines, where each of its slots starts, and where the lane names are drawn again;
widened where the legend is wider than the columns (SPEC 4.1: each lane spans the map's width)."""

from __future__ import annotations

from typing import Callable, Mapping, NamedTuple

from journeymap.journey.model import Journey, Stage
from journeymap.journey.textsafe import isolated, named
from journeymap.map import theme as t
from journeymap.map.text import wrap

SLOT = t.BOX_WIDTH + t.SLOT_GAP
# Lane names are drawn again at least this often (SPEC 4.1: every 4,000 pt of map width), in a
# gap this wide between two stages (or two slots of a very wide stage).
REPEAT_EVERY = 3600.0
REPEAT_WIDTH = t.LANE_HEADER_WIDTH + t.STAGE_GAP

#: The flag of what a diff's map draws back as it was: a removed touch-point, stage or department.
REMOVED_FLAG = "\u2212 REMOVED"
#: What a stage or department a diff's map shows renamed was called before, after this.
RENAMED_FLAG = "~ renamed from"


class Spans(NamedTuple):  # a NamedTuple: a dataclass costs every start-up 0.4 ms to create
    """The stage columns laid out left to right: each one's x range and header lines, where each
    slot starts, where the lane names are drawn again, and the right edge of the content."""

    columns: list[tuple[str, float, float, list[str], list[str]]]
    slot_x: dict[str, list[float]]
    repeats: list[float]
    right: float


def stage_header(stage: Stage, width: float, missing: set[tuple[str, str]], removed: frozenset[str],
                 renamed: dict[str, str]) -> tuple[list[str], list[str]]:
    """A stage's name and the lines under it, wrapped to its column's ``width``: its owner; that it
    is ``missing`` one (:func:`~journeymap.analysis.checks.accountability_gaps`); that a diff's map
    draws it back (``removed``); or what it was called (``renamed``, id to its old name)."""
    name = wrap(stage.name, width - 16, t.HEADER_SIZE, bold=True)
    owner = named(stage.owner)  # "TBD" is no owner, as W103 says (review DD)
    sub = wrap(f"Owner: {isolated(owner)}", width - 16, t.SMALL_SIZE) if owner else \
        [t.NO_OWNER] if ("W103", stage.id) in missing else []  # a gap the file accepts: not marked
    if stage.id in removed:
        sub = [REMOVED_FLAG]
    elif stage.id in renamed:
        sub = wrap(f"{RENAMED_FLAG} {isolated(renamed[stage.id])}", width - 16, t.SMALL_SIZE) + sub
    return name, sub


#: A stage's header lines at a column width (:func:`stage_header`, its other arguments given).
Header = Callable[[Stage, float], tuple[list[str], list[str]]]


def stage_columns(journey: Journey, gaps: dict[str, list[float]], header: Header, every: float = REPEAT_EVERY) -> Spans:
    """Columns, left to right; a gap between two slots widens for the label of a flow across it,
    and the lane names are drawn again where the last ones are ``every`` behind (never, at infinity)."""
    x = t.MARGIN + t.LANE_HEADER_WIDTH + t.STAGE_GAP / 2
    spans = Spans([], {}, [], 0.0)
    seen = t.MARGIN  # left edge of the lane names last drawn
    for stage in journey.stages:
        if spans.columns and x + SLOT * (len(gaps[stage.id]) + 1) > seen + every:
            seen = x + (REPEAT_WIDTH - t.LANE_HEADER_WIDTH) / 2 - t.STAGE_GAP / 2
            spans.repeats.append(seen)
            x += REPEAT_WIDTH
        starts = [x]
        for gap in gaps[stage.id]:
            if starts[-1] + t.BOX_WIDTH + gap + SLOT > seen + every:
                # A stage wider than the interval: the names go between two of its slots.
                seen = starts[-1] + SLOT + (REPEAT_WIDTH - t.LANE_HEADER_WIDTH) / 2 - t.SLOT_GAP / 2
                spans.repeats.append(seen)
                gap += REPEAT_WIDTH
            starts.append(starts[-1] + t.BOX_WIDTH + gap)
        width = starts[-1] - x + SLOT
        spans.columns.append((stage.id, x, x + width, *header(stage, width)))
        spans.slot_x[stage.id] = starts
        x += width + t.STAGE_GAP
    return Spans(spans.columns, spans.slot_x, spans.repeats, x - t.STAGE_GAP / 2)


def widened(spans: Spans, right: float, header: Header, stages: Mapping[str, Stage]) -> Spans:
    """``spans`` reaching to ``right`` where they end short of it, each column wider by an equal
    share and its slots moved to keep its boxes in its middle: the legend of a map of one or two
    stages is wider than their columns, and the lanes ended 105 pt short of the map's right edge
    (SPEC 4.1: each lane spans the full width of the map; audit DQ). Their headers are wrapped
    again to the new widths (``header``: :func:`stage_header`; review DT)."""
    if right <= spans.right + 0.01:
        return spans
    share = (right - spans.right) / len(spans.columns)
    moved = {sid: n * share for n, (sid, *_) in enumerate(spans.columns)}
    columns = [(sid, x0 + moved[sid], x1 + moved[sid] + share, *header(stages[sid], x1 - x0 + share))
               for sid, x0, x1, *_ in spans.columns]
    slot_x = {sid: [x + moved[sid] + share / 2 for x in starts] for sid, starts in spans.slot_x.items()}
    # lane names drawn again move with the column they stand in, or the one they stand before
    repeats = [r + next((moved[sid] for sid, _, x1, *_ in spans.columns if r < x1), moved[spans.columns[-1][0]])
               for r in spans.repeats]
    return Spans(columns, slot_x, repeats, right)
