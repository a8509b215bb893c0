"""Apply a project's shared department registry to a journey before it is validated (SPEC 1.2).

Works on the plain data pydantic validates and on the node tree (for positions):

- a plain string in ``departments`` is a registry id: the registry's department takes its place;
- a department the journey defines whose id is in the registry takes the fields it leaves out
  from the registry; a field given a different value is E010 registry-conflict;
- registry departments used by touch-points but not listed become lanes after the listed ones,
  in registry order (all of the journey's lanes when ``departments`` is left out).

Unknown plain strings (E007) and repeated ids (E006) are reported by
:mod:`journeymap.journey.references`; here they get a placeholder so positions stay aligned.
"""

from __future__ import annotations

from typing import Any, Optional

from journeymap.findings import Finding
from journeymap.journey.project import Project, RegistryDepartment
from journeymap.journey.nodes import Node
from journeymap.journey.elementids import effective_id
from journeymap.journey.references import touchpoint_items
from journeymap.report import noun

_PLACEHOLDER = {"name": "unknown registry department"}


def _shown(value: Any) -> str:
    return repr(value) if not isinstance(value, list) else "[" + ", ".join(map(str, value)) + "]"


def _normal(key: str, value: Any) -> Any:
    """Values as compared: ``ignore`` lists as sets of upper-case codes, the rest as written."""
    if key == "ignore" and isinstance(value, list):
        return frozenset(str(code).upper() for code in value)
    return value


def _conflict(item: Node, values: dict[str, Any], entry: RegistryDepartment, project: Project,
              path: str) -> Optional[Finding]:
    differing = [key for key, value in values.items()
                 if key != "id" and key in entry.fields and _normal(key, entry.fields[key]) != _normal(key, value)]
    if not differing:
        return None
    described = "; ".join(f"{key} is {_shown(values[key])} here but {_shown(entry.fields[key])} in the "
                          f"registry" for key in differing)
    return Finding("E010", f"department {entry.id!r} is defined in the registry ({project.path} line "
                   f"{entry.pos[0]}): {described}. Remove the {noun(len(differing), 'field')} "
                   "here to use the registry's value, or change the registry", path, item.line, item.column)


def _first_uses(root: Node, registry: dict[str, RegistryDepartment], listed: set[str]) -> dict[str, Node]:
    used: dict[str, Node] = {}
    for tp in touchpoint_items(root):
        ref = tp.get("department")
        if ref is not None and ref.kind == "scalar" and isinstance(ref.value, str) \
                and ref.value in registry and ref.value not in listed:
            used.setdefault(ref.value, ref)
    return used


def apply_registry(data: dict[str, Any], root: Node, project: Project,
                   path: str) -> tuple[dict[str, Any], Optional[list[Node]], list[Finding]]:
    """The journey data with registry departments resolved, the node of each lane, E010 findings.

    The node list is None when ``departments`` is not a list (validation reports that).
    """
    registry = project.by_id
    node = root.get("departments")
    raw = data.get("departments")
    if node is not None and (node.kind != "seq" or not isinstance(raw, list)):
        return data, None, []
    findings: list[Finding] = []
    entries: list[Any] = []
    nodes: list[Node] = []
    listed: set[str] = set()
    for item, value in zip(node.children if node is not None else [], raw or [], strict=True):
        nodes.append(item)
        if item.kind == "scalar" and isinstance(value, str):
            entry = registry.get(value)
            entries.append(dict(entry.fields) if entry is not None else dict(_PLACEHOLDER))
            listed.add(value)
            continue
        ident = effective_id(item)[0] if item.kind == "map" else None
        entry = registry.get(ident) if ident else None
        if entry is not None and isinstance(value, dict):
            # a field written with no value (`lead:`, `lead: null`) is left out, as anywhere in a
            # journey: E010 said "lead is None here" (audit FF)
            value = {key: v for key, v in value.items() if v is not None}
            conflict = _conflict(item, value, entry, project, path)
            if conflict is not None:
                findings.append(conflict)
            value = {**entry.fields, **value}
        if ident:
            listed.add(ident)
        entries.append(value)
    used = _first_uses(root, registry, listed)
    for ident, entry in registry.items():
        if ident in used:
            entries.append(dict(entry.fields))
            nodes.append(used[ident])
    return {**data, "departments": entries}, nodes, findings
