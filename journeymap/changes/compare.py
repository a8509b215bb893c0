"""What changed for the customer between two versions of a journey (``journeymap diff``).

Touch-points, stages and departments are matched by id. Findings are matched by code and the
element they are about (their lines move when the file is edited, and their messages when an
element is renamed); a finding at no element's position is matched by its message. A removed
and an added touch-point that look like one renamed (:mod:`.matching`) are listed as removed and
added, but their findings, steps and risky hand-offs are matched through the rename. A
*regression* is a regressed reliability rating, an added risky hand-off or a new warning.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Optional, Sequence

from journeymap.analysis.analyse import Analysis, Headline
from journeymap.changes.matching import (Key, element_places, element_renames, finding_delta, likely_renames,
                                         new_steps, same_places, silenced_keys)
from journeymap.findings import Finding
from journeymap.journey.model import RELIABILITY_RANK, Persona, Touchpoint

TOUCHPOINT_FIELDS: tuple[str, ...] = (
    "name", "stage", "department", "channel", "reliability", "depends_on", "category",
    "moment_of_truth", "emotion", "expectation", "metric", "pain_points", "opportunities", "notes",
    "next", "ignore",
)

#: Fields compared besides names, owners and leads: the journey's, each stage's, each department's.
#: ``ignore`` among them: a warning silenced read as resolved, the edit shown nowhere.
JOURNEY_FIELDS: tuple[str, ...] = ("title", "summary", "persona", "ignore")
STAGE_FIELDS: tuple[str, ...] = ("goal", "metrics", "feedback", "ignore")
DEPARTMENT_FIELDS: tuple[str, ...] = ("layer", "ignore")


@dataclass(frozen=True)
class Change:
    """One field of one element that changed: ``old`` and ``new`` in their JSON form."""

    id: str
    field: str
    old: Any
    new: Any
    #: What ``id`` names: ``"touchpoint"``, ``"stage"``, ``"department"`` or ``"journey"`` (not in the JSON).
    of: str = "touchpoint"

    def as_dict(self) -> dict[str, Any]:
        """``{"id", "field", "old", "new"}``."""
        return {"id": self.id, "field": self.field, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class ElementChanges:
    """Stages or departments added, removed and renamed."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    renamed: tuple[Change, ...]
    #: ``(old id, new id)`` of one removed and one added that look like one renamed (an id from its name).
    likely_renamed: tuple[Key, ...] = ()


@dataclass(frozen=True)
class JourneyDiff:
    """The semantic difference between an old and a new journey."""

    old: Analysis
    new: Analysis
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[Change, ...]
    stages: ElementChanges
    departments: ElementChanges
    handoffs_added: tuple[Key, ...]
    handoffs_removed: tuple[Key, ...]
    risky_added: tuple[Key, ...]
    improved: tuple[str, ...]
    regressed: tuple[str, ...]
    moments_gained: tuple[str, ...]
    moments_lost: tuple[str, ...]
    owners: tuple[Change, ...]
    findings_new: tuple[Finding, ...]
    findings_resolved: tuple[Finding, ...]
    #: Steps of the customer's path within one department (flows that are not hand-offs), added and removed.
    steps_added: tuple[Key, ...] = ()
    steps_removed: tuple[Key, ...] = ()
    #: Other fields of the journey, its stages and departments, and the order of stages and lanes.
    details: tuple[Change, ...] = ()
    #: Risky hand-offs of the old version that the new one no longer has, or has but not risky.
    risky_removed: tuple[Key, ...] = ()
    #: ``(old id, new id)`` of a removed and an added touch-point that look like one renamed
    #: (:func:`~journeymap.changes.matching.likely_renames`).
    likely_renames: tuple[Key, ...] = ()
    #: ``(old id, new id)`` of a removed and an added touch-point in the same place on the path
    #: (:func:`~journeymap.changes.matching.same_places`): reworded, or one put in the other's place.
    replacements: tuple[Key, ...] = ()
    #: The other fields of the touch-points that look renamed or replaced (:attr:`matched`) that
    #: changed too, under the new id: a rating lowered as a step was reworded passed the regression
    #: gate unsaid, and then, of one reworded further, through a replacement.
    matched_changed: tuple[Change, ...] = ()

    @property
    def matched(self) -> tuple[Key, ...]:
        """The renames and the replacements: what the human reports and the regression gate match
        hand-offs, steps, moments of truth and findings through (a step's place on the path is the same)."""
        return self.likely_renames + self.replacements

    @property
    def ratings_by_id(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The ratings improved and regressed of the touch-points matched by id alone: SPEC 3's
        JSON ``reliability``. :attr:`improved` and :attr:`regressed` add those of the pairs that
        look renamed or replaced, which the reports tell and the regression gate counts."""
        return _ratings(self.changed)

    @property
    def headline_before(self) -> Headline:
        """The old version's headline numbers."""
        return self.old.headline

    @property
    def headline_after(self) -> Headline:
        """The new version's headline numbers."""
        return self.new.headline

    @cached_property  # asked once per hand-off added by the reports: 0.46 s of a 2,000-touch-point diff
    def risky_new(self) -> tuple[Key, ...]:
        """The risky hand-offs added that are new cracks: not one the old version had under the ids
        its touch-points were perhaps renamed from (renaming an end lists it as added and removed,
        SPEC 3 matching by id, but made it a regression too: review Y), nor one that replaces a
        risky hand-off removed into the same touch-point from the same department (a step
        before it taken out: audit AB's "2 things got worse" as risky hand-offs went from 5 to 4)."""
        was = {new: old for old, new in self.matched}
        # Each risky hand-off removed excuses one added at most: the same one renamed first, then
        # one from the same department into the same touch-point (review AC: one excused two).
        removed = set(self.risky_removed)
        old_tp, new_tp = self.old.journey.touchpoint_by_id, self.new.journey.touchpoint_by_id
        left = []
        for a, b in self.risky_added:
            renamed = (was.get(a, a), was.get(b, b))
            if renamed in removed:
                removed.discard(renamed)
            else:
                left.append((a, b))
        replaced = Counter((old_tp[a].department, b) for a, b in removed)
        found = []
        for a, b in left:
            crack = (new_tp[a].department, was.get(b, b))
            if replaced[crack] > 0:
                replaced[crack] -= 1
            else:
                found.append((a, b))
        return tuple(found)

    @cached_property
    def risky_accepted(self) -> tuple[Key, ...]:
        """The risky hand-offs added that the new version's ``ignore:`` lists accept (its W110 left
        out, as ``check`` leaves it out). Still regressions, as SPEC 3 counts them: a new crack is
        for a reviewer to accept, and ``ignore:`` on a department accepts every hand-off into it,
        the next one included; the reports say it is accepted (audit BH: ``check --strict``
        passed, the gate failed, and nothing said why)."""
        from journeymap.analysis.checks import accepted_handoffs  # only a diff with risky hand-offs added asks

        accepted = accepted_handoffs(self.new) if self.risky_added else set()
        return tuple(k for k in self.risky_added if k in accepted)

    @property
    def regressions(self) -> list[str]:
        """Why this change makes the experience worse (empty when it does not)."""
        reasons = [f"reliability regressed: {tp}" for tp in self.regressed]
        accepted = set(self.risky_accepted)
        reasons += [f"risky hand-off added: {a} -> {b}" + (" (accepted by ignore: W110)" if (a, b) in accepted else "")
                    for a, b in self.risky_new]
        return reasons + [f"new warning {f.code}: {f.message}" for f in self.warnings_new]

    @property
    def warnings_new(self) -> list[Finding]:
        """The new warnings that count as regressions of their own: a risky hand-off added brings
        its W110 (at the touch-point it leads into), which is told with the hand-off (one thing got
        worse, not two) or not at all (:attr:`risky_new`)."""
        told = Counter(f"touchpoint {b}" for _, b in self.risky_added)  # new, renamed or replacing one
        places = element_places(self.new)
        found = []
        for f in self.findings_new:
            where = places.get((f.path, f.line, f.column), "")
            if f.code == "W110" and told[where] > 0:
                told[where] -= 1
            elif not f.is_error and f not in self.unsilenced:
                found.append(f)
        return found

    @cached_property
    def unsilenced(self) -> frozenset[Finding]:
        """The new warnings an ``ignore:`` list silenced in the old version: shown again, not worse
        for the customer (review AZ: taking an ignore: away failed the gate)."""
        if not self.findings_new:
            return frozenset()
        quiet, places = silenced_keys(self.old), element_places(self.new)
        return frozenset(f for f in self.findings_new
                         if (f.code, places.get((f.path, f.line, f.column), ""), f.subject) in quiet)

    @property
    def empty(self) -> bool:
        """Nothing changed that the comparison sees."""
        return not any((self.added, self.removed, self.changed, self.stages.added, self.stages.removed,
                        self.stages.renamed, self.departments.added, self.departments.removed,
                        self.departments.renamed, self.handoffs_added, self.handoffs_removed,
                        self.steps_added, self.steps_removed, self.owners, self.details,
                        self.findings_new, self.findings_resolved))


def field_value(tp: Touchpoint, field: str) -> Any:
    """A touch-point field in its JSON form."""
    value = getattr(tp, field)
    if field == "next":
        # as the JSON export writes it: one shape, label or none (audit BH: ids and objects mixed)
        return None if value is None else [{"to": r.to, "label": r.label} for r in value]
    return _value(value)


def _touchpoint_changes(old: Analysis, new: Analysis) -> tuple[Change, ...]:
    old_tps, new_tps = old.journey.touchpoint_by_id, new.journey.touchpoint_by_id
    old_out, new_out = _onward(old), _onward(new)
    return tuple(c for tp_id, tp in new_tps.items() if tp_id in old_tps
                 for c in _field_changes_of(tp_id, old_tps[tp_id], tp, TOUCHPOINT_FIELDS)
                 if not (c.field == "next" and old_out.get(tp_id) == new_out.get(tp_id)))


#: What a touch-point that looks renamed or replaced is compared by: its name is what changed, and
#: its next steps are compared through the pairs (``steps_added``, ``steps_removed``).
PAIR_FIELDS = tuple(f for f in TOUCHPOINT_FIELDS if f not in ("name", "next"))


def _pair_changes(old: Analysis, new: Analysis, pairs: Sequence[Key]) -> tuple[Change, ...]:
    """The :data:`PAIR_FIELDS` of each ``(old id, new id)`` pair that changed, under the new id."""
    before, after = old.journey.touchpoint_by_id, new.journey.touchpoint_by_id
    return tuple(c for a, b in pairs for c in _field_changes_of(b, before[a], after[b], PAIR_FIELDS))


def _field_changes_of(ident: str, before: Touchpoint, after: Touchpoint, fields: Sequence[str]) -> list[Change]:
    """The ``fields`` of a touch-point that differ between ``before`` and ``after``, as ``ident``'s."""
    changes = []
    for field in fields:
        a, b = field_value(before, field), field_value(after, field)
        if a != b:
            changes.append(Change(ident, field, a, b))
    return changes


def _onward(analysis: Analysis) -> dict[str, tuple[tuple[str, Optional[str]], ...]]:
    """Where the customer goes on from each touch-point: ``(target, label)`` of its flows. Writing
    out the default next step (``next: [x]`` for the touch-point that follows anyway) changes
    the file, not the path, so it is no change for the customer."""
    onward: dict[str, list[tuple[str, Optional[str]]]] = {}
    for flow in analysis.flows:
        onward.setdefault(flow.source, []).append((flow.target, flow.label))
    return {source: tuple(sorted(targets, key=lambda t: (t[0], t[1] or ""))) for source, targets in onward.items()}


def _elements(before: Analysis, after: Analysis, kind: str) -> ElementChanges:
    old, new = ((a.journey.stage_by_id if kind == "stage" else a.journey.department_by_id) for a in (before, after))
    renamed = tuple(Change(k, "name", old[k].name, v.name, kind) for k, v in new.items()
                    if k in old and old[k].name != v.name)
    added, removed = tuple(k for k in new if k not in old), tuple(k for k in old if k not in new)
    return ElementChanges(added, removed, renamed, element_renames(before, after, kind, removed, added))


def _ratings(changes: Sequence[Change]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    improved, regressed = [], []
    for change in changes:
        if change.field != "reliability" or "unknown" in (change.old, change.new):
            continue
        if RELIABILITY_RANK[change.new] > RELIABILITY_RANK[change.old]:
            improved.append(change.id)
        else:
            regressed.append(change.id)
    return tuple(improved), tuple(regressed)


def _owners(old: Analysis, new: Analysis) -> tuple[Change, ...]:
    a, b = old.journey, new.journey
    changes = [Change(b.id, "owner", a.owner, b.owner, "journey")] if a.owner != b.owner else []
    changes += _field_changes("stage", ("owner",), a.stage_by_id, b.stage_by_id)
    changes += _field_changes("department", ("lead",), a.department_by_id, b.department_by_id)
    return tuple(changes)


def _field_changes(kind: str, fields: Sequence[str], before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """The ``fields`` that differ between the stages (or departments) both versions have, by id."""
    return [Change(key, f, _value(getattr(before[key], f)), _value(getattr(element, f)), kind)
            for key, element in after.items() if key in before
            for f in fields if getattr(before[key], f) != getattr(element, f)]


def _value(value: Any) -> Any:
    """A field in its JSON form: tuples as lists, a persona as its mapping."""
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, frozenset):  # ignore: the codes in order
        return sorted(value)
    if isinstance(value, Persona):
        return {"name": value.name, "goal": value.goal, "expectations": list(value.expectations)}
    return value


def _order(ident: str, field: str, before: Sequence[str], after: Sequence[str]) -> list[Change]:
    """A change of order among the ids both versions have (additions and removals aside)."""
    kept = set(before) & set(after)
    old, new = [i for i in before if i in kept], [i for i in after if i in kept]
    return [Change(ident, field, old, new, "journey")] if old != new else []


def _details(old: Analysis, new: Analysis) -> tuple[Change, ...]:
    a, b = old.journey, new.journey
    changes = [Change(b.id, f, _value(getattr(a, f)), _value(getattr(b, f)), "journey") for f in JOURNEY_FIELDS
               if getattr(a, f) != getattr(b, f)]
    changes += _field_changes("stage", STAGE_FIELDS, a.stage_by_id, b.stage_by_id)
    changes += _field_changes("department", DEPARTMENT_FIELDS, a.department_by_id, b.department_by_id)
    changes += _order(b.id, "stage order", [s.id for s in a.stages], [s.id for s in b.stages])
    changes += _order(b.id, "lane order", [d.id for d in a.departments], [d.id for d in b.departments])
    # The journey's id names its outputs, its page in the live preview and its row in the
    # portfolio (audit BH: a new `id:` read "No change"). Ids made from two file names differ
    # without an edit: only one the file writes is told.
    if a.id != b.id and (a.id_pos is not None or b.id_pos is not None):
        changes.insert(0, Change(b.id, "id", a.id, b.id, "journey"))
    return tuple(changes)


def compare(old: Analysis, new: Analysis, old_findings: Sequence[Finding] = (),
            new_findings: Sequence[Finding] = ()) -> JourneyDiff:
    """The semantic diff of two analysed journeys and their findings."""
    old_tps, new_tps = old.journey.touchpoint_by_id, new.journey.touchpoint_by_id
    changed = _touchpoint_changes(old, new)
    old_h, new_h = {f.key for f in old.handoffs}, {f.key for f in new.handoffs}
    old_risky, new_risky = {f.key for f in old.risky_handoffs}, {f.key for f in new.risky_handoffs}
    old_mot = {m.touchpoint.id for m in old.moments_of_truth}
    new_mot = {m.touchpoint.id for m in new.moments_of_truth}
    added = tuple(k for k in new_tps if k not in old_tps)
    removed = tuple(k for k in old_tps if k not in new_tps)
    stages, departments = _elements(old, new, "stage"), _elements(old, new, "department")
    moved = {f"{kind} {a}": f"{kind} {b}" for kind, e in (("stage", stages), ("department", departments))
             for a, b in e.likely_renamed}
    renames = likely_renames(old, new, removed, added, moved)
    places = same_places(old, new, removed, added, renames, moved)
    matched_changed = _pair_changes(old, new, renames + places)
    improved, regressed = _ratings(changed + matched_changed)
    findings_new, findings_resolved = finding_delta(old_findings, new_findings, element_places(old),
                                                     element_places(new), renames + places, tuple(moved.items()))
    return JourneyDiff(
        old=old, new=new,
        added=added, removed=removed, likely_renames=renames, replacements=places, matched_changed=matched_changed,
        changed=changed,
        stages=stages, departments=departments,
        handoffs_added=tuple(f.key for f in new.handoffs if f.key not in old_h),
        handoffs_removed=tuple(f.key for f in old.handoffs if f.key not in new_h),
        risky_added=tuple(f.key for f in new.risky_handoffs if f.key not in old_risky),
        risky_removed=tuple(f.key for f in old.risky_handoffs if f.key not in new_risky),
        improved=improved, regressed=regressed,
        moments_gained=tuple(m.touchpoint.id for m in new.moments_of_truth if m.touchpoint.id not in old_mot),
        moments_lost=tuple(m.touchpoint.id for m in old.moments_of_truth if m.touchpoint.id not in new_mot),
        owners=_owners(old, new),
        findings_new=findings_new, findings_resolved=findings_resolved,
        steps_added=new_steps(old, new, dict(renames + places)),
        steps_removed=new_steps(new, old, {b: a for a, b in renames + places}),
        details=_details(old, new),
    )
