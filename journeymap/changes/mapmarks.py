"""The marks of ``journeymap diff --map``: NEW drawn with what is added, changed and removed."""

from __future__ import annotations

from typing import Mapping, Sequence, TypeVar

from msgspec.structs import replace

from journeymap.analysis.analyse import Analysis, analyse
from journeymap.changes.compare import JourneyDiff
from journeymap.changes.fieldchanges import Change, ElementChanges
from journeymap.changes.matching import through
from journeymap.changes.report import shown_values
from journeymap.changes.told import Told
from journeymap.journey.model import Department, Stage
from journeymap.map.marks import Ghost, Marks
from journeymap.map.text import shorten

Element = TypeVar("Element", Stage, Department)


def diff_drawing(d: JourneyDiff) -> tuple[Analysis, Marks]:
    """What ``diff --map`` draws: NEW with the stages and departments it no longer has put back
    where they were in OLD (empty but for the ghosts of their touch-points), and the marks.
    A removed stage was left off the map with its touch-points and flows, a risky hand-off among
    them, while the legend said removals were marked."""
    stages = [a for a in d.stages.removed if a not in dict(d.stages.likely_renamed)]
    departments = [a for a in d.departments.removed if a not in dict(d.departments.likely_renamed)]
    new = d.new.journey
    if not stages and not departments:
        return d.new, diff_marks(d)
    put_back = _put_back(d.old.journey.stages, new.stages, stages, dict(d.stages.likely_renamed))
    lanes = _put_back(d.old.journey.departments, new.departments, departments, dict(d.departments.likely_renamed))
    journey = replace(
        new, stages=tuple(replace(s, index=i, touchpoints=() if s.id in stages else s.touchpoints)
                          for i, s in enumerate(put_back)),
        departments=tuple(replace(lane, index=i) for i, lane in enumerate(lanes)))
    marks = replace(diff_marks(d), removed_stages=frozenset(stages),
                   removed_departments=frozenset(departments))
    return analyse(journey), marks


def _put_back(old: Sequence[Element], new: Sequence[Element], removed: Sequence[str],
              renamed: dict[str, str]) -> list[Element]:
    """``new``'s elements with the ``removed`` ones of ``old`` each after the one it followed
    there (through ``renamed``) that ``new`` still has."""
    kept = {e.id for e in new}
    after: dict[str, list[Element]] = {}
    last = ""  # before the first
    for element in old:
        if element.id in removed:
            after.setdefault(last, []).append(element)
        elif renamed.get(element.id, element.id) in kept:
            last = renamed.get(element.id, element.id)
    ordered: list[Element] = list(after.get("", []))
    for kept_one in new:
        ordered.append(kept_one)
        ordered.extend(after.get(kept_one.id, []))
    return ordered


def diff_marks(d: JourneyDiff) -> Marks:
    """Added and changed touch-points, ghosts of removed ones, added and removed flows.

    A removed touch-point is drawn as a ghost in its old stage and department (under the ids they
    look renamed to) when the drawing has both (:func:`diff_drawing` puts removed ones back);
    removed flows are drawn between whatever is still on the map (current touch-points or
    ghosts). Flows are compared by their ``(from, to)`` ids.
    """
    old_tps = d.old.journey.touchpoint_by_id
    # A touch-point that looks renamed (an id made from its name) is the same one changed, as the
    # report tells it, not one added beside the ghost of one removed, and its flows are
    # matched through the rename.
    now = dict(d.matched)  # a replacement too, as the report tells it ("in place of": review AQ)
    was = {new: old for old, new in now.items()}
    added = frozenset(i for i in d.added if i not in was)
    # a stage or department that looks renamed does not change its touch-points (as the report tells it)
    told = Told(d).changed
    changed = frozenset(c.id for c in told if c.id not in added) | frozenset(was)
    stage_order = {s.id: [t.id for t in s.touchpoints] for s in d.old.journey.stages}
    stage_to, department_to = dict(d.stages.likely_renamed), dict(d.departments.likely_renamed)
    ghosts = tuple(
        Ghost(tp.id, tp.name, stage_to.get(tp.stage, tp.stage), department_to.get(tp.department, tp.department),
              tp.reliability,
              tuple(stage_order[tp.stage][stage_order[tp.stage].index(tp.id) + 1:]))
        for tp in (old_tps[i] for i in d.removed if i not in now)
    )
    old_keys = [through(f.key, now) for f in d.old.flows]
    old_flows = set(old_keys)
    new_flows = {f.key for f in d.new.flows}
    old_handoffs = {through(f.key, now) for f in d.old.handoffs}
    new_handoffs = {f.key for f in d.new.handoffs}
    return Marks(
        added=added,
        changed=changed,
        ghosts=ghosts,
        added_flows=frozenset((new_flows - old_flows) | (new_handoffs - old_handoffs)),
        removed_flows=tuple(dict.fromkeys(k for k in old_keys if k not in new_flows)),
        removed_handoffs=frozenset(old_handoffs - new_flows),
        former_handoffs=frozenset((old_handoffs - new_handoffs) & new_flows),
        worse=frozenset(d.regressed) & changed,
        better=frozenset(d.improved) & changed,
        what=_what(d, told, changed, was),
        renamed_stages=_renamed(d.stages, d.old.journey.stage_by_id),
        renamed_departments=_renamed(d.departments, d.old.journey.department_by_id),
    )


def _renamed(e: ElementChanges, old: Mapping[str, Stage | Department]) -> tuple[tuple[str, str], ...]:
    """``(id, old name)`` of the stages (or departments) renamed, under one id or a new one from the name."""
    return tuple((c.id, str(c.old)) for c in e.renamed) + tuple((b, old[a].name) for a, b in e.likely_renamed)


def _what(d: JourneyDiff, changes: Sequence[Change], changed: frozenset[str],
          was: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """Each changed touch-point's ``changes`` as its tooltip tells them, old value to new (``was``:
    the old id of each that looks renamed)."""
    old_tps = d.old.journey.touchpoint_by_id
    renamed = set(d.likely_renames)

    def source(new: str, old: str) -> str:
        said = "perhaps renamed from" if (old, new) in renamed else "in place of"
        return f"{said} {shorten(old_tps[old].name, 60)} [{old}]"

    told: dict[str, list[str]] = {new: [source(new, old)] for new, old in was.items()}
    for c in changes:
        if c.id in changed:
            old, new = (shorten(v, 60) for v in shown_values(d, c))
            told.setdefault(c.id, []).append(f"{c.field}: {old} \u2192 {new}")
    return tuple((ident, "; ".join(parts)) for ident, parts in told.items())
