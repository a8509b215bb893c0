"""A journey's top-level list written inside an item of another (its indentation slipped): told
once, where it is, instead of as the journey missing it and each of its items' keys unknown."""

from __future__ import annotations

from journeymap.findings import Finding
from journeymap.journey.nodes import Node

#: The journey's lists, and what an item of each is called.
_LISTS = {"departments": "department", "stages": "stage"}


def misplaced_findings(root: Node, path: str) -> list[Finding]:
    """E004 at a top-level list's key found inside an item of another list (``stages:`` indented
    under the last department), where the journey has none of its own. Its items, read as the
    department's, or as departments, each told their keys unknown: 8 findings, the first telling
    the user to add the ``stages:`` that was there (audit FZ)."""
    found = []
    loose = root.key_node("touchpoints")
    if loose is not None and root.get("stages") is None:
        # touch-points at the top: told "no 'stages'; add stages" and "unknown field 'touchpoints'" (audit FZ)
        return [Finding("E004", "this journey has no 'stages', and touch-points belong to a stage: write `stages:` "
                        "above this line with a stage under it (`- name: ...`), and its `touchpoints:` indented "
                        "under that stage", path, loose.line, loose.column)]
    found += _outdented_touchpoints(root, path)
    for key in _LISTS:
        if root.get(key) is not None:
            continue
        for other, item_kind in _LISTS.items():
            items = root.get(other)
            if other == key or items is None or items.kind != "seq":
                continue
            for item in items.children:
                inner = item.key_node(key) if item.kind == "map" else None
                if inner is not None:
                    found.append(Finding(
                        "E004", f"this journey has no top-level {key!r}: the `{key}:` here is indented inside "
                        f"the {item_kind} above it (line {item.line}); start it at the beginning of its line, "
                        f"as `{other}:` is, with its items indented under it", path, inner.line, inner.column))
                    break
    return found


def _outdented_touchpoints(root: Node, path: str) -> list[Finding]:
    """E003 at a stage's item that is a touch-point (it has a ``department:``) right after a stage
    whose ``touchpoints:`` is empty: its lines were not indented under that key. Told as the key
    empty and each of the item's keys unknown in a stage, 4 findings for one slip (audit FZ)."""
    stages = root.get("stages")
    items = stages.children if stages is not None and stages.kind == "seq" else []
    found = []
    for before, item in zip(items, items[1:]):
        key = before.key_node("touchpoints") if before.kind == "map" else None
        empty = before.get("touchpoints") if key is not None else None
        if key is None or empty is None or empty.kind != "scalar" or empty.value is not None:
            continue
        if item.kind == "map" and item.get("department") is not None and item.get("touchpoints") is None:
            found.append(Finding("E003", f"this item is a touch-point (it has a department) at the level of the "
                                 f"stages: indent it under the `touchpoints:` of the stage above (line {key.line}), "
                                 "its '- ' 2 spaces further in than that key, and its keys with it", path, item.line,
                                 item.column))
    return found
