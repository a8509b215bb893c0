"""Ids and references across the file: duplicate ids (E006) and unknown references (E007).

Runs on the node tree, tolerant of other errors, so these are reported in the same run as
type errors elsewhere in the file.
"""

from __future__ import annotations

import functools
from typing import Collection, Iterable, Mapping, Optional

from journeymap.findings import Finding
from journeymap.journey import elementids
from journeymap.journey.elementids import effective_id, made_from_names, map_items, meant_ids, other_kind_note
from journeymap.journey.nodes import Node
from journeymap.journey.registryhints import Shadowed, defined_here, shadowed_note
from journeymap.journey.renamed import NEAR_MISS, renamed_note
from journeymap.journey.slug import is_slug, slugify
from journeymap.journey.textsafe import is_blank, lookalike_note, short_key


def _all_items(node: Optional[Node]) -> list[Node]:
    return list(node.children) if node is not None and node.kind == "seq" else []


def _misfiled(root: Node) -> dict[str, str]:
    """Touch-point ids under a stage's misspelt ``touchpoints`` key (``touch_points``,
    ``Touchpoints``), which is not read: each with a note for the references to it, which would
    otherwise be reported unknown ahead of the misspelt key."""
    import difflib

    notes: dict[str, str] = {}
    for stage in map_items(root.get("stages")):
        for key, value in stage.children:
            text = key.key_text
            if text == "touchpoints" or text.startswith("x-") \
                    or not difflib.get_close_matches(text.casefold(), ["touchpoints"], n=1, cutoff=0.8):
                continue  # ``x-`` keys are the file's own, left unread on purpose (SPEC 1)
            fix = ("move its items under the stage's 'touchpoints'" if stage.get("touchpoints") is not None
                   else "write that key as 'touchpoints'")
            for item in map_items(value):
                ident, _, _ = effective_id(item)
                if ident:
                    notes.setdefault(ident, f"; it is under {text!r} at line {key.line}, which is not read: {fix}")
    return notes


def touchpoint_items(root: Node) -> list[Node]:
    """Every touch-point mapping node of the file, in document order."""
    return [tp for stage in map_items(root.get("stages")) for tp in map_items(stage.get("touchpoints"))]


def _namespace(items: list[Node], kind: str, path: str, findings: list[Finding],
               seen: Optional[dict[str, Node]] = None) -> dict[str, Node]:
    seen = {} if seen is None else seen
    for item in items:
        ident, node, explicit = effective_id(item)
        if ident is None or node is None:
            continue
        if not ident:
            if explicit or isinstance(node.value, str) and is_blank(node.value):
                # an empty `id: ""` is "not a valid id" already, and an empty name "must not be
                # empty", at the same spot (review CS: "cannot make an id from this name" of "three")
                continue
            findings.append(Finding("E005", f"cannot make an id from this {kind} name (no letters or "
                                    "digits); add an `id:`", path, node.line, node.column))
            continue
        if ident in seen:
            first = seen[ident]
            how = "" if explicit else " (made from its name; add an explicit `id:` to tell them apart)"
            # the very node of the first (merged with <<: or aliased whole): told at the item that
            # repeats it, not at the first, which said it "is already used" at its own line (audit BZ)
            at = item if node is first else node
            findings.append(Finding("E006", f"{kind} id {ident!r} is already used at line {first.line}"
                                    f"{how}; give each {kind} its own id", path, at.line, at.column))
            continue
        seen[ident] = node
    return seen


def duplicate_id_findings(items: list[Node], kind: str, path: str) -> list[Finding]:
    """E006 (and E005 for names without letters) among mapping ``items`` of one namespace."""
    findings: list[Finding] = []
    _namespace(items, kind, path, findings)
    return findings


def _unknown(kind: str, ident: str, known: Collection[str], names: Optional[Names] = None,
             made: Optional[Mapping[str, str]] = None, referenced: Collection[str] = ()) -> str:
    """An unknown reference's message: the element it names by name ("'Field service' is the name
    of department 'field'"), else the one renamed from it (``made``, ids made from names:
    :func:`~journeymap.journey.renamed.renamed_note`), else the valid id it comes closest to, else
    the ids there are."""
    import difflib  # only for a file with a wrong reference

    note = lookalike_note(ident)
    named = (names or {}).get(_name_key(ident), ())
    # an id made from a name is cut at 64 characters; one a user wrote shorter is not "cut" (review CL)
    cut = [key for key in known if len(key) == 64 and len(ident) > len(key) and ident.startswith(key)]
    if cut:  # the id made from a long name is cut at 64 characters, and was named only by another typo (audit CJ)
        return (f"no {kind} has the id {short_key(ident, 64)}{note}; the {kind} it means has an id made from its "
                f"name and cut at 64 characters, {cut[0]!r}: refer to it by that id, or give the {kind} a short "
                "`id:` and use that")
    if len(ident) > 80:  # a 3,000-character value made a message as long
        return f"no {kind} has the id {short_key(ident, 64)}{note}; an id has at most 64 characters"
    if len(named) == 1 and (shared := elementids.shared_id_hint(kind, ident, _name_key(ident), names or {})):
        return f"no {kind} has the id {ident!r}{note}; {shared}"
    if len(named) == 1:
        # `id: biling` under `name: Billing`: the reference is right and the id misspelt
        typo = is_slug(ident) and difflib.SequenceMatcher(None, ident, named[0]).ratio() >= NEAR_MISS
        mend = f" (or, if {named[0]!r} is misspelt, correct that {kind}'s id to {ident!r})" if typo else ""
        return (f"no {kind} has the id {ident!r}{note}; {ident.strip()!r} is the name of {kind} {named[0]!r}: "
                f"refer to it by its id, {named[0]}{mend}")
    if named:
        ids = ", ".join(repr(i) for i in named[:-1]) + f" and {named[-1]!r}"
        return (f"no {kind} has the id {ident!r}{note}; {ident.strip()!r} is the name of the {kind}s {ids}: "
                f"refer to the one you mean by its id")
    renamed = renamed_note(kind, ident, made or {}, known, referenced)
    if renamed:
        return f"no {kind} has the id {ident!r}{note}{renamed}"
    valid = [key for key in known if is_slug(key)]  # not one this file gets E005 for
    close = difflib.get_close_matches(ident, valid, n=1, cutoff=0.6)
    if close:
        return f"no {kind} has the id {ident!r}{note}; did you mean {close[0]!r}?"
    listed = (", ".join(valid[:8]) + (", ..." if len(valid) > 8 else "")  # not one E005 refuses (audit EG)
              or ("none with a valid id" if known else "none"))
    return f"no {kind} has the id {ident!r}{note}; defined {kind}s: {listed}"


#: A look-up from a name, as a reference may write it (case and the spaces around it aside), to
#: the valid ids of the elements of that name, in the file's order.
Names = dict[str, tuple[str, ...]]


def name_index(named: Iterable[tuple[object, Optional[str]]]) -> Names:
    """``(name, id)`` pairs as :data:`Names`: a reference written as a name is told which id to
    write, or, when elements share the name, which ids it could mean."""
    found: dict[str, dict[str, None]] = {}
    for name, ident in named:
        if isinstance(name, str) and ident and is_slug(ident):
            found.setdefault(_name_key(name), {})[ident] = None
    return {key: tuple(ids) for key, ids in found.items()}


def _name_key(text: str) -> str:
    return text.strip().casefold()


def names_to_ids(items: list[Node]) -> Names:
    """:func:`name_index` of mappings' ``name`` and id."""
    def name(item: Node) -> object:
        node = item.get("name")
        return node.value if node is not None and node.kind == "scalar" else None
    return name_index((name(item), effective_id(item)[0]) for item in items)


def _next_targets(tp: Node) -> list[Node]:
    targets = []
    for item in _all_items(tp.get("next")):
        target = item.get("to") if item.kind == "map" else item
        if target is not None and target.kind == "scalar" and isinstance(target.value, str):
            targets.append(target)
    return targets


def _lanes(root: Node, path: str, registry: Collection[str], findings: list[Finding],
           quiet: bool = False, registry_from: Optional[str] = None,
           shadowed: Optional[Shadowed] = None) -> dict[str, Node]:
    """The department namespace under a project file: mappings, and plain strings (registry ids;
    an unknown one is E007 unless ``quiet``, and stands for the department it would define, so
    that references to it are not told unknown as well)."""
    seen: dict[str, Node] = {}
    stand_ins: dict[str, Node] = {}
    for item in _all_items(root.get("departments")):
        if item.kind == "map":
            _namespace([item], "department", path, findings, seen)
        elif item.kind == "scalar" and isinstance(item.value, str):
            if item.value not in registry:
                if quiet:
                    continue
                above = shadowed_note(item.value, registry_from, shadowed)
                message = (f"no registry department has the id {item.value!r}{above}" if above
                           else _not_registered(item.value, registry, registry_from))
                findings.append(Finding("E007", message, path, item.line, item.column))
                stand_ins.setdefault(slugify(item.value) or item.value, item)
            elif item.value in seen:
                findings.append(Finding("E006", f"department id {item.value!r} is already used at line "
                                        f"{seen[item.value].line}; list each department once", path,
                                        item.line, item.column))
            else:
                seen[item.value] = item
    return {**stand_ins, **seen}


def _not_registered(value: str, registry: Collection[str], registry_from: Optional[str]) -> str:
    """E007's message for a plain string in ``departments`` that is no registry id: the id it is
    closest to, else how to define the department in the journey instead (``departments: [Sales]``
    is a newcomer's first try, and "defined registry departments: none" did not say that: audit AF)."""
    message = _unknown("registry department", value, registry)
    if "did you mean" in message:
        return message
    where = f"the registry in {registry_from}" if registry_from else "the project file's registry"
    listed = ", ".join(sorted(registry)[:8]) + (", ..." if len(registry) > 8 else "")
    holds = f"whose departments are {listed}" if registry else "which defines none"
    return (f"no registry department has the id {value!r}: a plain id in `departments` names a department of "
            f"{where}, {holds}; define the department here ({defined_here(value)}) or add it to the registry")


def reference_findings(root: Node, path: str, registry: Optional[Collection[str]] = None,
                       registry_read: bool = True,
                       registry_names: Optional[Names] = None,
                       registry_from: Optional[str] = None,
                       shadowed: Optional[Shadowed] = None) -> list[Finding]:
    """E006 for duplicate ids in each namespace, E007 for unknown department and next ids.

    ``registry`` holds the registry's department ids when a project file applies: plain strings
    in ``departments`` must be among them, and ``department:`` may name them. When the project
    file has errors (``registry_read`` False), its registry may lack departments it meant to
    hold, so department references are not told unknown: the project file's errors come first.
    ``registry_names`` (case-folded name to ids) tells a reference written as a registry
    department's name which id to write; ``registry_from``, the project file, is named where the
    departments defined are listed; ``shadowed``, a project file further up that it overrides,
    with its registry's ids, is named where it defines an unknown department.
    """
    findings: list[Finding] = []
    if registry is None:
        departments = _namespace(map_items(root.get("departments")), "department", path, findings)
    else:
        departments = _lanes(root, path, registry, findings, quiet=not registry_read, registry_from=registry_from,
                             shadowed=shadowed)
        departments.update({r: root for r in registry if r not in departments})
    _namespace(map_items(root.get("stages")), "stage", path, findings)
    tps = touchpoint_items(root)
    touchpoints = _namespace(tps, "touch-point", path, findings)
    # With no departments at all (the list left out, misspelt or empty, and no registry or an
    # empty one, as `init` writes it), every reference would fail: the finding about the list says
    # it once. So with a broken registry.
    quiet = (not registry and not departments) or not registry_read
    # a department its own error is told at (`nme: Fleet operations`): its touch-points were each
    # told an unknown department too, which buried that error under copies (audit DY)
    meant = meant_ids(map_items(root.get("departments")))
    # a registry department's name (``registry_names``: case-folded name to id) too
    own = names_to_ids(map_items(root.get("departments")))  # the journey's own first, as references resolve
    dept_names = {key: tuple(dict.fromkeys(own.get(key, ()) + (registry_names or {}).get(key, ())))
                  for key in {**(registry_names or {}), **own}}
    tp_names = names_to_ids(tps)
    misfiled: Optional[dict[str, str]] = None  # looked for only when a reference is unknown

    @functools.cache
    def renames(kind: str) -> tuple[dict[str, str], frozenset[str]]:
        """The ids made from names of one kind, and the ids referenced: for the renamed advice,
        looked for only when a reference is unknown (on a valid 2,000-touch-point file they were
        40 % of this function's time)."""
        if kind == "department":
            return made_from_names(map_items(root.get("departments"))), frozenset(
                d.value for tp in tps if (d := tp.get("department")) is not None and isinstance(d.value, str))
        return made_from_names(tps), frozenset(t.value for tp in tps for t in _next_targets(tp))

    for tp in tps:
        dept = tp.get("department")
        if dept is not None and dept.kind == "scalar" and isinstance(dept.value, str) and not quiet \
                and dept.value not in departments and dept.value not in meant:
            message = _unknown("department", dept.value, departments, dept_names, *renames("department"))
            if registry_from and registry and "defined departments:" in message:
                # moved under another project file, a journey's lanes are that registry's
                message += f" (the journey's own and those of the registry in {registry_from}, which applies here)"
            if "; defined departments:" in message and is_slug(dept.value):  # a lane not written yet (audit DN)
                message += f"; or, for a new one, add it under `departments:` with `id: {dept.value}` and its name"
            if above := shadowed_note(dept.value, registry_from, shadowed):
                message = f"no department has the id {dept.value!r}{above}"
            findings.append(Finding("E007", message, path, dept.line, dept.column))
        for target in _next_targets(tp):
            if target.value not in touchpoints:
                misfiled = misfiled if misfiled is not None else _misfiled(root)
                other = "" if target.value in misfiled else other_kind_note(target.value, root, effective_id(tp)[0])
                message = (f"no touch-point has the id {target.value!r}{misfiled.get(target.value) or other}"
                           if target.value in misfiled or other
                           else _unknown("touch-point", target.value, touchpoints, tp_names, *renames("touch-point")))
                findings.append(Finding("E007", message, path, target.line, target.column))
    return findings


def one_per_reference(findings: list[Finding]) -> list[Finding]:
    """A reference that is no valid id and names no id there is (``department: Field service``) is
    told once, by its E007, which names the element of that name and its id (or the ids there are);
    the E005 at the same spot ("not a valid id") said half of it again and counted a second error."""
    unknown = {(f.path, f.line, f.column) for f in findings if f.code == "E007"}
    return [f for f in findings if not (f.code == "E005" and (f.path, f.line, f.column) in unknown
                                        and " is not a valid id" in f.message)]
