"""The version a journey or project file declares (``journeymap: 1``, ``project: 1``): E008 unless it is 1."""

from __future__ import annotations

from journeymap.findings import Finding
from journeymap.journey.nodes import Node
from journeymap.journey.textsafe import short_key


def version_findings(root: Node, key: str, what: str, path: str) -> list[Finding]:
    """E008 at ``root[key]`` (the file's version, ``journeymap`` or ``project``) unless it is the integer 1."""
    version = root.get(key)
    if version is None or (version.kind == "scalar" and type(version.value) is int and version.value == 1):
        return []
    if version.kind == "scalar" and isinstance(version.value, str) and version.value.strip() == "1":
        return [Finding("E008", f"{what} '1' is written as text; write {key}: 1 without quotes",
                        path, version.line, version.column)]
    if version.kind != "scalar":  # "format version a collection is not supported" (audit BZ)
        return [Finding("E008", f"the {what} is {'a list' if version.kind == 'seq' else 'a mapping'}; write {key}: 1",
                        path, version.line, version.column)]
    return [Finding("E008", f"{what} {short_key(str(version.text), 40)} is not supported; this journeymap reads "
                    f"version 1: write {key}: 1", path, version.line, version.column)]
