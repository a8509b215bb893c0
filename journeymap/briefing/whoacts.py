"""Who must act on a crack of the executive page (:mod:`.cracks`): a department's lead; without
one, the owner who answers for it; for a department outside the company, the owner who answers for
it with its contact named where the page first names it."""

from __future__ import annotations

from typing import Any, NamedTuple, Optional

from journeymap.journey.model import Department
from journeymap.journey.textsafe import bracketed, names_someone
from journeymap.journey.textsafe import isolated as _i


class Act(NamedTuple):
    """Who must act for one department: ``who`` as said; or the owner standing in for it, ``role``
    "outside" (a department outside the company, its ``contact`` after) or "no lead", ``dept`` the
    department as the note says it; or, ``role`` "nobody", no one to name for ``dept``."""

    who: str
    role: str = ""
    dept: str = ""
    contact: str = ""


def act_for(d: Department, *owners: Optional[str]) -> Act:
    """The department's lead; without one, the first of ``owners`` named: the stage's owner (who
    is accountable for it across departments), then the journey's (SPEC 4.2: the leads or the
    owner). The journey's owner was asked before the stage's, and with neither a line ended "Who
    must act: no lead named for Gamma", naming nobody though its stage had an owner.
    A department outside the company's control is answered for by the stage's owner (else the
    journey's), its own contact named after: an executive cannot direct an outside party, and
    "Who must act: Pat (Press, outside the company)" gave the fix to one."""
    owner = next((o for o in owners if names_someone(o)), None)
    lead = _i(d.lead) if d.lead is not None and names_someone(d.lead) else None
    if d.layer == "external":  # no lead of ours by design, as Accountability says: no gap to name
        if owner:
            return Act(_i(owner), "outside", bracketed(d.name), f"; contact: {lead}" if lead else "")
        return Act(f"{lead} ({bracketed(d.name)}, outside the company)" if lead else f"{_i(d.name)}, outside the company")
    if lead:
        return Act(lead)
    return Act(_i(owner), "no lead", bracketed(d.name)) if owner else Act("", "nobody", _i(d.name))


def who(*acts: Act, told: Optional[set[str]] = None) -> str:
    """The people who must act, each once: an owner standing in for two departments is named once
    for both ("Head of Logistics (no lead is named for Procurement or Contact centre)"; "… (for
    Press, outside the company; no lead is named for Sales)"), not twice in a row (audit CX,
    review CY); two departments with no one to name are said together. Told apart by their parts,
    not read back from their sentences: an owner "Head of Care (for EMEA)" was taken apart at its
    own bracket (review CZ). An outside department's contact is named where it is first named
    (``told``: the departments whose contact the page has named, added to)."""
    if told is not None:  # the contact said four times on one slide (audit DK)
        acts = tuple(a._replace(contact="") if a.role == "outside" and a.contact and a.dept in told else a
                     for a in acts)
        told.update(a.dept for a in acts if a.role == "outside" and a.contact)
    groups: dict[str, list[Act]] = {}
    for act in acts:
        groups.setdefault(act.who, []).append(act)
    # the people first, and the gap after them on its own: "no lead named for Alpha and Bea" read
    # as if neither Alpha nor Bea's department had a lead (audit FT)
    people = " and ".join(_said(who, group) for who, group in groups.items() if who)
    gap = _said("", groups[""]) if "" in groups else ""
    return f"{people}; {gap}" if people and gap else people or gap


def _said(who: str, acts: list[Act]) -> str:
    """One person and their stand-in notes in one bracket: the outside departments together, then
    those with a contact, then the departments with no lead named together."""
    def depts(role: str, contact: bool = False) -> list[str]:
        return list(dict.fromkeys(a.dept for a in acts if a.role == role and bool(a.contact) == contact))

    if not who:
        return f"no lead is named for {' or '.join(depts('nobody'))}"
    outside, gaps = depts("outside"), depts("no lead")
    notes = ([f"for {' and '.join(outside)}, outside the company"] if outside else []) + list(dict.fromkeys(
        f"for {a.dept}, outside the company{a.contact}" for a in acts if a.role == "outside" and a.contact))
    notes += [f"no lead is named for {' or '.join(gaps)}"] if gaps else []
    return f"{who} ({'; '.join(notes)})" if notes else who


def acting(*acts: Act) -> dict[str, Any]:
    """A crack's row's ``acts`` (the departments' :class:`Act`, kept for :func:`named_once`) and
    ``who`` must act, as said alone."""
    return {"acts": acts, "who": who(*acts)}


def named_once(rows: list[dict[str, Any]]) -> None:
    """Say in each row's ``who``, in page order, an outside department's contact only where the
    page first names the department: on one slide "(for Operador donante, outside the company;
    contact: Gestor de interconexión del operador donante)" was said four times (audit DK)."""
    told: set[str] = set()
    for row in rows:
        if "acts" in row:
            row["who"] = who(*row["acts"], told=told)
