"""Validate a read journey file and build the typed :class:`~journeymap.journey.model.Journey`.

Every error in a file is collected (E003-E009) before giving up, each at the line and column of
the node it is about. Only a file without errors becomes a Journey. A file that is plainly
valid skips pydantic (:mod:`journeymap.journey.quickvalid`); pydantic, imported only then,
judges the rest and words the findings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional, Union

from journeymap.findings import Finding
from journeymap.journey.model import Journey
from journeymap.journey.modelbuild import build_journey
from journeymap.journey.quickvalid import quick_spec
from journeymap.journey.reader import MAX_BYTES, Node, read_bytes
from journeymap.journey.references import reference_findings

MAX_TOUCHPOINTS = 2000
MAX_DEPARTMENTS = 200
MAX_STAGES = 200


def plain(node: Node) -> Any:
    """The Python value pydantic validates: ``x-`` keys dropped, keys as written in the file."""
    if node.kind == "scalar":
        return node.value
    if node.kind == "seq":
        return [plain(child) for child in node.children]
    return {k.key_text: plain(v) for k, v in node.children if not k.key_text.startswith("x-")}


def _items(node: Optional[Node]) -> list[Node]:
    return list(node.children) if node is not None and node.kind == "seq" else []


def _version_findings(root: Node, path: str) -> list[Finding]:
    version = root.get("journeymap")
    if version is None or (version.kind == "scalar" and version.value == 1 and version.value is not True):
        return []
    shown = version.text if version.kind == "scalar" else "a collection"
    return [Finding("E008", f"format version {shown!r} is not supported; this journeymap reads "
                    "version 1: write journeymap: 1", path, version.line, version.column)]


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
    return findings


def _pydantic_spec(data: Any, root: Node, path: str, findings: list[Finding]) -> Any:
    """The models' verdict: the spec, or None with the findings added."""
    from pydantic import ValidationError

    from journeymap.journey.diagnose import findings_from
    from journeymap.journey.fileformat import JourneySpec

    try:
        return JourneySpec.model_validate(data)
    except ValidationError as exc:
        findings.extend(findings_from(exc, root, path))
        return None


def validate_tree(root: Node, path: str) -> tuple[Optional[Journey], list[Finding]]:
    """Validate a node tree; return the Journey (None when there are errors) and the findings."""
    if root.kind != "map":
        return None, [Finding("E005", "the top level of a journey file must be a mapping of keys, "
                              "starting with `journeymap: 1`", path, root.line, root.column)]
    findings = _version_findings(root, path) or _limit_findings(root, path)
    if findings:
        return None, findings
    data = plain(root)
    spec = quick_spec(data)
    if spec is None:
        spec = _pydantic_spec(data, root, path, findings)
    findings.extend(reference_findings(root, path))
    if spec is None or findings:
        return None, findings
    return build_journey(spec, root, path)


def load_bytes(data: bytes, path: str) -> tuple[Optional[Journey], list[Finding]]:
    """Read and validate a journey from bytes; ``path`` is used in findings and for the default id."""
    root, findings = read_bytes(data, path)
    if root is None:
        return None, findings
    journey, more = validate_tree(root, path)
    findings = findings + more
    if any(f.is_error for f in findings):
        return None, findings
    return journey, findings


def load_text(text: str, path: str) -> tuple[Optional[Journey], list[Finding]]:
    """Read and validate a journey from text."""
    return load_bytes(text.encode("utf-8"), path)


def load_journey(path: Union[str, Path]) -> tuple[Optional[Journey], list[Finding]]:
    """Read and validate a journey file. Raises OSError when the file cannot be opened."""
    with open(path, "rb") as handle:
        data = handle.read(MAX_BYTES + 1)  # never read more than the limit of a huge file
    return load_bytes(data, str(path))
