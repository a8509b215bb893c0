"""Causes of a YAML syntax error that libyaml's own words hide, found in the text around it.

libyaml reports where it gave up, often lines after the mistake and in its own terms. The
mistakes people make in journeys are found here and told where they are:

- a character that looks like a space but is not (a no-break space pasted from Word, a zero-width
  space from a web page), in the indentation or after ``key:``;
- a quote left open, which swallows the lines after it until the next quote;
- a key written against its value (``reliability:reliable``);
- text that starts with a character YAML keeps for itself (``[Draft] ...``, ``> ...``, ``- ...``);
- indentation: a key or list item off the lines around it, a first list item that lost its ``- ``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable, NamedTuple, Optional

import yaml

from journeymap.journey.yamlparse import PARSER
from journeymap.journey.textsafe import SPACE_LIKE, ZERO_WIDTH
from journeymap.report import counted, noun


class Hint(NamedTuple):
    """What went wrong, in words, and where (1-based)."""

    message: str
    line: int
    column: int


#: Keys of the journey and project files: ``key:value`` is only taken for a glued key and value
#: when the key is one of these (``10:30`` and ``https://...`` are values).
KEYS = frozenset("""journeymap title id summary owner persona name goal expectations ignore departments lead
    layer stages metrics feedback touchpoints department channel reliability depends_on category
    moment_of_truth emotion expectation metric pain_points opportunities notes next to label project
    organisation moments_of_truth min max""".split())
#: A key at the start of a line (after a list's dash): group 1 the indentation and dash, 2 the key.
_KEY_START = r"^( *(?:- +)?)([a-z_]+):"
_GLUED = re.compile(_KEY_START + r"(?=\S)")  # the value against the colon
_VALUED = re.compile(_KEY_START + r"\s+")  # a key and, after a space, its value
_KEY = re.compile(_KEY_START + r"(?:\s|$)")  # a key line
#: Characters that look like a space, or like nothing, but are not YAML's space (not the joiner
#: inside an emoji, nor a soft hyphen in a word).
_SPACE_LIKE = SPACE_LIKE
_NOTHING = ZERO_WIDTH.replace("\u200d", "").replace("\u00ad", "")
_SPACED_AFTER = re.compile(r"^\s*(?:-[ \t]*)?(?:[^:#]*:)?[ \t]*$")


def _invisible(text: str, number: int, indentation: bool = False) -> Optional[Hint]:
    """A character that looks like a space, or like nothing, where YAML needs a space: in the
    indentation, or (unless ``indentation``) right after ``-`` or ``key:`` on line ``number``
    (1-based). Inside a value such a character is text and harmless."""
    for index, char in enumerate(text):
        before = text[:index]
        if char not in _SPACE_LIKE and char not in _NOTHING \
                or (before.strip(" ") if indentation else not _SPACED_AFTER.match(before)):
            continue
        name = unicodedata.name(char, f"U+{ord(char):04X}").lower()
        if char in _NOTHING:
            return Hint(f"an invisible character ({name}, U+{ord(char):04X}), often pasted from a web page or "
                        "a document; delete it", number, index + 1)
        return Hint(f"a character that looks like a space but is not ({name}, U+{ord(char):04X}), often "
                    "pasted from Word or a web page; type a plain space instead", number, index + 1)
    return None


#: A key followed by a colon that is not YAML's: full-width (what Chinese and Japanese keyboards
#: type), small, or a ratio sign.
_COLON_LIKE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*)\s*([\uff1a\ufe55\ufe13\u2236\ua789])")


def _colon_like(lines: list[str], numbers: list[int]) -> Optional[Hint]:
    """A key whose colon is a look-alike (``department：sales``) on one of lines ``numbers``, and
    no plain colon: on ``Note：then: wait`` the look-alike is text, and the mistake is elsewhere."""
    for number in numbers:
        found = _COLON_LIKE.match(lines[number - 1])
        if found and ":" not in lines[number - 1]:
            char = found.group(2)
            name = unicodedata.name(char, "").lower()
            return Hint(f"the colon after `{found.group(1)}` is a look-alike ({name}, U+{ord(char):04X}, as a "
                        f"Chinese or Japanese keyboard types it); write `{found.group(1)}: ` with the plain colon "
                        "and a space", number, found.start(2) + 1)
    return None


class _Scanned(NamedTuple):
    """The tokens libyaml read before the error's line: the quoted values, and the lines that lie
    inside a block of text (after ``|`` or ``>``, where ``key:value`` is text)."""

    quoted: list[yaml.ScalarToken]
    block_lines: frozenset[int]


def _scan(text: str, line: int) -> _Scanned:
    """One pass of the scanner over ``text`` up to line ``line`` (1-based) or its first error."""
    quoted: list[yaml.ScalarToken] = []
    block_lines: set[int] = set()
    try:
        for token in yaml.scan(text, Loader=PARSER):
            start, end = token.start_mark, token.end_mark
            if start.line > line - 1:
                break
            style = getattr(token, "style", None)
            if style in ('"', "'") and isinstance(token, yaml.ScalarToken):
                quoted.append(token)
            elif style in ("|", ">"):
                block_lines.update(range(start.line + 2, end.line + 2))  # the lines after the indicator's
    except yaml.YAMLError:
        pass
    return _Scanned(quoted, frozenset(block_lines))


def _open_quote(scanned: _Scanned, lines: list[str], line: int, column: int) -> Optional[Hint]:
    """A quoted value that runs over several lines and ends on the error's line: a quote left open
    (the text after it, to the next quote, became part of the value)."""
    for token in scanned.quoted:
        start, end = token.start_mark, token.end_mark
        if start.line < end.line == line - 1 and end.column <= column - 1 \
                and any(_KEY.match(t) for t in lines[start.line + 1:end.line + 1]):
            # It swallowed a line that looks like a key: a quote left open, not text meant to
            # run over several lines (that is legal; the complaint is then the text after it).
            quote = "double" if token.style == '"' else "single"
            return Hint(f"the {quote} quote that starts this value is not closed on its line, so the "
                        f"value runs on to line {end.line + 1}, column {end.column}; end the text with the "
                        "same quote it starts with", start.line + 1, start.column + 1)
    return None


def _glued(lines: list[str], numbers: Iterable[int]) -> Optional[Hint]:
    """A known key written against its value (``reliability:reliable``) on one of the lines
    ``numbers`` (1-based)."""
    for number in numbers:
        found = _GLUED.match(lines[number - 1]) if 0 < number <= len(lines) else None
        if found and found.group(2) in KEYS:
            key = found.group(2)
            rest = lines[number - 1][found.end():].strip()
            return Hint(f"a key needs a space after its colon: write `{key}: {rest}`", number, found.end())
    return None


_INDICATORS = {
    "[": "a value that starts with [ is read as a list",
    "{": "a value that starts with { is read as a mapping",
    ">": "a value that starts with > begins a block of text on the lines below",
    "|": "a value that starts with | begins a block of text on the lines below",
    "- ": "a value that starts with '- ' is read as a list item",
    "? ": "a value that starts with '? ' is read as a key",
    "%": "a value cannot start with %",
    "&": "a value that starts with & is read as an anchor (a name for a value)",
    "*": "a value that starts with * is read as an alias (the value of an & anchor)",
}


#: Keys whose value is a list: a [ there is no mistake.
_LISTS = frozenset("expectations ignore departments stages metrics feedback touchpoints depends_on pain_points "
                   "opportunities next".split())


def _indicator(line_text: str, number: int) -> Optional[Hint]:
    """A value, after ``key: ``, that starts with a character YAML keeps for itself."""
    found = _VALUED.match(line_text)
    if not found:
        return None
    value = line_text[found.end():].rstrip() + " "
    for start, said in _INDICATORS.items():
        if start in "[{" and (found.group(2) in _LISTS or not re.match(r"[\[{][^\]}]*[\]}]\s*[^\s#,]", value)):
            continue  # a list where one belongs, or one not closed: another complaint
        if value.startswith(start):
            value = value.rstrip()
            example = value.replace('"', "'")
            tail = " (for a negative number, write the minus sign against it: -2)" if start == "- " else ""
            return Hint(f"{said}; put the whole text in quotes: {found.group(2)}: \"{example}\"{tail}",
                        number, found.end() + 1)
    return None


_APOSTROPHE = re.compile(_KEY_START + r"(\s+)'([^']*)'(\w[^']*)'?")


def _apostrophe(line_text: str, number: int) -> Optional[Hint]:
    """An apostrophe inside a text in single quotes, which ends it (``name: 'It's late'``)."""
    found = _APOSTROPHE.match(line_text)
    if not found:
        return None
    word = f"{found.group(4)}''{found.group(5)}"
    return Hint(f"an apostrophe ends a text in single quotes: write it twice ('{word}') or put the text "
                "in double quotes", number, found.end(3) + 1)


def _key_column(text: str) -> Optional[int]:
    """The 0-based column of the key on a ``key:`` or ``- key:`` line (None for other lines)."""
    found = _KEY.match(text)
    return None if found is None else len(found.group(1))


def _misaligned(lines: list[str], line: int) -> Optional[Hint]:
    """A key a few spaces off the keys above it (the touch-point being edited, not the list it is
    in 20 lines up); or a list of items right under a key that holds text (``touchpoints:`` left
    out)."""
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    glued = re.match(r"^( *)-([a-z_]+:.*)$", here)
    if glued:
        return Hint(f"a list item needs a space after its '-': write `- {glued.group(2).strip()}`", line,
                    len(glued.group(1)) + 1)
    above = next(((n, t) for n, t in reversed(list(enumerate(lines[:line - 1], 1)))
                  if t.strip() and not t.lstrip().startswith("#")), None)
    if above is None:
        return None
    mine, theirs = _key_column(here), _key_column(above[1])
    if mine is not None and theirs is not None and not here.lstrip().startswith("-") and 0 < abs(mine - theirs) <= 3:
        return Hint(f"this key is indented {counted(mine, 'space')} and the key above it (line {above[0]}) {theirs}: line "
                    "it up with the keys of its item", line, mine + 1)
    item = _list_above(lines, line)
    if item is not None:
        return item
    if here.lstrip().startswith("- ") and above[1].rstrip().endswith("]") and mine is not None:
        return Hint("a list of items here follows a key that already has its value on its line: is a key "
                    "such as `touchpoints:` missing above it?", line, len(here) - len(here.lstrip()) + 1)
    return None


def _list_above(lines: list[str], line: int) -> Optional[Hint]:
    """A list item (``- id: ...``) that lines up with no list above it, which YAML then reads
    among the keys of the mapping around it: told the lists it may belong to, nearest first (a
    touch-point pasted two spaces short was told it did not line up with keys it did line up
    with; a stage one space deep belongs to the stages, not the touch-points above it)."""
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if not here.lstrip().startswith("- "):
        return None
    mine, deeper, shallower = len(here) - len(here.lstrip(" ")), {}, None
    for number in range(line - 1, 0, -1):
        text = lines[number - 1]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        indent = len(text) - len(text.lstrip(" "))
        if indent == mine and text.lstrip().startswith("- "):
            return None  # it lines up with a list above: not this mistake
        if indent == mine:  # a key whose list's dashes line up with it (`touchpoints:` then `- id:`)
            lost = _lost_dash(lines, number, line)
            if lost is not None:
                return lost
        if indent < mine:
            if text.lstrip().startswith("- "):
                shallower = (indent, number)
            else:
                lost = _lost_dash(lines, number, line)
                if lost is not None:
                    return lost
            break
        if text.lstrip().startswith("- "):
            deeper[indent] = number  # the list's first item, as the scan goes up
    lists = ([(min(deeper), deeper[min(deeper)])] if deeper else []) + ([shallower] if shallower else [])
    if not lists:
        return None
    lists.sort(key=lambda c: (abs(c[0] - mine), -c[0]))
    said = " or ".join(f"{counted(col, 'space')} to add it to the list at line {at}" for col, at in lists)
    columns = " and ".join(f"{col}" for col, _ in lists)
    return Hint(f"this list item is indented {counted(mine, 'space')} and the items of the {noun(len(lists), 'list')} "
                f"above it {columns}: indent it {said}", line, mine + 1)


_ITEM_LISTS = ("stages", "touchpoints", "departments")  # the keys whose value is a list of ``- id:`` items


def _lost_dash(lines: list[str], key: int, line: int) -> Optional[Hint]:
    """The first item of a list that lost its ``- `` (its ``- id:`` line deleted): the item at
    ``line`` belongs to the key at line ``key`` (``stages:``), whose value starts with keys. It was
    told to join a list inside that first item, which made the next stage a touch-point.
    Only under keys that hold items (a persona is a mapping: review Y)."""
    owner, here = lines[key - 1], lines[line - 1]
    found = re.match(r"^ *([a-z_]+):\s*(#.*)?$", owner)
    if found is None or found.group(1) not in _ITEM_LISTS:
        return None
    first = next(((n, t) for n, t in enumerate(lines[key:line - 1], key + 1)
                  if t.strip() and not t.lstrip().startswith("#")), None)
    mine = len(here) - len(here.lstrip(" "))
    column = None if first is None or first[1].lstrip().startswith("-") else _key_column(first[1])
    if first is None or column not in (mine, mine + 2):
        return None
    number, text = first
    keys = "" if column == mine + 2 else ", and indent its other keys 2 spaces more, to line up with its first"
    lost = "did it lose its '- '?" if text.strip().startswith("id:") else "did its `- id:` line go missing?"
    return Hint(f"`{found.group(1)}:` (line {key}) holds a list (line {line} is an item of it), but the first "
                f"item, at this line, has no '- ': {lost} Start it as `{' ' * mine}- {text.strip()}`, the "
                f"'- ' lined up with line {line}'s{keys}", number, column + 1)


def explain(text: str, lines: list[str], line: int, column: int, context_line: Optional[int],
            problem: str = "") -> Optional[Hint]:
    """The likely cause of libyaml's complaint ``problem`` at ``line``:``column``, or None when
    none is found. ``context_line`` is where the part libyaml was reading starts (a key it read
    up to the error's line). Each hint looks only where its mistake shows."""
    near = [n for n in dict.fromkeys((context_line or line, line)) if 0 < n <= len(lines)]
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    for number in near:  # a look-alike space: on the error's line or the key's
        hint = _invisible(lines[number - 1], number)
        if hint:
            return hint
    if 1 < line <= len(lines) + 1:  # or in the indentation of the line above (it was read as text)
        hint = _invisible(lines[line - 2], line - 1, indentation=True)
        if hint:
            return hint
    hint = _colon_like(lines, near)
    if hint:
        return hint
    scanned = _scan(text, line)
    hint = _open_quote(scanned, lines, line, column)  # a quote left open, ending where libyaml stopped
    if hint:
        return hint
    glued = [n for n in near if n not in scanned.block_lines]
    if "mapping values are not allowed" in problem and line > 1 and line - 1 not in scanned.block_lines:
        glued.append(line - 1)  # `journeymap:1` is read as text, and the next key's ': ' is refused
    hint = _glued(lines, glued) or _apostrophe(here, line)
    if hint:
        return hint
    if any(p in problem for p in ("did not find expected", "expected <block end>")) \
            and column - 1 <= len(here) - len(here.lstrip(" -")):  # where a line starts
        hint = _misaligned(lines, line)
    return hint or _indicator(here, line)
