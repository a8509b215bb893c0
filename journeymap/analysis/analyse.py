"""Analysis of a validated journey: flows, hand-offs, matrices, reachability, headline numbers.

Computed once, here, and used by the checks, the map, the briefing, the exports and the diff.
"""

from __future__ import annotations

from collections import deque
from functools import cached_property
from typing import Iterable, Optional

from msgspec import Struct

from journeymap.journey.model import RELIABILITIES, RELIABILITY_SEVERITY, Department, Journey, Stage, Touchpoint


class Flow(Struct, frozen=True):
    """A directed edge of the customer's path between two touch-points."""

    source: str
    target: str
    label: Optional[str]
    explicit: bool
    handoff: bool
    risky: bool

    @property
    def key(self) -> tuple[str, str]:
        """``(source, target)``: a flow's identity."""
        return (self.source, self.target)


class Cell(Struct, frozen=True):
    """One stage x department cell of the reliability grid."""

    worst: Optional[str]
    counts: tuple[tuple[str, int], ...]

    @property
    def total(self) -> int:
        """Touch-points in the cell."""
        return sum(n for _, n in self.counts)

    def count(self, rating: str) -> int:
        """Touch-points in the cell with that rating."""
        return dict(self.counts).get(rating, 0)


class MomentOfTruth(Struct, frozen=True):
    """A touch-point flagged as a moment of truth, with who is accountable for it."""

    touchpoint: Touchpoint
    department: Department
    stage: Stage

    @property
    def lead(self) -> Optional[str]:
        """The lead of the owning department."""
        return self.department.lead


class Headline(Struct, frozen=True):
    """The numbers on the briefing cover and in the exports."""

    touchpoints: int
    departments: int
    stages: int
    handoffs: int
    risky_handoffs: int
    reliable: int
    reliable_share: float
    moments_of_truth: int
    ratings: tuple[tuple[str, int], ...]


def compute_flows(journey: Journey) -> tuple[Flow, ...]:
    """The flow graph of SPEC 1.1: document order by default, ``next:`` where given."""
    tps = journey.touchpoints
    by_id = journey.touchpoint_by_id
    flows: list[Flow] = []
    for i, tp in enumerate(tps):
        targets: list[tuple[str, Optional[str]]]
        if tp.next is None:
            targets = [(tps[i + 1].id, None)] if i + 1 < len(tps) else []
        else:
            targets = [(ref.to, ref.label) for ref in tp.next]
        # A target named twice is one flow, labelled with every label it was given ("paid / refunded":
        # the second was dropped without a word, audit AE).
        given: dict[str, list[str]] = {}
        for target_id, label in targets:
            if target_id in by_id:
                given.setdefault(target_id, [])
                if label is not None and label not in given[target_id]:
                    given[target_id].append(label)
        labels = {target_id: " / ".join(names) or None for target_id, names in given.items()}
        explicit = tp.next is not None
        for target_id, label in labels.items():
            target = by_id[target_id]
            handoff = target.department != tp.department
            flows.append(Flow(tp.id, target_id, label, explicit, handoff, handoff and target.risky))
    return tuple(flows)


def reachable_from_first(journey: Journey, flows: tuple[Flow, ...], also: Iterable[str] = ()) -> frozenset[str]:
    """Ids of the touch-points reachable from the first one (itself included), and from ``also``,
    other ways in."""
    if not journey.touchpoints:
        return frozenset()
    out: dict[str, list[str]] = {}
    for flow in flows:
        out.setdefault(flow.source, []).append(flow.target)
    seen = {journey.touchpoints[0].id, *also}
    queue = deque(seen)
    while queue:
        for nxt in out.get(queue.popleft(), ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return frozenset(seen)


def rating_cell(ratings: Iterable[str]) -> Cell:
    """A heatmap cell of these reliability ratings: the worst of them and how many of each."""
    counts = {r: 0 for r in RELIABILITIES}
    for rating in ratings:
        counts[rating] += 1
    present = [r for r in RELIABILITIES if counts[r]]
    worst = min(present, key=RELIABILITY_SEVERITY.__getitem__) if present else None
    return Cell(worst, tuple((r, counts[r]) for r in RELIABILITIES if counts[r]))


class Analysis(Struct, frozen=True, dict=True):
    """Everything derived from one journey. Cheap to build; properties are computed on demand."""

    journey: Journey

    @cached_property
    def flows(self) -> tuple[Flow, ...]:
        """Every flow edge, in source document order."""
        return compute_flows(self.journey)

    @cached_property
    def handoffs(self) -> tuple[Flow, ...]:
        """Flows between touch-points of different departments."""
        return tuple(f for f in self.flows if f.handoff)

    @cached_property
    def risky_handoffs(self) -> tuple[Flow, ...]:
        """Hand-offs into a touch-point rated it-depends or unreliable."""
        return tuple(f for f in self.flows if f.risky)

    @cached_property
    def reachable(self) -> frozenset[str]:
        """Touch-points reachable from the first touch-point, or from another way in: one whose
        file accepts W113 (``ignore: [W113]``), as W113 advises. The briefing and the JSON export
        had told a claim begun by a second way in as a path no customer takes (audit EE)."""
        ways_in = [tp.id for tp in self.journey.touchpoints if "W113" in tp.ignore]
        return reachable_from_first(self.journey, self.flows, ways_in)

    @cached_property
    def branches(self) -> bool:
        """Whether some touch-point leads on to two or more: the map shows more than one path."""
        return len({f.source for f in self.flows}) < len(self.flows)

    @cached_property
    def handoff_matrix(self) -> dict[tuple[str, str], int]:
        """``(from department, to department) -> hand-off count``, only non-zero pairs."""
        return self._department_pairs(self.handoffs)

    @cached_property
    def risky_handoff_matrix(self) -> dict[tuple[str, str], int]:
        """``(from department, to department) -> risky hand-off count``, only non-zero pairs."""
        return self._department_pairs(self.risky_handoffs)

    def _department_pairs(self, flows: tuple[Flow, ...]) -> dict[tuple[str, str], int]:
        by_id = self.journey.touchpoint_by_id
        matrix: dict[tuple[str, str], int] = {}
        for f in flows:
            key = (by_id[f.source].department, by_id[f.target].department)
            matrix[key] = matrix.get(key, 0) + 1
        return matrix

    @cached_property
    def handoffs_by_stage(self) -> dict[str, tuple[Flow, ...]]:
        """Hand-offs grouped by the stage of their target touch-point (every stage present)."""
        by_id = self.journey.touchpoint_by_id
        groups: dict[str, list[Flow]] = {s.id: [] for s in self.journey.stages}
        for f in self.handoffs:
            groups[by_id[f.target].stage].append(f)
        return {k: tuple(v) for k, v in groups.items()}

    @cached_property
    def reliability_grid(self) -> dict[tuple[str, str], Cell]:
        """``(stage id, department id) -> Cell`` for every pair (empty cells have worst None)."""
        cells: dict[tuple[str, str], list[Touchpoint]] = {
            (s.id, d.id): [] for s in self.journey.stages for d in self.journey.departments
        }
        for tp in self.journey.touchpoints:
            cells[(tp.stage, tp.department)].append(tp)
        return {key: rating_cell(tp.reliability for tp in tps) for key, tps in cells.items()}

    @cached_property
    def department_touchpoints(self) -> dict[str, tuple[Touchpoint, ...]]:
        """Touch-points owned by each department (every department present), document order."""
        groups: dict[str, list[Touchpoint]] = {d.id: [] for d in self.journey.departments}
        for tp in self.journey.touchpoints:
            groups[tp.department].append(tp)
        return {k: tuple(v) for k, v in groups.items()}

    @cached_property
    def moments_of_truth(self) -> tuple[MomentOfTruth, ...]:
        """Moments of truth in document order, with their department and stage."""
        j = self.journey
        return tuple(
            MomentOfTruth(tp, j.department_by_id[tp.department], j.stage_by_id[tp.stage])
            for tp in j.touchpoints
            if tp.moment_of_truth
        )

    @cached_property
    def headline(self) -> Headline:
        """Counts for the cover and the exports."""
        tps = self.journey.touchpoints
        ratings = {r: 0 for r in RELIABILITIES}
        for tp in tps:
            ratings[tp.reliability] += 1
        reliable = ratings["reliable"]
        return Headline(
            touchpoints=len(tps),
            departments=len(self.journey.departments),
            stages=len(self.journey.stages),
            handoffs=len(self.handoffs),
            risky_handoffs=len(self.risky_handoffs),
            reliable=reliable,
            reliable_share=round(reliable / len(tps), 4) if tps else 0.0,
            moments_of_truth=len(self.moments_of_truth),
            ratings=tuple(ratings.items()),
        )


def analyse(journey: Journey) -> Analysis:
    """The analysis of a journey (properties are computed lazily and cached)."""
    return Analysis(journey)
