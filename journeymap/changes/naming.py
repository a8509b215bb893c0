"""What a diff's changes are about, named as people know them (shared by the report and the briefing)."""

from __future__ import annotations

from journeymap.changes.compare import JourneyDiff
from journeymap.changes.fieldchanges import Change
from journeymap.journey.textsafe import isolated


def name_of(diff: JourneyDiff, tp_id: str) -> str:
    """A touch-point's name in the new version, else in the old one (its id, were it in neither)."""
    tp = diff.new.journey.touchpoint_by_id.get(tp_id) or diff.old.journey.touchpoint_by_id.get(tp_id)
    return tp.name if tp else tp_id


def element_name(diff: JourneyDiff, change: Change, ids: bool = True) -> str:
    """What a change is about, as people know it: ``Stage Report [report]``, ``the journey``
    (without ``ids``: ``Stage Report``, ``The journey``, a touch-point by its name alone). With ids,
    a right-to-left name is set apart from its bracketed id (:func:`~journeymap.journey.textsafe.isolated`)."""
    if change.of == "journey":
        return "the journey" if ids else "The journey"
    if change.of == "touchpoint":
        name = name_of(diff, change.id)
        return f"{isolated(name)} [{change.id}]" if ids else name
    table = "stage_by_id" if change.of == "stage" else "department_by_id"
    element = getattr(diff.new.journey, table).get(change.id) or getattr(diff.old.journey, table).get(change.id)
    name = element.name if element is not None else change.id
    return f"{change.of.capitalize()} {isolated(name)} [{change.id}]" if ids else f"{change.of.capitalize()} {name}"
