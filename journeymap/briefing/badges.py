"""Continuation badges: where a flow cut between two parts of the printed map continues.

A flow whose two ends lie on different parts (:func:`~.crossings.crossings`) gets, on each part it is cut
at, a badge where it meets the part's edge: "→ part 5" where it leaves, "from part 2" where it
enters. Badges cover no box, flow label, lane name or other badge: each is slid along its edge,
then into rows further in, with a line back to the flow's end (:func:`mark_cuts`).
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Callable, Iterator, NamedTuple, Optional

from journeymap.briefing.badgedraw import draw_badge, leader, lines_under
from journeymap.briefing.badgeroom import Blocked, Near
from journeymap.briefing.crossings import Crossing, bounds, crossing
from journeymap.briefing.mapgeometry import GLYPH, Box
from journeymap.briefing.tileplan import BADGE_PT, Tile


@dataclass(frozen=True)
class _Spots:
    """The places a badge of height ``h`` (type ``size``) may take near a flow's end at (x, y) on
    the edge of ``body`` (``along``: a top or bottom edge), in the order :func:`_place` tries them."""

    x: float
    y: float
    body: Box
    size: float
    h: float
    along: bool
    foot: float = 0.0
    #: Room right of the body, free on the page, for a badge beyond a flow's end at its right edge.
    side: float = 0.0

    def width(self, text: str) -> float:
        """The badge's width: a glyph's width a character, half an em each side."""
        return len(text) * self.size * GLYPH + self.size

    def spot(self, text: str, step: int, row: int = 0) -> tuple[str, Box]:
        """``text`` on the flow's end inside the body, slid ``step`` places along the edge and
        ``row`` rows further in (where one edge's badges crowd it: a bottom edge crossed by a dozen
        flows stacked them on one another)."""
        x, y, body, h, w = self.x, self.y, self.body, self.h, self.width(text)
        left = min(max(x - w / 2, body.x0 + 1.0), body.x1 - w - 1.0)
        top = min(max(y - h / 2, body.y0 + 1.0), body.y1 - h - 1.0)
        dx, dy = ((step * w * 0.55, 0.0) if self.along else (0.0, step * h * 0.75))
        near_start = abs(y - body.y0) < abs(y - body.y1) if self.along else abs(x - body.x0) < abs(x - body.x1)
        inward = 1.0 if near_start else -1.0
        if self.along:
            dy += inward * row * h * 1.2
        else:
            dx += inward * row * (w + self.size * 0.5)
        return text, Box(left + dx, top + dy, left + dx + w, top + dy + h)

    def beyond(self, text: str) -> tuple[str, Box]:
        """``text`` right of the body's right edge, against the flow's end there."""
        w = self.width(text)
        return text, Box(self.body.x1, self.y - self.h / 2, self.body.x1 + w, self.y + self.h / 2)

    def across(self, text: str) -> tuple[str, Box]:
        """``text`` centred on the flow's end, across the edge."""
        w = self.width(text)
        return text, Box(self.x - w / 2, self.y - self.h / 2, self.x + w / 2, self.y + self.h / 2)

    def tries(self, texts: tuple[str, str], crowded: bool = False) -> Iterator[tuple[tuple[str, Box], Box]]:
        """Each place with the room it must lie in; made as they are needed: most fit at once. On a
        ``crowded`` part, fewer (:data:`CROWDED`)."""
        y, h, body = self.y, self.h, self.body
        if self.along and abs(y - body.y0) < 0.5 and y - h / 2 >= 0:
            # On the top edge of a part of the lower lanes: across it, half in the rows above (the
            # emotion band's foot, the stage headers' margin). Inside, the first lane's boxes reach
            # up to the edge, and slid along it a row of badges stood over other flows (audit BQ).
            yield self.across(texts[0]), Box(body.x0, 0.0, body.x1, body.y1)
        if self.along and abs(y - body.y1) < 0.5 and self.foot >= h / 2:
            # On the foot of a part whose lanes go on below it: across it too, half in the room
            # left under the part for it (:func:`~.tiles.foot`).
            yield self.across(texts[0]), Box(body.x0, body.y0, body.x1, body.y1 + self.foot)
        # Never across the left edge into the names column: beside a lane's shorter lines it read as
        # part of the lane's name ("from part 2" by "BEHIND THE SCENES", "→ part 1" in Back office's
        # column: audit CA); slid along the edge, it has a line back to its flow.
        yield self.spot(texts[0], 0), body
        if not self.along and abs(self.x - body.x1) < 0.5 and self.side > 0:
            # Its place inside taken (a box reaching near the edge): beyond the edge, on the page's
            # free room right of the part, not slid away along it: "→ part 2" lay 67 pt below its
            # flow, on a folded strip's line (audit DS).
            yield self.beyond(texts[0]), Box(body.x0, body.y0, body.x1 + self.side, body.y1)
        if crowded:  # slid a little along the edge, then the short form
            for text, steps in ((texts[0], _STEPS[:CROWDED_STEPS]), (texts[1], (0, *_STEPS[:CROWDED_STEPS]))):
                for step in steps:
                    yield self.spot(text, step), body
            return
        for row in (0, 1, 2):
            for step in _STEPS if row == 0 else (0, *_STEPS):
                yield self.spot(texts[0], step, row), body
        yield self.spot(texts[1], 0), body
        for text, rows in ((texts[1], (0, 1, 2)), (texts[0], (3, 4, 5))):  # crowded: the short form, then further in
            for row in rows:
                for step in (0, *_STEPS):
                    yield self.spot(text, step, row), body


def _place(x: float, y: float, texts: tuple[str, str], scale: float, body: Box, taken: list[Box] | Blocked,
           foot: float = 0.0, side: float = 0.0, crowded: bool = False) -> tuple[str, Box]:
    """Where a continuation badge goes, and its words: where its flow meets the edge of ``body``
    (the tile's map area), at ``(x, y)``, covering no box, label or other badge in ``taken``;
    ``foot`` is the room under the body (:func:`~.tiles.foot`), ``side`` the room right of it.

    ``texts`` are the badge's words and a short form of them. Tried in turn: on a top edge, or a
    foot with room under it, the words across it, centred on the flow's end; the words on the
    flow's end inside the body (never in the names column left of it); on a right edge with
    ``side`` room, the words beyond it, against the flow's end; then the words slid along
    the edge to the nearest free place in the body, then in a second and a third row further in;
    only then the short form ("→ 5" beside "→ part 6" on one page read as two kinds of mark:
    audit P; tried on the flow's end before sliding, it made 45 % of badges short: review DB), at
    the flow's end and in those rows; then the words in three rows further in still; each with a
    line back to the flow's end.
    Only where none is free does a badge cover something: the place that covers least, the first
    of equals. A ``crowded`` part tries fewer places (:data:`CROWDED`) and weighs fewer of them
    (:data:`CROWDED_WEIGHED`).
    """
    size = BADGE_PT / scale
    spots = _Spots(x, y, body, size, size * 1.6, _along_x(x, y, body), foot, side)
    near = taken if isinstance(taken, Blocked) else Blocked((Near(8 * size, taken), None))
    found = next((t for t, room in spots.tries(texts, crowded) if room.contains(t[1]) and not near.meets(t[1])), None)
    # Nowhere free: the place that covers least, the first of equals (it was the first place,
    # whatever it covered: on a crowded slide's foot "→ part 8" lay under "from part 8": audit AL).
    weighed = _first_of_each(spots.tries(texts, crowded), CROWDED_WEIGHED) if crowded else spots.tries(texts)
    return found or _least_covered(weighed, near) or spots.spot(texts[0], 0)


def _first_of_each(tries: Iterator[tuple[tuple[str, Box], Box]], each: int) -> Iterator[tuple[tuple[str, Box], Box]]:
    """The first ``each`` places of ``tries`` in each of a badge's forms (its words and their
    short form): weighed alone, the first six were all in the long form, and a crowded part's
    badges, which took the short form that covered least, covered two and a half times as much
    (review EV)."""
    taken: dict[str, int] = {}
    for place, room in tries:
        if taken.get(place[0], 0) < each:
            taken[place[0]] = taken.get(place[0], 0) + 1
            yield place, room


def _least_covered(tries: Iterator[tuple[tuple[str, Box], Box]], near: Blocked) -> tuple[str, Box] | None:
    """Of the places of ``tries`` that lie in their room, the first that covers least of ``near``
    (None when none does): what ``min`` by :meth:`~.Blocked.covered` gives where the sums are
    finite (they are areas of boxes on a page), each sum stopped once it reaches the least so far."""
    best, least = None, math.inf
    for place, room in tries:
        if room.contains(place[1]):
            area = near.covered_under(place[1], least)
            if area is not None:
                best, least = place, area
    return best


def _apart(x: float, y: float, badge: Box, along: bool) -> float:
    """How far a badge lies from a flow's end at (x, y), along the edge (0 when it lies across it)."""
    if along:
        return max(0.0, badge.x0 - x, x - badge.x1)
    return max(0.0, badge.y0 - y, y - badge.y1)


def _edge(x: float, y: float, body: Box) -> str:
    """The edge of ``body`` nearest to (x, y): top or bottom where :func:`_along_x`, else left or right."""
    if _along_x(x, y, body):
        return "top" if abs(y - body.y0) <= abs(y - body.y1) else "bottom"
    return "left" if abs(x - body.x0) <= abs(x - body.x1) else "right"


def _along_x(x: float, y: float, body: Box) -> bool:
    """Whether a flow cut at (x, y) meets the top or bottom edge of ``body`` (not a side)."""
    return min(abs(y - body.y0), abs(y - body.y1)) < min(abs(x - body.x0), abs(x - body.x1))


#: A part with more flows cut than this tries some 22 places for each badge (across the edge, on
#: the flow's end, slid five places either way along the edge: :data:`CROWDED_STEPS`; then the
#: same in the short form), not some 200: hundreds of flows crowding a part's edges (200 touch-points, each leading to four anywhere
#: in the next 40) left no place free, and weighing every place for what it covers took minutes.
#: The examples, fixtures and generated journeys of up to 500 touch-points cut 22 flows on a part at most.
CROWDED, CROWDED_STEPS = 80, 10
#: Where no place is free on a crowded part, the least covered of the first three places in each
#: form (the flow's end, a step either way along the edge; the short form's the same): weighing
#: all 22 was most of the time of a briefing whose flows each cross many lanes (200 touch-points
#: in 20 lanes: 2 of its 3 minutes under a profiler went on some 13 million overlaps of badges).
CROWDED_WEIGHED = 3
#: Room kept between two badges, in ems of a badge's type.
GAP = 0.4
#: How far a badge may slide along its edge, in steps of about three quarters of its height (or
#: half its width), nearest first.
_STEPS = tuple(s for n in range(1, 11) for s in (n, -n))


def _ends(tile: Tile, cut: list[Crossing], risky: frozenset[tuple[tuple[float, float], ...]]
          ) -> Iterator[tuple[tuple[str, str], tuple[float, float], bool]]:
    """Where each flow of ``cut`` meets the edge of ``tile`` (in map coordinates), with its badge's
    words and their short form ("→ part N" where it leaves, "from part N" where it enters), and
    whether it is a risky hand-off (its route among ``risky``)."""
    for source, target, points in cut:
        # The tile a flow leaves, the one it enters, and any it only passes through: each edge
        # it is cut at says where it comes from or goes on to.
        ends = {source: (True,), target: (False,)}.get(tile.number, (False, True))
        box = bounds(points)
        if len(ends) == 2 and box is not None and not box.meets(tile.body):
            continue  # passes elsewhere (the tiles a flow crosses hold points of it)
        for leaving in ends:
            spot = crossing(points, tile.body, leaving)
            if spot is not None:
                yield ((f"\u2192 part {target}", f"\u2192 {target}") if leaving else
                       (f"from part {source}", f"from {source}")), spot, points in risky


def _run(x: float, y: float, edge: str, scale: float) -> Box:
    """A flow's run into the part from where it meets ``edge`` at (x, y), about two badges' height
    long: where the badge of a flow that goes elsewhere may not lie."""
    size = BADGE_PT / scale
    thin, deep = size * 0.4, size * 1.6 * 1.5
    return {"top": Box(x - thin, y, x + thin, y + deep), "bottom": Box(x - thin, y - deep, x + thin, y),
            "left": Box(x, y - thin, x + deep, y + thin), "right": Box(x - deep, y - thin, x, y + thin)}[edge]


def _join(svg: ET.Element, x: float, y: float, badge: Box, along: bool, scale: float) -> None:
    """A flow's end at (x, y) joined by a line to another flow's ``badge`` of the same words (no
    line where the badge lies across this end too)."""
    joined = ET.Element("g", {"class": "continues-joined"})
    leader(joined, x, y, badge, along, scale)
    if len(joined):
        svg.append(joined)


class Marked(NamedTuple):
    """What :func:`mark_cuts` drew: how far right the badges reach, and whether in the short form
    (None where it drew none)."""

    reach: float
    short: Optional[bool]


def mark_cuts(svg: ET.Element, tile: Tile, cut: list[Crossing], scale: float,
              place: Callable[[float, float], tuple[float, float]], area: Box, taken: list[Box],
              foot: float = 0.0, side: float = 0.0, risky: frozenset[tuple[tuple[float, float], ...]] = frozenset(),
              short: bool = False) -> Marked:
    """The badges of one tile's cut flows (``cut``: :func:`~.crossings.crossings` of all the tiles), drawn into
    ``svg``: ``place`` takes a point in map coordinates to the tile's, ``area`` is the tile's map
    area (its names column lies left of it), ``taken`` what a badge must not cover (each badge is
    added), ``foot`` the room under ``area`` for badges across its foot, ``side`` the room right
    of it for badges beyond its right edge, ``risky`` the routes of risky hand-offs (their badges
    drawn in their red); with ``short``, every badge in the short form (the parts that share a
    page take one form: :func:`~.mappages.map_pages`). Returns how far right the badges reach and
    whether they took the short form.

    One form a part: where a badge must take the short form ("→ 3"), its words fitting nowhere
    free, all of the part's do ("→ 16" beside "→ part 16" read as two kinds of mark: audit P,
    review DB)."""
    start, before = len(svg), list(taken)
    ends = [(texts, x, y, _edge(x, y, area), danger) for texts, (x, y), danger in
            ((texts, place(*spot), danger) for texts, spot, danger in _ends(tile, cut, risky))]
    shortened = [((brief, brief), x, y, edge, danger) for (_, brief), x, y, edge, danger in ends]
    # A crowded part takes the short form at once: its badges found no free place for the long
    # one, all of them drawn twice (limits-style journeys of 200 touch-points: 79 parts drawn for 40).
    forms = _mark(svg, shortened if short or len(ends) > CROWDED else ends, scale, area, taken, foot, side)
    if forms == {True, False}:
        del svg[start:]
        taken[:] = before
        forms = _mark(svg, shortened, scale, area, taken, foot, side)
    lines_under(svg, start)
    gap = BADGE_PT / scale * GAP  # each badge is taken with this room around it
    return Marked(max((box.x1 - gap for box in taken[len(before):]), default=area.x1), True in forms if forms else None)


def _mark(svg: ET.Element, ends: list[tuple[tuple[str, str], float, float, str, bool]], scale: float, area: Box,
          taken: list[Box], foot: float, side: float = 0.0) -> set[bool]:
    """Draw the badges of ``ends`` (their words, where their flow is cut, the edge) into ``svg``
    (:func:`mark_cuts`); returns which forms were drawn (True for the short one)."""
    # the badges drawn: words and whether risky, where their flow is cut, edge, place
    said: list[tuple[tuple[str, bool], float, float, str, Box]] = []
    forms: set[bool] = set()
    near = BADGE_PT / scale * 12  # about two badges' width
    tall = BADGE_PT / scale * 1.6 * 2  # two badges' height: along a side, a lane's flows
    held, lines = Near(BADGE_PT / scale * 8, taken), Near(BADGE_PT / scale * 8)
    for texts, x, y, edge, _ in ends:
        lines.add(_run(x, y, edge, scale), texts[0])
    for texts, x, y, edge, danger in ends:
        key = (texts[0], danger)
        # Flows cut side by side to or from the same part share one badge where one would slide
        # off its own: a row of them covered one another ("fro from part 2") and the boxes beside
        # them. Each is joined to it: the second of two flows leaving for part 4 ended at the edge
        # with no mark of where it went.
        # Only on one edge: a flow entering at the side, joined to a badge on the top edge, ran a
        # line up the part's edge into it and read as a branch of the other flow (audit BF).
        along = edge in ("top", "bottom")
        # Not across the run into the part of a flow that goes elsewhere: a badge on a line reads
        # as that line's ("→ part 9" sat on a flow from part 8: audit BL).
        text, placed = _place(x, y, texts, scale, area, Blocked((held, None), (lines, texts[0])), foot, side,
                              len(ends) > CROWDED)
        apart = _apart(x, y, placed, along)
        # A risky hand-off's badge is its own, in its red, unless it has no free place of its own:
        # then it joins another flow's of the same words, as it did before it had a style of its own.
        crowded = Blocked((held, None)).meets(placed)
        words = {key, (texts[0], False)} if crowded and danger else {key}  # a plain one never takes a red one's
        # A badge on its own flow's end is drawn, even beside another of the same words: joined to
        # that one, a flow leaving a part's side ended at its edge with no mark (the join ran along
        # the edge, under the part's border: audit BQ).
        shared = next((badge for t, a, b, e, badge in said if t in words and e == edge
                       and (abs(x - a) < near if along else abs(y - b) < tall)), None) if apart > 0.5 else None
        if shared is not None:
            _join(svg, x, y, shared, along, scale)
            continue
        # Its own place taken (a box reaching the edge), a badge slid along the edge past others,
        # its line back under them (audit BL): a badge of the same words on that edge, nearer, is joined.
        nearer = min((badge for t, a, b, e, badge in said if t in words and e == edge
                      and _apart(x, y, badge, along) < min(apart, near * 3)), key=lambda b: _apart(x, y, b, along),
                     default=None) if apart > near else None
        if nearer is not None:
            _join(svg, x, y, nearer, along, scale)
            continue
        # kept a little apart from the next badge: two a point apart read as one stacked on the other
        # (at the right edge of part 1 of the audit's loops journey, on letter and on a3: audit CA)
        gap = BADGE_PT / scale * GAP
        taken.append(Box(placed.x0 - gap, placed.y0 - gap, placed.x1 + gap, placed.y1 + gap))
        held.add(taken[-1])
        draw_badge(svg, (x, y), text, placed, along, scale, danger)
        said.append((key, x, y, edge, placed))
        forms.add(text == texts[1])
    return forms

