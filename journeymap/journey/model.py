"""The journey as typed, validated values: what every later pipeline step works on.

Built by :mod:`journeymap.journey.validate` from a file that has no errors. Every element keeps the
1-based ``(line, column)`` of its YAML node so checks can point at it.
"""

from __future__ import annotations

from functools import cached_property
from typing import Literal, Optional, get_args

from msgspec import Struct, field

from journeymap.journey.records import leaves_out

Pos = tuple[int, int]
Reliability = Literal["reliable", "it-depends", "unreliable", "unknown"]
Layer = Literal["external", "frontstage", "backstage", "support"]
Category = Literal["at-risk", "needs", "bond", "growth"]

#: The words of each vocabulary, in the order the file format lists them (its validation and
#: schema use the Literal types above).
RELIABILITIES: tuple[str, ...] = get_args(Reliability)
#: Worst first: the order in which a cell's "worst rating" is chosen.
RELIABILITY_SEVERITY: dict[str, int] = {"unreliable": 0, "it-depends": 1, "unknown": 2, "reliable": 3}
#: The order along which a rating improves or regresses (unknown is outside it).
RELIABILITY_RANK: dict[str, int] = {"unreliable": 0, "it-depends": 1, "reliable": 2}
RISKY: frozenset[str] = frozenset({"it-depends", "unreliable"})
LAYERS: tuple[str, ...] = get_args(Layer)
#: The layers in plain words, for readers who do not speak service blueprint ("FRONTSTAGE" on a
#: lane read as jargon to executives: audit P 18). Here, where the file's words are: the loader
#: tells a layer written in them, and the map prints them.
LAYER_WORDS = {
    "external": "outside our control",
    "frontstage": "customer-facing",
    "backstage": "behind the scenes",
    "support": "support",
}
CATEGORIES: tuple[str, ...] = get_args(Category)


class Persona(Struct, frozen=True):
    """Who the journey is about."""

    name: Optional[str] = None
    goal: Optional[str] = None
    expectations: tuple[str, ...] = ()


@leaves_out("id_written")
class Department(Struct, frozen=True):
    """A swim lane: a department that owns touch-points."""

    id: str
    name: str
    index: int
    pos: Pos
    lead: Optional[str] = None
    layer: Optional[Layer] = None
    ignore: frozenset[str] = frozenset()
    registry: bool = False  #: the department comes from the project's shared registry
    id_written: bool = False  #: its ``id:`` is in the file (else made from its name)


class NextRef(Struct, frozen=True):
    """One explicit ``next:`` item: the target touch-point id and an optional edge label."""

    to: str
    pos: Pos
    label: Optional[str] = None


@leaves_out("id_written")
class Touchpoint(Struct, frozen=True):
    """A moment where the customer meets the company, owned by one department, in one stage."""

    id: str
    name: str
    department: str
    stage: str
    index: int
    pos: Pos
    channel: Optional[str] = None
    reliability: Reliability = "unknown"
    depends_on: tuple[str, ...] = ()
    category: Optional[Category] = None
    moment_of_truth: bool = False
    emotion: Optional[int] = None
    expectation: Optional[str] = None
    metric: Optional[str] = None
    pain_points: tuple[str, ...] = ()
    opportunities: tuple[str, ...] = ()
    notes: Optional[str] = None
    next: Optional[tuple[NextRef, ...]] = None
    ignore: frozenset[str] = frozenset()
    #: Whether the file writes its ``id:`` (else it comes from the name): ``diff`` pairs only
    #: touch-points whose ids came from their names as one put in the other's place.
    id_written: bool = False

    @property
    def risky(self) -> bool:
        """Rated ``it-depends`` or ``unreliable``."""
        return self.reliability in RISKY


@leaves_out("id_written")
class Stage(Struct, frozen=True):
    """A column: one step of the journey as the customer sees it."""

    id: str
    name: str
    index: int
    pos: Pos
    touchpoints: tuple[Touchpoint, ...] = ()
    owner: Optional[str] = None
    goal: Optional[str] = None
    metrics: tuple[str, ...] = ()
    feedback: tuple[str, ...] = ()
    ignore: frozenset[str] = frozenset()
    id_written: bool = False  #: its ``id:`` is in the file (else made from its name)


@leaves_out("extensions", "id_pos", "element_extensions")
class Journey(Struct, frozen=True, dict=True):
    """A whole validated journey file."""

    path: str
    id: str
    title: str
    departments: tuple[Department, ...]
    stages: tuple[Stage, ...]
    pos: Pos = (1, 1)
    summary: Optional[str] = None
    owner: Optional[str] = None
    persona: Optional[Persona] = None
    ignore: frozenset[str] = frozenset()
    extensions: dict[str, object] = field(default_factory=dict)
    project: Optional[str] = None  #: the project file that applied (SPEC 1.2), if any
    #: Where ``id:`` gives the journey's id (None: the id comes from the file name).
    id_pos: Optional[Pos] = None
    #: The ``x-`` keys of its departments, stages and touch-points, by ``"touchpoint:<id>"``,
    #: ``"stage:<id>"``, ``"department:<id>"`` (those that have some).
    element_extensions: dict[str, dict[str, object]] = field(default_factory=dict)

    @cached_property
    def touchpoints(self) -> tuple[Touchpoint, ...]:
        """All touch-points in document order (the customer's default order)."""
        return tuple(tp for stage in self.stages for tp in stage.touchpoints)

    @cached_property
    def touchpoint_by_id(self) -> dict[str, Touchpoint]:
        """Touch-points keyed by id."""
        return {tp.id: tp for tp in self.touchpoints}

    @cached_property
    def department_by_id(self) -> dict[str, Department]:
        """Departments keyed by id."""
        return {d.id: d for d in self.departments}

    @cached_property
    def stage_by_id(self) -> dict[str, Stage]:
        """Stages keyed by id."""
        return {s.id: s for s in self.stages}
