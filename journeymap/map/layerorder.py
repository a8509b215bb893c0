"""Lanes out of service-blueprint order: a department nearer the customer listed after one further
from them (a frontstage lane under a backstage one).

The map draws a blueprint line wherever the layer changes between two lanes
(:func:`~journeymap.map.legend.rule_kind`), so lanes out of order draw the line of visibility more
than once, with customer-facing lanes below it (audit CW). That is still a valid journey, and its
lanes keep the order it gives (SPEC 4.1), so this is a note, not a finding: it says what the map
will show and how to order the departments.
"""

from __future__ import annotations

from typing import Optional

from msgspec import Struct

from journeymap.journey.model import Department, Journey
from journeymap.map.legend import RULE_WORDS, rule_kind
from journeymap.report import counted, listed

#: The company's own layers, front to back. An outside lane (``external``) may sit anywhere: the
#: limit of our control is drawn wherever it meets the company's lanes.
_DEPTH = {"frontstage": 0, "backstage": 1, "support": 2}


class LayerOrder(Struct, frozen=True):
    """The first lane out of order (``line`` and ``column`` where the journey names its department)
    and what it says."""

    line: int
    column: int
    text: str

    def message(self) -> str:
        """What is out of order, what the map draws for it, and how to order the departments."""
        return self.text


def _drawn(departments: tuple[Department, ...]) -> dict[str, int]:
    """How many times the map draws the company's own blueprint lines (visibility, internal
    interaction) between these lanes, by their words: the limit of our control is drawn wherever
    an outside lane is, rightly."""
    kinds = [rule_kind(a.layer, b.layer) for a, b in zip(departments, departments[1:])]
    return {RULE_WORDS[k]: kinds.count(k) for k in ("visibility", "internal") if kinds.count(k)}


def layer_order(journey: Journey) -> Optional[LayerOrder]:
    """The note for a journey whose lanes step back towards the customer, else None."""
    deepest: Optional[Department] = None
    for department in journey.departments:
        depth = _DEPTH.get(department.layer or "")
        if depth is None:
            continue
        if deepest is not None and depth < _DEPTH[deepest.layer or ""]:
            return LayerOrder(*department.pos, _said(journey, department, deepest))
        if deepest is None or depth > _DEPTH[deepest.layer or ""]:
            deepest = department
    return None


def _said(journey: Journey, lane: Department, above: Department) -> str:
    twice = [f"the {words} {counted(n, 'time')}" for words, n in _drawn(journey.departments).items() if n > 1]
    draws = (f", so the map draws {listed(twice)}" if twice else
             ", so the map puts a lane nearer the customer below one further from them")
    where = ("the journey's `departments:` (their ids are enough), or in the project file's registry, whose "
             "order a journey that lists none takes" if lane.registry else "`departments:`")
    return (f"the lanes are out of service-blueprint order: {lane.name} ({lane.layer}) comes after "
            f"{above.name} ({above.layer}){draws}; list the company's departments front to back (frontstage, "
            f"then backstage, then support; an outside lane anywhere) in {where}")
