"""The briefing's "What changed since REV" rows: what changed, named as people know it.

The terminal and pull-request forms (:mod:`.report`) speak to the people who edit the file: ids
in brackets, check codes, field names. The briefing goes to executives, so each row here names
the touch-point, hand-off, stage or department by name (``subject``) and says what happened to it
in words (``detail``): no ids, no check codes, no Markdown.
"""

from __future__ import annotations

from typing import Any, Optional

from journeymap.changes.compare import JourneyDiff
from journeymap.changes.fieldchanges import Change
from journeymap.changes.gone import gone_with
from journeymap.changes.matching import element_places
from journeymap.changes.naming import element_name, name_of
from journeymap.changes.report import risky_words, shown_values
from journeymap.changes.told import Told
from journeymap.findings import Finding
from journeymap.journey.model import Journey
from journeymap.journey.textsafe import isolated
from journeymap.map.theme import RATINGS

#: A field as a reader calls it.
FIELDS = {"moment_of_truth": "moment of truth", "depends_on": "depends on", "pain_points": "pain points",
          "next": "next step", "layer": "layer", "persona": "persona", "summary": "summary"}

Row = dict[str, Optional[str]]


def _field(name: str) -> str:
    return FIELDS.get(name, name.replace("_", " "))


def _holder(d: JourneyDiff, tp_id: str) -> Journey:
    """The version that has the touch-point: the new one, else the old one (it was removed)."""
    return d.new.journey if tp_id in d.new.journey.touchpoint_by_id else d.old.journey


def _where(d: JourneyDiff, tp_id: str) -> str:
    """A touch-point's stage and department, as the version that has it names them."""
    j = _holder(d, tp_id)
    tp = j.touchpoint_by_id.get(tp_id)
    if tp is None:
        return ""
    return f"{j.stage_by_id[tp.stage].name} · {j.department_by_id[tp.department].name}"


def _change(d: JourneyDiff, c: Change) -> str:
    old, new = shown_values(d, c, ids=False)
    if c.field == "reliability":  # as the briefing prints ratings: "it depends", "not rated"
        old, new = (RATINGS[v].word if v in RATINGS else v for v in (c.old, c.new))
    if c.field == "next":  # each name set apart already: one isolate round the list turned it right to left
        return f"{_field(c.field).capitalize()}: {old} \u2192 {new}"
    if c.spacing_only:
        return f"{_field(c.field).capitalize()}: only its spacing changed, no word"
    said = _field(c.field).capitalize() + (" reordered" if c.reordered else "")
    return f"{said}: {isolated(str(old))} \u2192 {isolated(str(new))}"


def _changed(d: JourneyDiff, c: Change) -> Row:
    """A field of a stage, department or the journey that changed, by the name of what it is about."""
    return {"subject": element_name(d, c, ids=False), "detail": _change(d, c)}


def _handoff(d: JourneyDiff, pair: tuple[str, str], note: str = "", *, removed: bool = False) -> Row:
    """A hand-off or step between departments as the version that has it names them: the old one
    for one that was ``removed`` (its touch-point may since have moved to another department)."""
    a, b = pair
    versions = [d.old.journey if removed and i in d.old.journey.touchpoint_by_id else _holder(d, i) for i in pair]
    depts = [j.department_by_id[j.touchpoint_by_id[i].department].name for i, j in zip(pair, versions)]
    return {"subject": f"{isolated(name_of(d, a))} \u2192 {isolated(name_of(d, b))}",
            "detail": f"{isolated(depts[0])} \u2192 {isolated(depts[1])}{note}"}


def _risk(d: JourneyDiff, pair: tuple[str, str], *, added: bool) -> str:
    """What a risky hand-off is, after its departments, in words rather than the check code the
    text report gives: " (risky)", " (risky, in place of a risky hand-off removed)", and whether
    the journey file accepts the risk (:attr:`~.compare.JourneyDiff.risky_accepted`)."""
    said = []
    if added and pair in d.risky_added:
        said.append(risky_words(d, pair))
    if pair in d.risky_accepted:
        said.append("this risk is accepted in the journey file")
    return f" ({'; '.join(said)})" if said else ""


def _risky_rows(d: JourneyDiff, told: Told) -> set[Finding]:
    """The new risky-hand-off warnings (W110) whose hand-off a row above already tells, as added
    or become risky: listed again as a "New finding" in the checker's words, the same event read
    twice (audit BL)."""
    rows = set(told.became_risky) | {k for k in told.handoffs_added if k in d.risky_added}
    places = element_places(d.new) if rows else {}
    return {f for f in d.findings_new if f.code == "W110"
            and (f.subject.removeprefix("from "), places.get((f.path, f.line, f.column), "").partition(" ")[2]) in rows}


def _plain(message: str) -> str:
    """What a finding found, without the advice to the file's editors that follows it ("add
    `metric:`"): the message up to the first ": " after the names it quotes."""
    quoted = max(message.rfind("'"), message.rfind("\u201d"))
    cut = message.find(": ", quoted + 1 if quoted >= 0 else 0)
    found = (message[:cut] if cut > 0 else message).replace("`", "")
    return found[:1].upper() + found[1:]


def briefing_rows(d: JourneyDiff) -> list[dict[str, Any]]:
    """Every change as ``{"change", "subject", "detail"}``, grouped as the text report is."""
    shown_ratings, told = set(d.regressed) | set(d.improved), Told(d)
    moments = set(d.moments_gained) | set(d.moments_lost)  # listed as gained or lost, not twice
    ratings = d.changed + d.matched_changed
    groups: list[tuple[str, list[Row]]] = [
        ("Touch-point added", [{"subject": name_of(d, i), "detail": _where(d, i)} for i in told.added]),
        ("Touch-point removed", [{"subject": name_of(d, i), "detail": _where(d, i)} for i in told.removed]),
        ("Reliability regressed", [{"subject": name_of(d, c.id), "detail": _change(d, c)} for c in ratings
                                   if c.field == "reliability" and c.id in d.regressed]),
        ("Reliability improved", [{"subject": name_of(d, c.id), "detail": _change(d, c)} for c in ratings
                                  if c.field == "reliability" and c.id in d.improved]),
        ("Touch-point changed", [{"subject": name_of(d, c.id), "detail": _change(d, c)} for c in told.changed
                                 if not (c.field == "reliability" and c.id in shown_ratings)
                                 and not (c.field == "moment_of_truth" and c.id in moments)]),
        ("Perhaps renamed", [{"subject": f"{isolated(name_of(d, a))} \u2192 {isolated(name_of(d, b))}",
                              "detail": "its id changed" if d.new.journey.touchpoint_by_id[b].id_written
                              else "a new id, from its new name"} for a, b in d.likely_renames]),
        ("In place of one removed", [{"subject": isolated(name_of(d, b)),
                                      "detail": f"in place of {isolated(name_of(d, a))}: the same steps in and out"}
                                     for a, b in d.replacements]),
        ("Hand-off added", [_handoff(d, k, _risk(d, k, added=True)) for k in told.handoffs_added]),
        ("Hand-off removed", [_handoff(d, k, " (was risky)" if k in d.risky_removed else "", removed=True)
                              for k in told.handoffs_removed]),
        ("Hand-off now within one department", [_handoff(d, k, " (was risky)" if k in d.risky_removed else "",
                                                           removed=True) for k in told.now_steps]),
        ("Hand-off became risky", [_handoff(d, k, _risk(d, k, added=False)) for k in told.became_risky]),
        ("Hand-off no longer risky", [_handoff(d, k, removed=k in d.handoffs_removed) for k in told.safer]),
        ("Hand-off into a touch-point no longer rated", [_handoff(d, k) for k in told.unrated]),
        ("Step added", [_handoff(d, k) for k in d.steps_added]),
        ("Step removed", [_handoff(d, k, removed=True) for k in d.steps_removed]),
        ("Moment of truth gained", [{"subject": name_of(d, i), "detail": _where(d, i)} for i in told.moments_gained]),
        ("Moment of truth lost", [{"subject": name_of(d, i), "detail": _where(d, i)} for i in told.moments_lost]),
        ("Owner or lead changed", [_changed(d, c) for c in d.owners]),
    ]
    for kind, e, t, new, old in (("Stage", d.stages, told.stages, d.new.journey.stage_by_id,
                                  d.old.journey.stage_by_id),
                                 ("Department", d.departments, told.departments, d.new.journey.department_by_id,
                                  d.old.journey.department_by_id)):
        groups.append((f"{kind} added", [{"subject": new[i].name, "detail": None} for i in t.added]))
        groups.append((f"{kind} removed", [{"subject": old[i].name, "detail": None} for i in t.removed]))
        groups.append((f"{kind} renamed", [{"subject": c.new, "detail": f"was {c.old}"} for c in e.renamed] +
                       [{"subject": new[b].name, "detail": f"was {old[a].name}"} for a, b in t.renamed]))
    groups.append(("Other change", [_changed(d, c) for c in d.details]))
    shown = _risky_rows(d, told)
    groups.append(("New finding", [{"subject": _plain(f.message), "detail": None} for f in d.findings_new
                                   if f not in shown]))
    gone = gone_with(d)
    groups.append(("Resolved finding", [{"subject": _plain(f.message), "detail": None} for f in d.findings_resolved
                                        if f not in gone]))
    groups.append(("Finding gone, not fixed", [{"subject": _plain(f.message), "detail": why[:1].upper() + why[1:]}
                                               for f, why in gone.items()]))
    return [{"change": change, **row} for change, rows in groups for row in rows]
