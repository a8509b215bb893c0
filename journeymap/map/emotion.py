"""The customer-emotion strip: a marker per touch-point with an emotion, joined by a curve along
the flows (:func:`curve_pairs`).

Markers are clusters, not nodes: clusters are no obstacles for the edge router, so the strip
costs nothing in routing time (nodes here doubled Graphviz's time at 500 touch-points). The
curve is one edge whose route we give (``pos``; ``neato -n2`` draws a given route as it is),
in straight pieces from marker to marker that stop at each marker's rim, so the value printed
in a marker stays clear of the line drawn over the strip.
"""

from __future__ import annotations

import heapq
from typing import Container, Iterable, Optional, Sequence

from journeymap.map import theme as t
from journeymap.analysis.analyse import Analysis
from journeymap.map.bridges import RADIUS, curve_pieces
from journeymap.map.canvas import Attrs, Canvas, num, q
from journeymap.map.escape import html_label
from journeymap.map.gridshapes import Dot, Grid, Rect
from journeymap.map.labels import header_label, text_run

# Graphviz sets a line's baseline a fifth of its size below the label's centre; digits are 0.73
# of it tall, so the label goes this much lower for the digits to sit in the marker's middle
# (2.0 at 7 pt, as measured).
VALUE_DROP = 2.0 * t.EMOTION_PT / 7
CURVE_COLOR = "#52606d"
PIECES_PER_EDGE = 100


def draw_emotion(c: Canvas, grid: Grid, analysis: Analysis, ends: tuple[str, str]) -> None:
    """The strip, its heading, the markers and the curve (an edge between the nodes ``ends``)."""
    strip = grid.emotion
    if strip is None:
        return
    c.cluster("emotion", strip.x - strip.width / 2, strip.top, strip.x + strip.width / 2, strip.bottom,
              {"id": q("emotion-strip"), "class": q("emotion-strip"), "pencolor": q(t.LANE_BORDER)},
              "Customer emotion")
    zero = strip.top + 13 + 2 * t.EMOTION_STEP
    left = t.MARGIN + t.LANE_HEADER_WIDTH
    c.cluster("emotion_zero", left, zero, strip.x + strip.width / 2 - 6, zero,
              {"id": q("emotion-zero"), "class": q("emotion-zero"), "style": "dotted", "pencolor": q(t.FAINT)},
              "neutral")
    pairs, gaps = curve_links(grid.dots, ((f.source, f.target) for f in analysis.flows))
    # where the path branches, so does the curve: two lines from one marker read as a drawing
    # error, or as two customers (audit BF), with nothing to say why; where it ends, the line on
    # to a second way in is dashed (audit EE: a claim three months after a renewal read as its next step)
    forks = len({a.id for a, _ in pairs}) < len(pairs)
    sub = (["+2 delighted … −2 very unhappy"] + (["a line for each path"] if forks else [])
           + (["dashed where no flow leads on"] if gaps else []))
    head = header_label(["Customer emotion"], sub, t.NAME_SIZE, width=130)
    c.caption("emotion_label", Rect(t.MARGIN + 10 + 65, strip.y, 130, 20 + 10 * len(sub)),
              head, {"id": q("emotion-label"), "class": q("emotion-label")}, "Customer emotion")
    by_id = analysis.journey.touchpoint_by_id
    for dot in grid.dots:
        c.cluster(f"emotion.{dot.id}", dot.x - RADIUS, dot.y - RADIUS, dot.x + RADIUS, dot.y + RADIUS,
                  {**emotion_dot(dot.value, f"emotion-dot.{dot.id}"),
                   "lp": q(f"{num(dot.x)},{num(c.height - dot.y - VALUE_DROP)}")},
                  f"{t.EMOTION_WORDS[dot.value]} ({dot.value:+d}): {by_id[dot.id].name}" if dot.id in by_id else None)
    solid = curve_pieces([p for p in pairs if (p[0].id, p[1].id) not in gaps], grid.dots)
    dashed = curve_pieces([p for p in pairs if (p[0].id, p[1].id) in gaps], grid.dots)
    # Graphviz reads no quoted string longer than 16,384 characters: long curves take several
    # edges, which render.tidy_svg makes one group again (the dashed ones too)
    edges = [(line[k:k + PIECES_PER_EDGE], style) for line, style in ((solid, {}), (dashed, {"style": "dashed"}))
             for k in range(0, len(line), PIECES_PER_EDGE)]
    for n, (pieces, style) in enumerate(edges):
        pos = ";".join(" ".join(f"{num(x)},{num(c.height - y)}" for x, y in piece) for piece in pieces)
        name = "emotion-curve" + (f".{n + 1}" if n else "")
        c.edge(ends[0], ends[1], {"id": q(name), "class": q("emotion-curve"), "dir": "none",
                                  "color": q(CURVE_COLOR), "penwidth": "1.2", "pos": q(pos), **style},
               "Customer emotion, along the customer's path")


def flow_order(ids: Sequence[str], flows: Iterable[tuple[str, str]]) -> dict[str, int]:
    """Each touch-point's place in the customer's order: before everything it leads on to along
    the flows (loops aside), else in the file's order. Markers of one slot column stand in it, so
    a flow between two of them runs left to right (review S: listed the other way round, the
    curve lost a -2 to +2 step), and alternative branches keep the file's order.

    >>> flow_order(["a", "c", "b", "d"], [("a", "b"), ("b", "c"), ("c", "a"), ("a", "d")])
    {'a': 0, 'b': 1, 'c': 2, 'd': 3}
    """
    place = {ident: n for n, ident in enumerate(ids)}
    after = _onward(flows, place)
    back = _loops(ids, after)
    into = dict.fromkeys(ids, 0)
    for source, targets in after.items():
        for target in targets:
            into[target] += (source, target) not in back
    ready = [place[i] for i in ids if into[i] == 0]
    heapq.heapify(ready)
    order: dict[str, int] = {}
    while ready:
        ident = ids[heapq.heappop(ready)]
        order[ident] = len(order)
        for target in after.get(ident, ()):
            if (ident, target) not in back:
                into[target] -= 1
                if into[target] == 0:
                    heapq.heappush(ready, place[target])
    return order


def _onward(flows: Iterable[tuple[str, str]], known: Optional[Container[str]] = None) -> dict[str, list[str]]:
    """Where each touch-point's flows lead, in the flows' order (only between ``known`` ones, when given)."""
    after: dict[str, list[str]] = {}
    for source, target in flows:
        if known is None or (source in known and target in known):
            after.setdefault(source, []).append(target)
    return after


def _shortcuts(pairs: set[tuple[str, str]], marker: dict[str, Dot]) -> set[tuple[str, str]]:
    """The pairs (a, c) where c is also reached from a through other markers (a -> b -> c): the
    curve shows how the customer feels step by step, and the flows in the lanes show the skip.

    Every pair runs rightwards, so the markers taken right to left meet each one's successors
    first; what each reaches is kept as a bit set (one bit a marker), once a marker.

    >>> a, b, c = Dot("a", 0, 0, 1), Dot("b", 40, 0, 1), Dot("c", 80, 0, 1)
    >>> sorted(_shortcuts({("a", "b"), ("b", "c"), ("a", "c")}, {"a": a, "b": b, "c": c}))
    [('a', 'c')]
    """
    onward: dict[str, list[str]] = {}
    for a, b in pairs:
        onward.setdefault(a, []).append(b)
    ordered = sorted(marker, key=lambda ident: (-marker[ident].x, -marker[ident].y))
    bit = {ident: 1 << i for i, ident in enumerate(ordered)}
    reach: dict[str, int] = {}
    for ident in ordered:  # right to left: a marker's successors are done before it
        reach[ident] = 0
        for nxt in onward.get(ident, ()):
            reach[ident] |= bit[nxt] | reach[nxt]
    return {(a, c) for a, c in pairs if any(b != c and reach[b] & bit[c] for b in onward[a])}


def _loops(ids: Sequence[str], after: dict[str, list[str]]) -> set[tuple[str, str]]:
    """The flows that lead back to a touch-point on the way to them (a depth-first walk from each
    touch-point in the file's order): without them the flows have no loop."""
    back: set[tuple[str, str]] = set()
    state: dict[str, int] = {}  # 1 on the walk's way, 2 done
    for root in ids:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(after.get(root, ())))]
        while stack:
            node, rest = stack[-1]
            step = next(rest, None)
            if step is None:
                state[node] = 2
                stack.pop()
            elif state.get(step) == 1:
                back.add((node, step))
            elif step not in state:
                state[step] = 1
                stack.append((step, iter(after.get(step, ()))))
    return back


def curve_pairs(dots: tuple[Dot, ...], flows: Iterable[tuple[str, str]]) -> list[tuple[Dot, Dot]]:
    """The markers the curve joins, in the customer's order (:func:`curve_links`)."""
    return curve_links(dots, flows)[0]


def curve_links(dots: tuple[Dot, ...], flows: Iterable[tuple[str, str]]) -> tuple[
        list[tuple[Dot, Dot]], frozenset[tuple[str, str]]]:
    """The markers the curve joins, in the customer's order: each marker to the next ones along the
    flows, forwards (left to right), through touch-points without an emotion; then, where that
    leaves the markers in several pieces, neighbours left to right across them, so one line joins
    them all (SPEC 4.1).

    Alternative branches stay apart: a curve joining markers in map order alone ran from one
    branch's customer (+1, address found) to the other's (-2, the form failed), a fall no customer
    had. A journey without flows between its markers keeps the one line of before. A
    step that skips markers the curve reaches another way is left out (:func:`_shortcuts`): a
    stage whose flows let customers skip ahead drew a fan of lines from one marker, a closed
    triangle, no longer a curve. Second, the ids of the pairs that join pieces no flow joins (a
    path's end and a second way in): drawn dashed, as the line crosses a gap in the customer's path.

    >>> a, b, c = Dot("a", 0, 0, 1), Dot("b", 40, 0, 1), Dot("c", 80, 0, 1)
    >>> [(p.id, q.id) for p, q in curve_pairs((a, b, c), [("a", "x"), ("x", "c"), ("a", "b")])]
    [('a', 'b'), ('a', 'c')]
    >>> curve_links((a, b, c), [("a", "b")])[1]
    frozenset({('b', 'c')})
    """
    marker = {dot.id: dot for dot in dots}
    after = _onward(flows)
    pairs: set[tuple[str, str]] = set()
    for dot in dots:
        seen, todo = {dot.id}, list(after.get(dot.id, ()))
        while todo:
            step = todo.pop()
            if step in seen:
                continue
            seen.add(step)
            if step not in marker:
                todo.extend(after.get(step, ()))
            elif marker[step].x > dot.x:  # a flow back (a loop) draws no line leftwards
                pairs.add((dot.id, step))
    pairs -= _shortcuts(pairs, marker)
    piece = {dot.id: dot.id for dot in dots}

    def whose(ident: str) -> str:
        while piece[ident] != ident:
            piece[ident] = piece[piece[ident]]
            ident = piece[ident]
        return ident

    for a, b in pairs:
        piece[whose(a)] = whose(b)
    ordered = sorted(dots, key=lambda d: (d.x, d.y))
    gaps = set()
    for left, right in zip(ordered, ordered[1:]):
        if whose(left.id) != whose(right.id):
            gaps.add((left.id, right.id))
            piece[whose(left.id)] = whose(right.id)
    return sorted(((marker[a], marker[b]) for a, b in pairs | gaps),
                  key=lambda p: (p[0].x, p[0].y, p[1].x, p[1].y)), frozenset(gaps)


def emotion_dot(value: int, element_id: str) -> Attrs:
    """Cluster attributes of one emotion marker: colour and the signed value printed inside."""
    text = f"{value:+d}" if value else "0"
    return {"id": q(element_id), "class": q("emotion"), "style": q("rounded,filled"),
            "fillcolor": q(t.EMOTION_FILLS[value]), "pencolor": q(t.MUTED), "penwidth": "0.6",
            "fontname": q(t.FONT), "label": html_label(text_run(text.replace("-", "−"), t.EMOTION_PT, t.INK, bold=True))}
