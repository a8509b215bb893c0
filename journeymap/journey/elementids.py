"""The id of a department, stage or touch-point item as the file gives it: its ``id:``, else one
made from its ``name``; and the ids a finding tells the writer they may name."""

from __future__ import annotations

from typing import Mapping, Optional

from journeymap.journey.nodes import Node
from journeymap.journey.slug import is_slug, slugify


def map_items(node: Optional[Node]) -> list[Node]:
    """The items of a list node that are mappings (none when ``node`` is no list)."""
    if node is None or node.kind != "seq":
        return []
    return [item for item in node.children if item.kind == "map"]


def effective_id(item: Node) -> tuple[Optional[str], Optional[Node], bool]:
    """``(id, node it comes from, explicit?)``: the ``id`` key, else the slug of ``name``; a
    blank ``id:`` (null) is no id, as the model reads it (audit CN: two touch-points written
    ``id: ~``, both "two" by their name, passed E006 and one of them was drawn on the other)."""
    id_node = item.get("id")
    if id_node is not None and id_node.kind == "scalar" and isinstance(id_node.value, str):
        return id_node.value, id_node, True
    if id_node is not None and id_node.kind == "scalar" and id_node.value is None:
        id_node = None
    name = item.get("name")
    if id_node is not None or name is None or name.kind != "scalar":
        return None, None, False
    if isinstance(name.value, str):
        return slugify(name.value), name, False
    if name.value is not None and name.text:
        # `name: no` (YAML's false) is E005 already, asking for quotes; the id its words would
        # make still counts, so that `department: "no"` is not also called unknown
        return slugify(name.text), name, False
    return None, None, False


def made_from_names(items: list[Node]) -> dict[str, str]:
    """The ids of ``items`` that are made from their names (no ``id:``), and those names."""
    return {ident: str(node.value) for ident, node, explicit in map(effective_id, items)
            if ident and node is not None and not explicit}


#: A department's keys other than its id and name, whose values name no department.
_KNOWN = frozenset({"id", "lead", "layer", "ignore"})


def meant_ids(items: list[Node]) -> frozenset[str]:
    """The ids that ``items`` without a usable one would have once their own errors are fixed, as
    their words make ids: of an item with neither ``id`` nor ``name`` read (``nme: Fleet
    operations``), each of its plain values; of one whose ``id`` is no valid id (``id: fleet
    operations``), that id made valid.

    >>> from journeymap.journey.reader import read_text
    >>> root, _ = read_text("- nme: Fleet operations\\n  lead: Bo\\n- id: road side\\n- name: Billing\\n", "x")
    >>> sorted(meant_ids(root.children))
    ['fleet-operations', 'road-side']
    """
    meant: set[str] = set()
    for item in items:
        ident, _, explicit = effective_id(item)
        if item.kind != "map" or (ident is not None and (not explicit or is_slug(ident))):
            continue
        # the misspelt key's value (not a lead's or a layer's: a typo naming them was hidden: review DW)
        values = [ident] if ident else [v.value for k, v in item.children if k.key_text not in _KNOWN
                                         and v.kind == "scalar" and isinstance(v.value, str)]
        meant.update(slugify(v) for v in values)
    return frozenset(meant)


def other_kind_note(value: str, root: Node, referrer: Optional[str] = None) -> str:
    """Where ``next:`` names ``value``, the id of a stage or a department rather than of a
    touch-point: what it is, and for a stage the touch-point that starts it (unless that is the
    ``referrer`` itself, which would lead to itself: review EC); else "". Such a reference was
    listed every touch-point's id, with no word that it named a stage (audit EA)."""
    def items(key: str) -> list[Node]:
        return map_items(root.get(key)) if root.kind == "map" else []

    for stage in items("stages"):
        if effective_id(stage)[0] == value:
            points = map_items(stage.get("touchpoints"))
            first = effective_id(points[0])[0] if points else None
            start = f"; the stage's first touch-point is {first!r}" if first and first != referrer else ""
            return f": that is a stage's id, and `next:` names touch-points{start}"
    if any(effective_id(department)[0] == value for department in items("departments")):
        return ": that is a department's id, and `next:` names touch-points"
    return ""


def named_departments(root: Node) -> list[str]:
    """The department ids the journey's touch-points name, in order, each once."""
    named: dict[str, None] = {}
    stages = root.get("stages") if root.kind == "map" else None
    for stage in stages.children if stages is not None and stages.kind == "seq" else []:
        points = stage.get("touchpoints") if stage.kind == "map" else None
        for point in points.children if points is not None and points.kind == "seq" else []:
            department = point.get("department") if point.kind == "map" else None
            if department is not None and department.kind == "scalar" and isinstance(department.value, str):
                named[department.value] = None
    return list(named)


#: The most ids :func:`department_choices` lists.
CHOICES = 8


def department_choices(root: Node) -> str:
    """The end of "add `department: ...`" for a touch-point without one: the ids it may name, as
    the journey defines them, each once and only valid ones, at most :data:`CHOICES` (audit DY:
    the ids had to be looked up), or ``...``` where it defines none."""
    departments = root.get("departments") if root.kind == "map" else None
    items = departments.children if departments is not None and departments.kind == "seq" else []
    named = list(dict.fromkeys(ident for ident, _, _ in (effective_id(item) for item in items if item.kind == "map")
                               if ident and is_slug(ident)))
    if not named:
        return "...`"
    return f"<id>`, one of: {', '.join(named[:CHOICES])}{', ...' if len(named) > CHOICES else ''}"


def shared_id_hint(kind: str, ident: str, key: str, names: Mapping[str, tuple[str, ...]]) -> Optional[str]:
    """For a reference ``ident`` that writes the name of an element (``key``, that name as
    ``names`` holds it: each name to the ids of the elements of that name, in the file's order) whose id an
    element before it has too (E006): that it needs an id of its own. Else None: the element is the
    first of that id, and "refer to it by its id" is right. Told to refer to the id it shares, a
    newcomer moved Underwriting's touch-points to the Contact centre (audit EE).

    >>> names = {"contact centre": ("cc",), "underwriting": ("cc",)}
    >>> shared_id_hint("department", "Underwriting", "underwriting", names)
    "'Underwriting' is the name of a department whose id, 'cc', another department has too: give it an id of its own, such as 'underwriting'"
    >>> shared_id_hint("department", "Contact centre", "contact centre", names) is None
    True
    """
    ids = names.get(key, ())
    holders = [name for name, theirs in names.items() if ids and ids[0] in theirs]
    if len(ids) != 1 or len(holders) < 2 or holders[0] == key:
        return None
    others = f"another {kind} has" if len(holders) == 2 else f"{len(holders) - 1} other {kind}s have"
    such = slugify(ident.strip())
    return (f"{ident.strip()!r} is the name of a {kind} whose id, {ids[0]!r}, {others} too: give it an id of "
            f"its own" + (f", such as {such!r}" if such and such not in {i for t in names.values() for i in t} else ""))
