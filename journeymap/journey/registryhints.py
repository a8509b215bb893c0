"""What E007 says of a department a journey does not define: how to define it in the journey,
and the registry of a project file further up that a nearer one overrides."""

from __future__ import annotations

import re
from typing import Collection, Optional

from journeymap.journey.slug import is_slug, slugify


#: A project file that a nearer one overrides (SPEC 1.2: the nearest wins), with its registry's ids.
Shadowed = tuple[str, Collection[str]]


def shadowed_note(value: str, registry_from: Optional[str], shadowed: Optional[Shadowed]) -> str:
    """What E007 adds for a department id that a project file further up defines, which the nearer
    one, ``registry_from``, overrides: a unit's project file under a company's registry cut its
    journeys off that registry without a word (audit FN)."""
    if not registry_from or shadowed is None or value not in shadowed[1]:
        return ""
    return (f": the nearest project file, {registry_from}, applies here in place of {shadowed[0]} further up, "
            f"whose registry defines it; copy the department into {registry_from}, or remove that file")


def defined_here(value: str) -> str:
    """How to define a department named ``value`` in the journey: ``- name: Billing`` (id billing).

    >>> defined_here("Field service")
    "- name: Field service, whose id is then 'field-service'"
    >>> defined_here("billing"), defined_here("Über: Team")
    ('- {id: billing, name: ...}', '- name: "Über: Team", whose id is then \\'uber-team\\'')
    """
    import json

    from journeymap.journey.textsafe import printable

    if is_slug(value):
        return f"- {{id: {value}, name: ...}}"
    shown = printable(value)[:60]
    if re.search(r"[:#\[\]{},&*!|>'\"%@`]", shown) or shown != shown.strip():
        shown = json.dumps(shown, ensure_ascii=False)  # `- name: Über: Team` is not YAML
    return f"- name: {shown}, whose id is then {slugify(value)!r}"
