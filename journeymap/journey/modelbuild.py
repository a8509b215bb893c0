"""Build the typed :class:`~journeymap.journey.model.Journey` from a validated file and its node tree.

The validated file is either the pydantic models of :mod:`journeymap.journey.fileformat` or the
look-alike objects of :mod:`journeymap.journey.quickvalid` (same attributes), so this module
reads attributes only and never imports the models.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, Optional

from journeymap.findings import CHECK_CODE, Finding, ignore_problems
from journeymap.journey.model import Department, Journey, NextRef, Persona, Stage, Touchpoint
from journeymap.journey.nodes import Node, to_python
from journeymap.journey.slug import file_id, slugify

if TYPE_CHECKING:
    from journeymap.journey.fileformat import DepartmentSpec, JourneySpec, StageSpec, TouchpointSpec


def _tuple(items: Optional[list[str]]) -> tuple[str, ...]:
    return tuple(items or ())


def ignore_findings(items: Optional[list[str]], node: Node, path: str) -> list[Finding]:
    """E005 at each code of ``node``'s ``ignore`` list that cannot be ignored (unknown, or an error)."""
    listed = node.get("ignore")
    nodes = listed.children if listed is not None and listed.kind == "seq" else []
    return [Finding("E005", problem, path, *(at or listed or node).pos)
            for code, at in zip(items or (), nodes or [None] * len(items or ()))
            for problem in ignore_problems([code])]


def ignore_list_findings(root: Node, path: str) -> list[Finding]:
    """E005 at every code that cannot be ignored in the file's ``ignore`` lists (the journey's,
    each department's, stage's and touch-point's), read from the node tree so that they are
    reported with the file's other errors: found only once the journey was built, a wrong code
    came to light after every other error was fixed."""
    owners = [root, *_seq(root, "departments")]
    for stage in _seq(root, "stages"):
        owners += [stage, *(_seq(stage, "touchpoints") if stage.kind == "map" else [])]
    found = []
    for owner in owners:
        listed = owner.get("ignore") if owner.kind == "map" else None
        for item in listed.children if listed is not None and listed.kind == "seq" else []:
            # (a code not written like one is the format's E005 already: "write codes like W104"; a
            # full match, since `$` matches before a last newline and "W101\n" was told twice: audit FF)
            if item.kind == "scalar" and isinstance(item.value, str) and re.fullmatch(CHECK_CODE, item.value):
                found += [Finding("E005", problem, path, *item.pos) for problem in ignore_problems([item.value])]
    return found


def _codes(items: Optional[list[str]], node: Node, path: str, findings: list[Finding]) -> frozenset[str]:
    findings.extend(ignore_findings(items, node, path))
    return frozenset(code.upper() for code in items or ())


def _seq(node: Node, key: str) -> list[Node]:
    child = node.get(key)
    return list(child.children) if child is not None and child.kind == "seq" else []


def _department(spec: DepartmentSpec, node: Node, index: int, path: str,
                findings: list[Finding], registry: frozenset[str]) -> Department:
    ident = spec.id or slugify(spec.name)
    return Department(id=ident, name=spec.name, index=index, pos=node.pos,
                      lead=spec.lead, layer=spec.layer,
                      ignore=_codes(spec.ignore, node, path, findings), registry=ident in registry,
                      id_written=spec.id is not None)


def _next(spec: TouchpointSpec, node: Node) -> Optional[tuple[NextRef, ...]]:
    if spec.next is None:
        return None
    refs = []
    for item, item_node in zip(spec.next, _seq(node, "next"), strict=True):
        if isinstance(item, str):
            refs.append(NextRef(item, item_node.pos))
        else:
            refs.append(NextRef(item.to, item_node.pos, item.label))
    return tuple(refs)


def _touchpoint(spec: TouchpointSpec, node: Node, stage_id: str, index: int, path: str,
                findings: list[Finding]) -> Touchpoint:
    return Touchpoint(
        id=spec.id or slugify(spec.name), name=spec.name, department=spec.department, stage=stage_id,
        index=index, pos=node.pos, channel=spec.channel, reliability=spec.reliability,
        depends_on=_tuple(spec.depends_on), category=spec.category,
        moment_of_truth=spec.moment_of_truth, emotion=spec.emotion, expectation=spec.expectation,
        metric=spec.metric, pain_points=_tuple(spec.pain_points),
        opportunities=_tuple(spec.opportunities), notes=spec.notes, next=_next(spec, node),
        ignore=_codes(spec.ignore, node, path, findings), id_written=spec.id is not None)


def _stage(spec: StageSpec, node: Node, index: int, first_tp: int, path: str,
           findings: list[Finding]) -> Stage:
    stage_id = spec.id or slugify(spec.name)
    tps = tuple(_touchpoint(tp, tp_node, stage_id, first_tp + i, path, findings)
                for i, (tp, tp_node) in enumerate(zip(spec.touchpoints, _seq(node, "touchpoints"), strict=True)))
    return Stage(id=stage_id, name=spec.name, index=index, pos=node.pos, touchpoints=tps,
                 owner=spec.owner, goal=spec.goal, metrics=_tuple(spec.metrics),
                 feedback=_tuple(spec.feedback), ignore=_codes(spec.ignore, node, path, findings),
                 id_written=spec.id is not None)


def _extensions(root: Node) -> dict[str, Any]:
    return {k.key_text: to_python(v, text_keys=True) for k, v in root.children if k.key_text.startswith("x-")}


def _element_extensions(root: Node, departments: tuple[Department, ...], lanes: list[Node],
                        stages: list[Stage]) -> dict[str, dict[str, Any]]:
    """The ``x-`` keys of each department, stage and touch-point that has some (a registry's
    department, written as its id, has none here)."""
    found: dict[str, dict[str, Any]] = {}

    def keep(kind: str, ident: str, node: Node) -> None:
        if node.kind == "map" and (ext := _extensions(node)):
            found[f"{kind}:{ident}"] = ext

    for department, node in zip(departments, lanes):
        keep("department", department.id, node)
    for stage, node in zip(stages, _seq(root, "stages")):
        keep("stage", stage.id, node)
        for tp, tp_node in zip(stage.touchpoints, _seq(node, "touchpoints")):
            keep("touchpoint", tp.id, tp_node)
    return found


def build_journey(spec: JourneySpec, root: Node, path: str, lanes: Optional[list[Node]] = None,
                  project: Optional[str] = None,
                  registry: frozenset[str] = frozenset()) -> tuple[Optional[Journey], list[Finding]]:
    """The Journey for a validated spec (positions from ``root``), or None with findings.

    ``lanes`` are the nodes the departments are reported at when a project's registry supplied
    some of them (a plain string, or the first touch-point using it); ``registry`` their ids.
    """
    findings: list[Finding] = []
    nodes = _seq(root, "departments") if lanes is None else lanes
    departments = tuple(_department(d, n, i, path, findings, registry)
                        for i, (d, n) in enumerate(zip(spec.departments, nodes, strict=True)))
    stages: list[Stage] = []
    count = 0
    for i, (stage, node) in enumerate(zip(spec.stages, _seq(root, "stages"), strict=True)):
        stages.append(_stage(stage, node, i, count, path, findings))
        count += len(stage.touchpoints)
    persona = None
    if spec.persona is not None:
        persona = Persona(spec.persona.name, spec.persona.goal, _tuple(spec.persona.expectations))
    journey = Journey(
        path=path, id=spec.id or file_id(PurePath(path).name), title=spec.title,
        departments=departments, stages=tuple(stages), pos=root.pos, summary=spec.summary,
        owner=spec.owner, persona=persona, ignore=_codes(spec.ignore, root, path, findings),
        extensions=_extensions(root), project=project,
        id_pos=ident.pos if spec.id and (ident := root.get("id")) is not None else None,
        element_extensions=_element_extensions(root, departments, nodes, stages))
    return (None, findings) if findings else (journey, findings)
