"""The marks of ``journeymap diff --map``: NEW drawn with what is added, changed and removed."""

from __future__ import annotations

from journeymap.changes.compare import JourneyDiff
from journeymap.changes.matching import through
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
    # A touch-point that looks renamed (an id made from its name) is the same one changed, as the
    # report tells it, not one added beside the ghost of one removed (audit AF), and its flows are
    # matched through the rename.
    now = dict(d.likely_renames)
    was = {new: old for old, new in now.items()}
    added = frozenset(i for i in d.added if i not in was)
    changed = frozenset(c.id for c in d.changed if c.id not in added) | frozenset(was)
    stage_order = {s.id: [t.id for t in s.touchpoints] for s in d.old.journey.stages}
    ghosts = tuple(
        Ghost(tp.id, tp.name, tp.stage, tp.department, tp.reliability,
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
        what=_what(d, changed, was),
    )


def _what(d: JourneyDiff, changed: frozenset[str], was: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """Each changed touch-point's changes as its tooltip tells them, old value to new (``was``: the
    old id of each that looks renamed)."""
    old_tps = d.old.journey.touchpoint_by_id
    told: dict[str, list[str]] = {new: [f"perhaps renamed from {shorten(old_tps[old].name, 60)} [{old}]"]
                                  for new, old in was.items()}
    for c in d.changed + d.renamed_changed:
        if c.id in changed:
            old, new = (shorten(v, 60) for v in shown_values(d, c))
            told.setdefault(c.id, []).append(f"{c.field}: {old} \u2192 {new}")
    return tuple((ident, "; ".join(parts)) for ident, parts in told.items())
