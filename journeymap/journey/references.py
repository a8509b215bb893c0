"""Ids and references across the file: duplicate ids (E006) and unknown references (E007).

Runs on the node tree, tolerant of other errors, so these are reported in the same run as
type errors elsewhere in the file.
"""

from __future__ import annotations

from typing import Collection, Optional

from journeymap.findings import Finding
from journeymap.journey.nodes import Node
from journeymap.journey.slug import slugify
from journeymap.journey.textsafe import lookalike_note

_KIND_NAMES = {"departments": "department", "stages": "stage", "touchpoints": "touch-point"}


def _items(node: Optional[Node]) -> list[Node]:
    if node is None or node.kind != "seq":
        return []
    return [item for item in node.children if item.kind == "map"]


def _all_items(node: Optional[Node]) -> list[Node]:
    return list(node.children) if node is not None and node.kind == "seq" else []


def effective_id(item: Node) -> tuple[Optional[str], Optional[Node], bool]:
    """``(id, node it comes from, explicit?)``: the ``id`` key, else the slug of ``name``."""
    id_node = item.get("id")
    if id_node is not None and id_node.kind == "scalar" and isinstance(id_node.value, str):
        return id_node.value, id_node, True
    name = item.get("name")
    if id_node is None and name is not None and name.kind == "scalar" and isinstance(name.value, str):
        return slugify(name.value), name, False
    return None, None, False


def touchpoint_items(root: Node) -> list[Node]:
    """Every touch-point mapping node of the file, in document order."""
    return [tp for stage in _items(root.get("stages")) for tp in _items(stage.get("touchpoints"))]


def _namespace(items: list[Node], kind: str, path: str, findings: list[Finding],
               seen: Optional[dict[str, Node]] = None) -> dict[str, Node]:
    seen = {} if seen is None else seen
    for item in items:
        ident, node, explicit = effective_id(item)
        if ident is None or node is None:
            continue
        if not ident:
            findings.append(Finding("E005", f"cannot make an id from this {kind} name (no letters or "
                                    "digits); add an `id:`", path, node.line, node.column))
            continue
        if ident in seen:
            first = seen[ident]
            how = "" if explicit else " (made from its name; add an explicit `id:` to tell them apart)"
            findings.append(Finding("E006", f"{kind} id {ident!r} is already used at line {first.line}"
                                    f"{how}; give each {kind} its own id", path, node.line, node.column))
            continue
        seen[ident] = node
    return seen


def duplicate_id_findings(items: list[Node], kind: str, path: str) -> list[Finding]:
    """E006 (and E005 for names without letters) among mapping ``items`` of one namespace."""
    findings: list[Finding] = []
    _namespace(items, kind, path, findings)
    return findings


def _unknown(kind: str, ident: str, known: dict[str, Node]) -> str:
    import difflib  # only for a file with a wrong reference

    close = difflib.get_close_matches(ident, list(known), n=1, cutoff=0.6)
    note = lookalike_note(ident)
    if close:
        return f"no {kind} has the id {ident!r}{note}; did you mean {close[0]!r}?"
    listed = ", ".join(list(known)[:8]) + (", ..." if len(known) > 8 else "")
    return f"no {kind} has the id {ident!r}{note}; defined {kind}s: {listed or 'none'}"


def _next_targets(tp: Node) -> list[Node]:
    targets = []
    for item in _all_items(tp.get("next")):
        target = item.get("to") if item.kind == "map" else item
        if target is not None and target.kind == "scalar" and isinstance(target.value, str):
            targets.append(target)
    return targets


def _lanes(root: Node, path: str, registry: Collection[str], findings: list[Finding],
           quiet: bool = False) -> dict[str, Node]:
    """The department namespace under a project file: mappings, and plain strings (registry ids;
    an unknown one is E007 unless ``quiet``)."""
    seen: dict[str, Node] = {}
    for item in _all_items(root.get("departments")):
        if item.kind == "map":
            _namespace([item], "department", path, findings, seen)
        elif item.kind == "scalar" and isinstance(item.value, str):
            if item.value not in registry:
                if quiet:
                    continue
                findings.append(Finding("E007", _unknown("registry department", item.value,
                                                         {r: item for r in registry}), path, item.line, item.column))
            elif item.value in seen:
                findings.append(Finding("E006", f"department id {item.value!r} is already used at line "
                                        f"{seen[item.value].line}; list each department once", path,
                                        item.line, item.column))
            else:
                seen[item.value] = item
    return seen


def reference_findings(root: Node, path: str, registry: Optional[Collection[str]] = None,
                       registry_read: bool = True) -> list[Finding]:
    """E006 for duplicate ids in each namespace, E007 for unknown department and next ids.

    ``registry`` holds the registry's department ids when a project file applies: plain strings
    in ``departments`` must be among them, and ``department:`` may name them. When the project
    file has errors (``registry_read`` False), its registry may lack departments it meant to
    hold, so department references are not told unknown: the project file's errors come first.
    """
    findings: list[Finding] = []
    if registry is None:
        departments = _namespace(_items(root.get("departments")), "department", path, findings)
    else:
        departments = _lanes(root, path, registry, findings, quiet=not registry_read)
        departments.update({r: root for r in registry if r not in departments})
    _namespace(_items(root.get("stages")), "stage", path, findings)
    tps = touchpoint_items(root)
    touchpoints = _namespace(tps, "touch-point", path, findings)
    # With no departments at all (the list left out, misspelt or empty, and no registry), every
    # reference would fail: the finding about the list says it once. So with a broken registry.
    quiet = (registry is None and not departments) or not registry_read
    for tp in tps:
        dept = tp.get("department")
        if dept is not None and dept.kind == "scalar" and isinstance(dept.value, str) and not quiet \
                and dept.value not in departments:
            findings.append(Finding("E007", _unknown("department", dept.value, departments),
                                    path, dept.line, dept.column))
        for target in _next_targets(tp):
            if target.value not in touchpoints:
                findings.append(Finding("E007", _unknown("touch-point", target.value, touchpoints),
                                        path, target.line, target.column))
    return findings
