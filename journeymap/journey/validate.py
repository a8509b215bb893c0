"""Validate a read journey file and build the typed :class:`~journeymap.journey.model.Journey`.

Every error in a file is collected (E003-E009) before giving up, each at the line and column of
the node it is about. Only a file without errors becomes a Journey. A file that is plainly
valid skips pydantic (:mod:`journeymap.journey.quickvalid`); pydantic, imported only then,
judges the rest and words the findings.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Optional, Union

from journeymap.findings import NO_DEPARTMENTS, Finding, besides
from journeymap.journey.misplaced import misplaced_findings
from journeymap.journey.limits import MAX_DEPARTMENTS, MAX_STAGES, MAX_TOUCHPOINTS, MOST_FROM_ONE, next_limit
from journeymap.journey.model import Journey
from journeymap.journey.modelbuild import build_journey, ignore_list_findings
from journeymap.journey.projectfile import PROJECT_FILE_NAMES
from journeymap.journey.quickvalid import quick_spec
from journeymap.journey.nodes import Node, plain, text_of
from journeymap.journey.fileversion import version_findings
from journeymap.journey.reader import read_bytes
from journeymap.journey.regularfile import read_regular
from journeymap.journey.references import name_index, one_per_reference, reference_findings, touchpoint_items
from journeymap.journey.registryhints import defined_here

if TYPE_CHECKING:
    from journeymap.journey.registryhints import Shadowed
    from journeymap.journey.project import Project



def _items(node: Optional[Node]) -> list[Node]:
    return list(node.children) if node is not None and node.kind == "seq" else []


def _limit_findings(root: Node, path: str) -> list[Finding]:
    findings = []
    stages = _items(root.get("stages"))
    checks = (("departments", _items(root.get("departments")), MAX_DEPARTMENTS),
              ("stages", stages, MAX_STAGES))
    for name, items, limit in checks:
        if len(items) > limit:
            node = root.get(name)
            assert node is not None
            findings.append(Finding("E009", f"{len(items)} {name}; the limit is {limit}. Split the "
                                    "journey into several files", path, node.line, node.column))
    touchpoints = sum(len(_items(s.get("touchpoints"))) for s in stages if s.kind == "map")
    if touchpoints > MAX_TOUCHPOINTS:
        node = root.get("stages")
        assert node is not None
        findings.append(Finding("E009", f"{touchpoints} touch-points; the limit is {MAX_TOUCHPOINTS}. "
                                "Split the journey into several files", path, node.line, node.column))
    return findings + _next_limit(root, path)


def _next_limit(root: Node, path: str) -> list[Finding]:
    """E009 at the ``next:`` entry that takes a touch-point past :data:`~journeymap.journey.limits.MOST_FROM_ONE`
    next steps, or the journey past its limit of them (:func:`~journeymap.journey.limits.next_limit`)."""
    touchpoints = list(touchpoint_items(root))
    limit, seen = next_limit(len(touchpoints)), 0
    for tp in touchpoints:
        entries = _items(tp.get("next"))
        if len(entries) > MOST_FROM_ONE:
            node = entries[MOST_FROM_ONE]
            return [Finding("E009", f"{len(entries)} next steps from one touch-point; the limit is {MOST_FROM_ONE}: "
                            "a map this dense cannot be read: keep the few real next steps, or give the choices "
                            "a touch-point of their own", path, node.line, node.column)]
        if seen + len(entries) > limit:
            node = entries[limit - seen]
            return [Finding("E009", f"more than {limit:,} next steps in the journey's `next:` lists (the limit for "
                            f"{len(touchpoints):,} touch-points); a map this dense cannot be read: keep each "
                            "touch-point's few real next steps, or split the journey into several files",
                            path, node.line, node.column)]
        seen += len(entries)
    return []


def _empty_next(root: Node, path: str) -> list[Finding]:
    """E005 for each ``next:`` written with no value: YAML reads it as absent, and the flow went on
    to the next touch-point without a word, though the writer may have meant the path to end
    there (``next: []``; audit BG)."""
    found = []
    for tp in touchpoint_items(root):
        node = tp.get("next")
        if node is not None and node.kind == "scalar" and node.value is None:
            found.append(Finding("E005", "next is empty: list the ids of the touch-points the customer goes on to "
                                 "below it ('- <id>'), write `next: []` for a path that ends here, or leave the key "
                                 "out for the next touch-point in the file", path, node.line, node.column))
    return found


def _pydantic_spec(data: Any, root: Node, path: str, findings: list[Finding], registry: bool = False) -> Any:
    """The models' verdict: the spec, or None with the findings added (``registry``: a project
    file's registry lists departments, which the messages may offer)."""
    from pydantic import ValidationError

    from journeymap.journey.diagnose import findings_from
    from journeymap.journey.fileformat import JourneySpec

    try:
        return JourneySpec.model_validate(data)
    except ValidationError as exc:
        findings.extend(findings_from(exc, root, path, registry=registry))
        return None


def _no_registry(data: dict[str, Any], root: Node, path: str, findings: list[Finding]) -> dict[str, Any]:
    """E007 for each plain string in ``departments`` when no project file applies: such a string
    is a registry id (SPEC 1.2), and there is no registry. A placeholder takes the item's place, so
    it is not told a second time, as a value of the wrong type or as an empty list."""
    node = root.get("departments")
    items = node.children if node is not None and node.kind == "seq" else []
    kept = []
    beside = _journey_named_project(path)
    for item, value in zip(items, data["departments"]):
        if item.kind == "scalar" and isinstance(value, str):
            fix = (f"{beside} starts with `journeymap: 1`, so it is read as a journey, not as the project file: "
                   "make its first line `project: 1`" if beside else
                   f"define the department here ({defined_here(value)}) or add the project file to this folder "
                   "or one above it")
            findings.append(Finding("E007", f"no registry department has the id {value!r}: a plain id in "
                                    "`departments` names a department of the project file's registry, and no "
                                    f"journeymap.yaml applies to this journey; {fix}", path, item.line,
                                    item.column))
            kept.append({"name": value})  # in its place, so the list is not then told empty
        else:
            kept.append(value)
    return {**data, "departments": kept}


def _journey_named_project(path: str) -> Optional[str]:
    """The journeymap.yaml beside the journey at ``path`` where it is a journey (it starts with
    `journeymap: 1`): its journeys were told to add the project file that was there (audit FZ)."""
    from journeymap.journey.project import HEAD, has_journey_key

    for name in PROJECT_FILE_NAMES:
        beside = os.path.join(os.path.dirname(path), name)
        try:
            if os.path.isfile(beside) and has_journey_key(read_regular(beside, HEAD)):
                return beside
        except OSError:
            continue
    return None


def _project_named_journey(root: Node, path: str) -> list[Finding]:
    """A project file written with a journey's first key (``journeymap: 1`` in journeymap.yaml,
    with a registry and no stages) is told as that, once, instead of as a journey missing its
    title and stages whose organisation and bounds are unknown fields."""
    key = root.key_node("journeymap")
    if os.path.basename(path) in PROJECT_FILE_NAMES and key is not None and root.get("project") is not None:
        # both first keys: it was told it starts with `journeymap: 1`, "not `project: 1`" (audit FF)
        return [Finding("E003", "unknown field 'journeymap' in the project file: this journeymap.yaml starts with "
                        "`project: 1`, as the project file does; delete `journeymap: 1` (a journey is a file of "
                        "its own, such as claim.journey.yaml)", path, key.line, key.column)]
    if os.path.basename(path) not in PROJECT_FILE_NAMES or key is None or root.get("stages") is not None \
            or not any(root.get(k) is not None for k in ("organisation", "moments_of_truth", "departments")):
        return []
    return [Finding("E004", "this file is named journeymap.yaml, the project file: a project file starts with "
                    "`project: 1`, not `journeymap: 1` (rename the file if it is meant to be a journey)", path,
                    key.line, key.column)]


def _unreadable(root: Node, path: str) -> list[Finding]:
    """The findings that stop validation before any field is read: not a mapping, empty, a project
    file's content under a journey's key, the wrong version, or beyond a limit."""
    if root.kind != "map":
        return [Finding("E005", "the top level of a journey file must be keys with values, "
                        "starting with `journeymap: 1`", path, root.line, root.column)]
    if not root.children:  # one finding, not one per required key
        return [Finding("E004", "the file holds no journey: a journey needs `journeymap: 1`, a `title`, "
                        "`departments` and `stages`; `journeymap init` writes one to start from", path, 1, 1)]
    return (_project_named_journey(root, path) or version_findings(root, "journeymap", "format version", path)
            or _limit_findings(root, path) or misplaced_findings(root, path))


def _registered(data: dict[str, Any], root: Node, project: "Project", path: str,
                findings: list[Finding]) -> tuple[dict[str, Any], Optional[list[Node]], list[Finding]]:
    """``data`` with the registry's departments applied (its conflicts added to ``findings``), the
    lanes, and E009 when the lanes with the registry's are too many."""
    from journeymap.journey.registry import apply_registry

    data, lanes, conflicts = apply_registry(data, root, project, path)
    findings.extend(conflicts)
    if lanes is not None and len(lanes) > MAX_DEPARTMENTS:  # registry departments are lanes too
        node = root.get("departments") or root
        return data, lanes, [Finding("E009", f"{len(lanes)} departments with the registry's ones it uses; the limit "
                                     f"is {MAX_DEPARTMENTS}. Split the journey into several files", path, node.line,
                                     node.column)]
    return data, lanes, []


def _reference_checks(root: Node, path: str, project: Optional["Project"], read: bool) -> list[Finding]:
    """Unknown references (to the journey's departments, then the registry's, which was ``read``
    without errors), ``ignore:`` lists and empty ``next:`` lists."""
    registry = list(project.by_id) if project is not None else None
    if project is not None and not read and project.named_ids is not None:
        # a broken registry whose entries all name their ids: what none of them names is unknown
        registry, read = sorted(project.named_ids), True
    names = name_index((d.fields.get("name"), d.id) for d in project.departments) if project is not None else None
    where = str(project.path) if project is not None else None
    found = reference_findings(root, path, registry, registry_read=read, registry_names=names, registry_from=where)
    if project is not None and read and any(f.code == "E007" for f in found):
        shadowed = _shadowed(project)  # read only where a reference is unknown
        if shadowed is not None:
            found = reference_findings(root, path, registry, registry_read=read, registry_names=names,
                                       registry_from=where, shadowed=shadowed)
    return found + ignore_list_findings(root, path) + _empty_next(root, path)


def _shadowed(project: "Project") -> Optional["Shadowed"]:
    """The nearest project file further up that ``project`` overrides and that has a registry,
    with its registry's ids; None for a project file read from a git revision (``HEAD:...``: the
    files above it now are not those of then: review FO)."""
    from journeymap.journey.project import project_for

    folder = Path(project.path).parent
    if not Path(project.path).is_file():
        return None
    for _ in range(64):  # a project file without a registry may lie between (review FO)
        if (folder / ".git").exists():  # the search for a project file ends at the repository's top
            return None
        above = project_for(str(folder / os.pardir))
        if above is None:
            return None
        if above.departments:
            return str(above.path), list(above.by_id)
        folder = Path(above.path).parent
    return None
def validate_tree(root: Node, path: str, project: Optional["Project"] = None) -> tuple[Optional[Journey], list[Finding]]:
    """Validate a node tree; return the Journey (None when there are errors) and the findings.

    With a ``project``, department references resolve to the journey's own departments and then
    to the project's registry (SPEC 1.2); without one, the file stands alone.
    """
    stopped = _unreadable(root, path)
    if stopped:
        return None, stopped
    findings: list[Finding] = []
    data = plain(root)
    lanes: Optional[list[Node]] = None
    if project is not None:
        data, lanes, too_many = _registered(data, root, project, path, findings)
        if too_many:
            return None, too_many
    elif isinstance(data.get("departments"), list):
        data = _no_registry(data, root, path, findings)
    spec = quick_spec(data)
    if spec is None:
        spec = _pydantic_spec(data, root, path, findings, registry=project is not None and bool(project.by_id))
    read = project is None or not any(f.is_error for f in project.findings)
    findings = one_per_reference(findings + _reference_checks(root, path, project, read))
    if project is not None and not read:
        # a broken registry: its errors say why, and nothing is built on it, nor is a journey that
        # leaves its departments to the registry missing them (audit AY: E004)
        findings = [f for f in findings if not (f.code == "E004" and f.message.startswith(NO_DEPARTMENTS))]
        return None, findings or [f for f in project.findings if f.is_error]
    if spec is None or findings:
        return None, findings
    if project is None:
        return build_journey(spec, root, path)
    return build_journey(spec, root, path, lanes, project.path, frozenset(project.by_id))


def load_bytes(data: bytes, path: str, project: Optional["Project"] = None) -> tuple[Optional[Journey], list[Finding]]:
    """Read and validate a journey from bytes; ``path`` is used in findings and for the default id."""
    root, findings = read_bytes(data, path)
    if root is None:
        return None, findings
    journey, more = validate_tree(root, path, project)
    findings = findings + besides(findings, more)
    if any(f.is_error for f in findings):
        return None, findings
    return journey, findings


def declared_names(data: bytes, path: str) -> tuple[Optional[str], Optional[str]]:
    """The ``id`` and ``title`` a journey file gives at its top level, each where it is text (a
    journey with errors is still listed by them); ``(None, None)`` when the file cannot be read."""
    root, _ = read_bytes(data, path)
    if root is None or root.kind != "map":
        return None, None
    ident, title = (text_of(root.get(key)) for key in ("id", "title"))
    return ident and ident.strip(), title and title.strip()


def load_text(text: str, path: str) -> tuple[Optional[Journey], list[Finding]]:
    """Read and validate a journey from text."""
    return load_bytes(text.encode("utf-8"), path)


NEAREST = "nearest"  #: load_journey's default: the nearest project file up the tree applies


def load_journey(path: Union[str, Path], project: Union["Project", None, str] = NEAREST) -> tuple[Optional[Journey], list[Finding]]:
    """Read and validate a journey file. Raises OSError when the file cannot be opened or is not
    a regular file (:class:`~journeymap.journey.regularfile.NotARegularFile`).

    By default the nearest project file up the tree applies (SPEC 1.2); pass a :class:`Project`,
    or None for the file alone. The project file's own findings come first.
    """
    data = read_regular(path)  # never more than the limit of a huge file
    if isinstance(project, str):
        from journeymap.journey.project import project_for

        project = project_for(str(path))
    journey, findings = load_bytes(data, str(path), project)
    return journey, with_project_findings(project, findings)


def with_project_findings(project: Optional["Project"], findings: Iterable[Finding]) -> list[Finding]:
    """The project file's findings, then the journey's, each once: a journey under a broken
    registry carries the project file's errors itself (:func:`validate_tree`)."""
    return list(dict.fromkeys([*(project.findings if project is not None else ()), *findings]))
