"""A fast path past pydantic for journey files that are plainly valid.

Importing pydantic and building the models of :mod:`journeymap.journey.fileformat` costs about
70 ms of CPU, more than the rest of a small render's Python work. Most files are valid, so they
are first checked against the format's own JSON Schema (the one ``journeymap schema`` prints,
made from those models; a compact copy ships as ``fileformat.json`` and a test keeps the two
equal). This check is conservative: it accepts only values the models accept unchanged (strict
types, the same lengths, patterns and enumerations, no unknown keys), and returns None for
anything it is not sure of; such files go through pydantic, which also writes the findings.
Accepted values come back as plain objects with the models' field names and defaults.
"""

from __future__ import annotations

import copy
import functools
import json
import os
import re
from types import SimpleNamespace
from typing import Any, Callable, Optional

Check = Callable[[Any], Any]
SCHEMA_FILE = "fileformat.json"
# Keywords that only describe; every other keyword must be one this module understands.
_ANNOTATIONS = {"description", "title", "default", "$schema", "definitions", "patternProperties"}
# The keywords understood, per kind of node; a schema with any other makes the fast path refuse
# every file (a test then fails: valid files must take it).
_KEYWORDS = {
    "$ref": {"$ref"}, "anyOf": {"anyOf"}, "oneOf": {"oneOf"},
    "object": {"type", "properties", "required", "additionalProperties"},
    "array": {"type", "items", "minItems"},
    "string": {"type", "minLength", "maxLength", "pattern", "enum"},
    "integer": {"type", "minimum", "maximum", "const"},
    "boolean": {"type"}, "null": {"type"},
}


class Unsure(Exception):
    """The value may be invalid: let pydantic decide."""


def compact_schema(schema: dict[str, Any]) -> str:
    """The schema as stored in ``fileformat.json``: without descriptions, sorted, one line."""
    def strip(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if not (k == "description" and isinstance(v, str))}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    return json.dumps(strip(schema), sort_keys=True, separators=(",", ":")) + "\n"


def _unicode(value: str) -> bool:
    if value.isascii():
        return True
    try:
        value.encode("utf-8")  # lone surrogates (from "\ud800" in YAML) are not valid strings
    except UnicodeEncodeError:
        return False
    return True


def _regex(pattern: str) -> re.Pattern[str]:
    # The models' patterns are searched (Rust regex); a final $ must not match before a "\n".
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


class _Compiler:
    """Turns schema nodes into checking functions (each returns the value or raises Unsure)."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.definitions: dict[str, Any] = schema.get("definitions", {})
        self.refs: dict[str, Check] = {}

    def compile(self, node: dict[str, Any]) -> Check:
        """The check for schema ``node``; ValueError for a keyword it does not know."""
        kind: str = next((k for k in ("$ref", "anyOf", "oneOf") if k in node), node.get("type", ""))
        unknown = set(node) - _ANNOTATIONS - _KEYWORDS.get(kind, set())
        if kind not in _KEYWORDS or unknown:
            raise ValueError(f"schema node this fast path does not know: {kind!r} with {sorted(unknown)}")
        if kind == "$ref":
            return self._ref(node["$ref"])
        if kind in ("anyOf", "oneOf"):
            return self._union([self.compile(n) for n in node[kind]], exactly_one=kind == "oneOf")
        if kind == "object":
            return self._object(node)
        if kind == "array":
            return self._array(node)
        if kind == "string":
            return self._string(node)
        if kind == "integer":
            return self._integer(node)
        if kind == "boolean":
            return _exact(bool)
        return _exact(type(None))

    def _ref(self, ref: str) -> Check:
        name = ref.rsplit("/", 1)[-1]
        if name not in self.refs:
            self.refs[name] = _unsure  # no recursive formats: a cycle would fall back to pydantic
            self.refs[name] = self.compile(self.definitions[name])
        return self.refs[name]

    @staticmethod
    def _union(options: list[Check], exactly_one: bool) -> Check:
        def check(value: Any) -> Any:
            found = []
            for option in options:
                try:
                    found.append(option(value))
                except Unsure:
                    continue
                if not exactly_one:
                    break
            if len(found) != 1:
                raise Unsure
            return found[0]

        return check

    def _object(self, node: dict[str, Any]) -> Check:
        if node.get("additionalProperties", True) is not False:
            raise ValueError("objects must forbid unknown keys")
        fields = {name: self.compile(sub) for name, sub in node.get("properties", {}).items()}
        required = frozenset(node.get("required", ()))
        fill: dict[str, Callable[[], Any]] = {}
        for name, sub in node.get("properties", {}).items():
            if name in required:
                continue
            if "default" in sub:
                default = sub["default"]
                fill[name] = functools.partial(copy.deepcopy if isinstance(default, (list, dict)) else _same, default)
            elif sub.get("type") == "array":
                fill[name] = list  # pydantic's default_factory=list: a fresh list per object
            else:
                raise ValueError(f"optional field {name!r} has no default")

        def check(value: Any) -> Any:
            if type(value) is not dict or not required <= value.keys():
                raise Unsure
            out = {name: make() for name, make in fill.items() if name not in value}
            for key, item in value.items():
                field = fields.get(key)
                if field is None:
                    raise Unsure
                out[key] = field(item)
            return SimpleNamespace(**out)

        return check

    def _array(self, node: dict[str, Any]) -> Check:
        items = self.compile(node["items"]) if "items" in node else _unsure
        least = node.get("minItems", 0)

        def check(value: Any) -> Any:
            if type(value) is not list or len(value) < least:
                raise Unsure
            return [items(item) for item in value]

        return check

    @staticmethod
    def _string(node: dict[str, Any]) -> Check:
        shortest, longest = node.get("minLength", 0), node.get("maxLength")
        search = _regex(node["pattern"]).search if "pattern" in node else None
        allowed = frozenset(node["enum"]) if "enum" in node else None

        def check(value: Any) -> Any:
            if type(value) is not str or len(value) < shortest or (longest is not None and len(value) > longest):
                raise Unsure
            if (allowed is not None and value not in allowed) or (search is not None and not search(value)):
                raise Unsure
            if not _unicode(value):
                raise Unsure
            return value

        return check

    @staticmethod
    def _integer(node: dict[str, Any]) -> Check:
        low, high = node.get("minimum"), node.get("maximum")
        const = node.get("const")

        def check(value: Any) -> Any:
            if type(value) is not int or (const is not None and value != const):
                raise Unsure
            if (low is not None and value < low) or (high is not None and value > high):
                raise Unsure
            return value

        return check


def _exact(kind: type) -> Check:
    def check(value: Any) -> Any:
        if type(value) is not kind:
            raise Unsure
        return value

    return check


def _same(value: Any) -> Any:
    return value


def _unsure(_value: Any) -> Any:
    raise Unsure


@functools.lru_cache(maxsize=1)
def _checker() -> Check:
    """The whole file's check; without a readable schema every file goes to pydantic."""
    try:
        with open(os.path.join(os.path.dirname(__file__), SCHEMA_FILE), encoding="utf-8") as handle:
            schema = json.load(handle)
        return _Compiler(schema).compile(schema)
    except (OSError, ValueError, KeyError, TypeError):
        return _unsure


def quick_spec(data: Any) -> Optional[Any]:
    """``data`` (the file as plain Python values) as spec objects if it is surely valid, else None.

    The objects have the attributes of :class:`~journeymap.journey.fileformat.JourneySpec` and
    its parts, defaults filled in; a ``next`` item is a ``str`` or an object with ``to`` and
    ``label``.
    """
    try:
        return _checker()(data)
    except Unsure:
        return None
