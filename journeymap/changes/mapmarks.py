"""The marks of ``journeymap diff --map``: NEW drawn with what is added, changed and removed."""

from __future__ import annotations

from journeymap.changes.compare import JourneyDiff
from journeymap.changes.report import shown_values
from journeymap.map.marks import Ghost, Marks
from journeymap.map.text import shorten


def diff_marks(d: JourneyDiff) -> Marks:
    """Added and changed touch-points, ghosts of removed ones, added and removed flows.

    A removed touch-point is drawn as a ghost in its old stage and department when NEW still has
    both; removed flows are drawn between whatever is still on the map (current touch-points or
    ghosts). Flows are compared by their ``(from, to)`` ids.
    """
    old_tps = d.old.journey.touchpoint_by_id
    added = frozenset(d.added)
    changed = frozenset(c.id for c in d.changed if c.id not in added)
    stage_order = {s.id: [t.id for t in s.touchpoints] for s in d.old.journey.stages}
    ghosts = tuple(
        Ghost(tp.id, tp.name, tp.stage, tp.department, tp.reliability,
              tuple(stage_order[tp.stage][stage_order[tp.stage].index(tp.id) + 1:]))
        for tp in (old_tps[i] for i in d.removed)
    )
    old_flows = {f.key for f in d.old.flows}
    new_flows = {f.key for f in d.new.flows}
    old_handoffs = {f.key for f in d.old.handoffs}
    new_handoffs = {f.key for f in d.new.handoffs}
    return Marks(
        added=added,
        changed=changed,
        ghosts=ghosts,
        added_flows=frozenset((new_flows - old_flows) | (new_handoffs - old_handoffs)),
        removed_flows=tuple(f.key for f in d.old.flows if f.key not in new_flows),
        removed_handoffs=frozenset(old_handoffs - new_flows),
        former_handoffs=frozenset((old_handoffs - new_handoffs) & new_flows),
        worse=frozenset(d.regressed) & changed,
        better=frozenset(d.improved) & changed,
        what=_what(d, changed),
    )


def _what(d: JourneyDiff, changed: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """Each changed touch-point's changes as its tooltip tells them, old value to new."""
    told: dict[str, list[str]] = {}
    for c in d.changed:
        if c.id in changed:
            old, new = (shorten(v, 60) for v in shown_values(d, c))
            told.setdefault(c.id, []).append(f"{c.field}: {old} \u2192 {new}")
    return tuple((ident, "; ".join(parts)) for ident, parts in told.items())
