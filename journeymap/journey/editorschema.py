"""The JSON Schema as editors get it: the models' own schema (:func:`~.fileformat.json_schema`)
made to agree with ``check`` and to help while typing (VS Code's YAML extension, through
yaml-language-server: completion, hover text, squiggles).

Each step changes the schema in place; :func:`for_editors` takes them all.
"""

from __future__ import annotations

from typing import Any

from journeymap.findings import CHECK_CODE
from journeymap.journey.slug import SLUG_PATTERN
from journeymap.journey.textsafe import NON_BLANK

#: What an editor says when a value does not match a pattern, instead of the pattern itself
#: (``String does not match the pattern of "^[a-z0-9][a-z0-9_-]{0,63}$"``): the
#: ``patternErrorMessage`` keyword of VS Code's JSON and YAML language servers.
PATTERN_MESSAGES = {
    SLUG_PATTERN: "An id: lower-case letters, digits, - and _, starting with a letter or digit, at most "
                  "64 characters (e.g. contact-centre). To name a department, use its id, not its name.",
    NON_BLANK: "Write visible text: this holds only spaces or characters that draw nothing.",
}
#: YAML 1.1's words for true and false, which ``check`` reads as booleans (PyYAML); an editor
#: reading YAML 1.2 sees them as text, so the schema takes them to agree with ``check``. As a
#: pattern, not an enum: an editor offers an enum's words when it completes a value, and wrote
#: them in quotes (``moment_of_truth: "yes"``), which ``check`` reads as text and rejects (audit BU).
YAML11_BOOLEANS = [f(word) for word in ("yes", "no", "on", "off") for f in (str.lower, str.title, str.upper)]
YAML11_BOOLEAN = "^(" + "|".join(YAML11_BOOLEANS) + ")$"


def for_editors(schema: dict[str, Any]) -> None:
    """The models' schema of the journey file made the editors', in place."""
    registry_lanes(schema)
    warnings_only(schema)
    next_written(schema)
    limits(schema)
    yaml11_booleans(schema)
    pattern_messages(schema)
    no_null_defaults(schema)


def objects(node: Any) -> list[dict[str, Any]]:
    """Every JSON object in ``node`` and below, parents before their children, all found before
    any is changed (a step may add objects it must not visit again)."""
    found: list[dict[str, Any]] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            found.append(item)
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return found


def allow_extensions(schema: dict[str, Any]) -> None:
    """Allow ``x-`` keys on every object, forbid other unknown keys, drop pydantic's titles."""
    for node in objects(schema):
        if isinstance(node.get("title"), str):
            del node["title"]
        if node.get("type") == "object" and "properties" in node:
            node["additionalProperties"] = False
            node["patternProperties"] = {"^x-": {}}


def warnings_only(schema: dict[str, Any]) -> None:
    """An ``ignore`` list takes the warning codes only (W101-W115, either case), as ``check``
    does. The models (and the quick validation, which checks their own schema) let any code
    through, so that ``check`` can say why one cannot be ignored (an error code, an unknown one)."""
    from journeymap.findings import WARNING_CODES

    numbers = "|".join(sorted(code[1:] for code in WARNING_CODES))
    for node in objects(schema):
        if node.get("pattern") == CHECK_CODE:
            node["pattern"] = f"^[Ww]({numbers})$"
            node["description"] = "A warning code: errors cannot be ignored."
            node["patternErrorMessage"] = (f"A warning code, {min(WARNING_CODES)} to {max(WARNING_CODES)}: "
                                           "errors cannot be ignored.")


def registry_lanes(schema: dict[str, Any]) -> None:
    """Under a project file (SPEC 1.2) a lane may be a registry id and ``departments`` may be absent."""
    departments = schema["properties"]["departments"]
    departments["items"] = {"anyOf": [departments["items"], {
        "type": "string", "pattern": SLUG_PATTERN,
        "description": "The id of a department of the project's shared registry (journeymap.yaml)."}]}
    departments["description"] += (" Under a project file (journeymap.yaml), a plain string is a registry "
                                    "department's id (departments: [claims, billing]), and the list may be "
                                    "left out: the lanes are then the registry departments the touch-points use.")
    # SPEC 1.2: under a project file `departments` may be absent. A schema cannot see whether a
    # project file applies, so it does not require the list (check says E004 when no project file applies).
    schema["required"] = [key for key in schema["required"] if key != "departments"]
    lane = schema["definitions"]["DepartmentSpec"]
    lane.pop("required", None)
    lane["anyOf"] = [{"required": ["name"]}, {"required": ["id"], "properties": {"id": {"type": "string"}}}]
    lane["description"] += (" It needs a name, or, under a project file, the id of a registry department: "
                            "the fields it leaves out come from the registry.")


def limits(schema: dict[str, Any]) -> None:
    """SPEC 5's limits that a schema can say, so an editor flags them as ``check`` does (E009)."""
    from journeymap.journey.limits import MAX_DEPARTMENTS, MAX_STAGES, MAX_TOUCHPOINTS, MOST_FROM_ONE

    schema["properties"]["departments"]["maxItems"] = MAX_DEPARTMENTS
    schema["properties"]["stages"]["maxItems"] = MAX_STAGES
    schema["definitions"]["StageSpec"]["properties"]["touchpoints"]["maxItems"] = MAX_TOUCHPOINTS
    schema["definitions"]["TouchpointSpec"]["properties"]["next"]["maxItems"] = MOST_FROM_ONE  # after next_written


def yaml11_booleans(schema: dict[str, Any]) -> None:
    """Every boolean in the schema also takes YAML 1.1's yes/no/on/off (see :data:`YAML11_BOOLEANS`)."""
    for node in objects(schema):
        if node.get("type") == "boolean":
            del node["type"]
            node["anyOf"] = [{"type": "boolean"}, {
                "type": "string", "pattern": YAML11_BOOLEAN,
                "patternErrorMessage": "true or false (yes and no, unquoted, are read as true and false)"}]


def next_written(schema: dict[str, Any]) -> None:
    """A ``next:`` left empty is E005 (it reads as absent, and may have meant ``[]``): the schema
    says so too, its list alone allowed."""
    spec = schema["definitions"]["TouchpointSpec"]["properties"]["next"]
    spec.update(next(branch for branch in spec.pop("anyOf") if branch.get("type") == "array"))
    spec.pop("default", None)


def pattern_messages(schema: dict[str, Any]) -> None:
    """Each pattern of :data:`PATTERN_MESSAGES` in the schema gets its message."""
    for node in objects(schema):
        message = PATTERN_MESSAGES.get(node.get("pattern", ""))
        if message:
            node["patternErrorMessage"] = message


def no_null_defaults(schema: dict[str, Any]) -> None:
    """No ``"default": null``: an editor completing an optional key wrote its default,
    ``owner: null``, for the user to select and type over (audit BU)."""
    for node in objects(schema):
        if "default" in node and node["default"] is None:
            del node["default"]
