"""Turn pydantic validation errors into findings at the right YAML node, with fixing advice."""

from __future__ import annotations

import difflib
from typing import Any, Optional

from pydantic import ValidationError

from journeymap.journey.fileformat import DepartmentSpec, JourneySpec, NextEdge, PersonaSpec, StageSpec, TouchpointSpec
from journeymap.findings import NO_DEPARTMENTS, Finding
from journeymap.journey.projectformat import MOST_BOUND, BoundsSpec, ProjectSpec
from journeymap.journey.elementids import department_choices, named_departments
from journeymap.journey.nodes import Node
from journeymap.journey.textsafe import TYPOGRAPHIC_QUOTES, lookalike_note, printable, short_key
from journeymap.journey.valueproblems import (ID_FIELDS, KEY_CUTOFF, literal_message, pattern_message, shown,
                                              suggest, type_problem, written)

_FIELDS: dict[str, tuple[str, ...]] = {
    "journey": tuple(JourneySpec.model_fields),
    "persona": tuple(PersonaSpec.model_fields),
    "department": tuple(DepartmentSpec.model_fields),
    "stage": tuple(StageSpec.model_fields),
    "touchpoint": tuple(TouchpointSpec.model_fields),
    "next": tuple(NextEdge.model_fields),
    "project": tuple(ProjectSpec.model_fields),
    "bounds": tuple(BoundsSpec.model_fields),
}
_MAP_KIND = {"persona": "persona", "moments_of_truth": "bounds"}
_ITEM_KIND = {"departments": "department", "stages": "stage", "touchpoints": "touchpoint", "next": "next"}
def locate(root: Node, loc: tuple[Any, ...], top: str = "journey") -> tuple[Node, list[Any], str]:
    """Follow a pydantic error location through the node tree.

    Returns the deepest node reached, the path elements that matched, and the kind of element
    that node belongs to (journey or project, department, stage, touchpoint, next, persona, bounds).
    """
    node, kind = root, top
    matched: list[Any] = []
    for part in loc:
        child: Optional[Node] = None
        if node.kind == "map" and isinstance(part, str):
            child = node.get(part)
        elif node.kind == "seq" and isinstance(part, int) and 0 <= part < len(node.children):
            child = node.children[part]
        if child is None:
            continue  # a union tag such as 'edge', or a missing key
        if isinstance(part, int) and matched:
            kind = _ITEM_KIND.get(str(matched[-1]), kind)
        elif isinstance(part, str) and part in _MAP_KIND and len(matched) == 0:
            kind = _MAP_KIND[part]
        node, matched = child, matched + [part]
    return node, matched, kind


_SYNONYMS = {"dept": "department", "team": "department", "owner": "department", "lane": "department",
             "rating": "reliability", "reliable": "reliability", "kpi": "metric", "kpis": "metrics",
             "measure": "metric", "measures": "metrics", "version": "journeymap", "steps": "touchpoints",
             "phases": "stages", "columns": "stages", "lanes": "departments", "teams": "departments",
             "mot": "moment_of_truth", "moment": "moment_of_truth", "description": "summary",
             "comment": "notes", "comments": "notes", "pains": "pain_points", "feeling": "emotion",
             "mood": "emotion", "then": "next", "leads_to": "next", "head": "lead", "manager": "lead",
             # a next item's condition is its label (audit CW)
             "condition": "label", "when": "label", "if": "label", "guard": "label", "target": "to",
             # the field's name in a team's own language (audit DK: `nombre:`)
             "nombre": "name", "nom": "name", "titulo": "title", "título": "title", "titre": "title",
             "titel": "title"}


def _synonym(word: str, choices: tuple[str, ...]) -> str:
    meant = _SYNONYMS.get(word.lower().replace("-", "_").replace(" ", "_"))
    return f"; did you mean {meant!r}?" if meant in choices else ""


def _near_miss(node: Node, field: str, fields: tuple[str, ...]) -> str:
    """Where the mapping has a key the format does not define that is close to the missing
    ``field`` ("Department", "stage"): a pointer to it, so that the missing field and the
    misspelt key read as the one slip they are (the missing one was listed first: audit P)."""
    if node.kind != "map":
        return ""
    for key, _ in node.children:
        text = key.key_text
        if text not in fields and not text.startswith("x-") and (
                text.casefold() == field.casefold() or _SYNONYMS.get(text.casefold()) == field  # `nombre:`
                or difflib.get_close_matches(text, [field], n=1, cutoff=0.75)):
            return f"line {key.line} has {text!r}: write it as {field!r}"
    return ""


_KIND_TEXT = {"touchpoint": "touch-point", "next": "next item"}
#: The lists a journey needs at least one item of (SPEC 1), and what an item is.
_AT_LEAST_ONE = {"stages": "stage", "departments": "department"}
#: The keys each kind of mapping must have.
_REQUIRED: dict[str, frozenset[str]] = {
    kind: frozenset(name for name, f in model.model_fields.items() if f.is_required())
    for kind, model in (("journey", JourneySpec), ("department", DepartmentSpec), ("stage", StageSpec),
                        ("touchpoint", TouchpointSpec), ("next", NextEdge), ("project", ProjectSpec))}
#: Lists whose items are mappings, and what else an item needs besides its name.
_ITEMS = {"touchpoints": ", with its `department:` below it", "stages": "", "departments": ""}


#: What a journey under a project file whose registry lists departments may do instead of listing
#: its own (said only there: without a project file, or under ``init``'s empty registry, there are
#: none to refer to).
REGISTRY_CLAUSE = ", or refer to the registry's departments by their ids in the touch-points' `department:`"
#: The same, for an empty ``departments:`` (the key must go too).
LEAVE_OUT_CLAUSE = ", or leave the key out and refer to the registry's departments by their ids in the touch-points"


def message_for(error: dict[str, Any], node: Node, field: str, kind: str,
                mapping: Optional[Node] = None, registry: bool = False) -> tuple[str, str]:
    """``(code, message)`` for one pydantic error at ``node``; ``field`` is the key concerned and,
    for an unknown key, ``mapping`` the mapping that holds it. ``registry``: a project file's
    registry lists departments the journey may refer to."""
    etype = error["type"]
    fields = _FIELDS.get(kind, ())
    loc: tuple[Any, ...] = tuple(error.get("loc") or ())
    holder = "item" if loc and isinstance(loc[-1], int) else "key"  # a list item has no key to remove
    if loc[-3:-2] == ("next",) and isinstance(loc[-2], int) and loc[-1] == "id":
        # an item of `next` read as the id it may be: "id: is empty" named a key the file has not
        field, holder = "next item", "item"
    if holder == "key" and field in _REQUIRED.get(kind, ()):
        holder = ""  # nothing to remove: the key must be there
    kind = _KIND_TEXT.get(kind, kind)
    if etype == "missing":
        return "E004", _missing_message(node, field, kind, fields)
    if etype == "extra_forbidden":
        return "E003", _unknown_message(field, kind, fields, error.get("input"), mapping)
    if etype == "too_short" and field == "departments" and node.kind == "map" and node.get(field) is None:
        # left out under a project file, whose registry gave the journey no lanes (audit AF: "must
        # not be empty" of a key that is not there)
        # a misspelt key pointed at first, as without a project file (audit BG: under `init`'s
        # project file, `departmens:` was told to use the registry)
        return "E004", f"{NO_DEPARTMENTS}; " + (_near_miss(node, field, _FIELDS.get("journey", ()))
                                                or f"add `departments: ...`{REGISTRY_CLAUSE if registry else ''}")
    return "E005", _value_message(etype, error, node, field, kind, holder, registry)


def _missing_message(node: Node, field: str, kind: str, fields: tuple[str, ...]) -> str:
    """What to say of a required key the mapping lacks."""
    if field in ("journeymap", "project"):  # the format version: there is one right value
        return f"this {kind} has no {field!r}; add `{field}: 1` as its first line"
    fix = _near_miss(node, field, fields) or f"add `{field}: ...`"
    named = named_departments(node) if field == "departments" and kind == "journey" else []
    if named and fix.startswith("add"):
        # a journey written for a registry, checked where no project file applies (read from standard
        # input elsewhere): "add departments" said nothing of the registry it was written for (audit CW)
        shown = ", ".join(named[:3]) + (", ..." if len(named) > 3 else "")
        fix = (f"add `departments: ...` defining those its touch-points name ({shown}), or, if they are a shared "
               "registry's, keep the journey where that project file applies (journeymap.yaml, in the journey's "
               f"folder or one above it{FROM_STDIN})")
    return f"this {kind} has no {field!r}; {fix}"


#: Said of a journey read from standard input only (:func:`findings_from` drops it for a file).
FROM_STDIN = "; for standard input, the current folder"


def _split_by_comma(field: str, label: Any, mapping: Optional[Node]) -> str:
    """The hint for an unknown key with no value right after another key's text on its line:
    ``{to: paid, label: approved, paid}``, where the comma ended the label (``{ }`` split at commas),
    was told to give the unknown key another name (audit FZ)."""
    if label is not None or mapping is None or mapping.kind != "map":
        return ""
    pairs = list(mapping.children)
    at = next((i for i, (k, _) in enumerate(pairs) if k.key_text == field), 0)
    if at == 0:
        return ""
    key, value = pairs[at - 1]
    here = pairs[at][0]
    if value.kind != "scalar" or not isinstance(value.value, str) or value.line != here.line \
            or key.key_text in ID_FIELDS:  # an id holds no comma: "to: \"b, paid\"" is no id (review GC)
        return ""
    whole = printable(f"{written(value)}, {field}")[:80].replace('"', "'")
    return (f"; the comma before it ended the value of {key.key_text} (inside {{ }} a comma separates keys): "
            f"put the whole value in quotes: {key.key_text}: \"{whole}\"")


#: Who is accountable, by the element an ``owner:`` was written on where it has none (audit FZ:
#: on a touch-point it was asked "did you mean 'department'?", on a department nothing).
_OWNERS = {"touch-point": "; a touch-point has no owner of its own: its department's `lead:` is accountable for it "
                          "(and its stage's `owner:` across departments); `department:` says which department owns it",
           "department": "; did you mean 'lead'? (the person accountable for this department's touch-points)"}


def _unknown_message(field: str, kind: str, fields: tuple[str, ...], label: Any, mapping: Optional[Node]) -> str:
    """What to say of a key the mapping may not have, with the key meant or the keys it may have."""
    hint = (_OWNERS.get(kind, "") if field.casefold() == "owner" else "") or _synonym(field, fields) \
        or suggest(field, fields, KEY_CUTOFF) or _split_by_comma(field, label, mapping)
    if field and field[-1] in TYPOGRAPHIC_QUOTES:  # `{name: “Calls, then waits”}`: the comma ended the value (review CZ)
        hint = (f"; a comma before it ended the value, as YAML takes {field[-1]} for text, not a quote: "
                "type straight quotes (\") round the whole value")
    # not beside a `to:` of its own: "{to: c, extra: 1}" was told "write {to: extra, ...}"
    if not hint and kind == "next item" and isinstance(label, (str, int, float)) and not isinstance(label, bool) \
            and (mapping is None or mapping.get("to") is None):
        # `next: [welcome-call: if happy]`: YAML reads a mapping of the id to the label
        hint = (f"; a next item is a touch-point id, or {{to: <id>, label: <text>}}: write "
                f"{{to: {printable(str(field))[:64]}, label: {printable(str(label))[:60]}}}")
    if kind == "next item" and (not hint or (mapping is not None and mapping.get("label") is not None)) \
            and "the comma before it" not in hint:
        # "a next item has to and label" read as garbled, "to" as a preposition (audit CW)
        hint = ("; a next item has only the keys to: and label:, and its label says when the customer takes it "
                "(label: if paid); prefix your own keys with x-")
    if not hint and kind == "stage" and field in _FIELDS["touchpoint"] and mapping is not None \
            and mapping.get("touchpoints") is None and mapping.get("department") is not None:
        # a touch-point moved out to the stages' level (its lines dedented): told it was a stage's
        # unknown fields, with no word of where it belongs (audit DY)
        hint = (f"; {short_key(field)} is a touch-point's: if this item is a touch-point, indent it under "
                "the `touchpoints:` of its stage, lined up with that stage's other touch-points")
    if not hint:
        listed = ", ".join(fields[:-1]) + f" and {fields[-1]}" if len(fields) > 1 else ", ".join(fields)
        hint = f"; a {kind} has {listed} (prefix your own keys with x-)"
    return f"unknown field {short_key(field)} in this {kind}{hint}"


def _value_message(etype: str, error: dict[str, Any], node: Node, field: str, kind: str, holder: str,
                   registry: bool = False) -> str:
    """What to say of a value of the wrong type, length, pattern or range (all E005)."""
    if etype == "string_type" and field == "department" and node.kind == "map":
        inline = _department_inline(node)
        if inline:
            return inline
    if etype == "string_type":
        return f"{field}: {type_problem(node, 'text', holder, words=field not in ID_FIELDS)}"
    if etype == "string_too_short" or (etype == "too_short" and field in ("departments", "stages")):
        what = "at least one item" if etype == "too_short" else "text"
        return f"{field} must not be empty; write {what}"
    if etype == "string_too_long":
        limit = error.get("ctx", {}).get("max_length")
        return f"{field} is {len(str(node.value))} characters long; the limit is {limit}. Shorten it"
    if etype == "string_pattern_mismatch":
        return pattern_message(field, node)
    if etype in ("literal_error", "enum"):
        return literal_message(field, node, error)
    allowed = f" from 0 to {MOST_BOUND:,}" if kind == "bounds" else " from -2 to 2"
    if etype in ("greater_than_equal", "less_than_equal"):
        # (a bound of 100,001 was "it must be a whole number, 0 or more": audit BG)
        return f"{field} is {shown(node)}; it must be a whole number{allowed}"
    if etype in _TYPE_WANTED:
        said = f"{field}: {type_problem(node, _TYPE_WANTED[etype], holder)}"
        if etype != "bool_type" and (kind == "bounds" or field == "emotion") and ";" not in said:
            # `emotion: high` was told no range, where `emotion: 5` was (audit DN)
            said += f"; write a whole number{allowed if kind == 'bounds' else EMOTION_SCALE}"
        return said
    if etype == "list_type" and node.kind == "scalar" and node.value is None and field in _AT_LEAST_ONE:
        # `stages: []` is no way out: a journey needs one (audit BG: the hint gave another E005)
        return (f"{field} is empty: list at least one {_AT_LEAST_ONE[field]} on the lines below it ('- name: ...')"
                + (LEAVE_OUT_CLAUSE if field == "departments" and registry else ""))
    if etype == "list_type" and node.kind == "scalar" and node.value is None:
        return f"{field} is empty: list its items on the lines below it ('- ...'), or write `{field}: []` for none yet"
    if etype == "list_type" and node.kind == "scalar" and isinstance(node.value, str) and node.value.strip() \
            and len(node.value) <= 64 and not set(node.value) & set(",:#[]{}'\"&*!|>%@`"):
        # one item written bare (`next: b`): the list it means, in its own words (audit DY)
        return f"{field}: {type_problem(node, 'a list', holder)}; for a list of one, write `{field}: [{node.value.strip()}]`"
    if etype == "list_type":
        return f"{field}: {type_problem(node, 'a list', holder)} (write [a, b] or '- a' lines)"
    if etype in ("model_type", "dict_type", "model_attributes_type"):
        return _mapping_wanted(node, field, holder)
    return f"{field}: {error.get('msg', 'invalid value')}"


def _department_inline(node: Node) -> str:
    """What to say of a department written out where its id belongs (``department: {name: Contact
    centre}``): told to quote "name: Contact centre", the user got E007 for that id (audit FZ)."""
    keys = {k.value: v for k, v in node.children if k.kind == "scalar" and isinstance(k.value, str)}
    said = keys.get("id") or keys.get("name")
    if said is None or said.kind != "scalar" or not isinstance(said.value, str) or not said.value.strip():
        return ""
    from journeymap.journey.slug import slugify

    if "id" in keys:
        return (f"department takes the id of a department listed under `departments:`, not the department "
                f"itself: write `department: {said.value.strip()}`, and define the department (its name, lead "
                "and layer) under `departments:` at the top of the file")
    # its id may be written under another (review GC: a slug of the name alone was then E007)
    return (f"department takes the id of a department listed under `departments:`, not the department itself: "
            f"write the id of the one named {printable(said.value.strip())[:60]!r} there (its `id:`, or without one "
            f"`{slugify(said.value)}`), as `department: {slugify(said.value)}`, and define the department (its "
            "name, lead and layer) under `departments:` at the top of the file")


#: What an emotion's numbers mean, as the map's legend says.
EMOTION_SCALE = " from -2 (very unhappy) to 2 (delighted)"
#: What a value of a type pydantic refused had to be, by pydantic's error type.
_TYPE_WANTED = {"int_type": "a whole number", "int_from_float": "a whole number", "int_parsing": "a whole number",
                "bool_type": "true or false"}


def _mapping_wanted(node: Node, field: str, holder: str) -> str:
    """What to say of a value that had to be a mapping: an item written as bare text is shown with keys."""
    if field in _ITEMS and node.kind == "scalar" and isinstance(node.value, str) and node.value.strip():
        name = printable(node.value.strip())[:60]
        return (f"{field}: this item is only the text {shown(node)}; write it with keys: "
                f"`- name: {name}`{_ITEMS[field]}")
    like = _KEYS_LIKE.get(field.rsplit(".", 1)[-1], "name: ...")
    return f"{field or 'this item'}: {type_problem(node, f'keys with values (such as {like})', holder)}"


#: The keys a mapping other than a named item holds, shown where one was not a mapping: the
#: project file's bounds were told "such as name: ..." (audit FF).
_KEYS_LIKE = {"moments_of_truth": "min: 10, max: 20", "persona": "name: ..., goal: ..."}


def findings_from(exc: ValidationError, root: Node, path: str, top: str = "journey",
                  registry: bool = False) -> list[Finding]:
    """Findings for every error of a pydantic ValidationError (``top``: journey or project;
    ``registry``: as :func:`message_for`)."""
    findings: list[Finding] = []
    for error in exc.errors(include_url=False):
        node, matched, kind = locate(root, tuple(error["loc"]), top)
        field = str(error["loc"][-1]) if error["loc"] else top
        mapping: Optional[Node] = None
        if error["type"] == "extra_forbidden":
            mapping, _, kind = locate(root, tuple(error["loc"][:-1]), top)
            node = mapping.key_node(field) or node
        elif error["type"] == "missing":
            field = str(error["loc"][-1])
        elif field.isdigit() and len(matched) >= 2:
            field = str(matched[-2])
        code, message = message_for(dict(error), node, field, kind, mapping, registry)
        if error["type"] == "missing" and field == "department" and message.endswith("add `department: ...`") \
                and not registry:  # a registry's departments may be named too, and not listed here (review EC)
            message = message[: -len("...`")] + department_choices(root)
        said = node.text if node.kind == "scalar" and node.text is not None else ""
        if path != "<stdin>":  # a file on disk has a folder of its own (review CZ)
            message = message.replace(FROM_STDIN, "")
        # said once; and not on a length, which retyping a dash does not change (an em dash is
        # French punctuation: audit DA)
        plain = "for text, not a quote" in message or "too_long" in error["type"] or "too_short" in error["type"]
        note = "" if plain else lookalike_note(said)
        if note and message.endswith(f"; did you mean {said.strip(TYPOGRAPHIC_QUOTES)!r}?"):
            message = message.rsplit("; did you mean", 1)[0]  # the note says it: "?; it is in typographic quotes" (audit DN)
        findings.append(Finding(code, message + note, path, node.line, node.column))
    # `next: [welcome-call: if happy]` has no `to:` because its id is a key: one finding says both
    rewrite = {(f.line, f.column) for f in findings if f.code == "E003" and "a next item is a touch-point id" in f.message}
    return [f for f in findings if not (f.code == "E004" and (f.line, f.column) in rewrite
                                        and f.message.startswith("this next item has no 'to'"))]
