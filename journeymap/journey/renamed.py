"""A reference to a department or touch-point that was renamed: an id made from a name changes
with the name, so every reference to the old one breaks at once. Rewriting them all is one way;
pinning the old id with ``id:`` keeps them (audit DN: a renamed department's three references
were told "did you mean" its new, long id)."""

from __future__ import annotations

import difflib
from typing import Collection, Mapping


def renamed_note(kind: str, ident: str, made: Mapping[str, str], known: Collection[str] = (),
                 referenced: Collection[str] = ()) -> str:
    """``"; if ... was renamed, ..."`` where exactly one of the ids made from names (``made``: id to
    the name it is made from) holds the words of ``ident`` and more, or fewer of them (a name
    grown or cut short), or, where none does, exactly one that no reference names begins with its
    first word (a later word replaced: then "did you mean" it too; audit DR); else ``""``. Not
    where that id is ``referenced`` already (the references to it would break), nor where
    ``ident`` is a near miss (:data:`NEAR_MISS`) of another of the ids ``known`` (review
    DO: "customer-services" was told to rename department "Customer", not "did you mean
    'customer-service'?").

    >>> renamed_note("department", "network-operations", {"network-operations-north": "Network operations North"})
    "; if department 'Network operations North' was renamed, its id changed with its name: give it `id: network-operations` and its references stay as they are"
    >>> renamed_note("department", "customer-services", {"customer": "Customer"}, known=("customer", "customer-service"))
    ''
    >>> renamed_note("department", "customer-service", {"customer-care": "Customer care", "billing": "Billing"},
    ...              referenced=("billing", "customer-service"))
    "; did you mean 'customer-care'? Or, if department 'Customer care' was renamed, its id changed with its name: give it `id: customer-service` and its references stay as they are"
    """
    matches = [key for key in made if key != ident and (key.startswith(f"{ident}-") or ident.startswith(f"{key}-"))]
    reworded = not matches
    if reworded:  # a word replaced ("Customer service" renamed "Customer care"): one no reference names yet
        matches = [key for key in made if key != ident and key not in referenced and _reworded(ident, key)]
    if len(matches) != 1 or matches[0] in referenced:
        return ""
    if difflib.get_close_matches(ident, [key for key in known if key != matches[0]], n=1, cutoff=NEAR_MISS):
        return ""
    how = f"its id changed with its name: give it `id: {ident}` and its references stay as they are"
    if reworded:
        return f"; did you mean {matches[0]!r}? Or, if {kind} {made[matches[0]]!r} was renamed, {how}"
    return f"; if {kind} {made[matches[0]]!r} was renamed, {how}"


#: How alike (difflib's ratio) two ids are where one is a slip of the other, not a rename.
NEAR_MISS = 0.8
#: The shortest first word an unknown id and one made from a name must share for the one to be
#: taken for the other renamed: not "of" or "the".
SHARED_WORD = 4


def _reworded(ident: str, key: str) -> bool:
    """Whether ``key`` may be ``ident`` with a later word replaced: the same first word, and not a
    slip of a few letters ("custmer-service" is a typo of "customer-service", and pinning it as
    the id would keep the typo: review DT), nor ids alike only in a later word ("field-service"
    is no rename of "customer-service", nor "pays-the-invoice" of "send-invoice")."""
    first = ident.split("-")[0]
    return len(first) >= SHARED_WORD and key.split("-")[0] == first and \
        difflib.SequenceMatcher(None, ident, key).ratio() < NEAR_MISS
