"""The executive page, "Where the customer falls through the cracks", as plain sentences.

Three lists, each item naming who must act: the risky hand-offs (most severe first: into an
unreliable moment of truth, then into an unreliable touch-point, then into an "it depends" one;
at most :data:`LISTED`, the rest counted), every moment of truth that is not reliable, and every
stage nobody owns (SPEC 4.2 caps only the hand-offs). No check codes and no line numbers: this page is for people, not for the file.
"""

from __future__ import annotations

from typing import Any, Optional

from journeymap.analysis.analyse import Analysis
from journeymap.journey.model import Department, Touchpoint

#: Risky hand-offs named on the page; the rest are counted ("and N more") and listed under Hand-offs.
LISTED = 10
_SHAKY = {"unreliable": 0, "it-depends": 1, "unknown": 2}

_WORDS = {"reliable": "reliable", "it-depends": "rated \u201cit depends\u201d", "unreliable": "unreliable",
          "unknown": "not rated"}


def severity(target: Touchpoint) -> int:
    """0 into an unreliable moment of truth, 1 into an unreliable touch-point, 2 into "it depends"."""
    if target.reliability == "unreliable":
        return 0 if target.moment_of_truth else 1
    return 2


#: Leads written to say there is none ("Who must act: n/a and Henrik" read as a person named n/a).
_NO_LEAD = frozenset({"n/a", "na", "none", "-", "\u2014", "tbd", "tba", "?", "unknown", "nobody"})


def _lead(d: Department, owner: Optional[str]) -> str:
    """The department's lead; without one, the journey's owner (SPEC 4.2: the leads or the owner).
    A department outside the company's control says so: an executive cannot direct it."""
    if d.lead and d.lead.strip().lower().strip(".") not in _NO_LEAD:
        return f"{d.lead} ({d.name}, outside the company)" if d.layer == "external" else d.lead
    return f"{owner} (no lead is named for {d.name})" if owner else f"no lead named for {d.name}"


def _who(*people: str) -> str:
    unique = list(dict.fromkeys(people))
    return " and ".join(unique)


def risky_handoffs(analysis: Analysis) -> list[dict[str, Any]]:
    """Every risky hand-off as a sentence with who must act, most severe first (stable otherwise)."""
    j = analysis.journey
    by_id, dept = j.touchpoint_by_id, j.department_by_id
    risky = [f for f in analysis.handoffs if f.risky]
    ordered = sorted(risky, key=lambda f: severity(by_id[f.target]))
    rows = []
    for f in ordered:
        s, t = by_id[f.source], by_id[f.target]
        ds, dt = dept[s.department], dept[t.department]
        what = _WORDS[t.reliability] + (" and is a moment of truth" if t.moment_of_truth else "")
        # The customer is the subject: a department's name may be plural ("Field engineers") or
        # the customer's own side, and "Field engineers hands the customer" read as machine-made.
        rows.append({"severity": severity(t), "source": s.name, "target": t.name,
                     "from_department": ds.name, "to_department": dt.name, "stage": j.stage_by_id[t.stage].name,
                     "text": (f"The customer goes from \u201c{s.name}\u201d ({ds.name}) to \u201c{t.name}\u201d "
                              f"({dt.name}), which is {what}."),
                     "who": _who(_lead(ds, j.owner), _lead(dt, j.owner))})
    return rows


def shaky_moments(analysis: Analysis) -> list[dict[str, Any]]:
    """The moments of truth not rated reliable, with the lead of their department (unreliable first,
    then "it depends", then not rated)."""
    rows = []
    ordered = sorted(analysis.moments_of_truth, key=lambda m: _SHAKY.get(m.touchpoint.reliability, 3))
    for m in ordered:
        tp = m.touchpoint
        if tp.reliability == "reliable":
            continue
        rows.append({"name": tp.name, "department": m.department.name, "stage": m.stage.name,
                     "rating": tp.reliability,
                     "text": (f"\u201c{tp.name}\u201d ({m.stage.name}, {m.department.name}) is a moment of "
                              f"truth and is {_WORDS[tp.reliability]}."),
                     "who": _lead(m.department, analysis.journey.owner)})
    return rows


def unowned_stages(analysis: Analysis) -> list[dict[str, Any]]:
    """The stages without an owner; the journey's owner must name one."""
    owner: Optional[str] = analysis.journey.owner
    who = (f"{owner}, to name an owner" if owner
           else "the journey's accountable executive (none is named), to name an owner")
    return [{"name": s.name, "touchpoints": len(s.touchpoints),
             "text": f"Nobody owns the stage \u201c{s.name}\u201d ({len(s.touchpoints)} touch-point"
                     f"{'s' if len(s.touchpoints) != 1 else ''}).", "who": who}
            for s in analysis.journey.stages if not s.owner]


def cracks_context(analysis: Analysis) -> dict[str, Any]:
    """The executive page's data: the first :data:`LISTED` risky hand-offs and how many more there
    are, every shaky moment of truth and every stage nobody owns (``more_moments`` and
    ``more_stages`` stay 0, for templates written when those lists were cut too)."""
    handoffs, moments, stages = risky_handoffs(analysis), shaky_moments(analysis), unowned_stages(analysis)
    return {"handoffs": handoffs[:LISTED], "more_handoffs": max(0, len(handoffs) - LISTED),
            "risky_total": len(handoffs), "moments": moments, "more_moments": 0, "stages": stages,
            "more_stages": 0, "sound": sound(analysis, bool(handoffs), bool(moments), bool(stages))}


def sound(analysis: Analysis, risky: bool, shaky: bool, unowned: bool) -> list[str]:
    """What holds, as sentences, for the lists that are empty: the page says what is fine (a list
    left out read as a section forgotten), and a journey with no moment of truth is told so, not
    that "every moment of truth is reliable"."""
    j, moments = analysis.journey, analysis.moments_of_truth
    said = []
    if not risky:
        said.append("No hand-off is risky." if analysis.handoffs
                    else "The customer never passes from one department to another.")
    if not moments:
        said.append("No touch-point is marked as a moment of truth, so this briefing cannot show which "
                    "moments decide how the customer judges the journey.")
    elif not shaky:
        said.append("The moment of truth is reliable." if len(moments) == 1
                    else f"All {len(moments)} moments of truth are reliable.")
    if not unowned and j.stages:
        said.append("Every stage has an owner.")
    return said
