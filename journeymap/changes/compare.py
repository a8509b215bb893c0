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
from typing import Sequence

from journeymap.analysis.analyse import Analysis, Headline
from journeymap.changes.fieldchanges import (Change, ElementChanges, detail_changes, element_changes, owner_changes,
                                             pair_changes, ratings, touchpoint_changes)
from journeymap.changes.matching import (Key, element_places, finding_delta, likely_renames, new_steps,
                                         reworded_findings, same_places, silenced_keys)
from journeymap.findings import Finding

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
    #: ``(old, new)`` of the findings both versions have whose words changed ("holds 4 hand-offs" to 5).
    findings_reworded: tuple[tuple[Finding, Finding], ...] = ()

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
        return ratings(self.changed)

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
        for a reviewer to accept, and ``ignore:`` on the journey accepts every risky hand-off,
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
        return reasons + [f"new warning {f.code} at line {f.line}, column {f.column}: {f.message}" for f in self.warnings_new]

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

    @property
    def warnings_moved(self) -> list[Finding]:
        """The new W110s of the risky hand-offs added in place of one removed (:attr:`risky_new`
        leaves them out): not regressions, and told by the verdict, which said "No regression" over
        a new W110 it never counted (audit EK)."""
        new = set(self.risky_new)
        # by the hand-off's two ends: the W110 of a new one into the same touch-point is not one of
        # them (review EN: counted twice, as new and as moved)
        moved = {(f"touchpoint {b}", f"from {a}") for a, b in self.risky_added if (a, b) not in new}
        places = element_places(self.new)
        return [f for f in self.findings_new
                if f.code == "W110" and (places.get((f.path, f.line, f.column), ""), f.subject) in moved]

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


def compare(old: Analysis, new: Analysis, old_findings: Sequence[Finding] = (),
            new_findings: Sequence[Finding] = ()) -> JourneyDiff:
    """The semantic diff of two analysed journeys and their findings."""
    old_tps, new_tps = old.journey.touchpoint_by_id, new.journey.touchpoint_by_id
    changed = touchpoint_changes(old, new)
    old_h, new_h = {f.key for f in old.handoffs}, {f.key for f in new.handoffs}
    old_risky, new_risky = {f.key for f in old.risky_handoffs}, {f.key for f in new.risky_handoffs}
    old_mot = {m.touchpoint.id for m in old.moments_of_truth}
    new_mot = {m.touchpoint.id for m in new.moments_of_truth}
    added = tuple(k for k in new_tps if k not in old_tps)
    removed = tuple(k for k in old_tps if k not in new_tps)
    stages, departments = element_changes(old, new, "stage"), element_changes(old, new, "department")
    moved = {f"{kind} {a}": f"{kind} {b}" for kind, e in (("stage", stages), ("department", departments))
             for a, b in e.likely_renamed}
    pairs = {"stage": stages.likely_renamed, "department": departments.likely_renamed}
    renames = likely_renames(old, new, removed, added, moved)
    places = same_places(old, new, removed, added, renames, moved)
    matched_changed = pair_changes(old, new, renames + places)
    improved, regressed = ratings(changed + matched_changed)
    matching = (element_places(old), element_places(new), renames + places, tuple(moved.items()))
    findings_new, findings_resolved = finding_delta(old_findings, new_findings, *matching)
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
        owners=owner_changes(old, new, pairs),
        findings_new=findings_new, findings_resolved=findings_resolved,
        steps_added=new_steps(old, new, dict(renames + places)),
        steps_removed=new_steps(new, old, {b: a for a, b in renames + places}),
        details=detail_changes(old, new, pairs),
        findings_reworded=reworded_findings(old_findings, new_findings, *matching),
    )
