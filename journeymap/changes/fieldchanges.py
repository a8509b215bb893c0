"""What changed field by field between two analysed journeys: each touch-point's fields, the
stages' and departments' names and fields, owners and leads, and the journey's own fields.
:func:`.compare.compare` puts these together with the hand-offs, steps and findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Optional, Sequence

from journeymap.analysis.analyse import Analysis
from journeymap.changes.matching import Key, element_renames
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

    @property
    def spacing_only(self) -> bool:
        """Whether a text, or each item of a list of texts, changed only in its spaces and line
        breaks (trailing spaces in a folded summary showed as two texts that read the same: audit
        DA; in a list item too: review DB)."""
        if isinstance(self.old, dict) and isinstance(self.new, dict):  # a persona's (audit DG: no-break spaces)
            return (self.old != self.new and self.old.keys() == self.new.keys()
                    and all(_words_alike(self.old[k], self.new[k]) for k in self.old))
        if isinstance(self.old, (list, tuple)) and isinstance(self.new, (list, tuple)):  # an item's spaces
            return list(self.old) != list(self.new) and _words_alike(self.old, self.new)
        return (isinstance(self.old, str) and isinstance(self.new, str) and self.old != self.new
                and self.old.split() == self.new.split())

    @property
    def reordered(self) -> bool:
        """Whether a list only changed its order: the same items, told as "reordered" (a reviewer
        read "pain_points A, B -> B, A" as an edit to find: audit DA)."""
        lists = (list, tuple)
        if isinstance(self.old, dict) and isinstance(self.new, dict):  # a persona's expectations
            keys = (self.old.keys() | self.new.keys()) - {"expectations"}
            return (all(_words_alike(self.old.get(k), self.new.get(k)) for k in keys)  # respaced too: review DH
                    and Change(self.id, "expectations", self.old.get("expectations") or [],
                               self.new.get("expectations") or []).reordered)
        return (isinstance(self.old, lists) and isinstance(self.new, lists) and list(self.old) != list(self.new)
                and not self.spacing_only and sorted(map(_words, self.old)) == sorted(map(_words, self.new)))


def _words_alike(old: Any, new: Any) -> bool:
    """Whether two values read alike but for their spacing: texts word for word, lists item for
    item, anything else equal."""
    if isinstance(old, str) and isinstance(new, str):
        return old.split() == new.split()
    if isinstance(old, (list, tuple)) and isinstance(new, (list, tuple)):
        return len(old) == len(new) and all(_words_alike(a, b) for a, b in zip(old, new))
    return bool(old == new)


def _words(item: Any) -> tuple[bool, str]:
    """An item as compared for order: a text by its words, so that a list both reordered and
    respaced is still told as reordered (it showed no tag: review DD); anything else as written."""
    return (True, " ".join(item.split())) if isinstance(item, str) else (False, repr(item))


@dataclass(frozen=True)
class ElementChanges:
    """Stages or departments added, removed and renamed."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    renamed: tuple[Change, ...]
    #: ``(old id, new id)`` of one removed and one added that look like one renamed (an id from its name).
    likely_renamed: tuple[Key, ...] = ()


def field_value(tp: Touchpoint, field: str) -> Any:
    """A touch-point field in its JSON form."""
    value = getattr(tp, field)
    if field == "next":
        # as the JSON export writes it: one shape, label or none (audit BH: ids and objects mixed)
        return None if value is None else [{"to": r.to, "label": r.label} for r in value]
    return _value(value)


def touchpoint_changes(old: Analysis, new: Analysis) -> tuple[Change, ...]:
    """The fields of each touch-point both versions have (by id) that changed; a written-out
    default ``next`` that leaves the path as it was is no change."""
    old_tps, new_tps = old.journey.touchpoint_by_id, new.journey.touchpoint_by_id
    old_out, new_out = _onward(old), _onward(new)
    return tuple(c for tp_id, tp in new_tps.items() if tp_id in old_tps
                 for c in _field_changes_of(tp_id, old_tps[tp_id], tp, TOUCHPOINT_FIELDS)
                 if not (c.field == "next" and old_out.get(tp_id) == new_out.get(tp_id)))


#: What a touch-point that looks renamed or replaced is compared by: its name is what changed, and
#: its next steps are compared through the pairs (``steps_added``, ``steps_removed``).
PAIR_FIELDS = tuple(f for f in TOUCHPOINT_FIELDS if f not in ("name", "next"))


def pair_changes(old: Analysis, new: Analysis, pairs: Sequence[Key]) -> tuple[Change, ...]:
    """The :data:`PAIR_FIELDS` of each ``(old id, new id)`` pair that changed, under the new id."""
    before, after = old.journey.touchpoint_by_id, new.journey.touchpoint_by_id
    return tuple(c for a, b in pairs for c in _field_changes_of(b, before[a], after[b], PAIR_FIELDS))


#: Lists whose order says nothing: what a rating depends on (reordered, it was told as a change
#: while reordered ``next`` branches rightly were not: audit CD).
UNORDERED = frozenset({"depends_on"})


def _field_changes_of(ident: str, before: Touchpoint, after: Touchpoint, fields: Sequence[str]) -> list[Change]:
    """The ``fields`` of a touch-point that differ between ``before`` and ``after``, as ``ident``'s."""
    changes = []
    for field in fields:
        a, b = field_value(before, field), field_value(after, field)
        if a != b and not (field in UNORDERED and sorted(a or []) == sorted(b or [])):
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


def element_changes(before: Analysis, after: Analysis, kind: str) -> ElementChanges:
    """The stages (``kind`` "stage") or departments added, removed, renamed and likely renamed."""
    old, new = ((a.journey.stage_by_id if kind == "stage" else a.journey.department_by_id) for a in (before, after))
    renamed = tuple(Change(k, "name", old[k].name, v.name, kind) for k, v in new.items()
                    if k in old and old[k].name != v.name)
    added, removed = tuple(k for k in new if k not in old), tuple(k for k in old if k not in new)
    return ElementChanges(added, removed, renamed, element_renames(before, after, kind, removed, added))


def ratings(changes: Sequence[Change]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The touch-points whose rating improved and regressed among ``changes`` (to or from
    ``unknown`` is neither)."""
    improved, regressed = [], []
    for change in changes:
        if change.field != "reliability" or "unknown" in (change.old, change.new):
            continue
        if RELIABILITY_RANK[change.new] > RELIABILITY_RANK[change.old]:
            improved.append(change.id)
        else:
            regressed.append(change.id)
    return tuple(improved), tuple(regressed)


#: The stages' and departments' ``(old id, new id)`` pairs that look renamed (their ids made
#: from their names), by kind: :attr:`ElementChanges.likely_renamed`.
Renames = Mapping[str, Sequence[Key]]


def owner_changes(old: Analysis, new: Analysis, renames: Optional[Renames] = None) -> tuple[Change, ...]:
    """The journey's owner, each stage's owner and each department's lead that changed (of one
    that looks renamed too, under its new id)."""
    a, b, renames = old.journey, new.journey, renames or {}
    changes = [Change(b.id, "owner", a.owner, b.owner, "journey")] if a.owner != b.owner else []
    changes += _field_changes("stage", ("owner",), a.stage_by_id, b.stage_by_id, renames.get("stage", ()))
    changes += _field_changes("department", ("lead",), a.department_by_id, b.department_by_id,
                              renames.get("department", ()))
    return tuple(changes)


def _field_changes(kind: str, fields: Sequence[str], before: dict[str, Any], after: dict[str, Any],
                   pairs: Sequence[Key] = ()) -> list[Change]:
    """The ``fields`` that differ between the stages (or departments) both versions have, by id,
    and between each ``(old id, new id)`` of ``pairs``: a stage renamed without an ``id:`` whose
    feedback was added in the same edit was told renamed, the feedback nowhere (audit CQ)."""
    matched = [(key, key) for key in after if key in before] + [(x, y) for x, y in pairs if x in before and y in after]
    return [Change(key, f, _value(getattr(before[was], f)), _value(getattr(after[key], f)), kind)
            for was, key in matched for f in fields if getattr(before[was], f) != getattr(after[key], f)]


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


def detail_changes(old: Analysis, new: Analysis, renames: Optional[Renames] = None) -> tuple[Change, ...]:
    """The journey's, stages' and departments' other fields that changed (of those that look
    renamed too), the order of stages and lanes, and a journey id the file writes."""
    a, b, renames = old.journey, new.journey, renames or {}
    changes = [Change(b.id, f, _value(getattr(a, f)), _value(getattr(b, f)), "journey") for f in JOURNEY_FIELDS
               if getattr(a, f) != getattr(b, f)]
    changes += _field_changes("stage", STAGE_FIELDS, a.stage_by_id, b.stage_by_id, renames.get("stage", ()))
    changes += _field_changes("department", DEPARTMENT_FIELDS, a.department_by_id, b.department_by_id,
                              renames.get("department", ()))
    changes += _order(b.id, "stage order", [s.id for s in a.stages], [s.id for s in b.stages])
    changes += _order(b.id, "lane order", [d.id for d in a.departments], [d.id for d in b.departments])
    # The journey's id names its outputs, its page in the live preview and its row in the
    # portfolio (audit BH: a new `id:` read "No change"). Ids made from two file names differ
    # without an edit: only one the file writes is told.
    if a.id != b.id and (a.id_pos is not None or b.id_pos is not None):
        changes.insert(0, Change(b.id, "id", a.id, b.id, "journey"))
    return tuple(changes)
