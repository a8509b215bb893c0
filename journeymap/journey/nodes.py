"""The positioned YAML node tree the reader composes, and its plain Python values."""

from __future__ import annotations

import json
from typing import Any, Optional

from msgspec import Struct, field


class Node(Struct, eq=False):
    """A YAML node: ``kind`` is scalar, seq or map; 1-based ``line`` and ``column``.

    ``value`` is the typed Python value for a scalar, a list of nodes for a sequence and a list
    of ``(key node, value node)`` pairs for a mapping.
    """

    kind: str
    line: int
    column: int
    value: Any = None
    size: int = 1
    text: Optional[str] = None
    tag: Optional[str] = None
    children: list[Any] = field(default_factory=list)

    def _entry(self, key: str) -> Optional[tuple["Node", "Node"]]:
        """The ``(key node, value node)`` of ``key`` in a mapping (None if absent or not a mapping)."""
        if self.kind != "map":
            return None
        return next(((k, v) for k, v in self.children if k.key_text == key), None)

    def get(self, key: str) -> Optional["Node"]:
        """The value node for ``key`` in a mapping (None if absent or not a mapping)."""
        entry = self._entry(key)
        return entry[1] if entry else None

    def key_node(self, key: str) -> Optional["Node"]:
        """The key node for ``key`` in a mapping."""
        entry = self._entry(key)
        return entry[0] if entry else None

    @property
    def key_text(self) -> str:
        """This node as a mapping key: its text as written (``yes`` stays ``yes``)."""
        if isinstance(self.value, str):
            return self.value
        return self.text if self.text is not None else f"<{self.kind} at line {self.line}>"

    @property
    def pos(self) -> tuple[int, int]:
        """``(line, column)``, 1-based."""
        return (self.line, self.column)


def plain(node: Node) -> Any:
    """The Python value pydantic validates: ``x-`` keys dropped, keys as written in the file."""
    if node.kind == "scalar":
        return node.value
    if node.kind == "seq":
        return [plain(child) for child in node.children]
    return {k.key_text: plain(v) for k, v in node.children if not k.key_text.startswith("x-")}


def to_python(node: Node, text_keys: bool = False) -> Any:
    """The plain Python value of a node tree (mappings as dicts, in document order). With
    ``text_keys``, each key as text (:func:`key_text`): an ``x-`` key's data as the JSON export
    writes it, ``true:`` and ``1:`` two keys (Python took them for one, and one value was lost)."""
    if node.kind == "scalar":
        return node.value
    if node.kind == "seq":
        return [to_python(child, text_keys) for child in node.children]
    plain: dict[Any, Any] = {}
    for k, v in node.children:  # of keys taken for one (true and 1 by Python, 1 and "1" as text), the first
        key = _plain_key(k)
        plain.setdefault(key_text(key) if text_keys else key, to_python(v, text_keys))
    return plain


def key_text(value: Any) -> str:
    """A mapping key as text, as JSON writes it: ``1`` and ``"1"`` are one key there.

    >>> [key_text(v) for v in ("a", 1, 1.5, True, None)]
    ['a', '1', '1.5', 'true', 'null']
    """
    if isinstance(value, str):
        return value
    if value is None or isinstance(value, (bool, int, float)):
        return json.dumps(value)
    return str(value)


def _plain_key(key: Node) -> Any:
    if key.kind == "scalar":
        try:
            hash(key.value)
            return key.value
        except TypeError:
            pass
    return f"<complex key at line {key.line}>"


def text_of(node: Optional[Node]) -> Optional[str]:
    """A scalar's text as written, when it is some (not blank); None for anything else."""
    return node.value if node is not None and node.kind == "scalar" and isinstance(node.value, str) \
        and node.value.strip() else None
