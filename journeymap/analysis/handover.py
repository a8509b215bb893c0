"""Who is asked to mend a risky hand-off (W110): the two departments' leads, by name where the
journey names them. Where one side is outside the company, its own side is asked: "agree the
hand-over between the two leads" was said of a hand-off from the customer (``lead: n/a``), whose
lead there is none to agree with (audit DN). And who is asked to make a moment of truth reliable
(W106): its department's lead, or for a department outside the company, the stage's owner."""

from __future__ import annotations

from typing import Optional

from journeymap.journey.model import Department
from journeymap.journey.textsafe import names_someone

#: What mends a risky hand-off besides agreeing it.
_OR_RELIABLE = "or make the receiving touch-point reliable"


def _lead(department: Department) -> str:
    """A department's lead by name, and the department it leads ("Head of Support of Support"
    read badly: review DO); else its lead."""
    if names_someone(department.lead):
        return f"{department.lead}, who leads {department.name},"
    return f"the lead of {department.name}"


def mend_handoff(source: Department, target: Department) -> str:
    """What W110 asks of those on either side of a risky hand-off from ``source`` to ``target``.

    >>> from journeymap.journey.model import Department as D
    >>> sales, billing = D("sales", "Sales", 0, (1, 1), lead="Ana"), D("billing", "Billing", 1, (2, 1))
    >>> mend_handoff(sales, billing)
    'agree the hand-over between Ana, who leads Sales, and the lead of Billing, or make the receiving touch-point reliable'
    >>> customer = D("customer", "Customer", 2, (3, 1), lead="n/a", layer="external")
    >>> mend_handoff(customer, sales)
    'Customer is outside the company: ask Ana, who leads Sales, to make the receiving touch-point reliable'
    >>> mend_handoff(sales, customer)
    'Customer is outside the company: ask Ana, who leads Sales, to make the hand-over to it work'
    >>> mend_handoff(sales, D("bank", "The bank", 3, (4, 1), lead="Card desk", layer="external"))
    'The bank is outside the company: ask Ana, who leads Sales, to make the hand-over to it work (its contact: Card desk)'
    >>> mend_handoff(customer, D("bank", "The bank", 3, (4, 1), layer="external"))
    'both sides are outside the company: agree with them how the hand-over works, or make the receiving touch-point reliable'
    """
    outside = [d for d in (source, target) if d.layer == "external"]
    if outside == [source]:
        return f"{source.name} is outside the company: ask {_lead(target)} to make the receiving touch-point reliable"
    if outside == [target]:
        contact = f" (its contact: {target.lead})" if names_someone(target.lead) else ""
        return f"{target.name} is outside the company: ask {_lead(source)} to make the hand-over to it work{contact}"
    if outside:
        return f"both sides are outside the company: agree with them how the hand-over works, {_OR_RELIABLE}"
    return f"agree the hand-over between {_lead(source)} and {_lead(target).rstrip(',')}, {_OR_RELIABLE}"


def mend_moment(department: Department, depends_on: bool, *owners: Optional[str]) -> str:
    """What W106 asks, to make a moment of truth of ``department`` reliable: its lead fixes what it
    depends on (``depends_on``: the file names it), or names it first. A department outside the
    company is asked of the first of ``owners`` named (the stage's, then the journey's), its own
    contact after, as W110 and the briefing ask: "ask Pete Doyle, who leads ClearView Glass" gave
    the fix to the partner (audit EE).

    >>> from journeymap.journey.model import Department as D
    >>> mend_moment(D("glass", "ClearView Glass", 0, (1, 1), lead="Pete Doyle", layer="external"), True, None, "Rosa")
    'ClearView Glass is outside the company: ask Rosa to agree with them how to fix what it depends on (its contact: Pete Doyle)'
    >>> mend_moment(D("claims", "Claims", 0, (1, 1), lead="Ana"), False)
    'name what it depends on (`depends_on:`) for Ana to fix'
    """
    named = "name what it depends on (`depends_on:`)"
    if department.layer == "external":
        owner = next((o for o in owners if names_someone(o)), None)
        contact = f" (its contact: {department.lead})" if names_someone(department.lead) else ""
        fix = "fix what it depends on" if depends_on else "find out what it depends on (`depends_on:`) and fix it"
        asked = f"ask {owner} to agree with them how to {fix}" if owner else f"name a stage owner to agree with them how to {fix}"
        return f"{department.name} is outside the company: {asked}{contact}"
    lead = department.lead if names_someone(department.lead) else None  # not "ask TBD" (review CZ)
    if depends_on:
        return f"ask {lead}, who leads {department.name}, to fix what it depends on" if lead \
            else f"name a lead for {department.name} to fix what it depends on"
    return f"{named} for {lead} to fix" if lead else f"{named} and a lead for {department.name} to fix it"
