"""What is wrong with a value the file format refuses, in words that say how to write it: a
scalar YAML read as another type ("put it in quotes"), an empty value, a word outside its
vocabulary, an id that is not one. The pieces :mod:`.diagnose` builds its messages from."""

from __future__ import annotations

import datetime
import difflib
import re
from typing import Any

from journeymap.findings import code_named
from journeymap.journey.nodes import Node
from journeymap.journey.textsafe import printable


YAML_TYPE_NAMES = {bool: "a yes/no value", int: "a number", float: "a number", type(None): "empty",
                    datetime.date: "a date", datetime.datetime: "a date and time", bytes: "binary data",
                    list: "a list", dict: "a mapping"}


def written(node: Node) -> str:
    """A scalar as the file writes it (its value, where the reader kept no text)."""
    return node.text if node.text is not None else str(node.value)


def shown(node: Node) -> str:
    """A value as a message quotes it: a scalar as written (cut at 40 characters), else "a list"
    or "a mapping"."""
    if node.kind != "scalar":
        return "a list" if node.kind == "seq" else "a mapping"
    text = written(node)
    if isinstance(node.value, (int, float)) and not isinstance(node.value, bool) and len(text) <= 40:
        return text  # a number as a number: "emotion is '3'" read as text (audit DY)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def type_problem(node: Node, expected: str, holder: str = "key", words: bool = True) -> str:
    """Why ``node`` is not ``expected``; ``holder`` is what an empty one should lose (its key, or
    its list item); ``words``: text there may be any word (not an id), so `null` may be meant as one."""
    if node.kind == "scalar":
        said = scalar_problem(node, expected, holder, words)
        if said:
            return said
    if node.kind == "scalar" and not isinstance(node.value, str) and expected == "text":
        what = YAML_TYPE_NAMES.get(type(node.value), "a non-text value")
        return (f"expected text, but YAML reads {shown(node)} as {what}; "
                f"put it in quotes: \"{printable(str(node.text))[:60]}\"")
    if expected == "text" and node.kind == "map" and len(node.children) == 1 \
            and all(part.kind == "scalar" for part in node.children[0]):
        # `[Bureau: Experian, Equifax]`, `- Call: urgent`: the ': ' made a key and its value
        said = printable(": ".join(written(part) for part in node.children[0]))
        return (f"expected text, got a mapping: the ': ' in {said[:60]!r} makes it a key and a value; "
                f"put it in quotes: \"{said[:60]}\"")
    if expected == "text" and node.kind in ("seq", "map") and node.children:
        said = _as_one_text(node)
        if said:  # `channel: [phone, chat]`, `metric: {name: Hold time, unit: min}` (audit CJ)
            return f"expected text, got {shown(node)}; write it as one text, e.g. \"{said[:60]}\""
    got = YAML_TYPE_NAMES.get(type(node.value), "text") if node.kind == "scalar" else (
        "a list" if node.kind == "seq" else "a mapping")
    return f"expected {expected}, got {got} {shown(node) if node.kind == 'scalar' else ''}".rstrip()


def _as_one_text(node: Node) -> str:
    """A list's values ("phone, chat") or a mapping's keys and values ("Mon: closed, Tue: open") as
    one text, where they are all plain values; its double quotes made single (it is shown in them)."""
    parts = [(None, child) for child in node.children] if node.kind == "seq" else [tuple(p) for p in node.children]
    if not all(v.kind == "scalar" and v.value is not None and (k is None or k.kind == "scalar") for k, v in parts):
        return ""
    said = [written(v).strip() if k is None else f"{written(k).strip()}: {written(v).strip()}" for k, v in parts]
    return printable(", ".join(said)).replace('"', "'")


#: The fields whose values are ids.
ID_FIELDS = ("id", "department", "to", "next", "next item")
#: The spellings YAML reads as no value (an empty value is not among them: it says nothing else).
_NULLS = ("null", "Null", "NULL", "~")


#: Words meaning yes or no that a file may hold, quoted, where true or false belongs.
_YES_NO = {"yes": "true", "y": "true", "on": "true", "no": "false", "n": "false", "off": "false"}


def scalar_problem(node: Node, expected: str, holder: str = "key", words: bool = True) -> str:
    """What is wrong with a scalar where a number, yes/no or a collection belongs, when a plain
    "expected X, got Y" would mislead: an empty value (``words``: where text is any word, one
    spelt `null` or `~` is told to be quoted if meant as text), a number or true/false written in
    quotes, a whole number written with a decimal point."""
    value, text = node.value, (node.text or "").strip()
    if value is None:  # a required key (no ``holder``) cannot be removed (audit BG: that gave E004)
        said = f"is empty; write a value or remove the {holder}" if holder else "is empty; write a value"
        if words and expected == "text" and text in _NULLS:  # `name: null` is no value to YAML, as `no` is false (audit BZ)
            return said.replace("is empty;", f"is empty: YAML reads {text!r} as no value;") + \
                f"; if the word is meant as text, put it in quotes: \"{text}\""
        return said
    # Digits read as text were quoted (or longer than the reader reads as a number).
    if isinstance(value, str) and expected == "a whole number" and re.fullmatch(r"[-+]?\d{1,20}", value.strip()):
        return f"expected a whole number, got the text {shown(node)} in quotes; remove the quotes: {value.strip()}"
    if isinstance(value, str) and expected == "true or false" and value.strip().lower() in ("true", "false"):
        return (f"expected true or false, got the text {shown(node)} in quotes; remove the quotes: "
                f"{value.strip().lower()}")
    if isinstance(value, str) and expected == "true or false" and value.strip().lower() in _YES_NO:
        return f"expected true or false, got the text {shown(node)}; write {_YES_NO[value.strip().lower()]}"
    if isinstance(value, float) and expected == "a whole number" and value.is_integer():
        return f"expected a whole number, got {text}; write it without the decimal point: {int(value)}"
    return ""


#: How close an unknown key must be to a field to be offered it: at difflib's 0.6, a Spanish
#: team's `nombre:` was asked "did you mean 'ignore'?" (audit DK); every misspelt key the tests
#: hold scores 0.75 or more.
KEY_CUTOFF = 0.7


def suggest(word: str, choices: tuple[str, ...], cutoff: float = 0.6) -> str:
    """"; did you mean 'x'?" for the choice closest to ``word`` within ``cutoff``, or nothing.
    Keys are asked for a closer match (:data:`KEY_CUTOFF`) than values: a value's choices are a
    few long words ("front" is "frontstage"), a key's are many short ones."""
    # compared in lower case: `RELIABLE` scored 0 against 'reliable' and was offered nothing (audit FI)
    lowered = {choice.lower(): choice for choice in reversed(choices)}
    close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=cutoff)
    return f"; did you mean {lowered[close[0]]!r}?" if close else ""


def literal_message(field: str, node: Node, error: dict[str, Any]) -> str:
    """A word outside its field's vocabulary (pydantic's ``literal_error``): the words there are."""
    expected = error.get("ctx", {}).get("expected", "")
    choices = tuple(part.strip().strip("'") for part in expected.replace(" or ", ",").split(",") if part.strip())
    if field == "journeymap":
        return "the format version must be the number 1: journeymap: 1"
    if node.kind == "scalar" and node.value in (None, ""):
        return f"{field} is empty; write one of {', '.join(choices)}, or remove the key"
    hint = suggest(str(node.value), choices) if node.kind == "scalar" else ""
    if field == "layer" and node.kind == "scalar":
        hint = _layer_word(str(node.value)) or hint
    if field == "reliability" and node.kind == "scalar" and str(node.value).lower() in _RATED_YES:
        # `reliability: yes` said only the four words (audit FZ): a yes is a rating's answer, not one
        hint = "; a yes/no is no rating: write reliable where it works every time, it-depends where it varies"
    return f"{shown(node)} is not a valid {field}; use one of {', '.join(choices)}{hint}"


#: What a yes to "is it reliable?" is written as.
_RATED_YES = frozenset({"yes", "true", "y", "on", "ok", "1"})


def _layer_word(value: str) -> str:
    """"; the map prints ... as 'customer-facing': write frontstage" for a layer written in the
    words the map prints on its lanes (:data:`journeymap.journey.model.LAYER_WORDS`), which a reader
    of the map then types in (audit CW); nothing for other values."""
    from journeymap.journey.model import LAYER_WORDS

    plain = " ".join(value.lower().replace("-", " ").replace("_", " ").split())
    for layer, words in LAYER_WORDS.items():
        if plain == words.replace("-", " ") and plain != layer:
            return f"; the map prints {layer} lanes as {words!r}: write {layer}"
    return ""


def pattern_message(field: str, node: Node) -> str:
    """A value its field's pattern refuses: an id that is not one, a check's name for its code, blank text."""
    value = str(node.value)
    if field in ID_FIELDS:
        from journeymap.journey.slug import slugify

        fix = slugify(value)
        example = f"; for example {fix!r}" if fix else ""
        return (f"{shown(node)} is not a valid id: use lower-case letters, digits, '-' and '_', "
                f"starting with a letter or digit, at most 64 characters{example}")
    if field == "ignore":
        named = code_named(str(node.value)) if node.kind == "scalar" else None
        if named:  # `ignore: [risky-handoff]`: the check's name, not its code
            return f"{shown(node)} is the name of check {named}, not its code; write {named}"
        return f"{shown(node)} is not a check code; write codes like W104"
    if value.strip():  # bidi controls or zero-width characters alone
        return (f"{field} must not be blank: it holds only characters that draw nothing (direction marks, "
                "zero-width characters); write visible text")
    return f"{field} must not be blank"
