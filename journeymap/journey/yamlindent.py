"""Indentation mistakes behind a YAML syntax error (:mod:`.yamlhints` asks): a key a few spaces off
the keys of its item, a list item that lines up with no list above it, a list's first item that
lost its ``- ``, a list item with no space after its dash.
"""

from __future__ import annotations

import re
from typing import Optional

from journeymap.journey.hint import KEY_LINE, Hint
from journeymap.journey.slug import is_slug, slugify
from journeymap.report import counted, noun


def key_column(text: str) -> Optional[int]:
    """The 0-based column of the key on a ``key:`` or ``- key:`` line (None for other lines)."""
    found = KEY_LINE.match(text)
    return None if found is None else len(found.group(1))


def glued_dash(text: str, number: int) -> Optional[Hint]:
    """Line ``number``, ``text``, when it is a list item glued to its '-' (``-name: X``)."""
    glued = re.match(r"^( *)-([a-z_]+:.*)$", text)
    if glued is None:
        return None
    return Hint(f"a list item needs a space after its '-': write `- {glued.group(2).strip()}`", number,
                len(glued.group(1)) + 1)


def misaligned(lines: list[str], line: int) -> Optional[Hint]:
    """A key a few spaces off the keys above it (the touch-point being edited, not the list it is
    in 20 lines up); or a list of items right under a key that holds text (``touchpoints:`` left
    out)."""
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    glued = glued_dash(here, line)
    if glued:
        return glued
    above = next(((n, t) for n, t in reversed(list(enumerate(lines[:line - 1], 1)))
                  if t.strip() and not t.lstrip().startswith("#")), None)
    if above is None:
        return None
    mine, theirs = key_column(here), key_column(above[1])
    if mine is not None and theirs is not None and not here.lstrip().startswith("-") and 0 < abs(mine - theirs) <= 3:
        return Hint(f"this key is indented {counted(mine, 'space')} and the key above it (line {above[0]}) {theirs}: "
                    f"{_where_keys_go(lines, line, mine)}", line, mine + 1)
    item = _list_above(lines, line)
    if item is not None:
        return item
    if here.lstrip().startswith("- ") and above[1].rstrip().endswith("]") and mine is not None:
        return Hint("a list of items here follows a key that already has its value on its line: is a key "
                    "such as `touchpoints:` missing above it?", line, len(here) - len(here.lstrip()) + 1)
    return None


def _levels(lines: list[str], line: int) -> list[tuple[int, int]]:
    """``(column, line)`` of the keys above ``line`` that a key there could line up with: the key
    just above, then the first key of each mapping around it, outwards to the top level."""
    levels: list[tuple[int, int]] = []
    for number in range(line - 1, 0, -1):
        column = key_column(lines[number - 1])
        if column is not None and (not levels or column < levels[-1][0]):
            levels.append((column, number))
            if column == 0:
                break
    return levels


def _whose(lines: list[str], column: int, number: int) -> str:
    """What a key at ``column`` is a key of, told by the key at line ``number`` at that column."""
    if column == 0:
        return "a top-level key"
    for n in range(number, 0, -1):
        text = lines[n - 1]
        if text.lstrip().startswith("- ") and key_column(text) == column:
            return f"a key of the item at line {n}"
        found = KEY_LINE.match(text)
        if found and len(found.group(1)) < column:
            return f"a key of `{found.group(2)}` (line {n})"
    return f"a key like line {number}'s"


def _where_keys_go(lines: list[str], line: int, mine: int) -> str:
    """The advice for a key a few spaces off: the two places it may belong, nearest first, each
    said with what it would be a key of. "Line it up with the keys of its item" sent a top-level
    key typed one space deep under a persona into the persona (audit BP)."""
    levels = _levels(lines, line)  # their columns fall, so the nearest below comes first, the nearest beyond last
    below = [c for c in levels if c[0] < mine][:1]
    beyond = [c for c in levels if c[0] > mine][-1:]
    chosen = sorted(below + beyond, key=lambda c: (abs(c[0] - mine), c[0]))
    if not chosen:
        return "line it up with the keys of its item"
    said = " or ".join(f"{counted(col, 'space')} for {_whose(lines, col, at)}" for col, at in chosen)
    return f"indent it {said}"


def _list_above(lines: list[str], line: int) -> Optional[Hint]:
    """A list item (``- id: ...``) that lines up with no list above it, which YAML then reads
    among the keys of the mapping around it: told the lists it may belong to, nearest first (a
    touch-point pasted two spaces short was told it did not line up with keys it did line up
    with; a stage one space deep belongs to the stages, not the touch-points above it)."""
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if not here.lstrip().startswith("- "):
        return None
    mine, deeper, shallower, closed = len(here) - len(here.lstrip(" ")), {}, None, False
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
            # Lists above this key are another key's: a stage pasted at column 1 under `stages:`
            # was told to join the departments' list (audit CW).
            closed = True
        if indent < mine:
            if text.lstrip().startswith("- "):
                shallower = (indent, number)
            else:
                lost = _lost_dash(lines, number, line)
                if lost is not None:
                    return lost
            break
        if text.lstrip().startswith("- ") and not closed:
            deeper[indent] = number  # the list's first item, as the scan goes up
    # A text item goes to a list of texts, a `- key:` item to a list of items: "- Told to wait"
    # pasted at column 1 was told to join the stages (audit CW, review CZ).
    alike = {col: at for col, at in deeper.items()
             if (key_column(lines[at - 1]) is None) == (key_column(here) is None)} or deeper
    lists = ([(min(alike), alike[min(alike)])] if alike else []) + ([shallower] if shallower else [])
    if not lists:
        return None
    lists.sort(key=lambda c: (abs(c[0] - mine), -c[0]))
    said = " or ".join(f"{counted(col, 'space')} to add it to the list at line {at}" for col, at in lists)
    columns = " and ".join(f"{col}" for col, _ in lists)
    return Hint(f"this list item is indented {counted(mine, 'space')} and the items of the {noun(len(lists), 'list')} "
                f"above it {columns}: indent it {said}{_or_shift(lines, shallower, mine, line)}", line, mine + 1)


def _or_shift(lines: list[str], shallower: Optional[tuple[int, int]], mine: int, line: int) -> str:
    """The other way to mend an item deeper than the list above it, where that list's dashes line
    up with its key (``touchpoints:`` then ``- name:``, both 4 spaces in): the list's lines above
    it moved over to meet it. Told only to move this one, a newcomer met the same error at each
    line after it, the rest of the file's lists being as deep as this item (audit EE)."""
    if shallower is None or shallower[1] < 2:
        return ""
    col, at = shallower
    key = next((text for text in (lines[n - 1] for n in range(at - 1, 0, -1))
                if text.strip() and not text.lstrip().startswith("#")), "")
    if len(key) - len(key.lstrip(" ")) != col or not _KEY_ALONE.match(key):
        return ""
    return f"; or, to keep it where it is, indent lines {at}\u2013{line - 1} {counted(mine - col, 'space')} more"


#: A key with nothing after it but a comment: the line a block list's first item follows.
_KEY_ALONE = re.compile(r"^ *[^\s#:-][^#:]*:\s*(#.*)?$")

_ITEM_LISTS = ("stages", "touchpoints", "departments")  # the keys whose value is a list of ``- id:`` items


#: Keys an item itself has, which no item is named by (``id:`` alone on its line is an id not written yet).
_ITEM_KEYS = frozenset({"id", "name", "lead", "layer", "owner", "goal", "department", "touchpoints", "next",
                        "reliability", "channel", "metrics", "feedback", "ignore", "pain_points", "opportunities",
                        "depends_on", "moment_of_truth", "emotion", "metric", "expectation", "category", "notes"})


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
    column = None if first is None or first[1].lstrip().startswith("-") else _named_column(first[1])
    if first is not None and column is None and not first[1].lstrip().startswith("-"):
        return _named_by_key(lines, found.group(1), key, line, first, mine)
    if first is None or column not in (mine, mine + 2):
        return None
    number, text = first
    bare = re.match(r"^([A-Za-z0-9][\w-]*):\s*(#.*)?$", text.strip())
    named = _NAMED_KEY.match(text) is not None  # an id, hyphens and all: `- id: tell-us` is valid
    if bare is not None and (column == mine or named) and bare.group(1) not in _ITEM_KEYS:
        # the item written as a key of its own, its fields under it (`digital:` then `name: ...`):
        # "start it as `- digital:`" made `digital` an unknown field of a nameless item (audit DY)
        return Hint(f"`{found.group(1)}:` (line {key}) holds a list (line {line} is an item of it), but the first "
                    f"item, at this line, is written as a key, `{bare.group(1)}:`, with its fields under it: write "
                    f"it as `{' ' * mine}- id: {bare.group(1)}`, its fields lined up under `id:`", number, column + 1)
    keys = "" if column == mine + 2 else ", and indent its other keys 2 spaces more, to line up with its first"
    lost = "did it lose its '- '?" if text.strip().startswith("id:") else "did its `- id:` line go missing?"
    return Hint(f"`{found.group(1)}:` (line {key}) holds a list (line {line} is an item of it), but the first "
                f"item, at this line, has no '- ': {lost} Start it as `{' ' * mine}- {text.strip()}`, the "
                f"'- ' lined up with line {line}'s{keys}", number, column + 1)


def _named_column(text: str) -> Optional[int]:
    """The column of a key line's key, that key an id too (``tell-us:``, ``step-2:``): a stage
    written as a key of its own, its id holding a hyphen, was not seen as one, and the item after
    it was told to join the touch-points' list of that stage (audit FI)."""
    found = _NAMED_KEY.match(text)
    return key_column(text) if found is None else len(found.group(1))


#: A key that is an id too (a lower-case letter, then letters, digits, '-' and '_'), alone on its
#: line: ``Tell-Us:`` told to become ``- id: Tell-Us`` was an E005 next, and ``tell-us: Tell us``,
#: a key with its value, no item written as a key (review FK).
_NAMED_KEY = re.compile(r"^( *)[a-z][a-z0-9_-]*:\s*(#.*)?$")


#: A key that is no id (``Tell-Us:``, ``12:``, ``étape-un:``) alone on its line.
_LOOSE_KEY = re.compile(r"^( *)([^\s#:'\"\[{&*!|>%@`-][^:#]*?):\s*(#.*)?$")


def _named_by_key(lines: list[str], owner: str, key: int, line: int, first: tuple[int, str], mine: int) -> Optional[Hint]:
    """The first item of ``owner``'s list written as a key that is no id (``Tell-Us:``), its fields
    under it: told to write it as an item named so, whose id is made from its name, or, where it has
    a ``name:``, with the id made from the key. Told to become ``- id: Tell-Us``, it was an E005
    next; told nothing, the next item was sent into its touch-points (review FK)."""
    number, text = first
    found = _LOOSE_KEY.match(text)
    if found is None or len(found.group(1)) not in (mine, mine + 2) or found.group(2).strip() in _ITEM_KEYS:
        return None
    said, named = found.group(2).strip(), _has_name(lines, number)
    made = slugify(said)
    if said.isdigit() or (named and not (is_slug(made) and not made.isdigit())):
        return None  # `- id: 12` or `- name: 12` is a number to YAML, an E005 next
    # with a `name:` of its own, the key was its id: the id it would make (`Tell-Us` -> tell-us)
    written = f"- id: {made}`, its fields lined up under `id:`" if named else (
        f"- name: {said}` (its id is made from its name), its fields lined up under `name:`")
    return Hint(f"`{owner}:` (line {key}) holds a list (line {line} is an item of it), but the first item, at this "
                f"line, is written as a key, `{said}:`, with its fields under it: write it as `{' ' * mine}{written}",
                number, len(found.group(1)) + 1)


def _has_name(lines: list[str], number: int) -> bool:
    """Whether the key at line ``number`` has a ``name:`` among its own fields (those lined up
    with the first line under it; not a touch-point's further in)."""
    column = len(lines[number - 1]) - len(lines[number - 1].lstrip(" "))
    fields: Optional[int] = None
    for text in lines[number:]:
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        indent = len(text) - len(text.lstrip(" "))
        if indent <= column:
            return False
        fields = indent if fields is None else fields
        if indent == fields and text.strip().startswith("name:"):
            return True
    return False
