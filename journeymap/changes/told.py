"""What the human reports of a diff (text, Markdown, the briefing's "What changed") list: what
changed for the customer, matched through what looks renamed. The JSON keeps to ids (SPEC 3)."""

from __future__ import annotations

from journeymap.changes.compare import JourneyDiff
from journeymap.changes.fieldchanges import ElementChanges
from journeymap.changes.matching import Key, same_through_renames


class Told:
    """What the human reports (text, Markdown, the briefing's "What changed") list of hand-offs and
    moments of truth: matched through the touch-points that look renamed, as steps and findings
    are. An id changed alone had its hand-offs listed as added and removed, its moment of truth as
    gained and lost, and "4 hand-offs added or removed" while there were 11 before and after.
    The JSON keeps to ids (SPEC 3)."""

    def __init__(self, d: JourneyDiff) -> None:
        same = same_through_renames(d.handoffs_added, d.handoffs_removed, d.matched)
        before = {old: new for new, old in same.items()}
        self.handoffs_added = tuple(k for k in d.handoffs_added if k not in same)
        removed = tuple(k for k in d.handoffs_removed if k not in before)
        #: Hand-offs whose flow stays, now within one department: a touch-point moved to the other's
        #: department read as "Hand-offs removed", as if the customer's path had lost a step (audit CD).
        onto_new, flows = dict(d.matched), {f.key for f in d.new.flows}
        self.now_steps = tuple(k for k in removed if (onto_new.get(k[0], k[0]), onto_new.get(k[1], k[1])) in flows)
        self.handoffs_removed = tuple(k for k in removed if k not in self.now_steps)
        #: in both versions (through a rename) and risky in the new one only, or in the old one only
        self.became_risky = tuple(k for k in d.risky_added if k not in d.handoffs_added
                                  or (k in same and same[k] not in d.risky_removed))
        safer = tuple(k for k in d.risky_removed if k not in d.handoffs_removed
                      or (k in before and before[k] not in d.risky_added))
        #: into a touch-point rated "unknown" now: not risky by definition, yet not made safer
        rated, onto = d.new.journey.touchpoint_by_id, dict(d.matched)  # looked up under its new id, if renamed
        self.unrated: tuple[Key, ...] = tuple(k for k in safer if (tp := rated.get(onto.get(k[1], k[1]))) is not None
                                              and tp.reliability == "unknown")
        self.safer: tuple[Key, ...] = tuple(k for k in safer if k not in self.unrated)
        was = {new: old for old, new in d.matched}
        kept = {i for i in d.moments_gained if was.get(i) in d.moments_lost}
        self.moments_gained = tuple(i for i in d.moments_gained if i not in kept)
        self.moments_lost = tuple(i for i in d.moments_lost if i not in {was[k] for k in kept})
        #: A stage or department that looks renamed (an id from its name) is shown as renamed, and
        #: its touch-points are not listed as moved to it.
        self.stages, self.departments = Elements(d.stages), Elements(d.departments)
        #: A touch-point that looks renamed is listed once, as perhaps renamed, not also as one added
        #: and one removed, and a step to it is not a change of the touch-point before.
        self.renamed = d.likely_renames
        self.added = tuple(i for i in d.added if i not in {b for _, b in d.likely_renames})
        self.removed = tuple(i for i in d.removed if i not in {a for a, _ in d.likely_renames})
        onto = dict(d.likely_renames)  # not one in place of another: that is still listed as added and removed
        self.changed = tuple(c for c in d.changed + d.matched_changed
                             if not (c.field == "stage" and (c.old, c.new) in self.stages.pairs)
                             and not (c.field == "department" and (c.old, c.new) in self.departments.pairs)
                             and not (c.field == "next" and _renamed_steps(c.old, onto) == c.new))


def _renamed_steps(steps: object, onto: dict[str, str]) -> object:
    """A ``next`` list (``{to, label}`` items) with each id that looks renamed as its new one."""
    def renamed(step: object) -> object:
        if isinstance(step, str):
            return onto.get(step, step)
        if isinstance(step, dict):
            return {**step, "to": onto.get(step["to"], step["to"])}
        return step

    return [renamed(step) for step in steps] if isinstance(steps, list) else steps


class Elements:
    """Stages or departments as the reports list them: one that looks renamed under a new id is
    a pair (``pairs``), not one added and one removed."""

    def __init__(self, e: ElementChanges) -> None:
        self.pairs = set(e.likely_renamed)
        self.renamed = e.likely_renamed
        self.added = tuple(i for i in e.added if i not in {b for _, b in e.likely_renamed})
        self.removed = tuple(i for i in e.removed if i not in {a for a, _ in e.likely_renamed})
